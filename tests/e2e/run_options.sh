# run_options.sh — parplan run hands the stages' options on: --lang vie works; the OCR options are part of
# what makes a scan "already loaded", so a rerun with another --lang recognises it again (and reuses no
# page recognised with the other model), while the same options keep it unchanged; --tone-style and
# --rules reach their stages; a bad value names its option and stops the run before any stage.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1
S="$ROOT/samples/scans/plan-01-p1.png"
[ -f "$S" ] || die "samples/scans/plan-01-p1.png missing"
tesseract --list-langs 2>/dev/null | grep -qx eng || skip "the Tesseract eng model is not installed"
mkdir in && cp "$S" in/p1.png && cp "$ROOT/samples/text/plan-01.txt" in/
run_bin parplan run -q -j 2 --lang vie --db r.db in >run1.log 2>&1 || { cat run1.log; die "parplan run --lang vie"; }
[ "$(sql r.db "select ocr_key from documents where format = 'png'")" = "lang=vie;tessdata=;prep=2" ] ||
    die "ocr_key: $(sql r.db "select ocr_key from documents")"
[ "$(sql r.db "select count(*) from documents where format = 'text' and ocr_key is null")" = 1 ] || die "text has a key"
vie=$(sql r.db "select text from pages p join documents d on d.id = p.document_id where d.format = 'png'")
printf '%s' "$vie" | grep -q 'Sở' || die "vie model did not read Vietnamese"
# the same options: unchanged
run_bin parplan run -j 2 --lang vie --db r.db in >run2.log 2>&1 || { cat run2.log; die "rerun"; }
grep -q 'p1.png: unchanged' run2.log || grep -q '2 unchanged' run2.log || { cat run2.log; die "rerun with the same lang not unchanged"; }
# another language: recognised again, not reported unchanged, the text read by the other model
run_bin parplan run -j 2 --lang eng --db r.db in >run3.log 2>&1 || { cat run3.log; die "rerun --lang eng"; }
grep -q 'p1.png: unchanged' run3.log && { cat run3.log; die "a changed --lang was reported unchanged"; }
grep -q '1 loaded (1 pages: 1 recognised, 0 reused), 1 unchanged' run3.log || { cat run3.log; die "not recognised again"; }
[ "$(sql r.db "select ocr_key from documents where format = 'png'")" = "lang=eng;tessdata=;prep=2" ] || die "eng key"
eng=$(sql r.db "select text from pages p join documents d on d.id = p.document_id where d.format = 'png'")
[ "$eng" != "$vie" ] || die "the eng model gave the vie text (a page reused across models?)"
[ "$(sql r.db "select count(*) from documents")" = 2 ] || die "the document loaded twice"
# the options reach normalize and extract (tone style recorded with the normalized text; rules used)
run_bin parplan run -q --tone-style new --db r.db in >/dev/null 2>&1 || die "--tone-style new"
[ "$(sql r.db "select distinct tone_style from pages_norm")" = new ] || die "--tone-style did not reach normalize"
cp -r "$ROOT/rules" myrules
run_bin parplan run -q --rules myrules --db r.db in >/dev/null 2>&1 || die "--rules"
h1=$(sql r.db "select group_concat(rules_hash) from extractions")
echo '# a comment changes the rules hash' >>myrules/fields.rules
run_bin parplan run -q --rules myrules --db r.db in >/dev/null 2>&1 || die "--rules again"
[ "$(sql r.db "select group_concat(rules_hash) from extractions")" != "$h1" ] || die "--rules did not reach extract"
# bad values: the option named, nothing run
runs=$(sql r.db "select count(*) from runs")
expect_exit 2 run_bin parplan run --db r.db --tone-style modern in
grep -q -- "--tone-style wants old or new, not 'modern'" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "tone-style message"; }
expect_exit 2 run_bin parplan run --db r.db -j zero in
grep -q -- "-j/--jobs wants" "$TEST_TMP/err" || die "-j message"
expect_exit 2 run_bin parplan run --db r.db --nonsense in
grep -q "unknown option '--nonsense'" "$TEST_TMP/err" || die "unknown option message"
[ "$(wc -l <"$TEST_TMP/err")" -le 3 ] || die "the whole usage printed for a bad option"
[ "$(sql r.db "select count(*) from runs")" = "$runs" ] || die "a stage ran after a bad option"
# a missing model: the OCR stage's error (exit 6), naming the language
expect_exit 6 run_bin parplan run --db r.db --lang xyz in
grep -q "xyz" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "missing model message"; }
exit 0
