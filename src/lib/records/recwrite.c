/* records/recwrite.c (prefix rec_) — the writers of recbuild.h: JSON lines, CSV, and the JSON line parsed
 * back for jansson consumers.  The JSON fields are those parplan-records has always written, with new
 * ones added beside them (never renamed or retyped); the CSV carries the same values. */
#include "records/recbuild.h"

#include "core/csv.h"
#include "core/err.h"
#include "core/json.h"

#include <string.h>

static void json_num_or_null(strbuf *sb, rec_num n)
{
    if (n.has)
        js_num(sb, n.v);
    else
        sb_adds(sb, "null");
}

static void json_list(strbuf *sb, const strvec *l)
{
    js_str_array(sb, l->v, l->n);
}

/* "reviewed": {"field": {"status", "value", "reviewer", "at"}, ...} for the fields someone decided on;
 * "stale" means an acceptance that a later extraction no longer matches. */
static void json_reviewed(strbuf *sb, const review_state st[REVIEW_NFIELDS])
{
    static const char *const names[] = { "none", "accepted", "corrected", "stale" };
    sb_addc(sb, '{');
    int f = 1;
    for (int k = 0; k < REVIEW_NFIELDS; k++) {
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

static void json_targets(strbuf *sb, const rec_item *it)
{
    sb_addc(sb, '[');
    for (size_t i = 0; i < it->ntargets; i++) {
        const rec_target *t = &it->targets[i];
        int ft = 1;
        if (i)
            sb_addc(sb, ',');
        sb_addc(sb, '{');
        js_key(sb, "text", &ft);
        js_str(sb, t->text);
        js_key(sb, "value", &ft);
        json_num_or_null(sb, t->value);
        js_key(sb, "unit", &ft);
        js_str(sb, t->unit);
        js_key(sb, "op", &ft);
        js_str(sb, t->op);
        js_key(sb, "year", &ft);
        json_num_or_null(sb, t->year);
        sb_addc(sb, '}');
    }
    sb_addc(sb, ']');
}

static void json_item(strbuf *sb, const rec_item *it)
{
    int fi = 1;
    sb_addc(sb, '{');
    js_key(sb, "code", &fi);
    js_str(sb, it->val.code);
    js_key(sb, "code_inferred", &fi);
    sb_adds(sb, it->code_inferred ? "true" : "false");
    js_key(sb, "code_as_printed", &fi);
    js_str(sb, it->code_as_printed);
    js_key(sb, "kind", &fi);
    js_str(sb, it->kind);
    js_key(sb, "title", &fi);
    js_str(sb, it->val.title);
    js_key(sb, "target_text", &fi);
    js_str(sb, it->val.target_text);
    js_key(sb, "targets", &fi);
    json_targets(sb, it);
    js_key(sb, "points", &fi);
    sb_adds(sb, "{\"target\":");
    json_num_or_null(sb, it->points_target);
    sb_adds(sb, ",\"max\":");
    json_num_or_null(sb, it->points_max);
    sb_addc(sb, '}');
    js_key(sb, "baseline", &fi);
    if (!it->baseline_value.has) {
        sb_adds(sb, "null");
    } else {
        sb_adds(sb, "{\"value\":");
        json_num_or_null(sb, it->baseline_value);
        sb_adds(sb, ",\"unit\":");
        js_str(sb, it->baseline_unit);
        sb_adds(sb, ",\"year\":");
        json_num_or_null(sb, it->baseline_year);
        sb_addc(sb, '}');
    }
    js_key(sb, "lead", &fi);
    json_list(sb, &it->val.lead);
    js_key(sb, "support", &fi);
    json_list(sb, &it->val.support);
    js_key(sb, "monitor", &fi);
    json_list(sb, &it->val.monitor);
    /* new beside today's fields: the gazetteer's name of each extracted body, in the same order */
    js_key(sb, "lead_canonical", &fi);
    json_list(sb, &it->lead_canonical);
    js_key(sb, "support_canonical", &fi);
    json_list(sb, &it->support_canonical);
    js_key(sb, "monitor_canonical", &fi);
    json_list(sb, &it->monitor_canonical);
    js_key(sb, "deadline", &fi);
    js_str(sb, it->val.deadline);
    js_key(sb, "product", &fi);
    js_str(sb, it->val.product);
    js_key(sb, "page", &fi);
    json_num_or_null(sb, it->page);
    js_key(sb, "line", &fi);
    json_num_or_null(sb, it->line);
    js_key(sb, "confidence", &fi);
    json_num_or_null(sb, it->confidence);
    js_key(sb, "reviewed", &fi);
    json_reviewed(sb, it->reviewed);
    /* new: the text fields as the document wrote them where restoration changed them (recwritten.h) */
    js_key(sb, "as_written", &fi);
    rw_item_json(sb, &it->written);
    js_key(sb, "item_key", &fi); /* new beside today's fields (issue 17) */
    js_str(sb, it->key);
    sb_addc(sb, '}');
}

void rec_write_json(strbuf *sb, const rec_doc *d)
{
    int first = 1;
    sb_addc(sb, '{');
    js_key(sb, "source", &first);
    js_str(sb, d->source);
    js_key(sb, "document", &first);
    /* number_note (why number is null) is new beside today's fields; the CSV keeps its columns */
    const char *const dk[] = { "kind", "number", "number_note", "date", "issuer", "province", "title", "period" };
    const char *const dv[] = { d->kind, d->number, d->number_note, d->date, d->issuer, d->province, d->title,
                               d->period };
    int f2 = 1;
    sb_addc(sb, '{');
    for (size_t k = 0; k < sizeof dk / sizeof *dk; k++) {
        js_key(sb, dk[k], &f2);
        js_str(sb, dv[k]);
    }
    sb_addc(sb, '}');
    js_key(sb, "items", &first);
    sb_addc(sb, '[');
    for (size_t i = 0; i < d->nitems; i++) {
        if (i)
            sb_addc(sb, ',');
        json_item(sb, &d->items[i]);
    }
    sb_addc(sb, ']');
    js_key(sb, "document_hash", &first); /* new beside today's fields (issue 17) */
    js_str(sb, d->hash);
    sb_adds(sb, "}\n");
}

/* The columns, in order: the first 28 are the CSV's columns before issue 17 (the document's title, once
 * a second "title", is now document_title), the others were added after them; as_written is last. */
static const char *const csv_columns[REC_CSV_COLUMNS] = {
    "source", "kind", "number", "date", "issuer", "province", "document_title", "period", "code", "title", "target",
    "value", "unit", "op", "year", "points_target", "points_max", "baseline_value", "baseline_unit", "baseline_year",
    "lead", "support", "deadline", "product", "page", "line", "confidence", "code_as_printed", "number_note",
    "document_hash", "item_key", "item_kind", "code_inferred", "target_text", "monitor", "lead_canonical",
    "support_canonical", "monitor_canonical", "reviewed", "as_written",
};

void rec_write_csv_header(strbuf *sb)
{
    for (int i = 0; i < REC_CSV_COLUMNS; i++)
        csv_field(sb, csv_columns[i], i == 0);
    csv_end(sb);
}

static void csv_list(strbuf *sb, const strvec *l)
{
    strbuf j = STRBUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sb_adds(&j, "; ");
        sb_adds(&j, l->v[i]);
    }
    csv_text(sb, sb_str(&j), 0);
    sb_free(&j);
}

static void csv_n(strbuf *sb, rec_num n)
{
    csv_num(sb, n.v, n.has, 0);
}

static void csv_empty(strbuf *sb, int n)
{
    while (n-- > 0)
        sb_addc(sb, ',');
}

/* One row: the document's fields, then the item's (it NULL: a document without items) with one target
 * (t NULL: an item without targets).  The values are the exported ones (it->val, corrections applied),
 * as in the JSON line. */
static void csv_row(strbuf *sb, const rec_doc *d, const rec_item *it, const rec_target *t)
{
    csv_text(sb, d->source, 1);
    const char *const dv[] = { d->kind, d->number, d->date, d->issuer, d->province, d->title, d->period };
    for (size_t k = 0; k < sizeof dv / sizeof *dv; k++)
        csv_text(sb, dv[k], 0);
    if (!it) {
        csv_empty(sb, 20); /* code .. code_as_printed */
        csv_text(sb, d->number_note, 0);
        csv_text(sb, d->hash, 0);
        csv_empty(sb, REC_CSV_COLUMNS - 30);
        csv_end(sb);
        return;
    }
    csv_text(sb, it->val.code, 0);
    csv_text(sb, it->val.title, 0);
    if (t) {
        csv_text(sb, t->text, 0);
        csv_n(sb, t->value);
        csv_text(sb, t->unit, 0);
        csv_text(sb, t->op, 0);
        csv_n(sb, t->year);
    } else {
        csv_empty(sb, 5);
    }
    csv_n(sb, it->points_target);
    csv_n(sb, it->points_max);
    csv_n(sb, it->baseline_value);
    csv_text(sb, it->baseline_unit, 0);
    csv_n(sb, it->baseline_year);
    csv_list(sb, &it->val.lead);
    csv_list(sb, &it->val.support);
    csv_text(sb, it->val.deadline, 0);
    csv_text(sb, it->val.product, 0);
    csv_n(sb, it->page);
    csv_n(sb, it->line);
    csv_n(sb, it->confidence);
    csv_text(sb, it->code_as_printed, 0);
    csv_text(sb, d->number_note, 0);
    csv_text(sb, d->hash, 0);
    csv_text(sb, it->key, 0);
    csv_text(sb, it->kind, 0);
    csv_field(sb, it->code_inferred ? "true" : "false", 0);
    csv_text(sb, it->val.target_text, 0);
    csv_list(sb, &it->val.monitor);
    csv_list(sb, &it->lead_canonical);
    csv_list(sb, &it->support_canonical);
    csv_list(sb, &it->monitor_canonical);
    int any = 0;
    for (int k = 0; k < REVIEW_NFIELDS; k++)
        any |= it->reviewed[k].status != REVIEW_NONE;
    if (any) {
        strbuf r = STRBUF_INIT;
        json_reviewed(&r, it->reviewed);
        csv_field(sb, sb_str(&r), 0); /* starts with '{' */
        sb_free(&r);
    } else {
        csv_field(sb, NULL, 0);
    }
    /* the JSON line's "as_written" object as its text, empty where it is {} (nothing restored) */
    strbuf w = STRBUF_INIT;
    rw_item_json(&w, &it->written);
    csv_field(sb, w.len > 2 ? sb_str(&w) : NULL, 0); /* starts with '{' */
    sb_free(&w);
    csv_end(sb);
}

void rec_write_csv(strbuf *sb, const rec_doc *d)
{
    if (!d->nitems)
        csv_row(sb, d, NULL, NULL);
    for (size_t i = 0; i < d->nitems; i++) {
        const rec_item *it = &d->items[i];
        if (!it->ntargets)
            csv_row(sb, d, it, NULL);
        for (size_t r = 0; r < it->ntargets; r++)
            csv_row(sb, d, it, &it->targets[r]);
    }
}

int rec_jansson(const rec_doc *d, int with_ids, json_t **out, pp_err *e)
{
    *out = NULL;
    strbuf sb = STRBUF_INIT;
    rec_write_json(&sb, d);
    json_error_t je;
    json_t *rec = json_loadb(sb.buf, sb.len, 0, &je);
    sb_free(&sb);
    if (!rec) /* the writer's JSON is valid (js_str replaces bad UTF-8), so this is jansson's allocation */
        return pp_err_set(e, PP_EXIT_NOMEM, "reading back the record of %s: %s", d->source ? d->source : "?", je.text);
    json_t *items = json_object_get(rec, "items");
    if (with_ids && json_array_size(items) != d->nitems) {
        json_decref(rec);
        return pp_err_set(e, PP_EXIT_INTERNAL, "internal: record of %s read back with %zu items, built with %zu",
                          d->source ? d->source : "?", json_array_size(items), d->nitems);
    }
    for (size_t i = 0; with_ids && i < d->nitems; i++) {
        json_t *id = json_integer((json_int_t)d->items[i].id);
        if (!id || json_object_set_new(json_array_get(items, i), "_id", id)) {
            json_decref(rec);
            return pp_err_set(e, PP_EXIT_NOMEM, "out of memory");
        }
    }
    *out = rec;
    return PP_OK;
}
