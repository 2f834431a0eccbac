/* extract/extract_doc.c (prefix ex_) — see extract_doc.h.
 *
 * Fields are found on the folded text and cut out of the original through the fold map, so a value is
 * always the text as written (diacritics, case, OCR damage and all) and its source span points at it.
 * Labels ("Mục tiêu:", "Đơn vị chủ trì:", "Thời gian hoàn thành:") slice an item's body into regions;
 * target, points and baseline rules run in the target region, bodies are split and resolved against
 * rules/bodies.txt in the lead / support regions.  Table rows take their regions from their cells. */
#include "extract/extract_doc.h"
#include "db/dbrows.h"
#include "extract/extract_table.h"
#include "extract/fields.h"
#include "core/json.h"
#include "core/lines.h"
#include "extract/segment.h"
#include "core/strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define EX_HEADER_LINES 40
#define EX_MAX_TARGETS 32
#define EX_MAX_BODIES 24
/* An item's sources are numbered item id * EX_SOURCE_IDS + position in the sources view (the view in
 * db_schema_extract.c multiplies by the same number); an item has a few dozen at most. */
#define EX_SOURCE_IDS 1024

struct ex_stmts {
    pp_db *db;
    sqlite3_stmt *pages, *lines, *current, *has_items, *del_targets, *del_item_bodies, *del_items, *del_extraction,
        *ins_extraction, *upd_doc, *max_item, *body_find, *body_ins, *source;
    /* a document's rows, written together when it is done (dbrows.h) */
    dbrows *items, *targets, *item_bodies;
    et_stmts tables;
    /* body ids by province and name; those added since bodies_mark belong to the document being
     * written, and are forgotten if it is rolled back (ex_rolled_back) */
    strmap bodies;
    size_t bodies_mark;
};

/* ---------------- rules directory ---------------- */

int ex_rules_load(const char *dir, ex_rules *r, pp_err *e)
{
    memset(r, 0, sizeof *r);
    r->dir = xstrdup(dir);
    if (rl_load_dir(dir, &r->rules, e))
        return e->code;
    static const char *const names[] = { "bodies.txt", "provinces.txt", "kinds.txt", "indexes.txt",
                                         "deadlines.txt" };
    gz_list **dst[] = { &r->bodies, &r->provinces, &r->kinds, &r->indexes, &r->deadlines };
    for (int i = 0; i < 5; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        int rc = gz_load(p, dst[i], e);
        free(p);
        if (rc)
            return rc;
    }
    const gz_list *voc[] = { r->bodies, r->deadlines };
    xc_vocab_build(&r->vocab, voc, 2);
    return PP_OK;
}

void ex_rules_free(ex_rules *r)
{
    rl_free(r->rules);
    gz_free(r->bodies);
    gz_free(r->provinces);
    gz_free(r->kinds);
    gz_free(r->indexes);
    gz_free(r->deadlines);
    xc_vocab_free(&r->vocab);
    free(r->dir);
    memset(r, 0, sizeof *r);
}

/* ---------------- statements ---------------- */

