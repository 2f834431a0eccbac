# fuzz_regress.sh — replays every fuzz target (built with a plain main) over the seed corpus and over
# every input that once crashed it (tests/fuzz/regress/<target>/), so a fixed crash stays fixed; a target
# whose inputs are not text has its own seeds (tests/fuzz/seeds/<target>/, e.g. fuzz_image's small
# images and PDFs written by tests/e2e/mkbad.py).
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules" PARPLAN_LM="$PARPLAN_BUILD/lm/vi.lm"
n=0
for t in "$PARPLAN_BUILD"/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    set -- "$ROOT"/samples/text/*.txt
    case $name in
    fuzz_rules) set -- "$ROOT"/rules/*.rules ;;
    fuzz_office) set -- "$ROOT"/samples/office/*.docx "$ROOT"/samples/office/*.odt ;;
    esac
    for f in "$ROOT/tests/fuzz/seeds/$name"/* "$ROOT/tests/fuzz/regress/$name"/*; do [ -f "$f" ] && set -- "$@" "$f"; done
    $PARPLAN_WRAP "$t" "$@" > out 2> err || { cat err; die "$name failed"; }
    n=$((n + $#))
done
[ $n -gt 0 ] || die "no fuzz targets built"
echo "REPORT fuzz regression: $n inputs replayed"
