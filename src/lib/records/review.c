/* records/review.c (prefix review_) — see review.h. */
#include "records/review.h"

#include "core/json.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const review_fields[REVIEW_NFIELDS + 1] = {
#define REVIEW_X_NAME(id, name, where) [REVIEW_F_##id] = name,
    REVIEW_FIELD_TABLE(REVIEW_X_NAME)
#undef REVIEW_X_NAME
    [REVIEW_NFIELDS] = NULL,
};

/* One row of items with a column per reviewable field, in enum order after a leading NULL (so field f
 * is column f + 1); LIST fields read NULL there and are gathered by review_extracted. */
#define REVIEW_SEL_COLUMN(name) name
#define REVIEW_SEL_LIST(name) "NULL"
#define REVIEW_X_SELECT(id, name, where) ", " REVIEW_SEL_##where(name)
static const char item_select[] = "SELECT NULL" REVIEW_FIELD_TABLE(REVIEW_X_SELECT) " FROM items WHERE id = ?1";
#undef REVIEW_X_SELECT
#undef REVIEW_SEL_LIST
#undef REVIEW_SEL_COLUMN

struct review_ctx {
    pp_db *db;
    int have_table;
    sqlite3_stmt *key, *item, *targets, *bodies, *history, *insert, *whole, *doc_has;
    int64_t hint_id;  /* review_key_hint: the key of this item is known (0: none) */
    review_key hint;
};

int review_field_index(const char *field)
{
    for (int i = 0; field && i < REVIEW_NFIELDS; i++)
        if (!strcmp(field, review_fields[i]))
            return i;
    return -1;
}

static int review_field_known(const char *field)
{
    return review_field_index(field) >= 0;
}

static int has_table(pp_db *db, const char *name)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

void review_close(review_ctx *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->key);
    sqlite3_finalize(c->item);
    sqlite3_finalize(c->targets);
    sqlite3_finalize(c->bodies);
    sqlite3_finalize(c->history);
    sqlite3_finalize(c->insert);
    sqlite3_finalize(c->doc_has);
    sqlite3_finalize(c->whole);
    review_key_free(&c->hint);
    free(c);
}

int review_open(pp_db *db, review_ctx **out, pp_err *e)
{
    review_ctx *c = xcalloc(1, sizeof *c);
    c->db = db;
    *out = NULL;
    /* The occurrence counts items of the same code up to this one in document order (seq). */
    if (db_prepare(db, &c->key,
                   "SELECT d.hash, coalesce(i.code, ''), (SELECT count(*) FROM items j WHERE j.document_id = "
                   "i.document_id AND coalesce(j.code, '') = coalesce(i.code, '') AND j.seq <= i.seq) "
                   "FROM items i JOIN documents d ON d.id = i.document_id WHERE i.id = ?1", e) ||
        db_prepare(db, &c->item, item_select, e) ||
        db_prepare(db, &c->targets, "SELECT text FROM targets WHERE item_id = ?1 ORDER BY seq", e) ||
        db_prepare(db, &c->bodies,
                   "SELECT b.name FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id "
                   "WHERE ib.item_id = ?1 AND ib.role = ?2 ORDER BY ib.seq", e)) {
        review_close(c);
        return e->code;
    }
    c->have_table = has_table(db, "reviews");
    if (c->have_table &&
        (db_prepare(db, &c->history,
                   "SELECT action, value, extracted, reviewer, at FROM reviews WHERE document_hash = ?1 AND "
                   "item_code = ?2 AND item_occurrence = ?3 AND field = ?4 ORDER BY id", e) ||
        db_prepare(db, &c->whole,
                   "SELECT action FROM reviews WHERE document_hash = ?1 AND item_code = ?2 AND "
                   "item_occurrence = ?3 AND field = '*' ORDER BY id DESC LIMIT 1", e))) {
        review_close(c);
        return e->code;
    }
    *out = c;
    return PP_OK;
}

void review_key_free(review_key *k)
{
    free(k->code);
    k->code = NULL;
}

void review_key_hint(review_ctx *c, int64_t item_id, const char *hash, const char *code, int occurrence)
{
    review_key_free(&c->hint);
    c->hint_id = item_id;
    snprintf(c->hint.hash, sizeof c->hint.hash, "%s", hash ? hash : "");
    c->hint.code = xstrdup(code ? code : "");
    c->hint.occurrence = occurrence;
}

