#!/usr/bin/env python3
"""mkoffice.py — the word-processor samples of samples/office/, made from samples/text/plan-02.txt:

  plan-02.docx          the plan as a DOCX: paragraphs in Times New Roman, page breaks before the plan
                        and the appendix, the plan's "I." sections and "1." items as Word's automatic
                        numbering (numbering.xml: not in the text), the appendix a Word table (header row, group rows one cell
                        spanning the grid with w:gridSpan, task rows)
  plan-02-vntime.docx   the same plan typed the pre-Unicode way: every run in .VnTime holding TCVN3
                        (ABC) bytes, stored as Word stores them (byte 0xB8 as U+00B8), and each capital
                        TCVN3 cannot write (Ủ, Ế…) set in .VnTimeH, the capitals face, as its lower-case
                        byte; no run says "Vietnamese" anywhere else
  plan-02.odt           the plan as an ODT: its "I." sections and "1." items a two-level text:list
                        (numbers from the list style, not in the text), the appendix a table:table whose group rows span the grid
                        with table:number-columns-spanned and table:covered-table-cell
  plan-02-tcvn3.doc     the plan as a legacy Word 97 file whose text is TCVN3 bytes (capitals TCVN3
                        cannot write given as their lower-case byte, as a .VnTimeH run holds them):
                        a minimal binary Word file (FIB, one 8-bit piece in the piece table, an empty
                        stylesheet, no fonts, so no font hint reaches parplan); the appendix stays TAB-led lines
                        as in the text, since a Word 97 table needs paragraph properties this does not
                        write

Deterministic: fixed ZIP timestamps and order, so two runs give identical bytes.  TCVN3 bytes come
from glibc iconv's TCVN5712-1 (VN1), which agrees with VN3 on every byte a lower-case letter uses.

  tools/mkoffice.py [--out DIR]      (default samples/office)
"""
import functools
import os
import re
import subprocess
import sys
import struct
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mkbadoffice import cfb  # noqa: E402  (the OLE2 compound file writer)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def read_plan():
    with open(os.path.join(ROOT, "samples/text/plan-02.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    first = next(i for i, l in enumerate(lines) if l.startswith("\t"))
    body, rows, cur = lines[:first], [], []
    for l in lines[first:]:
        if l.strip() == "":
            if cur:
                rows.append(cur)
            cur = []
        else:
            cur.append(l.lstrip("\t"))
    if cur:
        rows.append(cur)
    # paragraphs: (text, page_break_before); a blank line before KẾ HOẠCH / PHỤ LỤC is a page break
    paras, brk = [], False
    for i, l in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if l == "" and nxt in ("KẾ HOẠCH", "PHỤ LỤC"):
            brk = True
            continue
        paras.append((l, brk))
        brk = False
    return paras, rows


@functools.lru_cache(maxsize=None)
def tcvn3(s):
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=s.encode("utf-8"),
                       capture_output=True, check=True)
    return r.stdout


def vntime_runs(text):
    """(font, stored text) runs: TCVN3 bytes as U+00xx; capitals TCVN3 lacks in .VnTimeH as lower case."""
    runs = []
    for ch in text:
        b = tcvn3(ch)
        font = ".VnTime"
        if len(b) != 1 or (0x80 <= b[0] < 0xA1) or b[0] < 0x20 and ch not in "\t":
            low = tcvn3(ch.lower())
            if len(low) != 1:
                raise SystemExit("mkoffice: %r has no TCVN3 byte" % ch)
            b, font = low, ".VnTimeH"
        stored = bytes(b).decode("latin-1")
        if runs and runs[-1][0] == font:
            runs[-1][1] += stored
        else:
            runs.append([font, stored])
    return runs


def doc97(path):
    """A minimal Word 97 file: a FIB (nFib 193, table stream 1Table) and one compressed (8-bit) piece."""
    with open(os.path.join(ROOT, "samples/text/plan-02.txt"), encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    text = b"".join(b"".join(bytes(tcvn3(ch) if len(tcvn3(ch)) == 1 and not 0x80 <= tcvn3(ch)[0] < 0xA1 and
                                   (tcvn3(ch)[0] >= 0x20 or ch == "\t") else tcvn3(ch.lower())) for ch in l) + b"\r"
                    for l in lines)
    ccp, fcmin = len(text), 0x800
    fib = bytearray(fcmin)
    struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, 0xC1, 0, 0x042A, 0, 0x1200)  # fWhichTblStm | fExtChar
    struct.pack_into("<H", fib, 0x0C, 0xBF)
    struct.pack_into("<II", fib, 0x18, fcmin, fcmin + ccp)
    struct.pack_into("<H", fib, 0x20, 14)
    struct.pack_into("<H", fib, 0x3E, 22)
    struct.pack_into("<I", fib, 0x40, fcmin + ccp)  # cbMac
    struct.pack_into("<I", fib, 0x4C, ccp)          # ccpText
    struct.pack_into("<H", fib, 0x98, 93)           # cbRgFcLcb (Word 97)
    clx = bytes([2]) + struct.pack("<I", 16) + struct.pack("<II", 0, ccp) + \
        struct.pack("<HIH", 0, (fcmin * 2) | 0x40000000, 0)  # fc with bit 30: 8-bit text at fc / 2
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    # an empty stylesheet (STSHI only, no styles): antiword reads one whatever lcbStshf says
    stsh = struct.pack("<H", 18) + struct.pack("<9H", 0, 10, 1, 0x5B, 0x0F, 0, 0, 0, 0)
    struct.pack_into("<II", fib, 0x9A + 8, len(clx), len(stsh))  # fcStshf, lcbStshf
    cfb(path, [("WordDocument", bytes(fib) + text), ("1Table", clx + stsh)])


def w_run(text, font):
    return ('<w:r><w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/></w:rPr>'
            '<w:t xml:space="preserve">%s</w:t></w:r>' % (font, font, font, escape(text)))


NUMBERED = re.compile(r"^(?:(I|II|III|IV|V|VI)|([0-9]+))\. (.*)$")


def w_para(text, legacy, brk=False, numbered=False):
    ppr = '<w:pageBreakBefore/>' if brk else ''
    # the plan's "I." sections and their "1." items as Word's automatic numbering (numbering.xml)
    m = NUMBERED.match(text) if numbered else None
    if m:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr>' % (0 if m.group(1) else 1)
        text = m.group(3)
    ppr = '<w:pPr>%s</w:pPr>' % ppr if ppr else ''
    if not text:
        return '<w:p>%s</w:p>' % ppr
    if legacy:
        runs = "".join(w_run(t, f) for f, t in vntime_runs(text))
    else:
        runs = w_run(text, "Times New Roman")
    return '<w:p>%s%s</w:p>' % (ppr, runs)


def w_table(rows, legacy):
    widths = [600, 3200, 2000, 1500, 1500, 1400]
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    out = ['<w:tbl><w:tblPr><w:tblBorders>' +
           "".join('<w:%s w:val="single" w:sz="4"/>' % b for b in ("top", "left", "bottom", "right", "insideH", "insideV")) +
           '</w:tblBorders></w:tblPr><w:tblGrid>%s</w:tblGrid>' % grid]
    for cells in rows:
        out.append("<w:tr>")
        if len(cells) == 2:  # a group row: its number and title in one cell across the grid
            out.append('<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>%s</w:tc>'
                       % (len(widths), w_para(cells[0] + " " + cells[1], legacy)))
        else:
            for c in cells:
                out.append("<w:tc>%s</w:tc>" % w_para(c, legacy))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def docx(path, legacy):
    paras, rows = read_plan()
    # numbered only in the plan's own sections (after "KẾ HOẠCH"), where "I." and "1." are the lists
    start = next(i for i, (t, _) in enumerate(paras) if t == "KẾ HOẠCH")
    body = "".join(w_para(t, legacy, b, numbered=i > start) for i, (t, b) in enumerate(paras)) + \
        w_table(rows, legacy) + "<w:p/>"
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>' % (W, body))
    font = ".VnTime" if legacy else "Times New Roman"
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles %s><w:docDefaults><w:rPrDefault>'
              '<w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '</w:styles>' % (W, font, font))
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.styles+xml"/>'
             '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.numbering+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
    numbering = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering %s><w:abstractNum '
                 'w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
                 '<w:lvlText w:val="%%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 '</w:num></w:numbering>' % W)
    write_zip(path, [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document),
                     ("word/_rels/document.xml.rels", doc_rels), ("word/styles.xml", styles),
                     ("word/numbering.xml", numbering)])


