/* records.c — main of bin/parplan-records: writes one structured record per document as JSON lines, or
 * one CSV row per target (an item without targets gets one row) with the item's fields repeated. */
#include "core/cli.h"
#include "core/csv.h"
#include "db/db.h"
#include "core/err.h"
#include "core/json.h"
#include "records/review.h"
#include "core/strbuf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parplan-records [--db FILE] [--format jsonl|csv] [--out FILE] [-q] [--help] [--version]\n"
    "  writes one structured record per document (JSON lines) or one row per target (CSV).\n"
    "  --db FILE      database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  --format F     jsonl (default) or csv\n"
    "  --out FILE     output file (default: standard output)\n"
    "  -q             quiet\n"
    "exit: 0 ok, 2 usage, 4 database error\n";

typedef struct rc_q {
    sqlite3_stmt *docs, *items, *targets, *bodies;
    review_ctx *rv; /* auditors' decisions (parplan-audit), NULL-safe on databases without them */
} rc_q;

#define NREVIEW 14 /* entries of review_fields */

/* The decisions on every reviewable field of an item (REVIEW_NONE where nobody looked). */
static void item_reviews(rc_q *q, int64_t id, review_state st[NREVIEW])
{
    for (int k = 0; k < NREVIEW; k++) {
        pp_err e;
        pp_err_clear(&e);
        memset(&st[k], 0, sizeof st[k]);
        if (review_lookup(q->rv, id, review_fields[k], &st[k], &e) != PP_OK)
            memset(&st[k], 0, sizeof st[k]);
    }
}

static const review_state *corrected(const review_state st[NREVIEW], const char *field)
{
    for (int k = 0; k < NREVIEW; k++)
        if (strcmp(review_fields[k], field) == 0)
            return st[k].status == REVIEW_CORRECTED ? &st[k] : NULL;
    return NULL;
}

/* A string field as exported: the reviewer's correction when there is one, else what was extracted. */
static void json_field(strbuf *sb, const review_state st[NREVIEW], const char *field, const char *extracted)
{
    const review_state *c = corrected(st, field);
    js_str(sb, c ? c->value : extracted);
}

/* "reviewed": {"field": {"status", "value", "reviewer", "at"}, ...} for the fields someone decided on;
 * "stale" means an acceptance that a later extraction no longer matches. */
