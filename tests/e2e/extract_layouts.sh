# extract_layouts.sh — the text layouts of issue 14 end to end (parplan-ocr, -extract, -records): a
# table flattened to '|' lines (samples/text/plan-07), TAB-separated rows grouped by agency (plan-08),
# fixed-width columns (plan-06), and a generated list of 1,200 numbered tasks (test_segment_text
# segments 5,000; records cost grows with the square of a document's items: src/lib/records/review.c
# counts a code's occurrences per item).  Checks what the unit
# tests cannot: an agency group row leads the rows under it unless they name their own lead, codes are
# paths from the group with code_as_printed beside them in the records (JSON and CSV), sections without
# tasks and the signature make no items, and numbering past 99 is kept.  And a directive's layout as a
# born-digital page's text gives it (samples/text/notice-01, a Thông báo kết luận): the two-column
# header, an e-signature's date stamp and the two-column closing ("Nơi nhận:" beside "TL. CHỦ TỊCH") make
# no items, and the body a conclusion opens with leads it.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
mkdir in
cp "$ROOT/samples/text/plan-07.txt" "$ROOT/samples/text/plan-08.txt" "$ROOT/samples/text/plan-06.txt" \
    "$ROOT/samples/text/notice-01.txt" in/
{
    printf 'KẾ HOẠCH\nRà soát hồ sơ tồn đọng năm 2025\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Giải quyết dứt điểm hồ sơ tồn đọng.\n\n'
    printf 'II. NHIỆM VỤ CỤ THỂ\n'
    i=1
    while [ $i -le 1200 ]; do printf '%d. Rà soát hồ sơ nhóm %d\n- Đơn vị chủ trì: Sở Nội vụ\n' $i $i; i=$((i + 1)); done
} >in/long.txt
run_bin parplan-ocr -q --db p.db in || die "parplan-ocr"
run_bin parplan-extract -q --db p.db || die "parplan-extract"
run_bin parplan-records -q --db p.db --out r.jsonl || die "parplan-records"
run_bin parplan-records -q --db p.db --format csv --out r.csv || die "parplan-records csv"
doc() { sql p.db "select id from documents where source like '%$1'"; }
lead() {
    sql p.db "select group_concat(b.name, '; ') from items i join item_bodies ib on ib.item_id = i.id
              join bodies b on b.id = ib.body_id where i.document_id = $(doc "$1") and i.code = '$2' and ib.role = 'lead'"
}
# agency groups: I. SỞ NỘI VỤ leads I.1 and I.2 (empty lead cells); I.3 names its own; II.* are Sở Tư pháp's
[ "$(lead plan-08.txt I.1)" = "Sở Nội vụ" ] || die "plan-08 I.1 lead: $(lead plan-08.txt I.1)"
[ "$(lead plan-08.txt I.2)" = "Sở Nội vụ" ] || die "plan-08 I.2 lead: $(lead plan-08.txt I.2)"
[ "$(lead plan-08.txt I.3)" = "Ban Chỉ đạo cải cách hành chính tỉnh" ] || die "plan-08 I.3 lead: $(lead plan-08.txt I.3)"
[ "$(lead plan-08.txt II.2)" = "Sở Tư pháp" ] || die "plan-08 II.2 lead: $(lead plan-08.txt II.2)"
[ "$(lead plan-06.txt 2.1)" = "Phòng Kiểm soát thủ tục hành chính" ] || die "plan-06 2.1 wrapped lead: $(lead plan-06.txt 2.1)"
# codes: paths, printed codes beside them, unique in a document
items() { sql p.db "select group_concat(code, ' ') from (select code from items where document_id = $(doc "$1") and kind <> 'section' order by seq)"; }
[ "$(items plan-07.txt)" = "I.1 I.2 II.3 II.4 II.5 III.6 III.7" ] || die "plan-07 items: $(items plan-07.txt)"
[ "$(items plan-08.txt)" = "I.1 I.2 I.3 II.1 II.2 III.1" ] || die "plan-08 items: $(items plan-08.txt)"
[ "$(items plan-06.txt)" = "1 1.1 1.2 2 2.1 2.2 3 3.1" ] || die "plan-06 items: $(items plan-06.txt)"
grep -q '"code":"II.4","code_inferred":false,"code_as_printed":"4"' r.jsonl || die "records: no code_as_printed 4 for II.4"
python3 - r.csv <<'PY' || die "csv: II.4 not printed as 4"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
got = [r["code_as_printed"] for r in rows if r["source"].endswith("plan-07.txt") and r["code"] == "II.4"]
assert got and set(got) == {"4"}, got
PY
[ "$(items notice-01.txt)" = "1 2 3 4" ] || die "notice-01 items: $(items notice-01.txt)"
[ "$(lead notice-01.txt 1)" = "Sở Nội vụ" ] || die "notice-01 1 lead: $(lead notice-01.txt 1)"
[ "$(lead notice-01.txt 2)" = "Sở Tư pháp; Sở Thông tin và Truyền thông" ] || die "notice-01 2 lead: $(lead notice-01.txt 2)"
[ "$(lead notice-01.txt 4)" = "UBND các huyện, thị xã, thành phố" ] || die "notice-01 4 lead: $(lead notice-01.txt 4)"
dups=$(sql p.db "select count(*) from (select document_id, code from items where kind <> 'section' and document_id in
                 ($(doc plan-07.txt), $(doc plan-08.txt), $(doc plan-06.txt)) group by 1, 2 having count(*) > 1)")
[ "$dups" = 0 ] || die "$dups codes repeat within a document"
# a list of 1,200: every task an item, in order, none from section I
n=$(sql p.db "select count(*) from items where document_id = $(doc long.txt) and kind = 'item'")
[ "$n" = 1200 ] || die "long list: $n items, not 1200"
last=$(sql p.db "select code from items where document_id = $(doc long.txt) order by seq desc limit 1")
[ "$last" = 1200 ] || die "long list: the last item is $last"
[ "$(lead long.txt 1199)" = "Sở Nội vụ" ] || die "long list: 1199 has no lead"
grep -q '"code":"1200","code_inferred":false,"code_as_printed":"1200"' r.jsonl || die "records: item 1200 missing"
exit 0
