# normalize_vie.sh — the vie channel: text OCR'd with Tesseract's Vietnamese model gets the tone marks
# that model drops (sô -> số, quyên -> quyền, Giây -> Giấy) and its é for ế (Quyét -> Quyết) corrected
# where the language model is sure.  Filter mode (--vie); a database whose OCR page (method 'ocr',
# ocr_key lang=vie) carries those losses: corrected in lines_norm and pages_norm with the change flagged,
# the original untouched, nothing done with --no-restore or for an English-model page; the synthetic
# figure (tools/vie-eval.sh: held-out rules/corpus corrupted at 5 %, precision, recall, changes on clean
# text); and, when $PARPLAN_SHARED has them, the real Lào Cai scans: parplan-ocr, then normalize, CER
# before and after against their ground truth (evaluation pages: measured, never tuned on).
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_LM="$PARPLAN_BUILD/lm/vi.lm"
[ -f "$PARPLAN_LM" ] || skip "no model at $PARPLAN_LM (make builds it)"

# filter mode
printf 'Giây phép và quyên của Sở Công Thương.\nQuyét định điêu chỉnh kế hoạch.\n' > bad.txt
run_bin parplan-normalize -q --vie - < bad.txt > out.txt || die "filter --vie"
[ "$(cat out.txt)" = "$(printf 'Giấy phép và quyền của Sở Công Thương.\nQuyết định điều chỉnh kế hoạch.')" ] ||
    die "filter --vie: $(cat out.txt)"
printf 'Số 2507/GP-UBND; hai mươi người đến dự, đôi khi vắng.\n' > clean.txt
run_bin parplan-normalize -q --vie - < clean.txt > out.txt || die "filter --vie on clean text"
cmp -s out.txt clean.txt || die "clean text changed: $(cat out.txt)"

# a database: a text document turned into a vie OCR page with the model's losses
printf 'Căn cứ Giây phép số 12 của Sở Công Thương.\nVề việc quyên và nghĩa vụ; Quyét định này.\n' > doc.txt
expect_exit 0 run_bin parplan-ocr --db t.db -q doc.txt
sql t.db "update pages set method = 'ocr'; update documents set ocr_key = 'lang=vie;tessdata=;prep=1'" ||
    die "set up the OCR page"
expect_exit 0 run_bin parplan-normalize --db t.db -q
[ "$(sql t.db "select text from lines_norm where line_id = 1")" = "Căn cứ Giấy phép số 12 của Sở Công Thương." ] ||
    die "line 1: $(sql t.db "select text from lines_norm where line_id = 1")"
[ "$(sql t.db "select text from lines_norm where line_id = 2")" = "Về việc quyền và nghĩa vụ; Quyết định này." ] ||
    die "line 2: $(sql t.db "select text from lines_norm where line_id = 2")"
[ "$(sql t.db "select group_concat(restored || changed, ' ') from lines_norm")" = "11 12" ] ||
    die "restored/changed flags: $(sql t.db "select group_concat(restored || changed, ' ') from lines_norm")"
[ "$(sql t.db "select restored, changed from pages_norm")" = "1|3" ] || die "page flags"
sql t.db "select syllable_conf from lines_norm where line_id = 1" | grep -q '^\[\[0,4,[01]\.[0-9]*,0\],\[5,4,[01]\.[0-9]*,0\],\[10,6,0\.9[0-9]*,1\]' ||
    die "syllable_conf: $(sql t.db "select syllable_conf from lines_norm where line_id = 1")"
[ "$(sql t.db "select text from lines where id = 1")" = "Căn cứ Giây phép số 12 của Sở Công Thương." ] ||
    die "the original line changed"
grep -q 'vie=1' <<EOF || die "options string: $(sql t.db "select options from documents_norm")"
$(sql t.db "select options from documents_norm")
EOF
expect_exit 0 run_bin parplan-normalize --db t.db -q --no-restore
[ "$(sql t.db "select group_concat(restored || changed, ' ') from lines_norm")" = "00 00" ] || die "--no-restore corrected"
sql t.db "update documents set ocr_key = 'lang=eng;tessdata=;prep=1'"
expect_exit 0 run_bin parplan-normalize --db t.db -q --force
[ "$(sql t.db "select sum(changed) from lines_norm")" = 0 ] || die "an English-model page got the vie channel"

# the synthetic figure
VIE_RATE=5 "$ROOT/tools/vie-eval.sh" > eval.txt
rc=$?
if [ $rc -eq 77 ]; then
    note "$(cat eval.txt)"
else
    [ $rc -eq 0 ] || die "vie-eval failed: $(tail -3 eval.txt)"
    cat eval.txt
    perl -ne '/precision ([\d.]+) %, recall ([\d.]+) %; clean text: (\d+) changes/ or next;
        $bad++ if $1 < 95 || $2 < 80 || $3 > 0; END { exit($bad ? 1 : 0) }' eval.txt ||
        die "vie channel below its guard (precision 95 %, recall 80 %, no change on clean text)"
fi

# the real scans, when present
S="$SHARED/external/scans/laocai-sct"
[ -f "$S/laocai_2507-GP-UBND_2026_p1.jpg" ] || { note "no $S: real scans not measured"; exit 0; }
expect_exit 0 run_bin parplan-ocr --db real.db -q "$S/laocai_2507-GP-UBND_2026_p1.jpg" "$S/laocai_2507-GP-UBND_2026_p2.jpg"
expect_exit 0 run_bin parplan-normalize --db real.db -q
for p in 1 2; do
    src="%laocai_2507-GP-UBND_2026_p$p.jpg"
    sql real.db "select p.text from pages p join documents d on d.id = p.document_id where d.source like '$src'" > ocr$p.txt
    sql real.db "select n.text from pages_norm n join pages p on p.id = n.page_id join documents d on d.id = p.document_id
                 where d.source like '$src'" > vie$p.txt
    before=$("$PARPLAN_BUILD/tools/cer" "$S/laocai_2507-GP-UBND_2026_p$p.gt.txt" ocr$p.txt | sed 's/.*cer=//')
    after=$("$PARPLAN_BUILD/tools/cer" "$S/laocai_2507-GP-UBND_2026_p$p.gt.txt" vie$p.txt | sed 's/.*cer=//')
    echo "REPORT laocai p$p (parplan-ocr, vie): CER $before -> $after with the vie channel"
    awk -v a="$before" -v b="$after" 'BEGIN { exit !(b <= a) }' || die "the vie channel raised p$p's CER"
done
exit 0
