# progress.sh — the progress bar on a terminal (a pty made by script(1)) is fitted to its width: at 100
# columns the bar is drawn, at 30 no redrawn line is wider than the terminal (it would wrap and scroll).
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
echo "REPORT progress fitted to 100 and 30 columns ($(head -1 bar30.txt))"
exit 0
