#!/bin/sh
# tests/torture.sh — the fault-injection sweep of `make torture` (SQLite-style; core/fault.h, db/dbfault.h).
#
# For each stage (parplan-ocr on text files, parplan-normalize, parplan-extract, parplan-records) a small
# job is first run clean to count its events (allocations, and the database reads, writes, syncs,
# truncations and lock requests); then once per N, from a copy of the same starting database, with:
#   alloc   the N-th allocation failing (parplan's own and SQLite's); every third N also all later ones
#   ioerr   the N-th read, write, sync or truncation of the database failing with SQLITE_IOERR_*
#   full    the N-th write failing with SQLITE_FULL, and every later one (the disk stays full)
#   busy    the N-th lock request refused with SQLITE_BUSY; every other N all later ones
# Each faulted run must:
#   - exit with a documented code (0, 1, 4 for the database's faults, 8 for memory's), never crash, never
#     70, never leave a sanitizer report, and name its error on stderr ("PROGRAM: error: ...");
#   - leave a database that passes integrity_check and foreign_key_check, with every document whole or
#     absent (pages = page_count; all of a document's pages normalized or none; items = extractions.items);
#   - exit 0 only with everything written (the database's rows equal the clean run's; records file equal);
#   - leave records' -o file as it was when it fails;
# and the same command rerun without faults must then exit 0 and end with the clean run's rows.
#
#   PARPLAN_BIN    the fault-injecting programs (build/torture/bin; `make torture` builds them)
#   TORTURE_POINTS how many N per stage and kind beyond the first ones (default 6; the first 8 N of
#                  each kind are always run); the sweep's size is printed at the end
#   TORTURE_STAGES a subset of "ocr normalize extract records"
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
BIN=${PARPLAN_BIN:-build/torture/bin}
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
[ -x "$BIN/parplan-ocr" ] || { echo "torture: no fault-injecting programs in $BIN (run make torture)" >&2; exit 2; }
export PARPLAN_RULES="${PARPLAN_RULES:-$ROOT/rules}"
export PARPLAN_BUSY_TIMEOUT_MS=300 OMP_THREAD_LIMIT=1
POINTS=${TORTURE_POINTS:-6}
FIRST=8
STAGES=${TORTURE_STAGES:-ocr normalize extract records}
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-torture.XXXXXX")
trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT TERM
cd "$W" || exit 2
unset PARPLAN_FAULT_ALLOC PARPLAN_FAULT_IO PARPLAN_FAULT_COUNT

fails=0 runs=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Three small plans; one is loaded before the OCR stage's job so a failure has something to leave alone.
cp "$ROOT/samples/text/plan-05.txt" a.txt
cp "$ROOT/samples/text/plan-06.txt" b.txt
cp "$ROOT/samples/text/plan-08.txt" c.txt

# The command of each stage's job, run in $W against the database j.db.
job() {
    case $1 in
    ocr) "$BIN/parplan-ocr" -q -j 1 --db j.db b.txt c.txt ;;
    normalize) "$BIN/parplan-normalize" -q --db j.db ;;
    extract) "$BIN/parplan-extract" -q --db j.db ;;
    records) "$BIN/parplan-records" -q --db j.db -o j.jsonl ;;
    esac
}

. "$ROOT/tests/dbcontent.sh"
BIN_RECORDS="$BIN/parplan-records"
dump() { db_content "$1" "$W/dump.sql"; }
dump_sql() { db_content_sql "$1"; }

whole() { db_whole "$1"; }

# The starting database of each stage: the previous stages run clean.
rm -f j.db*
"$BIN/parplan-ocr" -q --db j.db a.txt || { echo "torture: setting up failed" >&2; exit 1; }
dump_sql j.db > dump.sql
# a dump that is only error messages would compare equal everywhere: it must run clean
sqlite3 -batch -bail j.db < dump.sql > /dev/null || { echo "torture: the dump query fails" >&2; exit 1; }
for s in ocr normalize extract records; do
    cp j.db "start-$s.db"
    rm -f j.jsonl
    job "$s" || { echo "torture: the clean $s job failed" >&2; exit 1; }
    cp j.db "ref-$s.db"
    dump j.db > "ref-$s.dump"
    # the comparison sees the stage's work: its rows (or for records, its file) are in the dump
    if [ "$s" != records ] && [ "$(dump "start-$s.db")" = "$(cat "ref-$s.dump")" ]; then
        echo "torture: the dump does not tell the $s job's database from its start" >&2; exit 1
    fi
    [ "$s" = records ] && cp j.jsonl ref.jsonl
    # the event counts of this job, from the same start
    rm -f j.db*; cp "start-$s.db" j.db; printf 'old\n' > j.jsonl
    PARPLAN_FAULT_COUNT=1 job "$s" 2> count.err >/dev/null
    sed -n 's/^parplan-fault: //p' count.err > "count-$s"
    cp "ref-$s.db" j.db
    rm -f j.db-wal j.db-shm
done

