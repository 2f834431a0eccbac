# badinput.sh — every bad input gets a clear message naming the file (and page or line), its documented
# exit code, and leaves the database exactly as it was.  One line per case is printed as REPORT.
. "$PARPLAN_ROOT/tests/e2e/lib.sh"
S="$ROOT/samples/scans"
export OMP_THREAD_LIMIT=1 PARPLAN_BUSY_TIMEOUT_MS=1500
DB="$TEST_TMP/base.db"
printf 'Kế hoạch số 12/KH-UBND\n1. Hoàn thành 100%% nhiệm vụ\n' > good.txt
run_bin parplan-ocr -q --db "$DB" good.txt || die "setting up the base database failed"
cases=0

# case NAME CODE PATTERN FILE [extra args]: runs parplan-ocr on FILE against a copy of the base database.
case_() {
    name=$1 code=$2 pattern=$3; shift 3
    cp "$DB" case.db
    before=$(db_rows case.db)
    "$PARPLAN_BIN/parplan-ocr" -q --db case.db "$@" > out 2> err; got=$?
    [ "$got" -eq "$code" ] || { cat err; die "$name: expected exit $code, got $got"; }
    if [ -n "$pattern" ]; then
        grep -q -- "$pattern" err || die "$name: message lacks '$pattern': $(cat err)"
    fi
    if [ "$code" -ne 0 ]; then
        [ "$(db_rows case.db)" = "$before" ] || die "$name: the database changed"
    fi
    cases=$((cases + 1))
    echo "REPORT exit $got  $name: $(head -1 err | cut -c1-150)"
}

: > empty.txt
case_ "zero-byte file" 3 "empty.txt: file is empty" empty.txt
printf 'abc\000def' > nul.txt
case_ "NUL bytes in text" 3 "nul.txt: line 1: NUL byte" nul.txt
head -c 4000 /dev/urandom > garbage.txt
case_ "binary garbage as .txt" 3 "garbage.txt" garbage.txt
printf 'Sở Nội vụ\nb\341o c\341o\n' > mixed.txt
case_ "mixed encodings (UTF-8 then Latin-1)" 3 "mixed.txt: line 2" mixed.txt
printf 'ok line\n\303\050 bad\n' > badutf8.txt
printf 'Sở\n' >> badutf8.txt
case_ "invalid UTF-8 sequence" 3 "badutf8.txt: line 2" badutf8.txt
printf '\377\376S\000x' > odd16.txt
case_ "truncated UTF-16" 3 "odd16.txt" odd16.txt
# empty in effect: only form feeds and white space, or only a byte order mark
printf '\f\f  \n\f' > ff.txt
case_ "only form feeds and spaces" 3 "ff.txt: file is empty: no text" ff.txt
printf '\357\273\277' > bomonly.txt
case_ "only a byte order mark" 3 "bomonly.txt: file is empty: no text" bomonly.txt
# UTF-16 (with its BOM) passes the checks UTF-8 text does: a NUL character, control characters
printf '\377\376A\000\000\000B\000' > nul16.txt
case_ "NUL character in UTF-16" 3 "nul16.txt: page 1: NUL character" nul16.txt
printf '\377\376\001\000\002\000\003\000A\000' > ctl16.txt
case_ "control characters in UTF-16" 3 "ctl16.txt: 3 of 4 characters are control characters" ctl16.txt
case_ "missing input file" 3 "nothere.png" nothere.png
# files that are not files: a FIFO would block the open for ever, a device behind a .txt link never end
mkfifo fifo.txt
case_ "FIFO named as an input" 3 "fifo.txt: not a regular file (a FIFO)" fifo.txt
ln -s /dev/zero zero.txt
case_ "/dev/zero behind a .txt link" 3 "zero.txt: not a regular file (a device)" zero.txt
# directory loops: two links to their own directory and one to a parent are skipped with a warning,
# the files found once each (before: the walk multiplied for ever, or the run ended at the depth limit)
mkdir -p loops/sub
printf 'KẾ HOẠCH\nThử vòng thư mục\n' > loops/a.txt
printf 'KẾ HOẠCH\nThử vòng con\n' > loops/sub/b.txt
ln -s . loops/self1
ln -s . loops/self2
ln -s .. loops/sub/up
cp "$DB" case.db
timeout 60 "$PARPLAN_BIN/parplan-ocr" -q --db case.db loops > out 2> err; got=$?
[ "$got" -eq 0 ] || { cat err; die "directory loops: expected exit 0, got $got"; }
[ "$(grep -c 'a directory loop' err)" -eq 3 ] || die "directory loops: three loops reported: $(cat err)"
[ "$(sql case.db "select count(*) from documents where source like 'loops/%'")" -eq 2 ] || die "directory loops: not two documents"
cases=$((cases + 1)); echo "REPORT exit 0  directory loops (two self links, one to a parent): $(head -1 err | cut -c1-150)"
mkdir -p emptydir
case_ "directory without inputs" 0 "no input files found" emptydir
case_ "unknown option" 2 "usage" --bogus good.txt
case_ "bad worker count" 2 "-j wants" -j 0 good.txt

