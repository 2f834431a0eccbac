#!/bin/sh
# tools/restore-ocr-eval.sh — restoration of English-model OCR output, measured on text of our own: the
# sample plans (samples/text/plan-*.txt; not in the model's corpus, which is Debian's text and
# rules/corpus) degraded the way Tesseract's English model reads Vietnamese (seeds 000 and 003 show it:
# marks dropped or read as Latin-1 accents, ư/ơ as u/w/o, đ as d, now and then a letter split or
# merged), then restored in the OCR channel (`parplan-normalize --restore`, the pipeline's default for
# such pages) and compared word by word with the original, as tools/restore-eval.sh does.  The
# degradation is deterministic (a fixed seed), so the figure moves only with the model or the code.
#   PARPLAN_BIN (default bin), PARPLAN_BUILD (default build/release), PARPLAN_LM, OCR_NOISE (letter-noise
#   rate a word, default 0.03)
# Prints one REPORT line per file and the total; exit 0, 77 without a model, 2 when it cannot run.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
export PARPLAN_LM="${PARPLAN_LM:-$BUILD/lm/vi.lm}"
[ -f "$PARPLAN_LM" ] || { echo "restore-ocr-eval: no model at $PARPLAN_LM (make builds it)"; exit 77; }
[ -x "$BIN/parplan-normalize" ] || { echo "restore-ocr-eval: $BIN/parplan-normalize not built" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-rocr.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
NOISE=${OCR_NOISE:-0.03}

# degrade FILE: the English model's reading of Vietnamese text (seeded, the same every run)
degrade() {
    perl -CSD -Mutf8 -MUnicode::Normalize -e '
        srand(20261206); my $noise = $ARGV[1];
        open(my $f, "<:encoding(UTF-8)", $ARGV[0]) or die;
        my %acute = (a=>"á", e=>"é", i=>"í", o=>"ó", u=>"ú", y=>"ý", A=>"Á", E=>"É", I=>"Í", O=>"Ó", U=>"Ú", Y=>"Ý");
        my %circ = (a=>"â", e=>"ê", o=>"ô", A=>"Â", E=>"Ê", O=>"Ô");
        while (my $line = <$f>) {
            my @w = split /(\s+)/, $line;
            for my $w (@w) {
                next if $w =~ /^\s*$/;
                my $out = "";
                for my $ch (split //, NFD($w)) {
                    if ($ch =~ /\pM/) {
                        # a mark: usually lost; sometimes read as the Latin-1 accent on the letter before
                        my $r = rand();
                        if ($out ne "" && $r < 0.25) {
                            my $b = substr($out, -1);
                            my $t = ($ch eq "\x{302}") ? $circ{$b} : $acute{$b};
                            substr($out, -1) = $t if defined $t;
                        }
                        next;
                    }
                    if ($ch eq "\x{111}") { $ch = "d" } elsif ($ch eq "\x{110}") { $ch = "D" }
                    $out .= $ch;
                }
                # the horn of u and o went with the marks; u is read as w now and then
                $out =~ s/u/(rand() < 0.15 ? "w" : "u")/ge;
                if (rand() < $noise) {          # a letter split or two merged
                    my @ops = ([qr/u/, "ii"], [qr/n/, "ri"], [qr/m/, "rn"], [qr/c/, "e"], [qr/h/, "li"]);
                    my $op = $ops[int(rand(@ops))];
                    $out =~ s/$op->[0]/$op->[1]/;
                }
                $w = NFC($out);
            }
            print join("", @w);
        }' "$1" "$NOISE"
}
words() { perl -CSD -ne 'print "$_\n" for /(\p{L}[\p{L}\p{M}]*)/g' "$1"; }

all_ok=0 all_n=0
for f in samples/text/plan-*.txt; do
    name=${f##*/}
    degrade "$f" >"$W/in.txt"
    "$BIN/parplan-normalize" -q --restore --from utf-8 - <"$W/in.txt" >"$W/out.txt" ||
        { echo "restore-ocr-eval: parplan-normalize failed on $name" >&2; exit 2; }
    "$BIN/parplan-normalize" -q --from utf-8 - <"$f" >"$W/ref.txt"
    words "$W/ref.txt" >"$W/ref.w"
    words "$W/out.txt" >"$W/out.w"
    words "$W/in.txt" >"$W/in.w"
    # a split or merged letter ("ri" for "n") keeps the words where they were
    [ "$(wc -l <"$W/ref.w")" = "$(wc -l <"$W/out.w")" ] && [ "$(wc -l <"$W/ref.w")" = "$(wc -l <"$W/in.w")" ] ||
        { echo "restore-ocr-eval: $name: word counts differ" >&2; exit 2; }
    set -- $(paste -d '\t' "$W/ref.w" "$W/out.w" "$W/in.w" | awk -F '\t' 'NF == 3 { n++; if ($1 == $2) ok++; if ($1 == $3) was++ } END { print ok + 0, n + 0, was + 0 }')
    all_ok=$((all_ok + $1)) all_n=$((all_n + $2))
    awk -v f="$name" -v a="$1" -v n="$2" -v w="$3" 'BEGIN { printf "REPORT restore-ocr %-14s %5d/%5d = %.2f %% (as degraded: %.2f %%)\n", f, a, n, 100 * a / n, 100 * w / n }'
done
awk -v a="$all_ok" -v n="$all_n" 'BEGIN { printf "REPORT restore-ocr %-14s %5d/%5d = %.2f %%\n", "all", a, n, 100 * a / n }'
exit 0
