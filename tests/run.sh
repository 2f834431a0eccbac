#!/bin/sh
# Runs every test: the unit programs (build/*/tests/<folder>/test_*, from tests/unit/<folder>/) and the end-to-end scripts (tests/e2e/*.sh).
# Each unit program prints TAP; each e2e script exits 0 (pass), 77 (skip) or anything else (fail).
# Prints one line per test program and ends with "N passed, N failed, N skipped".
#   PARPLAN_BIN     directory of the programs under test (default bin)
#   PARPLAN_BUILD   build directory holding tests/ (default build/release)
#   PARPLAN_VALGRIND=1  run everything under valgrind memcheck (leaks are errors)
#   TESTS           a space-separated subset of test names to run (default: all)
set -u
cd "$(dirname "$0")/.." || exit 2
export PARPLAN_BIN="${PARPLAN_BIN:-bin}"
export PARPLAN_BUILD="${PARPLAN_BUILD:-build/release}"
export PARPLAN_ROOT="$PWD"
# The rule files of this checkout, wherever the programs under test were built (bin/, build/san/bin/).
export PARPLAN_RULES="${PARPLAN_RULES:-$PWD/rules}"
export PARPLAN_SHARED="${PARPLAN_SHARED:-$PWD/../shared}"
case "$PARPLAN_BIN" in /*) ;; *) PARPLAN_BIN="$PWD/$PARPLAN_BIN" ;; esac
case "$PARPLAN_BUILD" in /*) ;; *) PARPLAN_BUILD="$PWD/$PARPLAN_BUILD" ;; esac
if [ "${PARPLAN_VALGRIND:-0}" = 1 ]; then
    export PARPLAN_WRAP="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$PWD/tests/valgrind.supp"
else
    export PARPLAN_WRAP="${PARPLAN_WRAP:-}"
fi
TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/parplan-test.XXXXXX")
trap 'rm -rf "$TMPROOT"' EXIT INT TERM
pass=0 fail=0 skip=0 failed_names=""
want() { [ -z "${TESTS:-}" ] && return 0; for w in $TESTS; do [ "$w" = "$1" ] && return 0; done; return 1; }

for t in "$PARPLAN_BUILD"/tests/*/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t"); want "$name" || continue
    folder=$(basename "$(dirname "$t")")
    # run alone (not through make test), this script does not build: say when a program is older than
    # what it is built from, rather than report an old build's answer as today's
    if [ "tests/unit/$folder/$name.c" -nt "$t" ] || [ "$PARPLAN_BUILD/libparplan.a" -nt "$t" ]; then
        echo "STALE $name: older than tests/unit/$folder/$name.c or the library (make units)"
    fi
    log="$TMPROOT/$name.log"
    # shellcheck disable=SC2086
    (cd "$TMPROOT" && $PARPLAN_WRAP "$t") >"$log" 2>&1; rc=$?
    if grep -q '^1\.\.0 # SKIP' "$log"; then
        skip=$((skip + 1)); echo "SKIP $name: $(sed -n 's/^1\.\.0 # SKIP //p' "$log")"
    elif [ $rc -eq 0 ] && ! grep -q '^not ok' "$log"; then
        pass=$((pass + 1)); echo "PASS $name ($(grep -c '^ok' "$log") checks)"
    else
        fail=$((fail + 1)); failed_names="$failed_names $name"; echo "FAIL $name (exit $rc)"; sed 's/^/    /' "$log" | grep -v '^    ok ' | tail -40
    fi
done

for t in tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh); [ "$name" = lib ] && continue; want "$name" || continue
    log="$TMPROOT/$name.log"
    work="$TMPROOT/$name.d"; mkdir -p "$work"
    start=$(date +%s)
    TEST_TMP="$work" sh "$t" >"$log" 2>&1; rc=$?
    secs=$(( $(date +%s) - start ))
    if [ $rc -eq 77 ]; then
        skip=$((skip + 1)); echo "SKIP $name: $(tail -1 "$log")"
    elif [ $rc -eq 0 ]; then
        pass=$((pass + 1)); echo "PASS $name (${secs}s)"
        grep '^REPORT' "$log" | sed 's/^/    /'
    else
        fail=$((fail + 1)); failed_names="$failed_names $name"; echo "FAIL $name (exit $rc, ${secs}s)"; sed 's/^/    /' "$log" | tail -40
    fi
done

[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
