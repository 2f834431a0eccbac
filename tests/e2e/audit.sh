# audit.sh — parplan-audit end to end: a scan and a text plan through ocr and extract, the HTML report
# rendered in headless Chromium (crops present and referenced, flags shown, every relative link resolves,
# stored text made inert), review decisions that survive `parplan-extract --force`, hOCR/ALTO exports,
# and a searchable PDF whose text pdftotext finds.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1
S="$ROOT/samples"
[ -f "$S/scans/plan-01-p1-aged.jpg" ] && [ -f "$S/text/plan-01.txt" ] || skip "samples missing"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ] && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq chromium >/dev/null 2>&1; CHROME=$(command -v chromium || true)
fi
[ -n "$CHROME" ] || skip "chromium not installed and cannot be installed"
chrome() {
    timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$TEST_TMP/chrome-profile" --hide-scrollbars "$@" 2>/dev/null
}
DB="$TEST_TMP/t.db"
# Relative source paths, as a user would load them from the project root.
cd "$ROOT" || die "no root"
run_bin parplan-ocr -q -j 1 --db "$DB" samples/scans/plan-01-p1-aged.jpg samples/text/plan-01.txt || die "ocr failed"
run_bin parplan-extract -q --db "$DB"; rc=$?
[ $rc -eq 7 ] && skip "parplan-extract not implemented yet"
[ $rc -eq 0 ] || die "extract failed ($rc)"
cd "$TEST_TMP" || die "no tmp"

# Stored text is untrusted: a title with markup, quotes, a comma and a newline must come out inert.
sql "$DB" "update items set title = '<script>alert(1)</script> \"q'' a,b' || char(10) || 'x' where id = (select min(id) from items where kind = 'item')"
evil=$(sql "$DB" "select id from items where title like '<script>%'")

# The report, from another directory (--root), with a threshold that flags some values as low.
expect_exit 0 run_bin parplan-audit -q --db "$DB" --out rep --root "$ROOT" --low 96
R="$TEST_TMP/rep"
[ -s "$R/index.html" ] && [ -s "$R/flagged.html" ] && [ -s "$R/review.csv" ] || die "report files missing"
ls "$R"/doc-*.html >/dev/null 2>&1 || die "no document pages"
# Counts per flag on the index (audit_flags.h): the inferred codes are the items' code_inferred.
inferred=$(sql "$DB" "select count(*) from items where code_inferred = 1")
grep -q "id=\"n-inferred\">$inferred<" "$R/index.html" || die "index does not count $inferred inferred codes"
for f in low inferred leftover prior restored canonical nolead unparsed; do
    grep -q "id=\"n-$f\">[0-9]*<" "$R/index.html" || die "index has no count of flag $f"