if [ -d "$S" ]; then
    png=$(ls "$S"/*.png | head -1); jpg=$(ls "$S"/*-aged.jpg | head -1)
    tif=$(ls "$S"/*.tif | head -1); pdf=$(ls "$S"/*.pdf | head -1)
    head -c 2000 "$png" > trunc.png
    case_ "truncated PNG" 3 "trunc.png" trunc.png
    head -c 20000 "$jpg" > trunc.jpg
    case_ "truncated JPEG" 3 "trunc.jpg: page 1" trunc.jpg
    head -c 3000 "$tif" > trunc.tif
    case_ "truncated TIFF" 3 "trunc.tif" trunc.tif
    head -c 5000 "$pdf" > trunc.pdf
    case_ "truncated PDF" 3 "trunc.pdf" trunc.pdf
    cp "$png" "looks like text.txt"
    case_ "PNG with a .txt name (read by content)" 0 "" "looks like text.txt"
    cp "$png" "Kế hoạch số 5 – Sở Nội vụ.png"
    case_ "path with spaces and Vietnamese characters" 0 "" "Kế hoạch số 5 – Sở Nội vụ.png"
    [ "$(sql case.db "select count(*) from documents where source = 'Kế hoạch số 5 – Sở Nội vụ.png'")" = 1 ] \
        || die "Vietnamese path not stored as given"
    case_ "missing OCR model" 6 "tesseract-ocr-xyz" --lang xyz "$png"
    case_ "pixel limit" 8 "over the limit" --max-pixels 100000 "$png"
    if /usr/bin/python3 -c 'import pikepdf' 2>/dev/null; then
        /usr/bin/python3 -c 'import pikepdf,sys; p=pikepdf.open(sys.argv[1]); p.save(sys.argv[2], encryption=pikepdf.Encryption(owner="o", user="secret"))' "$pdf" locked.pdf
        case_ "encrypted PDF" 3 "locked.pdf: PDF is encrypted" locked.pdf
    fi
fi

# A PDF with no pages.
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' > nopages.pdf
case_ "PDF with no pages" 3 "nopages.pdf" nopages.pdf
# A 100000x100000 PNG (a header only): refused by the pixel limit before any decoding.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\001\206\240\000\001\206\240\010\000\000\000\000\215\071\124\024\000\000\000\000IEND\256B`\202' > bomb.png
case_ "decompression bomb 100000x100000" 8 "bomb.png: page 1: image is 100000x100000 pixels" bomb.png
# A 1x1 PNG.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\000\000\000\000:~\233U\000\000\000\nIDATx\234c\370\017\000\001\001\001\000\030\335\215\260\000\000\000\000IEND\256B`\202' > one.png
case_ "1-pixel image" 3 "one.png: page 1: image is only 1x1" one.png
# A 50 MB single line loads (no line-length limit) as one line.
head -c 50000000 /dev/zero | tr '\000' 'a' > long.txt
case_ "50 MB single line (accepted)" 0 "" long.txt
[ "$(sql case.db "select length(l.text) from lines l join pages p on p.id=l.page_id join documents d on d.id=p.document_id where d.source='long.txt'")" = 50000000 ] \
    || die "50 MB line not stored whole"

# Pixel bombs and damaged headers: every decoder's declared size is checked before it decodes
# (tests/e2e/mkbad.py writes each file from its format's specification).
MKBAD="/usr/bin/python3 $ROOT/tests/e2e/mkbad.py"
$MKBAD pdf-bomb xobj.pdf 30000 30000
case_ "PDF image XObject declaring 30000x30000 (700 bytes)" 8 "xobj.pdf: image object 4 is 30000x30000 pixels" xobj.pdf
$MKBAD pdf-bomb xref.pdf 30000 30000 ref
case_ "PDF image whose /Width is a reference" 8 "xref.pdf: image object 4 is 30000x30000 pixels" xref.pdf
$MKBAD pdf-bomb xnoref.pdf 30000 30000 noref
case_ "PDF image whose /Width refers to no object" 3 "xnoref.pdf: image object 4: its width refers to no number" xnoref.pdf
$MKBAD pdf-huge-page hugepage.pdf 14000 14000
case_ "PDF page of 14000x14000 points (rendered size checked first)" 8 "hugepage.pdf: page 1: 58334x58334 pixels at 300 dpi" hugepage.pdf
$MKBAD tiff loop.tif loop
case_ "TIFF whose directories loop" 3 "loop.tif: page 3: the TIFF's directories loop back" loop.tif
$MKBAD tiff pastend.tif past-end
case_ "TIFF directory past the end of the file" 3 "pastend.tif: page 2: its directory is past the end" pastend.tif
$MKBAD tiff bomb2.tif bomb2
case_ "TIFF whose second page declares 100000x100000" 8 "bomb2.tif: page 2: image is 100000x100000 pixels" bomb2.tif
$MKBAD tiff nodir.tif none
case_ "TIFF header naming no directory" 3 "nodir.tif: not a readable TIFF (no pages found)" nodir.tif
printf 'P5\n100000 100000\n255\n' > bomb.pgm
case_ "PGM header declaring 100000x100000" 8 "bomb.pgm: page 1: image is 100000x100000 pixels" bomb.pgm
printf '%%PDF-' > stub.pdf
case_ "PDF of nothing but its signature" 3 "stub.pdf" stub.pdf
ln -s nowhere.txt dangling.txt
case_ "dangling symbolic link" 3 "dangling.txt" dangling.txt
case_ "bad pixel limit" 2 "--max-pixels wants" --max-pixels lots good.txt
case_ "shard out of range" 2 "--shard wants K/N" --shard 3/2 good.txt
# a file name with control characters (ESC, a newline, the C1 CSI) is escaped in messages, never sent
# to the terminal as it is
evil=$(printf 'evil\033[2J\nname\302\233.png')
printf '\211PNG\r\n\032\n' > "$evil"
case_ "control characters in a file name (escaped on stderr)" 3 'evil\\x1b\[2J\\x0aname\\u009b.png: unreadable png header' "$evil"
! grep -q "$(printf '\033')" err || die "an ESC from a file name reached stderr"
if [ -d "$S" ]; then
    $MKBAD jpeg-size "$jpg" bigsof.jpg 60000 60000
    case_ "JPEG frame header declaring 60000x60000" 8 "bigsof.jpg: page 1: image is 60000x60000 pixels" bigsof.jpg
    $MKBAD png-width "$png" zerowidth.png 0
    case_ "PNG header of width 0" 3 "zerowidth.png: unreadable png header" zerowidth.png
    # cut inside the image data, header whole: an error, never a partial page
    head -c $(( $(wc -c < "$png") * 6 / 10 )) "$png" > cutdata.png
    case_ "PNG cut inside its image data" 3 "cutdata.png: page 1: cannot decode the image" cutdata.png
    # a PDF after white space (a text tool's newline) is still a PDF (readers look in the first 1024 bytes)
    { printf '\n'; cat "$pdf"; } > leadnl.pdf
    case_ "PDF after a leading newline (accepted)" 0 "" leadnl.pdf
    [ "$(sql case.db "select format from documents where source = 'leadnl.pdf'")" = pdf ] || die "leadnl.pdf not read as a PDF"
    # -j 64 on a one-page scan starts one engine, not 64 (each ~12 MB plus its thread): peak RSS bounded
    cp "$DB" case.db
    /usr/bin/time -f %M -o rss.txt "$PARPLAN_BIN/parplan-ocr" -q -j 64 --db case.db "$png" > out 2> err \
        || die "-j 64 on one page failed: $(cat err)"
    rss=$(tail -1 rss.txt)
    # one engine is ~100 MB, ~550 MB under ASan (its shadow memory); 64 were 1.7 GB without it
    limit=400000
    [ "${PARPLAN_SANITIZE:-0}" = 1 ] || [ -n "$PARPLAN_WRAP" ] && limit=1500000
    [ "$rss" -lt "$limit" ] || die "-j 64 on one page: peak RSS ${rss} KB (engines started for pages that do not exist?)"
    cases=$((cases + 1)); echo "REPORT exit 0  -j 64 on one page: peak RSS $((rss / 1024)) MB (one engine)"
fi

# A text file over the size limit is refused from its size, before it is read or hashed (10 GB, sparse).
truncate -s 10G huge.txt
printf 'Kế hoạch' | dd of=huge.txt conv=notrunc 2>/dev/null
start=$(date +%s)
case_ "10 GB text file (refused before hashing)" 8 "huge.txt: file is 10737418240 bytes, more than the 268435456-byte limit" huge.txt
[ $(( $(date +%s) - start )) -lt 5 ] || die "the 10 GB text file was read before it was refused"
rm -f huge.txt
# The same relative name loaded from two folders is two documents: identity is content plus absolute
# path (the second load deleted the first); a changed file replaces only its own older version.
mkdir -p dirA dirB
printf 'Kế hoạch A\n1. Việc A\n' > dirA/plan.txt
printf 'Kế hoạch B\n1. Việc B\n' > dirB/plan.txt
cp "$DB" case.db
(cd dirA && "$PARPLAN_BIN/parplan-ocr" -q --db ../case.db plan.txt) || die "loading dirA/plan.txt failed"
(cd dirB && "$PARPLAN_BIN/parplan-ocr" -q --db ../case.db plan.txt) || die "loading dirB/plan.txt failed"
printf 'Kế hoạch A, sửa\n' > dirA/plan.txt
(cd dirA && "$PARPLAN_BIN/parplan-ocr" -q --db ../case.db plan.txt) || die "reloading dirA/plan.txt failed"
[ "$(sql case.db "select count(*) from documents where source = 'plan.txt'")" = 2 ] || die "plan.txt of two folders: $(sql case.db "select source_abs from documents")"
sql case.db "select source_abs from documents where source = 'plan.txt'" | grep -q "dirB/plan.txt$" || die "dirB's plan.txt was deleted"
[ "$(sql case.db "select count(*) from pages p join documents d on d.id = p.document_id where d.source_abs like '%dirA/plan.txt' and p.text like '%sửa%'")" = 1 ] \
    || die "dirA's changed plan.txt did not replace its own older version"
cases=$((cases + 1)); echo "REPORT exit 0  the same relative name from two folders: two documents; a changed one replaces only its own"

# Database problems.
# an empty --db is refused, not replaced by $PARPLAN_DB or the default (SQLite would take "" for a
# temporary database that vanishes at exit): nothing is written anywhere
for p in parplan-ocr parplan-normalize parplan-extract parplan-records; do
    arg=""
    [ "$p" = parplan-ocr ] && arg=good.txt
    # shellcheck disable=SC2086
    ( cd "$TEST_TMP" && PARPLAN_DB="$TEST_TMP/fromenv.db" "$PARPLAN_BIN/$p" -q --db "" $arg ) >out 2>err </dev/null
    got=$?
    [ "$got" -eq 2 ] || die "$p --db '': expected exit 2, got $got: $(cat err)"
    grep -q -- "--db: the database path is empty" err || die "$p --db '': message $(cat err)"
done
[ ! -e fromenv.db ] && [ ! -e out/parplan.db ] || die "--db '' wrote a database"
echo "REPORT exit 2  empty --db (every stage): $(head -1 err | cut -c1-150)"; cases=$((cases + 1))
echo "not a database at all, just text long enough to fill the first page of a file" > notadb.db
expect_exit 4 run_bin parplan-ocr -q --db notadb.db good.txt
grep -q "notadb.db" err || die "not-a-database message does not name the file"
echo "REPORT exit 4  not a database: $(head -1 err | cut -c1-150)"; cases=$((cases + 1))

cp "$DB" newer.db && sqlite3 newer.db "PRAGMA user_version = 999"
expect_exit 4 run_bin parplan-ocr -q --db newer.db good.txt
grep -q "newer" err || die "newer-schema message: $(cat err)"
echo "REPORT exit 4  database from a newer parplan: $(head -1 err | cut -c1-150)"; cases=$((cases + 1))

cp "$DB" locked.db
# The holder keeps its write lock until the check is done (however slow the checked program is, e.g.
# under valgrind): it waits on a FIFO the test writes to afterwards.
mkfifo release
{ printf 'BEGIN IMMEDIATE;\nINSERT INTO runs(stage,version,options) VALUES (%s,%s,%s);\n' "'x'" "'x'" "'x'"; cat release; printf 'ROLLBACK;\n'; } | sqlite3 locked.db &
sleep 1
before=$(sqlite3 locked.db "select count(*) from documents")
printf 'Quyết định mới\n' > new.txt
run_bin parplan-ocr -q --db locked.db new.txt > out 2> err; got=$?
echo done > release
[ $got -eq 4 ] || die "locked database: expected exit 4, got $got: $(cat err)"
grep -q "locked" err || die "locked-database message: $(cat err)"
wait
[ "$(sqlite3 locked.db "select count(*) from documents")" = "$before" ] || die "locked run changed the database"
echo "REPORT exit 4  database locked by another process: $(head -1 err | cut -c1-150)"; cases=$((cases + 1))

if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
    mkdir -p ro && cp "$DB" ro/r.db && chmod 755 "$TEST_TMP" ro && chmod 444 ro/r.db && chmod 555 ro
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$PARPLAN_BIN/parplan-ocr" -q --db ro/r.db new.txt > out 2> err; got=$?
    [ $got -eq 4 ] || die "read-only database: expected 4, got $got: $(cat err)"
    grep -q "r.db" err || die "read-only message does not name the database"
    echo "REPORT exit 4  read-only database: $(head -1 err | cut -c1-150)"; cases=$((cases + 1))
fi

cp "$DB" full.db
head -c 3000000 /dev/urandom | base64 > big.txt
before=$(db_rows full.db)
( ulimit -f 200; exec "$PARPLAN_BIN/parplan-ocr" -q --db full.db big.txt ) > out 2> err; got=$?
[ $got -eq 4 ] || die "full disk: expected 4, got $got: $(cat err)"
grep -q "full.db" err || die "full-disk message does not name the database: $(cat err)"
[ "$(db_rows full.db)" = "$before" ] || die "full disk changed the database"
echo "REPORT exit 4  disk full (ulimit -f): $(head -1 err | cut -c1-150)"; cases=$((cases + 1))

# Word-processor files (scan/office*): a ZIP bomb is refused from its central directory (exit 8, a
# resource limit), a password, macros, a linked template, a ZIP or an OLE2 file that is not a text
# document and a truncated archive with exit 3; nothing is written for any of them.
if command -v python3 >/dev/null 2>&1; then
    python3 "$ROOT/tools/mkbadoffice.py" office || die "tools/mkbadoffice.py failed"
    case_ "ZIP bomb (DOCX part inflating 8 MiB at a ratio over 100)" 8 "zipbomb.docx: part word/document.xml compresses" office/zipbomb.docx
    case_ "ZIP bomb declaring 4 KiB in both headers (inflating stops at the declared size)" 3 "lyingbomb.docx: part word/document.xml is corrupt" office/lyingbomb.docx
    case_ "encrypted DOCX (OLE2 with EncryptionInfo/EncryptedPackage)" 3 "encrypted.docx: an encrypted (password-protected) Office document" office/encrypted.docx
    case_ "DOCX with macros (vbaProject.bin)" 3 "macro.docm: the document carries macros" office/macro.docm
    case_ "DOCX linking a remote template" 3 "external.docx: external reference in word/_rels/settings.xml.rels (attachedTemplate" office/external.docx
    case_ "password-protected ODT" 3 "password.odt: part content.xml is encrypted" office/password.odt
    case_ "ZIP that is no document" 3 "notword.zip: a ZIP archive that is neither a DOCX" office/notword.zip
    case_ "spreadsheet named .doc" 3 "sheet.doc: an OLE2 compound file without a WordDocument stream" office/sheet.doc
    case_ "truncated DOCX" 3 "truncated.docx: not a readable ZIP archive" office/truncated.docx
else
    note "python3 missing: the word-processor cases are skipped"
fi

# Rule files (parplan-extract): exit 5 with file:line, database untouched; a catastrophic pattern is
# stopped by PCRE2's match limit and named, not left to hang the stage.
mkdir -p rules
cp "$ROOT"/rules/*.rules "$ROOT"/rules/*.txt rules/
rule_case() {
    name=$1 code=$2 pattern=$3
    cp "$DB" rcase.db
    before=$(db_rows rcase.db; sqlite3 rcase.db "select count(*) from items" 2>/dev/null)
    "$PARPLAN_BIN/parplan-extract" -q --db rcase.db --rules rules > out 2> err; got=$?
    [ "$got" -eq "$code" ] || { cat err; die "$name: expected exit $code, got $got"; }
    grep -q -- "$pattern" err || die "$name: message lacks '$pattern': $(cat err)"
    if [ "$code" -ne 0 ]; then
        [ "$(db_rows rcase.db; sqlite3 rcase.db "select count(*) from items" 2>/dev/null)" = "$before" ] \
            || die "$name: the database changed"
    fi
    cases=$((cases + 1))
    echo "REPORT exit $got  $name: $(head -1 err | cut -c1-150)"
}
printf '# a rule with an unbalanced group\npoints broken 10 ([0-9]+ diem\n' > rules/zz-bad.rules
rule_case "rule file with an invalid regex" 5 "zz-bad.rules:2:"
printf 'no.such.field x 1 abc\n' > rules/zz-bad.rules
rule_case "rule for an unknown field" 5 "zz-bad.rules:1: unknown field"
printf 'points\n' > rules/zz-bad.rules
rule_case "rule line without a pattern" 5 "zz-bad.rules:1:"
rm rules/zz-bad.rules
printf 'heading.code evil 99 ^(a+)+$\n' > rules/zz-evil.rules
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n1.1. Nhiệm vụ\n' > evil.txt
run_bin parplan-ocr -q --db "$DB" evil.txt || die "loading evil.txt failed"
rule_case "catastrophic backtracking pattern (PCRE2 match limit)" 0 "zz-evil.rules:1: rule evil gave up"
rm rules/zz-evil.rules
cp "$DB" nomodel.db
PARPLAN_LM=/nonexistent/vi.lm "$PARPLAN_BIN/parplan-normalize" -q --restore --db nomodel.db > out 2> err; got=$?
[ $got -eq 6 ] || die "missing restoration model: expected exit 6, got $got: $(cat err)"
grep -q "vi.lm" err || die "missing model message does not name it: $(cat err)"
cases=$((cases + 1)); echo "REPORT exit 6  missing restoration model: $(head -1 err | cut -c1-150)"

echo "REPORT $cases bad-input cases passed"