int ex_stmts_open(pp_db *db, ex_stmts **out, pp_err *e)
{
    /* Every row this stage writes is a child of a row it wrote (or read) in the same transaction, so the
     * foreign keys hold by construction; checking them cost a tenth of the stage's time.  The deletes
     * below remove the children themselves instead of relying on ON DELETE CASCADE.  Other stages keep
     * enforcement on (db_open).
     * The same holds for the CHECK constraints (an item's kind, a body's role: this stage writes them
     * from constants).  Checking "role IN ('lead','support','monitor')" builds a temporary table for every
     * INSERT statement that runs it, and that was a seventh of the stage's instructions. */
    if (db_exec(db, "PRAGMA foreign_keys = OFF", e) || db_exec(db, "PRAGMA ignore_check_constraints = ON", e))
        return e->code;
    ex_stmts *s = xcalloc(1, sizeof *s);
    s->db = db;
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        { &s->pages, "SELECT id, number, method = 'text', text FROM pages WHERE document_id = ?1 ORDER BY number" },
        { &s->lines, "SELECT number, text, confidence FROM lines WHERE page_id = ?1 ORDER BY number" },
        { &s->current, "SELECT rules_hash = ?2 AND version = ?3 FROM extractions WHERE document_id = ?1" },
        /* foreign keys are not enforced on this connection (ex_stmts_open): the children go first */
        { &s->has_items, "SELECT 1 FROM items WHERE document_id = ?1 LIMIT 1" },
        { &s->del_targets, "DELETE FROM targets WHERE item_id IN (SELECT id FROM items WHERE document_id = ?1)" },
        { &s->del_item_bodies, "DELETE FROM item_bodies WHERE item_id IN (SELECT id FROM items WHERE document_id = ?1)" },
        { &s->del_items, "DELETE FROM items WHERE document_id = ?1" },
        { &s->del_extraction, "DELETE FROM extractions WHERE document_id = ?1" },
        { &s->ins_extraction, "INSERT INTO extractions (document_id, rules_hash, version, items, run_id, evidence) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
        { &s->upd_doc, "UPDATE documents SET kind = ?2, number = ?3, date = ?4, issuer = ?5, province = ?6, "
                       "title = ?7, period = ?8 WHERE id = ?1" },
        { &s->max_item, "SELECT coalesce(max(id), 0) FROM items" },
        { &s->body_find, "SELECT id FROM bodies WHERE province = ?1 AND name = ?2" },
        { &s->body_ins, "INSERT INTO bodies (province, name, known) VALUES (?1, ?2, ?3)" },
        { &s->source, "SELECT source FROM documents WHERE id = ?1" },
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (db_prepare(db, q[i].st, q[i].sql, e)) {
            ex_stmts_close(s);
            return e->code;
        }
    if (dbrows_open(db, "items",
                    "id, document_id, seq, parent_id, kind, level, code, code_inferred, title, target_text, "
                    "group_body_id, points_target, points_max, baseline_value, baseline_unit, baseline_year, "
                    "deadline, product, page, line, confidence, evidence", 22, &s->items, e) ||
        dbrows_open(db, "targets", "item_id, seq, text, value, unit, op, year, rule", 8, &s->targets, e) ||
        dbrows_open(db, "item_bodies", "item_id, role, seq, body_id, text", 5, &s->item_bodies, e) ||
        et_stmts_open(db, &s->tables, e)) {
        ex_stmts_close(s);
        return e->code;
    }
    *out = s;
    return PP_OK;
}

void ex_stmts_close(ex_stmts *s)
{
    if (!s)
        return;
    sqlite3_stmt *all[] = { s->pages, s->lines, s->current, s->has_items, s->del_targets, s->del_item_bodies, s->del_items,
                            s->del_extraction, s->ins_extraction, s->upd_doc, s->max_item,
                            s->body_find, s->body_ins, s->source };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    dbrows *rows[] = { s->items, s->targets, s->item_bodies };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        dbrows_close(rows[i]);
    et_stmts_close(&s->tables);
    strmap_clear(&s->bodies);
    free(s);
}

int ex_is_current(ex_stmts *s, int64_t doc_id, const char *rules_hash, pp_err *e)
{
    sqlite3_bind_int64(s->current, 1, doc_id);
    db_bind_text(s->current, 2, rules_hash);
    db_bind_text(s->current, 3, PARPLAN_VERSION);
    int rc = sqlite3_step(s->current);
    int cur = rc == SQLITE_ROW && sqlite3_column_int(s->current, 0);
    sqlite3_reset(s->current);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -db_fail(s->db, e, "reading extractions");
    return cur;
}

/* ---------------- working state of one document ---------------- */

typedef struct ex_doc {
    ex_stmts *st;
    ex_rules *r;
    sg_doc d;
    sg_tree t;
    int64_t doc_id;
    char *province; /* canonical, for bodies */
    int width;      /* prose width (extract_cols.h) */
    int labelled;   /* the document names its bodies with labels somewhere: no column leftovers to guess;
                       -1 until an item needs to know (ex_labelled) */
    et_doc tt;      /* tables read cell by cell (extract_table.h) */
    int64_t next_item; /* the id the next item row takes */
    xc_doc xd;      /* table leftovers of every item, read with the document's prior (extract_cols.h) */
    strbuf ev;      /* the sources of the item (or the document fields) being written: ex_source */
    int nev;        /* how many ev holds */
    pp_err *e;
} ex_doc;

/* Original text of a folded span, tidied (caller frees). */
static char *ex_text(ex_doc *x, sg_span s, const char *strip)
{
    size_t o0, o1;
    sg_orig(&x->d, s, &o0, &o1);
    return fl_tidy(x->d.text.buf + o0, o1 - o0, strip);
}

/* Characters in s[0..n) of valid UTF-8: the bytes less the continuation bytes (10xxxxxx), counted eight
 * at a time (a source's offset is counted from its line's start, and born-digital lines are long). */
static size_t ex_chars(const char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080u;
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        cont += (size_t)__builtin_popcountll(w & ~(w << 1) & high); /* bit 7 set, bit 6 clear */
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

/* Mean OCR confidence of the lines l0..l1 a span touches; < 0 when none (text input). */
static double ex_conf_lines(ex_doc *x, sg_span s, size_t l0, size_t l1)
{
    double cc;
    if (x->tt.ncells && et_conf(&x->tt, s, &cc))
        return cc; /* inside one table cell: that cell's confidence */
    double sum = 0;
    int n = 0;
    for (size_t l = l0; l <= l1; l++)
        if (x->d.lines[l].conf >= 0) {
            sum += x->d.lines[l].conf;
            n++;
        }
    return n ? sum / n : -1;
}

static double ex_conf(ex_doc *x, sg_span s)
{
    return ex_conf_lines(x, s, sg_line_at(&x->d, s.a), sg_line_at(&x->d, s.b > s.a ? s.b - 1 : s.a));
}

static void ex_rows_text(dbrows *q, const char *s)
{
    dbrows_text(q, s, s ? strlen(s) : 0);
}

/* Adds where a value came from to the sources of the item (or the document fields) being written: one
 * JSON array [field, seq, rule, text, page, line, char_start, line_end, char_end, confidence] per value,
 * stored in the item's (or the extraction's) evidence column and read as rows through the sources view
 * (db_schema_extract.c).  One column rather than a row per value: the rows were most of what the stage
 * wrote (docs/extract.md).  An empty span has no source.  `column` is the item row's value of the field
 * when it holds one: when the text as written is that value byte for byte (most titles, many target
 * texts), the JSON holds null and the sources view takes the column, so the text is stored once. */
static int ex_source_as(ex_doc *x, const char *field, int seq, const char *rule, sg_span s, const char *column)
{
    s = sg_trim(&x->d, s);
    if (s.b <= s.a)
        return PP_OK;
    if (x->nev >= EX_SOURCE_IDS - 1)
        return pp_err_set(x->e, PP_EXIT_INTERNAL, "more than %d sources for one item", EX_SOURCE_IDS - 1);
    size_t o0, o1;
    sg_orig(&x->d, s, &o0, &o1);
    size_t l0 = sg_line_at(&x->d, s.a), l1 = l0;
    while (l1 + 1 < x->d.n && x->d.lines[l1 + 1].f0 <= s.b - 1) /* a span covers a line or a few */
        l1++;
    const sg_line *a = &x->d.lines[l0], *b = &x->d.lines[l1];
    strbuf *q = &x->ev;
    if (!x->nev)
        sb_reset(q); /* the last item's sources, written by now (ex_sources_end) */
    sb_adds(q, x->nev++ ? ",[" : "[[");
    /* field and rule names are valid UTF-8 like the document's text (sg_doc_fold); the numbers go in
     * through a buffer, one append for each run of them */
    char num[6 * 24], *p = num;
    js_strn_valid(q, field, strlen(field));
    *p++ = ',';
    p = js_put_int(p, seq);
    *p++ = ',';
    sb_add(q, num, (size_t)(p - num));
    if (rule)
        js_strn_valid(q, rule, strlen(rule));
    else
        sb_adds(q, "null");
    sb_addc(q, ',');
    if (column && strlen(column) == o1 - o0 && memcmp(column, x->d.text.buf + o0, o1 - o0) == 0)
        sb_adds(q, "null");
    else
        js_strn_valid(q, x->d.text.buf + o0, o1 - o0);
    int64_t nums[] = { a->page, a->number, (int64_t)ex_chars(x->d.text.buf + a->o0, o0 - a->o0), b->number,
                       (int64_t)ex_chars(x->d.text.buf + b->o0, o1 - b->o0) };
    p = num;
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        *p++ = ',';
        p = js_put_int(p, nums[i]);
    }
    *p++ = ',';
    sb_add(q, num, (size_t)(p - num));
    double c = ex_conf_lines(x, s, l0, l1);
    if (c >= 0)
        js_num(q, c);
    else
        sb_adds(q, "null");
    sb_addc(q, ']');
    return PP_OK;
}

static int ex_source(ex_doc *x, const char *field, int seq, const char *rule, sg_span s)
{
    return ex_source_as(x, field, seq, rule, s, NULL);
}

/* Ends the sources gathered since the last call: the JSON array's text in *json (n bytes), or NULL when
 * there are none.  The text stays valid until the next ex_source, which starts the next array. */
static void ex_sources_end(ex_doc *x, const char **json, size_t *n)
{
    *json = NULL;
    *n = 0;
    if (x->nev) {
        sb_addc(&x->ev, ']');
        *json = x->ev.buf;
        *n = x->ev.len;
    }
    x->nev = 0;
}

/* All matches of every rule of `field` inside [a,b), as folded spans (per rule, left to right). */
typedef struct ex_hit {
    rl_match m;
    size_t a, b;
} ex_hit;

static size_t ex_all(ex_doc *x, const char *field, sg_span in, ex_hit *out, size_t max, size_t n)
{
    const rl_rule *r;
    size_t nr = rl_field(x->r->rules, field, &r);
    for (size_t i = 0; i < nr; i++) {
        size_t pos = in.a;
        rl_match m;
        while (n < max && pos < in.b && rl_exec(x->r->rules, &r[i], x->d.f.buf, in.b, pos, 0, &m) == 1) {
            out[n].m = m;
            out[n].a = m.start;
            out[n].b = m.end;
            n++;
            pos = m.end > m.start ? m.end : m.start + 1;
        }
    }
    return n;
}

/* ---------------- labels ---------------- */

enum { R_TARGET, R_TASK, R_LEAD, R_SUPPORT, R_MONITOR, R_DEADLINE, R_PRODUCT, R_RESP, R_N };
static const char *const ex_label_fields[R_N] = { "label.target", "label.task", "label.lead", "label.support",
                                                  "label.monitor", "label.deadline", "label.product",
                                                  "label.resp" };

typedef struct ex_region {
    sg_span sp[4];
    int n;
    const char *rule[4];
} ex_region;

static int ex_hit_cmp(const void *p, const void *q)
{
    const ex_hit *a = p, *b = q;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b > b->b ? -1 : (a->b < b->b);
}

/* A plan that writes "Chủ trì: …" / "phối hợp: …" does so for its tasks; an item without them (a list of
 * criteria) has no bodies, not table columns lost in OCR.  Two scans of the whole document, so made
 * only when an item asks (a table's rows never do). */
static int ex_labelled(ex_doc *x)
{
    if (x->labelled < 0) {
        rl_match m;
        x->labelled = rl_first(x->r->rules, "label.lead", x->d.f.buf, x->d.f.len, 0, 0, &m) == 1 ||
                      rl_first(x->r->rules, "label.support", x->d.f.buf, x->d.f.len, 0, 0, &m) == 1;
    }
    return x->labelled;
}

/* Slices body into labelled regions; returns the end of the unlabelled lead-in. */
static size_t ex_labels(ex_doc *x, sg_span body, ex_region reg[R_N])
{
    ex_hit h[64];
    int role[64];
    size_t n = 0;
    for (int k = 0; k < R_N; k++) {
        size_t before = n;
        n = ex_all(x, ex_label_fields[k], body, h, 64, n);
        for (size_t i = before; i < n; i++)
            role[i] = k;
    }
    /* a list marker before a label at the start of its line belongs to it ("- Mục tiêu:", "a) Chủ trì:"):
     * the region before ends where the marker starts */
    for (size_t i = 0; i < n; i++) {
        size_t li = sg_line_at(&x->d, h[i].a), marker, text;
        if (sg_line_marker(&x->d, x->r->rules, li, &marker, &text) && marker >= body.a && text <= h[i].a) {
            size_t k = text;
            while (k < h[i].a && x->d.f.buf[k] == ' ')
                k++;
            if (k == h[i].a)
                h[i].a = marker;
        }
    }
    /* sort with roles */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ex_hit_cmp(&h[j - 1], &h[j]) > 0; j--) {
            ex_hit th = h[j - 1];
            h[j - 1] = h[j];
            h[j] = th;
            int tr = role[j - 1];
            role[j - 1] = role[j];
            role[j] = tr;
        }
    size_t lead_in = n ? h[0].a : body.b;
    size_t last_end = 0;
    for (size_t i = 0; i < n; i++) {
        if (h[i].a < last_end)
            continue; /* overlapping label */
        size_t end = body.b;
        for (size_t j = i + 1; j < n; j++)
            if (h[j].a >= h[i].b) {
                end = h[j].a;
                break;
            }
        ex_region *g = &reg[role[i]];
        if (g->n < 4) {
            g->sp[g->n] = (sg_span){ h[i].b, end };
            g->rule[g->n] = h[i].m.rule->name;
            g->n++;
        }
        last_end = h[i].b;
    }
    return lead_in;
}

