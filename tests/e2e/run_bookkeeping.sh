# run_bookkeeping.sh — what a run records about itself: a file named twice (or also inside a folder
# named) is one input, and so is a copy of it (same content, another name); a document that failed and
# later loads no longer has failures rows; a run killed mid-way is marked "interrupted" by the next run
# instead of staying "running"; SIGTERM to parplan run stops the stage running, which marks its own run
# "interrupted".
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1
mkdir in
cp "$ROOT/samples/text/plan-01.txt" in/a.txt
run_bin parplan-ocr --db d.db in/a.txt in/a.txt in ./in/a.txt >ocr.log 2>&1 || { cat ocr.log; die "ocr"; }
grep -q '1 loaded (1 pages.*), 0 unchanged, 0 duplicates, 0 failed' ocr.log || { cat ocr.log; die "a file named four times is not one input"; }
# two different files with the same content are one document: the second is a duplicate of the first,
# neither loaded again (it would replace the first's rows) nor counted as loaded (also with --force)
cp in/a.txt copy.txt
for force in "" --force; do
    rm -f dup.db*
    run_bin parplan-ocr $force --db dup.db in/a.txt copy.txt >dup.log 2>&1 || { cat dup.log; die "ocr of a copy $force"; }
    grep -q '^parplan-ocr: copy.txt: same content as in/a.txt, not loaded again$' dup.log || { cat dup.log; die "copy not reported $force"; }
    grep -q ' 1 loaded (1 pages.*), 0 unchanged, 1 duplicate, 0 failed$' dup.log || { cat dup.log; die "copy counted $force"; }
    [ "$(sql dup.db "select count(*) || ' ' || min(source) from documents")" = "1 in/a.txt" ] || die "a copy loaded $force"
    [ "$(sql dup.db "select ok || ' ' || skipped from runs")" = "1 1" ] || die "runs row of a copy $force"
done
# a failing document, then the same path loading cleanly: its failures go
printf 'bad\0bytes\n' >in/b.txt
run_bin parplan-ocr -q --db d.db in/b.txt >/dev/null 2>&1 && die "a NUL byte loaded"
[ "$(sql d.db "select count(*) from failures where source = 'in/b.txt'")" = 1 ] || die "failure not recorded"
printf 'KẾ HOẠCH\nNội dung hợp lệ.\n' >in/b.txt
run_bin parplan-ocr -q --db d.db in/b.txt || die "b.txt once fixed"
[ "$(sql d.db "select count(*) from failures where source = 'in/b.txt'")" = 0 ] || die "the failure of a loaded document kept"
# the same for a later stage: extract's failure rows of a document go when it extracts
sql d.db "insert into failures(run_id, stage, source, code, message) values (1, 'extract', 'in/a.txt', 3, 'x')"
run_bin parplan-extract -q --db d.db || die "extract"
[ "$(sql d.db "select count(*) from failures where stage = 'extract' and source = 'in/a.txt'")" = 0 ] || die "extract failure kept"
# parplan run ends with one summary: each stage's counts, the records, where the failures are
printf 'x\0y\n' >in/c.txt
run_bin parplan run --db s.db in >sum.log 2>&1; rc=$?
[ $rc -eq 3 ] || { cat sum.log; die "run with a bad file: exit $rc"; }
tail -2 sum.log | grep -q '^parplan: summary ([0-9.]* s): ocr 2 done, 0 unchanged, 1 failed; normalize 2 done, 0 unchanged, 0 failed; extract 2 done, 0 unchanged, 0 failed; records in s.records.jsonl$' ||
    { cat sum.log; die "no summary"; }
tail -1 sum.log | grep -q 'failed documents and why: sqlite3 s.db' || die "no pointer to the failures"
[ "$(grep -c 'parplan: summary' sum.log)" = 1 ] || die "not one summary"
rm in/c.txt
# a run killed mid-way: "running" until the next run says "interrupted"
S="$ROOT/samples/scans"
ls "$S"/*-aged.jpg >/dev/null 2>&1 || skip "no aged scans in samples/"
mkdir scans && cp "$S"/*-aged.jpg scans/
"$PARPLAN_BIN/parplan-ocr" -q -j 1 --db k.db scans >/dev/null 2>&1 &
pid=$!
t=0
while [ "$(sqlite3 k.db "select count(*) from runs where status = 'running'" 2>/dev/null || echo 0)" -lt 1 ] && [ $t -lt 600 ]; do
    sleep 0.1; t=$((t + 1))
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
[ "$(sql k.db "select status from runs order by id limit 1")" = running ] || note "the run ended before the kill"
run_bin parplan-ocr -q -j 2 --db k.db "$ROOT/samples/text/plan-02.txt" || die "the next run"
[ "$(sql k.db "select count(*) from runs where status = 'running'")" = 0 ] || die "a killed run left 'running'"
[ "$(sql k.db "select status from runs order by id limit 1")" = interrupted ] || note "first run: $(sql k.db "select status from runs order by id limit 1")"
# SIGTERM to parplan run during a slow stage (OCR, one worker): forwarded to the stage, which stops
# between documents and marks its run "interrupted"; the driver waits for it, starts no other stage and
# exits 130
mkdir slow && cp "$S"/*-aged.jpg "$S"/plan-01-p*.png slow/
total=$(ls slow | wc -l)
"$PARPLAN_BIN/parplan" run -j 1 --db i.db slow >int.log 2>&1 &
pid=$!
t=0
while [ "$(sqlite3 i.db "select count(*) from documents" 2>/dev/null || echo 0)" -lt 1 ] && [ $t -lt 600 ]; do
    sleep 0.1; t=$((t + 1))
done
kill -TERM $pid
start=$(date +%s)
wait $pid; rc=$?
waited=$(( $(date +%s) - start ))
[ $rc -eq 130 ] || { cat int.log; die "parplan run after SIGTERM: exit $rc, not 130"; }
[ "$(sql i.db "select group_concat(stage || ':' || status) from runs")" = "ocr:interrupted" ] ||
    { cat int.log; sql i.db "select * from runs"; die "the stage's run not marked interrupted (or another stage ran)"; }
loaded=$(sql i.db "select count(*) from documents")
[ "$loaded" -lt "$total" ] || die "the OCR stage did not stop ($loaded of $total loaded)"
[ "$(sql i.db "select ok from runs")" = "$loaded" ] || die "runs.ok is not what was loaded"
[ "$(sql i.db "select count(*) from failures")" = 0 ] || die "the interrupted document recorded as a failure"
grep -q 'interrupted during stage ocr' int.log || { cat int.log; die "no message from the driver"; }
[ "$waited" -le 30 ] || die "the stage took ${waited}s to stop"
# the rerun takes up where it stopped
run_bin parplan-ocr -q -j 2 --db i.db slow || die "rerun after the interruption"
[ "$(sql i.db "select count(*) from documents")" = "$total" ] || die "rerun did not load the rest"
echo "REPORT interrupted: $loaded of $total loaded, stopped ${waited}s after SIGTERM, exit 130"
echo "REPORT duplicates counted once; failures cleared on load; killed run: $(sql k.db "select status from runs order by id limit 1")"
exit 0
