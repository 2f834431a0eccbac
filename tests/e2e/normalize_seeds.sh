# normalize_seeds.sh — diacritics restoration of English-model OCR (the shared seeds 000 and 003):
# restored text must come out as Vietnamese, and on a hand-restored reference of lines 11-24 of seed
# 003 (tests/data/normalize/seed003_ref.txt) at least 85 % of the syllables must match exactly.
# Skipped (exit 77) when $PARPLAN_SHARED has no seeds or the model is not built.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
seeds="$SHARED/seeds"
s000=$(ls "$seeds"/000_*.txt 2>/dev/null | head -1)
s003=$(ls "$seeds"/003_*.txt 2>/dev/null | head -1)
[ -n "$s000" ] && [ -n "$s003" ] || skip "no seeds in $seeds"
model="${PARPLAN_LM:-$PARPLAN_BUILD/lm/vi.lm}"
[ -f "$model" ] || skip "no language model at $model (make builds it)"
export PARPLAN_LM="$model"

for s in "$s000" "$s003"; do
    run_bin parplan-normalize --restore -q < "$s" > restored.txt || die "normalize --restore failed on $s"
    # readable: most words now carry Vietnamese marks, as real Vietnamese text does
    marked=$(tr -s ' \n' '\n\n' < restored.txt | grep -c '[^ -~]')
    words=$(tr -s ' \n' '\n\n' < restored.txt | grep -c '[A-Za-z]')
    note "$(basename "$s"): $marked of $words words carry marks"
    [ "$marked" -gt $((words / 3)) ] || die "$(basename "$s"): restored text has too few marked words"
    head -5 restored.txt | sed 's/^/# /'
done

# syllable accuracy against the hand reference
sed -n '11,24p' "$s003" > excerpt.txt
run_bin parplan-normalize --restore -q < excerpt.txt > excerpt.out || die "normalize failed on the excerpt"
words() { sed 's/[][(){}<>.,;:!?"/&$%@#*+=|\\~`^_-]/ /g; s/—/ /g' "$1" | tr -s ' \t' '\n\n' | grep -v '^$'; }
words "$ROOT/tests/data/normalize/seed003_ref.txt" > ref.words
words excerpt.out > got.words
[ "$(wc -l < ref.words)" -eq "$(wc -l < got.words)" ] || {
    diff ref.words got.words | head -20; die "reference and restored excerpt do not align word for word"; }
paste -d '\t' ref.words got.words | grep '[[:alpha:]]' > pairs.txt
total=$(grep -c . pairs.txt)
same=$(awk -F '\t' '$1 == $2' pairs.txt | grep -c .)
awk -F '\t' '$1 != $2 { print "# " $2 " (want " $1 ")" }' pairs.txt
pct=$(awk -v s="$same" -v t="$total" 'BEGIN { printf "%.1f", 100 * s / t }')
echo "REPORT seed 003 lines 11-24 restored: $same/$total syllables exact ($pct %)"
awk -v s="$same" -v t="$total" 'BEGIN { exit !(100 * s >= 85 * t) }' || die "accuracy $pct % < 85 %"
exit 0