int review_key_of(review_ctx *c, int64_t item_id, review_key *k, pp_err *e)
{
    memset(k, 0, sizeof *k);
    if (c->hint_id && item_id == c->hint_id) {
        memcpy(k->hash, c->hint.hash, sizeof k->hash);
        k->code = xstrdup(c->hint.code);
        k->occurrence = c->hint.occurrence;
        return PP_OK;
    }
    sqlite3_bind_int64(c->key, 1, item_id);
    int rc = sqlite3_step(c->key);
    if (rc == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(c->key, 0);
        snprintf(k->hash, sizeof k->hash, "%s", h ? h : "");
        k->code = xstrdup((const char *)sqlite3_column_text(c->key, 1));
        k->occurrence = sqlite3_column_int(c->key, 2);
    } else if (rc == SQLITE_DONE) {
        pp_err_set(e, PP_EXIT_USAGE, "%s: no item with id %lld", c->db->path, (long long)item_id);
    } else {
        db_fail(c->db, e, "finding an item");
    }
    sqlite3_reset(c->key);
    return e->code;
}

/* Joins the first column of every row of st with "; " into *out (NULL when no row has text). */
static int join_rows(review_ctx *c, sqlite3_stmt *st, char **out, pp_err *e)
{
    strbuf sb = STRBUF_INIT;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (!t || !*t)
            continue;
        if (n++)
            sb_adds(&sb, "; ");
        sb_adds(&sb, t);
    }
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading an item's lists");
    sqlite3_reset(st);
    if (e->code || !n) {
        sb_free(&sb);
        return e->code;
    }
    *out = sb_detach(&sb, NULL);
    return PP_OK;
}

int review_extracted(review_ctx *c, int64_t item_id, const char *field, char **out, pp_err *e)
{
    *out = NULL;
    int f = review_field_index(field);
    if (f < 0)
        return pp_err_set(e, PP_EXIT_USAGE, "unknown field '%s'", field ? field : "");
    switch ((enum review_field)f) {
    case REVIEW_F_TARGETS:
        sqlite3_bind_int64(c->targets, 1, item_id);
        return join_rows(c, c->targets, out, e);
    case REVIEW_F_LEAD:
    case REVIEW_F_SUPPORT:
    case REVIEW_F_MONITOR:
        sqlite3_bind_int64(c->bodies, 1, item_id);
        sqlite3_bind_text(c->bodies, 2, review_fields[f], -1, SQLITE_STATIC);
        return join_rows(c, c->bodies, out, e);
    default: /* a column of items: column f + 1 of item_select */
        break;
    }
    int col = f + 1;
    sqlite3_bind_int64(c->item, 1, item_id);
    int rc = sqlite3_step(c->item);
    if (rc == SQLITE_ROW) {
        int type = sqlite3_column_type(c->item, col);
        if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
            strbuf sb = STRBUF_INIT;
            js_num(&sb, sqlite3_column_double(c->item, col));
            *out = sb_detach(&sb, NULL);
        } else if (type == SQLITE_TEXT && sqlite3_column_bytes(c->item, col) > 0) {
            *out = xstrdup((const char *)sqlite3_column_text(c->item, col));
        }
    } else if (rc == SQLITE_DONE) {
        pp_err_set(e, PP_EXIT_USAGE, "%s: no item with id %lld", c->db->path, (long long)item_id);
    } else {
        db_fail(c->db, e, "reading an item");
    }
    sqlite3_reset(c->item);
    return e->code;
}

int review_extracted_all(review_ctx *c, int64_t item_id, char *out[REVIEW_NFIELDS], pp_err *e)
{
    memset(out, 0, REVIEW_NFIELDS * sizeof *out);
    sqlite3_bind_int64(c->item, 1, item_id);
    int rc = sqlite3_step(c->item);
    if (rc == SQLITE_ROW) {
        for (int f = 0; f < REVIEW_NFIELDS; f++) {
            int col = f + 1, type = sqlite3_column_type(c->item, col);
            if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
                strbuf sb = STRBUF_INIT;
                js_num(&sb, sqlite3_column_double(c->item, col));
                out[f] = sb_detach(&sb, NULL);
            } else if (type == SQLITE_TEXT && sqlite3_column_bytes(c->item, col) > 0) {
                out[f] = xstrdup((const char *)sqlite3_column_text(c->item, col));
            }
        }
    } else if (rc == SQLITE_DONE) {
        pp_err_set(e, PP_EXIT_USAGE, "%s: no item with id %lld", c->db->path, (long long)item_id);
    } else {
        db_fail(c->db, e, "reading an item");
    }
    sqlite3_reset(c->item);
    /* the LIST fields read NULL in item_select; gathered as review_extracted does */
    static const enum review_field lists[] = { REVIEW_F_TARGETS, REVIEW_F_LEAD, REVIEW_F_SUPPORT, REVIEW_F_MONITOR };
    for (size_t i = 0; i < sizeof lists / sizeof *lists && !e->code; i++) {
        free(out[lists[i]]);
        out[lists[i]] = NULL;
        review_extracted(c, item_id, review_fields[lists[i]], &out[lists[i]], e);
    }
    if (e->code)
        for (int f = 0; f < REVIEW_NFIELDS; f++) {
            free(out[f]);
            out[f] = NULL;
        }
    return e->code;
}

