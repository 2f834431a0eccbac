#!/bin/sh
# bench-extract.sh — parplan-extract throughput on text: loads ~SIZE_MB of plan text (samples/text and,
# when present, ../shared/seeds, each text its own document, repeated with a changing first line) and
# prints the MB/s of extract runs (one core: extract is single-threaded), by their CPU time (user +
# system, from /usr/bin/time or the shell's times) so that a loaded machine does not distort them; the
# wall time is printed beside it.  Each of RUNS runs extracts a fresh copy of the loaded database; every
# run is printed, then the best and the median (a shared virtual machine's neighbours can slow one run
# by a third: the best is what the code does, the median what to expect).
#   PARPLAN_BIN (default bin), SIZE_MB (default 40), RUNS (default 5: a median of three moved by a
#   tenth when one run met a busy neighbour)
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
copies=$(( SIZE_MB * 1048576 / one + 1 ))
mkdir "$tmp/in"
# every source text is its own document in every copy (a plan's kind of text decides which code runs:
# tables, labelled prose, or OCR'd columns to recover), each copy with its own first line
i=0
while [ $i -lt $copies ]; do
    k=0
    # shellcheck disable=SC2086
    for f in $src; do
        { echo "Bản sao $i.$k"; cat "$f"; } >"$tmp/in/d$i-$k.txt"
        k=$((k + 1))
    done
    i=$((i + 1))
done
bytes=$(cat "$tmp"/in/*.txt | wc -c)
"$BIN/parplan-ocr" -q --db "$tmp/loaded.db" "$tmp/in"
RUNS=${RUNS:-5}
run=0
: >"$tmp/runs"
while [ $run -lt "$RUNS" ]; do
    run=$((run + 1))
    rm -f "$tmp/b.db" "$tmp/b.db-wal" "$tmp/b.db-shm"
    cp "$tmp/loaded.db" "$tmp/b.db"
    # dirty pages go to the disk now, not during the run: the copy's (extract's first checkpoint would
    # otherwise write all of them in its fdatasync, counted as extract's time) and what an earlier
    # benchmark left (make bench runs the bulk load just before)
    sync
    start=$(date +%s.%N)
    # CPU seconds of the extract run: /usr/bin/time when present, else the shell's children times
    # (times prints them on its second line, summed over every child so far: the difference is taken)
    if [ -x /usr/bin/time ]; then
        PARPLAN_RULES=${PARPLAN_RULES:-rules} /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$BIN/parplan-extract" -q --db "$tmp/b.db"
        cpu=$(awk '{ print $1 + $2 }' "$tmp/cpu")
    else
        before=$(times | awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }')
        PARPLAN_RULES=${PARPLAN_RULES:-rules} "$BIN/parplan-extract" -q --db "$tmp/b.db"
        cpu=$(times | awk -v b="$before" 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 - b }')
    fi
    end=$(date +%s.%N)
    awk -v r="$run" -v b="$bytes" -v c="$cpu" -v s="$start" -v e="$end" 'BEGIN { if (c <= 0) c = 0.001
        printf "extract run %d: %.1f MB in %.2f s CPU (%.2f s wall) = %.1f MB/s per core\n", r, b / 1048576, c, e - s, b / 1048576 / c }'
    echo "$cpu" >>"$tmp/runs"
done
sort -n "$tmp/runs" | awk -v b="$bytes" '{ t[NR] = $1 } END { if (t[1] <= 0) t[1] = 0.001
    m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "extract: %.1f MB, %d runs: best %.1f MB/s, median %.1f MB/s per core (goal: 20)\n", b / 1048576, NR,
        b / 1048576 / t[1], b / 1048576 / m }'
