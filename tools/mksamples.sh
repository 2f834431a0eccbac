#!/bin/sh
# mksamples.sh — regenerates the page images and per-page ground truth of the parplan sample set
# (samples/scans/) from the plan texts in samples/text/plan-*.txt:
#   paginate → render each page with text2image → clean PNG → aged scans (mkscan age)
#   → plan-02 as a multi-page bilevel TIFF, plan-03 as an image-only PDF → *.gt.txt per page.
# Deterministic: the same inputs give the same bytes (text2image without degradation, mkscan seeded,
# no dates in the outputs).  See samples/README.md.
#
#   tools/mksamples.sh [--out DIR] [--count N] [--keep-text]
#     --out DIR    write into DIR (DIR/scans, DIR/text) instead of samples/; the committed plan texts
#                  are still the source
#     --count N    also make N synthetic variants (DIR/text/variant-NNN.txt, their clean PNG pages,
#                  aged JPEG pages and ground truth) for scale tests: names, numbers, dates and the
#                  order of "-" items change so every variant's text differs
#   Environment: MKSCAN (path of the mkscan tool; default build/release/tools/mkscan, built if
#   missing), TEXT2IMAGE (default text2image).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/samples"
COUNT=0
usage() {
    sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
    --out) [ $# -ge 2 ] || usage; OUT=$2; shift 2 ;;
    --count) [ $# -ge 2 ] || usage; COUNT=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "mksamples: unknown argument: $1" >&2; usage ;;
    esac
done
case "$COUNT" in '' | *[!0-9]*) echo "mksamples: --count wants a number" >&2; exit 2 ;; esac
mkdir -p "$OUT/scans" "$OUT/text"
OUT=$(cd "$OUT" && pwd)
SRC="$ROOT/samples/text"
TEXT2IMAGE=${TEXT2IMAGE:-text2image}
command -v "$TEXT2IMAGE" >/dev/null || { echo "mksamples: $TEXT2IMAGE not found (apt-get install tesseract-ocr)" >&2; exit 3; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mksamples.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

# mkscan: the built tool, else build it; if the library is momentarily broken, compile it alone.
MKSCAN=${MKSCAN:-$ROOT/build/release/tools/mkscan}
if [ ! -x "$MKSCAN" ]; then
    if ! (cd "$ROOT" && make -s build/release/tools/mkscan >&2 2>/dev/null); then
        MKSCAN="$TMP/mkscan"
        # shellcheck disable=SC2046
        ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -o "$MKSCAN" "$ROOT/tools/mkscan.c" \
            $(pkg-config --cflags --libs lept) -lm
    fi
fi

# Pages are A4 at 300 dpi with 2 cm margins and 12 pt type.  PAGE_LINES is a first guess of how many
# rendered lines fit; CPL (set per font by cpl_for) how many characters a rendered line holds.  If
# text2image still needs a second sheet for a page, the document is paginated again with fewer lines.
PAGE_LINES=48
CPL=78
cpl_for() { case "$1" in *Condensed*) echo 78 ;; *) echo 68 ;; esac; }
FONTS_DIR=/usr/share/fonts

# paginate TEXT PREFIX CAP: writes PREFIX-1.txt, PREFIX-2.txt ... and prints the page count.
# Each source line is estimated at ceil(chars / CPL) rendered lines; a form feed forces a new page;
# blank lines at the top of a page are dropped (they carry no text).
paginate() {
    LC_ALL=C awk -v prefix="$2" -v cap="$3" -v cpl="$CPL" '
    function flush() { if (used > 0) { close(file); used = 0 } }
    function newpage() { flush(); page++; file = prefix "-" page ".txt" }
    BEGIN { page = 0; used = 0; newpage() }
    {
        line = $0
        while ((i = index(line, "\f")) > 0) {
            if (i > 1) emit(substr(line, 1, i - 1))
            if (used > 0) newpage()
            line = substr(line, i + 1)
        }
        emit(line)
    }
    function emit(s,   t, n, rows) {
        if (s ~ /^[ \t]*$/ && used == 0) return
        t = s; gsub(/[\200-\277]/, "", t)     # count UTF-8 characters, not bytes
        gsub(/\t/, "    ", t)
        n = length(t); rows = n == 0 ? 1 : int((n + cpl - 1) / cpl)
        if (used > 0 && used + rows > cap) newpage()
        print s > file; used += rows
    }
    END { close(file); if (used == 0) page--; print page }' "$1"
}

