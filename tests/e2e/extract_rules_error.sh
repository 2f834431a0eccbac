# extract_rules_error.sh — a rule file with a syntax error stops parplan-extract with exit 5 and a
# file:line message, before it touches the database.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
mkdir rules
cp "$ROOT"/rules/*.txt "$ROOT"/rules/*.rules rules/
printf '# broken\npoints broken_rule 10 ([0-9]+\n' >rules/zz-broken.rules
expect_exit 5 run_bin parplan-extract --db t.db --rules rules
grep -q 'zz-broken.rules:2:' "$TEST_TMP/err" || die "no file:line in: $(cat "$TEST_TMP/err")"
[ ! -e t.db ] || die "database created despite the bad rules"
