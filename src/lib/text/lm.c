/* text/lm.c (prefix lm_) — see lm.h.  Restoration is linear in the text: a chain of restorable words is
 * decoded with Viterbi (forward and backward max-product passes, so each word's confidence is its best path's
 * share among its candidates), and chains are cut at sentence punctuation and at words the model cannot
 * restore. */
#include "text/lm.h"
#include "text/fold.h"
#include "core/strbuf.h"
#include "text/viet.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

struct lm_model {
    void *map;
    size_t size;
    const lm_header *h;
    const lm_syl *syl;
    const lm_key *key;
    const uint32_t *cand;
    const lm_big *big;
    const char *str;
};

int lm_open(const char *path, lm_model **out, pp_err *e)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pp_err_set(e, errno == ENOENT ? PP_EXIT_ENV : PP_EXIT_INPUT,
                          "%s: cannot open the restoration model: %s (build it with make)", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(lm_header)) {
        close(fd);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: not a parplan language model (too short)", path);
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot map the model: %s", path, strerror(errno));
    const lm_header *h = map;
    size_t ncand = h->nsyl ? h->nsyl - 1 : 0;
    uint64_t need = sizeof *h + (uint64_t)h->nsyl * sizeof(lm_syl) + (uint64_t)h->nkeys * sizeof(lm_key) +
                    (uint64_t)ncand * 4 + (ncand % 2) * 4 + (uint64_t)h->nbig * sizeof(lm_big) + h->strbytes;
    if (memcmp(h->magic, LM_MAGIC, 8) != 0 || need != (uint64_t)st.st_size || h->nsyl == 0 ||
        h->strbytes == 0) {
        munmap(map, (size_t)st.st_size);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: not a parplan language model, or a damaged one", path);
    }
    lm_model *m = xcalloc(1, sizeof *m);
    m->map = map;
    m->size = (size_t)st.st_size;
    m->h = h;
    m->syl = (const lm_syl *)(h + 1);
    m->key = (const lm_key *)(m->syl + h->nsyl);
    m->cand = (const uint32_t *)(m->key + h->nkeys);
    m->big = (const lm_big *)(m->cand + ncand + ncand % 2);
    m->str = (const char *)(m->big + h->nbig);
    /* Offsets inside the file are checked once here so lookups can trust them. */
    int bad = m->str[h->strbytes - 1] != '\0';
    for (uint32_t i = 0; i < h->nsyl && !bad; i++)
        bad = m->syl[i].str >= h->strbytes || (uint64_t)m->syl[i].big_first + m->syl[i].big_n > h->nbig;
    for (uint32_t i = 0; i < h->nkeys && !bad; i++)
        bad = m->key[i].str >= h->strbytes || (uint64_t)m->key[i].first + m->key[i].n > ncand;
    for (size_t i = 0; i < ncand && !bad; i++)
        bad = m->cand[i] >= h->nsyl;
    if (bad) {
        lm_close(m);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: damaged language model (offsets out of range)", path);
    }
    *out = m;
    return PP_OK;
}

void lm_close(lm_model *m)
{
    if (!m)
        return;
    munmap(m->map, m->size);
    free(m);
}

size_t lm_size(const lm_model *m) { return m->h->nsyl - 1; }

static double lm_unigram(const lm_model *m, uint32_t b)
{
    return ((double)m->syl[b].count + 0.5) / ((double)m->h->total + 0.5 * m->h->nsyl);
}

