/* audit/audit_flags.c (prefix af_) — see audit_flags.h. */
#include "audit/audit_flags.h"

#include <stdlib.h>
#include <string.h>

const char *const af_names[AF_N] = {
#define AF_X_NAME(id, name, label) [AF_BIT_##id] = name,
    AF_TABLE(AF_X_NAME)
#undef AF_X_NAME
};
const char *const af_labels[AF_N] = {
#define AF_X_LABEL(id, name, label) [AF_BIT_##id] = label,
    AF_TABLE(AF_X_LABEL)
#undef AF_X_LABEL
};

int af_init(af_ctx *c, pp_db *db, double low, pp_err *e)
{
    memset(c, 0, sizeof *c);
    c->db = db;
    c->low = low;
    sqlite3_stmt *t;
    if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM pragma_table_info('pages') WHERE name = 'orientation_unsure'", -1,
                           &t, NULL) == SQLITE_OK) {
        c->has_orient = sqlite3_step(t) == SQLITE_ROW;
        sqlite3_finalize(t);
    }
    if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM pragma_table_info('pages') WHERE name = 'prep_unsure'", -1, &t,
                           NULL) == SQLITE_OK) {
        c->has_prep = sqlite3_step(t) == SQLITE_ROW;
        sqlite3_finalize(t);
    }
    /* a database from before those columns, opened read-only so not migrated: no page is unsure */
    return db_prepare(db, &c->sources,
                      c->has_prep     ? "SELECT s.field, s.rule, s.confidence, (SELECT (coalesce(p.orientation_unsure, 0) "
                                        "> 0) | ((p.prep_unsure IS NOT NULL) << 1) FROM pages p WHERE p.document_id = "
                                        "s.document_id AND p.number = s.page) FROM sources s WHERE s.item_id = ?1"
                      : c->has_orient ? "SELECT s.field, s.rule, s.confidence, (SELECT p.orientation_unsure > 0 FROM "
                                        "pages p WHERE p.document_id = s.document_id AND p.number = s.page) FROM sources "
                                        "s WHERE s.item_id = ?1"
                                      : "SELECT field, rule, confidence, NULL FROM sources WHERE item_id = ?1",
                      e);
}

void af_free(af_ctx *c)
{
    sqlite3_finalize(c->sources);
    memset(c, 0, sizeof *c);
}

int af_source_field(const char *f)
{
    int k = review_field_index(f);
    if (k >= 0 || !f)
        return k;
    if (!strcmp(f, "target") || !strncmp(f, "targets", 7))
        return REVIEW_F_TARGETS;
    if (!strncmp(f, "code", 4))
        return REVIEW_F_CODE;
    if (!strncmp(f, "lead", 4))
        return REVIEW_F_LEAD;
    if (!strncmp(f, "support", 7))
        return REVIEW_F_SUPPORT;
    if (!strncmp(f, "monitor", 7))
        return REVIEW_F_MONITOR;
    if (!strncmp(f, "baseline", 8))
        return REVIEW_F_BASELINE_VALUE;
    if (!strncmp(f, "points", 6))
        return REVIEW_F_POINTS_TARGET;
    return -1;
}

static int names_differ(const strvec *written, const strvec *canonical)
{
    for (size_t i = 0; i < written->n; i++)
        if (i >= canonical->n || strcmp(written->v[i], canonical->v[i]))
            return 1;
    return 0;
}

void af_item_record(const rec_item *it, unsigned field[REVIEW_NFIELDS])
{
    memset(field, 0, REVIEW_NFIELDS * sizeof *field);
    if (it->code_inferred)
        field[REVIEW_F_CODE] |= AF_INFERRED;
    const rw_item *w = &it->written;
    if (w->title)
        field[REVIEW_F_TITLE] |= AF_RESTORED;
    if (w->target_text)
        field[REVIEW_F_TARGET_TEXT] |= AF_RESTORED;
    if (w->deadline)
        field[REVIEW_F_DEADLINE] |= AF_RESTORED;
    if (w->product)
        field[REVIEW_F_PRODUCT] |= AF_RESTORED;
    if (w->lead.n)
        field[REVIEW_F_LEAD] |= AF_RESTORED;
    if (w->support.n)
        field[REVIEW_F_SUPPORT] |= AF_RESTORED;
    if (w->monitor.n)
        field[REVIEW_F_MONITOR] |= AF_RESTORED;
    if (names_differ(&it->ext.lead, &it->lead_canonical))
        field[REVIEW_F_LEAD] |= AF_CANONICAL;
    if (names_differ(&it->ext.support, &it->support_canonical))
        field[REVIEW_F_SUPPORT] |= AF_CANONICAL;
    if (names_differ(&it->ext.monitor, &it->monitor_canonical))
        field[REVIEW_F_MONITOR] |= AF_CANONICAL;
    if (!it->ext.lead.n && it->kind && strcmp(it->kind, "section"))
        field[REVIEW_F_LEAD] |= AF_NOLEAD;
    for (size_t i = 0; i < it->ntargets; i++)
        if (!it->targets[i].value.has)
            field[REVIEW_F_TARGETS] |= AF_UNPARSED;
}

void af_source(const af_ctx *c, unsigned field[REVIEW_NFIELDS], const char *name, const char *rule, int has_conf,
               double conf, int page_unsure)
{
    int f = af_source_field(name);
    unsigned bits = 0;
    if (has_conf && conf < c->low)
        bits |= AF_LOW;
    if (rule && !strncmp(rule, "columns.leftover", 16))
        bits |= AF_LEFTOVER;
    if (rule && !strncmp(rule, "columns.prior", 13))
        bits |= AF_PRIOR;
    if (page_unsure & AF_PAGE_ORIENT)
        bits |= AF_ORIENT;
    if (page_unsure & AF_PAGE_PREP)
        bits |= AF_UNSURE;
    if (bits)
        field[f >= 0 ? f : REVIEW_F_TITLE] |= bits;
}

int af_item(af_ctx *c, const rec_item *it, unsigned field[REVIEW_NFIELDS], unsigned *all, pp_err *e)
{
    af_item_record(it, field);
    *all = 0;
    sqlite3_bind_int64(c->sources, 1, it->id);
    int rc;
    while ((rc = sqlite3_step(c->sources)) == SQLITE_ROW)
        af_source(c, field, (const char *)sqlite3_column_text(c->sources, 0),
                  (const char *)sqlite3_column_text(c->sources, 1), sqlite3_column_type(c->sources, 2) != SQLITE_NULL,
                  sqlite3_column_double(c->sources, 2), sqlite3_column_int(c->sources, 3));
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading an item's sources");
    sqlite3_reset(c->sources);
    for (int k = 0; k < REVIEW_NFIELDS; k++)
        *all |= field[k];
    return e->code;
}

void af_badges(strbuf *sb, unsigned f)
{
    for (int b = 0; b < AF_N; b++)
        if (f & (1u << b))
            sb_addf(sb, "<span class=\"flag f-%s\">%s</span>", af_names[b], af_labels[b]);
}
