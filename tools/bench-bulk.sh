#!/bin/bash
# bench-bulk.sh — bulk loading at scale: BULK_DOCS (default 10,000) synthetic text plans through the
# whole pipeline (parplan run), wall time and peak memory (largest process) beside the goals.
set -eu
cd "$(dirname "$0")/.."
BIN="${PARPLAN_BIN:-bin}"
N="${BULK_DOCS:-10000}"
W=$(mktemp -d "${TMPDIR:-/tmp}/parplan-bulk.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
tools/mkcorpus.sh "$W/corpus" "$N"
bytes=$(du -sb "$W/corpus" | cut -f1)
/usr/bin/time -f "%e %M" -o "$W/time" "$BIN/parplan" run -q --db "$W/bulk.db" "$W/corpus" >/dev/null 2>"$W/err" || true
read -r secs rss <<EOT
$(tail -1 "$W/time")
EOT
docs=$(sqlite3 "$W/bulk.db" "select count(*) from documents")
printf 'Bulk load: %d synthetic text plans (%.1f MB), parplan run on %s cores\n' "$N" "$(echo "$bytes / 1000000" | bc -l)" "$(getconf _NPROCESSORS_ONLN)"
printf '  %-28s %10s %12s %14s\n' "" "seconds" "documents/s" "peak RSS (MB)"
printf '  %-28s %10.2f %12.0f %14.1f\n' "parplan run (all stages)" "$secs" "$(echo "$docs / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
printf '  %-28s %10s %12s %14s\n' "goal" "< 60" "" "< 200"
[ "$docs" -eq "$N" ] || echo "  only $docs of $N documents loaded: $(tail -3 "$W/err")"
