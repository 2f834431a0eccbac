/* extract/extract_doc_bodies.c (prefix ex_) — the bodies of an item: a lead / support / monitor region
 * split into names, each resolved against rules/bodies.txt, given its row in `bodies` (ids remembered
 * across the run) and written as an item_bodies row with its source. */
#include "extract/extract-ll.h"
#include "db/db.h"
#include "match/gazetteer.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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
size_t ex_bodies(ex_doc *x, sg_span s, ex_body *out, size_t max)
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

int ex_body_id(ex_doc *x, const char *name, int known, int64_t *id)
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

void ex_item_body(ex_doc *x, int64_t item_id, const char *role, int seq, int64_t body_id, const char *text)
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

int ex_store_bodies(ex_doc *x, int64_t item_id, const char *role, const ex_body *b, size_t n, int *seq)
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
int ex_store_leftovers(ex_doc *x, int64_t item_id, const char *role, const xc_body *b, int n, int *seq)
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
