#!/bin/sh
# tools/restore-eval.sh — diacritics restoration measured on the external administrative prose
# ($PARPLAN_SHARED/external/restore/*.txt, evaluation material only: never in the model's corpus).  Each
# file is stripped of every mark (NFD, combining marks dropped, đ -> d, case kept), restored with
# `parplan-normalize --restore --typed --from utf-8`, and compared word by word with the original: a
# word is a maximal run of letters, and a word counts as right when it comes back byte for byte (case
# included).  Prints one line per file, the total, and the model's corpus (syllable tokens counted,
# syllables, n-grams: lmbuild --info).
#   PARPLAN_BIN (default bin), PARPLAN_BUILD (default build/release), PARPLAN_SHARED (default ../shared),
#   PARPLAN_LM (default $PARPLAN_BUILD/lm/vi.lm), RESTORE_ERRORS=N (print the N commonest errors)
# Output lines start with REPORT (what tests/run.sh shows).  Exit 0, 77 when there is nothing to
# measure (no $PARPLAN_SHARED/external/restore or no model), 2 when it cannot run.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
SHARED="${PARPLAN_SHARED:-../shared}"
export PARPLAN_LM="${PARPLAN_LM:-$BUILD/lm/vi.lm}"
D="$SHARED/external/restore"
ls "$D"/*.txt >/dev/null 2>&1 || { echo "restore-eval: no texts in $D"; exit 77; }
[ -f "$PARPLAN_LM" ] || { echo "restore-eval: no model at $PARPLAN_LM (make builds it)"; exit 77; }
[ -x "$BIN/parplan-normalize" ] || { echo "restore-eval: $BIN/parplan-normalize not built" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-restore.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

strip() { perl -CSD -MUnicode::Normalize -pe '$_ = NFD($_); s/\pM//g; tr/\x{111}\x{110}/dD/; $_ = NFC($_)' "$1"; }
# words FILE: one word (letter run) a line
words() { perl -CSD -ne 'print "$_\n" for /(\p{L}[\p{L}\p{M}]*)/g' "$1"; }

all_ok=0 all_n=0
for f in "$D"/*.txt; do
    name=${f##*/}
    strip "$f" > "$W/in.txt"
    "$BIN/parplan-normalize" -q --restore --typed --from utf-8 - < "$W/in.txt" > "$W/out.txt" ||
        { echo "restore-eval: parplan-normalize failed on $name" >&2; exit 2; }
    # the reference normalized the same way (NFC, old tone style), as restoration writes it
    "$BIN/parplan-normalize" -q --from utf-8 - < "$f" > "$W/ref.txt"
    words "$W/ref.txt" > "$W/ref.w"
    words "$W/out.txt" > "$W/out.w"
    if [ "$(wc -l < "$W/ref.w")" != "$(wc -l < "$W/out.w")" ]; then
        echo "restore-eval: $name: word counts differ ($(wc -l < "$W/ref.w") vs $(wc -l < "$W/out.w"))" >&2
        exit 2
    fi
    paste -d '\t' "$W/ref.w" "$W/out.w" >> "$W/pairs"
    set -- $(paste -d '\t' "$W/ref.w" "$W/out.w" | awk -F '\t' '{ n++; if ($1 == $2) ok++ } END { print ok + 0, n + 0 }')
    all_ok=$((all_ok + $1)) all_n=$((all_n + $2))
    awk -v f="$name" -v a="$1" -v n="$2" 'BEGIN { printf "REPORT restore %-40s %5d/%5d = %.2f %%\n", f, a, n, 100 * a / n }'
done
awk -v a="$all_ok" -v n="$all_n" 'BEGIN { printf "REPORT restore %-40s %5d/%5d = %.2f %%\n", "all", a, n, 100 * a / n }'
if [ -x "$BUILD/tools/lmbuild" ] && info=$("$BUILD/tools/lmbuild" --info "$PARPLAN_LM" 2>/dev/null); then
    echo "REPORT restore model: $info"
else
    echo "REPORT restore model: $PARPLAN_LM, $(wc -c < "$PARPLAN_LM") bytes"
fi
if [ "${RESTORE_ERRORS:-0}" -gt 0 ]; then
    awk -F '\t' '$1 != $2 { print $2 " -> " $1 }' "$W/pairs" | sort | uniq -c | sort -rn | head -"$RESTORE_ERRORS"
fi
echo "$all_ok $all_n" > "${RESTORE_TOTAL:-/dev/null}"
exit 0
