/*
 * cer — character error rate of an OCR hypothesis against a reference text, used to calibrate the
 * sample scans (the .gt.txt files in samples/scans) and by the benchmarks.
 *
 *   cer REFERENCE.txt HYPOTHESIS.txt      prints  chars=N errors=E cer=0.0123
 *   cer --list FILE                       FILE has one "REF<TAB>HYP" pair of paths a line; prints a
 *                                         line per pair and  total chars=N errors=E cer=X
 *
 * Both texts are NFC-normalised (utf8proc) and every run of whitespace becomes one space, with
 * leading and trailing space trimmed: line wrapping and tab layout differ between a page's ground
 * truth and what OCR gives back, and must not count as errors.  errors is the Levenshtein
 * distance over Unicode code points, N the reference length, cer = E / N (the total line sums E
 * and N over all pairs).  Time O(n·m), memory O(min(n, m)).
 * Exit status: 0 ok, 1 failure (memory, output), 2 usage error, 3 unreadable file or bad UTF-8.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_INPUT 3

static const char USAGE[] =
    "usage: cer REFERENCE.txt HYPOTHESIS.txt\n"
    "       cer --list FILE     (each line: REF<TAB>HYP; prints per pair and a total line)\n"
    "Character error rate: Levenshtein distance over Unicode code points after NFC and\n"
    "collapsing whitespace runs to one space (trimmed), divided by the reference length.\n"
    "Output: chars=N errors=E cer=X\n"
    "exit status: 0 ok, 1 failure, 2 usage error, 3 unreadable file or invalid UTF-8\n";

typedef struct {
    int32_t *cp; /* code points */
    size_t n;
} text_t;

