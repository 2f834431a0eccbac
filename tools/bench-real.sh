#!/bin/sh
# bench-real.sh — the real pages with ground truth (run by make bench after the aged samples): each page of
# ../shared/external/scans/laocai-sct (150 dpi colour JPEG, seal and signature; *.gt.txt) read by
#   parplan-ocr (its defaults), the bare tesseract CLI (-l vie, as a new user would run it, and with
#   parplan's models), and OCRmyPDF (parplan's models, --sidecar), side by side, with the ratio of
#   parplan-ocr's CER to the bare CLI's (the goal: <= 0.9);
# and the born-digital PDFs of ../shared/external/born-digital-pdf read from their text layer by parplan-ocr
# (and with --force-ocr), scored against pdftotext -layout.  Skipped when ../shared is absent.
#   PARPLAN_SHARED   the shared material (default ../shared)
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
SHARED="${PARPLAN_SHARED:-../shared}"
CER="$BUILD/tools/cer"
D="$SHARED/external/scans/laocai-sct"
B="$SHARED/external/born-digital-pdf"
if [ ! -d "$D" ]; then
    echo "Real pages: $D not found, skipped"
    exit 0
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bench-real.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export OMP_THREAD_LIMIT=1
OCR_LANG=vie+Vietnamese
tesseract --list-langs 2>/dev/null | grep -qx Vietnamese || OCR_LANG=vie
cer_of() { "$CER" "$1" "$2" | sed 's/.*cer=//'; }
pct() { awk -v c="$1" 'BEGIN { if (c == "") print "-"; else printf "%.2f %%", c * 100 }'; }

echo "Real pages with ground truth ($D), CER:"
printf '%-34s %12s %12s %14s %12s %8s\n' "page" "parplan-ocr" "tesseract" "tesseract" "ocrmypdf" "pp/CLI"
printf '%-34s %12s %12s %14s %12s %8s\n' "" "(default)" "-l vie" "-l $OCR_LANG" "-l $OCR_LANG" "(<=0.9)"
for img in "$D"/*_p[0-9]*.jpg; do
    gt="${img%.jpg}.gt.txt"
    [ -f "$gt" ] || continue
    b=$(basename "$img" .jpg)
    "$BIN/parplan-ocr" -q -o "$W/$b.pp.txt" "$img"
    tesseract "$img" "$W/$b.vie" -l vie >/dev/null 2>&1
    tesseract "$img" "$W/$b.lang" -l "$OCR_LANG" >/dev/null 2>&1
    omp=""
    if command -v ocrmypdf >/dev/null 2>&1 &&
        ocrmypdf -q -l "$OCR_LANG" --output-type none --sidecar "$W/$b.omp.txt" "$img" - >/dev/null 2>&1; then
        omp=$(cer_of "$gt" "$W/$b.omp.txt")
    fi
    pp=$(cer_of "$gt" "$W/$b.pp.txt") vie=$(cer_of "$gt" "$W/$b.vie.txt") lang=$(cer_of "$gt" "$W/$b.lang.txt")
    printf '%-34s %12s %12s %14s %12s %8s\n' "$b" "$(pct "$pp")" "$(pct "$vie")" "$(pct "$lang")" "$(pct "$omp")" \
        "$(awk -v a="$pp" -v b="$vie" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
done

[ -d "$B" ] || exit 0
echo
echo "Born-digital PDFs ($B), CER against pdftotext -layout:"
printf '%-30s %6s %20s %9s %20s %9s\n' "document" "pages" "parplan-ocr (layer)" "seconds" "--force-ocr" "seconds"
for pdf in "$B"/*.pdf; do
    b=$(basename "$pdf" .pdf)
    pdftotext -layout -enc UTF-8 "$pdf" "$W/$b.ref" 2>/dev/null || continue
    t0=$(date +%s.%N)
    "$BIN/parplan-ocr" -q --db "$W/$b.db" -o "$W/$b.layer.txt" "$pdf"
    t1=$(date +%s.%N)
    "$BIN/parplan-ocr" -q --force-ocr -o "$W/$b.ocr.txt" "$pdf"
    t2=$(date +%s.%N)
    used=$(sqlite3 "$W/$b.db" "select sum(text_source = 'pdf') || '/' || count(*) from pages")
    # a document whose repository kept its real text: scored against that too
    [ -f "$B/$b.repo.txt" ] && repo="$b.repo.txt: $(pct "$(cer_of "$B/$b.repo.txt" "$W/$b.layer.txt")")" || repo=""
    printf '%-30s %6s %13s (%s) %9.2f %20s %9.2f  %s\n' "$b" "$(sqlite3 "$W/$b.db" "select count(*) from pages")" \
        "$(pct "$(cer_of "$W/$b.ref" "$W/$b.layer.txt")")" "$used" "$(echo "$t1 - $t0" | bc -l)" \
        "$(pct "$(cer_of "$W/$b.ref" "$W/$b.ocr.txt")")" "$(echo "$t2 - $t1" | bc -l)" "$repo"
done
echo "(layer: pages read from the text layer / all; a layer of garbage is recognised instead: its pdftotext"
echo " reference is the same garbage, so it is scored against the text its repository kept as well)"
