#!/bin/sh
# mktables.sh — makes the ruled-table samples (samples/tables/) from their layout specs: renders each
# samples/tables/NAME.spec with tools/mktables (cairo), ages every page with tools/mkscan like a real
# scan, and packs them.  Deterministic (fixed seeds and angles): two runs give identical bytes.
#
#   tools/mktables.sh [--out DIR]
#
# Writes, per spec:
#   appendix-01.pdf          2 aged grey JPEG pages (250 dpi, rotated -1.2 and +0.8 degrees)
#                            in an image-only PDF: a 7-column table crossing the page break
#   appendix-02.jpg          one aged page at 250 dpi rotated 1.5 degrees: a 6-column table with a
#                            vertical rule missing
#   NAME.cells.tsv           ground truth per cell (see tools/mktables.c and samples/tables/README.md)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/samples/tables"
while [ $# -gt 0 ]; do
    case "$1" in
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: tools/mktables.sh [--out DIR]" >&2; exit 2 ;;
    esac
done
mkdir -p "$OUT"
B="$ROOT/build/release/tools"
(cd "$ROOT" && make -s "build/release/tools/mktables" "build/release/tools/mkscan" >&2)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mktables.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
AGE="--blur 0.8 --noise 2.5 --quality 72 --specks 12"

# appendix-01: two pages in one PDF (the table continues onto page 2 without its header)
"$B/mktables" "$ROOT/samples/tables/appendix-01.spec" "$TMP/a1" >/dev/null
cp "$TMP/a1.cells.tsv" "$OUT/appendix-01.cells.tsv"
# shellcheck disable=SC2086
"$B/mkscan" age "$TMP/a1-p1.png" "$TMP/a1-p1.jpg" --seed 4101 --angle -1.2 --dpi 250 $AGE
# shellcheck disable=SC2086
"$B/mkscan" age "$TMP/a1-p2.png" "$TMP/a1-p2.jpg" --seed 4102 --angle 0.8 --dpi 250 $AGE
"$B/mkscan" pdf "$OUT/appendix-01.pdf" "$TMP/a1-p1.jpg" "$TMP/a1-p2.jpg"

# appendix-02: one page, rotated 1.5 degrees, a vertical rule missing
"$B/mktables" "$ROOT/samples/tables/appendix-02.spec" "$TMP/a2" >/dev/null
cp "$TMP/a2.cells.tsv" "$OUT/appendix-02.cells.tsv"
# shellcheck disable=SC2086
"$B/mkscan" age "$TMP/a2-p1.png" "$OUT/appendix-02.jpg" --seed 4201 --angle 1.5 --dpi 250 $AGE
echo "mktables: wrote $OUT"
