#!/bin/sh
# bench-audit.sh — the static audit report (parplan-audit --out) at archive scale, beside the goals of
# issue 18: seconds and size per page on the sample scans (samples/scans, every value's crop), and seconds
# and size for AUDIT_DOCS (default 10,000) synthetic text plans (tools/mkcorpus.sh).  Sizes are the whole
# report (pages, style, review.csv, crops) divided by the OCR'd pages, or by the plans.  Each report is
# written REPEAT times (default 3) and the medians printed, since the machine is shared: elapsed seconds,
# and CPU seconds (user + system), which other load on the machine changes less.
# Run by make bench (tools/bench.sh).
#   PARPLAN_BIN (default bin), AUDIT_DOCS, REPEAT
set -eu
cd "$(dirname "$0")/.."
BIN=${PARPLAN_BIN:-bin}
N=${AUDIT_DOCS:-10000}
REPEAT=${REPEAT:-3}
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bench-audit.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
NCORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

# medians of REPEAT reports of database $1, each into a new directory: prints "seconds cpu-seconds bytes files".
# Not one directory emptied between runs: on this machine's ext4, creating the 130,000 files of the 10,000
# plans' report right after deleting the previous run's took 38-82 s (26-65 s of it system time) against
# 17-18 s (7 s system) in a new directory after a sync; that measures the file system's backlog, not the
# report.
report() {
    : >"$W/times"
    : >"$W/cpu"
    rm -rf "$W"/rep*
    sync
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        sync
        /usr/bin/time -f '%e %U %S' -o "$W/t" "$BIN/parplan-audit" -q --db "$1" --out "$W/rep$i" >/dev/null 2>"$W/err" ||
            { cat "$W/err" >&2; echo "parplan-audit failed" >&2; return 1; }
        tail -1 "$W/t" | awk '{ print $1 }' >>"$W/times"
        tail -1 "$W/t" | awk '{ print $2 + $3 }' >>"$W/cpu"
        i=$((i + 1))
    done
    med() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    echo "$(med "$W/times") $(med "$W/cpu") $(du -sb "$W/rep0" | cut -f1) $(find "$W/rep0" -type f | wc -l)"
}

echo "Audit report (parplan-audit --out), median of $REPEAT"
printf '  %-24s %6s %9s %9s %10s %8s %12s\n' input pages seconds "CPU s" "size (MB)" files "KB per page"

# The sample scans: every scanned document of samples/scans through the pipeline.
"$BIN/parplan" run -q -j "$NCORES" --db "$W/scans.db" samples/scans >/dev/null 2>"$W/err" ||
    { cat "$W/err" >&2; exit 1; }
pages=$(sqlite3 "$W/scans.db" "select count(*) from pages where method = 'ocr'")
read -r s cpu bytes files <<EOT
$(report "$W/scans.db")
EOT
printf '  %-24s %6d %9.2f %9.2f %10.2f %8d %12.0f\n' "sample scans" "$pages" "$s" "$cpu" \
    "$(echo "$bytes / 1000000" | bc -l)" "$files" "$(echo "$bytes / 1000 / $pages" | bc -l)"
printf '  %-24s %6s %9s %9s %10s %8s %12s\n' "goal" "" "" "" "" "" "<= 300"

# N text plans.
tools/mkcorpus.sh "$W/corpus" "$N"
"$BIN/parplan" run -q --db "$W/bulk.db" "$W/corpus" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; exit 1; }
rm -rf "$W/corpus"
pages=$(sqlite3 "$W/bulk.db" "select count(*) from pages")
read -r s cpu bytes files <<EOT
$(report "$W/bulk.db")
EOT
printf '  %-24s %6d %9.2f %9.2f %10.2f %8d %12.1f\n' "$N text plans" "$pages" "$s" "$cpu" \
    "$(echo "$bytes / 1000000" | bc -l)" "$files" "$(echo "$bytes / 1000 / $pages" | bc -l)"
printf '  %-24s %6s %9s\n' "goal" "" "<= 30"
