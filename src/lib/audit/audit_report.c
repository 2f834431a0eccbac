/* audit/audit_report.c (prefix ar_) — see audit_report.h.  Pages are built in memory one document at a time
 * and written whole; every stored string goes through ah_esc, and every link is to a file this run writes. */
#include "audit/audit_report.h"
#include "core/fsutil.h"

#include "audit/audit_html.h"
#include "audit/audit_value.h"
#include "audit/audit_flags.h"
#include "records/recbuild.h"
#include "core/csv.h"
#include "records/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every page of the report links one style sheet. */
#define AR_CSS "style.css"

typedef struct ar_ctx {
    pp_db *db;
    const ar_opts *o;
    av_ctx av;
    review_ctx *rv;
    rec_ctx *rec;
    af_ctx af;
    sqlite3_stmt *items, *sources, *unsure;
    strbuf flagged, csv;
    /* The document's sources, read in one query and sorted by item (0: the document's own fields), then
     * code, title, the rest by id; and its pages whose orientation or preprocessing was unsure. */
    av_source *src;
    size_t nsrc, srccap;
    struct ar_unsure {
        int page, what; /* what: af_source's AF_PAGE_* bits */
    } *unsure_pages;
    int nunsure;
    size_t unsurecap;
    ar_counts *n;
    int doc_reviewed; /* the document being written has decisions in the review history */
} ar_ctx;

typedef struct ar_item {
    int64_t id;
    int level, seq;
    int occurrence; /* of its code in the document (the review key) */
    unsigned flags; /* audit_flags.h, of every field */
    char *kind, *code, *title;
} ar_item;

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static void filters(strbuf *sb, const char *what)
{
    sb_addf(sb, "<p class=\"filters\">Show %s: <a href=\"#all\">all</a> <a href=\"#low\">low confidence</a> "
                "<a href=\"#restored\">restored text</a> <a href=\"#unreviewed\">not reviewed</a></p>\n"
                "<span id=\"all\"></span><span id=\"low\" class=\"sel\"></span><span id=\"restored\" "
                "class=\"sel\"></span><span id=\"unreviewed\" class=\"sel\"></span>\n", what);
}

static const char *status_name(enum review_status s)
{
    switch (s) {
    case REVIEW_ACCEPTED: return "accepted";
    case REVIEW_CORRECTED: return "corrected";
    case REVIEW_STALE: return "stale";
    default: return "none";
    }
}

/* The fields table of an item with each field's review state; also appends the item's review.csv rows.
 * Returns 1 when every non-empty field is accepted or corrected.  The item's key is the hint the document
 * walk computed (review_key_hint) and its extracted values come from one review_extracted_all; a document
 * nobody reviewed (c->doc_reviewed 0) skips the history lookups.  Measured on the 10,000 text plans of
 * tools/mkcorpus.sh (callgrind, the 1,250 plans of one province): the per-field key (counting the code's
 * occurrences) and the history and extracted-value queries were 8.2 of 16.6 G instructions. */
