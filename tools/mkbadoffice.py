#!/usr/bin/env python3
"""mkbadoffice.py DIR — writes the bad word-processor inputs tests/e2e/badinput.sh feeds parplan-ocr, each
of which must be refused with a message naming it and nothing written:

  zipbomb.docx      a DOCX whose document part inflates 8 MiB from a few KiB (ratio over 100)
  lyingbomb.docx    the same part with its sizes rewritten to 4 KiB in both ZIP headers, so the central
                    directory looks harmless: the inflating must stop at the declared size
  encrypted.docx    a password-protected DOCX as Office writes one: not a ZIP but an OLE2 compound file
                    holding EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO)
  macro.docm        a DOCX with word/vbaProject.bin and the macro-enabled content type
  external.docx     a DOCX whose settings link a remote template (TargetMode="External")
  password.odt      an ODT whose manifest gives its content.xml encryption data
  notword.zip       a ZIP that is neither a DOCX nor an ODT
  sheet.doc         an OLE2 compound file with a Workbook stream, named .doc
  truncated.docx    the first 300 bytes of a DOCX

Every file is made here from nothing (no real document is copied), deterministically.
"""
import os
import struct
import sys
import zipfile

TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
         '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document(extra=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body><w:p><w:r><w:t>Kế hoạch số 1/KH-UBND'
            '</w:t></w:r></w:p>%s</w:body></w:document>' % (W, extra))


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))


def cfb(path, streams):
    """A minimal OLE2 compound file (version 3, 512-byte sectors): one FAT sector, one directory sector,
    each stream padded to whole sectors of at least 4096 bytes so none lives in the mini stream (at most
    63 KiB in all)."""
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    fat = [fatsect, end]
    data = b""
    starts = []
    for _, content in streams:
        content = content.ljust(max(4096, -(-len(content) // 512) * 512), b"\0")  # whole sectors
        first = len(fat)
        n = len(content) // 512
        fat += [first + i + 1 for i in range(n - 1)] + [end]
        starts.append((first, len(content)))
        data += content
    if len(fat) > 128:
        raise SystemExit("mkbadoffice: streams too large for one FAT sector")
    fat += [free] * (128 - len(fat))

    def entry(name, kind, left, right, child, start, size):
        n = (name + "\0").encode("utf-16-le") if name else b""
        return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1) + struct.pack("<III", left, right, child) +
                b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    nostream = 0xFFFFFFFF
    dirs = [entry("Root Entry", 5, nostream, nostream, 1, end, 0)]
    for i, (name, _) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else nostream
        dirs.append(entry(name, 2, nostream, right, nostream, starts[i][0], starts[i][1]))
    while len(dirs) < 4:
        dirs.append(entry("", 0, nostream, nostream, nostream, 0, 0))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) +
              b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0) +
              struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    with open(path, "wb") as f:
        f.write(header + struct.pack("<128I", *fat) + b"".join(dirs) + data)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    j = lambda n: os.path.join(d, n)
    pad = "<w:p><w:r><w:t>" + " " * (8 << 20) + "</w:t></w:r></w:p>"
    write_zip(j("zipbomb.docx"), [("[Content_Types].xml", TYPES), ("_rels/.rels", RELS),
                                  ("word/document.xml", document(pad))])
    # the lying bomb: patch the uncompressed size of word/document.xml in its local header (offset 22)
    # and its central directory entry (offset 24) to 4096
    with open(j("zipbomb.docx"), "rb") as f:
        z = bytearray(f.read())
    name = b"word/document.xml"
    at = z.find(b"PK\x03\x04" + b"\x14\x00")
    while at >= 0:
        if z[at + 30:at + 30 + len(name)] == name:
            struct.pack_into("<I", z, at + 22, 4096)
        at = z.find(b"PK\x03\x04", at + 4)
    at = z.find(b"PK\x01\x02")
    while at >= 0:
        if z[at + 46:at + 46 + len(name)] == name:
            struct.pack_into("<I", z, at + 24, 4096)
        at = z.find(b"PK\x01\x02", at + 4)
    with open(j("lyingbomb.docx"), "wb") as f:
        f.write(bytes(z))
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/'
        b'office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')
    package = struct.pack("<Q", 4096) + bytes((i * 73 + 11) & 0xFF for i in range(4096))
    cfb(j("encrypted.docx"), [("EncryptionInfo", info), ("EncryptedPackage", package)])
    write_zip(j("macro.docm"), [
        ("[Content_Types].xml", TYPES.replace("wordprocessingml.document.main+xml",
                                              "ms-word.document.macroEnabled.main+xml").replace(
            "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')),
        ("_rels/.rels", RELS), ("word/document.xml", document()), ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" * 64)])
    write_zip(j("external.docx"), [
        ("[Content_Types].xml", TYPES), ("_rels/.rels", RELS), ("word/document.xml", document()),
        ("word/_rels/settings.xml.rels",
         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/attachedTemplate" Target="http://example.invalid/template.dotm" TargetMode="External"/>'
         '</Relationships>')])
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" '
                'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
                'manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>'
                '</manifest:manifest>')
    with zipfile.ZipFile(j("password.odt"), "w") as z:
        for name, data, how in (("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                                ("content.xml", bytes((i * 31) & 0xFF for i in range(600)), zipfile.ZIP_DEFLATED),
                                ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = how
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    write_zip(j("notword.zip"), [("readme.txt", "Kế hoạch\n")])
    cfb(j("sheet.doc"), [("Workbook", b"\x09\x08" + b"\0" * 100)])
    write_zip(j("whole.docx"), [("[Content_Types].xml", TYPES), ("_rels/.rels", RELS), ("word/document.xml", document())])
    with open(j("whole.docx"), "rb") as f:
        head = f.read(300)
    os.remove(j("whole.docx"))
    with open(j("truncated.docx"), "wb") as f:
        f.write(head)


if __name__ == "__main__":
    main()
