#!/bin/sh
# tools/mkman.sh — writes the man page of a parplan program from its --help text, the one source of both
# (help2man's idea, without its dependency): the "usage:" lines are the SYNOPSIS, the first line after
# them is the NAME's description, the rest the DESCRIPTION, kept as laid out.
#   tools/mkman.sh bin/parplan-ocr > parplan-ocr.1
set -eu
prog=$1
name=$(basename "$prog")
help=$("$prog" --help)
version=$("$prog" --version | head -1 | awk '{print $2}')
printf '%s\n' "$help" | awk -v name="$name" -v version="$version" '
function esc(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); if (s ~ /^[.'"'"']/) s = "\\&" s; return s }
BEGIN { state = "syn"; nsyn = 0; ndesc = 0 }
state == "syn" && NR == 1 { sub(/^usage: */, ""); syn[++nsyn] = $0; next }
state == "syn" && /^       / { sub(/^ +/, ""); syn[++nsyn] = $0; next }
{ state = "desc"; desc[++ndesc] = $0 }
END {
    summary = ""
    for (i = 1; i <= ndesc && summary == ""; i++) { s = desc[i]; sub(/^ +/, "", s); if (s !~ /^-/) summary = s }
    sub(/[.:]$/, "", summary)
    printf ".TH %s 1 \"\" \"parplan %s\" \"parplan manual\"\n", toupper(name), version
    printf ".SH NAME\n%s \\- %s\n", name, esc(summary)
    printf ".SH SYNOPSIS\n.nf\n"
    for (i = 1; i <= nsyn; i++) print esc(syn[i])
    printf ".fi\n.SH DESCRIPTION\n.nf\n"
    for (i = 1; i <= ndesc; i++) print esc(desc[i])
    printf ".fi\n.SH SEE ALSO\nparplan(1), parplan\\-ocr(1), parplan\\-normalize(1), parplan\\-extract(1), "
    printf "parplan\\-records(1), parplan\\-audit(1); README.md of the parplan sources.\n"
}'
