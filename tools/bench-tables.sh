#!/bin/sh
# bench-tables.sh — ruled tables: cells recovered by parplan-ocr beside the plain Tesseract page text.
#
# On the aged table samples (samples/tables/*.pdf|*.jpg with NAME.cells.tsv ground truth):
#   parplan-ocr   a ground-truth cell is recovered when the table at its page and place has a cell at the
#                 same row and column with the same spans; cell CER is the character error rate of the
#                 recovered cells' text (tools/cer: NFC, whitespace runs collapsed), missing cells
#                 counting as wholly wrong; "exact" counts cells whose text is exactly right.
#   tesseract     the CLI on the same page images (OMP_THREAD_LIMIT=1, -l vie, default layout): a cell
#                 counts when its exact text is found contiguous in the page text (whitespace collapsed),
#                 i.e. not interleaved with its neighbours.
# Exits 1 when parplan-ocr recovers under 95 % of the cells or the cell CER is over 2 %.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
CER="$BUILD/tools/cer"
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bench-tables.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export OMP_THREAD_LIMIT=1
S=samples/tables
[ -x "$CER" ] || { echo "bench-tables: $CER missing (make)" >&2; exit 1; }

inputs=""
for gt in "$S"/*.cells.tsv; do
    b=${gt%.cells.tsv}
    for ext in pdf jpg tif png; do [ -f "$b.$ext" ] && inputs="$inputs $b.$ext" && break; done
done
[ -n "$inputs" ] || { echo "bench-tables: no table samples in $S" >&2; exit 1; }
t0=$(date +%s.%N)
# shellcheck disable=SC2086
"$BIN/parplan-ocr" -q -j 2 --db "$W/t.db" $inputs
t1=$(date +%s.%N)
npages=$(sqlite3 "$W/t.db" "select count(*) from pages")

norm() { tr '\t\n\r' '   ' | tr -s ' ' | sed 's/^ //; s/ $//'; }
: > "$W/list"
total=0 found=0 exact=0 cli=0 i=0
for f in $inputs; do
    base=${f%.*}; name=$(basename "$base")
    # page images for the CLI
    case "$f" in
    *.pdf) pdftoppm -r 250 -gray -png "$f" "$W/$name" ;;
    *) cp "$f" "$W/$name-1.${f##*.}" ;;
    esac
    for img in "$W/$name"-*.*; do
        k=${img##*-}; k=${k%%.*}; k=$((k + 0))
        tesseract "$img" - -l vie 2>/dev/null | norm > "$W/$name.cli$k.txt"
    done
    # one line per ground-truth cell: page table row col rowspan colspan text
    tail -n +2 "$base.cells.tsv" > "$W/$name.gt"
    while IFS="$(printf '\t')" read -r page tab row col rs cs text; do
        i=$((i + 1)); total=$((total + 1))
        printf '%s\n' "$text" > "$W/ref$i"
        got=$(sqlite3 -batch -noheader "$W/t.db" "select c.text from cells c join tables t on t.id=c.table_id
            join pages p on p.id=t.page_id join documents d on d.id=p.document_id
            where d.source='$f' and p.number=$page and t.number=$tab and c.row=$row and c.col=$col
            and c.row_span=$rs and c.col_span=$cs" | norm)
        printf '%s\n' "$got" > "$W/hyp$i"
        [ -n "$got" ] && found=$((found + 1))
        [ "$got" = "$text" ] && exact=$((exact + 1))
        printf '%s\t%s\n' "$W/ref$i" "$W/hyp$i" >> "$W/list"
        # 1-based pages in the pdftoppm names; single images are page 1
        cliname="$W/$name.cli$page.txt"
        [ -f "$cliname" ] || cliname=$(ls "$W/$name".cli*.txt | sed -n "${page}p")
        if [ -n "$cliname" ] && grep -qF -- "$text" "$cliname"; then cli=$((cli + 1)); fi
    done < "$W/$name.gt"
done
cer=$("$CER" --list "$W/list" | tail -1 | sed 's/.*cer=//')
pct() { echo "scale=1; 100 * $1 / $2" | bc -l; }
secs=$(echo "$t1 - $t0" | bc -l)
echo "Table benchmark: $(echo $inputs | wc -w) documents, $npages pages, $total ground-truth cells"
printf '  %-34s cells at right row/col %5s %%  exact text %5s %%  cell CER %s  (%.1f s)\n' \
    "parplan-ocr (cell by cell)" "$(pct $found $total)" "$(pct $exact $total)" "$cer" "$secs"
printf '  %-34s cells contiguous in page text          %5s %%\n' "tesseract CLI (page text)" "$(pct $cli $total)"
ok=$(echo "$found * 100 >= 95 * $total && $cer <= 0.02" | bc -l)
[ "$ok" = 1 ]
