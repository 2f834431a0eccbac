#!/bin/sh
# mkcorpus.sh — a synthetic corpus for scale tests: N text plans made from samples/text/*.txt by
# changing the province, numbers, dates and percentages, spread over one directory per province.
# Not committed: make bench makes it in a temporary directory.
#   tools/mkcorpus.sh OUTDIR N
set -eu
out=${1:?usage: mkcorpus.sh OUTDIR N}
n=${2:?usage: mkcorpus.sh OUTDIR N}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
# One awk process writes every file: thousands of documents in about a second.
awk -v n="$n" -v out="$out" '
BEGIN {
    split("An Giang|Bắc Ninh|Bình Định|Cà Mau|Đắk Lắk|Đồng Nai|Gia Lai|Hà Tĩnh|Khánh Hòa|Lâm Đồng|Nghệ An|Phú Yên|Quảng Nam|Sóc Trăng|Thanh Hóa|Tiền Giang|Vĩnh Long|Yên Bái", prov, "|")
    nprov = 18
}
FNR == 1 { t++ }
{ tmpl[t] = tmpl[t] $0 "\n" }
END {
    for (i = 0; i < n; i++) {
        k = i % t + 1
        p = prov[i % nprov + 1]
        dir = out "/" i % nprov
        if (!(dir in made)) { system("mkdir -p \"" dir "\""); made[dir] = 1 }
        s = tmpl[k]
        gsub(/Sơn Hà|Vĩnh Thạnh|Bình Lâm/, p, s)
        # Renumber documents and shift percentages so every file has its own content hash.
        gsub(/Số: [0-9]+/, "Số: " (100 + i), s)
        s = s "\n(Bản số " i ")\n"
        f = sprintf("%s/plan-%05d.txt", dir, i)
        printf "%s", s > f
        close(f)
    }
}' "$root"/samples/text/*.txt