# render PAGE.txt FONT OUT.tif: one page with text2image; fails (status 1) if it needed more sheets.
render() {
    (cd "$TMP" && "$TEXT2IMAGE" --text="$1" --outputbase="$TMP/render" --font="$2" \
        --fonts_dir="$FONTS_DIR" --degrade_image=false --ptsize 12 --resolution 300 \
        --xsize 2480 --ysize 3508 --margin 236 --strip_unrenderable_words=false \
        >"$TMP/render.log" 2>&1) || { cat "$TMP/render.log" >&2; echo "mksamples: text2image failed on $1" >&2; exit 1; }
    n=$(grep -c '^Rendered page' "$TMP/render.log" || true)
    [ "$n" -eq 1 ] || return 1
    mv "$TMP/render.tif" "$3"
}

# render_doc TEXT NAME FONT: paginates and renders every page into $TMP/NAME-pK.tif with the page
# text in $TMP/NAME-pK.txt; prints the page count.
render_doc() {
    cap=$PAGE_LINES
    CPL=$(cpl_for "$3")
    while [ "$cap" -ge 20 ]; do
        rm -f "$TMP/$2"-page-*.txt
        pages=$(paginate "$1" "$TMP/$2-page" "$cap")
        ok=1 k=1
        while [ "$k" -le "$pages" ]; do
            if ! render "$TMP/$2-page-$k.txt" "$3" "$TMP/$2-p$k.tif"; then ok=0; break; fi
            mv "$TMP/$2-page-$k.txt" "$TMP/$2-p$k.txt"
            k=$((k + 1))
        done
        [ "$ok" -eq 1 ] && { echo "$pages"; return 0; }
        cap=$((cap - 1))
    done
    echo "mksamples: cannot fit $1 onto pages" >&2
    exit 1
}

# clean_pages NAME PAGES: samples/scans/NAME-pK.png (1-bit, 300 dpi) and NAME-pK.gt.txt
clean_pages() {
    k=1
    while [ "$k" -le "$2" ]; do
        "$MKSCAN" png "$TMP/$1-p$k.tif" "$OUT/scans/$1-p$k.png" --dpi 300
        cp "$TMP/$1-p$k.txt" "$OUT/scans/$1-p$k.gt.txt"
        k=$((k + 1))
    done
}

# The aging settings were calibrated so that `tesseract PAGE -l vie` stays under ~0.8 % CER on
# every page (see samples/README.md).  The resolution cycles through 300, 250 and 200 dpi.
dpi_for() { case $(($1 % 3)) in 0) echo 300 ;; 1) echo 250 ;; *) echo 200 ;; esac; }
AGE_OPTS="--blur 0.8 --noise 2.5 --quality 72 --specks 12"

rm -f "$OUT"/scans/plan-*.png "$OUT"/scans/plan-*.jpg "$OUT"/scans/plan-*.tif \
    "$OUT"/scans/plan-*.pdf "$OUT"/scans/plan-*.gt.txt \
    "$OUT"/scans/variant-* "$OUT"/text/variant-*.txt
[ "$OUT/text" = "$SRC" ] || cp "$SRC"/plan-*.txt "$OUT/text/"

