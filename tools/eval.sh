#!/bin/sh
# make eval — extraction measured on every document that has a gold file, in one table (docs/eval.md),
# then diacritics restoration on the external administrative prose beside the published figures.
#
# Gold files and the inputs they score:
#   samples/text/NAME.gold.json     samples/text/<doc> (layout text), and the aged scans of the same plan
#                                   in samples/scans (layout scan: STEM-aged.tif / .pdf, or the pages
#                                   STEM-pK-aged.jpg packed into one TIFF with tools/mkscan, as an archive
#                                   holds a plan and as tests/e2e/extract_samples.sh scores it)
#                                   and in samples/office (layout office: STEM.docx, STEM-vntime.docx,
#                                   STEM.odt, STEM-tcvn3.doc, made by tools/mkoffice.py)
#   samples/tables/NAME.gold.json   samples/tables/<doc> (layout table: the ruled appendix scans)
#   $PARPLAN_SHARED/gold/*.json     a seed ($PARPLAN_SHARED/seeds/<doc>, layout seed) or a real plan
#                                   ($PARPLAN_SHARED/external/plans/<doc>.txt, layout plan)
# (<doc> is the gold's "doc"), skipped with a note when $PARPLAN_SHARED (default ../shared) is absent.
# The real plans there without a gold file get a coverage table instead (items, and the share with a
# lead, support, deadline, target): not accuracy.
#
# Every input is loaded into one fresh temporary database by bin/parplan run (ocr, normalize, extract);
# the records are scored by build/release/tools/eval (records/goldscore.c, the scorer of tools/gold).
# Goals (the extraction issue): field accuracy >= 0.95 on the real-plan golds and every sample layout,
# >= 0.98 on seeds 000 and 001; item precision and recall >= 0.95.  Rows below their goal say MISS.
# Then the anchors: the goals and the published figures of $PARPLAN_SHARED/external/anchors/FIGURES.md
# that bear on extraction.
#
# Environment: PARPLAN_BIN, PARPLAN_BUILD, PARPLAN_SHARED, JOBS (OCR workers, default the cores),
# EVAL_VERBOSE=1 (print the mismatches and unpaired items), EVAL_COUNT_SECTIONS=1 (item precision counts
# the sections no gold names too), EVAL_KEEP=DIR (keep the database, records and manifest there).  Exit 0 whatever the scores (it measures; the tests hold the thresholds), 2 when
# it cannot run.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
BUILD="${PARPLAN_BUILD:-build/release}"
SHARED="${PARPLAN_SHARED:-../shared}"
JOBS="${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"
EVAL="$BUILD/tools/eval"
MKSCAN="$BUILD/tools/mkscan"
for p in "$BIN/parplan" "$BIN/parplan-records" "$EVAL"; do
    [ -x "$p" ] || { echo "eval: $p not built (make all)" >&2; exit 2; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-eval.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export PARPLAN_RULES="$PWD/rules"
export OMP_THREAD_LIMIT=1
START=$(date +%s)
TAB=$(printf '\t')
M="$W/manifest"
: >"$M"
: >"$W/inputs"
: >"$W/notes"

note() { echo "  note: $*" >>"$W/notes"; }

# add KIND FIELD... — one manifest line (TAB-separated); every field after the first SOURCE-bearing
# position is also an input of the run (score: fields 7.., cover: fields 3..).
add() {
    kind=$1
    line=$1; shift
    for a in "$@"; do line="$line$TAB$a"; done
    echo "$line" >>"$M"
    case $kind in score) shift 5 ;; cover) shift 1 ;; esac
    for a in "$@"; do printf '%s\0' "$a" >>"$W/inputs"; done
}

# ---- samples: texts, their aged scans, the ruled tables ------------------------------------------
for g in samples/text/*.gold.json; do
    [ -f "$g" ] || continue
    doc=$("$EVAL" --doc "$g") || exit 2
    [ -f "samples/text/$doc" ] || { note "$g: no samples/text/$doc"; continue; }
    add score "$doc" text 0.95 0.95 "$g" "samples/text/$doc"
    stem=${doc%.*}
    for s in "samples/scans/$stem-aged.tif" "samples/scans/$stem-aged.pdf"; do
        if [ -f "$s" ]; then add score "${s##*/}" scan 0.95 0.95 "$g" "$s"; fi
    done
    # the same plan as a word-processor file (tools/mkoffice.py): DOCX, DOCX in a legacy font, ODT
    for s in "samples/office/$stem.docx" "samples/office/$stem-vntime.docx" "samples/office/$stem.odt" \
        "samples/office/$stem-tcvn3.doc"; do
        if [ -f "$s" ]; then add score "${s##*/}" office 0.95 0.95 "$g" "$s"; fi
    done
    # shellcheck disable=SC2012  # samples/ names are plain; sort -V puts p10 after p9
    pages=$(ls samples/scans/"$stem"-p*-aged.jpg 2>/dev/null | sort -V | tr '\n' "$TAB")
    [ -n "$pages" ] || continue
    oldifs=$IFS
    IFS=$TAB # $pages splits at TABs only
    # shellcheck disable=SC2086
    if [ -x "$MKSCAN" ] && "$MKSCAN" tiff "$W/$stem-aged.tif" $pages >/dev/null 2>&1; then
        add score "$stem-aged.tif" scan 0.95 0.95 "$g" "$W/$stem-aged.tif"
    else
        note "$stem: aged pages scored as one-page documents taken together (no mkscan)"
        # shellcheck disable=SC2086
        add score "$stem-aged.jpg" scan 0.95 0.95 "$g" $pages
    fi
    IFS=$oldifs
