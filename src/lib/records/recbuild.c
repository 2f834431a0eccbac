/* records/recbuild.c (prefix rec_) — building a document's records from the database (recbuild.h); the
 * writers are in recwrite.c. */
#include "records/recbuild.h"
#include "match/roles.h"

#include "core/err.h"
#include "core/strmap.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct rec_ctx {
    pp_db *db;
    sqlite3_stmt *docs, *doc, *items, *targets, *bodies;
    review_ctx *rv;
    int keep_rejected;
};

/* Columns of c->items. */
enum { I_ID, I_CODE, I_TITLE, I_PT, I_PM, I_BV, I_BU, I_BY, I_DL, I_PROD, I_PAGE, I_LINE, I_CONF, I_TT, I_KIND, I_INF,
       I_PRINTED };

void rec_close(rec_ctx *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->docs);
    sqlite3_finalize(c->doc);
    sqlite3_finalize(c->items);
    sqlite3_finalize(c->targets);
    sqlite3_finalize(c->bodies);
    review_close(c->rv);
    free(c);
}

int rec_open(pp_db *db, rec_ctx **out, pp_err *e)
{
    *out = NULL;
    if (db_user_version(db) < 3)
        return pp_err_set(e, PP_EXIT_DB, "%s: no extraction tables yet (run parplan-extract first)", db->path);
    rec_ctx *c = xcalloc(1, sizeof *c);
    c->db = db;
    if (db_prepare(db, &c->docs, "SELECT id FROM documents WHERE id IN (SELECT document_id FROM extractions) "
                                 "ORDER BY source, id", e) ||
        db_prepare(db, &c->doc, "SELECT source, kind, number, date, issuer, province, title, period, number_note, hash "
                                "FROM documents WHERE id = ?1", e) ||
        db_prepare(db, &c->items, "SELECT id, code, title, points_target, points_max, baseline_value, baseline_unit, "
                                  "baseline_year, deadline, product, page, line, confidence, target_text, kind, "
                                  "code_inferred, code_as_printed FROM items WHERE document_id = ?1 ORDER BY seq", e) ||
        db_prepare(db, &c->targets, "SELECT text, value, unit, op, year FROM targets WHERE item_id = ?1 ORDER BY seq",
                   e) ||
        db_prepare(db, &c->bodies, "SELECT ib.text, b.name FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id "
                                   "WHERE ib.item_id = ?1 AND ib.role = ?2 ORDER BY ib.seq", e) ||
        review_open(db, &c->rv, e)) {
        rec_close(c);
        return e->code;
    }
    *out = c;
    return PP_OK;
}

