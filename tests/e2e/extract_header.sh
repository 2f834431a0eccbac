# extract_header.sh — the document header of every kind of administrative document (Nghị định
# 30/2020/NĐ-CP layout), on the fixtures of tests/data/extract/header: NAME.txt is a header written for
# the test, NAME.expect the fields it must give (kind, number, number_note, date, issuer, province, title;
# empty = NULL).  Covers the kinds (Quyết định, Chỉ thị, Công văn with its V/v subject, Tờ trình,
# Thông báo, Báo cáo, Kế hoạch, Nghị quyết, Giấy phép, Hướng dẫn, Công điện, Chương trình, Đề án), the
# issuing body as a name (the superior body's line and the issuer's, the national motto beside them cut
# off, a header flattened one cell per line), a hyphenated province and an OCR-damaged one, and a
# number written by hand (blank or unreadable after "Số:"): no number, number_note "handwritten"; an
# inspection team's plan ("ĐOÀN KIỂM TRA" under its Sở, its founding decision's "SỐ …" above its own "Số:",
# whose slash the OCR lost): the team issues it, its own number as printed; a header cited in one
# sentence as legal databases copy old documents ("Quyết định của … số … ngày d/m/y về …").
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
D="$ROOT/tests/data/extract/header"
mkdir -p in
cp "$D"/*.txt in/ || die "no fixtures"
run_bin parplan-ocr -q --db h.db in || die "parplan-ocr"
run_bin parplan-extract -q --db h.db || die "parplan-extract"
fail=0
for exp in "$D"/*.expect; do
    name=$(basename "$exp" .expect)
    while IFS='=' read -r field want; do
        [ -n "$field" ] || continue
        got=$(sql h.db "select coalesce($field, '') from documents where source like '%/$name.txt'")
        if [ "$got" != "$want" ]; then
            echo "# $name: $field: want '$want', got '$got'"
            fail=1
        fi
    done <"$exp"
done
[ "$fail" = 0 ] || die "header fields differ"
# the handwritten number keeps what is printed in its source
src=$(sql h.db "select rule || '|' || text from sources where field = 'number_note' and document_id =
    (select id from documents where source like '%/totrinh.txt')")
case $src in so_blank*'/TTr-UBND'*) ;; *) die "number_note source: got '$src'" ;; esac
# the records carry the note beside the number
run_bin parplan-records -q --db h.db --out rec.jsonl || die "parplan-records"
grep -q '"number":null,"number_note":"handwritten"' rec.jsonl || die "records: no number_note"
exit 0