done
for g in samples/tables/*.gold.json; do
    [ -f "$g" ] || continue
    doc=$("$EVAL" --doc "$g") || exit 2
    [ -f "samples/tables/$doc" ] || { note "$g: no samples/tables/$doc"; continue; }
    add score "$doc" table 0.95 0.95 "$g" "samples/tables/$doc"
done

# ---- ../shared: seeds and real plans with gold, then the real plans without -------------------------
if [ -d "$SHARED/gold" ]; then
    for g in "$SHARED"/gold/*.json; do
        [ -f "$g" ] || continue
        doc=$("$EVAL" --doc "$g") || exit 2
        if [ -f "$SHARED/seeds/$doc" ]; then
            add score "$doc" seed 0.98 0.95 "$g" "$SHARED/seeds/$doc"
        elif [ -f "$SHARED/external/plans/$doc.txt" ]; then
            add score "$doc" plan 0.95 0.95 "$g" "$SHARED/external/plans/$doc.txt"
        elif [ -f "$SHARED/external/plans/$doc" ]; then
            add score "$doc" plan 0.95 0.95 "$g" "$SHARED/external/plans/$doc"
        else
            note "$g: its document $doc is in neither $SHARED/seeds nor $SHARED/external/plans"
        fi
    done
else
    note "no $SHARED/gold: seeds and real plans not scored"
fi
for p in "$SHARED"/external/plans/*.txt; do
    [ -f "$p" ] || continue
    grep -qF "$TAB$p" "$M" && continue
    name=${p##*/}
    add cover "${name%.txt}" "$p"
done

# ---- one run over every input, one records file ------------------------------------------------------
n=$(tr -cd '\0' <"$W/inputs" | wc -c)
[ "$n" -gt 0 ] || { echo "eval: no document with a gold file" >&2; exit 2; }
rc=0
xargs -0 "$BIN/parplan" run -q -j "$JOBS" --db "$W/eval.db" <"$W/inputs" >/dev/null 2>"$W/run.err" || rc=$?
[ "$rc" = 0 ] || note "parplan run exit $rc: $(tail -3 "$W/run.err" | tr '\n' ' ')"
"$BIN/parplan-records" --db "$W/eval.db" --format jsonl --out "$W/records.jsonl" 2>>"$W/run.err" ||
    { echo "eval: parplan-records failed: $(tail -3 "$W/run.err")" >&2; exit 2; }

echo "parplan eval: extraction scored against gold ($n inputs, one database, bin/parplan run)"
echo "ratio = matched/total: a field row counts gold items whose field equals the matched extraction; item"
if [ "${EVAL_COUNT_SECTIONS:-0}" = 1 ]; then
    echo "precision = extracted items paired with a gold item / extracted items (sections included),"
else
    echo "precision = extracted items paired with a gold item / extracted items (sections no gold names left out),"
fi
echo "item recall = gold items paired / gold items; pairing by code, then the most similar title."
echo
set --
[ "${EVAL_VERBOSE:-0}" = 1 ] && set -- "$@" --verbose
[ "${EVAL_COUNT_SECTIONS:-0}" = 1 ] && set -- "$@" --count-sections
"$EVAL" "$M" "$W/records.jsonl" "$@" || exit 2

echo
echo "ANCHORS"
echo "  goals (extraction issue): field accuracy >= 0.95 on the real-plan golds and every sample layout (text,"
echo "  scan, table); >= 0.98 on seeds 000 and 001; item precision and recall >= 0.95. MISS marks a row below."
F="$SHARED/external/anchors/FIGURES.md"
if [ -f "$F" ]; then
    echo "  published figures ($F): none for field extraction from plans; the OCR figures,"
    echo "  which bound the text the scan and table layouts are extracted from:"
    awk '/^## /{ p = ($0 ~ /OCR/) } p && NF' "$F" | sed 's/^/    /'
else
    echo "  published figures: no $F"
fi
echo
echo "RESTORATION (diacritics stripped from \$PARPLAN_SHARED/external/restore/, restored with --typed: tools/restore-eval.sh)"
PARPLAN_BIN="$BIN" PARPLAN_BUILD="$BUILD" PARPLAN_SHARED="$SHARED" tools/restore-eval.sh 2>&1 | sed 's/^REPORT restore /  /' ||
    note "restore-eval could not run"
echo "RESTORATION OF ENGLISH-MODEL OCR (our own sample plans degraded as the eng model reads Vietnamese, restored in the OCR channel: tools/restore-ocr-eval.sh)"
PARPLAN_BIN="$BIN" PARPLAN_BUILD="$BUILD" tools/restore-ocr-eval.sh 2>&1 | sed 's/^REPORT restore-ocr /  /' ||
    note "restore-ocr-eval could not run"
if [ -f "$F" ]; then
    echo "  published figures ($F):"
    awk '/^## /{ p = ($0 ~ /estoration/) } p && NF' "$F" | sed 's/^/    /'
fi
if [ -s "$W/notes" ]; then
    echo
    echo "NOTES"
    cat "$W/notes"
fi
if [ -n "${EVAL_KEEP:-}" ]; then
    mkdir -p "$EVAL_KEEP"
    cp "$W"/eval.db* "$W/records.jsonl" "$M" "$W/run.err" "$EVAL_KEEP/"
    echo "kept: $EVAL_KEEP/eval.db, records.jsonl, manifest, run.err"
fi
echo
echo "eval: $(($(date +%s) - START)) s"