# plan-01: a department's Kế hoạch → aged JPEG pages (grey; the second page on tinted colour paper).
n=$(render_doc "$SRC/plan-01.txt" plan-01 "DejaVu Serif Semi-Condensed")
clean_pages plan-01 "$n"
k=1
while [ "$k" -le "$n" ]; do
    color=""; [ "$k" -eq 2 ] && color=--color
    # shellcheck disable=SC2086
    "$MKSCAN" age "$TMP/plan-01-p$k.tif" "$OUT/scans/plan-01-p$k-aged.jpg" \
        --seed $((100 + k)) --dpi "$(dpi_for "$k")" $AGE_OPTS $color
    cp "$TMP/plan-01-p$k.txt" "$OUT/scans/plan-01-p$k-aged.gt.txt"
    k=$((k + 1))
done

# aged_doc NAME FONT SEED EXT PACK DPI [AGE OPTION...]: renders samples/text/NAME.txt in FONT, writes its
# clean pages, ages page K into a .EXT image (mkscan age, seed SEED+K, at DPI, or at dpi_for(K+1) when
# DPI is "cycle") with the page's ground truth as NAME-aged-pK.gt.txt, and packs the pages into
# scans/NAME-aged.tif or .pdf (PACK: mkscan tiff or pdf).
aged_doc() {
    name=$1 font=$2 seed=$3 ext=$4 pack=$5 dpi=$6
    shift 6
    n=$(render_doc "$SRC/$name.txt" "$name" "$font")
    clean_pages "$name" "$n"
    pages=""
    k=1
    while [ "$k" -le "$n" ]; do
        d=$dpi
        [ "$d" = cycle ] && d=$(dpi_for $((k + 1)))
        "$MKSCAN" age "$TMP/$name-p$k.tif" "$TMP/$name-p$k-aged.$ext" --seed $((seed + k)) --dpi "$d" "$@"
        cp "$TMP/$name-p$k.txt" "$OUT/scans/$name-aged-p$k.gt.txt"
        pages="$pages $TMP/$name-p$k-aged.$ext"
        k=$((k + 1))
    done
    out=$pack
    [ "$pack" = tiff ] && out=tif
    # shellcheck disable=SC2086
    "$MKSCAN" "$pack" "$OUT/scans/$name-aged.$out" $pages
}
BILEVEL_OPTS="--blur 0.7 --noise 3 --specks 12 --bilevel"

# plan-02: a UBND Quyết định with a tab-led appendix → aged bilevel pages in one G4 TIFF, the way
# archives store fax-mode scans.
# shellcheck disable=SC2086
aged_doc plan-02 "DejaVu Sans Semi-Condensed" 200 png tiff 300 $BILEVEL_OPTS

# plan-03: a Kế hoạch with a points table → aged JPEG pages embedded in an image-only PDF.
# shellcheck disable=SC2086
aged_doc plan-03 "DejaVu Serif" 300 jpg pdf cycle $AGE_OPTS

# plan-04: prose tasks with labelled lines → aged colour JPEG pages (tinted paper, 250 dpi) in an
# image-only PDF: the labelled-line layout as a scan.
# shellcheck disable=SC2086
aged_doc plan-04 "DejaVu Serif Semi-Condensed" 400 jpg pdf 250 $AGE_OPTS --color

# plan-05: criteria titles, one-sentence assignments and deadlines in parentheses → aged bilevel
# pages in one G4 TIFF.  (The '|' web-copy layout, plan-07, stays text only: a web copy is not printed
# and scanned, and its one-character bar lines do not survive OCR as bars.)
# shellcheck disable=SC2086
aged_doc plan-05 "DejaVu Sans Semi-Condensed" 500 png tiff 300 $BILEVEL_OPTS

