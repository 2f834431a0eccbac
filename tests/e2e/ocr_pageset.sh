# ocr_pageset.sh — page images of one document given as a set load as one multi-page document
# (parplan-ocr --pageset, scan/pageset.c): files NAME-pN.EXT (pages in numeric order: p10 after p2) and a
# directory of page images; without --pageset each file stays a document.  The audit decodes the pages of a
# set again from its source; a set changed on disk gives no crops, with the reason; a set holding a file that is not an
# image fails with a message.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
CER="$PARPLAN_BUILD/tools/cer"
[ -f "$S/plan-01-p1-aged.jpg" ] || skip "samples missing"
[ -x "$CER" ] || skip "tools not built (make tools)"
export PARPLAN_RULES="$ROOT/rules"
export OMP_THREAD_LIMIT=1
cer_of() { "$CER" "$1" "$2" | sed 's/.*cer=//'; }

mkdir -p files dir
cp "$S/plan-01-p1-aged.jpg" files/plan-p1.jpg
cp "$S/plan-01-p2-aged.jpg" files/plan-p2.jpg
cp "$S/plan-01-p3-aged.jpg" files/plan-p10.jpg   # page 3: after p2, although "p10" < "p2" as text
cp "$S/plan-01-p1.png" dir/1.png     # the clean pages: another document (the same files would be a duplicate)
cp "$S/plan-01-p2.png" dir/2.png
cp "$S/plan-01-p3.png" dir/10.png

run_bin parplan-ocr -q -j 2 --db set.db --pageset files/plan-p1.jpg files/plan-p2.jpg files/plan-p10.jpg dir ||
    die "parplan-ocr --pageset failed"
got=$(sql set.db "select source || ':' || page_count from documents order by id")
[ "$got" = "$(printf 'files/plan-p*:3\ndir:3')" ] || die "page sets not loaded as two 3-page documents: $got"
for doc in 1 2; do
    for p in 1 2 3; do
        sql set.db "select text from pages where document_id = $doc and number = $p" > "t$doc-$p.txt"
        gt="$S/plan-01-p$p-aged.gt.txt"; [ $doc = 2 ] && gt="$S/plan-01-p$p.gt.txt"
        c=$(cer_of "$gt" "t$doc-$p.txt")
        awk -v a="$c" 'BEGIN { exit !(a <= 0.02) }' || die "document $doc page $p is not plan-01 page $p (CER $c)"
    done
done
echo "REPORT files plan-p1/p2/p10.jpg and directory 1/2/10.png: one document each, pages in numeric order"
# the same files as a set under another name in the same run: a duplicate of the first
mkdir same && cp files/* same/
run_bin parplan-ocr --db dup.db -j 2 --pageset files/plan-p1.jpg same 2> dup.err || die "parplan-ocr failed on a duplicate set"
grep -q "same: same content as files/plan-p\*" dup.err || { cat dup.err; die "a duplicate set not named"; }
# loaded again: unchanged (the set's hash is over its files)
run_bin parplan-ocr -v --db set.db --pageset files/plan-p1.jpg dir 2> again.err || die "rerun failed"
[ "$(grep -c "unchanged, already loaded" again.err)" = 2 ] || { cat again.err; die "page sets not found unchanged"; }

# without --pageset every file is a document
run_bin parplan-ocr -q -j 2 --db plain.db files || die "parplan-ocr failed"
[ "$(sql plain.db "select count(*) from documents")" = 3 ] || die "without --pageset the files are not three documents"

# the audit decodes a set's pages from its source
run_bin parplan-normalize -q --db set.db && run_bin parplan-extract -q --db set.db || die "stages failed"
run_bin parplan-audit -q --db set.db -o audit || die "parplan-audit failed on page sets"
[ "$(find audit -name '*.png' | wc -l)" -gt 0 ] || die "no crops from the page sets"
echo "x" >> files/plan-p2.jpg
run_bin parplan-audit -q --db set.db -o audit2 || die "parplan-audit failed"
grep -rq "no crop: files/plan-p\*: the page set changed since it was loaded" audit2 || die "a changed page set not named"

# a set holding a file that is not an image
mkdir bad && cp "$S/plan-01-p1-aged.jpg" bad/a-p1.jpg && echo "not an image" > bad/a-p2.png
expect_exit 3 run_bin parplan-ocr --db bad.db --pageset bad/a-p1.jpg
grep -q "a-p2.png: a page set holds page images, not a text" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "no message"; }
exit 0
