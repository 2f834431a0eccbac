/* records/search.c (prefix search_) — see search.h. */
#include "records/search.h"

#include "core/json.h"
#include "core/strbuf.h"
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A word of folded text: bytes [start, end) of the folded string, and of the text it was folded from. */
typedef struct word {
    size_t start, end;       /* in the folded text */
    size_t ostart, oend;     /* in the original (through the fold's map) */
    int line;                /* index of the page's line it is on */
} word;

typedef struct words {
    word *v;
    size_t n, alloc;
} words;

/* unicode61 keeps letters, digits and private-use characters together; anything else separates. */
static int is_word_char(utf8proc_int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) || (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) ||
           k == UTF8PROC_CATEGORY_CO || (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

/* The words of folded text f (map: its fold map, or NULL), appended to w with line index `line`. */
static void split_words(const pp_fold *f, int line, words *w)
{
    size_t i = 0, start = 0;
    int in = 0;
    while (i <= f->len) {
        utf8proc_int32_t c = -1;
        utf8proc_ssize_t n = 1;
        if (i < f->len) {
            n = utf8proc_iterate((const utf8proc_uint8_t *)f->s + i, (utf8proc_ssize_t)(f->len - i), &c);
            if (n <= 0)
                n = 1, c = -1;
        }
        int wc = c >= 0 && is_word_char(c);
        if (wc && !in) {
            start = i;
            in = 1;
        } else if (!wc && in) {
            PP_GROW(w->v, w->n + 1, w->alloc, 64);
            word *x = &w->v[w->n++];
            x->start = start;
            x->end = i;
            x->ostart = f->map ? f->map[start] : start;
            x->oend = f->map ? f->map[i] : i;
            x->line = line;
            in = 0;
        }
        i += (size_t)n;
    }
}

char *search_fold_query(const char *query)
{
    pp_fold f;
    if (fold_text(query, strlen(query), FOLD_PLAIN, &f) != 0)
        return NULL;
    words w = { NULL, 0, 0 };
    split_words(&f, 0, &w);
    strbuf sb = STRBUF_INIT;
    sb_adds(&sb, "");
    for (size_t i = 0; i < w.n; i++) {
        if (i)
            sb_addc(&sb, ' ');
        sb_add(&sb, f.s + w.v[i].start, w.v[i].end - w.v[i].start);
    }
    free(w.v);
    fold_free(&f);
    return sb_detach(&sb, NULL);
}

/* One line of a matched page: its number, original text, and what of it to mark. */
typedef struct pline {
    int number;
    char *text;
    int mark_from, mark_to; /* characters of text to mark; -1 when none */
    int hit;
} pline;

static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

typedef struct search_ctx {
    pp_db *db;
    sqlite3_stmt *pages, *lines;
    const search_opts *o;
    char **q; /* query words */
    size_t nq, qalloc;
    FILE *out;
    int64_t printed;
} search_ctx;

static void print_line(search_ctx *c, const char *source, int64_t doc, int page, const pline *l)
{
    strbuf sb = STRBUF_INIT;
    const char *t = l->text ? l->text : "";
    if (c->o->json) {
        int f = 1;
        sb_addc(&sb, '{');
        js_key(&sb, "source", &f);
        js_str(&sb, source);
        js_key(&sb, "document_id", &f);
        js_num(&sb, (double)doc);
        js_key(&sb, "page", &f);
        js_num(&sb, page);
        js_key(&sb, "line", &f);
        js_num(&sb, l->number);
        js_key(&sb, "text", &f);
        js_str(&sb, t);
        js_key(&sb, "start", &f);
        if (l->mark_from >= 0)
            js_num(&sb, l->mark_from);
        else
            sb_adds(&sb, "null");
        js_key(&sb, "end", &f);
        if (l->mark_from >= 0)
            js_num(&sb, l->mark_to);
        else
            sb_adds(&sb, "null");
        sb_adds(&sb, "}\n");
    } else {
        sb_addf(&sb, "%s:%d:%d: ", source, page, l->number);
        if (c->o->color && l->mark_from >= 0) {
            /* characters to bytes */
            size_t b0 = 0, b1 = 0, ci = 0, len = strlen(t);
            for (size_t i = 0; i <= len; i++) {
                if (i == len || ((unsigned char)t[i] & 0xC0) != 0x80) {
                    if ((int)ci == l->mark_from)
                        b0 = i;
                    if ((int)ci == l->mark_to)
                        b1 = i;
                    ci++;
                }
            }
            sb_add(&sb, t, b0);
            sb_adds(&sb, "\033[1;31m");
            sb_add(&sb, t + b0, b1 - b0);
            sb_adds(&sb, "\033[0m");
            sb_adds(&sb, t + b1);
        } else {
            sb_adds(&sb, t);
        }
        sb_addc(&sb, '\n');
    }
    if (fwrite(sb.buf, 1, sb.len, c->out) == sb.len)
        c->printed++;
    sb_free(&sb);
}

/* The words of f appended to w, each word's folded text copied into pool (start/end then index pool). */
static void pool_words(const pp_fold *f, int line, words *w, strbuf *pool)
{
    size_t before = w->n;
    split_words(f, line, w);
    for (size_t i = before; i < w->n; i++) {
        size_t at = pool->len;
        sb_add(pool, f->s + w->v[i].start, w->v[i].end - w->v[i].start);
        sb_addc(pool, '\0');
        w->v[i].start = at;
        w->v[i].end = pool->len - 1;
    }
}

/* The page's lines: the words of their index keys (what the phrase is found in) and of their original
 * text folded the same way (what is marked, when both have the same words: restored diacritics or a
 * legacy encoding make them differ, and the line is then printed unmarked). */
static int search_page(search_ctx *c, int64_t page_id, int page, const char *source, int64_t doc, int ocr,
                       pp_err *e)
{
    pline *ls = NULL;
    size_t nl = 0, la = 0;
    words kw = { NULL, 0, 0 }, ow = { NULL, 0, 0 };
    strbuf kpool = STRBUF_INIT, opool = STRBUF_INIT;
    sqlite3_bind_int64(c->lines, 1, page_id);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(c->lines)) == SQLITE_ROW) {
        PP_GROW(ls, nl + 1, la, 32);
        pline *l = &ls[nl];
        l->number = sqlite3_column_int(c->lines, 0);
        const char *t = (const char *)sqlite3_column_text(c->lines, 1);
        l->text = xstrdup(t ? t : "");
        l->mark_from = l->mark_to = -1;
        l->hit = 0;
        const char *k = (const char *)sqlite3_column_text(c->lines, 2);
        pp_fold kf = { (char *)(k ? k : ""), k ? strlen(k) : 0, NULL }, of;
        pool_words(&kf, (int)nl, &kw, &kpool);
        if (fold_text(l->text, strlen(l->text), ocr ? FOLD_OCR : FOLD_PLAIN, &of) == 0) {
            pool_words(&of, (int)nl, &ow, &opool);
            fold_free(&of);
        }
        nl++;
    }
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading a page's lines");
    sqlite3_reset(c->lines);
    int same = kw.n == ow.n;
    for (size_t i = 0; same && i < kw.n; i++)
        same = kw.v[i].line == ow.v[i].line && strcmp(kpool.buf + kw.v[i].start, opool.buf + ow.v[i].start) == 0;
    for (size_t i = 0; !e->code && c->nq && i + c->nq <= kw.n; i++) {
        size_t j = 0;
        while (j < c->nq && strcmp(kpool.buf + kw.v[i + j].start, c->q[j]) == 0)
            j++;
        if (j < c->nq)
            continue;
        const word *a = &kw.v[i], *b = &kw.v[i + c->nq - 1];
        for (int l = a->line; l <= b->line; l++) {
            pline *p = &ls[l];
            p->hit = 1;
            if (!same || p->mark_from >= 0)
                continue;
            size_t from = l == a->line ? ow.v[i].ostart : 0;
            size_t to = l == b->line ? ow.v[i + c->nq - 1].oend : strlen(p->text);
            p->mark_from = (int)chars(p->text, from);
            p->mark_to = (int)chars(p->text, to);
        }
        i += c->nq - 1;
    }
    for (size_t l = 0; !e->code && l < nl; l++)
        if (ls[l].hit)
            print_line(c, source, doc, page, &ls[l]);
    for (size_t l = 0; l < nl; l++)
        free(ls[l].text);
    free(ls);
    free(kw.v);
    free(ow.v);
    sb_free(&kpool);
    sb_free(&opool);
    return e->code;
}

