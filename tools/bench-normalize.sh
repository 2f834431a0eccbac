#!/bin/sh
# tools/bench-normalize.sh — throughput of bin/parplan-normalize in filter mode (MB/s) on Vietnamese
# administrative text, without restoration (decode + NFC + tone style) and with --restore on the same
# text stripped of its diacritics, plus the language model's load time (mmap + index).
#   PARPLAN_BIN (default bin), PARPLAN_BUILD (default build/release), BENCH_MB (default 8)
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
export PARPLAN_LM="${PARPLAN_LM:-$BUILD/lm/vi.lm}"
MB="${BENCH_MB:-8}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

src="tests/data/normalize/passage.txt"
: > "$tmp/text.txt"
while [ "$(wc -c < "$tmp/text.txt")" -lt $((MB * 1048576)) ]; do
    cat "$src" "$src" "$src" "$src" "$src" "$src" "$src" "$src" >> "$tmp/text.txt"
done
# the same text without diacritics (what restoration gets)
"$BIN/parplan-normalize" --from utf-8 -q < "$tmp/text.txt" | iconv -f UTF-8 -t ASCII//TRANSLIT 2>/dev/null \
    | sed 's/?//g' > "$tmp/plain.txt" || true
bytes=$(wc -c < "$tmp/text.txt")
pbytes=$(wc -c < "$tmp/plain.txt")

now() { date +%s.%N; }
rate() { awk -v b="$1" -v s="$2" -v e="$3" 'BEGIN { t = e - s; printf "%.1f MB/s (%.2f s for %.1f MB)", b / 1e6 / t, t, b / 1e6 }'; }

t0=$(now); "$BIN/parplan-normalize" --from utf-8 -q < "$tmp/text.txt" > /dev/null; t1=$(now)
echo "normalize (NFC, tone style, no restoration): $(rate "$bytes" "$t0" "$t1")"
t0=$(now); "$BIN/parplan-normalize" -q < "$tmp/text.txt" > /dev/null; t1=$(now)
echo "normalize with encoding detection:           $(rate "$bytes" "$t0" "$t1")"
if [ -f "$PARPLAN_LM" ]; then
    t0=$(now); "$BIN/parplan-normalize" --restore --from utf-8 -q < "$tmp/plain.txt" > /dev/null; t1=$(now)
    echo "normalize --restore (stripped text):         $(rate "$pbytes" "$t0" "$t1")"
    # load time: a run on empty input with the model minus one without it, over 20 runs
    t0=$(now); i=0; while [ $i -lt 20 ]; do "$BIN/parplan-normalize" --from utf-8 -q - < /dev/null > /dev/null; i=$((i + 1)); done; t1=$(now)
    t2=$(now); i=0; while [ $i -lt 20 ]; do "$BIN/parplan-normalize" --restore --from utf-8 -q - < /dev/null > /dev/null; i=$((i + 1)); done; t3=$(now)
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v f="$(wc -c < "$PARPLAN_LM")" 'BEGIN {
        l = ((d - c) - (b - a)) / 20 * 1000; if (l < 0) l = 0;
        printf "model load: %.2f ms (%.0f KB, mmap)\n", l, f / 1024 }'
else
    echo "normalize --restore: skipped (no model at $PARPLAN_LM; run make)"
fi
