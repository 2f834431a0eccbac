# audit_serve.sh — parplan-audit --serve end to end: the server on a scan and a text plan, driven in headless
# Chromium through chromedriver (tests/e2e/audit_serve.py): one flagged value accepted and another corrected
# with the keyboard, both then found in the review history and in parplan-records' output; the requests it
# must refuse (missing or wrong token, another origin or site, another Host, GET of /review); crops served
# as PNG, the values of a row sharing one rendering in the cache; stored markup escaped; Ctrl-C stops it
# and removes its crop cache.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1
S="$ROOT/samples"
[ -f "$S/scans/plan-01-p1-aged.jpg" ] && [ -f "$S/text/plan-01.txt" ] || skip "samples missing"
CHROME=$(command -v chromium || command -v chromium-browser || true)
DRIVER=$(command -v chromedriver || true)
[ -n "$CHROME" ] && [ -n "$DRIVER" ] || skip "chromium and chromium-driver are not installed"
command -v curl >/dev/null && command -v python3 >/dev/null || skip "curl or python3 missing"
DB="$TEST_TMP/t.db"
cd "$ROOT" || die "no root"
run_bin parplan-ocr -q -j 1 --db "$DB" samples/scans/plan-01-p1-aged.jpg samples/text/plan-01.txt || die "ocr failed"
run_bin parplan-extract -q --db "$DB" || die "extract failed"
cd "$TEST_TMP" || die "no tmp"
sql "$DB" "update items set title = '<script>alert(1)</script>' where id = (select max(id) from items where kind = 'item')"
evil=$(sql "$DB" "select id from items where title like '<script>%'")

export TMPDIR="$TEST_TMP/tmp"; mkdir -p "$TMPDIR"
# exec: $! is the server itself, so SIGINT reaches it (not a subshell waiting for it)
(exec $PARPLAN_WRAP "$PARPLAN_BIN/parplan-audit" --db "$DB" --root "$ROOT" --serve --port 0 --reviewer carol >url 2>serve.err) &
pid=$!
for _ in $(seq 50); do [ -s url ] && break; sleep 0.1; done
U=$(cat url)
case "$U" in http://127.0.0.1:[0-9]*/) ;; *) kill "$pid"; cat serve.err; die "no URL printed: '$U'" ;; esac
stop() { kill -INT "$pid" 2>/dev/null; wait "$pid"; }
trap 'kill "$pid" 2>/dev/null' EXIT
cache=$(ls -d "$TMPDIR"/parplan-audit-* 2>/dev/null)
[ -d "$cache" ] || die "no crop cache made"

# Refused: every state change wants POST, the session token, our origin and our Host.
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
item=$(sql "$DB" "select min(id) from items where kind = 'item'")
curl -s "${U}item/$item" >item.html || die "item page not served"
T=$(grep -o 'name="token" value="[0-9a-f]*"' item.html | head -1 | sed 's/.*value="//; s/"$//')
[ ${#T} = 64 ] || die "no session token in the forms"
[ "$(code -d "item=$item&field=title&action=accept" "${U}review")" = 403 ] || die "POST without token accepted"
case "$T" in *0) W="${T%?}1" ;; *) W="${T%?}0" ;; esac # the token with its last digit changed
[ "$(code -d "token=$W&item=$item&field=title&action=accept" "${U}review")" = 403 ] || die "wrong token accepted"
[ "$(code -H 'Origin: http://evil.example' -d "token=$T&item=$item&field=title&action=accept" "${U}review")" = 403 ] \
    || die "cross-origin POST accepted"
[ "$(code -H 'Sec-Fetch-Site: cross-site' -d "token=$T&item=$item&field=title&action=accept" "${U}review")" = 403 ] \
    || die "cross-site POST accepted"