# N for a kind with `total` events: 1..FIRST, then POINTS spread evenly up to total.
points() {
    total=$1
    [ "$total" -gt 0 ] || return 0
    awk -v t="$total" -v f="$FIRST" -v p="$POINTS" 'BEGIN {
        for (n = 1; n <= f && n <= t; n++) seen[n] = 1
        if (t > f) for (i = 1; i <= p; i++) { n = f + int((t - f) * i / p + 0.5); if (n > f) seen[n] = 1 }
        for (n in seen) print n }' | sort -n
}

count_of() { # count_of STAGE CLASS...: the sum of the named classes in the stage's count line
    c=$(cat "count-$1"); shift
    sum=0
    for k in "$@"; do
        v=$(printf '%s\n' "$c" | tr ',' '\n' | sed -n "s/^ *\([0-9]*\) $k\$/\1/p")
        sum=$((sum + ${v:-0}))
    done
    echo $sum
}

sweep_one() { # STAGE KIND N SPEC: one faulted run, its checks, the clean rerun and its checks
    s=$1 kind=$2 n=$3 spec=$4
    rm -f j.db j.db-wal j.db-shm; cp "start-$s.db" j.db
    printf 'old\n' > j.jsonl
    if [ "$kind" = alloc ]; then
        PARPLAN_FAULT_ALLOC=$spec job "$s" > out 2> err; rc=$?
    else
        PARPLAN_FAULT_IO=$spec job "$s" > out 2> err; rc=$?
    fi
    runs=$((runs + 1))
    what="$s $kind $spec"
    if grep -q 'Sanitizer\|runtime error:' err; then fail "$what: sanitizer report"; sed 's/^/    /' err | head -30; return; fi
    case $kind:$rc in
    alloc:0|alloc:1|alloc:8) ;;
    *:0|*:1|*:4) ;;
    *) fail "$what: exit $rc"; sed 's/^/    /' err | head -10; return ;;
    esac
    hit=0; grep -q '^parplan-fault: .* fails$' err && hit=1
    if [ "$rc" -ne 0 ]; then
        grep -q "^parplan-[a-z]*: error: " err || fail "$what: exit $rc without an error message: $(head -3 err)"
        [ $hit = 1 ] || fail "$what: exit $rc, but the fault was never reached: $(head -3 err)"
        if [ "$s" = records ] && [ "$(cat j.jsonl 2>/dev/null)" != old ]; then fail "$what: the failed run changed its -o file"; fi
    else
        # a fault SQLite absorbed (a retried lock, a read it did again) must not cost a row
        dump j.db > got.dump
        cmp -s got.dump "ref-$s.dump" || { fail "$what: exit 0 but the database differs from the clean run's"; diff "ref-$s.dump" got.dump | head -10; }
        if [ "$s" = records ]; then cmp -s j.jsonl ref.jsonl || fail "$what: exit 0 but the records differ"; fi
    fi
    r=$(whole j.db) || fail "$what (exit $rc): $r"
    # the rerun without the fault finishes the job as if nothing had happened
    job "$s" > out2 2> err2; rc2=$?
    [ "$rc2" -eq 0 ] || { fail "$what: the rerun exited $rc2: $(head -3 err2)"; return; }
    dump j.db > got.dump
    cmp -s got.dump "ref-$s.dump" || { fail "$what: after the rerun the database differs from the clean run's"; diff "ref-$s.dump" got.dump | head -10; }
    if [ "$s" = records ]; then cmp -s j.jsonl ref.jsonl || fail "$what: after the rerun the records differ"; fi
    r=$(whole j.db) || fail "$what, after the rerun: $r"
    printf '%s\t%s\t%s\n' "$s" "$kind" "$rc" >> outcomes
}

: > outcomes
start=$(date +%s)
for s in $STAGES; do
    n_alloc=$(count_of "$s" allocations)
    n_ioerr=$(count_of "$s" reads writes syncs truncations)
    n_full=$(count_of "$s" writes)
    n_busy=$(count_of "$s" locks)
    echo "torture: $s: $n_alloc allocations, $n_ioerr I/O operations ($n_full writes), $n_busy lock requests"
    i=0
    for n in $(points "$n_alloc"); do
        i=$((i + 1)); spec=$n; [ $((i % 3)) -eq 0 ] && spec="$n+"
        sweep_one "$s" alloc "$n" "$spec"
    done
    for n in $(points "$n_ioerr"); do sweep_one "$s" ioerr "$n" "$n:ioerr"; done
    for n in $(points "$n_full"); do sweep_one "$s" full "$n" "$n:full+"; done
    i=0
    for n in $(points "$n_busy"); do
        i=$((i + 1)); spec="$n:busy"; [ $((i % 2)) -eq 0 ] && spec="$n:busy+"
        sweep_one "$s" busy "$n" "$spec"
    done
done
secs=$(( $(date +%s) - start ))
echo "torture: outcomes (stage, kind, exit: runs):"
sort outcomes | uniq -c | awk '{ printf "    %-10s %-6s exit %-3s %4d\n", $2, $3, $4, $1 }'
echo "torture: $runs faulted runs (each rerun clean) in ${secs}s, $fails failures"
[ "$fails" -eq 0 ]
