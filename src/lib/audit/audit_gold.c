/* audit/audit_gold.c (prefix audit_gold_) — see audit_gold.h. */
#include "audit/audit_gold.h"

#include "audit/audit_html.h"
#include "audit/audit_value.h"
#include "records/goldscore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static json_t *jtext(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? json_string(t) : json_null();
}

static json_t *jnum(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? json_null() : json_real(sqlite3_column_double(s, i));
}

/* The document's items in the records format (the shape parplan-records writes), with "_id". */
static int load_items(pp_db *db, int64_t doc, json_t *items, pp_err *e)
{
    sqlite3_stmt *is = NULL, *ts = NULL, *bs = NULL;
    if (db_prepare(db, &is, "SELECT id, code, title, target_text, points_target, points_max, deadline FROM items "
                            "WHERE document_id = ?1 ORDER BY seq", e) ||
        db_prepare(db, &ts, "SELECT value, unit FROM targets WHERE item_id = ?1 ORDER BY seq", e) ||
        db_prepare(db, &bs, "SELECT b.name FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id WHERE "
                            "ib.item_id = ?1 AND ib.role = ?2 ORDER BY ib.seq", e))
        goto done;
    sqlite3_bind_int64(is, 1, doc);
    while (sqlite3_step(is) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(is, 0);
        json_t *it = json_object(), *targets = json_array(), *points = json_object();
        if (!it || !targets || !points) {
            pp_err_set(e, PP_EXIT_NOMEM, "out of memory");
            break;
        }
        json_object_set_new(it, "_id", json_integer(id));
        json_object_set_new(it, "code", jtext(is, 1));
        json_object_set_new(it, "title", jtext(is, 2));
        json_object_set_new(it, "target_text", jtext(is, 3));
        json_object_set_new(points, "target", jnum(is, 4));
        json_object_set_new(points, "max", jnum(is, 5));
        json_object_set_new(it, "points", points);
        json_object_set_new(it, "deadline", jtext(is, 6));
        sqlite3_bind_int64(ts, 1, id);
        while (sqlite3_step(ts) == SQLITE_ROW) {
            json_t *t = json_object();
            json_object_set_new(t, "value", jnum(ts, 0));
            json_object_set_new(t, "unit", jtext(ts, 1));
            json_array_append_new(targets, t);
        }
        sqlite3_reset(ts);
        json_object_set_new(it, "targets", targets);
        static const char *const roles[] = { "lead", "support", "monitor" };
        for (int r = 0; r < 3; r++) {
            json_t *list = json_array();
            sqlite3_bind_int64(bs, 1, id);
            sqlite3_bind_text(bs, 2, roles[r], -1, SQLITE_STATIC);
            while (sqlite3_step(bs) == SQLITE_ROW)
                json_array_append_new(list, jtext(bs, 0));
            sqlite3_reset(bs);
            json_object_set_new(it, roles[r], list);
        }
        json_array_append_new(items, it);
    }
done:
    sqlite3_finalize(is);
    sqlite3_finalize(ts);
    sqlite3_finalize(bs);
    return e->code;
}

/* The sources field name that carries a gold field. */
static const char *source_field(const char *f)
{
    return !strcmp(f, "targets") ? "target" : f;
}