[ "$(code -H 'Host: evil.example' "$U")" = 403 ] || die "foreign Host served"
[ "$(code "${U}review?token=$T&item=$item&field=title&action=accept")" = 404 ] || die "GET changed state"
[ "$(code -X DELETE "${U}item/$item")" = 405 ] || die "DELETE not refused"
[ "$(sql "$DB" "select count(*) from reviews")" = 0 ] || die "a refused request wrote a review"
[ "$(code "${U}item/999999")" = 404 ] || die "missing item not 404"
inferred=$(sql "$DB" "select count(*) from items where code_inferred = 1")
curl -s "$U" | grep -q "id=\"n-inferred\">$inferred<" || die "index does not count $inferred inferred codes"
curl -s "${U}item/$evil" | grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' || die "stored markup not escaped"
curl -s "${U}item/$evil" | grep -q '<script>alert' && die "stored markup reached the page"
scan_item=$(sql "$DB" "select i.id from items i join documents d on d.id = i.document_id where d.format = 'jpeg' and i.kind = 'item' order by i.seq limit 1")
crop=$(curl -s "${U}item/$scan_item" | grep -o 'src="/crop/s[0-9-]*\.png"' | head -1 | sed 's/^src="\///; s/"$//')
[ -n "$crop" ] || die "no crop on a scanned item's page"
curl -s -o crop.png "$U$crop" && file crop.png | grep -q 'PNG image' || die "crop not served as PNG"
[ -n "$(ls "$cache/crops/")" ] || die "crop not cached"
# every value of the item shares its row's crop: one rendering per page of the item, however many values
urls=$(curl -s "${U}item/$scan_item" | grep -o 'src="/crop/s[0-9-]*\.png"' | sed 's/^src="\///; s/"$//' | sort -u)
for u in $urls; do curl -s -o c.png "$U$u" && file c.png | grep -q 'PNG image' || die "crop $u not served"; done
nurls=$(echo "$urls" | wc -l)
pages=$(sql "$DB" "select count(distinct json_extract(v.value, '$[4]')) from items i, json_each(i.evidence) v where i.id = $scan_item")
nfiles=$(ls "$cache/crops/" | wc -l)
[ "$nfiles" -le "$pages" ] && { [ "$nurls" -le 1 ] || [ "$nfiles" -lt "$nurls" ]; } ||
    die "$nurls values of one item gave $nfiles crops for $pages pages"

# The browser: n, a; n, e, typing, Enter.
value="Quý IV năm 2025 <b>"
python3 "$ROOT/tests/e2e/audit_serve.py" "$U" "$DRIVER" "$CHROME" "$TEST_TMP/item.png" "$value" >drive.out 2>&1 \
    || { cat drive.out serve.err; die "browser session failed"; }
eval "$(grep '^ITEM1=' drive.out)" || die "no result from the browser: $(cat drive.out)"
note "accepted $FIELD1 of item $ITEM1, corrected $FIELD2 of item $ITEM2"
[ -s "$TEST_TMP/item.png" ] || die "no screenshot"
[ "$(sql "$DB" "select count(*) from reviews where item_id = $ITEM1 and field = '$FIELD1' and action = 'accept' and reviewer = 'carol'")" = 1 ] \
    || die "acceptance not in the review history"
[ "$(sql "$DB" "select value from reviews where item_id = $ITEM2 and field = '$FIELD2' and action = 'correct'")" = "$value" ] \
    || die "correction not in the review history"
run_bin parplan-records --db "$DB" --format jsonl >rec.jsonl || die "records failed"
grep -q "\"$FIELD1\":{\"status\":\"accepted\"[^}]*\"reviewer\":\"carol\"" rec.jsonl || die "records lack the acceptance"
want='"'"$FIELD2"'":{"status":"corrected","value":"Quý IV năm 2025 \u003cb\u003e","reviewer":"carol"'
grep -qF "$want" rec.jsonl || die "records lack the correction: $(grep -o "\"$FIELD2\":{[^}]*}" rec.jsonl | head -3)"

# Reject and add, then Ctrl-C.
n0=$(grep -o '"item_key":' rec.jsonl | wc -l)
[ "$(code -d "token=$T&item=$evil&action=reject" "${U}review")" = 303 ] || die "reject refused"
[ "$(code -d "token=$T&item=$item&field=product&action=add&value=x" "${U}review")" = 303 ] \
    || [ "$(sql "$DB" "select product is not null from items where id = $item")" = 1 ] || die "add refused"
run_bin parplan-records --db "$DB" --format jsonl >rec2.jsonl || die "records failed"
[ "$(grep -o '"item_key":' rec2.jsonl | wc -l)" -eq $((n0 - 1)) ] || die "the rejected item is still in the records"
stop; rc=$?
trap - EXIT
[ $rc = 0 ] || { cat serve.err; die "server exit $rc after SIGINT"; }
grep -q stopped serve.err || die "no clean stop"
[ ! -e "$cache" ] || die "crop cache left behind"
echo "ok"
