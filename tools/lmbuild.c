/* lmbuild.c — builds the syllable language model file read by lm.c (layout in lm.h).
 *
 *   lmbuild -o OUT.lm [-w WEIGHT] [-d DICT.dic]... [-W IN-DOMAIN.txt]... [TEXT]...
 *
 * TEXT files are UTF-8 Vietnamese (tools/lm-corpus.sh extracts them from Debian packages); -W files are
 * in-domain text counted WEIGHT times (default 20); -d hunspell .dic files add their syllables to the
 * vocabulary with a zero count, so a syllable never seen in text can still be restored.  Words that are
 * not valid Vietnamese syllables, digits and sentence punctuation break the bigram context. */
#include "core/cli.h"
#include "core/err.h"
#include "core/fsutil.h"
#include "text/lm.h"
#include "core/strbuf.h"
#include "text/unorm.h"
#include "text/viet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int lmbuild_weight = 20; /* -w N: how many times each -W file counts */

/* ---- string -> id and pair -> count hash tables (open addressing) ---- */

typedef struct lb_syl {
    char *s;
    uint64_t count;
} lb_syl;

static lb_syl *syls;
static size_t nsyls, capsyls;
static uint32_t *stab; /* id + 1, 0 empty */
static size_t stab_cap;

typedef struct lb_pair {
    uint64_t key; /* a << 32 | b, 0 empty (a is never 0 and b never 0 on the right) */
    uint64_t count;
} lb_pair;
static lb_pair *ptab;
static size_t ptab_cap, ptab_n;
static uint64_t total_tokens;

static uint64_t lb_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void lb_stab_grow(void)
{
    size_t cap = stab_cap ? stab_cap * 2 : 1 << 14;
    uint32_t *t = xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < nsyls; i++) {
        size_t j = lb_hash(syls[i].s) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = (uint32_t)i + 1;
    }
    free(stab);
    stab = t;
    stab_cap = cap;
}

static uint32_t lb_intern(const char *s)
{
    if ((nsyls + 1) * 2 >= stab_cap)
        lb_stab_grow();
    size_t j = lb_hash(s) & (stab_cap - 1);
    while (stab[j]) {
        if (!strcmp(syls[stab[j] - 1].s, s))
            return stab[j] - 1;
        j = (j + 1) & (stab_cap - 1);
    }
    if (nsyls == capsyls) {
        capsyls = capsyls ? capsyls * 2 : 4096;
        syls = xrealloc(syls, capsyls * sizeof *syls);
    }
    syls[nsyls].s = xstrdup(s);
    syls[nsyls].count = 0;
    stab[j] = (uint32_t)nsyls + 1;
    return (uint32_t)nsyls++;
}

static void lb_pair_add(uint32_t a, uint32_t b, uint64_t w)
{
    if ((ptab_n + 1) * 2 >= ptab_cap) {
        size_t cap = ptab_cap ? ptab_cap * 2 : 1 << 16;
        lb_pair *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < ptab_cap; i++)
            if (ptab[i].key) {
                size_t j = (ptab[i].key * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
                while (t[j].key)
                    j = (j + 1) & (cap - 1);
                t[j] = ptab[i];
            }
        free(ptab);
        ptab = t;
        ptab_cap = cap;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    size_t j = (key * 0x9E3779B97F4A7C15ull >> 20) & (ptab_cap - 1);
    while (ptab[j].key && ptab[j].key != key)
        j = (j + 1) & (ptab_cap - 1);
    if (!ptab[j].key) {
        ptab[j].key = key;
        ptab_n++;
    }
    ptab[j].count += w;
}

/* ---- tokenizing ---- */

static int lb_is_letter(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

/* Separators that keep the bigram context: spaces, hyphens, slashes between syllables. */
static int lb_keeps_context(int32_t c)
{
    return c == ' ' || c == '\t' || c == '-' || c == 0x2013;
}

static void lb_count_text(const char *text, size_t n, uint64_t w)
{
    size_t len;
    char *t = unorm_text(text, n, VIET_STYLE_OLD, &len);
    if (!t) {
        pp_warn("skipping a text that is not valid UTF-8");
        return;
    }
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)t;
    int32_t word[4 * VIET_MAX];
    size_t wn = 0;
    int toolong = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i <= len;) {
        utf8proc_int32_t c = '\n';
        utf8proc_ssize_t k = 1;
        if (i < len && (k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &c)) < 0)
            break;
        i += (size_t)k;
        if (lb_is_letter(c)) {
            if (wn < sizeof word / sizeof word[0])
                word[wn++] = c;
            else
                toolong = 1;
            continue;
        }
        if (wn) {
            viet_syl syl;
            if (!toolong && viet_parse(word, wn, &syl) == 0 && viet_valid(&syl)) {
                char buf[8 * VIET_MAX + 1];
                syl.upper = 0;
                viet_render(&syl, VIET_STYLE_OLD, buf);
                uint32_t id = lb_intern(buf);
                syls[id].count += w;
                total_tokens += w;
                lb_pair_add(prev, id, w);
                prev = id;
            } else {
                prev = 0;
            }
            wn = 0;
            toolong = 0;
        }
        if (!lb_keeps_context(c))
            prev = 0;
    }
    free(t);
}