static int fields_table(ar_ctx *c, strbuf *sb, const char *doc_hash, const ar_item *it, pp_err *e)
{
    int64_t item = it->id;
    const char *code = it->code ? it->code : "";
    review_key_hint(c->rv, item, doc_hash, code, it->occurrence);
    char *xs[REVIEW_NFIELDS];
    if (review_extracted_all(c->rv, item, xs, e))
        return 0;
    int all = 1, any = 0;
    sb_adds(sb, "<table><tr><th>field</th><th>extracted</th><th>review</th></tr>\n");
    for (int i = 0; review_fields[i]; i++) {
        const char *x = xs[i];
        review_state st;
        memset(&st, 0, sizeof st);
        if (c->doc_reviewed && review_lookup(c->rv, item, review_fields[i], &st, e))
            break;
        if (x || st.decisions) {
            any = 1;
            if (st.status != REVIEW_ACCEPTED && st.status != REVIEW_CORRECTED)
                all = 0;
            c->n->accepted += st.status == REVIEW_ACCEPTED;
            c->n->corrected += st.status == REVIEW_CORRECTED;
            c->n->stale += st.status == REVIEW_STALE;
            sb_adds(sb, "<tr><td>");
            ah_esc(sb, review_fields[i]);
            sb_adds(sb, "</td><td>");
            ah_esc(sb, x ? x : "");
            sb_addf(sb, "</td><td><span class=\"flag f-%s\">%s</span>", status_name(st.status),
                    status_name(st.status));
            if (st.status == REVIEW_CORRECTED) {
                sb_adds(sb, " → <b>");
                ah_esc(sb, st.value);
                sb_adds(sb, "</b>");
            }
            if (st.reviewer) {
                sb_adds(sb, " <span class=\"muted\">");
                ah_esc(sb, st.reviewer);
                sb_adds(sb, ", ");
                ah_esc(sb, st.at);
                sb_adds(sb, "</span>");
            }
            sb_adds(sb, "</td></tr>\n");
            /* review.csv: item_id, document_hash, item_code, occurrence, field, extracted, status, action, value */
            strbuf *v = &c->csv;
            csv_num(v, (double)item, 1, 1);
            csv_field(v, doc_hash, 0);
            csv_text(v, code, 0);
            csv_num(v, it->occurrence, 1, 0);
            csv_field(v, review_fields[i], 0);
            csv_text(v, x ? x : "", 0);
            csv_field(v, status_name(st.status), 0);
            csv_field(v, "", 0);
            csv_text(v, st.status == REVIEW_CORRECTED ? st.value : "", 0);
            csv_end(v);
        }
        review_state_free(&st);
    }
    sb_adds(sb, "</table>\n");
    for (int i = 0; i < REVIEW_NFIELDS; i++)
        free(xs[i]);
    return any && all;
}

static int src_order(const av_source *x)
{
    return !strcmp(x->field, "code") ? 0 : !strcmp(x->field, "title") ? 1 : 2;
}

static int by_item(const void *a, const void *b)
{
    const av_source *x = a, *y = b;
    if (x->item != y->item)
        return x->item < y->item ? -1 : 1;
    int ox = src_order(x), oy = src_order(y);
    if (ox != oy)
        return ox - oy;
    return (x->id > y->id) - (x->id < y->id);
}

static char *dup_or_null(const unsigned char *t)
{
    return t ? xstrdup((const char *)t) : NULL;
}

static void free_sources(ar_ctx *c)
{
    for (size_t i = 0; i < c->nsrc; i++) {
        free((char *)c->src[i].field);
        free((char *)c->src[i].rule);
        free((char *)c->src[i].text);
    }
    c->nsrc = 0;
    c->nunsure = 0;
}

/* Every source of document `doc` in one query (the sources view parses each item's evidence: one query per
 * item for its flags and another for its cards were 5.5 of 10.8 G instructions on one province of the
 * 10,000 plans), and the pages whose orientation was unsure. */
static int load_sources(ar_ctx *c, int64_t doc, pp_err *e)
{
    free_sources(c);
    sqlite3_bind_int64(c->sources, 1, doc);
    int rc;
    while ((rc = sqlite3_step(c->sources)) == SQLITE_ROW) {
        PP_GROW(c->src, c->nsrc + 1, c->srccap, 64);
        av_source *s = &c->src[c->nsrc++];
        av_source_from_row(c->sources, s);
        s->field = xstrdup(s->field ? s->field : "");
        s->rule = dup_or_null(sqlite3_column_text(c->sources, 2));
        s->text = dup_or_null(sqlite3_column_text(c->sources, 3));
        s->in_row = 1; /* one crop per row and page, shared by the row's values */
        s->item = sqlite3_column_int64(c->sources, 10);
    }
    sqlite3_reset(c->sources);
    if (rc != SQLITE_DONE)
        return db_fail(c->db, e, "reading sources");
    /* c->src is still NULL when no document so far had a source (a first document without items), and
     * qsort's base must not be NULL even for no elements (C11 7.22.5; UBSan stops the report on it) */
    if (c->nsrc > 1)
        qsort(c->src, c->nsrc, sizeof *c->src, by_item);
    if (!c->unsure)
        return PP_OK;
    sqlite3_bind_int64(c->unsure, 1, doc);
    while ((rc = sqlite3_step(c->unsure)) == SQLITE_ROW) {
        PP_GROW(c->unsure_pages, (size_t)c->nunsure + 1, c->unsurecap, 4);
        c->unsure_pages[c->nunsure].page = sqlite3_column_int(c->unsure, 0);
        c->unsure_pages[c->nunsure++].what = sqlite3_column_int(c->unsure, 1);
    }
    sqlite3_reset(c->unsure);
    return rc == SQLITE_DONE ? PP_OK : db_fail(c->db, e, "reading pages");
}

