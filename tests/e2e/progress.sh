# progress.sh — the progress bar on a terminal (a pty made by script(1)) is fitted to its width: at 100
# columns the bar is drawn, at 30 no redrawn line is wider than the terminal (it would wrap and scroll).
# parplan run over 32 text documents shows one display across its stages (step, stage, documents, current
# file), not a line per document, and at 40 columns no progress line is wider than the terminal; off a
# terminal it writes a bounded number of lines; -v a line per document from each stage; -q nothing.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
export OMP_THREAD_LIMIT=1
command -v script >/dev/null || skip "script(1) not installed"
S="$ROOT/samples/scans"
[ -f "$S/plan-01-p1.png" ] || die "samples/scans missing"
for cols in 100 30; do
    rm -f w.db*
    script -qfc "stty cols $cols; '$PARPLAN_BIN/parplan-ocr' -j 2 --db w.db '$S/plan-01-p1.png' '$S/plan-01-p2.png'" /dev/null \
        >tty$cols.out 2>&1 || die "parplan-ocr on a pty ($cols columns)"
    # the redrawn lines: between carriage returns, escape sequences removed
    tr '\r' '\n' <tty$cols.out | sed 's/\x1b\[K//g' | grep 'documents,' >bar$cols.txt || die "no progress shown ($cols)"
    awk -v c=$cols 'length($0) > c - 1 { print "too wide: " length($0) ": " $0; bad = 1 } END { exit bad }' bar$cols.txt ||
        die "a progress line wider than $cols columns"
done
grep -q '^\[#*\.*\] ' bar100.txt || die "no bar at 100 columns"
grep -q 'ocr 0/2 documents, .*plan-01-p1.png' bar100.txt || die "no stage or current file on the OCR line"

# parplan run over 32 text documents: one display across the stages, never a line per document
mkdir in
n=0
for i in 1 2 3 4 5 6 7 8; do
    for f in "$ROOT"/samples/text/plan-0[1-4].txt; do
        n=$((n + 1)); { cat "$f"; printf '\nBản sao số %d.\n' $n; } >in/doc-$n.txt # distinct contents
    done
done
# a terminal 40 columns wide
script -qfc "stty cols 40; '$PARPLAN_BIN/parplan' run --db r.db in" /dev/null >run40.out 2>&1 || die "parplan run on a pty"
lines=$(tr -d '\r' <run40.out | wc -l)
[ "$lines" -le 6 ] || { cat -v run40.out; die "parplan run wrote $lines lines on a terminal (a line per document?)"; }
tr '\r' '\n' <run40.out | sed 's/\x1b\[K//g' | grep ' documents' >run40.bar || die "no progress shown by parplan run"
for st in '1/4 ocr' '2/4 normalize' '3/4 extract'; do
    grep -q "^\(\[[#.]*\] \)\?$st " run40.bar || { cat run40.bar; die "no progress line for $st"; }
done
awk 'length($0) > 39 { print "too wide: " length($0) ": " $0; bad = 1 } END { exit bad }' run40.bar ||
    die "a progress line of parplan run wider than 40 columns"
tail -1 run40.out | grep -q 'parplan: summary' || die "no summary at the end"
# off a terminal: a bounded number of lines (a progress line every 10 s, each stage's counts, the summary)
rm -f r.db* r.records.jsonl
"$PARPLAN_BIN/parplan" run --db r.db in 2>plain.err >/dev/null || die "parplan run off a terminal"
[ "$(wc -l <plain.err)" -le 6 ] || { cat plain.err; die "a line per document off a terminal"; }
grep -q 'doc-' plain.err && { cat plain.err; die "a document named off a terminal"; }
grep -q 'parplan: summary' plain.err || die "no summary off a terminal"
# -v: a line per document from each stage; -q: nothing
rm -f r.db* r.records.jsonl
"$PARPLAN_BIN/parplan" run -v --db r.db in 2>verbose.err >/dev/null || die "parplan run -v"
for st in ocr normalize extract; do
    [ "$(grep -c "^parplan-$st: in/doc-" verbose.err)" = 32 ] || { cat verbose.err; die "-v: not a line per document from $st"; }
done
rm -f r.db* r.records.jsonl
script -qfc "'$PARPLAN_BIN/parplan' run -q --db r.db in" /dev/null >quiet.out 2>&1 || die "parplan run -q on a pty"
[ ! -s quiet.out ] || { cat -v quiet.out; die "-q printed something"; }
echo "REPORT progress fitted to 100 and 30 columns ($(head -1 bar30.txt)); parplan run at 40 columns: $lines lines for 32 documents, $(wc -l <plain.err) off a terminal"
exit 0