int rec_documents(rec_ctx *c, int64_t **ids, size_t *n, pp_err *e)
{
    *ids = NULL;
    *n = 0;
    size_t alloc = 0;
    int rc;
    while ((rc = sqlite3_step(c->docs)) == SQLITE_ROW) {
        PP_GROW(*ids, *n + 1, alloc, 64);
        (*ids)[(*n)++] = sqlite3_column_int64(c->docs, 0);
    }
    if (rc != SQLITE_DONE) {
        db_fail(c->db, e, "listing extracted documents");
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    sqlite3_reset(c->docs);
    return e->code;
}

/* The fields whose correction records export in place of the extracted value, and their member of
 * rec_text; every other reviewable field (targets, points, baseline) is a number or a row set the text
 * of a correction does not replace. */
static const struct {
    enum review_field field;
    size_t member; /* offsetof(rec_text, ...) */
    int list;      /* a strvec, else a char * */
} corrected_fields[] = {
    { REVIEW_F_CODE, offsetof(rec_text, code), 0 },
    { REVIEW_F_TITLE, offsetof(rec_text, title), 0 },
    { REVIEW_F_TARGET_TEXT, offsetof(rec_text, target_text), 0 },
    { REVIEW_F_LEAD, offsetof(rec_text, lead), 1 },
    { REVIEW_F_SUPPORT, offsetof(rec_text, support), 1 },
    { REVIEW_F_MONITOR, offsetof(rec_text, monitor), 1 },
    { REVIEW_F_DEADLINE, offsetof(rec_text, deadline), 0 },
    { REVIEW_F_PRODUCT, offsetof(rec_text, product), 0 },
};
#define N_CORRECTED (sizeof corrected_fields / sizeof *corrected_fields)

int rec_correction_applies(enum review_field f)
{
    for (size_t i = 0; i < N_CORRECTED; i++)
        if (corrected_fields[i].field == f)
            return 1;
    return 0;
}

static char *dup_col(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? xstrdup(t) : NULL;
}

static rec_num num_col(sqlite3_stmt *s, int i)
{
    rec_num n = { 0, 0 };
    if (sqlite3_column_type(s, i) != SQLITE_NULL) {
        n.v = sqlite3_column_double(s, i);
        n.has = 1;
    }
    return n;
}

static void text_free(rec_text *t)
{
    free(t->code);
    free(t->title);
    free(t->target_text);
    free(t->deadline);
    free(t->product);
    sv_free(&t->lead);
    sv_free(&t->support);
    sv_free(&t->monitor);
}

static void item_free(rec_item *it)
{
    text_free(&it->val);
    text_free(&it->ext);
    sv_free(&it->lead_canonical);
    sv_free(&it->support_canonical);
    sv_free(&it->monitor_canonical);
    free(it->kind);
    free(it->key);
    free(it->code_as_printed);
    free(it->baseline_unit);
    for (size_t i = 0; i < it->ntargets; i++) {
        free(it->targets[i].text);
        free(it->targets[i].unit);
        free(it->targets[i].op);
    }
    free(it->targets);
    for (int k = 0; k < REVIEW_NFIELDS; k++)
        review_state_free(&it->reviewed[k]);
    rw_item_free(&it->written);
    memset(it, 0, sizeof *it);
}

void rec_doc_free(rec_doc *d)
{
    free(d->source);
    free(d->kind);
    free(d->number);
    free(d->date);
    free(d->issuer);
    free(d->province);
    free(d->title);
    free(d->period);
    free(d->number_note);
    free(d->hash);
    for (size_t i = 0; i < d->nitems; i++)
        item_free(&d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

/* An item's bodies of one role: the text as written (item_bodies.text) into *out, the canonical name
 * (bodies.name) into *canon. */
static int load_bodies(rec_ctx *c, int64_t item, const char *role, strvec *out, strvec *canon, pp_err *e)
{
    sqlite3_bind_int64(c->bodies, 1, item);
    sqlite3_bind_text(c->bodies, 2, role, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(c->bodies)) == SQLITE_ROW) {
        /* both columns are NOT NULL; "" only if SQLite ran out of memory */
        const char *text = (const char *)sqlite3_column_text(c->bodies, 0);
        sv_push(out, text ? text : "");
        const char *name = (const char *)sqlite3_column_text(c->bodies, 1);
        sv_push(canon, name ? name : "");
    }
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading an item's bodies");
    sqlite3_reset(c->bodies);
    return e->code;
}

static int load_targets(rec_ctx *c, rec_item *it, pp_err *e)
{
    sqlite3_bind_int64(c->targets, 1, it->id);
    int rc;
    while ((rc = sqlite3_step(c->targets)) == SQLITE_ROW) {
        PP_GROW(it->targets, it->ntargets + 1, it->targets_alloc, 4);
        rec_target *t = &it->targets[it->ntargets++];
        t->text = dup_col(c->targets, 0);
        t->value = num_col(c->targets, 1);
        t->unit = dup_col(c->targets, 2);
        t->op = dup_col(c->targets, 3);
        t->year = num_col(c->targets, 4);
    }
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading an item's targets");
    sqlite3_reset(c->targets);
    return e->code;
}

/* A corrected list is stored as its names joined by "; "; empty names between separators are kept,
 * a trailing separator ends the list. */
static void split_list(const char *s, strvec *out)
{
    const char *p = s ? s : "";
    while (*p) {
        const char *semi = strstr(p, "; ");
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        sv_push_owned(out, xstrndup(p, len));
        p += len + (semi ? 2 : 0);
    }
}

static void copy_list(const strvec *from, strvec *to)
{
    for (size_t i = 0; i < from->n; i++)
        sv_push(to, from->v[i]);
}

/* it->val: it->ext with the corrections that apply. */
static void apply_corrections(rec_item *it)
{
    for (size_t i = 0; i < N_CORRECTED; i++) {
        const review_state *st = &it->reviewed[corrected_fields[i].field];
        int fix = st->status == REVIEW_CORRECTED;
        void *from = (char *)&it->ext + corrected_fields[i].member, *to = (char *)&it->val + corrected_fields[i].member;
        if (!corrected_fields[i].list) {
            const char *v = fix ? st->value : *(char **)from;
            *(char **)to = v ? xstrdup(v) : NULL;
        } else if (fix) {
            split_list(st->value, to);
        } else {
            copy_list(from, to);
        }
    }
}

static int load_item(rec_ctx *c, sqlite3_stmt *s, rec_item *it, pp_err *e)
{
    it->id = sqlite3_column_int64(s, I_ID);
    it->ext.code = dup_col(s, I_CODE);
    it->ext.title = dup_col(s, I_TITLE);
    it->ext.target_text = dup_col(s, I_TT);
    it->ext.deadline = dup_col(s, I_DL);
    it->ext.product = dup_col(s, I_PROD);
    it->kind = dup_col(s, I_KIND);
    it->code_as_printed = dup_col(s, I_PRINTED);
    it->code_inferred = sqlite3_column_int(s, I_INF);
    it->points_target = num_col(s, I_PT);
    it->points_max = num_col(s, I_PM);
    it->baseline_value = num_col(s, I_BV);
    it->baseline_unit = dup_col(s, I_BU);
    it->baseline_year = num_col(s, I_BY);
    it->page = num_col(s, I_PAGE);
    it->line = num_col(s, I_LINE);
    it->confidence = num_col(s, I_CONF);
    if (load_targets(c, it, e) || load_bodies(c, it->id, role_name(ROLE_LEAD), &it->ext.lead, &it->lead_canonical, e) ||
        load_bodies(c, it->id, role_name(ROLE_SUPPORT), &it->ext.support, &it->support_canonical, e) ||
        load_bodies(c, it->id, role_name(ROLE_MONITOR), &it->ext.monitor, &it->monitor_canonical, e))
        return e->code;
    return PP_OK;
}

/* it->written from it->ext: each text field and body as written, where restoration changed it. */
static void load_written(const rw_map *wm, rec_item *it)
{
    it->written.title = rw_as_written(wm, it->ext.title);
    it->written.target_text = rw_as_written(wm, it->ext.target_text);
    it->written.deadline = rw_as_written(wm, it->ext.deadline);
    it->written.product = rw_as_written(wm, it->ext.product);
    const strvec *from[] = { &it->ext.lead, &it->ext.support, &it->ext.monitor };
    strvec *to[] = { &it->written.lead, &it->written.support, &it->written.monitor };
    for (int r = 0; r < 3; r++) {
        int differs = 0;
        for (size_t i = 0; i < from[r]->n; i++) {
            char *w = rw_as_written(wm, from[r]->v[i]);
            differs |= w != NULL;
            sv_push_owned(to[r], w ? w : xstrdup(from[r]->v[i]));
        }
        if (!differs)
            sv_free(to[r]);
    }
}

/* it->key: "HASH:CODE", "#N" for the N-th of the same code (and always without a code); returns N. */
static int item_key(strmap *seen, const char *hash, rec_item *it)
{
    const char *code = it->ext.code ? it->ext.code : "";
    size_t n = strlen(code);
    int64_t occ = 0;
    strmap_get(seen, code, n, &occ);
    strmap_put(seen, code, n, ++occ);
    if (occ == 1 && n)
        it->key = xasprintf("%s:%s", hash ? hash : "", code);
    else
        it->key = xasprintf("%s:%s#%lld", hash ? hash : "", code, (long long)occ);
    return (int)occ;
}

void rec_keep_rejected(rec_ctx *c, int keep)
{
    c->keep_rejected = keep;
}

int rec_load(rec_ctx *c, int64_t doc_id, rec_doc *d, pp_err *e)
{
    memset(d, 0, sizeof *d);
    d->id = doc_id;
    sqlite3_bind_int64(c->doc, 1, doc_id);
    int rc = sqlite3_step(c->doc);
    if (rc == SQLITE_ROW) {
        char **f[] = { &d->source, &d->kind, &d->number, &d->date, &d->issuer, &d->province, &d->title, &d->period,
                       &d->number_note, &d->hash };
        for (int k = 0; k < (int)(sizeof f / sizeof *f); k++)
            *f[k] = dup_col(c->doc, k);
    } else if (rc == SQLITE_DONE) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: no document with id %lld", c->db->path, (long long)doc_id);
    } else {
        db_fail(c->db, e, "reading a document");
    }
    sqlite3_reset(c->doc);
    if (e->code) {
        rec_doc_free(d);
        return e->code;
    }
    rw_map *wm = NULL; /* the text as written beside restored values (recwritten.h) */
    if (rw_load(c->db, doc_id, &wm, e)) {
        rec_doc_free(d);
        return e->code;
    }
    int reviewed = 0; /* a document nobody reviewed needs no per-field lookup (review_doc_has) */
    if (review_doc_has(c->rv, d->hash, &reviewed, e)) {
        rw_free(wm);
        rec_doc_free(d);
        return e->code;
    }
    sqlite3_bind_int64(c->items, 1, doc_id);
    strmap seen = STRMAP_INIT; /* extracted code -> how many items had it so far */
    while (!e->code && (rc = sqlite3_step(c->items)) == SQLITE_ROW) {
        PP_GROW(d->items, d->nitems + 1, d->items_alloc, 16);
        rec_item *it = &d->items[d->nitems++];
        memset(it, 0, sizeof *it);
        if (load_item(c, c->items, it, e))
            break;
        if (wm)
            load_written(wm, it);
        int occ = item_key(&seen, d->hash, it);
        if (reviewed) {
            /* the key known here spares every lookup a count of the document's items */
            review_key_hint(c->rv, it->id, d->hash, it->ext.code, occ);
            for (int k = 0; k < REVIEW_NFIELDS && !e->code; k++)
                review_lookup(c->rv, it->id, review_fields[k], &it->reviewed[k], e);
            /* after item_key: a rejected item still counts in the occurrences of its code */
            if (e->code || review_rejected(c->rv, it->id, &it->rejected, e))
                break;
        }
        apply_corrections(it);
        if (it->rejected && !c->keep_rejected)
            item_free(&d->items[--d->nitems]);
    }
    rw_free(wm);
    strmap_clear(&seen);
    if (!e->code && rc != SQLITE_DONE)
        db_fail(c->db, e, "reading a document's items");
    sqlite3_reset(c->items);
    if (e->code)
        rec_doc_free(d);
    return e->code;
}
