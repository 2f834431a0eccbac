#!/usr/bin/python3
# tests/e2e/mkbad.py — hostile image and PDF files for badinput.sh, written from their specifications
# (TIFF 6.0, PDF 1.4, JPEG SOF0, PNG IHDR) so each defect is exactly the one named:
#   mkbad.py pdf-bomb OUT W H [ref|noref]   one page showing one image XObject declaring W x H pixels
#                                           (ref: /Width as a reference to an integer object; noref: a
#                                           reference to an object that does not exist)
#   mkbad.py pdf-huge-page OUT W H          one page of W x H points and no image (rendered at 300 dpi)
#   mkbad.py tiff OUT loop|past-end|bomb2|none   two 100x100 pages whose chain loops; one page whose next
#                                           directory is past the end; a second page declaring
#                                           100000x100000; a header naming no directory
#   mkbad.py jpeg-size IN OUT W H           IN with its frame header (SOF) declaring W x H
#   mkbad.py png-width IN OUT W             IN with its IHDR declaring width W (CRC left stale)
import struct
import sys
import zlib


def pdf(objs):
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out


def pdf_bomb(w, h, mode):
    data = zlib.compress(b"\x00" * 1000)
    wv = {"ref": b"6 0 R", "noref": b"99 0 R"}.get(mode, b"%d" % w)
    content = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Type /XObject /Subtype /Image /Width " + wv + b" /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (h, len(data)) + data +
            b"\nendstream",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    if mode == "ref":
        objs.append(b"%d" % w)
    return pdf(objs)


def pdf_huge_page(w, h):
    content = b"BT /F1 12 Tf 72 72 Td (x) Tj ET"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % (w, h),
                b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"])


def tiff(kind):
    pages = {"bomb2": [(100, 100), (100000, 100000)], "past-end": [(100, 100)]}.get(kind, [(100, 100), (100, 100)])
    out = bytearray(b"II*\x00" + struct.pack("<I", 0 if kind == "none" else 8))
    offs = []
    for w, h in pages:
        offs.append(len(out))
        entries = [(256, 4, w), (257, 4, h), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 0), (277, 3, 1),
                   (278, 4, h), (279, 4, min(w * h, 2**32 - 1))]
        out += struct.pack("<H", len(entries))
        for tag, typ, v in entries:
            out += struct.pack("<HHI", tag, typ, 1) + (struct.pack("<HH", v, 0) if typ == 3 else struct.pack("<I", v))
        out += struct.pack("<I", 0)
    for i, o in enumerate(offs):
        nxt = offs[i + 1] if i + 1 < len(offs) else {"loop": offs[0], "past-end": 10**7}.get(kind, 0)
        struct.pack_into("<I", out, o + 2 + 9 * 12, nxt)
    return bytes(out)


def main(a):
    if a[0] == "pdf-bomb":
        data = pdf_bomb(int(a[2]), int(a[3]), a[4] if len(a) > 4 else "")
    elif a[0] == "pdf-huge-page":
        data = pdf_huge_page(int(a[2]), int(a[3]))
    elif a[0] == "tiff":
        data = tiff(a[2])
    elif a[0] == "jpeg-size":
        data = bytearray(open(a[1], "rb").read())
        k = data.find(b"\xff\xc0")
        if k < 0:
            k = data.find(b"\xff\xc2")
        struct.pack_into(">HH", data, k + 5, int(a[4]), int(a[3]))  # SOF: height, then width
        a = a[1:]
    elif a[0] == "png-width":
        data = bytearray(open(a[1], "rb").read())
        struct.pack_into(">I", data, 16, int(a[3]))
        a = a[1:]
    else:
        sys.exit("mkbad.py: unknown kind " + a[0])
    open(a[1], "wb").write(data)


main(sys.argv[1:])