/* ---------------- bodies ---------------- */

typedef struct ex_body {
    sg_span sp;
    int entry;
} ex_body;

static int ex_connector(const char *s, size_t n)
{
    /* the words that may stand between two bodies in one cell */
    static const char *const w[] = { "va", "voi", "cung", NULL };
    for (int i = 0; w[i]; i++)
        if (strlen(w[i]) == n && memcmp(w[i], s, n) == 0)
            return 1;
    return 0;
}

static int ex_gap_is_sep(const char *k, size_t a, size_t b)
{
    while (a < b) {
        while (a < b && k[a] == ' ')
            a++;
        size_t w = a;
        while (w < b && k[w] != ' ')
            w++;
        if (w > a && !ex_connector(k + a, w - a))
            return 0;
        a = w;
    }
    return 1;
}

/* The original text at folded offset f (spaces skipped) starts with a lower-case letter. */
static int ex_continues(ex_doc *x, size_t f, size_t end)
{
    while (f < end && x->d.f.buf[f] == ' ')
        f++;
    if (f >= end)
        return 0;
    size_t o = x->d.fmap[f];
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)x->d.text.buf + o, (utf8proc_ssize_t)(x->d.text.len - o), &c) <= 0)
        return 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Splits a region into bodies: on line breaks and ';', then between known names. */
static size_t ex_bodies(ex_doc *x, sg_span s, ex_body *out, size_t max)
{
    size_t n = 0;
    const char *f = x->d.f.buf;
    size_t p = s.a;
    while (p < s.b && n < max) {
        size_t q = p;
        /* a line that starts in lower case continues the name the line before broke ("Trung tâm Phục vụ
         * hành\nchính công tỉnh"); a body on its own line starts with a capital */
        while (q < s.b && f[q] != ';' && (f[q] != '\n' || ex_continues(x, q + 1, s.b)))
            q++;
        sg_span piece = sg_trim(&x->d, (sg_span){ p, q });
        /* strip bullets and a leading label residue */
        while (piece.a < piece.b && (f[piece.a] == '-' || f[piece.a] == '+' || f[piece.a] == '*' ||
                                     f[piece.a] == ':' || f[piece.a] == ' ' || f[piece.a] == '.'))
            piece.a++;
        if (piece.a < piece.b) {
            gz_key k;
            gz_key_make(f + piece.a, piece.b - piece.a, &k);
            gz_hit hits[EX_MAX_BODIES];
            size_t nh = gz_find(x->r->bodies, k.s, k.len, hits, EX_MAX_BODIES);
            size_t cur = 0, cur_end = 0, last_end = 0; /* key offsets */
            int cur_entry = -1, open = 0;
            for (size_t i = 0; i <= nh && n < max; i++) {
                size_t hs = i < nh ? hits[i].start : k.len;
                if (open) {
                    if (!ex_gap_is_sep(k.s, cur_end, hs)) {
                        /* words follow that are not a known name: they belong to this piece */
                        cur_entry = -1;
                        cur_end = i < nh ? hits[i].end : k.len;
                        if (i < nh)
                            continue;
                    }
                    out[n].sp = (sg_span){ piece.a + k.map[cur], piece.a + k.map[cur_end - 1] + 1 };
                    out[n].entry = cur_entry;
                    n++;
                    last_end = cur_end;
                    open = 0;
                }
                if (i == nh || n >= max)
                    break;
                /* unknown words before a known name make one piece with it */
                int joined = hits[i].start > last_end && !ex_gap_is_sep(k.s, last_end, hits[i].start);
                cur = joined ? last_end : hits[i].start;
                while (joined && cur < k.len && k.s[cur] == ' ')
                    cur++;
                cur_entry = joined ? -1 : hits[i].entry;
                cur_end = hits[i].end;
                open = 1;
            }
            if (nh == 0 && k.len > 0 && n < max) {
                out[n].sp = piece;
                out[n].entry = -1;
                n++;
            }
            gz_key_free(&k);
        }
        p = q + 1;
    }
    return n;
}

static int ex_body_lookup(ex_doc *x, const char *prov, const char *name, int known, int64_t *id);

static int ex_body_id(ex_doc *x, const char *name, int known, int64_t *id)
{
    const char *prov = x->province ? x->province : "";
    /* a run names the same few dozen bodies again and again: their ids are remembered (ex_stmts.bodies) */
    strbuf key = STRBUF_INIT;
    sb_adds(&key, prov);
    sb_addc(&key, '\x1f');
    sb_adds(&key, name);
    int rc = PP_OK;
    if (!strmap_get(&x->st->bodies, key.buf, key.len, id) &&
        (rc = ex_body_lookup(x, prov, name, known, id)) == PP_OK)
        strmap_put(&x->st->bodies, key.buf, key.len, *id);
    sb_free(&key);
    return rc;
}