/* What the OCR stage was unsure of on a page (af_source's AF_PAGE_* bits), 0 when nothing. */
static int page_unsure(const ar_ctx *c, int page)
{
    for (int i = 0; i < c->nunsure; i++)
        if (c->unsure_pages[i].page == page)
            return c->unsure_pages[i].what;
    return 0;
}

/* The sources of one item (0: the document's fields) in c->src: [*lo, return). */
static size_t item_sources(const ar_ctx *c, int64_t item, size_t *lo)
{
    size_t a = 0, b = c->nsrc;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (c->src[m].item < item)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    while (b < c->nsrc && c->src[b].item == item)
        b++;
    return b < a ? a : b;
}

/* The value cards of one item (item < 0: the document's own fields).  Returns the OR of their flags. */
static int cards(ar_ctx *c, strbuf *sb, const av_doc *d, int64_t item, int reviewed, int *nvalues, pp_err *e)
{
    int all = 0;
    size_t lo, hi = item_sources(c, item < 0 ? 0 : item, &lo);
    sb_adds(sb, "<div class=\"cards\">\n");
    strbuf one = STRBUF_INIT;
    for (size_t i = lo; i < hi; i++) {
        const av_source *s = &c->src[i];
        sb_reset(&one);
        int f = av_card(&c->av, &one, d, s, reviewed ? NULL : "unreviewed", e);
        if (f < 0)
            break;
        sb_add(sb, one.buf, one.len);
        (*nvalues)++;
        c->n->values++;
        c->n->low += !!(f & AV_LOW);
        c->n->restored += !!(f & AV_RESTORED);
        if (f & (AV_LOW | AV_RESTORED)) {
            /* flagged.html shows the same card with a link back to its item. */
            if (item >= 0)
                sb_addf(&c->flagged, "<p class=\"muted\"><a href=\"item-%lld.html#s%lld\">item %lld</a></p>\n",
                        (long long)item, (long long)s->id, (long long)item);
            else
                sb_addf(&c->flagged, "<p class=\"muted\"><a href=\"doc-%lld.html\">document %lld</a></p>\n",
                        (long long)d->id, (long long)d->id);
            sb_add(&c->flagged, one.buf, one.len);
        }
        all |= f;
    }
    sb_free(&one);
    sb_adds(sb, "</div>\n");
    return all;
}

static void flag_badges(strbuf *sb, int f, int reviewed)
{
    if (f & AV_LOW)
        sb_adds(sb, "<span class=\"flag f-low\">low confidence</span>");
    if (f & AV_RESTORED)
        sb_adds(sb, "<span class=\"flag f-restored\">restored</span>");
    sb_adds(sb, reviewed ? "<span class=\"flag f-accepted\">reviewed</span>"
                         : "<span class=\"flag f-none\">not reviewed</span>");
}

static void nav(strbuf *sb, const char *province, int64_t doc, const char *doc_name)
{
    sb_adds(sb, "<nav><a href=\"index.html\">All documents</a> › <a href=\"index.html#p-");
    for (const unsigned char *p = (const unsigned char *)(province ? province : ""); *p; p++)
        sb_addf(sb, "%02x", *p); /* a fragment id that is safe whatever the province name holds */
    sb_adds(sb, "\">");
    ah_esc(sb, province && *province ? province : "(province unknown)");
    sb_adds(sb, "</a>");
    if (doc >= 0) {
        sb_addf(sb, " › <a href=\"doc-%lld.html\">", (long long)doc);
        ah_esc(sb, doc_name);
        sb_adds(sb, "</a>");
    }
    sb_adds(sb, " · <a href=\"flagged.html\">flagged values</a></nav>\n");
}

