# line_ends.sh — a plan saved with LF, CRLF, lone CR (classic Mac) or a mix of them loads as the same
# lines and gives the same items (issue 19: lone-CR text gave 0 items, mixed line ends lost a third).
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
src="$ROOT/samples/text/plan-01.txt"
cp "$src" lf.txt
sed 's/$/\r/' "$src" >crlf.txt
tr '\n' '\r' <"$src" >cr.txt
# every third line end CRLF, every third a lone CR, the rest LF; a blank line always CRLF (a lone CR, a
# blank line and its LF would be one CRLF: that file has a line fewer, whatever reads it)
awk '{ e = $0 == "" || NR % 3 == 0 ? "\r\n" : NR % 3 == 1 ? "\r" : "\n"; printf "%s%s", $0, e }' "$src" >mixed.txt
for f in lf crlf cr mixed; do
    run_bin parplan run -q --db "$f.db" "$f.txt" || die "parplan run on $f.txt"
    sql "$f.db" "select code || ' ' || title from items order by seq" >"$f.items"
    sql "$f.db" "select count(*) from lines" >"$f.lines"
done
n=$(wc -l <lf.items)
[ "$n" -gt 5 ] || die "the LF plan gives only $n items"
for f in crlf cr mixed; do
    cmp -s lf.items "$f.items" || { diff lf.items "$f.items" | head; die "$f: other items than LF"; }
    cmp -s lf.lines "$f.lines" || die "$f: $(cat "$f.lines") lines, LF $(cat lf.lines)"
done
echo "REPORT LF, CRLF, CR and mixed line ends: the same $(cat lf.lines) lines and $n items"
exit 0
