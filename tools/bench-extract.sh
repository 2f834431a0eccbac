#!/bin/sh
# bench-extract.sh — parplan-extract throughput on text: loads ~SIZE_MB of plan text (samples/text and,
# when present, ../shared/seeds, repeated with a changing header so every copy is its own document) and
# prints the MB/s of one extract run (one core: extract is single-threaded).
#   PARPLAN_BIN (default bin), SIZE_MB (default 40)
set -eu
cd "$(dirname "$0")/.."
BIN=${PARPLAN_BIN:-bin}
SIZE_MB=${SIZE_MB:-40}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pp-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
src="samples/text/*.txt"
[ -d ../shared/seeds ] && src="$src ../shared/seeds/*.txt"
# shellcheck disable=SC2086
cat $src >"$tmp/one"
one=$(wc -c <"$tmp/one")
copies=$(( SIZE_MB * 1048576 / one / 20 + 1 ))
mkdir "$tmp/in"
i=0
while [ $i -lt 20 ]; do
    j=0
    : >"$tmp/in/doc$i.txt"
    while [ $j -lt $copies ]; do
        echo "Bản sao $i.$j" >>"$tmp/in/doc$i.txt"
        cat "$tmp/one" >>"$tmp/in/doc$i.txt"
        j=$((j + 1))
    done
    i=$((i + 1))
done
bytes=$(cat "$tmp"/in/*.txt | wc -c)
"$BIN/parplan-ocr" -q --db "$tmp/b.db" "$tmp"/in/*.txt
start=$(date +%s.%N)
PARPLAN_RULES=${PARPLAN_RULES:-rules} "$BIN/parplan-extract" -q --db "$tmp/b.db"
end=$(date +%s.%N)
awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "extract: %.1f MB in %.2f s = %.1f MB/s\n", b / 1048576, t, b / 1048576 / t }'