static int item_page(ar_ctx *c, const av_doc *d, const char *province, ar_item *it, int idx, int count,
                     ar_item *all, strbuf *doc_rows, pp_err *e)
{
    strbuf sb = STRBUF_INIT, body = STRBUF_INIT;
    char *title = xasprintf("%s %s", it->code ? it->code : "", it->title ? it->title : "");
    ah_begin_css(&sb, title, AR_CSS);
    nav(&sb, province, d->id, d->source);
    sb_adds(&sb, "<nav>");
    if (idx > 0)
        sb_addf(&sb, "<a href=\"item-%lld.html\">← previous item</a>", (long long)all[idx - 1].id);
    if (idx + 1 < count)
        sb_addf(&sb, "<a href=\"item-%lld.html\">next item →</a>", (long long)all[idx + 1].id);
    sb_adds(&sb, "</nav>\n<h1>");
    ah_esc(&sb, title);
    sb_adds(&sb, "</h1>\n");
    sb_addf(&sb, "<p class=\"muted\">%s, item id %lld · accept: <code>parplan-audit --accept %lld</code> · "
                 "correct: <code>parplan-audit --correct %lld FIELD VALUE</code></p>\n",
            it->kind, (long long)it->id, (long long)it->id, (long long)it->id);
    int reviewed = fields_table(c, &body, d->hash, it, e);
    int nvalues = 0, f = 0;
    if (!e->code) {
        sb_add(&sb, body.buf, body.len);
        sb_adds(&sb, "<h2>Values beside their source</h2>\n");
        filters(&sb, "values");
        f = cards(c, &sb, d, it->id, reviewed, &nvalues, e);
        if (!nvalues)
            sb_adds(&sb, "<p class=\"muted\">no value of this item has a recorded source.</p>\n");
        ah_end(&sb);
        char name[64];
        snprintf(name, sizeof name, "item-%lld.html", (long long)it->id);
        ah_write_new(c->o->out_dir, name, &sb, e);
    }
    /* The document page's row for this item; classes drive its filters. */
    sb_adds(doc_rows, "<tr class=\"v");
    if (f & AV_LOW)
        sb_adds(doc_rows, " low");
    if (f & AV_RESTORED)
        sb_adds(doc_rows, " restored");
    if (!reviewed)
        sb_adds(doc_rows, " unreviewed");
    sb_addf(doc_rows, "\"><td class=\"lvl%d\">", it->level < 0 ? 0 : it->level > 3 ? 3 : it->level);
    ah_esc(doc_rows, it->code ? it->code : "");
    sb_addf(doc_rows, "</td><td><a href=\"item-%lld.html\">", (long long)it->id);
    ah_esc(doc_rows, it->title && *it->title ? it->title : "(no title)");
    sb_addf(doc_rows, "</a></td><td class=\"num\">%d</td><td>", nvalues);
    flag_badges(doc_rows, f, reviewed);
    af_badges(doc_rows, it->flags & ~(unsigned)(AF_LOW | AF_RESTORED)); /* those two are shown above */
    sb_adds(doc_rows, "</td></tr>\n");
    free(title);
    sb_free(&sb);
    sb_free(&body);
    return e->code;
}

static int by_code(const void *a, const void *b)
{
    const ar_item *x = *(ar_item *const *)a, *y = *(ar_item *const *)b;
    int k = strcmp(x->code ? x->code : "", y->code ? y->code : "");
    return k ? k : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The occurrence of each item's code in the document, as review_key_of counts it (items of the same code,
 * "" for none, up to this one in seq order): the items sorted by code then seq, counted in runs. */
static void occurrences(ar_item *v, int n)
{
    if (n <= 0)
        return;
    ar_item **p = xmalloc((size_t)n * sizeof *p);
    for (int i = 0; i < n; i++)
        p[i] = &v[i];
    qsort(p, (size_t)n, sizeof *p, by_code);
    for (int i = 0; i < n; i++)
        p[i]->occurrence = i && !strcmp(p[i]->code ? p[i]->code : "", p[i - 1]->code ? p[i - 1]->code : "")
                               ? p[i - 1]->occurrence + 1 : 1;
    free(p);
}

static void free_items(ar_item *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].kind);
        free(v[i].code);
        free(v[i].title);
    }
    free(v);
}

