#!/bin/sh
# make check-layers — the layer rule of docs/architecture.md, checked on the tree.
#
#   1. every source of the library is in a folder of src/lib/ (no src/lib/*.c, src/lib/*.h);
#   2. every include of a library header names its folder ("core/strbuf.h"), and a folder includes only
#      itself and the folders below it (ALLOWED below: the rule as data);
#   3. no include cycle between files;
#   4. no .c file in src/ over 900 lines;
#   5. every library file opens with a comment naming itself and its prefix:
#      /* folder/file.h (prefix xx_) — ...   or (prefixes a_, b_), or (no functions).
# Prints each violation as "file:line: message" and exits 1 when there is one.
set -u
cd "$(dirname "$0")/.." || exit 2
LIB=src/lib
MAXLINES=900

# folder: the folders it may include besides itself.  Layer 0 core; 1 text, db, scan (foundations that
# never include each other); 2 match; 3 the stages ocr, normalize, extract, records (never each other);
# 4 audit, which shows records beside their page images.
allowed() {
    case "$1" in
    core) echo "" ;;
    text | db | scan) echo "core" ;;
    match) echo "core text" ;;
    ocr | normalize | extract | records) echo "core text db scan match" ;;
    audit) echo "core text db scan match records" ;;
    *) echo "?" ;;
    esac
}

bad=0
say() { echo "$*"; bad=1; }

for f in $LIB/*.c $LIB/*.h; do
    [ -e "$f" ] && say "$f:1: library file outside a folder of $LIB/"
done

edges=$(mktemp "${TMPDIR:-/tmp}/layers.XXXXXX")
trap 'rm -f "$edges"' EXIT INT TERM
for f in $(find $LIB -mindepth 2 -name '*.[ch]' | sort); do
    rel=${f#$LIB/}
    dir=${rel%%/*}
    ok=$(allowed "$dir")
    [ "$ok" = "?" ] && say "$f:1: folder $dir/ is not in the layer rule (tools/check-layers.sh, docs/architecture.md)"
    head -1 "$f" | grep -Eq "^/\* $rel \((prefix [a-z0-9_]+_|prefixes [a-z0-9_, ]+|no functions)\)" ||
        say "$f:1: first line must be /* $rel (prefix xx_) — what it is for"
    # includes: line number and target of every #include "..."
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed 's/^\([0-9]*\):.*"\(.*\)".*/\1 \2/' |
    while read -r ln inc; do
        case "$inc" in
        */*) ;;
        *) echo "$f:$ln: #include \"$inc\" must name its folder"; continue ;;
        esac
        to=${inc%%/*}
        [ -f "$LIB/$inc" ] || { echo "$f:$ln: #include \"$inc\": no such library header"; continue; }
        if [ "$to" != "$dir" ]; then
            case " $ok " in
            *" $to "*) ;;
            *) echo "$f:$ln: $dir/ may not include $to/ (layer rule: $dir/ uses ${ok:-nothing})" ;;
            esac
        fi
        echo "$rel $inc" >>"$edges"
    done
done > "$edges.out"
if [ -s "$edges.out" ]; then cat "$edges.out"; bad=1; fi
rm -f "$edges.out"

# Include cycles: tsort reports a loop on stderr.
cycles=$(tsort "$edges" 2>&1 >/dev/null | grep -v 'input contains a loop' | sed 's/^tsort: */  /')
[ -n "$cycles" ] && say "include cycle between:
$cycles"

for f in $(find src -name '*.c' | sort); do
    n=$(wc -l <"$f")
    [ "$n" -gt $MAXLINES ] && say "$f:$n: $n lines; split it at its seams (at most $MAXLINES)"
done

if [ $bad -eq 0 ]; then
    echo "check-layers: $(find $LIB -mindepth 2 -name '*.[ch]' | wc -l) files in $(find $LIB -mindepth 1 -maxdepth 1 -type d | wc -l) folders follow the layer rule"
fi
exit $bad
