#!/bin/sh
# bench-tiff.sh — one TIFF of 5,000 pages through parplan-ocr: seconds and peak resident size (issue 19:
# Leptonica reached page i by walking the i directories before it, so the pages' checks and decoding were
# quadratic, 62 s for 5,000 pages where 500 took 0.7 s; scan/tiffdir walks the chain once).  The pages
# are one small gray page (a line of text drawn as bars) whose image data all 5,000 directories share, so
# the file is under 1 MB.  Run by make bench (tools/bench.sh).
#   PARPLAN_BIN (default bin), PAGES (default 5000), JOBS (default: the number of cores)
set -eu
cd "$(dirname "$0")/.."
BIN=${PARPLAN_BIN:-bin}
PAGES=${PAGES:-5000}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pp-tiff.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
/usr/bin/python3 - "$tmp/big.tif" "$PAGES" <<'PY'
import struct, sys
out, pages = sys.argv[1], int(sys.argv[2])
w, h = 600, 200
# the shared strip: white, with five black bars where a line of text would be
rows = bytearray(b"\xff" * (w * h))
for x0 in range(40, 560, 104):
    for y in range(80, 112):
        rows[y * w + x0:y * w + x0 + 80] = b"\x00" * 80
data = bytes(rows)
entries = lambda strip: [(256, 4, w), (257, 4, h), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, strip),
                         (277, 3, 1), (278, 4, h), (279, 4, len(data)), (282, 5, 0), (283, 5, 0), (296, 3, 2)]
n = len(entries(0))
ifd_size = 2 + 12 * n + 4
strip = 8
first = strip + len(data)
res = first + pages * ifd_size  # one RATIONAL 300/1 for both resolutions
buf = bytearray(b"II*\x00" + struct.pack("<I", first) + data)
for i in range(pages):
    off = first + i * ifd_size
    buf += struct.pack("<H", n)
    for tag, typ, v in entries(strip):
        if tag in (282, 283):
            v = res
        buf += struct.pack("<HHI", tag, typ, 1) + (struct.pack("<HH", v, 0) if typ == 3 else struct.pack("<I", v))
    buf += struct.pack("<I", off + ifd_size if i + 1 < pages else 0)
buf += struct.pack("<II", 300, 1)
open(out, "wb").write(buf)
PY
echo "One TIFF of $PAGES pages ($(wc -c <"$tmp/big.tif") bytes), -j $JOBS"
printf '  %-18s %9s %14s %10s\n' stage seconds "peak RSS (MB)" pages/s
/usr/bin/time -f '%e %M' -o "$tmp/t" "$BIN/parplan-ocr" -q -j "$JOBS" --db "$tmp/t.db" "$tmp/big.tif" >/dev/null 2>"$tmp/err" \
    || { tail -3 "$tmp/err" >&2; echo "  parplan-ocr failed"; exit 1; }
read -r s kb <"$tmp/t"
printf '  %-18s %9s %14s %10s\n' parplan-ocr "$s" "$(echo "scale=1; $kb / 1024" | bc)" "$(echo "scale=1; $PAGES / $s" | bc)"
echo "  pages stored: $(sqlite3 "$tmp/t.db" 'select count(*) from pages')"
