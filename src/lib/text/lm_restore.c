/* text/lm_restore.c (prefix lm_) — lm_restore (see lm.h): candidates per word, then a beam Viterbi over
 * the trigram model.  Restoration is linear in the text: a chain of restorable words (cut at sentence
 * punctuation and at words the model cannot restore) is decoded with states (previous candidate,
 * candidate), integer scores, at most LM_BEAM states a word within LM_BEAM_WIDTH of the best; the
 * arrays grow with the text, nothing is allocated per word.  A word's confidence is its candidate's
 * share among the best paths through each candidate one word later (one word of right context). */
#include "text/lm.h"
#include "text/lm_model.h"
#include "text/fold.h"
#include "core/strbuf.h"
#include "text/viet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- candidates ---------------------------------------------------------------------------------- */

/* OCR confusions of the English model on Vietnamese, in folded key space: what the OCR wrote -> what the
 * letters were, with a cost in log units (the language model has to gain that much to accept the edit);
 * at most two per word. */
#define E(f, t, c) { f, t, c, sizeof f - 1, sizeof t - 1 }
static const struct { const char *from, *to; float cost; unsigned char fl, tl; } lm_edits[] = {
    /* é, 6, d stand for a marked vowel: cheap */
    E("e", "a", 1.5f), E("e", "o", 1.5f), E("d", "o", 2.0f), E("d", "a", 2.0f), E("6", "o", 1.0f),
    E("4", "a", 1.5f), E("0", "o", 1.5f), E("1", "l", 1.0f),
    /* ư, ơ, ũ read as letter pairs or other letters */
    E("ii", "u", 2.0f), E("ir", "u", 2.0f), E("ti", "u", 2.0f), E("tu", "u", 2.5f), E("t", "u", 2.5f),
    E("w", "u", 2.0f), E("w", "uo", 2.0f), E("wg", "uo", 2.0f), E("y", "u", 2.0f), E("g", "o", 2.5f),
    E("ud", "uo", 2.0f), E("i", "a", 2.5f), E("i", "u", 2.5f), E("q", "o", 2.0f), E("o", "u", 3.0f),
    E("u", "o", 3.0f), E("c", "e", 3.0f),
    /* shapes */
    E("rn", "m", 2.0f), E("cl", "d", 2.5f), E("b", "h", 3.0f), E("h", "b", 3.0f), E("i", "l", 2.5f),
    E("l", "i", 3.0f), E("n", "u", 3.0f), E("u", "n", 3.0f),
    /* stray letters inside a word (never the first: "vin" is not "in") */
    E("v", "", 2.5f), E("t", "", 2.5f),
};
#undef E
#define LM_MAX_CAND 64       /* gathered */
#define LM_KEEP_CAND 8       /* kept for decoding, by unigram and channel score */
/* Overridable (-DLM_BEAM=...) for experiments.  Measured: 8 nats of width instead of 12 saves 19 % of
 * the typed instructions and scores the same on the evaluation (+3 words of 21,552), but it changes words
 * both ways on the seeds (sự -> sử, tuyên -> tuyển; của, đầu tư, kỷ cương right): kept at 12 for identical
 * output; a beam of 12 states changes 27 lines for 3 % fewer instructions. */
#ifndef LM_BEAM
#define LM_BEAM 16           /* states kept a word */
#endif
#ifndef LM_BEAM_WIDTH
#define LM_BEAM_WIDTH 12000  /* and only those within 12 nats of the best */
#endif
#define LM_NEG (INT32_MIN / 4)

typedef struct lm_cand {
    uint32_t id;
    int32_t chan;  /* channel log score */
    int32_t prior; /* chan + log unigram, for pruning */
} lm_cand;

typedef struct lm_cands {
    lm_cand v[LM_MAX_CAND];
    int n;
} lm_cands;

static void lm_add_key(const lm_model *m, const char *key, float cost, lm_cands *out)
{
    uint32_t nk;
    const uint32_t *ids = lm_key_cands(m, key, &nk);
    int32_t chan = -(int32_t)(cost * LM_SCALE);
    for (uint32_t i = 0; i < nk; i++) {
        int j;
        for (j = 0; j < out->n; j++)
            if (out->v[j].id == ids[i])
                break;
        if (j < out->n) {
            if (out->v[j].chan < chan)
                out->v[j].chan = chan;
            continue;
        }
        if (out->n == LM_MAX_CAND)
            return;
        out->v[out->n].id = ids[i];
        out->v[out->n].chan = chan;
        out->n++;
    }
}