/* One document: its items' pages, then its own page; appends its row to the index. */
static int document(ar_ctx *c, sqlite3_stmt *ds, strbuf *index, pp_err *e)
{
    av_doc d = { sqlite3_column_int64(ds, 0), col(ds, 1), col(ds, 2), sqlite3_column_int(ds, 9) > 0 };
    const char *province = col(ds, 4);
    ar_item *items = NULL;
    int n = 0, rc;
    size_t cap = 0;
    sqlite3_bind_int64(c->items, 1, d.id);
    while ((rc = sqlite3_step(c->items)) == SQLITE_ROW) {
        PP_GROW(items, (size_t)n + 1, cap, 32);
        ar_item *it = &items[n++];
        it->id = sqlite3_column_int64(c->items, 0);
        it->kind = xstrdup(col(c->items, 1) ? col(c->items, 1) : "");
        it->level = sqlite3_column_int(c->items, 2);
        it->code = col(c->items, 3) ? xstrdup(col(c->items, 3)) : NULL;
        it->title = col(c->items, 4) ? xstrdup(col(c->items, 4)) : NULL;
        it->seq = n - 1;
        it->occurrence = 0;
    }
    sqlite3_reset(c->items);
    if (rc != SQLITE_DONE) {
        free_items(items, n);
        return db_fail(c->db, e, "reading items");
    }
    occurrences(items, n);
    if (review_doc_has(c->rv, d.hash, &c->doc_reviewed, e)) {
        free_items(items, n);
        return e->code;
    }
    /* The flags of every item, from its record (rejected items kept: they are still shown). */
    rec_doc rd;
    if (rec_load(c->rec, d.id, &rd, e)) {
        free_items(items, n);
        return e->code;
    }
    if (load_sources(c, d.id, e)) {
        rec_doc_free(&rd);
        free_items(items, n);
        return e->code;
    }
    for (size_t r = 0, i = 0; r < rd.nitems && !e->code; r++) {
        unsigned ff[REVIEW_NFIELDS], all = 0;
        af_item_record(&rd.items[r], ff);
        size_t lo, hi = item_sources(c, rd.items[r].id, &lo);
        for (size_t k = lo; k < hi; k++)
            af_source(&c->af, ff, c->src[k].field, c->src[k].rule, c->src[k].has_conf, c->src[k].conf,
                      page_unsure(c, c->src[k].page));
        for (int k = 0; k < REVIEW_NFIELDS; k++)
            all |= ff[k];
        while (i < (size_t)n && items[i].id != rd.items[r].id)
            i++;
        if (i < (size_t)n)
            items[i].flags = all;
        for (int k = 0; k < REVIEW_NFIELDS; k++)
            for (int b = 0; b < AF_N; b++)
                c->n->flags[b] += !!(ff[k] & (1u << b));
    }
    rec_doc_free(&rd);
    if (e->code) {
        free_items(items, n);
        return e->code;
    }
    if (c->o->flagged) { /* --flagged: only the items with a flag get a page and a row */
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (items[i].flags) {
                items[kept++] = items[i];
            } else {
                free(items[i].kind);
                free(items[i].code);
                free(items[i].title);
            }
        }
        n = kept;
    }
    int low0 = c->n->low, restored0 = c->n->restored, values0 = c->n->values;
    strbuf rows = STRBUF_INIT, page = STRBUF_INIT;
    for (int i = 0; i < n && !e->code; i++)
        item_page(c, &d, province, &items[i], i, n, items, &rows, e);
    if (!e->code) {
        ah_begin_css(&page, d.source, AR_CSS);
        nav(&page, province, -1, NULL);
        sb_adds(&page, "<h1>");
        ah_esc(&page, d.source);
        sb_adds(&page, "</h1>\n<table>");
        static const char *const names[] = { "kind", "number", "date", "issuer", "province", "title", "period" };
        static const int cols[] = { 5, 6, 7, 8, 4, 10, 11 };
        for (int k = 0; k < 7; k++) {
            sb_adds(&page, "<tr><th>");
            sb_adds(&page, names[k]);
            sb_adds(&page, "</th><td>");
            ah_esc(&page, col(ds, cols[k]));
            sb_adds(&page, "</td></tr>");
        }
        sb_addf(&page, "<tr><th>content hash</th><td><code>%s</code></td></tr></table>\n", d.hash);
        sb_addf(&page, "<h2>Items (%d)</h2>\n", n);
        filters(&page, "items");
        sb_adds(&page, "<table><tr><th>code</th><th>title</th><th>values</th><th>flags</th></tr>\n");
        sb_add(&page, rows.buf, rows.len);
        sb_adds(&page, "</table>\n<h2>Document fields beside their source</h2>\n");
        int dummy = 0;
        cards(c, &page, &d, -1, 1, &dummy, e);
        ah_end(&page);
        char name[64];
        snprintf(name, sizeof name, "doc-%lld.html", (long long)d.id);
        if (!e->code)
            ah_write_new(c->o->out_dir, name, &page, e);
        sb_addf(index, "<tr><td><a href=\"%s\">", name);
        ah_esc(index, d.source);
        sb_adds(index, "</a></td><td>");
        ah_esc(index, col(ds, 5));
        sb_adds(index, " ");
        ah_esc(index, col(ds, 6));
        sb_addf(index, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                       "<td class=\"num\">%d</td></tr>\n",
                n, c->n->values - values0, c->n->low - low0, c->n->restored - restored0);
    }
    c->n->items += n;
    c->n->documents++;
    sb_free(&rows);
    sb_free(&page);
    free_items(items, n);
    return e->code;
}

