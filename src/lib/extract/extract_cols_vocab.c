/* extract/extract_cols_vocab.c (prefix xc_) — the run's vocabulary of name words: every word of every alias
 * of the lists, the adjacent word pairs of the names (for the run-together case, "donvi"), their letter
 * histograms, every alias split into words with their ids once at load; and xc_sim. */
#include "extract/extract-ll.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

double xc_sim(const char *a, size_t na, const char *b, size_t nb)
{
    if (!na || !nb || na > XC_TOKLEN || nb > XC_TOKLEN)
        return 0;
    unsigned char ha[XC_NHIST], hb[XC_NHIST];
    xc_hist_of(a, na, ha);
    xc_hist_of(b, nb, hb);
    return xc_sim_h(a, na, ha, b, nb, hb);
}

static int xc_strp_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int xc_u64_cmp(const void *x, const void *y)
{
    unsigned long long a = *(const unsigned long long *)x, b = *(const unsigned long long *)y;
    return a < b ? -1 : a > b;
}

static int xc_pair_id(const xc_vocab *v, int a, int b)
{
    if (a < 0 || b < 0 || !v->npair)
        return -1;
    unsigned long long key = (unsigned long long)a << 32 | (unsigned)b;
    const unsigned long long *p = bsearch(&key, v->pair, v->npair, sizeof key, xc_u64_cmp);
    return p ? (int)(p - v->pair) : -1;
}

static int xc_word_id(const xc_vocab *v, const char *s, size_t n)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(v->w[mid], s, n);
        if (!c)
            c = v->w[mid][n] ? 1 : 0;
        if (!c)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* An alias key as words with their ids (extract-ll.h). */
void xc_name_make(const xc_vocab *v, const char *key, xc_name *x)
{
    memset(x, 0, sizeof *x);
    for (const char *p = key; *p && x->k < XC_MAX_NAME;) {
        size_t n = strcspn(p, " ");
        if ((size_t)(p - key) > 255 || n > 255)
            break;
        x->off[x->k] = (unsigned char)(p - key);
        x->len[x->k] = (unsigned char)n;
        x->wid[x->k] = xc_word_id(v, p, n);
        x->pid[x->k] = x->k ? xc_pair_id(v, x->wid[x->k - 1], x->wid[x->k]) : -1;
        x->letters += n;
        x->k++;
        p += n;
        while (*p == ' ')
            p++;
    }
}

void xc_vocab_build(xc_vocab *v, const gz_list *const *lists, size_t nlists)
{
    memset(v, 0, sizeof *v);
    v->memo = xc_memo_new();
    for (size_t l = 0; l < nlists; l++) {
        if (!lists[l])
            continue;
        for (size_t i = 0; i < lists[l]->na; i++) {
            const char *k = lists[l]->a[i].key;
            while (*k) {
                size_t n = strcspn(k, " ");
                if (n >= 2) {
                    PP_GROW(v->w, v->n + 1, v->alloc, 128);
                    v->w[v->n++] = xstrndup(k, n);
                }
                k += n;
                while (*k == ' ')
                    k++;
            }
        }
    }
    if (!v->n)
        return;
    qsort(v->w, v->n, sizeof *v->w, xc_strp_cmp);
    size_t o = 1;
    for (size_t i = 1; i < v->n; i++) {
        if (strcmp(v->w[i], v->w[o - 1]))
            v->w[o++] = v->w[i];
        else
            free(v->w[i]);
    }
    v->n = o;
    for (size_t i = 1; i < v->n; i++)
        assert(strcmp(v->w[i - 1], v->w[i]) < 0); /* sorted and distinct: xc_word_id searches them */
    /* the adjacent word pairs of every name, for the run-together case ("donvi") */
    size_t cap = 0;
    for (size_t l = 0; l < nlists; l++) {
        if (!lists[l])
            continue;
        for (size_t i = 0; i < lists[l]->na; i++) {
            int prev = -1;
            for (const char *k = lists[l]->a[i].key; *k;) {
                size_t n = strcspn(k, " ");
                int id = xc_word_id(v, k, n);
                if (prev >= 0 && id >= 0) {
                    PP_GROW(v->pair, v->npair + 1, cap, 256);
                    v->pair[v->npair++] = (unsigned long long)prev << 32 | (unsigned)id;
                }
                prev = id;
                k += n;
                while (*k == ' ')
                    k++;
            }
        }
    }
    if (v->npair) {
        qsort(v->pair, v->npair, sizeof *v->pair, xc_u64_cmp);
        size_t q = 1;
        for (size_t i = 1; i < v->npair; i++)
            if (v->pair[i] != v->pair[q - 1])
                v->pair[q++] = v->pair[i];
        v->npair = q;
    }
    for (size_t i = 1; i < v->npair; i++)
        assert(v->pair[i - 1] < v->pair[i]); /* sorted and distinct: xc_pair_id searches them */
    v->wlen = xmalloc(v->n);
    v->hist = xmalloc(v->n * sizeof *v->hist);
    for (size_t i = 0; i < v->n; i++) {
        size_t n = strlen(v->w[i]);
        v->wlen[i] = (unsigned char)(n < 255 ? n : 255);
        xc_hist_of(v->w[i], n, v->hist[i]);
    }
    v->pw = xmalloc((v->npair ? v->npair : 1) * sizeof *v->pw);
    v->plen = xmalloc(v->npair ? v->npair : 1);
    v->phist = xmalloc((v->npair ? v->npair : 1) * sizeof *v->phist);
    for (size_t p = 0; p < v->npair; p++) {
        size_t a = (size_t)(v->pair[p] >> 32), b = (size_t)(v->pair[p] & 0xffffffffu);
        v->pw[p] = xasprintf("%s%s", v->w[a], v->w[b]);
        size_t n = strlen(v->pw[p]);
        v->plen[p] = (unsigned char)(n < 255 ? n : 255);
        for (int c = 0; c < XC_NHIST; c++)
            v->phist[p][c] = (unsigned char)(v->hist[a][c] + v->hist[b][c]);
    }
    /* every alias as words with their ids, so that aligning it looks nothing up */
    for (size_t l = 0; l < nlists && v->nlists < sizeof v->list / sizeof v->list[0]; l++) {
        if (!lists[l])
            continue;
        xc_name *nm = xcalloc(lists[l]->na ? lists[l]->na : 1, sizeof *nm);
        for (size_t i = 0; i < lists[l]->na; i++)
            xc_name_make(v, lists[l]->a[i].key, &nm[i]);
        v->list[v->nlists] = lists[l];
        v->names[v->nlists++] = nm;
    }
}

void xc_vocab_free(xc_vocab *v)
{
    if (v->memo)
        xc_memo_free(v->memo);
    for (size_t i = 0; i < v->n; i++)
        free(v->w[i]);
    free(v->w);
    free(v->pair);
    free(v->wlen);
    free(v->hist);
    for (size_t p = 0; p < v->npair; p++)
        free(v->pw[p]);
    free(v->pw);
    free(v->plen);
    free(v->phist);
    for (size_t l = 0; l < v->nlists; l++)
        free(v->names[l]);
    memset(v, 0, sizeof *v);
}
