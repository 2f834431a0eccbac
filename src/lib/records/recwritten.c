/* records/recwritten.c (prefix rw_) — see recwritten.h. */
#include "records/recwritten.h"
#include "core/json.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct rw_word {
    const char *s; /* in the map's own copies of the texts */
    size_t n;
} rw_word;

struct rw_map {
    strvec texts;       /* the restored and original texts the words point into */
    rw_word *rest, *orig; /* aligned: rest[i] was restored from orig[i] */
    size_t n, alloc_rest, alloc_orig;
};

static int rw_wordch(int32_t c)
{
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME) || k == UTF8PROC_CATEGORY_ND || c == 0x00A2 ||
           c == 0x20AC; /* ¢ and € are OCR's c and e, words to the restorer (text/lm_restore.c) */
}

/* The next word of s[*i..n): its start and length; 0 at the end. */
static int rw_next(const char *s, size_t n, size_t *i, size_t *a, size_t *len)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    int in = 0;
    while (*i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + *i, (utf8proc_ssize_t)(n - *i), &c);
        if (k < 0) {
            c = 0;
            k = 1;
        }
        if (rw_wordch(c)) {
            if (!in)
                *a = *i;
            in = 1;
        } else if (in) {
            break;
        }
        *i += (size_t)k;
    }
    if (in)
        *len = *i - *a;
    return in;
}

static size_t rw_count(const char *s, size_t n)
{
    size_t i = 0, a, l, k = 0;
    while (rw_next(s, n, &i, &a, &l))
        k++;
    return k;
}

/* Aligns one restored line with its original (same number of words, or it is left out). */
static void rw_add_line(rw_map *m, const char *o, size_t no, const char *r, size_t nr)
{
    if (rw_count(o, no) != rw_count(r, nr))
        return;
    size_t io = 0, ir = 0, ao, lo, ar, lr;
    while (rw_next(o, no, &io, &ao, &lo) && rw_next(r, nr, &ir, &ar, &lr)) {
        PP_GROW(m->rest, m->n + 1, m->alloc_rest, 256);
        PP_GROW(m->orig, m->n + 1, m->alloc_orig, 256);
        m->rest[m->n] = (rw_word){ r + ar, lr };
        m->orig[m->n] = (rw_word){ o + ao, lo };
        m->n++;
    }
}

/* Aligns one restored unit (a page or a line) with its original, line by line when both have the same
 * number of lines (normalization keeps line breaks), else as one. */
static void rw_add(rw_map *m, const char *orig, const char *rest)
{
    sv_push(&m->texts, orig);
    sv_push(&m->texts, rest);
    const char *o = m->texts.v[m->texts.n - 2], *r = m->texts.v[m->texts.n - 1];
    size_t lines_o = 0, lines_r = 0;
    for (const char *p = o; (p = strchr(p, '\n')); p++)
        lines_o++;
    for (const char *p = r; (p = strchr(p, '\n')); p++)
        lines_r++;
    if (lines_o != lines_r) {
        rw_add_line(m, o, strlen(o), r, strlen(r));
        return;
    }
    while (*o || *r) {
        const char *eo = strchr(o, '\n'), *er = strchr(r, '\n');
        size_t no = eo ? (size_t)(eo - o) : strlen(o), nr = er ? (size_t)(er - r) : strlen(r);
        rw_add_line(m, o, no, r, nr);
        o += no + (eo != NULL);
        r += nr + (er != NULL);
        if (!eo || !er)
            break;
    }
}

static int rw_query(pp_db *db, rw_map *m, const char *sql, int64_t doc, pp_err *e)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->h, sql, -1, &q, NULL) != SQLITE_OK)
        return PP_OK; /* no normalize tables: nothing was restored */
    sqlite3_bind_int64(q, 1, doc);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *o = (const char *)sqlite3_column_text(q, 0), *r = (const char *)sqlite3_column_text(q, 1);
        if (o && r)
            rw_add(m, o, r);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? PP_OK : db_fail(db, e, "reading the restored text");
}

int rw_load(pp_db *db, int64_t doc_id, rw_map **out, pp_err *e)
{
    *out = NULL;
    rw_map *m = xcalloc(1, sizeof *m);
    /* text pages as extraction reads them (whole pages), then the lines of OCR'd pages */
    if (rw_query(db, m, "SELECT p.text, n.text FROM pages p JOIN pages_norm n ON n.page_id = p.id WHERE "
                        "p.document_id = ?1 AND p.method = 'text' AND n.restored AND n.changed > 0 ORDER BY p.number",
                 doc_id, e) ||
        rw_query(db, m, "SELECT l.text, n.text FROM pages p JOIN lines l ON l.page_id = p.id JOIN lines_norm n ON "
                        "n.line_id = l.id WHERE p.document_id = ?1 AND p.method != 'text' AND n.restored AND "
                        "n.changed > 0 ORDER BY p.number, l.number", doc_id, e)) {
        rw_free(m);
        return e->code;
    }
    if (m->n == 0)
        rw_free(m);
    else
        *out = m;
    return PP_OK;
}

void rw_free(rw_map *m)
{
    if (!m)
        return;
    sv_free(&m->texts);
    free(m->rest);
    free(m->orig);
    free(m);
}

static int rw_eq(rw_word w, const char *s, size_t n) { return w.n == n && memcmp(w.s, s, n) == 0; }

char *rw_as_written(const rw_map *m, const char *value)
{
    if (!m || !value)
        return NULL;
    size_t n = strlen(value), i = 0, a0, l0;
    if (!rw_next(value, n, &i, &a0, &l0))
        return NULL;
    for (size_t at = 0; at < m->n; at++) {
        if (!rw_eq(m->rest[at], value + a0, l0))
            continue;
        /* the value's words must follow on from here */
        strbuf sb = STRBUF_INIT;
        size_t j = 0, a, l, k = at, copied = 0;
        int ok = 1, differs = 0;
        while (rw_next(value, n, &j, &a, &l)) {
            if (k >= m->n || !rw_eq(m->rest[k], value + a, l)) {
                ok = 0;
                break;
            }
            sb_add(&sb, value + copied, a - copied);
            sb_add(&sb, m->orig[k].s, m->orig[k].n);
            differs |= !rw_eq(m->orig[k], value + a, l);
            copied = a + l;
            k++;
        }
        if (ok) {
            if (!differs) {
                sb_free(&sb);
                return NULL;
            }
            sb_add(&sb, value + copied, n - copied);
            return sb_detach(&sb, NULL);
        }
        sb_free(&sb);
    }
    return NULL;
}

void rw_item_free(rw_item *w)
{
    free(w->title);
    free(w->target_text);
    free(w->deadline);
    free(w->product);
    sv_free(&w->lead);
    sv_free(&w->support);
    sv_free(&w->monitor);
    memset(w, 0, sizeof *w);
}

static void rw_list(strbuf *sb, const char *key, const strvec *l, int *first)
{
    if (l->n == 0)
        return;
    js_key(sb, key, first);
    js_str_array(sb, l->v, l->n);
}

void rw_item_json(strbuf *sb, const rw_item *w)
{
    int first = 1;
    sb_addc(sb, '{');
    const char *keys[] = { "title", "target_text", "deadline", "product" };
    const char *vals[] = { w->title, w->target_text, w->deadline, w->product };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (vals[i]) {
            js_key(sb, keys[i], &first);
            js_str(sb, vals[i]);
        }
    rw_list(sb, "lead", &w->lead, &first);
    rw_list(sb, "support", &w->support, &first);
    rw_list(sb, "monitor", &w->monitor, &first);
    sb_addc(sb, '}');
}