void review_state_free(review_state *st)
{
    free(st->value);
    free(st->reviewer);
    free(st->at);
    memset(st, 0, sizeof *st);
}

static int same_text(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

static void set_str(char **dst, const unsigned char *src)
{
    free(*dst);
    *dst = src ? xstrdup((const char *)src) : NULL;
}

int review_lookup(review_ctx *c, int64_t item_id, const char *field, review_state *st, pp_err *e)
{
    memset(st, 0, sizeof *st);
    char *extracted = NULL;
    if (review_extracted(c, item_id, field, &extracted, e))
        return e->code;
    st->value = extracted;
    if (!c->have_table)
        return PP_OK;
    review_key k;
    if (review_key_of(c, item_id, &k, e)) {
        review_state_free(st);
        return e->code;
    }
    sqlite3_stmt *h = c->history;
    db_bind_text(h, 1, k.hash);
    db_bind_text(h, 2, k.code);
    sqlite3_bind_int(h, 3, k.occurrence);
    db_bind_text(h, 4, field);
    int rc;
    /* The history replays in order: a correction sets the value; a later acceptance confirms the
     * corrected value, or (without a correction) the extracted value it saw, which must still be the
     * one extraction gives now. */
    while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
        const char *action = (const char *)sqlite3_column_text(h, 0);
        st->decisions++;
        if (action && !strcmp(action, "correct")) {
            st->status = REVIEW_CORRECTED;
            set_str(&st->value, sqlite3_column_text(h, 1));
        } else if (st->status != REVIEW_CORRECTED) {
            st->status = same_text((const char *)sqlite3_column_text(h, 2), extracted) ? REVIEW_ACCEPTED
                                                                                       : REVIEW_STALE;
        }
        set_str(&st->reviewer, sqlite3_column_text(h, 3));
        set_str(&st->at, sqlite3_column_text(h, 4));
    }
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading reviews");
    sqlite3_reset(h);
    review_key_free(&k);
    if (e->code)
        review_state_free(st);
    return e->code;
}

/* The INSERT of a decision, prepared once (decisions and rejections share it). */
static int insert_prepare(review_ctx *c, pp_err *e)
{
    if (!c->insert &&
        db_prepare(c->db, &c->insert,
                   "INSERT INTO reviews(document_hash, item_code, item_occurrence, item_id, field, action, value, "
                   "extracted, reviewer, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", e))
        return e->code;
    return PP_OK;
}

/* One row of the review history. */
static int insert_row(review_ctx *c, const review_key *k, int64_t item_id, const char *field, const char *action,
                      const char *value, const char *extracted, const char *reviewer, const char *note,
                      const char *what, pp_err *e)
{
    sqlite3_stmt *s = c->insert;
    db_bind_text(s, 1, k->hash);
    db_bind_text(s, 2, k->code);
    sqlite3_bind_int(s, 3, k->occurrence);
    sqlite3_bind_int64(s, 4, item_id);
    db_bind_text(s, 5, field);
    db_bind_text(s, 6, action);
    db_bind_text(s, 7, value);
    db_bind_text(s, 8, extracted);
    db_bind_text(s, 9, reviewer);
    db_bind_text(s, 10, note);
    return db_step_done(c->db, s, e, what);
}

static int insert_one(review_ctx *c, const review_key *k, int64_t item_id, const char *field, const char *action,
                      const char *value, const char *reviewer, const char *note, pp_err *e)
{
    char *extracted = NULL;
    if (review_extracted(c, item_id, field, &extracted, e))
        return e->code;
    insert_row(c, k, item_id, field, action, !strcmp(action, "correct") ? value : NULL, extracted, reviewer, note,
               "recording a review", e);
    free(extracted);
    return e->code;
}

/* The checks every recorded decision passes, then the INSERT prepared: the action is accept or correct
 * (*correct says which), the field known (required, or NULL for every field), a correction has a field
 * and a value, a reviewer is named, the reviews table exists. */
