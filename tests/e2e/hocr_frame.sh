# hocr_frame.sh — hOCR and ALTO boxes are in the frame of the image they name (audit/hocr.c): on a skewed
# aged page (plan-01 page 2, 1.7 degrees) the words' centres agree with the boxes the tesseract CLI reports
# on the same image (median within 4 px; the deskewed frame put them ~30 px off), and on the same page turned
# a quarter clockwise (mkscan turn) the boxes are the upright page's boxes turned with it.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
MKSCAN="$PARPLAN_BUILD/tools/mkscan"
[ -f "$S/plan-01-p2-aged.jpg" ] || skip "samples missing"
[ -x "$MKSCAN" ] || skip "tools not built (make tools)"
command -v tesseract >/dev/null || skip "no tesseract CLI"
export OMP_THREAD_LIMIT=1

# "TEXT X0 Y0 X1 Y1" per word of an hOCR file (parplan's double quotes or tesseract's single ones)
words() {
    grep -o "bbox [0-9]* [0-9]* [0-9]* [0-9]*; x_wconf [0-9]*[\"'][^>]*>[^<]*<" "$1" |
        sed "s/^bbox \([0-9]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\);.*>\([^<]*\)<$/\5 \1 \2 \3 \4/"
}
# words found once in each list, paired by text: "dx dy" of their centres (the second list's frame mapped by
# the awk expression in $3 from x, y of the first, W and H being the first image's size)
pairs() {
    awk -v map="$3" -v W="${4:-0}" -v H="${5:-0}" 'NR == FNR { n[$1]++; a[$1] = $0; next }
        { m[$1]++; b[$1] = $0 }
        END { for (t in n) if (n[t] == 1 && m[t] == 1 && length(t) >= 4) {
                split(a[t], p, " "); split(b[t], q, " ");
                x = (p[2] + p[4]) / 2; y = (p[3] + p[5]) / 2;
                if (map == "turn") { tx = H - y; ty = x } else { tx = x; ty = y }
                dx = tx - (q[2] + q[4]) / 2; dy = ty - (q[3] + q[5]) / 2;
                print (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy) } }' "$1" "$2" | sort -n
}
median() { awk '{ v[NR] = $1 } END { if (NR == 0) { print 999; exit } print v[int((NR + 1) / 2)] }'; }

cp "$S/plan-01-p2-aged.jpg" page.jpg
"$MKSCAN" turn page.jpg turned.png 1 || die "mkscan turn failed"
run_bin parplan-ocr -q -j 2 --db h.db page.jpg turned.png || die "parplan-ocr failed"
[ "$(sql h.db "select count(*) from pages where prep like '%deskew%'")" = 2 ] || die "the page was not deskewed"
run_bin parplan-audit -q --db h.db --hocr hocr || die "hOCR export failed"
tesseract page.jpg cli -l vie hocr >/dev/null 2>&1 || die "tesseract failed"
words hocr/d1-p1.hocr > pp.words
words cli.hocr > cli.words
words hocr/d2-p1.hocr > turned.words
[ "$(wc -l < pp.words)" -gt 100 ] || die "too few words in the hOCR"
d=$(pairs pp.words cli.words same | median)
n=$(pairs pp.words cli.words same | wc -l)
echo "REPORT skewed page: median distance of $n word centres from the tesseract CLI's: $d px"
[ "$n" -gt 50 ] && awk -v d="$d" 'BEGIN { exit !(d <= 4) }' || die "hOCR boxes are not in the scan's frame ($d px off)"
size=$(sql h.db "select width || ' ' || height from pages p join documents d on d.id = p.document_id where d.source = 'page.jpg'")
d=$(pairs pp.words turned.words turn $size | median)
echo "REPORT turned page: median distance from the upright page's boxes turned: $d px"
awk -v d="$d" 'BEGIN { exit !(d <= 4) }' || die "hOCR boxes of the turned page are not in its frame ($d px off)"
grep -q 'WIDTH="'"$(echo "$size" | cut -d' ' -f2)"'" HEIGHT="'"$(echo "$size" | cut -d' ' -f1)"'"' hocr/d2-p1.alto.xml ||
    die "the turned page's ALTO page size is not the scan's"
exit 0
