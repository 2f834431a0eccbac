#!/bin/sh
# tools/bench-normalize.sh — throughput of bin/parplan-normalize in filter mode (MB/s) on Vietnamese
# administrative text (tests/data/normalize/passage.txt, rules/corpus/*.txt and the sample pages' ground
# truth, repeated to BENCH_MB), without restoration (decode + NFC + tone style) and with --restore on the
# same text stripped of every mark and đ (as tools/restore-eval.sh strips), typed (--typed) and through
# the OCR channel (the default for standard input), plus the language model's load time (mmap + index).
# Each figure is the best of BENCH_RUNS runs (the machine is shared: the best run is the least disturbed
# one); callgrind's instruction counts are the steadier comparison (docs/normalize.md).
#   PARPLAN_BIN (default bin), PARPLAN_BUILD (default build/release), BENCH_MB (default 8), BENCH_RUNS (3)
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
export PARPLAN_LM="${PARPLAN_LM:-$BUILD/lm/vi.lm}"
MB="${BENCH_MB:-8}"
RUNS="${BENCH_RUNS:-3}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

cat tests/data/normalize/passage.txt rules/corpus/*.txt $(ls samples/scans/*.gt.txt | grep -v aged) > "$tmp/src.txt"
: > "$tmp/text.txt"
while [ "$(wc -c < "$tmp/text.txt")" -lt $((MB * 1048576)) ]; do
    cat "$tmp/src.txt" "$tmp/src.txt" "$tmp/src.txt" "$tmp/src.txt" >> "$tmp/text.txt"
done
# the same text without diacritics (what restoration gets)
"$BIN/parplan-normalize" --from utf-8 -q < "$tmp/text.txt" |
    perl -CSD -MUnicode::Normalize -pe '$_ = NFD($_); s/\pM//g; tr/\x{111}\x{110}/dD/; $_ = NFC($_)' > "$tmp/plain.txt"
bytes=$(wc -c < "$tmp/text.txt")
pbytes=$(wc -c < "$tmp/plain.txt")

now() { date +%s.%N; }
rate() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f MB/s (%.2f s for %.1f MB)", b / 1e6 / t, t, b / 1e6 }'; }
# best IN ARGS...: the shortest of RUNS runs of parplan-normalize ARGS < IN, in seconds
best() {
    in=$1
    shift
    b=
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(now); "$BIN/parplan-normalize" "$@" < "$in" > /dev/null; t1=$(now)
        b=$(awk -v s="$t0" -v e="$t1" -v b="$b" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
        i=$((i + 1))
    done
    echo "$b"
}

echo "normalize (NFC, tone style, no restoration): $(rate "$bytes" "$(best "$tmp/text.txt" --from utf-8 -q)")"
echo "normalize with encoding detection:           $(rate "$bytes" "$(best "$tmp/text.txt" -q)")"
if [ -f "$PARPLAN_LM" ]; then
    echo "restoration, typed (stripped text, --typed):  $(rate "$pbytes" "$(best "$tmp/plain.txt" --restore --typed --from utf-8 -q)") (goal >= 5 MB/s)"
    echo "restoration, OCR channel (stripped text):     $(rate "$pbytes" "$(best "$tmp/plain.txt" --restore --from utf-8 -q)") (goal >= 5 MB/s)"
    # load time: a run on empty input with the model minus one without it, over 20 runs
    t0=$(now); i=0; while [ $i -lt 20 ]; do "$BIN/parplan-normalize" --from utf-8 -q - < /dev/null > /dev/null; i=$((i + 1)); done; t1=$(now)
    t2=$(now); i=0; while [ $i -lt 20 ]; do "$BIN/parplan-normalize" --restore --from utf-8 -q - < /dev/null > /dev/null; i=$((i + 1)); done; t3=$(now)
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v f="$(wc -c < "$PARPLAN_LM")" 'BEGIN {
        l = ((d - c) - (b - a)) / 20 * 1000; if (l < 0) l = 0;
        printf "model load: %.2f ms (%.0f KB, mmap)\n", l, f / 1024 }'
else
    echo "normalize --restore: skipped (no model at $PARPLAN_LM; run make)"
fi