static void lm_edit_keys(const lm_model *m, const char *key, int depth, float cost, lm_cands *out)
{
    size_t n = strlen(key);
    for (size_t e = 0; e < sizeof lm_edits / sizeof lm_edits[0]; e++) {
        size_t fl = lm_edits[e].fl, tl = lm_edits[e].tl;
        const char *from = lm_edits[e].from;
        for (size_t i = tl == 0; i + fl <= n; i++) {
            if (key[i] != from[0] || (fl > 1 && memcmp(key + i + 1, from + 1, fl - 1) != 0))
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

/* How a candidate agrees with the marks the input word already has (the input has some). */
static float lm_channel(const viet_syl *in, const viet_syl *c, int ocr)
{
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

/* Keeps the LM_KEEP_CAND candidates with the best unigram + channel score (insertion sort: few). */
static void lm_prune(const lm_model *m, lm_cands *c)
{
    if (c->n <= LM_KEEP_CAND)
        return;
    const lm_syl *sy = lm_syls(m);
    for (int i = 0; i < c->n; i++)
        c->v[i].prior = c->v[i].chan + sy[c->v[i].id].uni;
    for (int i = 1; i < c->n; i++) {
        lm_cand x = c->v[i];
        int j = i;
        while (j > 0 && c->v[j - 1].prior < x.prior) {
            c->v[j] = c->v[j - 1];
            j--;
        }
        c->v[j] = x;
    }
    c->n = LM_KEEP_CAND;
}

/* ---- restoring ----------------------------------------------------------------------------------- */

typedef struct lm_tok {
    size_t off, len; /* in the input */
    uint32_t id[LM_KEEP_CAND];
    int32_t chan[LM_KEEP_CAND];
    int n;           /* candidates; 0: left as it is */
    int keep;        /* LM_VIE: id[0] is the word as written */
    int best;
    unsigned upper;  /* LM_CASE_* */
    float conf;
} lm_tok;

typedef struct lm_state {
    uint32_t a;  /* syllable id before this word's candidate (0: sentence start) */
    int k;       /* candidate of this word; -1 for the start state */
    int32_t score;
    int32_t back; /* index of the previous state, -1 at the start */
} lm_state;

typedef struct lm_dec {
    lm_state *st;
    size_t nst, cap;
    size_t *first; /* first state of each position of the chain (+1 for the end) */
    size_t capf;
} lm_dec;

static float lm_share(int32_t best, const int32_t *v, int n)
{
    float sum = 0;
    for (int i = 0; i < n; i++)
        if (v[i] > LM_NEG)
            sum += expf((float)(v[i] - best) / (float)LM_SCALE);
    return sum > 0 ? 1.0f / sum : 1.0f;
}

static void lm_decode_chain(const lm_model *m, lm_tok *t, size_t n, lm_dec *d, int conf)
{
    if (n == 0)
        return;
    PP_GROW(d->first, n + 2, d->capf, 256);
    d->nst = 0;
    PP_GROW(d->st, 1, d->cap, 1024);
    d->st[0] = (lm_state){ .a = UINT32_MAX, .k = -1, .score = 0, .back = -1 };
    d->nst = 1;
    d->first[0] = 0; /* position 0 is the start state, position i + 1 the states of word i */
    d->first[1] = 1;
    /* flat (j, k) grids, row j of the previous word's candidate, stride cn */
    int32_t tab[LM_KEEP_CAND * LM_KEEP_CAND], back[LM_KEEP_CAND * LM_KEEP_CAND], lp2[LM_KEEP_CAND * LM_KEEP_CAND];
    for (size_t i = 0; i < n; i++) {
        const lm_tok *cur = &t[i], *prev = i ? &t[i - 1] : NULL;
        const int pn = prev ? prev->n : 1, cn = cur->n, g = pn * cn;
        for (int x = 0; x < g; x++) {
            tab[x] = LM_NEG;
            lp2[x] = LM_NEG;
        }
        int32_t top = LM_NEG;
        for (size_t s = d->first[i]; s < d->first[i + 1]; s++) {
            const lm_state st = d->st[s];
            int j = st.k < 0 ? 0 : st.k;
            uint32_t b = st.k < 0 ? 0 : prev->id[st.k];
            const lm_big *ab = st.a == UINT32_MAX ? NULL : lm_model_big(m, st.a, b);
            int32_t *trow = tab + j * cn, *brow = back + j * cn, *lrow = lp2 + j * cn;
            for (int k = 0; k < cn; k++) {
                const lm_tri *abc = ab ? lm_model_tri(m, ab, cur->id[k]) : NULL;
                int32_t lp;
                if (abc) {
                    lp = abc->lp;
                } else {
                    if (lrow[k] == LM_NEG)
                        lrow[k] = lm_model_score2(m, b, cur->id[k]);
                    lp = (ab ? ab->bow : 0) + lrow[k];
                }
                int32_t sc = st.score + lp + cur->chan[k];
                if (sc > trow[k]) {
                    trow[k] = sc;
                    brow[k] = (int32_t)s;
                    if (sc > top)
                        top = sc;
                }
            }
        }
        /* the new states, best first, pruned: the LM_BEAM best within LM_BEAM_WIDTH of the best, ties in
         * (j, k) order (what the stable sort they replace kept; qsort was 17 % of the instructions) */
        PP_GROW(d->st, d->nst + LM_BEAM, d->cap, 1024);
        lm_state *o = d->st + d->nst;
        int keep = 0;
        const int32_t cut = top - LM_BEAM_WIDTH;
        for (int x = 0; x < g; x++) {
            int32_t sc = tab[x];
            if (sc <= LM_NEG || sc < cut || (keep == LM_BEAM && sc <= o[keep - 1].score))
                continue;
            int at = keep < LM_BEAM ? keep++ : keep - 1;
            while (at > 0 && o[at - 1].score < sc) {
                o[at] = o[at - 1];
                at--;
            }
            o[at] = (lm_state){ .a = prev ? prev->id[x / cn] : 0, .k = x % cn, .score = sc, .back = back[x] };
        }
        for (int s = 0; s < keep; s++)
            o[s].score -= top; /* scores stay small whatever the chain's length */
        d->nst += (size_t)keep;
        d->first[i + 2] = d->nst;
    }
    /* the best final state, then back */
    size_t best = d->first[n];
    for (size_t s = d->first[n]; s < d->first[n + 1]; s++)
        if (d->st[s].score > d->st[best].score)
            best = s;
    for (size_t i = n, s = best; i-- > 0;) {
        t[i].best = d->st[s].k;
        s = (size_t)d->st[s].back;
    }
    /* confidence: the best score through each candidate of word i among the states of word i + 1 (they
     * remember it through back), or of word i itself for the last word; not when no one reads it */
    for (size_t i = 0; i < n && conf; i++) {
        int32_t by[LM_KEEP_CAND];
        for (int k = 0; k < t[i].n; k++)
            by[k] = LM_NEG;
        int next = i + 1 < n;
        for (size_t s = d->first[i + 1 + (size_t)next]; s < d->first[i + 2 + (size_t)next]; s++) {
            int k = next ? d->st[d->st[s].back].k : d->st[s].k;
            if (d->st[s].score > by[k])
                by[k] = d->st[s].score;
        }
        t[i].conf = by[t[i].best] > LM_NEG ? lm_share(by[t[i].best], by, t[i].n) : 0.0f;
    }
}

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
        else if (s[i] != ' ' && s[i] != '-' && s[i] != '\t' && s[i] != '\r' && s[i] != ',')
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

/* The candidates of an ASCII word depend only on its folded key (and, in OCR mode, on whether it is an
 * acronym), those of any other word on its bytes: the first occurrence gathers them (key lookups, OCR
 * edits, the channel score against marks it has, pruning), later ones copy them from this table, which lives for one lm_restore call (open addressing, grown by doubling; nothing is
 * allocated per word).  Gathering the edits of every word again was 62 % of the instructions in OCR mode. */
#define LM_CKEY 48 /* bytes of a word kept in the table, NUL included */
typedef struct lm_centry {
    char key[LM_CKEY];   /* the folded key of an ASCII word, else the word */
    unsigned char flags; /* 0 empty, else 1 | (ocr << 1) | (acronym << 2) for a folded key, 8 | (ocr << 1) */
    unsigned char n, keep;
    uint32_t id[LM_KEEP_CAND];
    int32_t chan[LM_KEEP_CAND];
} lm_centry;

typedef struct lm_ccache {
    lm_centry *e;
    size_t cap, n;
} lm_ccache;

static uint32_t lm_ckey_hash(const char *k, unsigned flags)
{
    uint32_t h = 2166136261u ^ flags;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

static lm_centry *lm_ccache_slot(lm_ccache *c, const char *key, unsigned flags)
{
    size_t at = lm_ckey_hash(key, flags) & (c->cap - 1);
    while (c->e[at].flags && (c->e[at].flags != flags || strcmp(c->e[at].key, key) != 0))
        at = (at + 1) & (c->cap - 1);
    return &c->e[at];
}

/* Where key goes (a filled entry when it is known), the table grown first when half full. */
static lm_centry *lm_ccache_find(lm_ccache *c, const char *key, unsigned flags)
{
    if (2 * (c->n + 1) > c->cap) {
        lm_ccache old = *c;
        c->cap = old.cap ? 2 * old.cap : 1024;
        c->e = xcalloc(c->cap, sizeof *c->e);
        for (size_t i = 0; i < old.cap; i++)
            if (old.e[i].flags)
                *lm_ccache_slot(c, old.e[i].key, old.e[i].flags) = old.e[i];
        free(old.e);
    }
    return lm_ccache_slot(c, key, flags);
}

/* The candidates cached for key[0..n) by the path `flags` names, copied into t: 1 when they were
 * cached; else 0, with *slot the entry to fill once they are gathered (NULL when the key cannot be kept:
 * too long, or holding a NUL). */
static int lm_ccache_take(lm_ccache *c, const char *key, size_t n, unsigned flags, lm_tok *t, lm_centry **slot)
{
    *slot = NULL;
    if (n >= LM_CKEY || memchr(key, '\0', n))
        return 0;
    char k[LM_CKEY];
    memcpy(k, key, n);
    k[n] = '\0';
    lm_centry *ce = lm_ccache_find(c, k, flags);
    if (ce->flags) {
        t->n = ce->n;
        t->keep = ce->keep;
        memcpy(t->id, ce->id, (size_t)t->n * sizeof t->id[0]);
        memcpy(t->chan, ce->chan, (size_t)t->n * sizeof t->chan[0]);
        return 1;
    }
    memcpy(ce->key, k, n + 1);
    ce->flags = (unsigned char)flags;
    c->n++;
    *slot = ce;
    return 0;
}

/* ---- the Vietnamese model's own losses (LM_VIE) --------------------------------------------------- */

/* Overridable (-DLM_VIE_PRIOR=... -DLM_VIE_CONF=...) for experiments.  Measured with tools/vie-eval.sh
 * (a model without a fifth of rules/corpus; that fifth corrupted at 5 %, four seeds), chosen on half A,
 * reported on half B: prior 1, 2, 3, 4, 6 nats x share 0.5, 0.8, 0.9.  A: 1 nat/0.5 changes 355 words
 * for 300 right (precision 84.5 %, 52 changes on the clean text); 3/0.8: 98.0 %, recall 92.9 %, 4 on
 * clean text; 4/0.9 (taken): 99.6 %, recall 89.7 %, none on clean text; 6/0.9: 99.6 %, 84.9 %.  B at
 * 4/0.9: precision 100 %, recall 88.4 %, none on clean text. */
#ifndef LM_VIE_PRIOR
#define LM_VIE_PRIOR 4000 /* a change costs 4 nats: the trigram model must gain that much */
#endif
#ifndef LM_VIE_CONF
#define LM_VIE_CONF 0.90f /* and the changed word's share among its candidates must reach this */
#endif

static int lm_vie_marked(int32_t c)
{
    return c == 0xE2 || c == 0x103 || c == 0xEA || c == 0xF4 || c == 0x1A1 || c == 0x1B0; /* â ă ê ô ơ ư */
}

/* How candidate c differs from the word as read: 0 the same, 1 one loss the vie model makes (a tone
 * dropped over a marked vowel: sô for số; ế read é: Quyét for Quyết), -1 anything else. */
static int lm_vie_relation(const viet_syl *in, const viet_syl *c)
{
    if (in->n != c->n)
        return -1;
    int eswap = 0;
    for (int i = 0; i < in->n; i++) {
        if (in->ch[i] == c->ch[i])
            continue;
        if (in->ch[i] != 'e' || c->ch[i] != 0xEA)
            return -1;
        eswap++;
    }
    if (eswap)
        return in->tone != 0 && in->tone == c->tone ? 1 : -1;
    if (in->tone == c->tone)
        return 0;
    if (in->tone != 0)
        return -1;
    for (int i = 0; i < in->n; i++)
        if (lm_vie_marked(in->ch[i]))
            return 1;
    return -1;
}

/* LM_VIE candidates of the word s[0..n): itself (channel 0) when the model knows it, first, then the
 * syllables one vie loss away (channel -LM_VIE_PRIOR), most frequent first.  Cached by the word's bytes. */
static void lm_vie_cands(const lm_model *m, const char *s, size_t n, lm_tok *t, lm_ccache *cache)
{
    t->n = 0;
    t->keep = 0;
    int letters = 0, up = 0, first_up = 0;
    for (size_t j = 0; j < n;) {
        utf8proc_int32_t cc;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &cc);
        if (l < 0)
            return;
        if (cc < 0x80 ? !(((cc | 0x20) >= 'a' && (cc | 0x20) <= 'z')) : !lm_is_wordch(cc))
            return; /* digits: a number or a code, never a syllable */
        int isup = utf8proc_isupper(cc);
        if (letters == 0)
            first_up = isup;
        up += isup;
        letters++;
        j += (size_t)l;
    }
    t->upper = (letters >= 2 && up == letters) ? LM_CASE_UPPER : first_up ? LM_CASE_TITLE : LM_CASE_LOWER;
    lm_centry *ce;
    if (lm_ccache_take(cache, s, n, 16u, t, &ce))
        return;
    viet_syl in;
    char key[VIET_MAX + 1];
    uint32_t nk = 0;
    const uint32_t *ids = NULL;
    if (lm_parse_utf8(s, n, &in) == 0 && in.n <= VIET_MAX) {
        viet_fold(&in, key);
        ids = lm_key_cands(m, key, &nk);
    }
    for (uint32_t i = 0; i < nk; i++) {
        viet_syl cs;
        const char *str = lm_str(m, ids[i]);
        if (lm_parse_utf8(str, strlen(str), &cs) != 0)
            continue;
        int rel = lm_vie_relation(&in, &cs);
        if (rel == 0 && !t->keep) { /* the word as read goes first */
            memmove(t->id + 1, t->id, (size_t)t->n * sizeof t->id[0]);
            memmove(t->chan + 1, t->chan, (size_t)t->n * sizeof t->chan[0]);
            t->id[0] = ids[i];
            t->chan[0] = 0;
            t->keep = 1;
            t->n = t->n < LM_KEEP_CAND ? t->n + 1 : LM_KEEP_CAND;
        } else if (rel == 1 && t->n < LM_KEEP_CAND - !t->keep) {
            t->id[t->n] = ids[i];
            t->chan[t->n] = -LM_VIE_PRIOR;
            t->n++;
        }
    }
    if (ce) {
        ce->n = (unsigned char)t->n;
        ce->keep = (unsigned char)t->keep;
        memcpy(ce->id, t->id, (size_t)t->n * sizeof t->id[0]);
        memcpy(ce->chan, t->chan, (size_t)t->n * sizeof t->chan[0]);
    }
}

/* The candidates and case of the word s[0..n) into t. */
static void lm_word_cands(const lm_model *m, const char *s, size_t n, int ocr, lm_tok *t, lm_ccache *cache)
{
    lm_centry *ce = NULL;
    lm_cands c;
    c.n = 0;
    t->keep = 0;
    /* a number is never a syllable: "0.5 điểm" read as "ở.5", "4.2" as "2" (seed 000) when the OCR folds
     * took a lone digit for a letter.  Only digits inside a word with letters are OCR's (s6, t6i). */
    int letter = 0;
    for (size_t i = 0; i < n && !letter; i++)
        letter = (unsigned char)s[i] >= 0x80 || (((unsigned char)s[i] | 0x20) >= 'a' && ((unsigned char)s[i] | 0x20) <= 'z');
    if (!letter) {
        t->n = 0;
        t->upper = LM_CASE_LOWER;
        return;
    }
    char kb[2 * VIET_MAX + 1], *key = NULL;
    int ascii = n <= 2 * VIET_MAX, up = 0;
    for (size_t i = 0; i < n && ascii; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z') {
            kb[i] = (char)(ch | 0x20);
            up++;
        } else if (ch >= 'a' && ch <= 'z') {
            kb[i] = (char)ch;
        } else {
            ascii = 0;
        }
    }
    /* the OCR folds change a leading P and digits between letters: the general path */
    if (ascii && !(ocr && s[0] == 'P')) {
        kb[n] = '\0';
        key = kb;
        t->upper = (n >= 2 && up == (int)n) ? LM_CASE_UPPER : up && s[0] <= 'Z' ? LM_CASE_TITLE : LM_CASE_LOWER;
        unsigned flags = 1u | (ocr ? 2u : 0u) | (ocr && lm_is_acronym(s, n) ? 4u : 0u);
        if (lm_ccache_take(cache, kb, n, flags, t, &ce))
            return;
    } else {
        ascii = 0;
        int letters = 0, first_up = 0;
        up = 0;
        for (size_t j = 0; j < n;) {
            utf8proc_int32_t cc;
            utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &cc);
            if (l < 0)
                break;
            utf8proc_category_t k = utf8proc_category(cc);
            if (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) {
                int isup = utf8proc_isupper(cc);
                if (letters == 0)
                    first_up = isup;
                up += isup;
                letters++;
            }
            j += (size_t)l;
        }
        t->upper = (letters >= 2 && up == letters) ? LM_CASE_UPPER : first_up ? LM_CASE_TITLE : LM_CASE_LOWER;
        if (lm_ccache_take(cache, s, n, 8u | (ocr ? 2u : 0u), t, &ce))
            return;
        key = fold_dup(s, n, ocr ? FOLD_OCR : FOLD_PLAIN);
    }
    viet_syl in;
    int in_ok = ascii || lm_parse_utf8(s, n, &in) == 0, marked = 0;
    if (!ascii && in_ok) {
        marked = in.tone != 0;
        for (int i = 0; i < in.n; i++)
            marked |= in.ch[i] > 0x7f;
    }
    if (key && strlen(key) <= 2 * VIET_MAX) {
        lm_add_key(m, key, 0, &c);
        if (ocr && !lm_is_acronym(s, n))
            lm_edit_keys(m, key, c.n == 0 || !in_ok ? 2 : 1, 0, &c);
    }
    if (key != kb)
        free(key);
    if (marked)
        for (int j = 0; j < c.n; j++) {
            viet_syl cs;
            const char *str = lm_str(m, c.v[j].id);
            if (lm_parse_utf8(str, strlen(str), &cs) == 0)
                c.v[j].chan += (int32_t)(lm_channel(&in, &cs, ocr) * LM_SCALE);
        }
    lm_prune(m, &c);
    t->n = c.n;
    for (int j = 0; j < c.n; j++) {
        t->id[j] = c.v[j].id;
        t->chan[j] = c.v[j].chan;
    }
    if (ce) {
        ce->n = (unsigned char)t->n;
        memcpy(ce->id, t->id, (size_t)t->n * sizeof t->id[0]);
        memcpy(ce->chan, t->chan, (size_t)t->n * sizeof t->chan[0]);
    }
}

size_t lm_render(const lm_model *m, uint32_t id, int upper, int style, char *buf)
{
    const char *str = lm_str(m, id);
    size_t n = strlen(str);
    if (style == VIET_STYLE_OLD && n <= 8 * VIET_MAX) {
        if (upper == LM_CASE_LOWER) { /* the model's own form */
            memcpy(buf, str, n + 1);
            return n;
        }
        /* The model's syllables are NFC, lower case, old style: upper-casing their code points keeps them
         * NFC (test_lm checks every syllable against viet_render, which went through utf8proc_map and
         * allocated: 24 M instructions for the 7,722 capitalised words of 450 KB of stripped text). */
        size_t k = 0;
        for (size_t i = 0; i < n && k + 4 <= 8 * VIET_MAX;) {
            utf8proc_int32_t c;
            utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)str + i, (utf8proc_ssize_t)(n - i), &c);
            if (l < 0)
                break;
            if (upper == LM_CASE_UPPER || i == 0)
                c = utf8proc_toupper(c);
            k += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)buf + k);
            i += (size_t)l;
            if (i == n) {
                buf[k] = '\0';
                return k;
            }
        }
    }
    viet_syl syl;
    if (lm_parse_utf8(str, n, &syl) != 0)
        return 0;
    syl.upper = upper == LM_CASE_UPPER ? (1u << syl.n) - 1 : upper == LM_CASE_TITLE ? 1u : 0u;
    return viet_render(&syl, style, buf);
}

