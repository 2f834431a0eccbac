# records_gold.sh — parplan-audit --gold and tools/gold on parplan-records' output score the same records
# (records/recbuild.h), before and after an auditor's review: a corrected deadline and lead count in
# both, a corrected points value in neither (records do not apply it), and gold.html names the
# reviewer of a corrected value.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
GOLD="$PARPLAN_BUILD/tools/gold"
[ -x "$GOLD" ] || die "$GOLD not built"
export PARPLAN_RULES="$ROOT/rules"
TEXT="$ROOT/samples/text"
gold="$TEXT/plan-01.gold.json"
[ -f "$TEXT/plan-01.txt" ] && [ -f "$gold" ] || die "samples/text/plan-01 missing"
run_bin parplan-ocr -q --db t.db "$TEXT/plan-01.txt" || die "ocr"
run_bin parplan-extract -q --db t.db || die "extract"

# both LABEL: the two scorers' reports (numbers and mismatches) must be the same text
both() {
    run_bin parplan-audit -q --db t.db --gold "$gold" >"$1.audit" || die "audit --gold ($1)"
    run_bin parplan-records --db t.db >"$1.jsonl" || die "records ($1)"
    "$GOLD" "$gold" "$1.jsonl" --verbose >"$1.tools" || die "tools/gold ($1)"
    diff "$1.audit" "$1.tools" >"$1.diff" || { cat "$1.diff"; die "audit --gold and tools/gold disagree ($1)"; }
}
acc() { awk -v f="$2" '$1 == f { print $3 }' "$1.audit"; } # "(equal/gold)"

both before
dl=$(acc before deadline) ld=$(acc before lead) pt=$(acc before points)
[ -n "$dl" ] && [ -n "$ld" ] && [ -n "$pt" ] || die "no deadline/lead/points lines: $(cat before.audit)"

item=$(sql t.db "select id from items where code = '1.1' order by seq limit 1")
[ -n "$item" ] || die "no item 1.1"
expect_exit 0 run_bin parplan-audit -q --db t.db --correct "$item" deadline "Không có hạn" --reviewer bob
expect_exit 0 run_bin parplan-audit -q --db t.db --correct "$item" lead "Sở Không Có" --reviewer bob
expect_exit 0 run_bin parplan-audit -q --db t.db --correct "$item" points_target 99 --reviewer bob
both after

# one fewer deadline and lead right, points unchanged
one_less() { echo "$1" | awk -F'[(/)]' -v a="$2" '{ split(a, b, /[(\/)]/); exit !(b[2] == $2 - 1 && b[3] == $3) }'; }
one_less "$dl" "$(acc after deadline)" || die "deadline: $dl before, $(acc after deadline) after the correction"
one_less "$ld" "$(acc after lead)" || die "lead: $ld before, $(acc after lead) after the correction"
[ "$(acc after points)" = "$pt" ] || die "points changed by a correction records do not apply"
grep -q "khong co han" after.audit || die "the corrected deadline is not among the mismatches (folded)"

run_bin parplan-audit -q --db t.db --gold "$gold" --out rep --root "$ROOT" >/dev/null || die "audit --gold --out"
grep -q "corrected by bob" rep/gold.html || die "gold.html does not say the value is a correction"
exit 0
