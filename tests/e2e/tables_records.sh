# tables_records.sh — issue 3's last step: the ruled table samples (samples/tables/appendix-01.pdf, two
# pages with group rows and a table continuing without its header; appendix-02.jpg, a vertical rule
# missing) through parplan-ocr, parplan-extract and parplan-records, one item per table row taken from its
# cells by column, scored with tools/gold against NAME.gold.json (made from the rows of NAME.spec).
# REPORT lines carry the per-field accuracy; fails below 0.97 for any field (the samples' bar).  Also checks that a row's
# TAB-joined line is not read a second time as prose, and that a value's source points at its cell.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/tables"
GOLD="$PARPLAN_BUILD/tools/gold"
[ -x "$GOLD" ] || die "$GOLD not built"
[ -f "$S/appendix-01.pdf" ] && [ -f "$S/appendix-02.jpg" ] || skip "samples/tables missing"
export PARPLAN_RULES="$ROOT/rules"
export OMP_THREAD_LIMIT=1
DB="$TEST_TMP/t.db"
run_bin parplan-ocr -q -j 2 --db "$DB" "$S/appendix-01.pdf" "$S/appendix-02.jpg" || die "parplan-ocr failed"
run_bin parplan-extract -q --db "$DB" || die "parplan-extract failed"
run_bin parplan-records --db "$DB" >records.jsonl || die "parplan-records failed"
fail=0
for name in appendix-01 appendix-02; do
    "$GOLD" "$S/$name.gold.json" records.jsonl --verbose >"$name.score" || die "gold $name"
    for f in code title points lead support deadline monitor targets target_text; do
        acc=$(awk -v f="$f" '$1 == f { print $2 }' "$name.score")
        [ -n "$acc" ] || continue
        echo "REPORT $name $f $acc $(awk -v f="$f" '$1 == f { print $3 }' "$name.score")"
        awk -v a="$acc" 'BEGIN { exit !(a + 0 >= 0.97) }' || { echo "FAIL: $name $f $acc < 0.97"; fail=1; }
    done
done
[ "$fail" = 0 ] || { sed -n '/^mismatches/,$p' appendix-0*.score; die "table records below 0.97"; }

# Every body row is one item of kind row, and no item's title holds a TAB-joined row.
doc1="(select id from documents where source like '%appendix-01.pdf')"
n=$(sql "$DB" "select count(*) from items where document_id=$doc1 and kind='row'")
[ "$n" = 15 ] || die "appendix-01: $n row items, want 15"
[ "$(sql "$DB" "select count(*) from items where title like '%'||char(9)||'%' or title like '%Sở Nội vụ Sở Nội vụ%'")" = 0 ] \
    || die "a row line was read as prose: $(sql "$DB" "select code, title from items where title like '%Sở Nội vụ%'")"
# Sources point at the cell in the row line: page, line, the cell's character span, the cell's confidence.
src=$(sql "$DB" "select s.page||'|'||s.line||'|'||s.char_start||'|'||s.char_end||'|'||s.rule||'|'||(abs(s.confidence - c.confidence) < 0.01)
    from sources s join items i on i.id=s.item_id join cells c on c.text=s.text
    where i.document_id=$doc1 and i.code='1.2' and s.field='lead' and c.text='Sở Nội vụ' and c.col=4 limit 1")
case "$src" in
1\|*\|*\|*\|bodies.txt\|1 | 1\|*\|*\|*\|column\|1) ;;
*) die "lead source of 1.2: '$src'" ;;
esac
line=$(echo "$src" | cut -d'|' -f2); a=$(echo "$src" | cut -d'|' -f3); b=$(echo "$src" | cut -d'|' -f4)
cell=$(sqlite3 -batch -noheader "$DB" "select substr(l.text, $a + 1, $b - $a) from lines l join pages p on p.id=l.page_id
    where p.document_id=$doc1 and p.number=1 and l.number=$line")
[ "$cell" = "Sở Nội vụ" ] || die "source span of 1.2's lead is '$cell'"
# A group row is a numbered heading with its title, recorded as a section (it carries no field of its own);
# the rows under it are its children.
[ "$(sql "$DB" "select i.title from items i where i.document_id=$doc1 and i.code='2' and i.kind='section'")" = "CẢI CÁCH THỂ CHẾ" ] \
    || die "group row 2: $(sql "$DB" "select code, kind, title from items where document_id=$doc1 and code='2'")"
[ "$(sql "$DB" "select p.code from items i join items p on p.id=i.parent_id where i.document_id=$doc1 and i.code='2.3'")" = 2 ] \
    || die "row 2.3 is not under group 2"
# Rows on page 2 (the table continues without its header) belong to the same hierarchy.
[ "$(sql "$DB" "select p.code||'/'||i.page from items i join items p on p.id=i.parent_id where i.document_id=$doc1 and i.code='3.2'")" = "3/2" ] \
    || die "row 3.2 (page 2) is not under group 3"
exit 0
