# extract_province.sh — a document whose header names no province takes it from the folders it was filed
# in (rules/provinces.txt: "gia-lai", "Bình Định"), the deepest that is a province; a header's own
# province wins over its folder; a folder that is no province gives none; a header phrase that reads
# like a province but names none in the list ("UBND tỉnh giao Sở Nội vụ chủ trì") gives none either.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
body='KẾ HOẠCH
Cải cách hành chính năm 2024
1. Kiểm tra công tác cải cách hành chính
- Đơn vị chủ trì: Sở Nội vụ'
mkdir -p "archive/gia-lai/2023" "Bình Định/ke-hoach" "archive/misc" "archive/gia-lai/son-ha"
printf '%s\n' "$body" >"archive/gia-lai/2023/kh1.txt"
printf '%s\n' "$body" | sed 's/^KẾ HOẠCH/KẾ HOẠCH số 2/' >"Bình Định/ke-hoach/kh2.txt"
printf '%s\n' "$body" | sed 's/^KẾ HOẠCH/KẾ HOẠCH số 3/' >"archive/misc/kh3.txt"
printf 'UBND TỈNH LÂM ĐỒNG\n%s\n' "$body" >"archive/gia-lai/son-ha/kh4.txt"
printf 'UBND tỉnh giao Sở Nội vụ chủ trì\n%s\n' "$body" | sed 's/^KẾ HOẠCH/KẾ HOẠCH số 5/' >"archive/misc/kh5.txt"
run_bin parplan-ocr -q --db p.db archive "Bình Định" || die "parplan-ocr"
run_bin parplan-extract -q --db p.db || die "parplan-extract"
got() { sql p.db "select coalesce(province, '-') from documents where source like '%$1'"; }
[ "$(got kh1.txt)" = "Gia Lai" ] || die "gia-lai folder: got $(got kh1.txt)"
[ "$(got kh2.txt)" = "Bình Định" ] || die "Bình Định folder: got $(got kh2.txt)"
[ "$(got kh3.txt)" = "-" ] || die "no province folder: got $(got kh3.txt)"
[ "$(got kh4.txt)" = "Lâm Đồng" ] || die "the header wins: got $(got kh4.txt)"
[ "$(got kh5.txt)" = "-" ] || die "no listed province in the header: got $(got kh5.txt)"
exit 0