static int ex_body_lookup(ex_doc *x, const char *prov, const char *name, int known, int64_t *id)
{
    sqlite3_stmt *q = x->st->body_find;
    db_bind_text(q, 1, prov);
    db_bind_text(q, 2, name);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
        sqlite3_reset(q);
        return PP_OK;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return db_fail(x->st->db, x->e, "reading bodies");
    q = x->st->body_ins;
    db_bind_text(q, 1, prov);
    db_bind_text(q, 2, name);
    sqlite3_bind_int(q, 3, known);
    if (db_step_done(x->st->db, q, x->e, "writing a body"))
        return x->e->code;
    *id = sqlite3_last_insert_rowid(x->st->db->h);
    return PP_OK;
}

static void ex_item_body(ex_doc *x, int64_t item_id, const char *role, int seq, int64_t body_id, const char *text)
{
    dbrows *q = x->st->item_bodies;
    dbrows_int(q, item_id);
    ex_rows_text(q, role);
    dbrows_int(q, seq);
    dbrows_int(q, body_id);
    ex_rows_text(q, text);
}

/* Writes one body of an item: its canonical row (known when entry >= 0), the text as written, a source. */
static int ex_store_body(ex_doc *x, int64_t item_id, const char *role, int seq, int entry, const char *text,
                         sg_span sp, const char *rule)
{
    const char *name = entry >= 0 ? x->r->bodies->e[entry].name : text;
    int64_t bid;
    int rc = ex_body_id(x, name, entry >= 0, &bid);
    if (!rc)
        ex_item_body(x, item_id, role, seq, bid, text);
    if (!rc)
        rc = ex_source(x, role, seq, rule, sp);
    return rc;
}

static int ex_store_bodies(ex_doc *x, int64_t item_id, const char *role, const ex_body *b, size_t n, int *seq)
{
    for (size_t i = 0; i < n; i++) {
        char *text = ex_text(x, b[i].sp, " .,;:-");
        int rc = PP_OK;
        if (*text) {
            rc = ex_store_body(x, item_id, role, *seq, b[i].entry, text, b[i].sp,
                               b[i].entry >= 0 ? "bodies.txt" : "text");
            (*seq)++;
        }
        free(text);
        if (rc)
            return rc;
    }
    return PP_OK;
}

/* Bodies read from table leftovers (extract_cols.h): the text as written is the pieces joined. */
static int ex_store_leftovers(ex_doc *x, int64_t item_id, const char *role, const xc_body *b, int n, int *seq)
{
    for (int i = 0; i < n; i++) {
        strbuf sb = STRBUF_INIT;
        for (int k = 0; k < b[i].npiece; k++) {
            size_t o0, o1;
            sg_orig(&x->d, b[i].piece[k], &o0, &o1);
            if (k)
                sb_addc(&sb, ' ');
            sb_add(&sb, x->d.text.buf + o0, o1 - o0);
        }
        char *text = sb_detach(&sb, NULL);
        int rc = ex_store_body(x, item_id, role, (*seq)++, b[i].entry, text, b[i].sp, b[i].rule);
        free(text);
        if (rc)
            return rc;
    }
    return PP_OK;
}

/* ---------------- targets, points, baseline ---------------- */

typedef struct ex_target {
    sg_span text, val;
    const char *op, *unit, *rule;
    int year;
    double value;
    int has_value;
} ex_target;

static int ex_year_in(ex_doc *x, sg_span s)
{
    const char *f = x->d.f.buf;
    for (size_t i = s.a; i + 8 <= s.b; i++)
        if (memcmp(f + i, "nam ", 4) == 0 && f[i + 4] == '2' && f[i + 5] == '0' && f[i + 6] >= '0' &&
            f[i + 6] <= '9' && f[i + 7] >= '0' && f[i + 7] <= '9')
            return 2000 + (f[i + 6] - '0') * 10 + (f[i + 7] - '0');
    return 0;
}

/* The clause around a match: between ';', '. ', a bulleted line start, or the region's ends. */
static sg_span ex_clause(ex_doc *x, sg_span region, size_t a, size_t b)
{
    const char *f = x->d.f.buf;
    size_t s = a, t = b;
    while (s > region.a) {
        char c = f[s - 1];
        if (c == ';' || (c == '.' && f[s] == ' ') || (c == '\n' && (f[s] == '-' || f[s] == '+')))
            break;
        if (c == ':' && s - region.a < 3)
            break;
        s--;
    }
    while (t < region.b) {
        char c = f[t];
        if (c == ';' || (c == '.' && (t + 1 >= region.b || f[t + 1] == ' ' || f[t + 1] == '\n')) ||
            (c == '\n' && t + 1 < region.b && (f[t + 1] == '-' || f[t + 1] == '+')))
            break;
        t++;
    }
    sg_span r = { s, t };
    r = sg_trim(&x->d, r);
    while (r.a < r.b && (f[r.a] == '-' || f[r.a] == '+' || f[r.a] == ' '))
        r.a++;
    return r;
}

static int ex_value(ex_doc *x, const rl_match *m, const char *group, double *v, sg_span *sp)
{
    size_t a, b;
    if (!rl_group(m, group, &a, &b))
        return 0;
    sg_span s = { a, b };
    size_t o0, o1;
    sg_orig(&x->d, s, &o0, &o1);
    if (sp)
        *sp = s;
    return fl_number(x->d.text.buf + o0, o1 - o0, v);
}

typedef struct ex_item {
    int has_points, has_max, has_base;
    double points, max, base;
    const char *base_unit;
    int base_year;
    sg_span points_sp, base_sp, deadline_sp, product_sp, target_sp;
    const char *points_rule, *base_rule, *deadline_rule, *product_rule;
    ex_target tg[EX_MAX_TARGETS];
    int ntg;
} ex_item;

static int ex_overlaps(size_t a, size_t b, size_t c, size_t d)
{
    return a < d && c < b;
}

/* Points figures of several criteria in one item (a score table, lettered sub-criteria each with its
 * own score): no single value is the item's.  Matches inside a baseline ("năm 2023 đạt 0.5 điểm") and
 * matches overlapping a higher-priority one do not count. */
static int ex_points_ambiguous(ex_doc *x, sg_span region, const ex_hit *bh, size_t nb)
{
    ex_hit h[32];
    size_t n = ex_all(x, "points", region, h, 32, 0);
    double first = 0;
    int have = 0;
    for (size_t i = 0; i < n; i++) {
        int skip = 0;
        for (size_t j = 0; j < nb && !skip; j++)
            skip = ex_overlaps(h[i].a, h[i].b, bh[j].a, bh[j].b);
        for (size_t j = 0; j < i && !skip; j++)
            skip = h[j].m.rule != h[i].m.rule && ex_overlaps(h[i].a, h[i].b, h[j].a, h[j].b);
        double v;
        if (skip || !ex_value(x, &h[i].m, "value", &v, NULL))
            continue;
        if (have && v != first)
            return 1;
        first = v;
        have = 1;
    }
    return 0;
}

