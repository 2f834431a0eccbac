# records_restored.sh — a plain `parplan run` on seed 003 (Vietnamese OCR'd with the English model, kept
# as a .txt) restores the diacritics before extraction: record values read in Vietnamese, and each
# item's "as_written" holds the same fields as the document wrote them (new field; today's fields keep
# their names and types), in the CSV too (its last column, the same object as JSON text).  With --no-restore the values are as written and as_written is empty; a later
# normalization with restoration makes that extraction stale, and extract redoes it.
# Skipped when $PARPLAN_SHARED has no seed 003 or the model is not built.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
s003=$(ls "$SHARED"/seeds/003_*.txt 2>/dev/null | head -1)
[ -n "$s003" ] || skip "no seed 003 in $SHARED/seeds"
[ -f "$PARPLAN_BUILD/lm/vi.lm" ] || skip "no language model (make builds it)"
command -v python3 >/dev/null || skip "no python3"
export PARPLAN_LM="$PARPLAN_BUILD/lm/vi.lm"
mkdir -p a b
run_bin parplan run -q --db a/p.db "$s003" || die "parplan run failed"
run_bin parplan run -q --no-restore --db b/p.db "$s003" || die "parplan run --no-restore failed"
run_bin parplan-records -q --db a/p.db --format csv --out a/p.csv || die "records csv"
python3 - a/p.records.jsonl b/p.records.jsonl a/p.csv > check.out <<'PY' || { cat check.out; die "records check"; }
import csv, json, sys, unicodedata

def strip(s):
    s = unicodedata.normalize("NFD", s).replace("\u0111", "d").replace("\u0110", "D")
    return "".join(c for c in s if unicodedata.category(c) != "Mn")

def marked(s):
    return sum(1 for w in s.split() if strip(w) != w)

rec = json.loads(open(sys.argv[1]).readline())
raw = json.loads(open(sys.argv[2]).readline())
items = rec["items"]
fields = {}
for it in items:
    aw = it["as_written"]
    assert isinstance(aw, dict), "as_written is an object"
    for f in ("title", "target_text", "deadline"):
        if f in aw:
            v = it[f]
            assert isinstance(v, str) and v != aw[f], (f, v, aw[f])
            # restoration changes words, not their number
            assert len(v.split()) == len(aw[f].split()), (v, aw[f])
            assert marked(v) > marked(aw[f]), ("restored text carries more marks", v, aw[f])
            fields[f] = fields.get(f, 0) + 1
    for f in ("lead", "support"):
        if f in aw:
            assert isinstance(it[f], list) and len(aw[f]) == len(it[f]), (f, it[f], aw[f])
            fields[f] = fields.get(f, 0) + 1
print("REPORT seed 003 as_written per field:", fields)
# the CSV's last column holds the same object as JSON text, on every row of the item
rows = list(csv.DictReader(open(sys.argv[3], newline="", encoding="utf-8")))
by_key = {it["item_key"]: it["as_written"] for it in items}
assert rows and all((json.loads(r["as_written"]) if r["as_written"] else {}) == by_key[r["item_key"]] for r in rows)
print("REPORT seed 003 csv rows with as_written:", sum(1 for r in rows if r["as_written"]))
assert sum(1 for r in rows if r["as_written"]) >= 20
assert len([f for f in fields if fields[f] >= 5]) >= 4, fields
# the issue's example: "Cac phong, don vi thudc S6" as written, restored in the record
sup = [(v, w) for it in items if "support" in it["as_written"] for v, w in zip(it["support"], it["as_written"]["support"])
       if w.startswith("Cac phong, don vi thudc")]
assert sup, "no support body written 'Cac phong, don vi thudc ...'"
v, w = sup[0]
print("REPORT seed 003 support:", v, "<-", w)
assert v.startswith("Các phòng, đơn vị thuộc"), v
lead = [(it["lead"][0], it["as_written"]["lead"][0]) for it in items if "lead" in it["as_written"]]
assert lead and lead[0] == ("Văn phòng", "Van phong"), lead[:1]
# the same items without restoration: values as written, nothing beside them
assert all(it["as_written"] == {} for it in raw["items"]), "as_written filled without restoration"
by_title = {it["as_written"].get("title", it["title"]) for it in items}
same = sum(1 for it in raw["items"] if it["title"] in by_title)
print("# --no-restore titles found as written:", same, "of", len(raw["items"]))
assert same >= len(raw["items"]) // 2, same
PY
cat check.out
# the database restored with --no-restore, then normalized again with restoration: extraction reads the
# new text, so the extraction made before it is stale and a plain parplan-extract redoes it
q="select count(*) from items where title like '%ệ%' or title like '%ụ%' or title like '%ộ%'"
before=$(sqlite3 b/p.db "$q")
run_bin parplan-normalize -q --force --db b/p.db || die "normalize again"
run_bin parplan-extract --db b/p.db 2>extract.err || die "extract after normalization"
grep -q '1 extracted, 0 already current' extract.err || die "extraction kept as current after a new normalization: $(cat extract.err)"
after=$(sqlite3 b/p.db "$q")
[ "$after" -gt "$before" ] || die "re-extraction did not read the restored text ($before -> $after titles with ệ/ụ/ộ)"
echo "REPORT after a new normalization: re-extracted; titles with ệ/ụ/ộ $before -> $after"
exit 0
