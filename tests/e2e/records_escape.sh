# records_escape.sh — a fixture with quotes, commas and markup in its title goes through ocr, extract and
# records; the JSON lines parse, the fields hold the original text, and the CSV is RFC 4180.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export PARPLAN_RULES="$ROOT/rules"
in="$ROOT/tests/data/extract/escape.txt"
run_bin parplan-ocr -q --db t.db "$in" || die "ocr"
run_bin parplan-extract -q --db t.db || die "extract"
run_bin parplan-records --db t.db --out t.jsonl || die "records jsonl"
run_bin parplan-records --db t.db --format csv --out t.csv || die "records csv"
python3 - t.jsonl t.csv <<'PY' || die "records check"
import csv, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) == 1, recs
d = recs[0]["document"]
assert d["kind"] == "Kế hoạch" and d["number"] == "7/KH-SNV" and d["date"] == "2024-03-02", d
assert "<script>" in d["title"] and '"trích xuất"' in d["title"], d["title"]
items = {i["code"]: i for i in recs[0]["items"]}
it = items["1.1"]
assert it["title"] == 'Tiêu đề có "ngoặc kép", dấu phẩy và <b>thẻ</b>', it["title"]
assert it["points"] == {"target": 1.5, "max": 2}, it["points"]
assert it["baseline"] == {"value": 83.99, "unit": "%", "year": 2023}, it["baseline"]
ops = sorted((t["value"], t["op"]) for t in it["targets"])
assert ops == [(95, ">="), (100, "=")], ops
assert it["lead"] == ["Văn phòng Sở"] and it["support"] == ["Thanh tra Sở", "Phòng Kế hoạch - Tài chính"], it
assert it["deadline"] == "Quý II năm 2024", it["deadline"]
raw = open(sys.argv[2], "rb").read()
assert b"\r\n" in raw
rows = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
hdr = rows[0]
r11 = [r for r in rows[1:] if r[hdr.index("code")] == "1.1"]
assert len(r11) == 2, r11
assert r11[0][9] == it["title"], r11[0]
PY
grep -q '\\u003cscript' t.jsonl || die "markup not escaped in JSON"
