#!/bin/sh
# tools/lm-corpus.sh — prints the Vietnamese text of Debian packages as plain UTF-8 lines, the general
# corpus of the restoration model (mk/lm.mk): LibreOffice's Vietnamese help (HTML), the Debian New
# Maintainers' Guide (HTML), the Vietnamese man pages (roff), and the Vietnamese message catalogues
# (.mo, read with msgunfmt: only the translations, msgstr) of a fixed list of packages that
# tools/deps.sh installs — a fixed list, not whatever the machine has, so every machine builds the same
# model.  Markup is stripped crudely: words broken by it only cut an n-gram context, which lmbuild
# tolerates.  Missing packages are skipped.
set -u
# packages whose vi .mo catalogues are read (LibreOffice's UI, the GNU tools translated by the
# Vietnamese team, Git, GTK, ISO country and subdivision names)
MO_PKGS="libreoffice-l10n-vi git gcc-12-locales coreutils util-linux-locales binutils-common libgtk-3-common
libc-l10n bash dpkg gettext libglib2.0-data iso-codes wget tar grep sed findutils diffutils apt
libapt-pkg6.0 man-db xkb-data"
html() {
    sed -e 's/<[^>]*>/ /g' -e 's/&nbsp;/ /g' -e 's/&amp;/\&/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' \
        -e 's/&quot;/"/g' -e 's/&[a-z#0-9]*;/ /g' "$@"
}
if [ -d /usr/share/libreoffice/help/vi ]; then
    find /usr/share/libreoffice/help/vi -name '*.html' -print0 | sort -z | xargs -0 -r cat | html
fi
if [ -d /usr/share/doc/maint-guide-vi/html ]; then
    find /usr/share/doc/maint-guide-vi/html -name '*.html' | sort | while read -r f; do html "$f"; done
fi
if [ -d /usr/share/man/vi ]; then
    find /usr/share/man/vi -name '*.gz' | sort | while read -r f; do
        zcat "$f" | sed -e '/^\.\\"/d' -e 's/^\.[A-Za-z]*[ ]*//' -e 's/\\f[BIRP]//g' -e 's/\\(..//g' -e 's/\\-/-/g'
    done
fi
if command -v msgunfmt >/dev/null 2>&1; then
    for p in $MO_PKGS; do
        dpkg -L "$p" 2>/dev/null | grep '/vi/LC_MESSAGES/[^/]*\.mo$' | sort
    done | while read -r f; do
        # msgstr "..." and its continuation lines; escapes and printf formats become spaces
        msgunfmt "$f" 2>/dev/null | awk '/^msgstr/ { p = 1 } /^msgid|^msgctxt/ { p = 0 } p' |
            sed -e 's/^msgstr[^"]*"//' -e 's/^"//' -e 's/"$//' -e 's/\\[nt]/ /g' -e 's/\\"/"/g' \
                -e 's/%[-+ #0-9.$]*[a-zA-Z]/ /g'
    done
fi
exit 0
