# parallel_recipe.sh — the README's GNU parallel recipe, as written there, on 120 documents (the sample
# text plans, each with its own first line): three shards in one folder at the same time, each writing
# its records named after its database; every document in some shard's records file, every line whole
# JSON; then the README's merge, which writes the merged records with every document once.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1
command -v parallel >/dev/null || skip "GNU parallel not installed (tools/deps.sh installs it)"
TEXT="$ROOT/samples/text"
ls "$TEXT"/plan-*.txt >/dev/null 2>&1 || die "samples/text missing"
recipe=$(grep '^parallel -j 3 bin/parplan run' "$ROOT/README.md")
merge=$(grep '^bin/parplan merge out/all.db' "$ROOT/README.md")
[ -n "$recipe" ] && [ -n "$merge" ] || die "the README has no parallel recipe"
mkdir -p archive/a archive/b out
N=120
i=1
set -- "$TEXT"/plan-*.txt
while [ $i -le $N ]; do
    k=$(( (i - 1) % $# + 1 )); eval src=\${$k}
    d=a; [ $((i % 3)) -eq 0 ] && d=b
    { printf 'Bản sao số %d — lưu trữ %d\n' "$i" $((1000 + i)); cat "$src"; } >archive/$d/doc-$i.txt
    i=$((i + 1))
done
# the recipe as the README writes it, with this build's programs and the archive made here
cmd=$(printf '%s' "$recipe" | sed "s#bin/parplan#$PARPLAN_BIN/parplan#g; s#^parallel #parallel --will-cite #")
note "$cmd"
sh -c "$cmd" >run.log 2>&1; rc=$?
[ $rc -eq 0 ] || { tail -20 run.log; die "the parallel recipe failed ($rc)"; }
for k in 1 2 3; do
    [ -s out/shard$k.records.jsonl ] || die "shard $k wrote no out/shard$k.records.jsonl"
done
[ ! -e out/records.jsonl ] || die "a shared records.jsonl was written"
python3 - $N out/shard1.records.jsonl out/shard2.records.jsonl out/shard3.records.jsonl <<'PY' || die "shard records"
import json, sys
n = int(sys.argv[1])
seen = {}
for f in sys.argv[2:]:
    for line in open(f, encoding="utf-8"):
        r = json.loads(line)  # a line broken by a concurrent writer would not parse
        seen.setdefault(r["source"], []).append(f)
want = {"archive/%s/doc-%d.txt" % ("b" if i % 3 == 0 else "a", i) for i in range(1, n + 1)}
missing = sorted(want - set(seen))
assert not missing, "%d documents in no records file: %s" % (len(missing), missing[:5])
twice = [s for s, fs in seen.items() if len(fs) > 1]
assert not twice, "in two shards: %s" % twice[:5]
print("REPORT parallel recipe: %d documents, every one in a shard's records file" % len(want))
PY
mcmd=$(printf '%s' "$merge" | sed "s#bin/parplan#$PARPLAN_BIN/parplan#g")
sh -c "$mcmd" >merge.log 2>&1 || { tail -20 merge.log; die "merge failed"; }
[ -s out/all.records.jsonl ] || die "merge wrote no out/all.records.jsonl"
python3 - $N out/all.records.jsonl out/shard1.records.jsonl out/shard2.records.jsonl out/shard3.records.jsonl <<'PY' || die "merged records"
import json, sys
n = int(sys.argv[1])
merged = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(merged) == n and len({r["source"] for r in merged}) == n, len(merged)
shards = {}
for f in sys.argv[3:]:
    for l in open(f, encoding="utf-8"):
        r = json.loads(l)
        shards[r["document_hash"]] = r
# the same items (keys and values) as the shards extracted
for r in merged:
    s = shards[r["document_hash"]]
    assert [i["item_key"] for i in r["items"]] == [i["item_key"] for i in s["items"]], r["source"]
print("REPORT merged: %d records, the shards' items" % len(merged))
PY
exit 0
