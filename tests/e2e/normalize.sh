# normalize.sh — parplan-normalize over a database: legacy encodings detected and decoded (CP1258,
# VISCII and TCVN3 text files made with iconv, with the ABC smart-quote trap), NFC and tone style, the
# folded key and its FTS5 index, idempotent reruns, --force and option changes, the original text left
# untouched, filter mode, and usage errors.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
command -v iconv >/dev/null || skip "iconv not installed"

printf 'Đơn vị chủ trì: Sở Kế hoạch và Đầu tư.\nHoà bình, thuỷ lợi, ủy ban.\n' > utf8.txt
printf 'Quyết định về việc phê duyệt kế hoạch phát triển kinh tế xã hội của tỉnh.\n' > plain.txt
iconv -f UTF-8 -t CP1258 plain.txt > cp1258.txt || die "iconv CP1258"
iconv -f UTF-8 -t VISCII plain.txt > viscii.txt || die "iconv VISCII"
# TCVN3 (ABC): lower-case letters share TCVN5712-1's bytes; 0x93/0x94 are Word's smart quotes
printf 'Điều 2. Giao Sở Tài chính hướng dẫn thực hiện kế hoạch này.' | iconv -f UTF-8 -t TCVN5712-1 > body.abc \
    || die "iconv TCVN5712-1"
{ printf '\223'; cat body.abc; printf '\224\n'; } > tcvn3.txt

expect_exit 0 run_bin parplan-ocr --db t.db -q utf8.txt cp1258.txt viscii.txt tcvn3.txt
before=$(sql t.db "select group_concat(text, '|') from (select text from pages order by id)")
expect_exit 0 run_bin parplan-normalize --db t.db
enc() { sql t.db "select n.encoding_detected from documents_norm n join documents d on d.id = n.document_id where d.source like '%$1'"; }
[ "$(enc utf8.txt)" = utf-8 ] || die "utf8.txt detected as $(enc utf8.txt)"
[ "$(enc cp1258.txt)" = cp1258 ] || die "cp1258.txt detected as $(enc cp1258.txt)"
[ "$(enc viscii.txt)" = viscii ] || die "viscii.txt detected as $(enc viscii.txt)"
[ "$(enc tcvn3.txt)" = tcvn3 ] || die "tcvn3.txt detected as $(enc tcvn3.txt)"
ptext() { sql t.db "select n.text from pages_norm n join pages p on p.id = n.page_id join documents d on d.id = p.document_id where d.source like '%$1'"; }
want=$(cat plain.txt)
[ "$(ptext cp1258.txt)" = "$want" ] || die "cp1258 text: $(ptext cp1258.txt)"
[ "$(ptext viscii.txt)" = "$want" ] || die "viscii text: $(ptext viscii.txt)"
[ "$(ptext tcvn3.txt)" = "“Điều 2. Giao Sở Tài chính hướng dẫn thực hiện kế hoạch này.”" ] \
    || die "tcvn3 text: $(ptext tcvn3.txt)"
ptext utf8.txt | grep -q '^Hòa bình, thủy lợi, ủy ban.$' || die "old tone style not applied: $(ptext utf8.txt)"
# search keys and FTS5: 'don vi chu tri' finds 'Đơn vị chủ trì'
hit=$(sql t.db "select d.source from pages_fts f join pages p on p.id = f.rowid join documents d on d.id = p.document_id where pages_fts match '\"don vi chu tri\"'")
case "$hit" in *utf8.txt) ;; *) die "FTS did not find 'don vi chu tri': '$hit'" ;; esac
[ "$(sql t.db "select count(*) from lines_fts where lines_fts match 'quyet dinh'")" -eq 2 ] || die "line FTS"
# originals untouched
after=$(sql t.db "select group_concat(text, '|') from (select text from pages order by id)")
[ "$before" = "$after" ] || die "pages.text changed"

# idempotent: a rerun adds and changes nothing
dump() { sql t.db "select * from documents_norm order by 1; select * from pages_norm order by 1; select * from lines_norm order by 1; select count(*) from pages_fts; select count(*) from lines_fts"; }
dump | sed 's/|[0-9]*$//' > a.dump
expect_exit 0 run_bin parplan-normalize --db t.db
grep -q '0 normalized, 4 unchanged' "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "rerun was not a no-op"; }
dump | sed 's/|[0-9]*$//' > b.dump
cmp -s a.dump b.dump || die "rerun changed rows"
expect_exit 0 run_bin parplan-normalize --db t.db --force -q
dump | sed 's/|[0-9]*$//' > c.dump
cmp -s a.dump c.dump || die "--force changed the result"
# an option change redoes the documents
expect_exit 0 run_bin parplan-normalize --db t.db --tone-style new
grep -q '4 normalized' "$TEST_TMP/err" || die "--tone-style new did not redo the documents"
ptext utf8.txt | grep -q '^Hoà bình, thuỷ lợi, uỷ ban.$' || die "new tone style not applied: $(ptext utf8.txt)"
[ "$(sql t.db 'select count(*) from pages_fts')" -eq 4 ] || die "FTS rows duplicated"

# filter mode
printf 'Vie^.t Nam, ddu+o+`ng pho^'"'"' \n' | run_bin parplan-normalize --from viqr > out.txt || die "filter --from viqr"
[ "$(cat out.txt)" = "Việt Nam, đường phố " ] || die "viqr filter: $(cat out.txt)"
run_bin parplan-normalize < cp1258.txt > out.txt 2>/dev/null || die "filter with detection"
cmp -s out.txt plain.txt || die "filter cp1258: $(cat out.txt)"
if [ -f "${PARPLAN_LM:-$PARPLAN_BUILD/lm/vi.lm}" ]; then
    export PARPLAN_LM="${PARPLAN_LM:-$PARPLAN_BUILD/lm/vi.lm}"
    printf 'Uy ban nhan dan tinh ban hanh ke hoach\n' | run_bin parplan-normalize --restore -q > out.txt \
        || die "filter --restore"
    [ "$(cat out.txt)" = "Ủy ban nhân dân tỉnh ban hành kế hoạch" ] || die "restore filter: $(cat out.txt)"
    printf 'Uy ban nhan dan tinh ban hanh ke hoach\n' > stripped.txt
    expect_exit 0 run_bin parplan-ocr --db t.db -q stripped.txt
    expect_exit 0 run_bin parplan-normalize --db t.db --restore -q
    [ "$(ptext stripped.txt)" = "Ủy ban nhân dân tỉnh ban hành kế hoạch" ] || die "restored page: $(ptext stripped.txt)"
    [ "$(sql t.db 'select count(*) from pages_norm where restored = 1')" -eq 1 ] \
        || die "--restore must restore the stripped page and leave the pages with diacritics alone"
    sql t.db "select syllable_conf from lines_norm n join lines l on l.id = n.line_id join pages p on p.id = l.page_id join documents d on d.id = p.document_id where d.source like '%stripped.txt'" | grep -q '^\[\[0,4,' || die "syllable confidences missing"
    expect_exit 6 run_bin parplan-normalize --restore --model /nonexistent.lm - < plain.txt
fi

# usage errors
expect_exit 2 run_bin parplan-normalize --tone-style odd --db t.db
expect_exit 2 run_bin parplan-normalize --from koi8 --db t.db
expect_exit 2 run_bin parplan-normalize --bogus
expect_exit 0 run_bin parplan-normalize --version
exit 0
