#!/bin/sh
# tools/vie-eval.sh — the vie channel (parplan-normalize --vie, lm.h LM_VIE) measured on text it was not
# trained on.  rules/corpus/*.txt is split by line: every 5th line (lines 3, 8, 13, ... of each file) is
# held out, the rest builds a model with the same general corpus, dictionary and weight as make's
# (mk/lm.mk); the held-out lines are cut in two halves (A: held-out lines 1, 3, 5...; B: 2, 4, 6...).
# Each half is corrupted the way Tesseract's vie model corrupts text: of the words whose tone sits on a
# vowel with a circumflex, breve or horn, VIE_RATE percent (default 4) lose it (số -> sô), and one in
# three of those with ế reads é instead (Quyết -> Quyét).  Then --vie corrects it, and the script counts
# per half: corrupted words, changes made, right changes (back to the original), precision and recall,
# and the changes made on the same text uncorrupted (false positives on clean text).
#   PARPLAN_BIN (default bin), PARPLAN_BUILD (default build/release), VIE_RATE (4), VIE_SEED (1),
#   VIE_KEEP=DIR (keep the model and the texts there)
# Output lines start with REPORT.  Exit 0, 77 without the general corpus (make builds it), 2 on failure.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
RATE="${VIE_RATE:-4}"
SEED="${VIE_SEED:-1}"
[ -f "$BUILD/lm/corpus.txt" ] || { echo "vie-eval: no $BUILD/lm/corpus.txt (make builds it)"; exit 77; }
[ -x "$BUILD/tools/lmbuild" ] && [ -x "$BIN/parplan-normalize" ] || { echo "vie-eval: not built" >&2; exit 2; }
if [ -n "${VIE_KEEP:-}" ]; then
    W=$VIE_KEEP
    mkdir -p "$W"
else
    W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-vie.XXXXXX")
    trap 'rm -rf "$W"' EXIT INT TERM
fi
weight=$(sed -n 's/^LM_WEIGHT *:= *//p' mk/lm.mk)
dict=/usr/share/hunspell/vi_VN.dic
: > "$W/held.txt"
set --
for f in rules/corpus/*.txt; do
    b=${f##*/}
    awk 'NR % 5 != 3' "$f" > "$W/train-$b"
    awk 'NR % 5 == 3' "$f" >> "$W/held.txt"
    set -- "$@" -W "$W/train-$b"
done
if [ ! -f "$W/held.lm" ]; then
    "$BUILD/tools/lmbuild" -o "$W/held.lm" -w "$weight" $( [ -f "$dict" ] && echo "-d $dict") "$@" \
        "$BUILD/lm/corpus.txt" 2> "$W/lmbuild.log" || { cat "$W/lmbuild.log" >&2; exit 2; }
fi
"$BIN/parplan-normalize" -q --no-restore --from utf-8 - < "$W/held.txt" > "$W/held.nfc"
awk 'NF && NR % 2 == 1' "$W/held.nfc" > "$W/A.txt"
awk 'NF && NR % 2 == 0' "$W/held.nfc" > "$W/B.txt"

# corrupt IN OUT: the vie model's losses on RATE % of the words that can have them (NFC in and out)
corrupt() {
    perl -CSD -MUnicode::Normalize -e '
        srand($ARGV[1]); my $rate = $ARGV[0] / 100;
        open my $in, "<:encoding(UTF-8)", $ARGV[2] or die; local $/; my $t = <$in>;
        $t =~ s{(\p{L}[\p{L}\p{M}]*)}{
            my $w = $1; my $d = NFD($w);
            if ($d =~ /[\x{302}\x{306}\x{31B}]/ && $d =~ /[\x{300}\x{301}\x{303}\x{309}\x{323}]/ && rand() < $rate) {
                if ($d =~ /[eE]\x{302}\x{301}/ && rand() < 1/3) { $d =~ s/([eE])\x{302}\x{301}/$1\x{301}/; }
                else { $d =~ s/[\x{300}\x{301}\x{303}\x{309}\x{323}]//; }
                NFC($d) } else { $w } }ge;
        print $t' "$RATE" "$SEED" "$1" > "$2"
}
# score ORIG CORRUPTED OUT: words compared position by position (the channel never adds or drops one)
score() {
    perl -CSD -e '
        sub words { open my $f, "<:encoding(UTF-8)", $_[0] or die; local $/; my $t = <$f>; return [ $t =~ /(\p{L}[\p{L}\p{M}]*)/g ] }
        my ($o, $c, $r) = map { words($_) } @ARGV;
        die "word counts differ\n" unless @$o == @$c && @$c == @$r;
        my ($n, $bad, $chg, $right, $fixed) = (scalar @$o, 0, 0, 0, 0);
        for my $i (0 .. $#$o) {
            $bad++ if $o->[$i] ne $c->[$i];
            next if $r->[$i] eq $c->[$i];
            $chg++;
            $right++ if $r->[$i] eq $o->[$i];
        }
        printf "%d %d %d %d\n", $n, $bad, $chg, $right' "$@"
}
norm() { "$BIN/parplan-normalize" -q --vie --model "$W/held.lm" --from utf-8 - < "$1" > "$2"; }
for h in A B; do
    corrupt "$W/$h.txt" "$W/$h.bad"
    norm "$W/$h.bad" "$W/$h.out"
    norm "$W/$h.txt" "$W/$h.clean"
    set -- $(score "$W/$h.txt" "$W/$h.bad" "$W/$h.out")
    n=$1 bad=$2 chg=$3 right=$4
    set -- $(score "$W/$h.txt" "$W/$h.txt" "$W/$h.clean")
    fp=$3
    awk -v h="$h" -v n="$n" -v b="$bad" -v c="$chg" -v r="$right" -v fp="$fp" -v rate="$RATE" 'BEGIN {
        printf "REPORT vie channel, held-out half %s (%d words, %d corrupted at %s %%): %d changes, %d right: precision %.1f %%, recall %.1f %%; clean text: %d changes (%.3f %% of words)\n",
            h, n, b, rate, c, r, c ? 100 * r / c : 100, b ? 100 * r / b : 0, fp, 100 * fp / n }'
done