static void lb_read_dic(const char *path)
{
    char *buf;
    size_t len;
    pp_err e;
    pp_err_clear(&e);
    if (fs_read_file(path, PP_MAX_TEXT_BYTES, &buf, &len, &e)) {
        pp_warn("%s", e.msg);
        return;
    }
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line[strcspn(line, "/\t\r ")] = '\0';
        char *nfc = unorm_text(line, strlen(line), VIET_STYLE_OLD, NULL);
        if (!nfc)
            continue;
        int32_t cps[4 * VIET_MAX];
        size_t n = 0;
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)nfc;
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        while (*p && n < sizeof cps / sizeof cps[0] && (k = utf8proc_iterate(p, -1, &c)) > 0) {
            cps[n++] = c;
            p += k;
        }
        viet_syl syl;
        if (!*p && viet_parse(cps, n, &syl) == 0 && viet_valid(&syl)) {
            char out[8 * VIET_MAX + 1];
            syl.upper = 0;
            viet_render(&syl, VIET_STYLE_OLD, out);
            lb_intern(out);
        }
        free(nfc);
    }
    free(buf);
}

/* ---- writing ---- */

static int lb_cmp_pair(const void *x, const void *y)
{
    const lb_pair *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key;
}

typedef struct lb_keyent {
    char key[VIET_MAX + 1];
    uint32_t id;
} lb_keyent;

static int lb_cmp_keyent(const void *x, const void *y)
{
    const lb_keyent *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return syls[a->id].count > syls[b->id].count ? -1 : syls[a->id].count < syls[b->id].count;
}

static uint32_t lb_clamp(uint64_t v) { return v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)v; }