# ---- synthetic variants for scale tests -----------------------------------------------------
# variant SRC SEED: the source text with another fictional province, other numbers, dates and
# document number, and each run of "-" items shuffled.  A Park-Miller generator in awk keeps it
# identical under mawk and gawk (their rand() differ).
variant() {
    LC_ALL=C awk -v seed="$2" '
    function rnd(n) { x = (x * 16807) % 2147483647; return int(x / 2147483647 * n) }
    function pad2(v) { return v < 10 ? "0" v : v }
    BEGIN {
        x = seed * 7919 + 12345
        np = split("Sơn Hà|Vĩnh Thạnh|Bình Lâm|Tân Phước|Hòa Sơn|Đông Khê|Long Điền|Quảng Hà", P, "|")
        split("SƠN HÀ|VĨNH THẠNH|BÌNH LÂM|TÂN PHƯỚC|HÒA SƠN|ĐÔNG KHÊ|LONG ĐIỀN|QUẢNG HÀ", U, "|")
        pick = 1 + rnd(np); nb = 0
    }
    # Replace every match of re in s by the value f(kind) gives; mawk has no gensub.
    function subst(s, re, kind,   out, m) {
        out = ""
        while (match(s, re)) {
            m = substr(s, RSTART, RLENGTH)
            out = out substr(s, 1, RSTART - 1) fresh(kind, m)
            s = substr(s, RSTART + RLENGTH)
        }
        return out s
    }
    function fresh(kind, m,   v, den, p) {
        if (kind == "pct") {                       # 98% → 60..100%, keeping a decimal comma
            v = 60 + rnd(41)
            if (v == 100 || m !~ /,/) return v "%"
            return v "," pad2(rnd(100)) "%"
        }
        if (kind == "frac") {                      # đạt 4.2/5.0 → numerator up to the maximum
            p = index(m, "/"); den = substr(m, p + 1) + 0
            v = int(den * (60 + rnd(41))) / 100
            return sprintf("%.2f", v) substr(m, p)
        }
        if (kind == "top") return "Top " (3 + rnd(28))
        if (kind == "no") return "Số: " (10 + rnd(1990)) "/"
        if (kind == "day") return "ngày " pad2(1 + rnd(28)) " tháng"
        return m
    }
    function fix(s,   i) {
        for (i = 1; i <= np; i++) { gsub(P[i], P[pick], s); gsub(U[i], U[pick], s) }
        s = subst(s, "[0-9]+(,[0-9]+)?%", "pct")
        s = subst(s, "[0-9]+\\.[0-9]+/[0-9]+\\.[0-9]+", "frac")
        s = subst(s, "Top [0-9]+", "top")
        s = subst(s, "Số: [0-9]+/", "no")
        s = subst(s, "ngày [0-9]+ tháng", "day")
        return s
    }
    function flush_bullets(   i, j, t) {
        for (i = nb; i > 1; i--) { j = 1 + rnd(i); t = B[i]; B[i] = B[j]; B[j] = t }
        for (i = 1; i <= nb; i++) print B[i]
        nb = 0
    }
    /^- / { B[++nb] = fix($0); next }
    { flush_bullets(); print fix($0) }
    END { flush_bullets() }' "$1"
}

i=1
while [ "$i" -le "$COUNT" ]; do
    name=$(printf 'variant-%03d' "$i")
    base=$(( (i - 1) % 3 + 1 ))
    case $base in
    1) font="DejaVu Serif Semi-Condensed" ;;
    2) font="DejaVu Sans Semi-Condensed" ;;
    *) font="DejaVu Serif" ;;
    esac
    variant "$SRC/plan-0$base.txt" "$i" >"$OUT/text/$name.txt"
    n=$(render_doc "$OUT/text/$name.txt" "$name" "$font")
    clean_pages "$name" "$n"
    k=1
    while [ "$k" -le "$n" ]; do
        # shellcheck disable=SC2086
        "$MKSCAN" age "$TMP/$name-p$k.tif" "$OUT/scans/$name-p$k-aged.jpg" \
            --seed $((1000 * i + k)) --dpi "$(dpi_for $((i + k)))" $AGE_OPTS
        cp "$TMP/$name-p$k.txt" "$OUT/scans/$name-p$k-aged.gt.txt"
        k=$((k + 1))
    done
    rm -f "$TMP/$name"-p*
    i=$((i + 1))
done
images=0
for f in "$OUT"/scans/*; do case "$f" in *.gt.txt) ;; *) images=$((images + 1)) ;; esac; done
echo "mksamples: wrote $OUT/scans ($images images)"
