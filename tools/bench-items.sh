#!/bin/sh
# bench-items.sh — one document of 10,000 numbered tasks (each with a lead and a deadline line) through
# parplan-ocr, parplan-extract and parplan-records: seconds and peak resident size of each (issue 19:
# records were quadratic in a document's items, 4.5 minutes for this document before the review
# lookups of a document nobody reviewed were skipped).  Run by make bench (tools/bench.sh).
#   PARPLAN_BIN (default bin), ITEMS (default 10000)
set -eu
cd "$(dirname "$0")/.."
BIN=${PARPLAN_BIN:-bin}
ITEMS=${ITEMS:-10000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pp-items.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
{
    printf 'KẾ HOẠCH\nThực hiện nhiệm vụ cải cách hành chính\n\nII. NHIỆM VỤ\n'
    i=1
    while [ "$i" -le "$ITEMS" ]; do
        printf '%d. Nhiệm vụ số %d về cải cách hành chính\n- Đơn vị chủ trì: Sở Nội vụ\n- Thời gian hoàn thành: Quý II/2025\n' "$i" "$i"
        i=$((i + 1))
    done
} >"$tmp/big.txt"
echo "One document of $ITEMS items ($(wc -c <"$tmp/big.txt") bytes)"
printf '  %-18s %9s %14s\n' stage seconds "peak RSS (MB)"
step() {
    name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; echo "  $name failed"; return 1; }
    read -r s kb <"$tmp/t"
    printf '  %-18s %9s %14s\n' "$name" "$s" "$(echo "scale=1; $kb / 1024" | bc)"
}
step parplan-ocr "$BIN/parplan-ocr" -q --db "$tmp/b.db" "$tmp/big.txt"
step parplan-extract "$BIN/parplan-extract" -q --db "$tmp/b.db"
step parplan-records "$BIN/parplan-records" --db "$tmp/b.db" -o "$tmp/r.jsonl"
echo "  items: $(sqlite3 "$tmp/b.db" 'select count(*) from items')"
