# restore_external.sh — diacritics restoration on real administrative prose the model never saw
# ($PARPLAN_SHARED/external/restore/, evaluation material only), stripped and restored with --typed
# (tools/restore-eval.sh: per file, the total, and the model's corpus).  Fails below the guard, the
# measured figure minus a margin for corpus drift between Debian releases (docs/normalize.md gives
# the figures).  Skipped when $PARPLAN_SHARED or the model is absent.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
GUARD=95.5 # measured 97.07 % (docs/normalize.md)
PARPLAN_SHARED="$SHARED" RESTORE_TOTAL="$TEST_TMP/total" "$ROOT/tools/restore-eval.sh" > report.txt
rc=$?
[ $rc -eq 77 ] && skip "$(cat report.txt)"
[ $rc -eq 0 ] || die "restore-eval failed (exit $rc): $(tail -3 report.txt)"
cat report.txt
set -- $(cat "$TEST_TMP/total")
[ "$2" -gt 20000 ] || die "only $2 words scored"
awk -v a="$1" -v n="$2" -v g="$GUARD" 'BEGIN { exit !(100 * a / n >= g) }' ||
    die "restoration accuracy $1/$2 below $GUARD %"
exit 0
