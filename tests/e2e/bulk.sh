# bulk.sh — bulk loading: a run killed with SIGKILL mid-way leaves no half-loaded document and its rerun
# ends with the same rows as an uninterrupted run; three shards run under GNU parallel and merged give
# the same documents, pages, lines and words (and records) as one run.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1

# A small corpus of text plans written here (different content, so different hashes).
mkdir -p corpus/a corpus/b
i=1
while [ $i -le 12 ]; do
    d=a; [ $((i % 2)) -eq 0 ] && d=b
    printf 'UBND TỈNH THỬ NGHIỆM %d\nKẾ HOẠCH số %d/KH-UBND\n1. Hoàn thành %d%% nhiệm vụ\n\fPhụ lục %d\n\t1.1.\n\tSở Nội vụ\n' \
        $i $i $((80 + i)) $i > corpus/$d/plan-$i.txt
    i=$((i + 1))
done

# One run over everything.
run_bin parplan run -q --db single.db corpus >/dev/null 2>&1; rc=$?
[ $rc -eq 0 ] || [ $rc -eq 7 ] || die "single run failed ($rc)"

# Three shards under GNU parallel, then merged.
command -v parallel >/dev/null || skip "GNU parallel not installed"
parallel --will-cite -j 3 "$PARPLAN_BIN/parplan" run -q --db shard{}.db --shard {}/3 corpus ::: 1 2 3 >/dev/null 2>&1
for k in 1 2 3; do [ -f shard$k.db ] || die "shard $k wrote no database"; done
n1=$(sql shard1.db "select count(*) from documents"); n2=$(sql shard2.db "select count(*) from documents")
n3=$(sql shard3.db "select count(*) from documents")
[ $((n1 + n2 + n3)) -eq 12 ] || die "shards do not partition the inputs: $n1 + $n2 + $n3"
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ "$n3" -gt 0 ] || note "a shard is empty: $n1 $n2 $n3"
run_bin parplan merge -q merged.db shard1.db shard2.db shard3.db shard2.db >/dev/null 2>&1; rc=$?
[ $rc -eq 0 ] || [ $rc -eq 7 ] || die "merge failed ($rc)"
[ "$(db_rows merged.db)" = "$(db_rows single.db)" ] || die "merged shards differ from the single run"
if run_bin parplan-records --db merged.db --format jsonl > merged.jsonl 2>/dev/null &&
   run_bin parplan-records --db single.db --format jsonl > single.jsonl 2>/dev/null; then
    sort merged.jsonl > m.sorted; sort single.jsonl > s.sorted
    cmp -s m.sorted s.sorted || die "merged records differ from the single run's"
    echo "REPORT 3 shards merged: $(wc -l < merged.jsonl) records identical to one run"
else
    echo "REPORT 3 shards merged: documents, pages, lines and words identical to one run (records not available)"
fi

# Kill -9 in the middle of an OCR run, then rerun.
S="$ROOT/samples/scans"
ls "$S"/*-aged.jpg >/dev/null 2>&1 || skip "no aged scans in samples/"
mkdir -p scans && cp "$S"/*-aged.jpg scans/
n=$(ls scans | wc -l)
[ "$n" -ge 3 ] || skip "need at least 3 aged scans"
run_bin parplan-ocr -q -j 2 --db whole.db scans || die "uninterrupted run failed"
"$PARPLAN_BIN/parplan-ocr" -q -j 1 --db killed.db scans >/dev/null 2>&1 &
pid=$!
t=0
while [ "$(sqlite3 killed.db "select count(*) from documents" 2>/dev/null || echo 0)" -lt 1 ] && [ $t -lt 600 ]; do
    sleep 0.1; t=$((t + 1))
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
got=$(sql killed.db "select count(*) from documents")
[ "$got" -ge 1 ] && [ "$got" -lt "$n" ] || note "kill landed after $got of $n documents"
[ "$(sql killed.db "select count(*) from documents d where page_count <> (select count(*) from pages p where p.document_id = d.id)")" = 0 ] \
    || die "a half-loaded document survived the kill"
run_bin parplan-ocr -q -j 2 --db killed.db scans || die "rerun after kill failed"
[ "$(db_rows killed.db)" = "$(db_rows whole.db)" ] || die "rerun after kill differs from an uninterrupted run"
echo "REPORT killed after $got of $n documents; rerun identical to an uninterrupted run"

# Merging keeps ruled tables: cells, columns, cell words and continuation links.
if [ -d "$ROOT/samples/tables" ]; then
    run_bin parplan-ocr -q -j 2 --db tables.db "$ROOT/samples/tables" || die "table load failed"
    run_bin parplan merge -q tmerged.db tables.db >/dev/null 2>&1
    q="select count(*) from tables; select count(*) from cells; select count(*) from table_columns;
       select count(*) from cell_words; select count(*) from tables where continues_from is not null;
       select group_concat(c.text, '|') from (select c.text from cells c join tables t on t.id = c.table_id
         join pages p on p.id = t.page_id order by p.number, t.number, c.row, c.col) c"
    [ "$(sqlite3 tables.db "$q")" = "$(sqlite3 tmerged.db "$q")" ] || die "merge lost or changed table rows"
    echo "REPORT merge keeps $(sql tables.db "select count(*) from cells") table cells and their links"
fi