/* --doc: an id, a source path, or (a prefix of) a hash; 0 and PP_EXIT_USAGE when none or several match. */
static int find_doc(pp_db *db, const char *doc, int64_t *id, pp_err *e)
{
    sqlite3_stmt *st;
    *id = 0;
    if (db_prepare(db, &st, "SELECT id FROM documents WHERE CAST(id AS TEXT) = ?1 OR source = ?1 "
                            "OR (length(?1) >= 8 AND substr(hash, 1, length(?1)) = lower(?1)) LIMIT 2", e))
        return e->code;
    db_bind_text(st, 1, doc);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        n++;
    }
    if (rc != SQLITE_DONE)
        db_fail(db, e, "finding the document");
    else if (n != 1)
        pp_err_set(e, PP_EXIT_USAGE, "%s: --doc %s: %s", db->path, doc,
                   n ? "names several documents (give its id)" : "no document with that id, source or hash");
    sqlite3_finalize(st);
    return e->code;
}

static int has_index(pp_db *db)
{
    sqlite3_stmt *st;
    /* the tables exist from the first open; the index is there once parplan-normalize wrote keys */
    if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE name = 'pages_fts' AND "
                                  "(EXISTS (SELECT 1 FROM pages_norm) OR NOT EXISTS (SELECT 1 FROM pages))", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    int yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

int search_run(pp_db *db, const search_opts *o, FILE *out, int64_t *nlines, pp_err *e)
{
    *nlines = 0;
    char *folded = search_fold_query(o->query);
    if (!folded || !*folded) {
        free(folded);
        return pp_err_set(e, PP_EXIT_USAGE, "the query '%s' has no words to search for", o->query);
    }
    search_ctx c = { .db = db, .o = o, .out = out };
    /* the phrase: the folded words, space-separated, in double quotes (none of them holds a quote) */
    for (char *p = folded, *save = NULL, *w; (w = strtok_r(p, " ", &save)); p = NULL) {
        PP_GROW(c.q, c.nq + 1, c.qalloc, 8);
        c.q[c.nq++] = w;
    }
    char *phrase = NULL;
    {
        strbuf sb = STRBUF_INIT;
        sb_addc(&sb, '"');
        for (size_t i = 0; i < c.nq; i++) {
            if (i)
                sb_addc(&sb, ' ');
            sb_adds(&sb, c.q[i]);
        }
        sb_addc(&sb, '"');
        phrase = sb_detach(&sb, NULL);
    }
    int64_t doc = 0;
    if (!has_index(db))
        pp_err_set(e, PP_EXIT_DB, "%s: no search index yet (run parplan-normalize first)", db->path);
    if (!e->code && o->doc)
        find_doc(db, o->doc, &doc, e);
    if (!e->code &&
        !db_prepare(db, &c.pages, "SELECT p.id, p.number, d.source, d.id, p.method FROM pages_fts f "
                                  "JOIN pages p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id "
                                  "WHERE pages_fts MATCH ?1 AND (?2 = 0 OR d.id = ?2) ORDER BY d.source, d.id, p.number", e) &&
        !db_prepare(db, &c.lines, "SELECT l.number, l.text, n.key FROM lines l LEFT JOIN lines_norm n "
                                  "ON n.line_id = l.id WHERE l.page_id = ?1 ORDER BY l.number", e)) {
        db_bind_text(c.pages, 1, phrase);
        sqlite3_bind_int64(c.pages, 2, doc);
        int rc = SQLITE_DONE;
        while (!e->code && (rc = sqlite3_step(c.pages)) == SQLITE_ROW) {
            const char *src = (const char *)sqlite3_column_text(c.pages, 2);
            const char *method = (const char *)sqlite3_column_text(c.pages, 4);
            char *source = xstrdup(src ? src : "");
            search_page(&c, sqlite3_column_int64(c.pages, 0), sqlite3_column_int(c.pages, 1), source,
                        sqlite3_column_int64(c.pages, 3), method && strcmp(method, "ocr") == 0, e);
            free(source);
        }
        if (!e->code && rc != SQLITE_DONE)
            db_fail(db, e, "searching");
    }
    if (!e->code && fflush(out) != 0)
        pp_err_set(e, PP_EXIT_INPUT, "stdout: write failed");
    *nlines = c.printed;
    sqlite3_finalize(c.pages);
    sqlite3_finalize(c.lines);
    free(c.q);
    free(phrase);
    free(folded);
    return e->code;
}
