# ocr.sh — parplan-ocr end to end on every input kind: text, PNG, aged JPEG, multi-page TIFF, scanned
# PDF; text printed with -o - and written with -o FILE (--out, --output); reruns add no rows; --force reloads to the same rows; an identical page
# in another file is reused, not recognised again; a corrupt image fails clearly and loads nothing.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
[ -d "$S" ] || skip "samples/scans missing"
CER="$PARPLAN_BUILD/tools/cer"
export OMP_THREAD_LIMIT=1
DB="$TEST_TMP/t.db"

# A text file written here: byte-exact raw pages, lines as in the file.
printf 'KẾ HOẠCH\r\n\tSở Nội vụ\n\fPhụ lục 1\n' > plan.txt
run_bin parplan-ocr -q --db "$DB" plan.txt || die "text load failed"
[ "$(sql "$DB" "select format||','||encoding||','||page_count from documents")" = "text,utf-8,2" ] || die "text document row"
sqlite3 "$DB" "select writefile('raw1', raw) from pages where number=1; select writefile('raw2', raw) from pages where number=2;" >/dev/null
printf 'KẾ HOẠCH\r\n\tSở Nội vụ\n' | cmp -s - raw1 || die "page 1 raw bytes differ from the file"
printf 'Phụ lục 1\n' | cmp -s - raw2 || die "page 2 raw bytes differ"
[ "$(sql "$DB" "select l.text from lines l join pages p on p.id=l.page_id where p.number=1 and l.number=2")" = "	Sở Nội vụ" ] \
    || die "line 2 of page 1 not kept byte-exact"

# An aged JPEG: text on stdout, no database written without --db.
aged=$(ls "$S"/*-aged.jpg | head -1)
gt="${aged%.jpg}.gt.txt"
(cd "$TEST_TMP" && run_bin parplan-ocr -o - "$aged") > aged.txt || die "-o - failed on $aged"
[ -s aged.txt ] || die "-o - printed nothing"
[ ! -e out/parplan.db ] || die "-o - without --db wrote a database"
# -o FILE (and its long forms --out and --output) writes the same text to FILE, never over the database
(cd "$TEST_TMP" && run_bin parplan-ocr -q -o plan-o.txt plan.txt && run_bin parplan-ocr --out plan-out.txt plan.txt &&
    run_bin parplan-ocr --output=- plan.txt > plan-stdout.txt) || die "-o FILE / --out / --output failed"
[ -s plan-o.txt ] && cmp -s plan-o.txt plan-out.txt && cmp -s plan-o.txt plan-stdout.txt || die "-o FILE differs from -o -"
[ ! -e out/parplan.db ] || die "-o FILE without --db wrote a database"
run_bin parplan-ocr -q --db "$DB" -o plan-db.txt plan.txt || die "-o FILE with --db"
cmp -s plan-o.txt plan-db.txt || die "-o FILE with --db: other text"
expect_exit 2 run_bin parplan-ocr --db "$DB" -o "$DB" plan.txt
grep -q "is the database" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "-o naming the database not refused"; }
if [ -x "$CER" ]; then
    cer=$("$CER" "$gt" aged.txt) || die "cer failed"
    echo "REPORT aged JPEG $(basename "$aged"): $cer"
    echo "$cer" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cer=/) { split($i, a, "="); exit !(a[2] <= 0.02) } }' \
        || die "character error rate too high: $cer"
fi

# Every scanned kind loads with the right page counts.
tif=$(ls "$S"/*.tif | head -1); pdf=$(ls "$S"/*.pdf | head -1); png=$(ls "$S"/*.png | head -1)
tif_pages=$(ls "${tif%.tif}"-p*.gt.txt | wc -l); pdf_pages=$(ls "${pdf%.pdf}"-p*.gt.txt | wc -l)
run_bin parplan-ocr -q -j 2 --db "$DB" "$png" "$aged" "$tif" "$pdf" || die "scan load failed"
[ "$(sql "$DB" "select page_count from documents where format='tiff'")" = "$tif_pages" ] || die "TIFF page count"
[ "$(sql "$DB" "select count(*) from pages p join documents d on d.id=p.document_id where d.format='tiff'")" = "$tif_pages" ] \
    || die "TIFF pages not all stored"
[ "$(sql "$DB" "select count(*) from pages p join documents d on d.id=p.document_id where d.format='pdf'")" = "$pdf_pages" ] \
    || die "PDF pages not all stored"
[ "$(sql "$DB" "select count(*) from pages where method='ocr' and (dpi < 150 or dpi > 400 or width < 1000)")" = 0 ] \
    || die "page dpi/size not taken from the scan: $(sql "$DB" "select dpi,width from pages where method='ocr'")"
[ "$(sql "$DB" "select count(*) from words")" -gt 200 ] || die "words not stored"
[ "$(sql "$DB" "select count(*) from words where x1 <= x0 or y1 <= y0 or confidence < 0 or confidence > 100")" = 0 ] \
    || die "word boxes or confidences invalid"
[ "$(sql "$DB" "select count(*) from pages where method='ocr' and skew is null")" = 0 ] || die "skew not recorded"
[ "$(sql "$DB" "select count(*) from pages where method='ocr' and abs(skew) >= 0.4")" -ge 1 ] \
    || die "no skew found on aged scans: $(sql "$DB" "select skew from pages")"

# Rerun: nothing new.  --force: same rows again.
before=$(db_rows "$DB")
run_bin parplan-ocr -q --db "$DB" plan.txt "$png" "$aged" "$tif" "$pdf" || die "rerun failed"
[ "$(db_rows "$DB")" = "$before" ] || die "rerun changed the rows"
[ "$(sql "$DB" "select skipped from runs order by id desc limit 1")" = 5 ] || die "rerun did not skip all 5"
run_bin parplan-ocr -q --force --db "$DB" "$png" || die "--force failed"
[ "$(db_rows "$DB")" = "$before" ] || die "--force changed the rows"

# The same page image under another name (a copy with a byte appended after the PNG end): its
# document is new, its page is reused from the database, not recognised again.
cp "$png" copy.png && printf 'x' >> copy.png
run_bin parplan-ocr --db "$DB" copy.png 2> log || die "copy load failed"
grep -q '0 recognised, 1 reused' log || die "identical page was not reused: $(cat log)"
[ "$(sql "$DB" "select count(distinct text) from pages where hash=(select p.hash from pages p join documents d on d.id=p.document_id where d.source='copy.png')")" = 1 ] \
    || die "reused page text differs"

# A corrupt image: clear message naming it, exit 3, no rows, a failure recorded; others still load.
head -c 3000 "$png" > broken.png
rows=$(sql "$DB" "select count(*) from documents")
expect_exit 3 run_bin parplan-ocr -q --db "$DB" broken.png
grep -q 'broken.png' err || die "message does not name the file: $(cat err)"
[ "$(sql "$DB" "select count(*) from documents")" = "$rows" ] || die "corrupt image left rows"
[ "$(sql "$DB" "select count(*) from failures where source='broken.png'")" = 1 ] || die "failure not recorded"
echo "ok"
