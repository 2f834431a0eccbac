/*
 * wordagree — word agreement of a text with its transcript: how a loaded legacy document (a TCVN3 or
 * VNI .doc) is measured against the ground truth of ../shared/external/legacy-encodings.
 *
 *   wordagree REFERENCE.txt HYPOTHESIS.txt     prints  words=N errors=E agreement=0.9876
 *
 * Both texts are NFC-normalised and split into words at white space (line wrapping and layout do not
 * count); a word is compared whole and exactly (case, marks and punctuation included), so one wrong
 * tone mark costs the word.  errors is the Levenshtein distance over words, N the reference's word
 * count, agreement = 1 - E / N (0 when E > N).
 * Exit status: 0 ok, 1 failure, 2 usage error, 3 unreadable file or invalid UTF-8.
 */
#include "core/err.h"
#include "core/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct words {
    char *buf;     /* NFC text, words NUL-separated in place */
    char **w;
    size_t n;
} words;

static int load(const char *path, words *out)
{
    char *raw;
    size_t len;
    pp_err e;
    pp_err_clear(&e);
    if (fs_read_file(path, (size_t)1 << 30, &raw, &len, &e)) {
        fprintf(stderr, "wordagree: %s\n", e.msg);
        return 3;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)raw, (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(raw);
    if (m < 0) {
        fprintf(stderr, "wordagree: %s: invalid UTF-8 (%s)\n", path, utf8proc_errmsg(m));
        return 3;
    }
    out->buf = (char *)nfc;
    out->w = NULL;
    out->n = 0;
    size_t cap = 0;
    char *s = out->buf;
    for (char *tok = strtok(s, " \t\r\n\f\v"); tok; tok = strtok(NULL, " \t\r\n\f\v")) {
        PP_GROW(out->w, out->n + 1, cap, 256);
        out->w[out->n++] = tok;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: wordagree REFERENCE.txt HYPOTHESIS.txt\n");
        return 2;
    }
    words r, h;
    int rc = load(argv[1], &r);
    if (rc)
        return rc;
    if ((rc = load(argv[2], &h))) {
        free(r.buf);
        free(r.w);
        return rc;
    }
    size_t *row = xcalloc(h.n + 1, sizeof *row);
    for (size_t j = 0; j <= h.n; j++)
        row[j] = j;
    for (size_t i = 1; i <= r.n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= h.n; j++) {
            size_t up = row[j];
            size_t best = diag + (strcmp(r.w[i - 1], h.w[j - 1]) != 0);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t errors = row[h.n];
    double agree = r.n ? 1.0 - (double)errors / (double)r.n : (errors ? 0.0 : 1.0);
    if (agree < 0)
        agree = 0;
    printf("words=%zu errors=%zu agreement=%.4f\n", r.n, errors, agree);
    free(row);
    free(r.buf);
    free(r.w);
    free(h.buf);
    free(h.w);
    return 0;
}