def odt(path):
    paras, rows = read_plan()
    x = []
    start = next(i for i, (t, _) in enumerate(paras) if t == "KẾ HOẠCH")
    in_list = in_sub = False  # inside a section's list item / its nested list of "1." items
    n_lists = 0

    def close(sub_only=False):
        nonlocal in_list, in_sub
        if in_sub:
            x.append("</text:list>")
            in_sub = False
        if in_list and not sub_only:
            x.append("</text:list-item></text:list>")
            in_list = False
    for i, (t, b) in enumerate(paras):
        m = NUMBERED.match(t) if i > start and not b else None
        p = '<text:p text:style-name="%s">%s</text:p>'
        if m and m.group(1):  # a section: an item of the list (LibreOffice stores no number)
            close()
            x.append('<text:list text:style-name="L1"%s><text:list-item>' % (
                ' text:continue-numbering="true"' if n_lists else ""))
            x.append(p % ("Body", escape(m.group(3))))
            in_list, n_lists = True, n_lists + 1
        elif m and in_list:  # an item of the section: the nested list
            if not in_sub:
                x.append("<text:list>")
                in_sub = True
            x.append("<text:list-item>" + p % ("Body", escape(m.group(3))) + "</text:list-item>")
        elif in_list and not b:
            close(sub_only=True)
            x.append(p % ("Body", escape(t)))
        else:
            close()
            x.append(p % ("Break" if b else "Body", escape(t)))
    close()
    x.append('<table:table table:name="PhuLuc"><table:table-column table:number-columns-repeated="6"/>')
    for cells in rows:
        x.append("<table:table-row>")
        if len(cells) == 2:
            x.append('<table:table-cell table:number-columns-spanned="6"><text:p>%s</text:p></table:table-cell>'
                     % escape(cells[0] + " " + cells[1]) + "<table:covered-table-cell/>" * 5)
        else:
            for c in cells:
                x.append("<table:table-cell><text:p>%s</text:p></table:table-cell>" % escape(c))
        x.append("</table:table-row>")
    x.append("</table:table>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.2">'
               '<office:font-face-decls><style:font-face style:name="Times New Roman" '
               'svg:font-family="&apos;Times New Roman&apos;"/></office:font-face-decls>'
               '<office:automatic-styles><style:style style:name="Body" style:family="paragraph">'
               '<style:text-properties style:font-name="Times New Roman"/></style:style>'
               '<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Body">'
               '<style:paragraph-properties fo:break-before="page"/></style:style>'
               '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." '
               'style:num-format="I"/><text:list-level-style-number text:level="2" style:num-suffix="." '
               'style:num-format="1"/></text:list-style></office:automatic-styles>'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>' % (ns, "".join(x)))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest %s manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                'opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>' % ns)
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
                     ("META-INF/manifest.xml", manifest)], stored_first=True)


def write_zip(path, parts, stored_first=False):
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for i, (name, data) in enumerate(parts):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))
    os.replace(tmp, path)


def main():
    out = os.path.join(ROOT, "samples/office")
    args = sys.argv[1:]
    if args[:1] == ["--out"] and len(args) == 2:
        out = args[1]
    elif args:
        raise SystemExit(__doc__)
    os.makedirs(out, exist_ok=True)
    docx(os.path.join(out, "plan-02.docx"), legacy=False)
    docx(os.path.join(out, "plan-02-vntime.docx"), legacy=True)
    odt(os.path.join(out, "plan-02.odt"))
    doc97(os.path.join(out, "plan-02-tcvn3.doc"))


if __name__ == "__main__":
    main()
