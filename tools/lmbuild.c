/* lmbuild.c — builds the syllable language model file read by lm.c (layout in lm.h): a trigram model
 * with interpolated modified Kneser-Ney smoothing (Chen & Goodman 1998: three discounts per order from
 * the counts of counts, continuation counts for the lower orders), written in backoff form.
 *
 *   lmbuild -o OUT.lm [-w WEIGHT] [-d DICT.dic]... [-W IN-DOMAIN.txt]... [TEXT]...
 *   lmbuild --info MODEL.lm     prints the model's size: tokens counted, syllables, bigrams, trigrams
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

#include <math.h>
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

/* n-gram counts: one open-addressing table per order, keyed by the ids packed in 64 bits */
typedef struct lb_ent {
    uint64_t key; /* 0 empty (a bigram's left id and a trigram's middle id are never both 0 with c 0) */
    uint64_t count;
    uint64_t wmax; /* the largest weight it was counted with: what it counts as a type */
} lb_ent;

typedef struct lb_tab {
    lb_ent *v;
    size_t cap, n;
} lb_tab;

static lb_tab big, tri;
static uint64_t total_tokens;

#define LB_NONE UINT32_MAX
#define LB_KEY2(a, b) ((uint64_t)(a) << 32 | (b))
#define LB_KEY3(a, b, c) ((uint64_t)(a) << 42 | (uint64_t)(b) << 21 | (c))

static size_t lb_slot(const lb_tab *t, uint64_t key)
{
    size_t j = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (t->cap - 1);
    while (t->v[j].key && t->v[j].key != key)
        j = (j + 1) & (t->cap - 1);
    return j;
}

static void lb_add(lb_tab *t, uint64_t key, uint64_t w)
{
    if ((t->n + 1) * 2 >= t->cap) {
        lb_tab g = { xcalloc(t->cap ? t->cap * 2 : 1 << 16, sizeof(lb_ent)), t->cap ? t->cap * 2 : 1 << 16, t->n };
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i].key)
                g.v[lb_slot(&g, t->v[i].key)] = t->v[i];
        free(t->v);
        *t = g;
    }
    size_t j = lb_slot(t, key);
    if (!t->v[j].key) {
        t->v[j].key = key;
        t->n++;
    }
    t->v[j].count += w;
    if (t->v[j].wmax < w)
        t->v[j].wmax = w;
}

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
    return c == ' ' || c == '\t' || c == '-' || c == 0x2013 || c == ',';
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
    uint32_t p1 = 0, p2 = LB_NONE; /* the two syllables before; 0 is the sentence start */
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
                lb_add(&big, LB_KEY2(p1, id), w);
                if (p2 != LB_NONE)
                    lb_add(&tri, LB_KEY3(p2, p1, id), w);
                p2 = p1;
                p1 = id;
            } else {
                p1 = 0;
                p2 = LB_NONE;
            }
            wn = 0;
            toolong = 0;
        }
        if (!lb_keeps_context(c)) {
            p1 = 0;
            p2 = LB_NONE;
        }
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

