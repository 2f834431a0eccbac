/* test_textdoc.c — text inputs: encodings detected, pages split on form feeds, bytes kept exactly,
 * lines numbered as in the file, and binary or mixed-encoding files refused with the line at fault. */
#include "core/utf8.h"
#include "check.h"
#include "scan/textdoc.h"

static int load(const char *buf, size_t len, pp_textdoc *td, pp_err *e)
{
    pp_err_clear(e);
    return textdoc_load("in.txt", buf, len, td, e);
}

int main(void)
{
    pp_textdoc td;
    pp_err e;

    const char utf8[] = "KẾ HOẠCH\r\nsố 12/KH-UBND\n\fPhụ lục\n\tSở Nội vụ\n";
    CHECK(load(utf8, sizeof utf8 - 1, &td, &e) == PP_OK, "UTF-8 text loads");
    CHECK_STR(td.encoding, "utf-8", "encoding is utf-8");
    CHECK(td.npages == 2, "form feed splits two pages (got %d)", td.npages);
    CHECK(td.pages[0].nlines == 2, "page 1 has 2 lines (got %zu)", td.pages[0].nlines);
    CHECK_STR(td.pages[0].lines[0].text, "KẾ HOẠCH", "CR is dropped from the line");
    CHECK(td.pages[0].raw_len == strlen("KẾ HOẠCH\r\nsố 12/KH-UBND\n"), "page 1 raw bytes are the file's bytes");
    CHECK(memcmp(td.pages[0].raw, utf8, td.pages[0].raw_len) == 0, "raw bytes identical");
    CHECK_STR(td.pages[1].lines[1].text, "\tSở Nội vụ", "tab-led cell line kept byte-exact");
    CHECK(td.pages[1].number == 2, "pages numbered from 1");
    CHECK(strcmp(td.pages[0].hash, td.pages[1].hash) != 0, "pages have their own hashes");
    textdoc_free(&td);

    const char trailing_ff[] = "one\ftwo\f";
    CHECK(load(trailing_ff, sizeof trailing_ff - 1, &td, &e) == PP_OK && td.npages == 2,
          "a trailing form feed does not open an empty page (got %d pages)", td.npages);
    textdoc_free(&td);

    const char bom[] = "\xef\xbb\xbfSở Tư pháp\n";
    CHECK(load(bom, sizeof bom - 1, &td, &e) == PP_OK, "UTF-8 with BOM loads");
    CHECK_STR(td.encoding, "utf-8-bom", "BOM detected");
    CHECK_STR(td.pages[0].lines[0].text, "Sở Tư pháp", "BOM not in the text");
    textdoc_free(&td);

    /* "Sở\f2" in UTF-16LE with BOM */
    const char u16[] = "\xff\xfe" "S\0\xa1\x01\f\0" "2\0";
    CHECK(load(u16, sizeof u16 - 1, &td, &e) == PP_OK, "UTF-16LE loads: %s", e.msg);
    CHECK_STR(td.encoding, "utf-16le", "UTF-16LE detected");
    CHECK(td.npages == 2, "UTF-16 form feed splits pages");
    CHECK_STR(td.pages[0].text, "S\xc6\xa1", "UTF-16 decoded to UTF-8");
    textdoc_free(&td);

    /* TCVN3-like 8-bit text: no valid multi-byte UTF-8 anywhere. */
    const char legacy[] = "C\xb8\x63 c\xa5 quan\n";
    CHECK(load(legacy, sizeof legacy - 1, &td, &e) == PP_OK, "8-bit legacy text loads");
    CHECK_STR(td.encoding, "unknown-8bit", "legacy 8-bit recognised as not UTF-8");
    CHECK(td.pages[0].raw_len == sizeof legacy - 1, "legacy raw bytes kept");
    CHECK(utf8_invalid_at(td.pages[0].text, td.pages[0].text_len) == td.pages[0].text_len,
          "legacy page text is valid UTF-8 (lossless byte decode)");
    textdoc_free(&td);

    const char mixed[] = "Sở Nội vụ\nline two\nb\xe1o c\xe1o\n";
    CHECK(load(mixed, sizeof mixed - 1, &td, &e) == PP_EXIT_INPUT, "mixed encodings refused");
    CHECK(strstr(e.msg, "in.txt: line 3") != NULL, "message names file and line: %s", e.msg);
    CHECK(strstr(e.msg, "mixed encodings") != NULL, "message says mixed encodings");

    const char nul[] = "abc\ndef\0ghi";
    CHECK(load(nul, sizeof nul - 1, &td, &e) == PP_EXIT_INPUT, "NUL byte refused");
    CHECK(strstr(e.msg, "line 2") && strstr(e.msg, "binary"), "NUL message names line: %s", e.msg);

    char garbage[400];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (char)(1 + (i * 7) % 31);
    CHECK(load(garbage, sizeof garbage, &td, &e) == PP_EXIT_INPUT, "control-character garbage refused");

    const char odd16[] = "\xff\xfe" "S\0x";
    CHECK(load(odd16, sizeof odd16 - 1, &td, &e) == PP_EXIT_INPUT, "truncated UTF-16 refused");

    CHECK(utf8_invalid_at("abc\xc3", 4) == 3, "utf8_invalid_at finds a cut sequence");
    CHECK(utf8_invalid_at("\xed\xa0\x80", 3) == 0, "utf8_invalid_at refuses surrogates");
    return check_done();
}
