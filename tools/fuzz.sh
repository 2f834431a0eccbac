#!/bin/bash
# fuzz.sh SECONDS [TARGET...] — runs the libFuzzer targets (build/fuzz/bin/fuzz_*, or the ones named)
# for SECONDS each, two at a time,
# from a corpus seeded with samples/ and tests/ texts.  A crash is copied into
# tests/fuzz/regress/<target>/ (commit it once fixed: make test replays it).  Prints executions per target.
set -u
cd "$(dirname "$0")/.."
secs=${1:-60}
shift 2>/dev/null || true
mkdir -p build/fuzz/corpus build/fuzz/logs
export PARPLAN_RULES="$PWD/rules" PARPLAN_LM="$PWD/build/release/lm/vi.lm"
run_one() {
    t=$1
    c="build/fuzz/corpus/$t"
    mkdir -p "$c" "tests/fuzz/regress/$t"
    case $t in
        fuzz_rules) cp rules/*.rules "$c/" 2>/dev/null ;;
        fuzz_office) cp samples/office/*.docx samples/office/*.odt "$c/" 2>/dev/null ;;
        fuzz_image) cp tests/fuzz/seeds/fuzz_image/* "$c/" 2>/dev/null ;;
        *) cp samples/text/*.txt "$c/" 2>/dev/null; cp tests/data/extract/*.txt "$c/" 2>/dev/null ;;
    esac
    "build/fuzz/bin/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="tests/fuzz/regress/$t/" "$c" > "build/fuzz/logs/$t.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "build/fuzz/logs/$t.log" | tail -1)
    [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "build/fuzz/logs/$t.log" | tail -1 | tr -d '#')
    echo "$t: ${secs}s, ${execs:-?} executions, exit $rc$( [ $rc -ne 0 ] && echo ' (CRASH: see build/fuzz/logs/'$t'.log)')"
}
[ $# -gt 0 ] || set -- $(cd build/fuzz/bin && ls fuzz_*)
for t in "$@"; do
    run_one "$t" &
    [ "$(jobs -p | wc -l)" -ge 2 ] && wait -n || true
done
wait
