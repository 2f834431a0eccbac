# normalize_blind.sh — diacritics restoration on a passage written after the model's corpus was fixed
# and never added to it (tests/data/normalize/blind-passage.txt; .stripped.txt is the same text with
# every mark and đ removed).  Reports the share of syllables restored exactly, typed and OCR modes;
# fails below 0.93 for typed text (a regression guard: the measured figure, 0.952 with the model of
# this commit, is what the issue judges; the corpus comes from Debian packages and may shift a little).
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
D="$ROOT/tests/data/normalize"
words() { tr -s ' \n\t.,;:()%0-9' '\n' < "$1" | sed '/^$/d'; }
score() {
    words "$D/blind-passage.txt" > ref.w
    words "$1" > got.w
    [ "$(wc -l < ref.w)" = "$(wc -l < got.w)" ] || die "syllable counts differ: $(wc -l < ref.w) vs $(wc -l < got.w)"
    paste -d '\t' ref.w got.w | awk -F '\t' '{ n++; if ($1 == $2) ok++ } END { printf "%d %d %.4f\n", ok, n, ok / n }'
}
PARPLAN_LM="$PARPLAN_BUILD/lm/vi.lm" run_bin parplan-normalize -q --restore --typed --from utf-8 - \
    < "$D/blind-passage.stripped.txt" > typed.txt || die "restore (typed) failed"
PARPLAN_LM="$PARPLAN_BUILD/lm/vi.lm" run_bin parplan-normalize -q --restore --from utf-8 - \
    < "$D/blind-passage.stripped.txt" > ocr.txt || die "restore (OCR mode) failed"
set -- $(score typed.txt); typed_ok=$1 n=$2 typed=$3
set -- $(score ocr.txt); ocr=$3
echo "REPORT blind passage, $n syllables: typed mode $typed_ok/$n = $typed exact; OCR-confusion mode $ocr"
awk -v a="$typed" 'BEGIN { exit !(a >= 0.93) }' || die "typed restoration $typed below 0.93"
