# ocr_pdftext.sh — born-digital PDFs load from their own text layer (scan/pdftext.c), as OCRmyPDF's
# --skip-text: a PDF made here from the plan-01 text (tools/mkpdf: DejaVu Serif embedded, a red seal of
# vector ink on its last page) reads with CER <= 0.2 % against pdftotext, every page text_source 'pdf',
# in a fraction of the time recognition takes, and gives the items the text gives; --force-ocr recognises
# its pages instead.  A born-digital ruled table (tools/mktables --pdf) gets its cells from positions and
# the items of the scanned table.  An OCR'd PDF (ocrmypdf over the aged plan-03 scan) is read from its layer, and
# recognised again with --redo-ocr.  With ../shared: the signed born-digital PDFs against pdftotext
# (their signing annotations are recognised: pdftotext draws them), and a layer of garbage (a subset
# font mapped off, "SKѭѫQJ" for "phương") recognised instead.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
MKPDF="$PARPLAN_BUILD/tools/mkpdf"
CER="$PARPLAN_BUILD/tools/cer"
[ -f "$S/plan-01-p1.gt.txt" ] || skip "samples missing"
[ -x "$MKPDF" ] && [ -x "$CER" ] || skip "tools not built (make tools)"
command -v pdftotext >/dev/null || skip "no pdftotext (poppler-utils)"
export PARPLAN_RULES="$ROOT/rules"
export OMP_THREAD_LIMIT=1
cer_of() { "$CER" "$1" "$2" | sed 's/.*cer=//'; }
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# 1. a born-digital plan of our own
"$MKPDF" plan.pdf "$S/plan-01-p1.gt.txt" "$S/plan-01-p2.gt.txt" "$S/plan-01-p3.gt.txt" --seal || die "mkpdf failed"
pdftotext -layout -enc UTF-8 plan.pdf ref.txt || die "pdftotext failed"
run_bin parplan-ocr -q --db pdf.db -o pdf.txt plan.pdf || die "parplan-ocr failed on plan.pdf"
c=$(cer_of ref.txt pdf.txt)
echo "REPORT self-made born-digital plan-01 (3 pages): CER $c against pdftotext"
at_most "$c" 0.002 || die "text layer read with CER $c against pdftotext"
[ "$(sql pdf.db "select group_concat(text_source || ':' || substr(prep, 1, 8), ' ') from (select * from pages order by number)")" = \
    "pdf:pdf-text pdf:pdf-text pdf:pdf-text" ] || die "pages not read from the text layer: $(sql pdf.db 'select text_source, prep from pages')"
# words have boxes in the page image's pixels (300 dpi: A4 is 2480 x 3509)
[ "$(sql pdf.db "select count(*) from words w join lines l on l.id = w.line_id where w.x1 > 2480 or w.y1 > 3509 or w.x0 < 0")" = 0 ] \
    || die "word boxes outside the page"
[ "$(sql pdf.db "select min(width) || 'x' || min(height) from pages")" = "2480x3509" ] || die "page frame is not 300 dpi A4"
# the same items as the text itself gives
cat "$S/plan-01-p1.gt.txt" > plan.txt && printf '\f' >> plan.txt && cat "$S/plan-01-p2.gt.txt" >> plan.txt &&
    printf '\f' >> plan.txt && cat "$S/plan-01-p3.gt.txt" >> plan.txt
run_bin parplan-ocr -q --db txt.db plan.txt || die "parplan-ocr failed on plan.txt"
for d in pdf txt; do
    run_bin parplan-normalize -q --db $d.db && run_bin parplan-extract -q --db $d.db || die "stages failed on $d.db"
done
items() { sql "$1" "select kind || '|' || coalesce(code, '') || '|' || coalesce(title, '') from items order by seq"; }
items pdf.db > items-pdf && items txt.db > items-txt
n=$(wc -l < items-txt)
[ "$n" -gt 5 ] || die "the text gives only $n items"
diff items-txt items-pdf >/dev/null || { diff items-txt items-pdf | head; die "items of the PDF differ from the text's"; }
echo "REPORT self-made born-digital plan-01: $n items, as from the text"
# --force-ocr: every page recognised (another OCR key, so the loaded document is done again)
run_bin parplan-ocr -q --db pdf.db --force-ocr plan.pdf || die "parplan-ocr --force-ocr failed"
[ "$(sql pdf.db "select group_concat(text_source, ' ') from pages")" = "ocr ocr ocr" ] || die "--force-ocr did not recognise"
c2=$(cer_of ref.txt "$(sql pdf.db "select text from pages order by number" > ocr.txt; echo ocr.txt)")
echo "REPORT the same pages recognised (--force-ocr): CER $c2"
# bad usage
expect_exit 2 run_bin parplan-ocr --force-ocr --redo-ocr -o - plan.pdf
grep -q "exclude each other" "$TEST_TMP/err" || die "no message for --force-ocr --redo-ocr"