static int review_check(review_ctx *c, const char *field, int field_required, const char *action,
                        const char *value, const char *reviewer, int *correct, pp_err *e)
{
    *correct = action && !strcmp(action, "correct");
    if (!*correct && !(action && !strcmp(action, "accept")))
        return pp_err_set(e, PP_EXIT_USAGE, "unknown review action '%s' (accept or correct)", action ? action : "");
    if ((field || field_required) && !review_field_known(field))
        return pp_err_set(e, PP_EXIT_USAGE, "unknown field '%s'", field ? field : "");
    if (*correct && (!field || !value))
        return pp_err_set(e, PP_EXIT_USAGE, "a correction needs a field and a value");
    if (!reviewer || !*reviewer)
        return pp_err_set(e, PP_EXIT_USAGE, "a review needs a reviewer name");
    if (!c->have_table)
        return pp_err_set(e, PP_EXIT_DB, "%s: no reviews table (open the database read-write)", c->db->path);
    return insert_prepare(c, e);
}

int review_record(review_ctx *c, int64_t item_id, const char *field, const char *action, const char *value,
                  const char *reviewer, const char *note, pp_err *e)
{
    int correct;
    if (review_check(c, field, 0, action, value, reviewer, &correct, e))
        return e->code;
    review_key k;
    if (review_key_of(c, item_id, &k, e))
        return e->code;
    int in_txn = !sqlite3_get_autocommit(c->db->h);
    if (!in_txn && db_begin(c->db, e)) {
        review_key_free(&k);
        return e->code;
    }
    for (int i = 0; i < REVIEW_NFIELDS && !e->code; i++)
        if (field ? !strcmp(field, review_fields[i]) : 1)
            insert_one(c, &k, item_id, review_fields[i], action, value, reviewer, note, e);
    review_key_free(&k);
    if (e->code) {
        if (!in_txn)
            db_rollback(c->db);
        return e->code;
    }
    return in_txn ? PP_OK : db_commit(c->db, e);
}

int review_record_seen(review_ctx *c, int64_t item_id, const char *field, const char *action, const char *value,
                       const char *seen, const char *reviewer, const char *note, pp_err *e)
{
    int correct;
    if (review_check(c, field, 1, action, value, reviewer, &correct, e))
        return e->code;
    review_key k;
    if (review_key_of(c, item_id, &k, e))
        return e->code;
    insert_row(c, &k, item_id, field, action, correct ? value : NULL, seen && *seen ? seen : NULL, reviewer, note,
               "recording a review", e);
    review_key_free(&k);
    return e->code;
}

int review_doc_has(review_ctx *c, const char *hash, int *has, pp_err *e)
{
    *has = 0;
    if (!c->have_table || !hash)
        return PP_OK;
    if (!c->doc_has &&
        db_prepare(c->db, &c->doc_has, "SELECT EXISTS (SELECT 1 FROM reviews WHERE document_hash = ?1)", e))
        return e->code;
    db_bind_text(c->doc_has, 1, hash);
    int rc = sqlite3_step(c->doc_has);
    if (rc == SQLITE_ROW)
        *has = sqlite3_column_int(c->doc_has, 0);
    else
        db_fail(c->db, e, "looking for a document's reviews");
    sqlite3_reset(c->doc_has);
    return e->code;
}

int review_rejected(review_ctx *c, int64_t item_id, int *rejected, pp_err *e)
{
    *rejected = 0;
    if (!c->have_table)
        return PP_OK;
    review_key k;
    if (review_key_of(c, item_id, &k, e))
        return e->code;
    db_bind_text(c->whole, 1, k.hash);
    db_bind_text(c->whole, 2, k.code);
    sqlite3_bind_int(c->whole, 3, k.occurrence);
    int rc = sqlite3_step(c->whole);
    if (rc == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(c->whole, 0);
        *rejected = a && !strcmp(a, "reject");
    } else if (rc != SQLITE_DONE) {
        db_fail(c->db, e, "reading an item's rejection");
    }
    sqlite3_reset(c->whole);
    review_key_free(&k);
    return e->code;
}

int review_reject(review_ctx *c, int64_t item_id, int reject, const char *reviewer, const char *note, pp_err *e)
{
    if (!reviewer || !*reviewer)
        return pp_err_set(e, PP_EXIT_USAGE, "a review needs a reviewer name");
    if (!c->have_table)
        return pp_err_set(e, PP_EXIT_DB, "%s: no reviews table (open the database read-write)", c->db->path);
    if (db_user_version(c->db) < 13)
        return pp_err_set(e, PP_EXIT_DB, "%s: schema %d has no rejections (open it read-write once to upgrade)",
                          c->db->path, db_user_version(c->db));
    if (insert_prepare(c, e))
        return e->code;
    review_key k;
    if (review_key_of(c, item_id, &k, e))
        return e->code;
    insert_row(c, &k, item_id, "*", reject ? "reject" : "accept", NULL, NULL, reviewer, note, "recording a rejection", e);
    review_key_free(&k);
    return e->code;
}