/* Reads a whole file into memory (NUL-terminated). Returns 0, or the exit code after a message. */
static int slurp(const char *path, unsigned char **out, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "cer: %s: %s\n", path, strerror(errno));
        return EXIT_INPUT;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        fclose(fp);
        fprintf(stderr, "cer: %s: out of memory\n", path);
        return EXIT_FAIL;
    }
    for (;;) {
        if (cap - n < 2) {
            unsigned char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(fp);
                fprintf(stderr, "cer: %s: out of memory\n", path);
                return EXIT_FAIL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(fp);
    fclose(fp);
    if (err) {
        free(buf);
        fprintf(stderr, "cer: %s: read error\n", path);
        return EXIT_INPUT;
    }
    buf[n] = 0;
    *out = buf;
    *len = n;
    return 0;
}

/* Unicode White_Space, which is what a reader sees as blank (tabs, NBSP, line separators...). */
static int is_space(int32_t c)
{
    if ((c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
        (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
        c == 0x205F || c == 0x3000)
        return 1;
    return 0;
}

/* Loads a file as NFC code points with whitespace collapsed and trimmed. */
static int load_text(const char *path, text_t *t)
{
    unsigned char *raw;
    size_t len;
    int rc = slurp(path, &raw, &len);
    if (rc)
        return rc;
    size_t skip = 0;
    if (len >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
        skip = 3; /* a byte-order mark is not text */
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map(raw + skip, (utf8proc_ssize_t)(len - skip), &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(raw);
    if (m < 0) {
        if (m == UTF8PROC_ERROR_NOMEM) {
            fprintf(stderr, "cer: %s: out of memory\n", path);
            return EXIT_FAIL;
        }
        fprintf(stderr, "cer: %s: invalid UTF-8 (%s)\n", path, utf8proc_errmsg(m));
        return EXIT_INPUT;
    }
    /* A code point takes at least one byte, so m bounds the count. */
    t->cp = malloc(((size_t)m + 1) * sizeof *t->cp);
    if (!t->cp) {
        free(nfc);
        fprintf(stderr, "cer: %s: out of memory\n", path);
        return EXIT_FAIL;
    }
    size_t n = 0;
    int pending_space = 0;
    for (utf8proc_ssize_t i = 0; i < m;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(nfc + i, m - i, &c);
        if (k <= 0) { /* cannot happen after utf8proc_map succeeded; be safe anyway */
            free(nfc);
            free(t->cp);
            fprintf(stderr, "cer: %s: invalid UTF-8\n", path);
            return EXIT_INPUT;
        }
        i += k;
        if (is_space(c)) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space)
            t->cp[n++] = ' ';
        pending_space = 0;
        t->cp[n++] = c;
    }
    free(nfc);
    t->n = n;
    return 0;
}

/* Levenshtein distance keeping one row the length of the shorter text. */
static int distance(const text_t *a, const text_t *b, size_t *out)
{
    const text_t *lng = a->n >= b->n ? a : b, *sht = a->n >= b->n ? b : a;
    size_t *row = malloc((sht->n + 1) * sizeof *row);
    if (!row)
        return -1;
    for (size_t j = 0; j <= sht->n; j++)
        row[j] = j;
    for (size_t i = 1; i <= lng->n; i++) {
        size_t diag = row[0]; /* D[i-1][j-1] */
        row[0] = i;
        int32_t c = lng->cp[i - 1];
        for (size_t j = 1; j <= sht->n; j++) {
            size_t up = row[j]; /* D[i-1][j] */
            size_t best = diag + (sht->cp[j - 1] != c);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    *out = row[sht->n];
    free(row);
    return 0;
}

static double rate(size_t errors, size_t chars)
{
    if (chars == 0)
        return errors ? 1.0 : 0.0;
    return (double)errors / (double)chars;
}

/* Compares one pair; fills chars and errors. Returns 0 or an exit code. */
static int compare(const char *ref, const char *hyp, size_t *chars, size_t *errors)
{
    text_t r = {0}, h = {0};
    int rc = load_text(ref, &r);
    if (rc)
        return rc;
    rc = load_text(hyp, &h);
    if (rc) {
        free(r.cp);
        return rc;
    }
    if (distance(&r, &h, errors)) {
        fprintf(stderr, "cer: %s: out of memory\n", hyp);
        rc = EXIT_FAIL;
    }
    *chars = r.n;
    free(r.cp);
    free(h.cp);
    return rc;
}

static int run_list(const char *list)
{
    FILE *fp = fopen(list, "r");
    if (!fp) {
        fprintf(stderr, "cer: %s: %s\n", list, strerror(errno));
        return EXIT_INPUT;
    }
    char *line = NULL;
    size_t cap = 0, total_chars = 0, total_errors = 0;
    long lineno = 0;
    int rc = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (len == 0 || line[0] == '#')
            continue; /* blank lines and comments let lists be written by hand */
        char *tab = strchr(line, '\t');
        if (!tab || tab == line || !tab[1] || strchr(tab + 1, '\t')) {
            fprintf(stderr, "cer: %s:%ld: expected REF<TAB>HYP\n", list, lineno);
            rc = EXIT_INPUT;
            break;
        }
        *tab = 0;
        size_t chars = 0, errors = 0;
        rc = compare(line, tab + 1, &chars, &errors);
        if (rc)
            break;
        printf("%s\t%s\tchars=%zu errors=%zu cer=%.4f\n", line, tab + 1, chars, errors,
               rate(errors, chars));
        total_chars += chars;
        total_errors += errors;
    }
    if (!rc && ferror(fp)) {
        fprintf(stderr, "cer: %s: read error\n", list);
        rc = EXIT_INPUT;
    }
    free(line);
    fclose(fp);
    if (!rc)
        printf("total chars=%zu errors=%zu cer=%.4f\n", total_chars, total_errors,
               rate(total_errors, total_chars));
    return rc;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--list")) {
        rc = run_list(argv[2]);
    } else if (argc == 3 && argv[1][0] != '-' && argv[2][0] != '-') {
        size_t chars = 0, errors = 0;
        rc = compare(argv[1], argv[2], &chars, &errors);
        if (!rc)
            printf("chars=%zu errors=%zu cer=%.4f\n", chars, errors, rate(errors, chars));
    } else {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (!rc && (fflush(stdout) || ferror(stdout))) {
        fprintf(stderr, "cer: write error on standard output\n");
        rc = EXIT_FAIL;
    }
    return rc;
}
