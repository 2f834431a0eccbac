#!/bin/sh
# Installs the Debian packages parplan needs to build, run and test, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command and fails, so `make run` and
# `make test` work on a fresh Debian 12 machine without a separate install step.
set -eu
PKGS="build-essential pkg-config tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet libtesseract-dev libleptonica-dev
libpcre2-dev libsqlite3-dev sqlite3 libutf8proc-dev libpoppler-glib-dev libcairo2-dev poppler-utils
libssl-dev libjansson-dev libmicrohttpd-dev ocrmypdf fonts-dejavu-core parallel valgrind bc time
libzip-dev libxml2-dev antiword catdoc
hunspell-vi libreoffice-help-vi maint-guide-vi manpages-vi chromium chromium-driver
gettext libreoffice-l10n-vi gcc-12-locales util-linux-locales libc-l10n iso-codes git xkb-data"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run as root:  sudo apt-get update && sudo $cmd" >&2
    exit 1
fi
