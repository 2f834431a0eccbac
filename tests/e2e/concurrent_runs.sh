# concurrent_runs.sh — two `parplan run` started together on one database, new and then existing (issue
# 19): both exit 0, every document is in it exactly once with its items, and the database passes
# integrity_check and foreign_key_check.  Before the schema was migrated under the write lock with its
# version read again, the second process to create a new database's tables failed ("table runs already
# exists", exit 4) in every trial; before the switch to WAL was retried, "database is locked" at once in
# 3 trials of 8.  Three trials on a new database, one on an existing one.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
mkdir in
i=1
while [ $i -le 24 ]; do
    n=$(( (i % 8) + 1 ))
    { echo "Bản sao $i"; cat "$ROOT/samples/text/plan-0$n.txt"; } >"in/d$i.txt"
    i=$((i + 1))
done
# check DB: the state both runs must leave
check() {
    [ "$(sql "$1" 'select count(*) from documents')" -eq 24 ] || die "$1: $(sql "$1" 'select count(*) from documents') documents, want 24"
    [ "$(sql "$1" 'select count(distinct hash) from documents')" -eq 24 ] || die "$1: a document loaded twice"
    [ "$(sql "$1" 'select count(*) from documents d where not exists (select 1 from extractions x where x.document_id = d.id)')" -eq 0 ] ||
        die "$1: a document without its extraction"
    [ "$(sql "$1" 'pragma integrity_check')" = ok ] || die "$1: integrity_check"
    [ -z "$(sql "$1" 'pragma foreign_key_check')" ] || die "$1: foreign_key_check"
}
both() {
    run_bin parplan run -q --db "$1" in >a.out 2>&1 &
    pa=$!
    run_bin parplan run -q --db "$1" in >b.out 2>&1 &
    pb=$!
    wait $pa; ra=$?
    wait $pb; rb=$?
    [ $ra -eq 0 ] && [ $rb -eq 0 ] || { cat a.out b.out; die "$2: exit $ra and $rb"; }
}
for t in 1 2 3; do
    both "new$t.db" "new database, trial $t"
    check "new$t.db"
done
items=$(sql new1.db 'select count(*) from items')
# an existing database: the same inputs again, and a forced reload beside a plain run
both new1.db "existing database"
check new1.db
[ "$(sql new1.db 'select count(*) from items')" -eq "$items" ] || die "items changed on a rerun"
echo "REPORT two concurrent runs: 3 new databases and 1 existing, 24 documents each exactly once, $items items"
exit 0