# 1b. a born-digital ruled table (tools/mktables --pdf: appendix-02 as a word processor writes it): the rules
#     found on the rendered page, the layer's words put in its cells by position, the cells as the spec
#     wrote them, and the items of the scanned appendix-02
T="$ROOT/samples/tables"
MKTABLES="$PARPLAN_BUILD/tools/mktables"
if [ -x "$MKTABLES" ] && [ -f "$T/appendix-02.spec" ]; then
    "$MKTABLES" "$T/appendix-02.spec" a2 --pdf >/dev/null || die "mktables --pdf failed"
    run_bin parplan-ocr -q --db a2.db a2.pdf || die "parplan-ocr failed on a2.pdf"
    [ "$(sql a2.db "select text_source || ' ' || n_rows || 'x' || n_cols from pages, tables")" = "pdf 10x6" ] ||
        die "born-digital table: $(sql a2.db "select text_source, prep from pages; select n_rows, n_cols from tables")"
    tail -n +2 a2.cells.tsv | cut -f3,4,7 | sort > cells.want
    sql a2.db "select row || char(9) || col || char(9) || text from cells where text <> ''" | sort > cells.got
    diff cells.want cells.got >/dev/null || { diff cells.want cells.got | head; die "born-digital table cells differ from the spec"; }
    run_bin parplan-ocr -q --db a2s.db "$T/appendix-02.jpg" || die "parplan-ocr failed on appendix-02.jpg"
    for d in a2 a2s; do
        run_bin parplan-normalize -q --db $d.db && run_bin parplan-extract -q --db $d.db || die "stages failed on $d.db"
    done
    items a2.db > items-a2 && items a2s.db > items-a2s
    [ "$(grep -c '^row' items-a2)" = 7 ] && diff items-a2s items-a2 >/dev/null ||
        { diff items-a2s items-a2 | head; die "items of the born-digital table differ from the scanned one's"; }
    echo "REPORT born-digital table (mktables --pdf appendix-02): cells as written, $(wc -l < items-a2) items as scanned"
fi

# 2. a previous OCR's layer over a scan: read by default (marked over-scan), recognised with --redo-ocr
if command -v ocrmypdf >/dev/null && [ -f "$S/plan-03-aged.pdf" ]; then
    ocrmypdf -q -l vie --jobs 1 --optimize 0 --output-type pdf "$S/plan-03-aged.pdf" ocrd.pdf 2>/dev/null ||
        die "ocrmypdf failed"
    run_bin parplan-ocr -q --db o.db ocrd.pdf || die "parplan-ocr failed on ocrd.pdf"
    [ "$(sql o.db "select count(*) from pages where text_source = 'pdf' and prep like '%over-scan%'")" = 2 ] ||
        die "OCR layer not read as one: $(sql o.db 'select text_source, prep from pages')"
    run_bin parplan-ocr -q --db o.db --redo-ocr ocrd.pdf || die "parplan-ocr --redo-ocr failed"
    [ "$(sql o.db "select count(*) from pages where text_source = 'ocr' and prep like '%layer=ocr%'")" = 2 ] ||
        die "--redo-ocr did not recognise the OCR layer: $(sql o.db 'select text_source, prep from pages')"
    echo "REPORT ocrmypdf's layer read by default, recognised with --redo-ocr"
else
    note "no ocrmypdf: the OCR-layer case is not tested"
fi

# 3. real born-digital PDFs (../shared/external/born-digital-pdf)
B="$SHARED/external/born-digital-pdf"
[ -f "$B/qng_11-TB-UBND_2025.pdf" ] || { note "no $B: real PDFs not tested"; exit 0; }
for f in qng_11-TB-UBND_2025 qng_565-TB-UBND_2024; do
    pdftotext -layout -enc UTF-8 "$B/$f.pdf" "$f.ref" || die "pdftotext failed on $f"
    run_bin parplan-ocr -q --db real.db -o "$f.txt" "$B/$f.pdf" || die "parplan-ocr failed on $f"
    c=$(cer_of "$f.ref" "$f.txt")
    echo "REPORT $f: CER $c against pdftotext (all pages from the text layer; the errors are in the signing annotations' recognised text)"
    # the layer's own text is exact: the errors are the e-signing stamp's e-mail and a seal's mark
    at_most "$c" 0.01 || die "$f: CER $c against pdftotext"
done
[ "$(sql real.db "select count(*) from pages where text_source <> 'pdf'")" = 0 ] || die "a real born-digital page was recognised"
# "11" and the other numbers typed into the signature fields are read
grep -q "Số: *11 */TB-UBND" qng_11-TB-UBND_2025.txt || die "the number typed into the signature field is missing"
# a layer of garbage is recognised instead: laocai_1105's subset fonts are mapped off
run_bin parplan-ocr -q --db garbage.db "$B/laocai_1105-KH-DKT_2026.pdf" || die "parplan-ocr failed on laocai_1105"
[ "$(sql garbage.db "select count(*) from pages where text_source = 'ocr' and prep like '%layer=garbage%'")" = 6 ] ||
    die "laocai_1105's garbage layer was used: $(sql garbage.db 'select number, text_source, prep from pages')"
exit 0
