# office.sh — word-processor files through the whole pipeline: samples/office/plan-02.docx, the same plan
# typed in .VnTime/.VnTimeH (TCVN3 bytes), as an ODT and as a Word 97 .doc of TCVN3 bytes (antiword,
# no font hint: detection) load as documents of their own format, one page
# per page break, the appendix a table of cells (header row named, group rows spanning the grid) whose
# rows are also TAB-joined lines; the legacy-font DOCX decodes to the very text of the Unicode one while
# pages.raw keeps what the file stores, and records the encoding it found; every one extracts to the
# items of plan-02.txt (its gold, scored as make eval does); a rerun skips them; a vertical merge makes
# a row span; parplan-ocr -o prints the decoded text.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
O="$ROOT/samples/office"
[ -f "$O/plan-02.docx" ] && [ -f "$O/plan-02-vntime.docx" ] && [ -f "$O/plan-02.odt" ] && [ -f "$O/plan-02-tcvn3.doc" ] \
    || skip "samples/office missing (tools/mkoffice.py)"
command -v antiword >/dev/null 2>&1 || skip "antiword not installed (apt-get install antiword)"
export OMP_THREAD_LIMIT=1
DB="$TEST_TMP/o.db"
run_bin parplan run -q --db "$DB" "$ROOT/samples/text/plan-02.txt" "$O/plan-02.docx" "$O/plan-02-vntime.docx" "$O/plan-02.odt" \
    "$O/plan-02-tcvn3.doc" || die "pipeline failed"
q() { sql "$DB" "$1"; }
doc() { echo "(select id from documents where source like '%/$1')"; }

[ "$(q "select format||','||encoding||','||page_count from documents where id=$(doc plan-02.docx)")" = "docx,utf-8,3" ] \
    || die "docx document row: $(q "select * from documents")"
[ "$(q "select format||','||encoding from documents where id=$(doc plan-02-vntime.docx)")" = "docx,tcvn3" ] \
    || die "legacy docx: $(q "select format, encoding from documents")"
[ "$(q "select format from documents where id=$(doc plan-02.odt)")" = odt ] || die "odt format"
[ "$(q "select format||','||encoding from documents where id=$(doc plan-02-tcvn3.doc)")" = "doc,tcvn3" ] \
    || die "TCVN3 .doc: $(q "select format, encoding from documents")"
q "select text from pages where document_id=$(doc plan-02-tcvn3.doc)" | grep -q "^Số: 1457/QĐ-UBND$" \
    || die "the TCVN3 .doc is not decoded by detection"

# the appendix: one table on page 3, 12 rows of 6 columns, the header named, group rows across the grid
for d in plan-02.docx plan-02-vntime.docx plan-02.odt; do
    t="(select t.id from tables t join pages p on p.id=t.page_id where p.document_id=$(doc $d))"
    [ "$(q "select count(*)||','||n_rows||','||n_cols||','||header_row||','||method from tables where id in $t")" = "1,12,6,0,ruled" ] \
        || die "$d table: $(q "select * from tables where id in $t")"
    [ "$(q "select group_concat(field) from (select field from table_columns where table_id in $t order by col)")" \
        = "code,title,target,lead,support,deadline" ] || die "$d columns: $(q "select * from table_columns where table_id in $t")"
    [ "$(q "select count(*) from cells where table_id in $t and col_span=6")" = 5 ] || die "$d group rows spanning the grid"
    [ "$(q "select text from cells where table_id in $t and row=2 and col=3")" = "Sở Nội vụ" ] || die "$d cell (2,3)"
    # the row line: cells TAB-joined, as a scanned table's
    q "select l.text from lines l join pages p on p.id=l.page_id where p.document_id=$(doc $d)" \
        | grep -q "^1.1.	Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị	" || die "$d row line"
done

# the legacy-font DOCX: the same text as the Unicode one, and its raw text is what Word stored
[ "$(q "select group_concat(text, char(12)) from (select text from pages where document_id=$(doc plan-02.docx) order by number)")" = \
  "$(q "select group_concat(text, char(12)) from (select text from pages where document_id=$(doc plan-02-vntime.docx) order by number)")" ] \
    || die "the .VnTime DOCX does not decode to the text of the Unicode one"
q "select cast(raw as text) from pages where document_id=$(doc plan-02-vntime.docx) and number=1" | grep -q "Sè: 1457/Q§-UBND" \
    || die "pages.raw does not keep the TCVN3 text as stored"
q "select text from pages where document_id=$(doc plan-02-vntime.docx) and number=1" | grep -q "^ỦY BAN NHÂN DÂN TỈNH VĨNH THẠNH$" \
    || die "capitals of .VnTimeH not decoded"

# the items: each word-processor file scores as the text plan does against plan-02's gold
for d in plan-02.txt plan-02.docx plan-02-vntime.docx plan-02.odt plan-02-tcvn3.doc; do
    sed "s/\"doc\": \"plan-02.txt\"/\"doc\": \"$d\"/" "$ROOT/samples/text/plan-02.gold.json" > g.json
    out=$("$PARPLAN_BUILD/tools/gold" g.json "$TEST_TMP/o.records.jsonl" --items) || die "gold scoring of $d failed"
    echo "$out" | grep -q "^items *precision 1.000 (11/11) recall 1.000 (11/11)" || die "$d items: $out"
    bad=$(echo "$out" | awk '$2 ~ /^[0-9.]+$/ && $2 < 1 {print $1}')
    [ -z "$bad" ] || die "$d fields below 1.000: $bad: $out"
    echo "REPORT $d: 11/11 items, every field 1.000"
done

# unchanged files are skipped; -o prints the decoded text
run_bin parplan-ocr -v --db "$DB" -o text.out "$O/plan-02-vntime.docx" 2> err || die "rerun failed"
grep -q "unchanged" err || die "rerun did not skip: $(cat err)"
grep -q "^Số: 1457/QĐ-UBND$" text.out || die "-o text not decoded"

# a vertical merge (w:vMerge) becomes a row span
if command -v python3 >/dev/null 2>&1; then
    python3 - <<'PY' || die "writing merge.docx failed"
import zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def tc(text, pr=""):
    return "<w:tc>%s<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % (pr, text)
rows = [tc("TT") + tc("Nhiệm vụ") + tc("Đơn vị chủ trì"),
        tc("1") + tc("Rà soát thủ tục") + tc("Sở Tư pháp", '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'),
        tc("2") + tc("Công bố thủ tục") + '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>']
doc = ('<w:document %s><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:tbl><w:tblGrid><w:gridCol w:w="800"/>'
       '<w:gridCol w:w="4000"/><w:gridCol w:w="2000"/></w:tblGrid>%s</w:tbl></w:body></w:document>'
       % (W, "".join("<w:tr>%s</w:tr>" % r for r in rows)))
types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName='
         '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
with zipfile.ZipFile("merge.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml", doc)
PY
    run_bin parplan-ocr -q --db m.db merge.docx || die "merge.docx failed"
    [ "$(sql m.db "select row||','||col||','||row_span||','||col_span||','||text from cells where text='Sở Tư pháp'")" = "1,2,2,1,Sở Tư pháp" ] \
        || die "vMerge: $(sql m.db "select row,col,row_span,col_span,text from cells")"
    echo "REPORT w:vMerge: 'Sở Tư pháp' spans rows 1-2"
fi
echo "REPORT office samples: docx, .VnTime docx and odt load as tables of cells and score as the text plan"