static void province_anchor(strbuf *sb, const char *p)
{
    sb_adds(sb, "p-");
    for (const unsigned char *q = (const unsigned char *)(p ? p : ""); *q; q++)
        sb_addf(sb, "%02x", *q);
}

int ar_write(pp_db *db, const ar_opts *o, ar_counts *n, pp_err *e)
{
    memset(n, 0, sizeof *n);
    if (fs_mkdirs(o->out_dir, PP_EXIT_INPUT, e))
        return e->code;
    if (db_user_version(db) < 3)
        return pp_err_set(e, PP_EXIT_DB, "%s: no extraction tables yet (run parplan-extract first)", db->path);
    ar_ctx c = { .db = db, .o = o, .n = n };
    sqlite3_stmt *ds = NULL;
    strbuf index = STRBUF_INIT, body = STRBUF_INIT;
    sb_init(&c.flagged);
    sb_init(&c.csv);
    if (av_init(&c.av, db, o->out_dir, o->root, o->low, o->max_width, e) || review_open(db, &c.rv, e) ||
        rec_open(db, &c.rec, e) || af_init(&c.af, db, o->low, e) ||
        db_prepare(db, &ds,
                   "SELECT d.id, d.source, d.hash, d.format, coalesce(d.province, ''), d.kind, d.number, d.date, "
                   "d.issuer, (SELECT count(*) FROM pages p WHERE p.document_id = d.id AND p.method = 'ocr'), "
                   "d.title, d.period FROM documents d WHERE d.id IN (SELECT document_id FROM extractions) "
                   "AND (?1 IS NULL OR d.id = ?1 OR d.source = ?1 OR (length(?1) >= 8 AND d.hash LIKE ?1 || '%')) "
                   "AND (?2 IS NULL OR d.province = ?2) "
                   "ORDER BY coalesce(d.province, ''), d.source, d.id", e) ||
        db_prepare(db, &c.items,
                   "SELECT id, kind, level, code, title FROM items WHERE document_id = ?1 ORDER BY seq", e) ||
        db_prepare(db, &c.sources,
                   "SELECT id, field, rule, text, page, line, char_start, line_end, char_end, confidence "
                   ", coalesce(item_id, 0) FROM sources WHERE document_id = ?1", e) ||
        (c.af.has_prep
             ? db_prepare(db, &c.unsure, "SELECT number, (coalesce(orientation_unsure, 0) > 0) | ((prep_unsure IS NOT "
                                         "NULL) << 1) FROM pages WHERE document_id = ?1 AND (orientation_unsure > 0 OR "
                                         "prep_unsure IS NOT NULL)", e)
             : c.af.has_orient && db_prepare(db, &c.unsure, "SELECT number, 1 FROM pages WHERE document_id = ?1 AND "
                                                            "orientation_unsure > 0", e)))
        goto done;
    rec_keep_rejected(c.rec, 1);
    if (o->doc) {
        char *end;
        long long v = strtoll(o->doc, &end, 10);
        if (*o->doc && !*end)
            sqlite3_bind_int64(ds, 1, v);
        else
            sqlite3_bind_text(ds, 1, o->doc, -1, SQLITE_STATIC);
    }
    if (o->province)
        sqlite3_bind_text(ds, 2, o->province, -1, SQLITE_STATIC);
    sb_adds(&c.csv, "item_id,document_hash,item_code,occurrence,field,extracted,status,action,value\r\n");
    char *last_province = NULL;
    int rc;
    while ((rc = sqlite3_step(ds)) == SQLITE_ROW) {
        const char *p = col(ds, 4);
        if (!last_province || strcmp(last_province, p)) {
            if (last_province)
                sb_adds(&body, "</table>\n");
            sb_adds(&body, "<h2 id=\"");
            province_anchor(&body, p);
            sb_adds(&body, "\">");
            ah_esc(&body, *p ? p : "(province unknown)");
            sb_adds(&body, "</h2>\n<table><tr><th>document</th><th>kind, number</th><th>items</th><th>values</th>"
                           "<th>low confidence</th><th>restored</th></tr>\n");
            free(last_province);
            last_province = xstrdup(p);
        }
        if (document(&c, ds, &body, e))
            break;
    }
    if (last_province)
        sb_adds(&body, "</table>\n");
    free(last_province);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && !e->code)
        db_fail(db, e, "reading documents");
    if (e->code)
        goto done;
    n->crops = c.av.crops;
    n->crop_failures = c.av.crop_failures;

    ah_begin_css(&index, "parplan audit report", AR_CSS);
    sb_adds(&index, "<h1>Audit report</h1>\n<nav><a href=\"flagged.html\">flagged values</a>"
                    "<a href=\"review.csv\">review.csv</a></nav>\n<h2>Summary</h2>\n<table>");
    sb_addf(&index, "<tr><th>documents</th><td class=\"num\">%d</td></tr><tr><th>items</th><td class=\"num\">%d"
                    "</td></tr><tr><th>values with a source</th><td class=\"num\">%d</td></tr>\n",
            n->documents, n->items, n->values);
    sb_addf(&index, "<tr><th><a href=\"flagged.html#low\">low confidence</a> (below %g)</th><td class=\"num\">"
                    "%d</td></tr><tr><th><a href=\"flagged.html#restored\">restored text</a></th><td class=\"num\">"
                    "%d</td></tr>\n", o->low, n->low, n->restored);
    sb_addf(&index, "<tr><th>fields accepted</th><td class=\"num\">%d</td></tr><tr><th>fields corrected</th>"
                    "<td class=\"num\">%d</td></tr><tr><th>stale acceptances</th><td class=\"num\">%d</td></tr>"
                    "<tr><th>crops</th><td class=\"num\">%d (%d unavailable)</td></tr></table>\n",
            n->accepted, n->corrected, n->stale, n->crops, n->crop_failures);
    sb_adds(&index, "<h2>Flags</h2>\n<table id=\"flags\"><tr><th>flag</th><th>values</th></tr>\n");
    for (int b = 0; b < AF_N; b++)
        sb_addf(&index, "<tr><td><span class=\"flag f-%s\">%s</span></td><td class=\"num\" id=\"n-%s\">%d</td>"
                        "</tr>\n", af_names[b], af_labels[b], af_names[b], n->flags[b]);
    sb_adds(&index, "</table>\n");
    sb_adds(&index, "<h2>Documents by province</h2>\n");
    sb_add(&index, body.buf, body.len);
    if (!n->documents)
        sb_adds(&index, "<p>No extracted document.</p>\n");
    ah_end(&index);

    strbuf fl = STRBUF_INIT;
    ah_begin_css(&fl, "Flagged values", AR_CSS);
    sb_adds(&fl, "<nav><a href=\"index.html\">All documents</a></nav>\n<h1>Flagged values</h1>\n");
    filters(&fl, "values");
    sb_adds(&fl, "<div class=\"cards\">\n");
    sb_add(&fl, c.flagged.buf, c.flagged.len);
    sb_adds(&fl, "</div>\n");
    ah_end(&fl);
    if (!ah_write_style(o->out_dir, AR_CSS, e) && !ah_write(o->out_dir, "flagged.html", &fl, e) &&
        !ah_write(o->out_dir, "review.csv", &c.csv, e))
        ah_write(o->out_dir, "index.html", &index, e);
    sb_free(&fl);
done:
    sqlite3_finalize(ds);
    sqlite3_finalize(c.items);
    sqlite3_finalize(c.sources);
    sqlite3_finalize(c.unsure);
    free_sources(&c);
    free(c.src);
    free(c.unsure_pages);
    review_close(c.rv);
    rec_close(c.rec);
    af_free(&c.af);
    av_free(&c.av);
    sb_free(&index);
    sb_free(&body);
    sb_free(&c.flagged);
    sb_free(&c.csv);
    return e->code;
}
