# ocr_prep.sh — what parplan-ocr does to a page before recognition, recorded per page (pages.prep): a
# 100 dpi aged scan (made here with mkscan) is scaled up to 150 dpi, reads with CER <= 1 % (the bare
# tesseract CLI: 0.2 % and 0.7 % on these two pages) and its word boxes stay inside the page as scanned.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
[ -d "$S" ] || skip "samples/scans missing"
MKSCAN="$PARPLAN_BUILD/tools/mkscan"
CER="$PARPLAN_BUILD/tools/cer"
[ -x "$MKSCAN" ] && [ -x "$CER" ] || skip "tools not built (make tools)"
export OMP_THREAD_LIMIT=1
DB="$TEST_TMP/t.db"

for p in 1 2; do
    "$MKSCAN" age "$S/plan-01-p$p.png" "lo$p.jpg" --dpi 100 --seed 7 >/dev/null || die "mkscan age failed"
done
run_bin parplan-ocr -q -j 2 --db "$DB" lo1.jpg lo2.jpg || die "low-resolution load failed"
for p in 1 2; do
    sql "$DB" "select p.text from pages p join documents d on d.id = p.document_id where d.source like '%lo$p.jpg'" > "lo$p.txt"
    cer=$("$CER" "$S/plan-01-p$p.gt.txt" "lo$p.txt") || die "cer failed"
    echo "REPORT 100 dpi aged page $p: $cer"
    echo "$cer" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cer=/) { split($i, a, "="); exit !(a[2] <= 0.01) } }' \
        || die "100 dpi page $p: character error rate too high: $cer"
done
prep=$(sql "$DB" "select group_concat(prep, ' | ') from pages")
echo "REPORT prep: $prep"
case "$prep" in *upscale=1.50*) ;; *) die "a 100 dpi page was not scaled up to 150 dpi: $prep" ;; esac
case "$prep" in *lang=*) ;; *) die "the models are not recorded: $prep" ;; esac
[ "$(sql "$DB" "select count(*) from pages where dpi <> 100 or text_source <> 'ocr'")" = 0 ] \
    || die "page dpi (as scanned) or text source wrong: $(sql "$DB" "select dpi, text_source from pages")"
# boxes in the frame of the page as scanned (about 827 x 1170 at 100 dpi), not of the scaled image
[ "$(sql "$DB" "select count(*) from words w join lines l on l.id = w.line_id join pages p on p.id = l.page_id
                where w.x1 > p.width + 2 or w.y1 > p.height + 2")" = 0 ] || die "word boxes outside the page"
[ "$(sql "$DB" "select max(x1) > 600 from words")" = 1 ] || die "word boxes shrunk"

# The aged 300 dpi samples are neither scaled nor background-normalised (their paper spread is under 40).
aged=$(ls "$S"/*-aged.jpg | head -1)
run_bin parplan-ocr -q --db "$DB" "$aged" || die "aged load failed"
p=$(sql "$DB" "select prep from pages p join documents d on d.id = p.document_id where d.source = '$aged'")
case "$p" in gray,deskew,block,lang=*) ;; *) die "aged page prep: $p" ;; esac
exit 0
