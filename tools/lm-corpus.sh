#!/bin/sh
# tools/lm-corpus.sh — prints the Vietnamese text of Debian packages as plain UTF-8 lines, the general
# corpus of the restoration model (mk/lm.mk): LibreOffice's Vietnamese help (HTML), the Debian New
# Maintainers' Guide (HTML) and the Vietnamese man pages (roff).  Markup is stripped crudely: words
# broken by it only cut a bigram context, which lmbuild tolerates.  Missing packages are skipped.
set -u
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
exit 0