done
nitems=$(sql "$DB" "select count(*) from items")
[ "$(ls "$R"/item-*.html | wc -l)" -eq "$nitems" ] || die "not one page per item"
grep -q '<script>alert' "$R"/*.html && die "markup from the database reached the page unescaped"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&#39; a,b' "$R/item-$evil.html" || die "title not escaped as text"

# Crops: every <img src> of every page exists; crops of the scan are referenced; text inputs show
# the source line with the span highlighted instead.
refs=$(grep -oh 'src="[^"]*"' "$R"/*.html | sed 's/^src="//; s/"$//' | sort -u)
[ -n "$refs" ] || die "no image referenced"
for f in $refs; do [ -s "$R/$f" ] || die "image $f referenced but missing"; done
echo "$refs" | grep -q '^crops/i[0-9]*-p[0-9]*\.png$' || die "no crop referenced"
file "$R/$(echo "$refs" | head -1)" | grep -q 'PNG image' || die "crop is not a PNG"
scan_doc=$(sql "$DB" "select id from documents where format = 'jpeg'")
text_doc=$(sql "$DB" "select id from documents where format = 'text'")
scan_item=$(sql "$DB" "select i.id from items i where i.document_id = $scan_doc and exists (select 1 from sources s where s.item_id = i.id) and i.id <> $evil order by seq limit 1 offset 3")
text_item=$(sql "$DB" "select i.id from items i where i.document_id = $text_doc and i.code = '1.1'")
grep -q '<img src="crops/' "$R/item-$scan_item.html" || die "scan item page has no crop"
grep -q '<mark>' "$R/item-$text_item.html" || die "text item page has no highlighted span"

# Subsets: --doc (by id or source), --province, --flagged.
expect_exit 0 run_bin parplan-audit -q --db "$DB" --out rep-doc --root "$ROOT" --doc "$text_doc"
[ "$(ls rep-doc/doc-*.html | wc -l)" = 1 ] && [ -f "rep-doc/doc-$text_doc.html" ] || die "--doc ID reported other documents"
expect_exit 0 run_bin parplan-audit -q --db "$DB" --out rep-src --root "$ROOT" --doc samples/scans/plan-01-p1-aged.jpg
[ "$(ls rep-src/doc-*.html | wc -l)" = 1 ] && [ -f "rep-src/doc-$scan_doc.html" ] || die "--doc SOURCE"
expect_exit 0 run_bin parplan-audit -q --db "$DB" --out rep-prov --root "$ROOT" --province "no such province"
ls rep-prov/doc-*.html >/dev/null 2>&1 && die "--province reported another province"
expect_exit 0 run_bin parplan-audit -q --db "$DB" --out rep-flag --root "$ROOT" --low 96 --flagged
nflag=$(ls rep-flag/item-*.html 2>/dev/null | wc -l)
[ "$nflag" -gt 0 ] && [ "$nflag" -lt "$nitems" ] || die "--flagged kept $nflag of $nitems items"

# Links: every relative href resolves to a file of the report; fragments name an element of it.
for page in "$R"/*.html; do
    for h in $(grep -o 'href="[^"]*"' "$page" | sed 's/^href="//; s/"$//' | sort -u); do
        case "$h" in http:*|https:*|//*) die "$(basename "$page"): external link $h" ;; esac
        file=${h%%#*}; frag=${h#"$file"}; frag=${frag#\#}
        [ -z "$file" ] && file=$(basename "$page")
        [ -f "$R/$file" ] || die "$(basename "$page"): link $h does not resolve"
        [ -z "$frag" ] || grep -q "id=\"$frag\"" "$R/$file" || die "$(basename "$page"): no #$frag in $file"
    done
done

# Rendered by Chromium: the DOM has the summary, the flags and the crops.
chrome --dump-dom "file://$R/index.html" > index.dom || die "chromium failed on index.html"
grep -q 'Audit report' index.dom || die "index not rendered"
grep -q 'low confidence' index.dom || die "index has no flag counts"
chrome --dump-dom "file://$R/item-$scan_item.html" > item.dom || die "chromium failed on an item page"
grep -q 'class="card[^"]*low' item.dom || grep -q 'class="card' item.dom || die "no value cards"
grep -q 'crops/i' item.dom || die "crop not in the rendered item page"
chrome --dump-dom "file://$R/flagged.html#low" > flagged.dom || die "chromium failed on flagged.html"
grep -q 'class="card low' flagged.dom || die "no low-confidence value flagged"
chrome --window-size=1100,1400 --screenshot="$TEST_TMP/item.png" "file://$R/item-$scan_item.html" >/dev/null
[ -s "$TEST_TMP/item.png" ] || die "no screenshot"

# Reviews: accept an item, correct a field; both survive a rerun of extraction with new item ids.
expect_exit 0 run_bin parplan-audit -q --db "$DB" --accept "$text_item" --reviewer alice
expect_exit 0 run_bin parplan-audit -q --db "$DB" --correct "$text_item" deadline "Quý II năm 2024" --reviewer bob
expect_exit 2 run_bin parplan-audit -q --db "$DB" --correct "$text_item" nosuchfield x
[ "$(sql "$DB" "select count(*) from reviews where action = 'correct' and value = 'Quý II năm 2024'")" = 1 ] || die "correction not stored"
before=$(sql "$DB" "select deadline from items where id = $text_item")
(cd "$ROOT" && run_bin parplan-extract -q --force --db "$DB") || die "extract --force failed"
new_item=$(sql "$DB" "select id from items where document_id = $text_doc and code = '1.1'")
[ -n "$new_item" ] && [ "$new_item" != "$text_item" ] || note "extraction kept the item id ($new_item)"
[ "$(sql "$DB" "select deadline from items where id = $new_item")" = "$before" ] || die "review overwrote the extraction"
run_bin parplan-audit -q --db "$DB" -o rep2 --root "$ROOT" || die "second report failed"
grep -q 'f-corrected">corrected</span> → <b>Quý II năm 2024' "rep2/item-$new_item.html" || die "correction lost after re-extraction"
grep -q 'f-accepted">accepted' "rep2/item-$new_item.html" || die "acceptance lost after re-extraction"
grep -q "^$new_item,.*,deadline,.*,corrected,,Quý II năm 2024" rep2/review.csv || die "review.csv lacks the correction"

# parplan-records exports the corrected value in place and says which fields were reviewed.
run_bin parplan-records --db "$DB" --format jsonl > rec.jsonl || die "records failed"
item11=$(grep -o '{"code":"1.1"[^}]*' rec.jsonl | head -1)
grep -q '"deadline":"Quý II năm 2024"' rec.jsonl || die "records do not export the corrected deadline"
grep -q '"deadline":{"status":"corrected","value":"Quý II năm 2024","reviewer":"bob"' rec.jsonl \
    || die "records do not say the deadline was corrected"
grep -q '"title":{"status":"accepted"' rec.jsonl || die "records do not say the title was accepted"
[ -n "$item11" ] || die "item 1.1 missing from records"

# Archive exports: hOCR and ALTO from the stored words; a searchable PDF pdftotext can read.
run_bin parplan-audit -q --db "$DB" --hocr hocr || die "hocr export failed"
grep -q "class=\"ocrx_word\".*x_wconf" "hocr/d$scan_doc-p1.hocr" || die "hOCR has no words"
grep -q '<String ID=' "hocr/d$scan_doc-p1.alto.xml" || die "ALTO has no strings"
if command -v pdftotext >/dev/null; then
    run_bin parplan-audit -q --db "$DB" --root "$ROOT" --pdf pdf || die "searchable PDF failed"
    pdftotext "pdf/d$scan_doc.pdf" pdf.txt || die "pdftotext failed"
    grep -q 'HOẠCH' pdf.txt && grep -q 'cải cách hành chính' pdf.txt || die "PDF text layer not found: $(head -5 pdf.txt)"
    pdfimages -list "pdf/d$scan_doc.pdf" 2>/dev/null | grep -q image || die "PDF has no page image"
    [ -z "$(ls -A pdf | grep '^\.')" ] || die "--pdf left temporary files: $(ls -A pdf)"
    # stopped half-way (SIGKILL while its pages are being recognised), --pdf leaves the PDF that was
    # there whole or none, never a 0-page or torn d<id>.pdf
    cp "pdf/d$scan_doc.pdf" before.pdf
    run_bin parplan-audit -q --db "$DB" --root "$ROOT" --pdf pdf & pid=$!
    sleep 1; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    for f in pdf/d*.pdf; do
        pdfinfo "$f" 2>/dev/null | grep -q '^Pages: *[1-9]' || die "$f is not a whole PDF after the kill"
    done
    cmp -s before.pdf "pdf/d$scan_doc.pdf" || pdfinfo "pdf/d$scan_doc.pdf" >/dev/null 2>&1 \
        || die "the killed run broke d$scan_doc.pdf"
fi
echo "ok"
