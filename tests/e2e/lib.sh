# tests/e2e/lib.sh — helpers sourced by the end-to-end scripts (not a test itself: it has no main).
# Each script runs in $TEST_TMP, calls programs through run_bin (which honours PARPLAN_WRAP for valgrind),
# and fails with `die`.  Exit 77 means skipped.
set -u
: "${PARPLAN_BIN:?run through tests/run.sh}"
: "${TEST_TMP:?run through tests/run.sh}"
ROOT="$PARPLAN_ROOT"
SHARED="$PARPLAN_SHARED"
cd "$TEST_TMP" || exit 2

die() { echo "FAIL: $*"; exit 1; }
skip() { echo "skipped: $*"; exit 77; }
note() { echo "# $*"; }
run_bin() { prog=$1; shift; $PARPLAN_WRAP "$PARPLAN_BIN/$prog" "$@"; }
# expect_exit CODE CMD... : runs CMD, checks its exit status, keeps stderr in $TEST_TMP/err
expect_exit() {
    want=$1; shift
    "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"; got=$?
    [ "$got" -eq "$want" ] || { cat "$TEST_TMP/err"; die "expected exit $want, got $got: $*"; }
}
sql() { sqlite3 -batch -noheader "$1" "$2"; }
# A stable dump of a database's rows (without run bookkeeping and timestamps) to compare two databases.
db_rows() {
    sqlite3 -batch "$1" "select source,hash,format,bytes,encoding,page_count from documents order by hash;
        select d.hash,p.number,p.hash,p.method,p.width,p.height,p.dpi,p.text from pages p join documents d on d.id=p.document_id order by d.hash,p.number;
        select count(*) from lines; select count(*) from words;"
}