static int lb_write(const char *path)
{
    /* keys */
    lb_keyent *ke = xmalloc(nsyls * sizeof *ke);
    for (size_t i = 1; i < nsyls; i++) {
        int32_t cps[4 * VIET_MAX];
        size_t n = 0;
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)syls[i].s;
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
            cps[n++] = c;
            p += k;
        }
        viet_syl syl;
        viet_parse(cps, n, &syl);
        viet_fold(&syl, ke[i - 1].key);
        ke[i - 1].id = (uint32_t)i;
    }
    size_t nke = nsyls - 1;
    qsort(ke, nke, sizeof *ke, lb_cmp_keyent);
    /* bigrams */
    lb_pair *pairs = xmalloc((ptab_n + 1) * sizeof *pairs);
    size_t np = 0;
    for (size_t i = 0; i < ptab_cap; i++)
        if (ptab[i].key)
            pairs[np++] = ptab[i];
    qsort(pairs, np, sizeof *pairs, lb_cmp_pair);
    lm_syl *ms = xcalloc(nsyls, sizeof *ms);
    strbuf str = STRBUF_INIT;
    sb_addc(&str, '\0');
    for (size_t i = 0; i < nsyls; i++) {
        ms[i].str = (uint32_t)str.len;
        sb_add(&str, syls[i].s, strlen(syls[i].s) + 1);
        ms[i].count = lb_clamp(syls[i].count);
    }
    lm_big *mb = xmalloc((np + 1) * sizeof *mb);
    for (size_t i = 0; i < np; i++) {
        uint32_t a = (uint32_t)(pairs[i].key >> 32), b = (uint32_t)pairs[i].key;
        mb[i].a = a;
        mb[i].b = b;
        mb[i].count = lb_clamp(pairs[i].count);
        if (ms[a].big_n == 0)
            ms[a].big_first = (uint32_t)i;
        ms[a].big_n++;
        ms[a].ctx_total = lb_clamp((uint64_t)ms[a].ctx_total + pairs[i].count);
        ms[a].ctx_types++;
    }
    lm_key *mk = xmalloc((nke + 1) * sizeof *mk);
    uint32_t *cand = xmalloc((nke + 1) * sizeof *cand);
    size_t nk = 0;
    for (size_t i = 0; i < nke; i++) {
        if (i == 0 || strcmp(ke[i].key, ke[i - 1].key)) {
            mk[nk].str = (uint32_t)str.len;
            sb_add(&str, ke[i].key, strlen(ke[i].key) + 1);
            mk[nk].first = (uint32_t)i;
            mk[nk].n = 0;
            nk++;
        }
        mk[nk - 1].n++;
        cand[i] = ke[i].id;
    }
    while (str.len % 8)
        sb_addc(&str, '\0');
    lm_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, LM_MAGIC, 8);
    h.nsyl = (uint32_t)nsyls;
    h.nkeys = (uint32_t)nk;
    h.nbig = (uint32_t)np;
    h.strbytes = (uint32_t)str.len;
    h.total = total_tokens;
    FILE *f = fopen(path, "wb");
    int bad = !f;
    if (f) {
        bad |= fwrite(&h, sizeof h, 1, f) != 1;
        bad |= fwrite(ms, sizeof *ms, nsyls, f) != nsyls;
        bad |= fwrite(mk, sizeof *mk, nk, f) != nk;
        bad |= fwrite(cand, sizeof *cand, nke, f) != nke;
        if (nke % 2)
            bad |= fwrite("\0\0\0\0", 4, 1, f) != 1; /* keep the bigrams 8-aligned */
        bad |= np && fwrite(mb, sizeof *mb, np, f) != np;
        bad |= fwrite(str.buf, 1, str.len, f) != str.len;
        bad |= fclose(f) != 0;
    }
    if (bad)
        pp_error("%s: cannot write the model", path);
    else
        pp_info("%s: %zu syllables, %zu keys, %zu bigrams, %llu tokens", path, nsyls, nk, np,
                (unsigned long long)total_tokens);
    free(ke);
    free(pairs);
    free(ms);
    free(mb);
    free(mk);
    free(cand);
    sb_free(&str);
    return bad ? PP_EXIT_FAILED : PP_OK;
}

int main(int argc, char **argv)
{
    pp_set_progname(argv[0]);
    const char *out = NULL;
    lb_intern("<s>");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "-o") || !strcmp(a, "-d") || !strcmp(a, "-W") || !strcmp(a, "-w")) && i + 1 >= argc) {
            pp_error("%s needs a file", a);
            return PP_EXIT_USAGE;
        }
        if (!strcmp(a, "-o")) {
            out = argv[++i];
        } else if (!strcmp(a, "-w")) {
            if (cli_parse_count(argv[++i], 100000, &lmbuild_weight))
                return PP_EXIT_USAGE;
        } else if (!strcmp(a, "-d")) {
            lb_read_dic(argv[++i]);
        } else {
            int w = !strcmp(a, "-W");
            const char *path = w ? argv[++i] : a;
            char *buf;
            size_t len;
            pp_err e;
            pp_err_clear(&e);
            if (fs_read_file(path, PP_MAX_TEXT_BYTES, &buf, &len, &e))
                return pp_report(&e);
            lb_count_text(buf, len, w ? (uint64_t)lmbuild_weight : 1);
            free(buf);
        }
    }
    if (!out) {
        pp_error("usage: lmbuild -o OUT.lm [-w WEIGHT] [-d DICT.dic]... [-W IN-DOMAIN.txt]... [TEXT]...");
        return PP_EXIT_USAGE;
    }
    int rc = lb_write(out);
    for (size_t i = 0; i < nsyls; i++)
        free(syls[i].s);
    free(syls);
    free(stab);
    free(ptab);
    return rc;
}
