/* test_lines.c — core/lines.c: the lines of a text whatever its line ends (LF, CRLF, lone CR, mixed),
 * an empty text, a final line end, and a CR-only text of 200,000 lines (split at once; a split that
 * looked for LF first would rescan the rest of it for every line). */
#include "check.h"
#include "core/lines.h"

#include <stdlib.h>
#include <string.h>

/* The lines of s joined with '|', and their count in *n. */
static const char *split(const char *s, size_t len, int *n)
{
    static char out[256];
    size_t o = 0;
    const char *p = s, *end = s + len, *line;
    size_t l;
    *n = 0;
    for (int first = 1; lines_next(&p, end, first, &line, &l); first = 0) {
        if (*n && o < sizeof out - 1)
            out[o++] = '|';
        for (size_t i = 0; i < l && o < sizeof out - 1; i++)
            out[o++] = line[i];
        (*n)++;
    }
    out[o] = '\0';
    return out;
}

int main(void)
{
    static const struct {
        const char *text, *want;
        int n;
    } cases[] = {
        { "a\nb\nc", "a|b|c", 3 },        { "a\nb\nc\n", "a|b|c", 3 },     { "a\r\nb\r\nc\r\n", "a|b|c", 3 },
        { "a\rb\rc\r", "a|b|c", 3 },      { "a\rb\r\nc\nd", "a|b|c|d", 4 }, { "a\r\rb", "a||b", 3 },
        { "a\n\nb", "a||b", 3 },          { "", "", 1 },                   { "\n", "", 1 },
        { "\r", "", 1 },                  { "x\r\n\r\ny", "x||y", 3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int n;
        const char *got = split(cases[i].text, strlen(cases[i].text), &n);
        CHECK(n == cases[i].n && strcmp(got, cases[i].want) == 0, "case %zu: %d lines \"%s\", want %d \"%s\"", i, n,
              got, cases[i].n, cases[i].want);
    }
    /* lines longer than the LF search window (4096 bytes), with every kind of line end */
    {
        static char longt[3 * 5000 + 16];
        size_t o = 0;
        const char *ends[] = { "\n", "\r", "\r\n" };
        for (int k = 0; k < 3; k++) {
            memset(longt + o, 'a' + k, 5000);
            o += 5000;
            memcpy(longt + o, ends[k], strlen(ends[k]));
            o += strlen(ends[k]);
        }
        const char *p = longt, *line;
        size_t l;
        int n = 0, ok = 1;
        for (int first = 1; lines_next(&p, longt + o, first, &line, &l); first = 0, n++)
            ok &= l == 5000 && line[0] == 'a' + n && line[4999] == 'a' + n;
        CHECK(n == 3 && ok, "long lines: %d lines of 5000 bytes (LF, CR, CRLF)", n);
    }
    /* CR-only text: every line found */
    size_t nl = 200000, len = nl * 6;
    char *big = malloc(len);
    CHECK(big != NULL, "allocation");
    if (big) {
        for (size_t i = 0; i < nl; i++)
            memcpy(big + i * 6, "abcde\r", 6);
        const char *p = big, *line;
        size_t l, count = 0, bytes = 0;
        for (int first = 1; lines_next(&p, big + len, first, &line, &l); first = 0) {
            count++;
            bytes += l;
        }
        CHECK(count == nl && bytes == nl * 5, "CR-only: %zu lines of %zu bytes", count, bytes);
        free(big);
    }
    return check_done();
}
