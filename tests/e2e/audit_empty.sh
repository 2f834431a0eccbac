# audit_empty.sh — documents that extraction found nothing in (no items, no sources: a letter, a notice
# in prose) are still documents of the report: the report, its filtered forms, the records, the hOCR and
# PDF exports and the gold scoring run over a database whose first document in report order has no
# source at all, and the plan after it is reported as usual.  (Under `make sanitize` the report once
# stopped here: the first document's empty source list was sorted through a NULL array.)
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
TEXT="$ROOT/samples/text"
[ -f "$TEXT/plan-01.txt" ] || die "samples/text missing"
mkdir in
# "a-" sorts first among the documents without a province (the report's order: province, source)
printf 'Xin chào.\nMột dòng văn bản không có mục nào.\n' >in/a-letter.txt
cp "$TEXT/plan-01.txt" in/
run_bin parplan-ocr -q --db t.db in || die "ocr"
run_bin parplan-extract -q --db t.db || die "extract"
letter=$(sql t.db "select id from documents where source like '%a-letter.txt'")
[ -n "$letter" ] || die "the letter is not a document"
[ "$(sql t.db "select count(*) from items where document_id = $letter")" = 0 ] || die "the letter has items"
[ "$(sql t.db "select count(*) from sources where document_id = $letter")" = 0 ] || die "the letter has sources"
[ "$(sql t.db "select count(*) from items i join documents d on d.id = i.document_id where d.source like '%plan-01.txt'")" -gt 0 ] ||
    die "the plan has no items"
first=$(sql t.db "select d.id from documents d where d.id in (select document_id from extractions)
                  order by coalesce(d.province, ''), d.source, d.id limit 1")
[ "$first" = "$letter" ] || die "the letter is not the report's first document ($first, not $letter)"

expect_exit 0 run_bin parplan-audit -q --db t.db --out rep
[ -s rep/index.html ] && [ -s rep/review.csv ] || die "report files missing"
[ -s "rep/doc-$letter.html" ] || die "no page for the letter"
grep -q 'plan-01.txt' rep/index.html || die "the plan after the letter is not in the index"
expect_exit 0 run_bin parplan-audit -q --db t.db --out one --doc "$letter"
[ -s "one/doc-$letter.html" ] || die "--doc: no page for the letter"
expect_exit 0 run_bin parplan-audit -q --db t.db --out flagged --flagged
expect_exit 0 run_bin parplan-audit --db t.db --hocr hocr --pdf pdf
expect_exit 0 run_bin parplan-records --db t.db -o r.jsonl
[ "$(wc -l <r.jsonl)" -eq 2 ] || die "records: $(wc -l <r.jsonl) lines, not one a document"
expect_exit 0 run_bin parplan-records --db t.db --format csv -o r.csv
expect_exit 0 run_bin parplan-audit --db t.db --gold "$TEXT/plan-01.gold.json"
exit 0
