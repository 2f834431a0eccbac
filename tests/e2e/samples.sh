# tests/e2e/samples.sh — checks that the sample set is consistent and its tools work:
#   every page image, TIFF and PDF in samples/scans has its *.gt.txt (one per page) and no ground
#   truth is orphaned; the cer tool counts right (identity, a known edit, whitespace and NFC
#   folding, --list totals, bad UTF-8); mkscan ages a small synthetic page into a JPEG with the
#   requested DPI and a skew Leptonica can find, and packs pages into TIFF and PDF.
# Fast (a few seconds): the full generator (tools/mksamples.sh) is not run here.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"

CER="$PARPLAN_BUILD/tools/cer"
MKSCAN="$PARPLAN_BUILD/tools/mkscan"
SCANS="$ROOT/samples/scans"
{ [ -x "$CER" ] && [ -x "$MKSCAN" ]; } || skip "tools not built ($PARPLAN_BUILD/tools/cer, mkscan)"
[ -d "$SCANS" ] || die "no $SCANS"
cer() { $PARPLAN_WRAP "$CER" "$@"; }
mkscan() { $PARPLAN_WRAP "$MKSCAN" "$@"; }

# ---- ground truth beside every page ---------------------------------------------------------
images=0 gts=0
for f in "$SCANS"/*; do
    case "$f" in
    *.gt.txt) continue ;;
    *.png | *.jpg | *.jpeg)
        [ -s "${f%.*}.gt.txt" ] || die "no ground truth ${f%.*}.gt.txt for $f"
        images=$((images + 1)) ;;
    *.tif | *.tiff | *.pdf)
        case "$f" in
        *.pdf) pages=$(grep -ac '/Type /Page$' "$f") ;;
        *) pages=$(mkscan info "$f" | grep -c '^page=') || die "mkscan info failed on $f" ;;
        esac
        [ "$pages" -ge 1 ] || die "no pages found in $f"
        k=1
        while [ "$k" -le "$pages" ]; do
            [ -s "${f%.*}-p$k.gt.txt" ] || die "no ground truth ${f%.*}-p$k.gt.txt for page $k of $f"
            k=$((k + 1))
        done
        [ ! -e "${f%.*}-p$k.gt.txt" ] || die "${f%.*}-p$k.gt.txt but $f has only $pages pages"
        images=$((images + 1)) ;;
    *) die "unexpected file in samples/scans: $f" ;;
    esac
done
[ "$images" -ge 3 ] || die "only $images images in $SCANS"
for g in "$SCANS"/*.gt.txt; do
    base=${g%.gt.txt}
    found=0
    for ext in png jpg jpeg; do [ -e "$base.$ext" ] && found=1; done
    # A multi-page container's pages are NAME-pK.gt.txt beside NAME.tif / NAME.pdf.
    cont=$(printf '%s' "$base" | sed 's/-p[0-9][0-9]*$//')
    for ext in tif tiff pdf; do [ -e "$cont.$ext" ] && found=1; done
    [ "$found" -eq 1 ] || die "orphan ground truth $g"
    # Valid UTF-8 and non-empty: comparing a file with itself must give 0 errors.
    out=$(cer "$g" "$g") || die "cer rejects $g"
    case "$out" in *" errors=0 cer=0.0000") ;; *) die "cer $g $g: $out" ;; esac
    gts=$((gts + 1))
done
note "$images images, $gts ground-truth pages"

# ---- cer ------------------------------------------------------------------------------------
# 100 characters; the hypothesis changes 2 of them (ệ→e, 9→8).
ref="Hoàn thành 100% nhiệm vụ cải cách hành chính; chỉ số SIPAS đạt từ 90,5% trở lên. Chủ trì: Sở Nội vụ."
printf '%s\n' "$ref" >ref.txt
printf '%s\n' "$ref" | sed 's/nhiệm/nhiem/; s/90,5%/80,5%/' >hyp.txt
out=$(cer ref.txt ref.txt) || die "cer identical failed"
[ "$out" = "chars=100 errors=0 cer=0.0000" ] || die "cer identical: $out"
out=$(cer ref.txt hyp.txt) || die "cer edit failed"
[ "$out" = "chars=100 errors=2 cer=0.0200" ] || die "cer 2 substitutions: $out"
# Layout and normalisation are not errors: wrapped lines, tabs, decomposed diacritics.
printf '  Hoàn\tthành\n\n100%%  nhiệm vụ \n' >a.txt
printf 'Hoa\314\200n tha\314\200nh 100%% nhie\314\202\314\243m vu\314\243' >b.txt
out=$(cer a.txt b.txt) || die "cer layout failed"
[ "$out" = "chars=24 errors=0 cer=0.0000" ] || die "cer whitespace/NFC folding: $out"
printf 'ref.txt\tref.txt\nref.txt\thyp.txt\n' >list.txt
out=$(cer --list list.txt | tail -1) || die "cer --list failed"
[ "$out" = "total chars=200 errors=2 cer=0.0100" ] || die "cer --list total: $out"
printf 'ab\377cd\n' >bad.txt
expect_exit 3 "$CER" ref.txt bad.txt
grep -q 'bad.txt' "$TEST_TMP/err" || die "cer error does not name the file: $(cat "$TEST_TMP/err")"
expect_exit 3 "$CER" ref.txt missing.txt
expect_exit 2 "$CER" ref.txt

# ---- mkscan ---------------------------------------------------------------------------------
# A 600x400 grey page of "text lines" (dashed bars) as plain PGM, which has no resolution:
# mkscan takes it as 300 dpi, so --dpi 200 must give 400x267.
awk 'BEGIN { w = 600; h = 400; print "P2"; print w, h; print 255
    for (y = 0; y < h; y++) { r = ""
        for (x = 0; x < w; x++) {
            v = 255
            if (x >= 60 && x < 540 && y >= 40 && y < 360 && y % 24 < 8 && (x * 7 + int(y / 24) * 13) % 23 > 3) v = 0
            r = r v " " }
        print r } }' >page.pgm
mkscan age page.pgm aged.jpg --seed 3 --angle 1.5 --dpi 200 || die "mkscan age failed"
info=$(mkscan info aged.jpg) || die "mkscan info failed"
[ "$info" = "page=1 width=400 height=267 depth=8 dpi=200" ] || die "aged JPEG: $info"
# The JFIF header itself records 200 dpi (units 1 = dots per inch, X and Y density 200).
jfif=$(od -An -tu1 -j2 -N16 aged.jpg | tr -s ' ' ' ' | sed 's/^ //; s/ $//')
[ "$jfif" = "255 224 0 16 74 70 73 70 0 1 1 1 0 200 0 200" ] || die "JFIF header: $jfif"
# pixFindSkew reports the correction angle, so a +1.5° rotation reads about -1.5°.
skew=$(mkscan skew aged.jpg | sed -n 's/^skew=\([-0-9.]*\) .*/\1/p')
[ -n "$skew" ] || die "mkscan skew gave nothing"
awk -v s="$skew" 'BEGIN { exit !(s < -1.0 && s > -2.0) }' || die "skew $skew, expected about -1.5"
# Same seed, same bytes; another seed, other noise.
mkscan age page.pgm aged2.jpg --seed 3 --angle 1.5 --dpi 200 || die "mkscan age (again) failed"
cmp -s aged.jpg aged2.jpg || die "mkscan age is not deterministic"
mkscan age page.pgm aged3.jpg --seed 4 --angle 1.5 --dpi 200 || die "mkscan age seed 4 failed"
cmp -s aged.jpg aged3.jpg && die "mkscan age ignores --seed"
# Bilevel pages into a G4 TIFF, JPEG pages into a PDF.
mkscan age page.pgm bw.png --seed 5 --bilevel || die "mkscan age --bilevel failed"
mkscan tiff two.tif bw.png bw.png || die "mkscan tiff failed"
n=$(mkscan info two.tif | grep -c 'depth=1 dpi=300')
[ "$n" -eq 2 ] || die "TIFF pages: $(mkscan info two.tif)"
mkscan pdf two.pdf aged.jpg aged3.jpg || die "mkscan pdf failed"
[ "$(grep -ac '/Type /Page$' two.pdf)" -eq 2 ] || die "PDF does not have 2 pages"
grep -aq 'DCTDecode' two.pdf || die "PDF pages are not JPEG"
expect_exit 3 "$MKSCAN" age missing.png out.jpg
expect_exit 2 "$MKSCAN" age page.pgm out.gif
expect_exit 2 "$MKSCAN" frobnicate
expect_exit 0 "$MKSCAN" --help
echo "REPORT samples: $images images, $gts ground-truth pages; cer and mkscan ok"
exit 0
