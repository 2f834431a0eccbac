#!/bin/sh
# make bench — speed and accuracy figures, each beside its reference tool, in one run.
#
# OCR: the aged sample scans (samples/scans/*-aged.jpg, plus BENCH_EXTRA generated variants when
# tools/mksamples.sh can make them) are recognised by
#   1. parplan-ocr -j NCORES                        (one process, one Tesseract engine per worker)
#   2. the tesseract CLI, NCORES in parallel          (OMP_THREAD_LIMIT=1, one process per page)
#   3. ocrmypdf -j NCORES --output-type none --sidecar on a PDF of the same pages
# and each is scored by character error rate against the pages' ground truth (*.gt.txt).
# Other benchmarks (tools/bench-*.sh) are run after it when present.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
NCORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
CER="$BUILD/tools/cer"
MKSCAN="$BUILD/tools/mkscan"
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export OMP_THREAD_LIMIT=1

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }
rate() { echo "scale=3; $1 / $2" | bc -l; }

# The page set: aged JPEGs with ground truth, optionally more generated ones.
mkdir -p "$W/pages"
for f in samples/scans/*-aged.jpg; do
    [ -f "${f%.jpg}.gt.txt" ] || continue
    cp "$f" "${f%.jpg}.gt.txt" "$W/pages/"
done
BENCH_EXTRA="${BENCH_EXTRA:-4}"
if [ "$BENCH_EXTRA" -gt 0 ] && [ -x tools/mksamples.sh ]; then
    tools/mksamples.sh --out "$W/extra" --count "$BENCH_EXTRA" >/dev/null 2>&1 &&
        for f in "$W"/extra/scans/*-aged.jpg; do [ -f "${f%.jpg}.gt.txt" ] && cp "$f" "${f%.jpg}.gt.txt" "$W/pages/"; done || true
fi
N=$(ls "$W"/pages/*.jpg | wc -l)
[ "$N" -gt 0 ] || { echo "bench: no aged sample pages in samples/scans" >&2; exit 1; }
# All three read with the same models: parplan-ocr's default (vie+Vietnamese when Debian's
# tesseract-ocr-script-viet is installed, else vie), so the speed and CER columns compare like with like.
OCR_LANG=${BENCH_LANG:-vie+Vietnamese}
case "$OCR_LANG" in *Vietnamese*) tesseract --list-langs 2>/dev/null | grep -qx Vietnamese || OCR_LANG=vie ;; esac
echo "OCR benchmark: $N aged scan pages, $NCORES cores, Tesseract $(tesseract --version 2>&1 | head -1 | cut -d' ' -f2), models $OCR_LANG"

# Scores a directory of NAME.txt hypotheses against pages/NAME.gt.txt; prints the total CER.
score() {
    : > "$W/list"
    for g in "$W"/pages/*.gt.txt; do
        b=$(basename "$g" .gt.txt)
        printf '%s\t%s\n' "$g" "$1/$b.txt" >> "$W/list"
    done
    "$CER" --list "$W/list" | tail -1 | sed 's/.*cer=//'
}

# 1. parplan-ocr
mkdir -p "$W/pp"
t0=$(now)
"$BIN/parplan-ocr" -q -j "$NCORES" --lang "$OCR_LANG" --db "$W/pp.db" "$W"/pages/*.jpg
t1=$(now)
for f in "$W"/pages/*.jpg; do
    b=$(basename "$f" .jpg)
    sqlite3 "$W/pp.db" "select group_concat(text, char(12)) from (select p.text from pages p join documents d on d.id = p.document_id where d.source = '$f' order by p.number)" > "$W/pp/$b.txt"
done
pp_s=$(secs "$t0" "$t1"); pp_cer=$(score "$W/pp")

# 2. tesseract CLI, NCORES processes in parallel
mkdir -p "$W/cli"
t0=$(now)
ls "$W"/pages/*.jpg | xargs -P "$NCORES" -I{} sh -c 'tesseract "$1" "$2/$(basename "$1" .jpg)" -l "$3" >/dev/null 2>&1' _ {} "$W/cli" "$OCR_LANG"
t1=$(now)
cli_s=$(secs "$t0" "$t1"); cli_cer=$(score "$W/cli")

# 3. OCRmyPDF on a PDF of the same pages
ocr_s="" ocr_cer=""
if command -v ocrmypdf >/dev/null 2>&1 && [ -x "$MKSCAN" ]; then
    "$MKSCAN" pdf "$W/all.pdf" "$W"/pages/*.jpg >/dev/null 2>&1
    t0=$(now)
    if ocrmypdf -q -j "$NCORES" -l "$OCR_LANG" --output-type none --sidecar "$W/sidecar.txt" "$W/all.pdf" - >/dev/null 2>"$W/ocrmypdf.err"; then
        t1=$(now)
        ocr_s=$(secs "$t0" "$t1")
        mkdir -p "$W/omp"
        i=1
        for f in "$W"/pages/*.jpg; do
            b=$(basename "$f" .jpg)
            awk -v RS='\f' -v n="$i" 'NR == n { print; exit }' "$W/sidecar.txt" > "$W/omp/$b.txt"
            i=$((i + 1))
        done
        ocr_cer=$(score "$W/omp")
    else
        echo "ocrmypdf failed: $(tail -3 "$W/ocrmypdf.err")" >&2
    fi
fi

printf '\n%-34s %6s %9s %8s %8s\n' "tool" "pages" "seconds" "pages/s" "CER"
printf '%-40s %6d %9.2f %8.3f %8s\n' "parplan-ocr -j $NCORES" "$N" "$pp_s" "$(rate "$N" "$pp_s")" "$pp_cer"
printf '%-40s %6d %9.2f %8.3f %8s\n' "tesseract CLI x$NCORES (OMP_THREAD_LIMIT=1)" "$N" "$cli_s" "$(rate "$N" "$cli_s")" "$cli_cer"
if [ -n "$ocr_s" ]; then
    printf '%-40s %6d %9.2f %8.3f %8s\n' "ocrmypdf -j $NCORES --output-type none" "$N" "$ocr_s" "$(rate "$N" "$ocr_s")" "$ocr_cer"
fi
printf '\nparplan-ocr speed: %.2fx the parallel tesseract CLI (goal >= 0.95)' "$(echo "$cli_s / $pp_s" | bc -l)"
[ -n "$ocr_s" ] && printf ', %.2fx OCRmyPDF (goal >= 2.5)' "$(echo "$ocr_s / $pp_s" | bc -l)"
printf '\nparplan-ocr CER on aged scans: %s (goal <= 0.01)\n' "$pp_cer"

for b in tools/bench-*.sh; do
    [ -f "$b" ] || continue
    echo
    PARPLAN_BIN="$BIN" PARPLAN_BUILD="$BUILD" sh "$b" || echo "$b failed"
done
