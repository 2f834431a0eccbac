# records_csv.sh — parplan-records' CSV read back by Python's csv module: one header of unique names,
# every row as wide as it (items with and without targets, a document without items), the values of the
# JSON lines (an auditor's correction in both, with the review status), the stable item key and document
# hash, the text as written (as_written, last column), --bom, formulas neutralised; and the output written whole: never over the database, no file left
# behind by a failed write, the old file kept until the new one is complete.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
TEXT="$ROOT/samples/text"
[ -f "$TEXT/plan-01.txt" ] || die "samples/text missing"
mkdir in
cp "$TEXT"/plan-0[1-4].txt in/
# a document without items, and one whose item title starts like a spreadsheet formula
printf 'UỶ BAN NHÂN DÂN TỈNH HÀ GIANG\nGhi chú không có nhiệm vụ.\n' >in/empty.txt
printf 'KẾ HOẠCH\nCải cách hành chính năm 2024\nII. NHIỆM VỤ\n1. =HYPERLINK("http://x") rà soát thủ tục\n- Đơn vị chủ trì: Sở Nội vụ\n' >in/formula.txt
run_bin parplan-ocr -q --db t.db in || die "ocr"
run_bin parplan-extract -q --db t.db || die "extract"
# an auditor corrects the deadline of an item
item=$(sql t.db "select i.id from items i join documents d on d.id = i.document_id
                 where d.source like '%plan-01.txt' and i.kind <> 'section' order by i.seq limit 1")
[ -n "$item" ] || die "no item in plan-01"
run_bin parplan-audit -q --db t.db --correct "$item" deadline "Quý IV năm 2030" --reviewer carol || die "audit --correct"
run_bin parplan-records -q --db t.db --out r.jsonl || die "records jsonl"
run_bin parplan-records -q --db t.db --format csv --out r.csv || die "records csv"
run_bin parplan-records -q --db t.db --format csv --bom --out bom.csv || die "records csv --bom"
python3 - r.jsonl r.csv bom.csv <<'PY' || die "csv check"
import csv, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
raw = open(sys.argv[2], "rb").read()
assert not raw.startswith(b"\xef\xbb\xbf"), "BOM without --bom"
bom = open(sys.argv[3], "rb").read()
assert bom == b"\xef\xbb\xbf" + raw, "--bom: the same bytes after a UTF-8 BOM"
rows = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
hdr = rows[0]
assert len(hdr) == len(set(hdr)), "duplicate header names: %r" % hdr
bad = [i for i, r in enumerate(rows) if len(r) != len(hdr)]
assert not bad, "rows %r are not %d fields wide" % (bad[:5], len(hdr))
assert "title" in hdr and "document_title" in hdr and "item_key" in hdr and "document_hash" in hdr
assert hdr[-2:] == ["reviewed", "as_written"], hdr[-3:]  # added last: no column moved
assert hdr[:3] == ["source", "kind", "number"] and hdr[24:28] == ["page", "line", "confidence", "code_as_printed"], hdr
# a spreadsheet reading it with its BOM sees the same header
assert next(csv.reader(open(sys.argv[3], newline="", encoding="utf-8-sig"))) == hdr
data = [dict(zip(hdr, r)) for r in rows[1:]]
# every document in both files, a document without items as one row
assert {r["source"] for r in recs} == {d["source"] for d in data}
empty = [r for r in recs if not r["items"]]
assert empty, "the fixture has a document without items"
for r in empty:
    er = [d for d in data if d["source"] == r["source"]]
    assert len(er) == 1 and er[0]["document_hash"] == r["document_hash"] and er[0]["code"] == "", er
# every item's values the same in both, one row per target (one without targets)
def unq(s):  # the CSV's neutralised formulas, as a spreadsheet shows them
    return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@", "\t", "\r", "'") else s
keys = set()
nrows = 0
for r in recs:
    for it in r["items"]:
        assert it["item_key"].startswith(r["document_hash"] + ":"), it["item_key"]
        assert it["item_key"] not in keys, "item key twice: " + it["item_key"]
        keys.add(it["item_key"])
        mine = [d for d in data if d["item_key"] == it["item_key"]]
        assert len(mine) == max(1, len(it["targets"])), (it["item_key"], len(mine))
        nrows += len(mine)
        for d in mine:
            for f in ("code", "title", "deadline", "product", "target_text"):
                assert unq(d[f]) == (it[f] or ""), (f, d[f], it[f])
            for f in ("lead", "support", "monitor", "lead_canonical"):
                assert unq(d[f]) == "; ".join(it[f]), (f, d[f], it[f])
            assert d["page"] == str(it["page"]) and d["kind"] == (r["document"]["kind"] or "")
            assert d["item_kind"] == it["kind"] and d["document_title"] == (r["document"]["title"] or "")
            assert (json.loads(d["reviewed"]) if d["reviewed"] else {}) == it["reviewed"]
            assert (json.loads(d["as_written"]) if d["as_written"] else {}) == it["as_written"]
        for d, t in zip(mine, it["targets"]):
            assert unq(d["target"]) == t["text"] and unq(d["op"]) == (t["op"] or ""), (d, t)
assert nrows + len(empty) == len(data), (nrows, len(empty), len(data))
# the correction: in both, with its status
fixed = [d for d in data if d["deadline"] == "Quý IV năm 2030"]
assert fixed and all(json.loads(d["reviewed"])["deadline"]["status"] == "corrected" for d in fixed), fixed
assert sum(1 for r in recs for it in r["items"] if it["deadline"] == "Quý IV năm 2030") == 1
# an item without targets next to one with: both as wide as the header (checked above), both present
assert any(d["target"] == "" and d["code"] for d in data) and any(d["target"] for d in data)
# formulas neutralised in the CSV, as written in the JSON
f = [d for d in data if "HYPERLINK" in d["title"]]
assert f and all(d["title"].startswith("'=") for d in f), [d["title"] for d in f]
assert any(it["title"].startswith("=HYPERLINK") for r in recs for it in r["items"])
print("REPORT csv rows %d, columns %d, items %d" % (len(data), len(hdr), len(keys)))
PY
# --out naming the database (or its WAL) is refused, the database untouched
before=$(sha256sum t.db | cut -d' ' -f1)
expect_exit 2 run_bin parplan-records --db t.db --out t.db
grep -q "t.db: is the database" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "no clear message for --out = database"; }
ln -s t.db link.db
expect_exit 2 run_bin parplan-records --db t.db --format csv --out link.db
[ "$(sha256sum t.db | cut -d' ' -f1)" = "$before" ] || die "the database changed"
[ "$(sql t.db "select count(*) from documents")" = 6 ] || die "database damaged"
# a bad option value names the option
expect_exit 2 run_bin parplan-records --db t.db --format xml
grep -q -- "--format wants jsonl or csv, not 'xml'" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "--format error"; }
# a failed write leaves the old file and no temporary file (a directory that cannot be written)
mkdir ro && cp r.csv ro/r.csv && chmod 555 ro
if [ ! -w ro ]; then
    expect_exit 3 run_bin parplan-records --db t.db --format csv --out ro/r.csv
    cmp -s ro/r.csv r.csv || die "the old file was changed by a failed write"
fi
chmod 755 ro
# (as root too) an output that is a directory: written to the temporary file, the rename fails
mkdir outdir
expect_exit 3 run_bin parplan-records --db t.db --format csv --out outdir
grep -q "outdir: write failed" "$TEST_TMP/err" || { cat "$TEST_TMP/err"; die "no message for a failed rename"; }
[ -d outdir ] || die "outdir replaced"
ls -a . ro | grep -q '^\.r\.' && die "a temporary file was left behind"
# the write replaces the file whole (a new inode), never truncating it in place
ino=$(stat -c %i r.csv)
run_bin parplan-records -q --db t.db --format csv --out r.csv || die "records csv again"
[ "$(stat -c %i r.csv)" != "$ino" ] || die "r.csv rewritten in place"
exit 0
