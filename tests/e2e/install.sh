# install.sh — make install DESTDIR=... puts the programs, rules, model and man pages in place, and the
# installed parplan, run from another folder with no PARPLAN_* variables, finds its stages, its rules
# and its model (diacritics restoration) relative to where it is; each man page is its program's --help.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
command -v make >/dev/null || skip "make not installed"
D="$TEST_TMP/dest"
B=$(cd "$PARPLAN_BIN" && pwd)
make -s -C "$ROOT" install DESTDIR="$D" PREFIX=/opt/pp BIN="$B" BUILD="$PARPLAN_BUILD" >make.log 2>&1 ||
    { tail -20 make.log; die "make install failed"; }
P="$D/opt/pp"
for p in parplan parplan-ocr parplan-normalize parplan-extract parplan-records parplan-audit; do
    [ -x "$P/bin/$p" ] || die "$p not installed"
    [ -s "$P/share/man/man1/$p.1" ] || die "$p.1 not installed"
    # the man page's synopsis is the --help's first line
    first=$("$P/bin/$p" --help | head -1 | sed 's/^usage: *//')
    man -l "$P/share/man/man1/$p.1" 2>/dev/null | col -b 2>/dev/null | grep -qF -- "$first" ||
        grep -qF -- "$(printf '%s' "$first" | sed 's/-/\\-/g')" "$P/share/man/man1/$p.1" || die "$p.1: no synopsis"
done
[ -f "$P/share/parplan/rules/fields.rules" ] && [ -s "$P/share/parplan/vi.lm" ] || die "rules or model missing"
"$P/bin/parplan" --version | grep -q '^  tesseract ' || die "--version lacks the library versions"
for lib in tesseract leptonica pcre2 sqlite utf8proc; do
    "$P/bin/parplan-records" --version | grep -q "^  $lib [0-9]" || die "--version lacks $lib"
done
# from another folder, nothing pointing into the source tree
mkdir elsewhere && cp "$ROOT/samples/text/plan-01.txt" elsewhere/
cd elsewhere || die "cd"
# a text typed without marks, for the model to restore
printf 'KE HOACH\nCai cach hanh chinh nam 2024\nDon vi chu tri thuc hien nhiem vu\n' >typed.txt
env -u PARPLAN_RULES -u PARPLAN_LM -u PARPLAN_DB "$P/bin/parplan" run -q --restore --db o/p.db plan-01.txt typed.txt >run.log 2>&1 ||
    { cat run.log; die "installed parplan run failed"; }
[ -s o/p.records.jsonl ] || die "no records"
n=$(python3 -c 'import json,sys; print(max(len(json.loads(l)["items"]) for l in open(sys.argv[1])))' o/p.records.jsonl)
[ "$n" -gt 5 ] || die "installed run extracted $n items"
sql o/p.db "select text from pages_norm where restored = 1" | grep -q 'Đơn vị chủ trì' || die "the model was not used"
# moved elsewhere (a relocated prefix) it still finds its resources
mv "$D/opt/pp" "$D/moved"
env -u PARPLAN_RULES -u PARPLAN_LM "$D/moved/bin/parplan" run -q --restore --db o/p2.db plan-01.txt typed.txt >run2.log 2>&1 ||
    { cat run2.log; die "relocated parplan run failed"; }
cmp -s o/p.records.jsonl o/p2.records.jsonl || die "the relocated programs gave other records"
echo "REPORT installed parplan run from another folder: $n items"
exit 0