static void ex_targets(ex_doc *x, sg_span region, ex_item *it)
{
    rl_match m;
    /* baseline first: "năm 2022 là 83,99%" is a baseline, not a target */
    ex_hit bh[8];
    size_t nb = ex_all(x, "baseline", region, bh, 8, 0);
    for (size_t i = 0; i < nb && !it->has_base; i++) {
        double v;
        if (ex_value(x, &bh[i].m, "value", &v, NULL)) {
            it->has_base = 1;
            it->base = v;
            size_t a, b;
            it->base_unit = rl_group(&bh[i].m, "unit", &a, &b) ? fl_unit(x->d.f.buf + a, b - a) : "%";
            double y;
            it->base_year = ex_value(x, &bh[i].m, "year", &y, NULL) ? (int)y : 0;
            it->base_sp = (sg_span){ bh[i].a, bh[i].b };
            it->base_rule = bh[i].m.rule->name;
        }
    }
    if (!it->has_points && rl_first(x->r->rules, "points", x->d.f.buf, region.b, region.a, 0, &m) == 1 &&
        !ex_points_ambiguous(x, region, bh, nb)) {
        double v;
        if (ex_value(x, &m, "value", &v, NULL)) {
            it->has_points = 1;
            it->points = v;
            it->points_sp = (sg_span){ m.start, m.end };
            it->points_rule = m.rule->name;
            it->has_max = ex_value(x, &m, "max", &it->max, NULL);
        }
    }
    static const char *const tf[] = { "target.increase", "target.ge", "target.gt", "target.le", "target.eq" };
    static const char *const top[] = { "increase>=", ">=", ">", "<=", "=" };
    ex_hit h[64];
    int op[64];
    size_t n = 0;
    for (int k = 0; k < 5; k++) {
        size_t before = n;
        n = ex_all(x, tf[k], region, h, 64, n);
        for (size_t i = before; i < n; i++)
            op[i] = k;
    }
    /* earlier fields win over later ones on overlap (increase, then >=, ...) */
    int keep[64];
    for (size_t i = 0; i < n; i++) {
        keep[i] = 1;
        for (size_t j = 0; j < i && keep[i]; j++)
            if (keep[j] && ex_overlaps(h[i].a, h[i].b, h[j].a, h[j].b))
                keep[i] = 0;
        for (size_t j = 0; j < nb && keep[i]; j++)
            if (ex_overlaps(h[i].a, h[i].b, bh[j].a, bh[j].b))
                keep[i] = 0;
        if (it->has_points && keep[i] && ex_overlaps(h[i].a, h[i].b, it->points_sp.a, it->points_sp.b))
            keep[i] = 0;
    }
    /* in text order */
    for (;;) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (keep[i] && (best == n || h[i].a < h[best].a))
                best = i;
        if (best == n || it->ntg >= EX_MAX_TARGETS)
            break;
        keep[best] = 0;
        ex_target *t = &it->tg[it->ntg];
        memset(t, 0, sizeof *t);
        t->has_value = ex_value(x, &h[best].m, "value", &t->value, &t->val);
        if (!t->has_value)
            continue;
        size_t a, b;
        t->unit = rl_group(&h[best].m, "unit", &a, &b) ? fl_unit(x->d.f.buf + a, b - a) : "count";
        t->op = top[op[best]];
        t->rule = h[best].m.rule->name;
        t->text = ex_clause(x, region, h[best].a, h[best].b);
        double y;
        t->year = ex_value(x, &h[best].m, "year", &y, NULL) ? (int)y : ex_year_in(x, t->text);
        it->ntg++;
    }
}

/* ---------------- document fields ---------------- */

/* Runs the rules of `field` anchored on one line alone (so ^ and $ are the line's ends). */
static int ex_line_rule(ex_doc *x, const char *field, size_t i, rl_match *m)
{
    return sg_line_rule(&x->d, x->r->rules, field, i, m);
}

/* No lower-case letter in s (UTF-8). */
static int ex_no_lower(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0 || utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
            return 0;
        p += k;
        n -= k;
    }
    return 1;
}

static char *ex_titlecase(const char *s)
{
    /* "SƠN HÀ" -> "Sơn Hà": lower everything, upper each word's first letter */
    strbuf sb = STRBUF_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    int start = 1;
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0)
            break;
        int32_t o = start ? utf8proc_toupper(c) : utf8proc_tolower(c);
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t w = utf8proc_encode_char(o, buf);
        sb_add(&sb, buf, (size_t)w);
        start = c == ' ' || c == '-';
        p += k;
        n -= k;
    }
    return sb_detach(&sb, NULL);
}

typedef struct ex_docf {
    char *v[7]; /* kind number date issuer province title period */
    sg_span sp[7];
    const char *rule[7];
} ex_docf;

enum { D_KIND, D_NUMBER, D_DATE, D_ISSUER, D_PROVINCE, D_TITLE, D_PERIOD };
static const char *const ex_dnames[7] = { "kind", "number", "date", "issuer", "province", "title", "period" };

static void ex_set(ex_docf *df, int k, char *v, sg_span sp, const char *rule)
{
    if (df->v[k] || !v || !*v) {
        free(v);
        return;
    }
    df->v[k] = v;
    df->sp[k] = sp;
    df->rule[k] = rule;
}

static char *ex_nospace(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    return s;
}

/* The province of a document whose header names none, from the folders it was filed in
 * ("archive/gia-lai/2023/kh.pdf", "Bình Định/…"): the deepest folder that is a province of
 * rules/provinces.txt.  NULL when none is. */
char *ex_province_of_path(const gz_list *provinces, const char *path)
{
    if (!provinces || !path)
        return NULL;
    const char *end = strrchr(path, '/'); /* the file's own name is not a folder */
    while (end && end > path) {
        const char *start = end;
        while (start > path && start[-1] != '/')
            start--;
        /* folders are names as written: fold them as list names are (gz_key_of) */
        char *k = gz_key_of(start, (size_t)(end - start));
        int ent = k && *k ? gz_exact(provinces, k, strlen(k)) : -1;
        free(k);
        if (ent >= 0)
            return xstrdup(provinces->e[ent].name);
        end = start > path ? start - 1 : NULL;
    }
    return NULL;
}