static int write_html(pp_db *db, const char *out, const char *root, const char *doc, int64_t doc_id,
                      const char *source, const char *hash, int ocr, const gs_result *r, pp_err *e)
{
    if (mkdir(out, 0777) != 0 && errno != EEXIST)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot create directory", out);
    av_ctx av;
    sqlite3_stmt *ss = NULL;
    strbuf sb = STRBUF_INIT;
    if (av_init(&av, db, out, root, 70, 900, e) ||
        db_prepare(db, &ss, "SELECT id, field, rule, text, page, line, char_start, line_end, char_end, confidence "
                            "FROM sources WHERE item_id = ?1 AND field = ?2 ORDER BY seq, id", e))
        goto done;
    ah_begin(&sb, "Gold comparison");
    sb_adds(&sb, "<nav><a href=\"index.html\">All documents</a></nav>\n<h1>Scored against ");
    ah_esc(&sb, doc);
    sb_addf(&sb, "</h1>\n<p>%zu gold items, %zu matched by code, %zu extracted items.</p>\n<table><tr><th>field"
                 "</th><th>accuracy</th><th>precision</th><th>recall</th></tr>\n", r->ngold, r->nmatched,
            r->nextracted);
    for (int k = 0; gs_fields[k]; k++) {
        const gs_field *f = &r->f[k];
        if (!f->scored)
            continue;
        sb_addf(&sb, "<tr><td>%s</td><td class=\"num\">%.3f (%d/%zu)</td><td class=\"num\">%.3f</td><td "
                     "class=\"num\">%.3f</td></tr>\n", gs_fields[k],
                r->ngold ? (double)f->equal / (double)r->ngold : 1.0, f->equal, r->ngold,
                f->got_has ? (double)f->both / f->got_has : 1.0, f->gold_has ? (double)f->both / f->gold_has : 1.0);
    }
    sb_addf(&sb, "</table>\n<h2>Mismatches (%zu)</h2>\n", r->nmm);
    av_doc d = { doc_id, source, hash, ocr };
    for (size_t i = 0; i < r->nmm && !e->code; i++) {
        const gs_mismatch *m = &r->mm[i];
        json_t *idv = m->got_item ? json_object_get(m->got_item, "_id") : NULL;
        sb_adds(&sb, "<div class=\"card\"><h3>");
        ah_esc(&sb, m->code ? m->code : "?");
        sb_addf(&sb, " · %s</h3><div>gold: <b>", gs_fields[m->field]);
        ah_esc(&sb, m->gold);
        sb_adds(&sb, "</b></div><div>extracted: <b>");
        ah_esc(&sb, m->got);
        sb_adds(&sb, "</b></div>");
        if (json_is_integer(idv)) {
            long long id = json_integer_value(idv);
            sb_addf(&sb, "<p><a href=\"item-%lld.html\">item %lld</a></p>", id, id);
            sqlite3_bind_int64(ss, 1, id);
            sqlite3_bind_text(ss, 2, source_field(gs_fields[m->field]), -1, SQLITE_STATIC);
            while (!e->code && sqlite3_step(ss) == SQLITE_ROW) {
                av_source s;
                av_source_from_row(ss, &s);
                av_card(&av, &sb, &d, &s, NULL, e);
            }
            sqlite3_reset(ss);
        } else {
            sb_adds(&sb, "<p class=\"muted\">no extracted item has this code</p>");
        }
        sb_adds(&sb, "</div>\n");
    }
    ah_end(&sb);
    if (!e->code)
        ah_write(out, "gold.html", &sb, e);
done:
    sqlite3_finalize(ss);
    av_free(&av);
    sb_free(&sb);
    return e->code;
}

int audit_gold_report(pp_db *db, const char *gold_path, const char *out_dir, const char *root, pp_err *e)
{
    json_error_t je;
    json_t *gold = json_load_file(gold_path, 0, &je);
    if (!gold)
        return pp_err_set(e, PP_EXIT_INPUT, "%s:%d: %s", gold_path, je.line, je.text);
    json_t *dv = json_object_get(gold, "doc"), *gitems = json_object_get(gold, "items");
    if (!json_is_string(dv) || !json_is_array(gitems)) {
        json_decref(gold);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: needs \"doc\" and \"items\"", gold_path);
    }
    const char *doc = json_string_value(dv);
    sqlite3_stmt *ds = NULL;
    json_t *items = json_array();
    gs_result r;
    memset(&r, 0, sizeof r);
    /* The latest extracted document whose source path ends with the gold's name. */
    if (db_prepare(db, &ds, "SELECT id, source, hash, (SELECT count(*) FROM pages p WHERE p.document_id = d.id AND "
                            "p.method = 'ocr') FROM documents d WHERE id IN (SELECT document_id FROM extractions) AND "
                            "length(source) >= length(?1) AND substr(source, -length(?1)) = ?1 ORDER BY id DESC", e))
        goto done;
    sqlite3_bind_text(ds, 1, doc, -1, SQLITE_STATIC);
    if (sqlite3_step(ds) != SQLITE_ROW) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: no extracted document whose source ends with %s", db->path, doc);
        goto done;
    }
    if (!items || load_items(db, sqlite3_column_int64(ds, 0), items, e))
        goto done;
    if (gs_score(gitems, items, &r)) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: items is not a list", gold_path);
        goto done;
    }
    gs_print(stdout, doc, &r, 1);
    if (out_dir)
        write_html(db, out_dir, root, doc, sqlite3_column_int64(ds, 0), (const char *)sqlite3_column_text(ds, 1),
                   (const char *)sqlite3_column_text(ds, 2), sqlite3_column_int(ds, 3) > 0, &r, e);
done:
    gs_result_free(&r);
    sqlite3_finalize(ds);
    json_decref(items);
    json_decref(gold);
    return e->code;
}
