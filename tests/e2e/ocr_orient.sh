# ocr_orient.sh — pages scanned sideways or upside down: each page of the aged plan-01 scan and the ruled
# appendix-02 table (samples you make: tools/mkscan turn) is found turned, turned back, stored with its
# orientation and confidence, read with CER <= 2 %, and gives the items the upright pages give; so does
# the table sideways with a red seal over its cells (mkscan seal), the seal read away by its colour.  A blank
# page has no orientation to find: it is flagged unsure, with a warning, never silently kept.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
T="$ROOT/samples/tables"
MKSCAN="$PARPLAN_BUILD/tools/mkscan"
CER="$PARPLAN_BUILD/tools/cer"
[ -f "$S/plan-01-p1-aged.jpg" ] && [ -f "$T/appendix-02.jpg" ] || skip "samples missing"
[ -x "$MKSCAN" ] && [ -x "$CER" ] || skip "tools not built (make tools)"
export PARPLAN_RULES="$ROOT/rules"
export OMP_THREAD_LIMIT=1

items() { sql "$1" "select kind || '|' || coalesce(code, '') || '|' || coalesce(title, '') from items order by seq"; }

# plan-01 upright, turned a quarter clockwise (page 1 and 3) and upside down (page 2), as one TIFF each
"$MKSCAN" tiff up.tif "$S"/plan-01-p1-aged.jpg "$S"/plan-01-p2-aged.jpg "$S"/plan-01-p3-aged.jpg >/dev/null \
    || die "mkscan tiff failed"
"$MKSCAN" turn "$S/plan-01-p1-aged.jpg" t1.png 1 && "$MKSCAN" turn "$S/plan-01-p2-aged.jpg" t2.png 2 &&
    "$MKSCAN" turn "$S/plan-01-p3-aged.jpg" t3.png 3 || die "mkscan turn failed"
"$MKSCAN" tiff turned.tif t1.png t2.png t3.png >/dev/null || die "mkscan tiff failed"
# the ruled table, sideways (a quarter anticlockwise, as landscape appendices are often scanned)
"$MKSCAN" turn "$T/appendix-02.jpg" table-side.jpg 3 || die "mkscan turn failed"

for v in up turned; do
    run_bin parplan-ocr -q -j 2 --db "$v.db" "$v.tif" || die "parplan-ocr failed on $v.tif"
    run_bin parplan-extract -q --db "$v.db" || die "parplan-extract failed on $v.tif"
done
got=$(sql turned.db "select group_concat(orientation || ':' || orientation_unsure, ' ') from (select * from pages order by number)")
echo "REPORT turned pages (orientation:unsure): $got; confidence $(sql turned.db "select group_concat(round(orientation_conf, 1), ' ') from pages")"
[ "$got" = "270:0 180:0 90:0" ] || die "turned pages: orientation $got, want 270:0 180:0 90:0"
[ "$(sql up.db "select group_concat(orientation || ':' || orientation_unsure, ' ') from pages")" = "0:0 0:0 0:0" ] \
    || die "upright pages not found upright"
for p in 1 2 3; do
    sql turned.db "select text from pages where number = $p" > "turned$p.txt"
    cer=$("$CER" "$S/plan-01-p$p-aged.gt.txt" "turned$p.txt") || die "cer failed"
    echo "REPORT turned page $p: $cer"
    echo "$cer" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cer=/) { split($i, a, "="); exit !(a[2] <= 0.02) } }' \
        || die "turned page $p: character error rate too high: $cer"
done
items up.db > up.items
items turned.db > turned.items
[ -s up.items ] || die "no items from the upright plan"
cmp -s up.items turned.items || { diff up.items turned.items | head; die "items of the turned plan differ from the upright plan's"; }
echo "REPORT plan-01 items, upright and turned: $(wc -l < up.items) the same"

# The table sideways: same orientation found, the same cells read as upright.
run_bin parplan-ocr -q --db table-up.db "$T/appendix-02.jpg" || die "parplan-ocr failed on the table"
run_bin parplan-ocr -q --db table-side.db table-side.jpg || die "parplan-ocr failed on the sideways table"
[ "$(sql table-side.db "select orientation || ':' || orientation_unsure from pages")" = "90:0" ] \
    || die "sideways table: $(sql table-side.db "select orientation, orientation_conf, orientation_unsure from pages")"
cells() { sql "$1" "select group_concat(text, '|') from (select c.text from cells c order by c.table_id, c.row, c.col)"; }
cells table-up.db > cells.up
cells table-side.db > cells.side
"$CER" cells.up cells.side > cells.cer || die "cer failed"
echo "REPORT sideways table cells against upright: $(cat cells.cer)"
awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cer=/) { split($i, a, "="); exit !(a[2] <= 0.02) } }' cells.cer \
    || die "sideways table cells differ from the upright ones: $(cat cells.cer)"

# The table sideways with a red seal stamped over its cells (mkscan seal: colour, multiplied in as ink is):
# its seal read away by colour (scan/ink.h), the cells as upright, and the items the upright table gives.
"$MKSCAN" seal "$T/appendix-02.jpg" table-seal.jpg 62 45 && "$MKSCAN" turn table-seal.jpg table-seal-side.jpg 3 ||
    die "mkscan seal failed"
run_bin parplan-ocr -q --db table-seal.db table-seal-side.jpg || die "parplan-ocr failed on the sealed sideways table"
sql table-seal.db "select prep from pages" | grep -q "rotate=90.*colour-ink=[0-9.]*%:removed" ||
    die "sealed table: seal not removed: $(sql table-seal.db "select prep from pages")"
cells table-seal.db > cells.seal
"$CER" cells.up cells.seal > seal.cer || die "cer failed"
echo "REPORT sideways table with a red seal, cells against upright: $(cat seal.cer) ($(sql table-seal.db "select prep from pages"))"
awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cer=/) { split($i, a, "="); exit !(a[2] <= 0.02) } }' seal.cer \
    || die "sealed sideways table cells differ from the upright ones: $(cat seal.cer)"
for v in table-up table-seal; do
    run_bin parplan-normalize -q --db $v.db && run_bin parplan-extract -q --db $v.db || die "stages failed on $v.db"
    items $v.db > $v.items
done
[ -s table-up.items ] || die "no items from the upright table"
cmp -s table-up.items table-seal.items || { diff table-up.items table-seal.items | head; die "items of the sealed sideways table differ"; }
echo "REPORT sealed sideways table: $(wc -l < table-up.items) items, as upright"

# A blank page (a plain grey PGM written here): unsure, flagged and named on stderr, exit 0.
awk 'BEGIN { print "P2\n620 877\n255"; for (y = 0; y < 877; y++) { s = ""; for (x = 0; x < 620; x++) s = s "250 "; print s } }' > blank.pgm
run_bin parplan-ocr --db blank.db blank.pgm 2> blank.err >/dev/null || die "parplan-ocr failed on a blank page"
[ "$(sql blank.db "select orientation || ':' || orientation_unsure from pages")" = "0:1" ] || die "blank page not flagged unsure"
grep -q "blank.pgm: page 1: orientation unsure" blank.err || die "no warning for the unsure page: $(cat blank.err)"
exit 0