static void ex_docfields(ex_doc *x, ex_docf *df)
{
    sg_doc *d = &x->d;
    size_t nl = d->n < EX_HEADER_LINES ? d->n : EX_HEADER_LINES;
    if (!nl)
        return;
    sg_span head = { 0, d->lines[nl - 1].f1 };
    rl_match m;
    size_t a, b;
    /* kind and title: a line that is only a kind word; the title follows it */
    for (size_t i = 0; i < nl && !df->v[D_KIND]; i++) {
        const sg_line *l = &d->lines[i];
        if (ex_line_rule(x, "doc.kind", i, &m) == 1 && rl_group(&m, "kind", &a, &b)) {
            (void)l;
            gz_key k;
            gz_key_make(d->f.buf + a, b - a, &k);
            int ent = gz_exact(x->r->kinds, k.s, k.len);
            gz_key_free(&k);
            if (ent < 0)
                continue;
            ex_set(df, D_KIND, xstrdup(x->r->kinds->e[ent].name), (sg_span){ a, b }, m.rule->name);
            /* title: following lines up to a blank line or a title-ending line, at most 4 */
            size_t j = i + 1;
            while (j < d->n && j < i + 2 && sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 }).a ==
                                                d->lines[j].f1)
                j++;
            size_t first = j, last = j;
            for (; j < d->n && j < first + 4; j++) {
                sg_span ls = sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 });
                if (ls.a == ls.b)
                    break;
                if (ex_line_rule(x, "doc.title_end", j, &m) == 1)
                    break;
                last = j + 1;
            }
            if (last > first) {
                sg_span ts = { d->lines[first].f0, d->lines[last - 1].f1 };
                ex_set(df, D_TITLE, ex_text(x, ts, " .;:"), ts, "title-after-kind");
            }
        }
    }
    if (rl_first(x->r->rules, "doc.number", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "number", &a, &b))
        ex_set(df, D_NUMBER, ex_nospace(ex_text(x, (sg_span){ a, b }, " .,;")), (sg_span){ a, b }, m.rule->name);
    if (rl_first(x->r->rules, "doc.date", d->f.buf, head.b, head.a, 0, &m) == 1) {
        double dd = 0, mm = 0, yy = 0;
        char iso[11];
        if (ex_value(x, &m, "d", &dd, NULL) && ex_value(x, &m, "m", &mm, NULL) && ex_value(x, &m, "y", &yy, NULL) &&
            fl_date_iso((int)dd, (int)mm, (int)yy, iso))
            ex_set(df, D_DATE, xstrdup(iso), (sg_span){ m.start, m.end }, m.rule->name);
    }
    if (rl_first(x->r->rules, "doc.issuer", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "issuer", &a, &b)) {
        gz_key k;
        gz_key_make(d->f.buf + a, b - a, &k);
        int ent = gz_exact(x->r->bodies, k.s, k.len);
        gz_key_free(&k);
        char *t = ex_text(x, (sg_span){ a, b }, " .,;:");
        if (ent >= 0) {
            free(t);
            t = xstrdup(x->r->bodies->e[ent].name);
        } else if (sg_trim(d, (sg_span){ a, b }).b > a) {
            char *tc = ex_titlecase(t);
            free(t);
            t = tc;
        }
        ex_set(df, D_ISSUER, t, (sg_span){ a, b }, m.rule->name);
    }
    /* province: named in the header, else the first province the header mentions.  A name that is not
     * in rules/provinces.txt is taken only as a header writes it, in capitals ("UBND TỈNH SƠN HÀ"): in
     * running text "UBND tỉnh giao Sở Nội vụ chủ trì" names no province "Giao" */
    if (rl_first(x->r->rules, "doc.province", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "name", &a, &b)) {
        gz_key k;
        gz_key_make(d->f.buf + a, b - a, &k);
        int ent = gz_exact(x->r->provinces, k.s, k.len);
        gz_key_free(&k);
        if (ent >= 0) {
            ex_set(df, D_PROVINCE, xstrdup(x->r->provinces->e[ent].name), (sg_span){ a, b }, m.rule->name);
        } else {
            char *t = ex_text(x, (sg_span){ a, b }, " .,;:");
            if (ex_no_lower(t))
                ex_set(df, D_PROVINCE, ex_titlecase(t), (sg_span){ a, b }, m.rule->name);
            free(t);
        }
    }
    if (!df->v[D_PROVINCE]) {
        gz_key k;
        gz_key_make(d->f.buf, head.b, &k);
        gz_hit h[64];
        size_t nh = gz_find(x->r->provinces, k.s, k.len, h, 64);
        for (size_t i = 0; i < nh; i++) {
            /* "tỉnh X" / "thành phố X": a bare word could be a person's name */
            size_t s = h[i].start;
            if ((s >= 5 && memcmp(k.s + s - 5, "tinh ", 5) == 0) || (s >= 9 && memcmp(k.s + s - 9, "thanh pho ", 9) == 0) ||
                (s >= 3 && memcmp(k.s + s - 3, "tp ", 3) == 0)) {
                sg_span sp = { k.map[h[i].start], k.map[h[i].end - 1] + 1 };
                ex_set(df, D_PROVINCE, xstrdup(x->r->provinces->e[h[i].entry].name), sp, "provinces.txt");
                break;
            }
        }
        gz_key_free(&k);
    }
    /* period: in the title first, then anywhere in the header */
    sg_span ps = df->v[D_TITLE] ? df->sp[D_TITLE] : head;
    for (int pass = 0; pass < 2 && !df->v[D_PERIOD]; pass++, ps = head) {
        if (rl_first(x->r->rules, "doc.period", d->f.buf, ps.b, ps.a, 0, &m) == 1) {
            double y0 = 0, y1 = 0;
            char buf[32];
            if (ex_value(x, &m, "from", &y0, NULL) && ex_value(x, &m, "to", &y1, NULL))
                snprintf(buf, sizeof buf, "%d-%d", (int)y0, (int)y1);
            else if (ex_value(x, &m, "year", &y0, NULL))
                snprintf(buf, sizeof buf, "%d", (int)y0);
            else
                continue;
            ex_set(df, D_PERIOD, xstrdup(buf), (sg_span){ m.start, m.end }, m.rule->name);
        }
    }
}

/* ---------------- one item ---------------- */

/* Column roles of a table without a recognised header row, by its widest row (seed 001's export put no
 * header in the text). */
static const char *ex_column_role(int ncols, int col)
{
    static const char *const six[] = { "code", "title", "target", "monitor", "lead", "support", "deadline" };
    static const char *const five[] = { "code", "title", "target", "lead", "support" };
    static const char *const four[] = { "code", "title", "lead", "support" };
    if (ncols >= 6)
        return col < 7 ? six[col] : NULL;
    if (ncols == 5)
        return five[col];
    if (ncols == 4)
        return four[col];
    return col == 0 ? "code" : col == 1 ? "title" : col == 2 ? "target" : NULL;
}

