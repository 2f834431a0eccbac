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

static int ex_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Folded f[a, b) holds only connector words and punctuation. */
static int ex_gap_is_sep(const char *f, size_t a, size_t b)
{
    while (a < b) {
        while (a < b && !ex_word_byte((unsigned char)f[a]))
            a++;
        size_t w = a;
        while (w < b && ex_word_byte((unsigned char)f[w]))
            w++;
        if (w > a && !ex_connector(f + a, w - a))
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

/* The line break at folded offset q separates two bodies.  In a table's cell a body on its own line
 * starts with a capital (a line that starts in lower case continues the name the line before broke:
 * "Trung tâm Phục vụ hành\nchính công tỉnh"); in prose lines wrap anywhere ("Các\nSở, ngành"), and only a
 * list marker starts the next body. */
static int ex_break_separates(ex_doc *x, size_t q, size_t end, int prose)
{
    if (!prose)
        return !ex_continues(x, q + 1, end);
    const unsigned char *f = (const unsigned char *)x->d.f.buf;
    size_t k = q + 1;
    while (k < end && (f[k] == ' ' || f[k] == '\t'))
        k++;
    if (k >= end)
        return 0;
    return f[k] == '-' || f[k] == '+' || f[k] == '*' ||
           (k + 2 < end && f[k] == 0xE2 && f[k + 1] == 0x80 && f[k + 2] == 0xA2); /* U+2022 bullet */
}

/* Known names inside a piece, as folded spans, left to right and not overlapping (gz_find). */
typedef struct ex_known {
    size_t a, b;
    int entry;
} ex_known;

static size_t ex_known_in(ex_doc *x, sg_span piece, ex_known *kn, size_t max)
{
    gz_key k;
    gz_key_make(x->d.f.buf + piece.a, piece.b - piece.a, &k);
    gz_hit hits[EX_MAX_BODIES];
    size_t nh = gz_find(x->r->bodies, k.s, k.len, hits, max < EX_MAX_BODIES ? max : EX_MAX_BODIES);
    for (size_t i = 0; i < nh; i++) {
        kn[i].a = piece.a + k.map[hits[i].start];
        kn[i].b = piece.a + k.map[hits[i].end - 1] + 1;
        kn[i].entry = hits[i].entry;
    }
    gz_key_free(&k);
    return nh;
}

/* Adds the bodies of one part [a, b) of a piece: the known names in it, each a body, when nothing but
 * connectors stands between and around them; else the part as written, one body (a known name with words
 * of its own before or after it, "Trung tâm Công nghệ thông tin tài nguyên và môi trường", is not that
 * name). */
static size_t ex_part(ex_doc *x, size_t a, size_t b, const ex_known *kn, size_t nk, ex_body *out, size_t n,
                      size_t max)
{
    const char *f = x->d.f.buf;
    sg_span t = sg_trim(&x->d, (sg_span){ a, b });
    while (t.a < t.b && !ex_word_byte((unsigned char)f[t.a]))
        t.a++;
    while (t.b > t.a && !ex_word_byte((unsigned char)f[t.b - 1]) && f[t.b - 1] != ')')
        t.b--;
    if (t.a >= t.b || n >= max)
        return n;
    size_t first = nk, last = 0, pos = t.a;
    int clean = 1;
    for (size_t i = 0; i < nk; i++) {
        if (kn[i].a < t.a || kn[i].b > t.b)
            continue;
        if (first == nk)
            first = i;
        last = i;
        if (!ex_gap_is_sep(f, pos, kn[i].a))
            clean = 0;
        pos = kn[i].b;
    }
    if (first < nk && clean && ex_gap_is_sep(f, pos, t.b)) {
        for (size_t i = first; i <= last && n < max; i++) {
            out[n].sp = (sg_span){ kn[i].a, kn[i].b };
            out[n].entry = kn[i].entry;
            n++;
        }
        return n;
    }
    out[n].sp = t;
    out[n].entry = -1;
    return n + 1;
}

/* Splits one piece (no ';' in it) at the ',' and connector words that stand between two bodies. */
static size_t ex_piece(ex_doc *x, sg_span piece, ex_body *out, size_t n, size_t max)
{
    const char *f = x->d.f.buf;
    ex_known kn[EX_MAX_BODIES];
    size_t nk = ex_known_in(x, piece, kn, EX_MAX_BODIES);
    size_t seg = piece.a, ki = 0;
    for (size_t c = piece.a; c < piece.b && n < max; c++) {
        while (ki < nk && kn[ki].b <= c)
            ki++;
        if (ki < nk && kn[ki].a <= c)
            continue; /* inside a known name: "Sở Văn hóa, Thể thao và Du lịch" */
        size_t cut_end, next;
        if (f[c] == ',') {
            cut_end = c;
            next = c + 1;
        } else if (ex_word_byte((unsigned char)f[c]) && (c == piece.a || !ex_word_byte((unsigned char)f[c - 1]))) {
            size_t w = c;
            while (w < piece.b && ex_word_byte((unsigned char)f[w]))
                w++;
            if (c == piece.a || !ex_connector(f + c, w - c))
                continue;
            cut_end = c;
            next = w;
        } else {
            continue;
        }
        while (next < piece.b && (f[next] == ' ' || f[next] == '\n' || f[next] == '\t'))
            next++;
        if (next >= piece.b)
            continue;
        /* the next part starts a body: a known name begins there, or a body.head rule says one does */
        int starts = ki < nk && kn[ki].a == next;
        rl_match m;
        if (!starts)
            starts = rl_first(x->r->rules, "body.head", f, piece.b, next, 1, &m) == 1;
        if (!starts)
            continue;
        n = ex_part(x, seg, cut_end, kn, nk, out, n, max);
        seg = next;
        c = next - 1;
    }
    return ex_part(x, seg, piece.b, kn, nk, out, n, max);
}

size_t ex_bodies(ex_doc *x, sg_span s, int prose, ex_body *out, size_t max)
{
    size_t n = 0;
    const char *f = x->d.f.buf;
    size_t p = s.a;
    while (p < s.b && n < max) {
        size_t q = p;
        while (q < s.b && f[q] != ';' && (f[q] != '\n' || !ex_break_separates(x, q, s.b, prose)))
            q++;
        sg_span piece = sg_trim(&x->d, (sg_span){ p, q });
        /* strip bullets and a leading label residue */
        while (piece.a < piece.b && (f[piece.a] == '-' || f[piece.a] == '+' || f[piece.a] == '*' ||
                                     f[piece.a] == '_' || f[piece.a] == ':' || f[piece.a] == ' ' ||
                                     f[piece.a] == '.'))
            piece.a++;
        /* a label's value written as a sentence names its bodies up to the verb (body.end; a table's
         * cell holds names) */
        rl_match m;
        if (prose && piece.a < piece.b && rl_first(x->r->rules, "body.end", f, piece.b, piece.a, 0, &m) == 1)
            piece.b = m.start;
        if (piece.a < piece.b)
            n = ex_piece(x, piece, out, n, max);
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
        char *text = ex_text(x, b[i].sp, " .,;:-_*");
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

/* Bodies read from table leftovers (extract_cols.h): columns an OCR engine cut into pieces and interleaved
 * with the prose ("Phong Hanh | chinh—T6 _ | chirc").  What the record shows is the listed name the pieces
 * stand for (README: the one documented exception to "values as written"), since the pieces joined are no
 * words the document used; the pieces as read stay in the body's source.  A leftover matched to no listed
 * name keeps the pieces joined. */
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
        if (b[i].entry >= 0) {
            free(text);
            text = xstrdup(x->r->bodies->e[b[i].entry].name);
        }
        int rc = ex_store_body(x, item_id, role, (*seq)++, b[i].entry, text, b[i].sp, b[i].rule);
        free(text);
        if (rc)
            return rc;
    }
    return PP_OK;
}