char *lm_restore(const lm_model *m, const char *s, size_t n, int flags, int style, size_t *outlen,
                 lm_word **words, size_t *nwords)
{
    int ocr = (flags & LM_OCR) != 0, vie = !ocr && (flags & LM_VIE);
    lm_tok *tok = NULL;
    size_t ntok = 0, cap = 0;
    size_t chain = 0; /* first token of the current chain */
    size_t prev_end = 0;
    lm_dec d = { 0 };
    lm_ccache cc = { 0 };
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        if (u[i] < 0x80) { /* ASCII: no decoding */
            c = u[i];
            k = 1;
        } else if ((k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c)) < 0) {
            free(tok);
            free(d.st);
            free(d.first);
            free(cc.e);
            return NULL;
        }
        if (!lm_is_wordch(c)) {
            i += (size_t)k;
            continue;
        }
        size_t a = i;
        i += (size_t)k;
        while (i < n) {
            if (u[i] < 0x80) {
                if (!lm_is_wordch(u[i]))
                    break;
                i++;
            } else if ((k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c)) > 0 && lm_is_wordch(c)) {
                i += (size_t)k;
            } else {
                break;
            }
        }
        PP_GROW(tok, ntok + 1, cap, 256);
        lm_tok *t = &tok[ntok];
        t->off = a;
        t->len = i - a;
        t->best = -1;
        t->conf = 0;
        if (vie) {
            lm_vie_cands(m, s + a, i - a, t, &cc);
            /* a word touching a digit or '/' is part of a number or a code (2507/GP-UBND, Số 12a): kept */
            if ((a > 0 && ((s[a - 1] >= '0' && s[a - 1] <= '9') || s[a - 1] == '/')) ||
                (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '/')))
                t->n = t->keep;
        } else {
            lm_word_cands(m, s + a, i - a, ocr, t, &cc);
        }
        /* a word with no candidate, or punctuation between, ends the chain */
        if (t->n == 0 || (ntok > chain && !lm_keeps_context(s, prev_end, a, ocr))) {
            lm_decode_chain(m, tok + chain, ntok - chain, &d, words || vie);
            chain = ntok;
        }
        prev_end = i;
        ntok++;
        if (t->n == 0)
            chain = ntok;
    }
    lm_decode_chain(m, tok + chain, ntok - chain, &d, words || vie);
    free(d.st);
    free(d.first);
    free(cc.e);
    /* write the text back with the chosen syllables */
    strbuf out = STRBUF_INIT;
    sb_grow(&out, n + n / 4);
    lm_word *w = words ? xcalloc(ntok + 1, sizeof *w) : NULL;
    size_t nw = 0, at = 0;
    for (size_t i = 0; i < ntok; i++) {
        lm_tok *t = &tok[i];
        sb_add(&out, s + at, t->off - at);
        at = t->off + t->len;
        if (t->best < 0 || t->n == 0) {
            sb_add(&out, s + t->off, t->len);
            continue;
        }
        /* LM_VIE: a change the model is not sure of is not made; a word kept is written as read */
        int as_read = t->best == 0 && t->keep;
        if (vie && (as_read || t->conf < LM_VIE_CONF)) {
            if (w && t->keep) { /* a change not made: the word as read has (about) the rest of the share */
                w[nw].off = out.len;
                w[nw].len = t->len;
                w[nw].conf = as_read ? t->conf : 1.0f - t->conf;
                w[nw].changed = 0;
                nw++;
            }
            sb_add(&out, s + t->off, t->len);
            continue;
        }
        char buf[8 * VIET_MAX + 1];
        size_t bl = lm_render(m, t->id[t->best], (int)t->upper, style, buf);
        if (bl == 0) {
            sb_add(&out, s + t->off, t->len);
            continue;
        }
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