static int lb_cmp_ent(const void *x, const void *y)
{
    const lb_ent *a = x, *b = y;
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

/* The table's entries sorted by key (so by left id, then right id). */
static lb_ent *lb_sorted(const lb_tab *t)
{
    lb_ent *v = xmalloc((t->n + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].key)
            v[k++] = t->v[i];
    qsort(v, k, sizeof *v, lb_cmp_ent);
    return v;
}

/* Modified Kneser-Ney discounts D[1], D[2], D[3] (for counts 1, 2, 3+) from the counts of counts. */
static void lb_discounts(const uint64_t *cnt, size_t n, double D[4])
{
    uint64_t nn[5] = { 0 };
    for (size_t i = 0; i < n; i++)
        if (cnt[i] >= 1 && cnt[i] <= 4)
            nn[cnt[i]]++;
    D[0] = 0;
    if (!nn[1] || !nn[2] || !nn[3] || !nn[4]) {
        D[1] = 0.5, D[2] = 1.0, D[3] = 1.5;
        return;
    }
    double Y = (double)nn[1] / ((double)nn[1] + 2.0 * (double)nn[2]);
    for (int k = 1; k <= 3; k++) {
        D[k] = k - (k + 1) * Y * (double)nn[k + 1] / (double)nn[k];
        if (D[k] < 0.05)
            D[k] = 0.05;
        if (D[k] > k)
            D[k] = k;
    }
}

static double lb_disc(const double D[4], uint64_t c) { return c == 0 ? 0 : c >= 3 ? D[3] : D[c]; }

static int32_t lb_score(double p)
{
    double l = log(p) * LM_SCALE;
    return l < -1e8 ? -100000000 : (int32_t)lround(l);
}

static size_t lb_find2(const lb_ent *v, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].key == key ? lo : SIZE_MAX;
}

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
        while (*p && n < sizeof cps / sizeof cps[0] && (k = utf8proc_iterate(p, -1, &c)) > 0) {
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

    /* counts: trigrams raw; bigrams by continuation (distinct left words), raw after the sentence
     * start; unigrams by continuation.  A type seen in in-domain text (-W) counts its weight, so the
     * in-domain text weighs in the lower orders as in the trigrams. */
    size_t n2 = big.n, n3 = tri.n;
    lb_ent *b2 = lb_sorted(&big), *t3 = lb_sorted(&tri);
    uint64_t *kn2 = xcalloc(n2 + 1, sizeof *kn2), *kn1 = xcalloc(nsyls, sizeof *kn1),
             *c3 = xmalloc((n3 + 1) * sizeof *c3);
    size_t *t3big = xmalloc((n3 + 1) * sizeof *t3big); /* trigram (a b c) -> bigram (b c) */
    for (size_t i = 0; i < n3; i++) {
        uint64_t k = t3[i].key;
        uint32_t b = (uint32_t)(k >> 21 & 0x1FFFFF), c = (uint32_t)(k & 0x1FFFFF);
        size_t j = lb_find2(b2, n2, LB_KEY2(b, c));
        t3big[i] = j;
        if (j != SIZE_MAX)
            kn2[j] += t3[i].wmax;
        c3[i] = t3[i].count;
    }
    for (size_t j = 0; j < n2; j++) {
        if ((b2[j].key >> 32) == 0 || kn2[j] == 0)
            kn2[j] = b2[j].count;
        kn1[(uint32_t)b2[j].key] += b2[j].wmax;
    }
    double D1[4], D2[4], D3[4];
    lb_discounts(kn1 + 1, nsyls - 1, D1);
    lb_discounts(kn2, n2, D2);
    lb_discounts(c3, n3, D3);
    pp_info("discounts: unigram %.3f %.3f %.3f, bigram %.3f %.3f %.3f, trigram %.3f %.3f %.3f", D1[1], D1[2],
            D1[3], D2[1], D2[2], D2[3], D3[1], D3[2], D3[3]);

    /* unigrams, interpolated with the uniform distribution over the vocabulary (dictionary syllables
     * never seen in text keep a small probability) */
    double T1 = 0, G1 = 0, V = (double)(nsyls - 1);
    for (size_t i = 1; i < nsyls; i++) {
        T1 += (double)kn1[i];
        G1 += lb_disc(D1, kn1[i]);
    }
    double *p1 = xmalloc(nsyls * sizeof *p1);
    p1[0] = 1.0 / (V + 1);
    for (size_t i = 1; i < nsyls; i++)
        p1[i] = T1 > 0 ? ((double)kn1[i] - lb_disc(D1, kn1[i]) + G1 / V) / T1 : 1.0 / V;

    /* bigrams: p(y | x) = (kn2 - D) / tot(x) + gamma(x) p(y) */
    lm_syl *ms = xcalloc(nsyls, sizeof *ms);
    lm_big *mb = xcalloc(n2 + 1, sizeof *mb);
    double *p2 = xmalloc((n2 + 1) * sizeof *p2);
    for (size_t j = 0; j < n2;) {
        uint32_t x = (uint32_t)(b2[j].key >> 32);
        size_t e = j;
        double tot = 0, g = 0;
        while (e < n2 && (uint32_t)(b2[e].key >> 32) == x) {
            tot += (double)kn2[e];
            g += lb_disc(D2, kn2[e]);
            e++;
        }
        g /= tot;
        ms[x].big_first = (uint32_t)j;
        ms[x].big_n = (uint32_t)(e - j);
        ms[x].bow = lb_score(g);
        for (size_t q = j; q < e; q++) {
            uint32_t y = (uint32_t)b2[q].key;
            p2[q] = ((double)kn2[q] - lb_disc(D2, kn2[q])) / tot + g * p1[y];
            mb[q].b = y;
            mb[q].lp = lb_score(p2[q]);
        }
        j = e;
    }
    /* trigrams: p(c | a b) = (c3 - D) / tot(a b) + gamma(a b) p(c | b) */
    lm_tri *mt = xmalloc((n3 + 1) * sizeof *mt);
    for (size_t i = 0; i < n3;) {
        uint64_t ctx = t3[i].key >> 21;
        size_t e = i;
        double tot = 0, g = 0;
        while (e < n3 && (t3[e].key >> 21) == ctx) {
            tot += (double)c3[e];
            g += lb_disc(D3, c3[e]);
            e++;
        }
        g /= tot;
        uint32_t a = (uint32_t)(ctx >> 21), b = (uint32_t)(ctx & 0x1FFFFF);
        size_t ab = lb_find2(b2, n2, LB_KEY2(a, b));
        if (ab != SIZE_MAX) {
            mb[ab].tri_first = (uint32_t)i;
            mb[ab].tri_n = (uint32_t)(e - i);
            mb[ab].bow = lb_score(g);
        }
        for (size_t q = i; q < e; q++) {
            double lower = t3big[q] != SIZE_MAX ? p2[t3big[q]] : p1[t3[q].key & 0x1FFFFF];
            mt[q].c = (uint32_t)(t3[q].key & 0x1FFFFF);
            mt[q].lp = lb_score(((double)c3[q] - lb_disc(D3, c3[q])) / tot + g * lower);
        }
        i = e;
    }

    strbuf str = STRBUF_INIT;
    sb_addc(&str, '\0');
    for (size_t i = 0; i < nsyls; i++) {
        ms[i].str = (uint32_t)str.len;
        sb_add(&str, syls[i].s, strlen(syls[i].s) + 1);
        ms[i].count = lb_clamp(syls[i].count);
        ms[i].uni = lb_score(p1[i]);
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
    h.nbig = (uint32_t)n2;
    h.ntri = (uint32_t)n3;
    h.strbytes = (uint32_t)str.len;
    h.total = total_tokens;
    FILE *f = fopen(path, "wb");
    int bad = !f;
    static const char zero[8];
#define LB_PUT(p, size, n)                                                                                      \
    do {                                                                                                        \
        size_t bytes_ = (size) * (n);                                                                           \
        bad |= bytes_ && fwrite((p), 1, bytes_, f) != bytes_;                                                    \
        bad |= (bytes_ % 8) && fwrite(zero, 1, 8 - bytes_ % 8, f) != 8 - bytes_ % 8;                             \
    } while (0)
    if (f) {
        bad |= fwrite(&h, sizeof h, 1, f) != 1;
        LB_PUT(ms, sizeof *ms, nsyls);
        LB_PUT(mk, sizeof *mk, nk);
        LB_PUT(cand, sizeof *cand, nke);
        LB_PUT(mb, sizeof *mb, n2);
        LB_PUT(mt, sizeof *mt, n3);
        bad |= fwrite(str.buf, 1, str.len, f) != str.len;
        bad |= fclose(f) != 0;
    }
#undef LB_PUT
    if (bad)
        pp_error("%s: cannot write the model", path);
    else
        pp_info("%s: %zu syllables, %zu keys, %zu bigrams, %zu trigrams, %llu tokens", path, nsyls, nk, n2, n3,
                (unsigned long long)total_tokens);
    free(ke);
    free(b2);
    free(t3);
    free(kn2);
    free(kn1);
    free(c3);
    free(t3big);
    free(p1);
    free(p2);
    free(ms);
    free(mb);
    free(mt);
    free(mk);
    free(cand);
    sb_free(&str);
    return bad ? PP_EXIT_FAILED : PP_OK;
}

static int lb_info(const char *path)
{
    lm_model *m;
    pp_err e;
    pp_err_clear(&e);
    if (lm_open(path, &m, &e))
        return pp_report(&e);
    uint64_t tokens;
    size_t nb, nt;
    lm_stats(m, &tokens, &nb, &nt);
    printf("%llu syllable tokens counted, %zu syllables, %zu bigrams, %zu trigrams (modified Kneser-Ney)\n",
           (unsigned long long)tokens, lm_size(m), nb, nt);
    lm_close(m);
    return PP_OK;
}

int main(int argc, char **argv)
{
    pp_set_progname(argv[0]);
    const char *out = NULL;
    if (argc == 3 && !strcmp(argv[1], "--info"))
        return lb_info(argv[2]);
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
    if (nsyls >= 1u << 21) {
        pp_error("more than %u syllables: the trigram keys hold 21 bits an id", 1u << 21);
        return PP_EXIT_FAILED;
    }
    int rc = lb_write(out);
    for (size_t i = 0; i < nsyls; i++)
        free(syls[i].s);
    free(syls);
    free(stab);
    free(big.v);
    free(tri.v);
    return rc;
}