double lm_logp(const lm_model *m, uint32_t a, uint32_t b)
{
    double pu = lm_unigram(m, b);
    const lm_syl *sa = &m->syl[a];
    if (sa->ctx_total == 0)
        return log(pu);
    const lm_big *lo = m->big + sa->big_first;
    size_t n = sa->big_n;
    uint32_t c = 0;
    while (n > 0) { /* binary search on the right id */
        size_t half = n / 2;
        if (lo[half].b < b) {
            lo += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    if (lo < m->big + sa->big_first + sa->big_n && lo->b == b)
        c = lo->count;
    double t = sa->ctx_types;
    return log(((double)c + t * pu) / ((double)sa->ctx_total + t));
}

static const lm_key *lm_key_find(const lm_model *m, const char *k)
{
    size_t lo = 0, hi = m->h->nkeys;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(m->str + m->key[mid].str, k);
        if (c == 0)
            return &m->key[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int lm_parse_utf8(const char *s, size_t n, viet_syl *syl)
{
    int32_t cps[4 * VIET_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (l < 0 || k == sizeof cps / sizeof cps[0])
            return -1;
        cps[k++] = c;
        i += (size_t)l;
    }
    return viet_parse(cps, k, syl);
}

uint32_t lm_find(const lm_model *m, const char *syl)
{
    viet_syl s;
    char key[VIET_MAX + 1];
    if (lm_parse_utf8(syl, strlen(syl), &s) != 0)
        return 0;
    viet_fold(&s, key);
    const lm_key *k = lm_key_find(m, key);
    for (uint32_t i = 0; k && i < k->n; i++)
        if (!strcmp(m->str + m->syl[m->cand[k->first + i]].str, syl))
            return m->cand[k->first + i];
    return 0;
}

/* ---- candidates ---------------------------------------------------------------------------------- */

/* OCR confusions of the English model on Vietnamese, in folded key space: what the OCR wrote -> what the
 * letters were, with a cost in log units (the language model has to gain that much to accept the edit);
 * at most two per word. */
static const struct { const char *from, *to; float cost; } lm_edits[] = {
    /* é, 6, d stand for a marked vowel: cheap */
    { "e", "a", 1.5f }, { "e", "o", 1.5f }, { "d", "o", 2.0f }, { "d", "a", 2.0f }, { "6", "o", 1.0f },
    { "4", "a", 1.5f }, { "0", "o", 1.5f }, { "1", "l", 1.0f },
    /* ư, ơ, ũ read as letter pairs or other letters */
    { "ii", "u", 2.0f }, { "ir", "u", 2.0f }, { "ti", "u", 2.0f }, { "tu", "u", 2.5f }, { "t", "u", 2.5f },
    { "w", "u", 2.0f }, { "w", "uo", 2.0f }, { "wg", "uo", 2.0f }, { "y", "u", 2.0f }, { "g", "o", 2.5f },
    { "ud", "uo", 2.0f }, { "i", "a", 2.5f }, { "i", "u", 2.5f }, { "q", "o", 2.0f }, { "o", "u", 3.0f },
    { "u", "o", 3.0f }, { "c", "e", 3.0f },
    /* shapes */
    { "rn", "m", 2.0f }, { "cl", "d", 2.5f }, { "b", "h", 3.0f }, { "h", "b", 3.0f }, { "i", "l", 2.5f },
    { "l", "i", 3.0f }, { "n", "u", 3.0f }, { "u", "n", 3.0f },
    /* stray letters inside a word (never the first: "vin" is not "in") */
    { "v", "", 2.5f }, { "t", "", 2.5f },
};
#define LM_MAX_CAND 64 /* gathered */
#define LM_KEEP_CAND 8 /* kept for decoding, by unigram and channel score */

typedef struct lm_cand {
    uint32_t id;
    float chan;  /* channel log score */
    float prior; /* chan + log unigram, for pruning */
} lm_cand;

typedef struct lm_cands {
    lm_cand v[LM_MAX_CAND];
    int n;
} lm_cands;

static void lm_add_key(const lm_model *m, const char *key, float cost, lm_cands *out)
{
    const lm_key *k = lm_key_find(m, key);
    for (uint32_t i = 0; k && i < k->n; i++) {
        uint32_t id = m->cand[k->first + i];
        int j;
        for (j = 0; j < out->n; j++)
            if (out->v[j].id == id)
                break;
        if (j < out->n) {
            if (out->v[j].chan < -cost)
                out->v[j].chan = -cost;
            continue;
        }
        if (out->n == LM_MAX_CAND)
            return;
        out->v[out->n].id = id;
        out->v[out->n].chan = -cost;
        out->n++;
    }
}

static void lm_edit_keys(const lm_model *m, const char *key, int depth, float cost, lm_cands *out)
{
    size_t n = strlen(key);
    for (size_t e = 0; e < sizeof lm_edits / sizeof lm_edits[0]; e++) {
        size_t fl = strlen(lm_edits[e].from), tl = strlen(lm_edits[e].to);
        for (size_t i = 0; i + fl <= n; i++) {
            if (memcmp(key + i, lm_edits[e].from, fl) != 0 || (tl == 0 && i == 0))
                continue;
            char buf[32];
            if (n - fl + tl >= sizeof buf)
                continue;
            memcpy(buf, key, i);
            memcpy(buf + i, lm_edits[e].to, tl);
            memcpy(buf + i + tl, key + i + fl, n - i - fl + 1);
            if (buf[0] == '\0')
                continue;
            lm_add_key(m, buf, cost + lm_edits[e].cost, out);
            if (depth > 1 && n >= 4)
                lm_edit_keys(m, buf, depth - 1, cost + lm_edits[e].cost, out);
        }
    }
}

/* How a candidate agrees with the marks the input word already has. */
static float lm_channel(const viet_syl *in, int in_ok, const viet_syl *c, int ocr)
{
    if (!in_ok)
        return 0;
    int marked = in->tone != 0;
    for (int i = 0; i < in->n; i++)
        if (in->ch[i] > 0x7f)
            marked = 1;
    if (!marked)
        return 0; /* no diacritics at all: every candidate is as likely */
    float pen = 0, miss = ocr ? 1.0f : 4.0f;
    if (in->n == c->n) {
        for (int i = 0; i < in->n; i++) {
            if (in->ch[i] > 0x7f && in->ch[i] != c->ch[i])
                pen += miss;
            else if (!ocr && in->ch[i] < 0x80 && c->ch[i] > 0x7f)
                pen += 1.0f;
        }
    } else {
        pen += miss;
    }
    if (in->tone != c->tone)
        pen += (in->tone == 0 && ocr) ? 0.0f : miss;
    return -pen;
}

static int lm_cand_cmp(const void *x, const void *y)
{
    const lm_cand *a = x, *b = y;
    return a->prior > b->prior ? -1 : a->prior < b->prior;
}

/* Keeps the LM_KEEP_CAND candidates with the best unigram + channel score: decoding is quadratic in
 * the candidates per word, and edit keys bring many rare ones. */
static void lm_prune(const lm_model *m, lm_cands *c)
{
    if (c->n <= LM_KEEP_CAND)
        return;
    for (int i = 0; i < c->n; i++)
        c->v[i].prior = c->v[i].chan + (float)log(lm_unigram(m, c->v[i].id));
    qsort(c->v, (size_t)c->n, sizeof c->v[0], lm_cand_cmp);
    c->n = LM_KEEP_CAND;
}

/* ---- restoring ----------------------------------------------------------------------------------- */

typedef struct lm_tok {
    size_t off, len; /* in the input */
    lm_cands c;
    unsigned upper;  /* case pattern: LM_CASE_* */
    int best;
    float conf;
} lm_tok;

enum { LM_CASE_LOWER = 0, LM_CASE_TITLE = 1, LM_CASE_UPPER = 2 };

static int lm_is_wordch(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1 : (c >= '0' && c <= '9');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME) || c == 0x00A2 || c == 0x20AC;
}

/* Sentence punctuation and line breaks cut the chain; spaces and hyphens keep it.  In OCR text only a
 * blank line cuts it: OCR'd lines end mid-sentence. */
static int lm_keeps_context(const char *s, size_t a, size_t b, int ocr)
{
    int newlines = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == '\n')
            newlines++;
        else if (s[i] != ' ' && s[i] != '-' && s[i] != '\t' && s[i] != '\r')
            return 0;
    }
    return newlines < (ocr ? 2 : 1);
}

/* Upper-case words of up to five letters without a vowel are acronyms (UBND, CCHC, NC, SCT): never
 * edited into syllables. */
static int lm_is_acronym(const char *s, size_t n)
{
    if (n > 5)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z' || strchr("AEIOUY", s[i]))
            return 0;
    return 1;
}

static void lm_decode_chain(const lm_model *m, lm_tok *t, size_t n)
{
    if (n == 0)
        return;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += (size_t)t[i].c.n;
    float *fw = xmalloc(total * sizeof *fw), *bw = xmalloc(total * sizeof *bw);
    size_t *base = xmalloc(n * sizeof *base);
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        base[i] = off;
        off += (size_t)t[i].c.n;
    }
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < t[i].c.n; k++) {
            float best = -INFINITY;
            uint32_t b = t[i].c.v[k].id;
            if (i == 0)
                best = (float)lm_logp(m, 0, b);
            else
                for (int j = 0; j < t[i - 1].c.n; j++) {
                    float s = fw[base[i - 1] + (size_t)j] + (float)lm_logp(m, t[i - 1].c.v[j].id, b);
                    if (s > best)
                        best = s;
                }
            fw[base[i] + (size_t)k] = best + t[i].c.v[k].chan;
        }
    for (size_t i = n; i-- > 0;)
        for (int k = 0; k < t[i].c.n; k++) {
            float best = 0;
            if (i + 1 < n) {
                best = -INFINITY;
                for (int j = 0; j < t[i + 1].c.n; j++) {
                    float s = bw[base[i + 1] + (size_t)j] + t[i + 1].c.v[j].chan +
                              (float)lm_logp(m, t[i].c.v[k].id, t[i + 1].c.v[j].id);
                    if (s > best)
                        best = s;
                }
            }
            bw[base[i] + (size_t)k] = best;
        }
    /* The best path through each candidate is fw + bw; the arg max per position is the Viterbi path. */
    for (size_t i = 0; i < n; i++) {
        float top = -INFINITY, sum = 0;
        int arg = 0;
        for (int k = 0; k < t[i].c.n; k++) {
            float s = fw[base[i] + (size_t)k] + bw[base[i] + (size_t)k];
            if (s > top) {
                top = s;
                arg = k;
            }
        }
        for (int k = 0; k < t[i].c.n; k++)
            sum += expf(fw[base[i] + (size_t)k] + bw[base[i] + (size_t)k] - top);
        t[i].best = arg;
        t[i].conf = 1.0f / sum;
    }
    free(fw);
    free(bw);
    free(base);
}