static int ex_item_store(ex_doc *x, size_t idx, int64_t *ids, int ncols)
{
    sg_item *si = &x->t.v[idx];
    ex_item it;
    memset(&it, 0, sizeof it);
    ex_region reg[R_N];
    memset(reg, 0, sizeof reg);
    sg_span target_region = { 0, 0 };
    xc_result lo;
    int lo_found = 0;
    if (si->kind == SG_ROW) {
        for (int c = 2; c < si->ncells; c++) {
            const sg_table *tb = si->table >= 0 ? &x->t.tables[si->table] : NULL;
            const char *role = tb ? (c < tb->ncols ? tb->role[c] : NULL) : ex_column_role(ncols, c);
            int rr = !role ? -1 : !strcmp(role, "target") ? R_TARGET : !strcmp(role, "monitor") ? R_MONITOR
                   : !strcmp(role, "lead") ? R_LEAD : !strcmp(role, "support") ? R_SUPPORT
                   : !strcmp(role, "deadline") ? R_DEADLINE : !strcmp(role, "product") ? R_PRODUCT : -1;
            if (rr >= 0 && reg[rr].n < 4) {
                reg[rr].sp[reg[rr].n] = si->cells[c];
                reg[rr].rule[reg[rr].n] = "column";
                reg[rr].n++;
            }
        }
    } else {
        size_t lead_in = ex_labels(x, si->body, reg);
        /* no lead, support or deadline label: an OCR'd table may have left its columns in the text */
        if (si->kind == SG_ITEM && !si->celled && !reg[R_LEAD].n && !reg[R_SUPPORT].n && !reg[R_DEADLINE].n &&
            !ex_labelled(x))
            lo_found = xc_doc_item(&x->xd, &x->d, &x->t, idx, x->width, &x->r->vocab, x->r->bodies,
                                   x->r->deadlines, &lo);
        if (!reg[R_TARGET].n) {
            /* no "Mục tiêu:" label: the unlabelled text after the title holds the targets */
            reg[R_TARGET].sp[0] = (sg_span){ si->body.a, lead_in };
            reg[R_TARGET].rule[0] = "unlabelled";
            reg[R_TARGET].n = 1;
        }
    }
    for (int k = 0; k < reg[R_TARGET].n; k++)
        ex_targets(x, reg[R_TARGET].sp[k], &it);
    if (reg[R_TARGET].n && strcmp(reg[R_TARGET].rule[0], "unlabelled"))
        target_region = sg_trim(&x->d, reg[R_TARGET].sp[0]);
    char *target_text = target_region.b > target_region.a ? ex_text(x, target_region, " ") : NULL;
    char *deadline = NULL, *product = NULL;
    char roman_rule[64];
    if (reg[R_DEADLINE].n) {
        it.deadline_sp = sg_trim(&x->d, reg[R_DEADLINE].sp[0]);
        it.deadline_rule = reg[R_DEADLINE].rule[0];
        deadline = ex_text(x, it.deadline_sp, " .;,:");
        /* "Quý IIl" is "Quý III" (fields.h); the source keeps what was read, its rule says so */
        char *fixed = fl_quarter_roman(deadline);
        if (fixed) {
            free(deadline);
            deadline = fixed;
            snprintf(roman_rule, sizeof roman_rule, "%s+roman", it.deadline_rule);
            it.deadline_rule = roman_rule;
        }
    } else if (lo_found && (lo.deadline_entry >= 0 || lo.deadline_year > 0)) {
        /* read from damaged leftovers: the value is the phrase they stand for, the source as written */
        it.deadline_sp = lo.deadline_sp;
        it.deadline_rule = lo.deadline_entry >= 0 ? "deadlines.txt" : "columns.year";
        deadline = lo.deadline_entry >= 0 ? xstrdup(x->r->deadlines->e[lo.deadline_entry].name)
                                          : xasprintf("Năm %d", lo.deadline_year);
    }
    if (reg[R_PRODUCT].n) {
        it.product_sp = sg_trim(&x->d, reg[R_PRODUCT].sp[0]);
        it.product_rule = reg[R_PRODUCT].rule[0];
        product = ex_text(x, it.product_sp, " .;,:");
    }
    /* agency group: the nearest heading above that names a body */
    int64_t group_body = 0;
    int group_entry = -1;
    for (int p = si->parent; p >= 0; p = x->t.v[p].parent)
        if (x->t.v[p].group >= 0) {
            group_entry = x->t.v[p].group;
            break;
        }
    if (si->group >= 0) {
        if (ex_body_id(x, x->r->bodies->e[si->group].name, 1, &group_body))
            goto fail;
    }
    char *title = ex_text(x, si->title, " ");
    dbrows *q = x->st->items;
    const sg_line *l0 = &x->d.lines[si->line0];
    /* ids are given here, not by SQLite, so the rows can wait for one batched write (ex_document holds
     * the write lock from the first id it reads to the commit) */
    int64_t id = x->next_item++;
    ids[idx] = id;
    dbrows_int(q, id);
    dbrows_int(q, x->doc_id);
    dbrows_int(q, (int64_t)idx);
    if (si->parent >= 0 && ids[si->parent] > 0)
        dbrows_int(q, ids[si->parent]);
    else
        dbrows_null(q);
    ex_rows_text(q, si->kind == SG_SECTION ? "section" : si->kind == SG_ROW ? "row" : "item");
    dbrows_int(q, si->level);
    ex_rows_text(q, si->code);
    dbrows_int(q, si->inferred);
    ex_rows_text(q, title);
    ex_rows_text(q, target_text);
    if (group_body)
        dbrows_int(q, group_body);
    else
        dbrows_null(q);
    if (it.has_points)
        dbrows_double(q, it.points);
    else
        dbrows_null(q);
    if (it.has_max)
        dbrows_double(q, it.max);
    else
        dbrows_null(q);
    if (it.has_base) {
        dbrows_double(q, it.base);
        ex_rows_text(q, it.base_unit);
        if (it.base_year)
            dbrows_int(q, it.base_year);
        else
            dbrows_null(q);
    } else {
        dbrows_null(q);
        dbrows_null(q);
        dbrows_null(q);
    }
    ex_rows_text(q, deadline);
    ex_rows_text(q, product);
    dbrows_int(q, l0->page);
    dbrows_int(q, l0->number);
    double conf = ex_conf(x, (sg_span){ l0->f0, l0->f1 });
    if (conf >= 0)
        dbrows_double(q, conf);
    else
        dbrows_null(q);
    free(deadline);
    free(product);
    /* sources of the single-valued fields */
    sg_span code_sp = { l0->f0, l0->f1 };
    if (si->kind == SG_ROW)
        code_sp = si->cells[0];
    const char *code_rule = si->inferred ? "inferred" : si->celled ? "column" : "heading";
    int bad = ex_source(x, si->inferred ? "code.inferred" : "code", 0, code_rule, code_sp) ||
              ex_source_as(x, "title", 0, si->kind == SG_ROW ? "column" : "heading", si->title, title) ||
              (target_region.b > target_region.a &&
               ex_source_as(x, "target_text", 0, reg[R_TARGET].rule[0], target_region, target_text)) ||
              (it.has_points && ex_source(x, "points", 0, it.points_rule, it.points_sp)) ||
              (it.has_base && ex_source(x, "baseline", 0, it.base_rule, it.base_sp)) ||
              (it.deadline_rule && ex_source(x, "deadline", 0, it.deadline_rule, it.deadline_sp)) ||
              (it.product_rule && ex_source(x, "product", 0, it.product_rule, it.product_sp));
    free(title);
    free(target_text);
    if (bad)
        return x->e->code;
    for (int k = 0; k < it.ntg; k++) {
        ex_target *t = &it.tg[k];
        char *text = ex_text(x, t->text, " ");
        q = x->st->targets;
        dbrows_int(q, id);
        dbrows_int(q, k);
        ex_rows_text(q, text);
        dbrows_double(q, t->value);
        ex_rows_text(q, t->unit);
        ex_rows_text(q, t->op);
        if (t->year)
            dbrows_int(q, t->year);
        else
            dbrows_null(q);
        ex_rows_text(q, t->rule);
        free(text);
        if (ex_source(x, "target", k, t->rule, t->text))
            return x->e->code;
    }
    static const int roles[] = { R_LEAD, R_SUPPORT, R_MONITOR };
    static const char *const rname[] = { "lead", "support", "monitor" };
    for (int k = 0; k < 3; k++) {
        int seq = 0;
        for (int j = 0; j < reg[roles[k]].n; j++) {
            ex_body b[EX_MAX_BODIES];
            size_t nb = ex_bodies(x, reg[roles[k]].sp[j], b, EX_MAX_BODIES);
            if (ex_store_bodies(x, id, rname[k], b, nb, &seq))
                return x->e->code;
        }
        if (lo_found && k < 2 &&
            ex_store_leftovers(x, id, rname[k], k == 0 ? lo.lead : lo.support, k == 0 ? lo.nlead : lo.nsupport, &seq))
            return x->e->code;
        if (roles[k] == R_LEAD && seq == 0 && group_entry >= 0) {
            /* rows under "II. SỞ TƯ PHÁP" are that body's unless they say otherwise */
            int64_t bid;
            const char *name = x->r->bodies->e[group_entry].name;
            if (ex_body_id(x, name, 1, &bid))
                return x->e->code;
            ex_item_body(x, id, "lead", 0, bid, name);
        }
    }
    /* the item row's last column: its sources, all gathered by now */
    const char *ev;
    size_t nev;
    ex_sources_end(x, &ev, &nev);
    dbrows_text(x->st->items, ev, nev);
    return PP_OK;
fail:
    free(target_text);
    free(deadline);
    free(product);
    return x->e->code;
}

/* ---------------- the document ---------------- */