static void json_reviewed(strbuf *sb, const review_state st[NREVIEW])
{
    static const char *const names[] = { "none", "accepted", "corrected", "stale" };
    sb_addc(sb, '{');
    int f = 1;
    for (int k = 0; k < NREVIEW; k++) {
        if (st[k].status == REVIEW_NONE)
            continue;
        js_key(sb, review_fields[k], &f);
        sb_adds(sb, "{\"status\":");
        js_str(sb, names[st[k].status]);
        sb_adds(sb, ",\"value\":");
        js_str(sb, st[k].value);
        sb_adds(sb, ",\"reviewer\":");
        js_str(sb, st[k].reviewer);
        sb_adds(sb, ",\"at\":");
        js_str(sb, st[k].at);
        sb_addc(sb, '}');
    }
    sb_addc(sb, '}');
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static void json_num_or_null(strbuf *sb, sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        sb_adds(sb, "null");
    else
        js_num(sb, sqlite3_column_double(s, i));
}

static void json_bodies(strbuf *sb, rc_q *q, int64_t item, const char *role, const review_state *fix)
{
    if (fix) { /* a corrected list is stored as its names joined by "; " */
        sb_addc(sb, '[');
        const char *p = fix->value ? fix->value : "";
        int n = 0;
        while (*p) {
            const char *semi = strstr(p, "; ");
            size_t len = semi ? (size_t)(semi - p) : strlen(p);
            if (n++)
                sb_addc(sb, ',');
            js_strn(sb, p, len);
            p += len + (semi ? 2 : 0);
        }
        sb_addc(sb, ']');
        return;
    }
    sqlite3_bind_int64(q->bodies, 1, item);
    sqlite3_bind_text(q->bodies, 2, role, -1, SQLITE_STATIC);
    sb_addc(sb, '[');
    int n = 0;
    while (sqlite3_step(q->bodies) == SQLITE_ROW) {
        if (n++)
            sb_addc(sb, ',');
        js_str(sb, col(q->bodies, 0));
    }
    sqlite3_reset(q->bodies);
    sb_addc(sb, ']');
}

static void csv_bodies(strbuf *sb, rc_q *q, int64_t item, const char *role)
{
    sqlite3_bind_int64(q->bodies, 1, item);
    sqlite3_bind_text(q->bodies, 2, role, -1, SQLITE_STATIC);
    strbuf j = STRBUF_INIT;
    int n = 0;
    while (sqlite3_step(q->bodies) == SQLITE_ROW) {
        if (n++)
            sb_adds(&j, "; ");
        sb_adds(&j, col(q->bodies, 0));
    }
    sqlite3_reset(q->bodies);
    csv_field(sb, sb_str(&j), 0);
    sb_free(&j);
}

enum { I_ID, I_CODE, I_TITLE, I_PT, I_PM, I_BV, I_BU, I_BY, I_DL, I_PROD, I_PAGE, I_LINE, I_CONF, I_TT, I_KIND, I_INF };

static void write_json(strbuf *sb, rc_q *q, sqlite3_stmt *d)
{
    int first = 1;
    sb_addc(sb, '{');
    js_key(sb, "source", &first);
    js_str(sb, col(d, 1));
    js_key(sb, "document", &first);
    static const char *const dk[] = { "kind", "number", "date", "issuer", "province", "title", "period" };
    int f2 = 1;
    sb_addc(sb, '{');
    for (int k = 0; k < 7; k++) {
        js_key(sb, dk[k], &f2);
        js_str(sb, col(d, 2 + k));
    }
    sb_addc(sb, '}');
    js_key(sb, "items", &first);
    sb_addc(sb, '[');
    sqlite3_bind_int64(q->items, 1, sqlite3_column_int64(d, 0));
    int ni = 0;
    while (sqlite3_step(q->items) == SQLITE_ROW) {
        sqlite3_stmt *it = q->items;
        int64_t id = sqlite3_column_int64(it, I_ID);
        if (ni++)
            sb_addc(sb, ',');
        review_state rs[NREVIEW];
        item_reviews(q, id, rs);
        int fi = 1;
        sb_addc(sb, '{');
        js_key(sb, "code", &fi);
        json_field(sb, rs, "code", col(it, I_CODE));
        js_key(sb, "code_inferred", &fi);
        sb_adds(sb, sqlite3_column_int(it, I_INF) ? "true" : "false");
        js_key(sb, "kind", &fi);
        js_str(sb, col(it, I_KIND));
        js_key(sb, "title", &fi);
        json_field(sb, rs, "title", col(it, I_TITLE));
        js_key(sb, "target_text", &fi);
        json_field(sb, rs, "target_text", col(it, I_TT));
        js_key(sb, "targets", &fi);
        sb_addc(sb, '[');
        sqlite3_bind_int64(q->targets, 1, id);
        int nt = 0;
        while (sqlite3_step(q->targets) == SQLITE_ROW) {
            int ft = 1;
            if (nt++)
                sb_addc(sb, ',');
            sb_addc(sb, '{');
            js_key(sb, "text", &ft);
            js_str(sb, col(q->targets, 0));
            js_key(sb, "value", &ft);
            json_num_or_null(sb, q->targets, 1);
            js_key(sb, "unit", &ft);
            js_str(sb, col(q->targets, 2));
            js_key(sb, "op", &ft);
            js_str(sb, col(q->targets, 3));
            js_key(sb, "year", &ft);
            json_num_or_null(sb, q->targets, 4);
            sb_addc(sb, '}');
        }
        sqlite3_reset(q->targets);
        sb_addc(sb, ']');
        js_key(sb, "points", &fi);
        sb_adds(sb, "{\"target\":");
        json_num_or_null(sb, it, I_PT);
        sb_adds(sb, ",\"max\":");
        json_num_or_null(sb, it, I_PM);
        sb_addc(sb, '}');
        js_key(sb, "baseline", &fi);
        if (sqlite3_column_type(it, I_BV) == SQLITE_NULL) {
            sb_adds(sb, "null");
        } else {
            sb_adds(sb, "{\"value\":");
            json_num_or_null(sb, it, I_BV);
            sb_adds(sb, ",\"unit\":");
            js_str(sb, col(it, I_BU));
            sb_adds(sb, ",\"year\":");
            json_num_or_null(sb, it, I_BY);
            sb_addc(sb, '}');
        }
        js_key(sb, "lead", &fi);
        json_bodies(sb, q, id, "lead", corrected(rs, "lead"));
        js_key(sb, "support", &fi);
        json_bodies(sb, q, id, "support", corrected(rs, "support"));
        js_key(sb, "monitor", &fi);
        json_bodies(sb, q, id, "monitor", corrected(rs, "monitor"));
        js_key(sb, "deadline", &fi);
        json_field(sb, rs, "deadline", col(it, I_DL));
        js_key(sb, "product", &fi);
        json_field(sb, rs, "product", col(it, I_PROD));
        js_key(sb, "page", &fi);
        json_num_or_null(sb, it, I_PAGE);
        js_key(sb, "line", &fi);
        json_num_or_null(sb, it, I_LINE);
        js_key(sb, "confidence", &fi);
        json_num_or_null(sb, it, I_CONF);
        js_key(sb, "reviewed", &fi);
        json_reviewed(sb, rs);
        for (int k = 0; k < NREVIEW; k++)
            review_state_free(&rs[k]);
        sb_addc(sb, '}');
    }
    sqlite3_reset(q->items);
    sb_adds(sb, "]}\n");
}

static void csv_item_head(strbuf *sb, sqlite3_stmt *d, sqlite3_stmt *it)
{
    csv_field(sb, col(d, 1), 1);
    for (int k = 0; k < 7; k++)
        csv_field(sb, col(d, 2 + k), 0);
    csv_field(sb, col(it, I_CODE), 0);
    csv_field(sb, col(it, I_TITLE), 0);
}

static void write_csv(strbuf *sb, rc_q *q, sqlite3_stmt *d)
{
    sqlite3_bind_int64(q->items, 1, sqlite3_column_int64(d, 0));
    while (sqlite3_step(q->items) == SQLITE_ROW) {
        sqlite3_stmt *it = q->items;
        int64_t id = sqlite3_column_int64(it, I_ID);
        strbuf tail = STRBUF_INIT;
        csv_num(&tail, sqlite3_column_double(it, I_PT), sqlite3_column_type(it, I_PT) != SQLITE_NULL, 0);
        csv_num(&tail, sqlite3_column_double(it, I_PM), sqlite3_column_type(it, I_PM) != SQLITE_NULL, 0);
        csv_num(&tail, sqlite3_column_double(it, I_BV), sqlite3_column_type(it, I_BV) != SQLITE_NULL, 0);
        csv_field(&tail, col(it, I_BU), 0);
        csv_num(&tail, sqlite3_column_double(it, I_BY), sqlite3_column_type(it, I_BY) != SQLITE_NULL, 0);
        csv_bodies(&tail, q, id, "lead");
        csv_bodies(&tail, q, id, "support");
        csv_field(&tail, col(it, I_DL), 0);
        csv_field(&tail, col(it, I_PROD), 0);
        csv_num(&tail, sqlite3_column_double(it, I_PAGE), sqlite3_column_type(it, I_PAGE) != SQLITE_NULL, 0);
        csv_num(&tail, sqlite3_column_double(it, I_LINE), sqlite3_column_type(it, I_LINE) != SQLITE_NULL, 0);
        csv_num(&tail, sqlite3_column_double(it, I_CONF), sqlite3_column_type(it, I_CONF) != SQLITE_NULL, 0);
        sqlite3_bind_int64(q->targets, 1, id);
        int nt = 0;
        for (;;) {
            int row = sqlite3_step(q->targets) == SQLITE_ROW;
            if (!row && nt)
                break;
            csv_item_head(sb, d, it);
            if (row) {
                csv_field(sb, col(q->targets, 0), 0);
                csv_num(sb, sqlite3_column_double(q->targets, 1), sqlite3_column_type(q->targets, 1) != SQLITE_NULL, 0);
                csv_field(sb, col(q->targets, 2), 0);
                csv_field(sb, col(q->targets, 3), 0);
                csv_num(sb, sqlite3_column_double(q->targets, 4), sqlite3_column_type(q->targets, 4) != SQLITE_NULL, 0);
            } else {
                sb_adds(sb, ",,,,");
            }
            sb_add(sb, tail.buf, tail.len);
            csv_end(sb);
            nt++;
            if (!row)
                break;
        }
        sqlite3_reset(q->targets);
        sb_free(&tail);
    }
    sqlite3_reset(q->items);
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "format", required_argument, NULL, 'F' },
        { "out", required_argument, NULL, 'o' }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },     { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *db_opt = NULL, *out_path = NULL;
    int csv = 0, c;
    while ((c = getopt_long(argc, argv, "d:F:o:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'F':
            if (strcmp(optarg, "csv") == 0)
                csv = 1;
            else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                csv = 0;
            else
                return cli_usage_error(usage);
            break;
        case 'o': out_path = optarg; break;
        case 'q': pp_set_quiet(1); break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': cli_print_version(); return PP_OK;
        default: return cli_usage_error(usage);
        }
    }
    if (optind != argc)
        return cli_usage_error(usage);
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    if (db_open(cli_db_path(db_opt), DB_READONLY, &db, &e))
        return pp_report(&e);
    if (db_user_version(db) < 3) {
        pp_err_set(&e, PP_EXIT_DB, "%s: no extraction tables yet (run parplan-extract first)", db->path);
        db_close(db);
        return pp_report(&e);
    }
    int nfields = 0;
    while (review_fields[nfields])
        nfields++;
    if (nfields != NREVIEW) {
        pp_error("internal: %d reviewable fields, records knows %d", nfields, NREVIEW);
        db_close(db);
        return PP_EXIT_INTERNAL;
    }
    rc_q q = { 0 };
    sqlite3_stmt *d = NULL;
    if (db_prepare(db, &d, "SELECT id, source, kind, number, date, issuer, province, title, period FROM documents "
                           "WHERE id IN (SELECT document_id FROM extractions) ORDER BY source, id", &e) ||
        db_prepare(db, &q.items, "SELECT id, code, title, points_target, points_max, baseline_value, baseline_unit, "
                                 "baseline_year, deadline, product, page, line, confidence, target_text, kind, "
                                 "code_inferred FROM items WHERE document_id = ?1 ORDER BY seq", &e) ||
        db_prepare(db, &q.targets, "SELECT text, value, unit, op, year FROM targets WHERE item_id = ?1 ORDER BY seq", &e) ||
        db_prepare(db, &q.bodies, "SELECT b.name FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id "
                                  "WHERE ib.item_id = ?1 AND ib.role = ?2 ORDER BY ib.seq", &e) ||
        review_open(db, &q.rv, &e)) {
        sqlite3_finalize(d);
        sqlite3_finalize(q.items);
        sqlite3_finalize(q.targets);
        sqlite3_finalize(q.bodies);
        db_close(db);
        return pp_report(&e);
    }
    FILE *out = stdout;
    if (out_path && !(out = fopen(out_path, "wb"))) {
        pp_err_set(&e, PP_EXIT_INPUT, "%s: cannot write", out_path);
        out = NULL;
    }
    strbuf sb = STRBUF_INIT;
    if (out && csv) {
        fputs("source,kind,number,date,issuer,province,title,period,code,title,target,value,unit,op,year,"
              "points_target,points_max,baseline_value,baseline_unit,baseline_year,lead,support,deadline,"
              "product,page,line,confidence\r\n", out);
    }
    int rc;
    while (out && (rc = sqlite3_step(d)) == SQLITE_ROW) {
        sb_reset(&sb);
        if (csv)
            write_csv(&sb, &q, d);
        else
            write_json(&sb, &q, d);
        if (fwrite(sb.buf, 1, sb.len, out) != sb.len) {
            pp_err_set(&e, PP_EXIT_INPUT, "%s: write failed", out_path ? out_path : "stdout");
            break;
        }
    }
    sb_free(&sb);
    if (out && fflush(out) != 0 && !e.code)
        pp_err_set(&e, PP_EXIT_INPUT, "%s: write failed", out_path ? out_path : "stdout");
    if (out && out != stdout)
        fclose(out);
    sqlite3_finalize(d);
    sqlite3_finalize(q.items);
    sqlite3_finalize(q.targets);
    sqlite3_finalize(q.bodies);
    review_close(q.rv);
    db_close(db);
    return e.code ? pp_report(&e) : PP_OK;
}
