# office_legacy.sh — the real legacy Word files of ../shared/external/legacy-encodings/viparse-corpus/raw
# (TCVN3 and VNI .doc, 2003-2008) load through antiword and come out in Unicode: each file's word
# agreement with its transcript in ground-truth/ (tools/wordagree: 1 - word edit distance / transcript
# words, exact words) is printed and must be at least 0.97; the document records the encoding found.
# Skipped when ../shared or antiword is absent.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
C="$SHARED/external/legacy-encodings/viparse-corpus"
[ -d "$C/raw" ] && [ -d "$C/ground-truth" ] || skip "no $C (../shared absent)"
command -v antiword >/dev/null 2>&1 || skip "antiword not installed (apt-get install antiword)"
n=0
for f in "$C"/raw/*.doc; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .doc)
    gt="$C/ground-truth/$b.txt"
    [ -f "$gt" ] || { note "$b: no transcript"; continue; }
    rm -f l.db
    run_bin parplan-ocr -q --db l.db -o "$b.txt" "$f" || die "$b.doc did not load"
    enc=$(sql l.db "select encoding from documents")
    fig=$("$PARPLAN_BUILD/tools/wordagree" "$gt" "$b.txt") || die "wordagree failed on $b"
    a=${fig##*agreement=}
    echo "REPORT $b.doc ($enc): $fig"
    [ "$(echo "$a >= 0.97" | bc)" = 1 ] || die "$b.doc: word agreement $a under 0.97"
    n=$((n + 1))
done
[ "$n" -ge 1 ] || skip "no .doc with a transcript in $C/raw"
echo "REPORT $n legacy .doc files at word agreement >= 0.97"
