# extract_deadline.sh — a quarter's roman numeral damaged by OCR ("Quý IIl", "Quý lV") is recorded
# written right, while its source keeps the text as read and names the rewrite in its rule; a numeral
# that is already right, or a count ("Quý 3"), is left as written.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
cat >kh.txt <<'DOC'
KẾ HOẠCH
Cải cách hành chính năm 2024
1. Kiểm tra công tác cải cách hành chính
- Đơn vị chủ trì: Sở Nội vụ
- Thời gian hoàn thành: Quý IIl năm 2024
2. Rà soát thủ tục hành chính
- Đơn vị chủ trì: Văn phòng UBND tỉnh
- Thời gian hoàn thành: Quý lV/2024
3. Công khai kết quả
- Đơn vị chủ trì: Sở Nội vụ
- Thời gian hoàn thành: Quý II năm 2024
4. Báo cáo kết quả
- Đơn vị chủ trì: Sở Nội vụ
- Thời gian hoàn thành: Quý 3
DOC
run_bin parplan-ocr -q --db d.db kh.txt || die "parplan-ocr"
run_bin parplan-extract -q --db d.db || die "parplan-extract"
dl() { sql d.db "select deadline from items where code = '$1'"; }
src() { sql d.db "select s.text || '|' || s.rule from sources s join items i on i.id = s.item_id where i.code = '$1' and s.field = 'deadline'"; }
[ "$(dl 1)" = "Quý III năm 2024" ] || die "1: got '$(dl 1)'"
[ "$(dl 2)" = "Quý IV/2024" ] || die "2: got '$(dl 2)'"
[ "$(dl 3)" = "Quý II năm 2024" ] || die "3: got '$(dl 3)'"
[ "$(dl 4)" = "Quý 3" ] || die "4: got '$(dl 4)'"
case "$(src 1)" in "Quý IIl năm 2024|"*+roman) ;; *) die "1's source: $(src 1)" ;; esac
case "$(src 3)" in *+roman) die "3's source names a rewrite: $(src 3)" ;; esac
exit 0
