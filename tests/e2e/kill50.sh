# kill50.sh — 50 runs of the whole pipeline (parplan run: ocr, normalize, extract, records) killed with
# SIGKILL at random moments, each rerun to the end: every killed run leaves a database that passes
# integrity_check and foreign_key_check with each document whole or absent, its stage does not run on
# orphaned, and the rerun ends with the same content (tests/dbcontent.sh) and the same records file as an
# uninterrupted run.  The moments are drawn over the length of an uninterrupted run (seed printed, or
# KILL_SEED=N to replay one); KILL_TRIALS=N for another number of trials.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/dbcontent.sh"
BIN_RECORDS="$PARPLAN_BIN/parplan-records"
export OMP_THREAD_LIMIT=1
TRIALS=${KILL_TRIALS:-50}
SEED=${KILL_SEED:-$(date +%s)}
[ -n "$PARPLAN_WRAP" ] && skip "timing-based; not under valgrind"

# 30 plans, each of the sample texts with its own first line, so 30 documents of different content.
mkdir -p in
i=1
while [ $i -le 30 ]; do
    sed "1s/^/Bản $i - /" "$ROOT/samples/text/plan-0$(( i % 8 + 1 )).txt" > "in/p$i.txt"
    i=$((i + 1))
done

start=$(date +%s%N)
"$PARPLAN_BIN/parplan" run -q --db ref.db in > /dev/null 2>err || die "uninterrupted run failed: $(cat err)"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
db_content_sql ref.db > content.sql
db_content ref.db content.sql > ref.content
[ "$(grep -c '"items"' ref.records.jsonl)" -eq 30 ] || die "the uninterrupted run has no 30 records"
note "uninterrupted run: ${ms} ms; seed $SEED"

# the moments: uniform over the run's length (a little past it, for kills after the last stage)
awk -v s="$SEED" -v n="$TRIALS" -v ms="$ms" 'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%.3f\n", rand() * ms * 1.1 / 1000 }' > moments
K="$TEST_TMP/k.db"
t=0 before_records=0 killed_in_stage=0
while read -r delay; do
    t=$((t + 1))
    rm -f k.db k.db-wal k.db-shm k.records.jsonl
    "$PARPLAN_BIN/parplan" run -q --db "$K" in > /dev/null 2>&1 & pid=$!
    sleep "$delay"
    pgrep -P $pid > /dev/null 2>&1 && killed_in_stage=$((killed_in_stage + 1))
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    # the stage it was running (or had just started) is told SIGTERM by its driver's death and stops
    # between documents; one still running 10 s later is an orphan (found by its --db, this test's own)
    w=0
    while pgrep -f -- "parplan-[a-z]* .*--db $K" > /dev/null 2>&1 && [ $w -lt 100 ]; do
        sleep 0.1; w=$((w + 1))
    done
    [ $w -lt 100 ] || die "trial $t (kill at ${delay}s): a stage still runs 10 s after its driver was killed"
    [ -f k.db ] || continue # killed before the database was made: nothing to check
    r=$(db_whole k.db) || die "trial $t (kill at ${delay}s): $r"
    [ -f k.records.jsonl ] || before_records=$((before_records + 1))
    "$PARPLAN_BIN/parplan" run -q --db k.db in > /dev/null 2>err || die "trial $t: the rerun failed: $(cat err)"
    db_content k.db content.sql > k.content
    cmp -s ref.content k.content || { diff ref.content k.content | head -20; die "trial $t (kill at ${delay}s): rerun differs from the uninterrupted run"; }
    cmp -s ref.records.jsonl k.records.jsonl || die "trial $t (kill at ${delay}s): records file differs"
done < moments
echo "REPORT $t kill -9 trials (seed $SEED; $killed_in_stage while a stage ran, $before_records before the records were written): every rerun identical to an uninterrupted run"
