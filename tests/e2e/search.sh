# search.sh — parplan search over the sample plans: 'Đơn vị chủ trì' and 'don vi chu tri' (and upper case)
# give the same original lines; a query with FTS syntax in it ('112/KH-STNMT', quotes, stars) is a
# phrase, not an error; a phrase broken across lines is found on both; --json, --doc, the mark with
# --color; a database without a search index is a clear error.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
TEXT="$ROOT/samples/text"
[ -f "$TEXT/plan-01.txt" ] || die "samples/text missing"
mkdir in && cp "$TEXT"/plan-*.txt in/
printf 'KẾ HOẠCH thử\nGiao cho đơn vị\nchủ trì thực hiện.\n' >in/wrap.txt
run_bin parplan-ocr -q --db s.db in || die "ocr"
expect_exit 4 run_bin parplan search --db s.db 'chủ trì'
grep -q "no search index yet (run parplan-normalize first)" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "message"; }
run_bin parplan-normalize -q --db s.db || die "normalize"
run_bin parplan search --db s.db 'Đơn vị chủ trì' >a.out || die "search with marks"
run_bin parplan search --db s.db 'don vi chu tri' >b.out || die "search without marks"
run_bin parplan search --db s.db 'ĐƠN VỊ CHỦ TRÌ' >c.out || die "search upper case"
[ -s a.out ] || die "'Đơn vị chủ trì' found nothing"
cmp -s a.out b.out && cmp -s a.out c.out || { diff a.out b.out; die "the queries give different lines"; }
n=$(wc -l <a.out)
# every line printed is source:page:line: original text, the text as stored in lines
python3 - a.out s.db <<'PY' || die "output lines"
import sqlite3, sys
db = sqlite3.connect(sys.argv[2])
for l in open(sys.argv[1], encoding="utf-8"):
    head, text = l.rstrip("\n").split(": ", 1)
    src, page, line = head.rsplit(":", 2)
    row = db.execute("select l.text from lines l join pages p on p.id = l.page_id join documents d on "
                     "d.id = p.document_id where d.source = ? and p.number = ? and l.number = ?",
                     (src, int(page), int(line))).fetchone()
    assert row and row[0] == text, (l, row)
PY
grep -q 'Đơn vị chủ trì' a.out || die "original text not printed"
# the phrase broken across two lines: both lines, nothing else of that document
grep 'in/wrap.txt' a.out >wrap.out
[ "$(cut -d: -f2,3 wrap.out | tr '\n' ' ')" = "1:2 1:3 " ] || { cat wrap.out; die "phrase across lines"; }
# FTS syntax is only punctuation in a query
run_bin parplan search --db s.db '112/KH-STNMT' >k.out || die "112/KH-STNMT is an error"
grep -q '112/KH-STNMT' k.out || die "112/KH-STNMT not found"
for q in '"chủ trì' 'chủ*' 'NEAR(chủ trì)' '(-trì' 'a AND OR' 'x:y'; do
    run_bin parplan search --db s.db "$q" >/dev/null || die "query '$q' is an error"
done
expect_exit 2 run_bin parplan search --db s.db ' /-* '
grep -q "no words to search for" "$TEST_TMP/err" || die "empty query message"
# --json: the same lines, with the match's character span
run_bin parplan search --db s.db --json 'don vi chu tri' >j.out || die "--json"
python3 - j.out a.out <<'PY' || die "--json output"
import json, sys
js = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
plain = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert len(js) == len(plain)
for j, p in zip(js, plain):
    assert p == "%s:%d:%d: %s" % (j["source"], j["page"], j["line"], j["text"]), (j, p)
    if j["start"] is not None:
        from unicodedata import normalize
        import re
        m = j["text"][j["start"]:j["end"]]
        # the marked text is the phrase (or its part on this line)
        assert m and re.sub(r"\W+", " ", m.lower()).strip() in ("đơn vị chủ trì", "đơn vị", "chủ trì"), m
PY
# the mark
run_bin parplan search --db s.db --color=always 'don vi chu tri' >m.out || die "--color"
grep -q "$(printf '\033\\[1;31m')Đơn vị chủ trì$(printf '\033\\[0m')" m.out || die "no mark"
grep -q "$(printf '\033')" a.out && die "marks when not a terminal"
# --doc: one document
id=$(sql s.db "select id from documents where source like '%plan-01.txt'")
run_bin parplan search --db s.db --doc "$id" 'chu tri' >d.out || die "--doc"
[ -s d.out ] && ! grep -qv 'plan-01.txt' d.out || die "--doc $id printed other documents"
expect_exit 2 run_bin parplan search --db s.db --doc nosuch 'chu tri'
echo "REPORT search: $n lines for 'Đơn vị chủ trì', the same without marks and in capitals"
exit 0