char *lm_restore(const lm_model *m, const char *s, size_t n, int flags, int style, size_t *outlen,
                 lm_word **words, size_t *nwords)
{
    int ocr = flags & LM_OCR;
    lm_tok *tok = NULL;
    size_t ntok = 0, cap = 0;
    size_t chain = 0; /* first token of the current chain */
    size_t prev_end = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (k < 0) {
            free(tok);
            return NULL;
        }
        if (!lm_is_wordch(c)) {
            i += (size_t)k;
            continue;
        }
        size_t a = i;
        while (i < n && (k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c)) > 0 && lm_is_wordch(c))
            i += (size_t)k;
        PP_GROW(tok, ntok + 1, cap, 256);
        lm_tok *t = &tok[ntok];
        memset(t, 0, sizeof *t);
        t->off = a;
        t->len = i - a;
        char *key = fold_dup(s + a, i - a, ocr ? FOLD_OCR : FOLD_PLAIN);
        viet_syl in;
        int in_ok = lm_parse_utf8(s + a, i - a, &in) == 0;
        if (key && strlen(key) <= 2 * VIET_MAX) {
            lm_add_key(m, key, 0, &t->c);
            if (ocr && !lm_is_acronym(s + a, i - a))
                lm_edit_keys(m, key, t->c.n == 0 || !in_ok ? 2 : 1, 0, &t->c);
        }
        free(key);
        int up = 0, letters = 0, first_up = 0;
        for (size_t j = a; j < i;) {
            utf8proc_int32_t cc;
            utf8proc_ssize_t l = utf8proc_iterate(u + j, (utf8proc_ssize_t)(i - j), &cc);
            if (l < 0)
                break;
            if (utf8proc_category(cc) <= UTF8PROC_CATEGORY_LO && utf8proc_category(cc) >= UTF8PROC_CATEGORY_LU) {
                int isup = utf8proc_isupper(cc);
                if (letters == 0)
                    first_up = isup;
                up += isup;
                letters++;
            }
            j += (size_t)l;
        }
        t->upper = (letters >= 2 && up == letters) ? LM_CASE_UPPER : first_up ? LM_CASE_TITLE : LM_CASE_LOWER;
        for (int j = 0; j < t->c.n; j++) {
            viet_syl cs;
            lm_parse_utf8(m->str + m->syl[t->c.v[j].id].str, strlen(m->str + m->syl[t->c.v[j].id].str), &cs);
            t->c.v[j].chan += lm_channel(&in, in_ok, &cs, ocr);
        }
        lm_prune(m, &t->c);
        /* a word with no candidate, or punctuation between, ends the chain */
        if (t->c.n == 0 || (ntok > chain && !lm_keeps_context(s, prev_end, a, ocr))) {
            lm_decode_chain(m, tok + chain, ntok - chain);
            chain = ntok;
        }
        prev_end = i;
        ntok++;
        if (t->c.n == 0) {
            t->best = -1;
            chain = ntok;
        }
    }
    lm_decode_chain(m, tok + chain, ntok - chain);
    /* write the text back with the chosen syllables */
    strbuf out = STRBUF_INIT;
    sb_grow(&out, n + n / 4);
    lm_word *w = words ? xcalloc(ntok + 1, sizeof *w) : NULL;
    size_t nw = 0, at = 0;
    for (size_t i = 0; i < ntok; i++) {
        lm_tok *t = &tok[i];
        sb_add(&out, s + at, t->off - at);
        at = t->off + t->len;
        if (t->best < 0 || t->c.n == 0) {
            sb_add(&out, s + t->off, t->len);
            continue;
        }
        viet_syl syl;
        const char *str = m->str + m->syl[t->c.v[t->best].id].str;
        lm_parse_utf8(str, strlen(str), &syl);
        syl.upper = t->upper == LM_CASE_UPPER ? (1u << syl.n) - 1 : t->upper == LM_CASE_TITLE ? 1u : 0u;
        char buf[8 * VIET_MAX + 1];
        size_t bl = viet_render(&syl, style, buf);
        if (w) {
            w[nw].off = out.len;
            w[nw].len = bl;
            w[nw].conf = t->conf;
            w[nw].changed = bl != t->len || memcmp(buf, s + t->off, bl) != 0;
            nw++;
        }
        sb_add(&out, buf, bl);
    }
    sb_add(&out, s + at, n - at);
    free(tok);
    if (words) {
        *words = w;
        *nwords = nw;
    }
    return sb_detach(&out, outlen);
}