/* The lines of an OCR'd page, with their confidences. */
static int ex_load_page_lines(ex_doc *x, int64_t page_id, int page)
{
    sqlite3_stmt *q = x->st->lines;
    sqlite3_bind_int64(q, 1, page_id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(q, 1);
        size_t n = (size_t)sqlite3_column_bytes(q, 1);
        double conf = sqlite3_column_type(q, 2) == SQLITE_NULL ? -1 : sqlite3_column_double(q, 2);
        sg_doc_append(&x->d, s ? s : "", s ? n : 0, page, sqlite3_column_int(q, 0), conf);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? PP_OK : db_fail(x->st->db, x->e, "reading lines");
}

/* A text page's lines are its text split as the OCR stage split it (lines_next), so they are read
 * from the one page row rather than line by line; an OCR'd page's lines carry confidences and are read
 * from the lines table. */
static int ex_load_lines(ex_doc *x)
{
    sqlite3_stmt *q = x->st->pages;
    sqlite3_bind_int64(q, 1, x->doc_id);
    int rc, err = PP_OK;
    while (!err && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int page = sqlite3_column_int(q, 1);
        if (!sqlite3_column_int(q, 2)) {
            err = ex_load_page_lines(x, sqlite3_column_int64(q, 0), page);
            continue;
        }
        const char *s = (const char *)sqlite3_column_text(q, 3), *line;
        const char *end = s ? s + sqlite3_column_bytes(q, 3) : NULL;
        size_t n;
        int number = 1;
        for (int first = 1; lines_next(&s, end, first, &line, &n); first = 0)
            sg_doc_append(&x->d, line, n, page, number++, -1);
    }
    sqlite3_reset(q);
    if (err)
        return err;
    if (rc != SQLITE_DONE)
        return db_fail(x->st->db, x->e, "reading pages");
    size_t bad;
    if (sg_doc_fold(&x->d, &bad))
        return pp_err_set(x->e, PP_EXIT_INPUT, "page %d line %d: not valid UTF-8", x->d.lines[bad].page,
                          x->d.lines[bad].number);
    return PP_OK;
}

static int ex_strp_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void ex_rolled_back(ex_stmts *s)
{
    strmap_truncate(&s->bodies, s->bodies_mark);
}

int ex_document(ex_stmts *s, ex_rules *r, int64_t doc_id, int64_t run_id, int *nitems, pp_err *e)
{
    s->bodies_mark = strmap_count(&s->bodies); /* the documents before were committed */
    ex_doc x;
    memset(&x, 0, sizeof x);
    x.st = s;
    x.r = r;
    x.doc_id = doc_id;
    x.e = e;
    sg_doc_init(&x.d);
    ex_docf df;
    memset(&df, 0, sizeof df);
    int64_t *ids = NULL;
    int rc = ex_load_lines(&x);
    if (!rc)
        rc = et_load(&s->tables, doc_id, &x.d, &x.tt, e);
    if (!rc)
        rc = sg_segment(&x.d, r->rules, r->bodies, &x.t, e);
    if (rc)
        goto out;
    ex_docfields(&x, &df);
    if (!df.v[D_PROVINCE]) {
        sqlite3_bind_int64(s->source, 1, doc_id);
        if (sqlite3_step(s->source) == SQLITE_ROW)
            df.v[D_PROVINCE] = ex_province_of_path(r->provinces, (const char *)sqlite3_column_text(s->source, 0));
        sqlite3_reset(s->source);
        df.rule[D_PROVINCE] = "path"; /* no span in the text: no source row (ex_source skips empty spans) */
    }
    x.province = df.v[D_PROVINCE];
    x.width = xc_width(&x.d);
    x.labelled = -1;
    /* an earlier extraction's rows go; a document never extracted has none (a bulk load's case) and
     * skips the deletes, whose "IN (SELECT ...)" each build a temporary table */
    sqlite3_bind_int64(s->has_items, 1, doc_id);
    int had = sqlite3_step(s->has_items);
    sqlite3_reset(s->has_items);
    if (had != SQLITE_ROW && had != SQLITE_DONE) {
        rc = db_fail(s->db, e, "reading items");
        goto out;
    }
    sqlite3_stmt *dq[] = { s->del_extraction, s->del_targets, s->del_item_bodies, s->del_items };
    for (int i = 0; i < (had == SQLITE_ROW ? 4 : 1) && !rc; i++) {
        sqlite3_bind_int64(dq[i], 1, doc_id);
        rc = db_step_done(s->db, dq[i], e, "removing an earlier extraction");
    }
    if (rc)
        goto out;
    if (sqlite3_step(s->max_item) != SQLITE_ROW) {
        rc = db_fail(s->db, e, "reading item ids");
        sqlite3_reset(s->max_item);
        goto out;
    }
    x.next_item = sqlite3_column_int64(s->max_item, 0) + 1;
    sqlite3_reset(s->max_item);
    sqlite3_bind_int64(s->upd_doc, 1, doc_id);
    for (int k = 0; k < 7; k++)
        db_bind_text(s->upd_doc, k + 2, df.v[k]);
    if ((rc = db_step_done(s->db, s->upd_doc, e, "writing document fields")))
        goto out;
    /* when the document carries a coded table (its appendix), the table is the list of items: prose items
     * with the same codes are the plan's narrative of the same tasks */
    int ncols = 0;
    for (size_t i = 0; i < x.t.n; i++)
        if (x.t.v[i].kind == SG_ROW && x.t.v[i].ncells > ncols)
            ncols = x.t.v[i].ncells;
    ids = xcalloc(x.t.n + 1, sizeof *ids);
    int count = 0;
    /* the row codes, sorted, to look prose codes up in (a document can hold thousands of items) */
    const char **rows = xcalloc(x.t.n + 1, sizeof *rows);
    size_t nrows = 0;
    for (size_t i = 0; i < x.t.n; i++)
        if (x.t.v[i].kind == SG_ROW)
            rows[nrows++] = x.t.v[i].code;
    if (nrows)
        qsort(rows, nrows, sizeof *rows, ex_strp_cmp);
    for (size_t i = 0; i < x.t.n && !rc; i++) {
        if (nrows && x.t.v[i].kind == SG_ITEM) {
            const char *c = x.t.v[i].code;
            if (bsearch(&c, rows, nrows, sizeof *rows, ex_strp_cmp))
                continue;
        }
        rc = ex_item_store(&x, i, ids, ncols);
        count++;
    }
    free(rows);
    /* parents before children, though no foreign key is checked on the way (ex_stmts_open) */
    if (!rc)
        rc = dbrows_flush(s->items, e, "writing items");
    if (!rc)
        rc = dbrows_flush(s->targets, e, "writing targets");
    if (!rc)
        rc = dbrows_flush(s->item_bodies, e, "writing item bodies");
    /* the document fields' sources, in the extraction row */
    for (int k = 0; k < 7 && !rc; k++)
        if (df.v[k])
            rc = ex_source(&x, ex_dnames[k], 0, df.rule[k], df.sp[k]);
    if (rc)
        goto out;
    const char *ev;
    size_t nev;
    ex_sources_end(&x, &ev, &nev);
    sqlite3_bind_int64(s->ins_extraction, 1, doc_id);
    db_bind_text(s->ins_extraction, 2, r->rules->hash);
    db_bind_text(s->ins_extraction, 3, PARPLAN_VERSION);
    sqlite3_bind_int(s->ins_extraction, 4, count);
    if (run_id > 0)
        sqlite3_bind_int64(s->ins_extraction, 5, run_id);
    else
        sqlite3_bind_null(s->ins_extraction, 5);
    db_bind_textn(s->ins_extraction, 6, ev, nev);
    rc = db_step_done(s->db, s->ins_extraction, e, "writing the extraction");
    *nitems = count;
out:
    /* rows of a document that failed part-way are not written with the next one */
    dbrows_discard(s->items);
    dbrows_discard(s->targets);
    dbrows_discard(s->item_bodies);
    sb_free(&x.ev);
    for (int k = 0; k < 7; k++)
        free(df.v[k]);
    free(ids);
    xc_doc_free(&x.xd);
    sg_tree_free(&x.t);
    sg_doc_free(&x.d);
    et_free(&x.tt);
    return rc;
}
