/* audit/audit_gold.c (prefix audit_gold_) — see audit_gold.h.  The items scored are the document's record
 * from records/recbuild.h, the one parplan-records writes (corrections applied: the decision is there). */
#include "audit/audit_gold.h"
#include "core/fsutil.h"

#include "audit/audit_html.h"
#include "audit/audit_value.h"
#include "records/goldscore.h"
#include "records/recbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sources field name that carries a gold field. */
static const char *source_field(const char *f)
{
    return !strcmp(f, "targets") ? "target" : f;
}

/* The reviewer whose correction the record exports for a gold field of item (NULL when it holds the
 * extracted value): "reviewed" lists every decision, but only some fields' corrections apply. */
static const char *corrected_by(json_t *item, const char *gold_field)
{
    int f = review_field_index(gold_field);
    if (!item || f < 0 || !rec_correction_applies((enum review_field)f))
        return NULL;
    json_t *st = json_object_get(json_object_get(item, "reviewed"), gold_field);
    const char *status = json_string_value(json_object_get(st, "status"));
    if (!status || strcmp(status, "corrected"))
        return NULL;
    const char *who = json_string_value(json_object_get(st, "reviewer"));
    return who ? who : "?";
}

static int write_html(pp_db *db, const char *out, const char *root, const char *doc, int64_t doc_id,
                      const char *source, const char *hash, int ocr, const gs_result *r, pp_err *e)
{
    if (fs_mkdirs(out, PP_EXIT_INPUT, e))
        return e->code;
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
        const char *by = corrected_by(m->got_item, gs_fields[m->field]);
        if (by) { /* the record holds the reviewer's value; the sources below are what extraction read */
            sb_adds(&sb, "</b></div><div>corrected by ");
            ah_esc(&sb, by);
            sb_adds(&sb, ": <b>");
        } else {
            sb_adds(&sb, "</b></div><div>extracted: <b>");
        }
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
    rec_ctx *rc = NULL;
    rec_doc rd;
    memset(&rd, 0, sizeof rd); /* rec_doc_free of a zeroed record is a no-op */
    json_t *rec = NULL;
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
    if (rec_open(db, &rc, e) || rec_load(rc, sqlite3_column_int64(ds, 0), &rd, e))
        goto done;
    if (rec_jansson(&rd, 1, &rec, e))
        goto done;
    if (gs_score(gitems, json_object_get(rec, "items"), &r)) {
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
    json_decref(rec);
    rec_doc_free(&rd);
    rec_close(rc);
    json_decref(gold);
    return e->code;
}
