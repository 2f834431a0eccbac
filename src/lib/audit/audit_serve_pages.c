/* audit/audit_serve_pages.c (prefix asp_) — see audit_serve-ll.h: the pages of parplan-audit --serve (index,
 * document, item), the next flagged value, crops on demand and the decisions posted to /review.  Every
 * stored string goes through ah_esc; ids in links are numbers this code prints. */
#include "audit/audit_serve-ll.h"

#include "audit/audit_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char asp_script[] =
    "(function(){\n"
    "var fs=[].slice.call(document.querySelectorAll('section.field')),cur=-1;\n"
    "function show(i){if(cur>=0)fs[cur].classList.remove('cur');cur=i;fs[i].classList.add('cur');"
    "fs[i].scrollIntoView({block:'center'});history.replaceState(null,'','#'+fs[i].id);}\n"
    "var h=location.hash.slice(1);for(var i=0;i<fs.length;i++)if(fs[i].id===h)show(i);\n"
    "function next(){for(var i=cur+1;i<fs.length;i++)if(fs[i].classList.contains('todo')){show(i);return;}"
    "location.href=document.body.getAttribute('data-next')||'/next';}\n"
    "document.addEventListener('keydown',function(ev){var t=ev.target;\n"
    "if(t&&(t.tagName==='INPUT'||t.tagName==='TEXTAREA'||t.tagName==='SELECT')){"
    "if(ev.key==='Escape'){t.blur();if(cur>=0)fs[cur].classList.remove('editing');}return;}\n"
    "if(ev.ctrlKey||ev.metaKey||ev.altKey)return;\n"
    "if(ev.key==='n'){ev.preventDefault();next();}\n"
    "else if(ev.key==='j'){if(cur+1<fs.length)show(cur+1);}\n"
    "else if(ev.key==='k'){if(cur>0)show(cur-1);}\n"
    "else if(ev.key==='a'&&cur>=0){var f=fs[cur].querySelector('form.acc');if(f)f.submit();}\n"
    "else if(ev.key==='e'&&cur>=0){var inp=fs[cur].querySelector('form.edit input[name=value]');"
    "if(inp){ev.preventDefault();fs[cur].classList.add('editing');inp.focus();inp.select();}}\n"
    "});\n"
    "[].forEach.call(document.querySelectorAll('form.rej'),function(f){f.addEventListener('submit',"
    "function(ev){if(!confirm('Reject this item as spurious? It leaves the records.'))ev.preventDefault();});});\n"
    "})();\n";

/* Served pages add to audit_html.h's style. */
static const char style[] =
    "<style>section.field{border:1px solid #d4d4d0;background:#fff;margin:8px 0;padding:6px 10px;"
    "border-radius:4px}section.field.cur{outline:3px solid #0b57a4}section.field.todo{border-left:5px solid #d9382b}"
    "section.field form{display:inline;margin-left:6px}section.field .val{font-weight:600}"
    "form.edit input[name=value]{width:28em}.rejected h1{text-decoration:line-through}"
    ".keys{font-size:13px;color:#555}kbd{border:1px solid #aaa;border-radius:3px;padding:0 4px;background:#f4f4f4}"
    "</style>\n";

static const char *col(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? t : "";
}

int asp_prepare(as_srv *s, pp_err *e)
{
    return db_prepare(s->db, &s->docs,
                      "SELECT d.id, d.source, coalesce(d.province, ''), d.kind, d.number FROM documents d WHERE "
                      "d.id IN (SELECT document_id FROM extractions) ORDER BY coalesce(d.province, ''), d.source, "
                      "d.id", e) ||
           db_prepare(s->db, &s->doc,
                      "SELECT d.id, d.source, d.hash, coalesce(d.province, ''), (SELECT count(*) FROM pages p "
                      "WHERE p.document_id = d.id AND p.method = 'ocr'), d.kind, d.number, d.date, d.issuer, "
                      "d.title FROM documents d WHERE d.id = ?1", e) ||
           db_prepare(s->db, &s->item_doc, "SELECT document_id FROM items WHERE id = ?1", e) ||
           db_prepare(s->db, &s->src_item,
                      "SELECT id, field, rule, text, page, line, char_start, line_end, char_end, confidence "
                      "FROM sources WHERE item_id = ?1 ORDER BY id", e) ||
           db_prepare(s->db, &s->src_one,
                      "SELECT id, field, rule, text, page, line, char_start, line_end, char_end, confidence, "
                      "document_id, coalesce(item_id, 0) FROM sources WHERE id = ?1 AND item_id IS ?2 AND "
                      "document_id = coalesce(?3, document_id)", e);
}

void asp_finalize(as_srv *s)
{
    sqlite3_finalize(s->docs);
    sqlite3_finalize(s->doc);
    sqlite3_finalize(s->item_doc);
    sqlite3_finalize(s->src_item);
    sqlite3_finalize(s->src_one);
}

/* The review state of an item, from its record and flags. */
typedef struct item_state {
    unsigned flags[REVIEW_NFIELDS], all, todo_flags;
    int todo;     /* fields flagged that nobody accepted or corrected */
    int reviewed; /* every non-empty field accepted or corrected */
} item_state;

static int decided(const review_state *st)
{
    return st->status == REVIEW_ACCEPTED || st->status == REVIEW_CORRECTED;
}

static int shown(const rec_item *it, const item_state *is, int k)
{
    return it->reviewed[k].value || it->reviewed[k].decisions || is->flags[k];
}

static int item_state_of(as_srv *s, const rec_item *it, item_state *is, pp_err *e)
{
    memset(is, 0, sizeof *is);
    if (af_item(&s->af, it, is->flags, &is->all, e))
        return e->code;
    int any = 0, all = 1;
    for (int k = 0; k < REVIEW_NFIELDS; k++) {
        if (!it->reviewed[k].value && !it->reviewed[k].decisions)
            continue;
        any = 1;
        all &= decided(&it->reviewed[k]);
    }
    for (int k = 0; k < REVIEW_NFIELDS; k++)
        if (is->flags[k] && !decided(&it->reviewed[k]) && !it->rejected) {
            is->todo++;
            is->todo_flags |= is->flags[k];
        }
    is->reviewed = any && all;
    return PP_OK;
}

static void begin(as_srv *s, strbuf *sb, const char *title, const char *next)
{
    (void)s;
    ah_begin(sb, title);
    /* ah_begin ends with <body>: the served pages say where `n` goes past the last flagged field. */
    if (sb->len >= 7 && !strcmp(sb->buf + sb->len - 7, "<body>\n")) {
        sb->len -= 7;
        sb->buf[sb->len] = '\0';
        sb_adds(sb, "<body data-next=\"");
        ah_esc(sb, next);
        sb_adds(sb, "\">\n");
    }
    sb_adds(sb, style);
    sb_adds(sb, "<p class=\"keys\"><kbd>n</kbd> next flagged value · <kbd>j</kbd>/<kbd>k</kbd> move · "
                "<kbd>a</kbd> accept · <kbd>e</kbd> edit (<kbd>Enter</kbd> saves, <kbd>Esc</kbd> leaves)</p>\n");
}

static void end(strbuf *sb)
{
    sb_adds(sb, "<script src=\"/app.js\"></script>\n");
    ah_end(sb);
}

static void hidden(as_srv *s, strbuf *sb, int64_t item, const char *field, const char *action)
{
    sb_addf(sb, "<input type=\"hidden\" name=\"token\" value=\"%s\"><input type=\"hidden\" name=\"item\" "
                "value=\"%lld\"><input type=\"hidden\" name=\"action\" value=\"%s\">",
            s->token, (long long)item, action);
    if (field) {
        sb_adds(sb, "<input type=\"hidden\" name=\"field\" value=\"");
        ah_esc(sb, field);
        sb_adds(sb, "\">");
    }
}

static const char *status_name(enum review_status st)
{
    switch (st) {
    case REVIEW_ACCEPTED: return "accepted";
    case REVIEW_CORRECTED: return "corrected";
    case REVIEW_STALE: return "stale";
    default: return "none";
    }
}

typedef struct doc_sum {
    int items, reviewed, flagged, rejected, values[AF_N];
} doc_sum;

static int summarize(as_srv *s, const rec_doc *d, doc_sum *sum, pp_err *e)
{
    for (size_t i = 0; i < d->nitems; i++) {
        item_state is;
        if (item_state_of(s, &d->items[i], &is, e))
            return e->code;
        sum->items++;
        sum->reviewed += is.reviewed;
        sum->flagged += is.todo > 0;
        sum->rejected += d->items[i].rejected;
        for (int k = 0; k < REVIEW_NFIELDS; k++)
            for (int b = 0; b < AF_N; b++)
                sum->values[b] += !!(is.flags[k] & (1u << b));
    }
    return PP_OK;
}

int asp_index(as_srv *s, strbuf *sb, pp_err *e)
{
    strbuf body = STRBUF_INIT;
    doc_sum total;
    memset(&total, 0, sizeof total);
    int ndocs = 0, rc;
    char *last = NULL;
    while ((rc = sqlite3_step(s->docs)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s->docs, 0);
        const char *prov = col(s->docs, 2);
        if (!last || strcmp(last, prov)) {
            if (last)
                sb_adds(&body, "</table>\n");
            sb_adds(&body, "<h2>");
            ah_esc(&body, *prov ? prov : "(province unknown)");
            sb_adds(&body, "</h2>\n<table><tr><th>document</th><th>kind, number</th><th>items</th>"
                           "<th>reviewed</th><th>flagged</th><th>rejected</th></tr>\n");
            free(last);
            last = xstrdup(prov);
        }
        rec_doc d;
        doc_sum sum;
        memset(&sum, 0, sizeof sum);
        if (rec_load(s->rec, id, &d, e))
            break;
        int bad = summarize(s, &d, &sum, e);
        rec_doc_free(&d);
        if (bad)
            break;
        sb_addf(&body, "<tr><td><a href=\"/doc/%lld\">", (long long)id);
        ah_esc(&body, col(s->docs, 1));
        sb_adds(&body, "</a></td><td>");
        ah_esc(&body, col(s->docs, 3));
        sb_addc(&body, ' ');
        ah_esc(&body, col(s->docs, 4));
        sb_addf(&body, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                       "<td class=\"num\">%d</td></tr>\n", sum.items, sum.reviewed, sum.flagged, sum.rejected);
        ndocs++;
        total.items += sum.items;
        total.reviewed += sum.reviewed;
        total.flagged += sum.flagged;
        total.rejected += sum.rejected;
        for (int b = 0; b < AF_N; b++)
            total.values[b] += sum.values[b];
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && !e->code)
        db_fail(s->db, e, "reading documents");
    sqlite3_reset(s->docs);
    if (last)
        sb_adds(&body, "</table>\n");
    free(last);
    if (!e->code) {
        begin(s, sb, "parplan audit", "/next");
        sb_addf(sb, "<h1>Audit</h1>\n<p>%d documents, %d items: %d reviewed, %d with flagged values to review, "
                    "%d rejected. <a href=\"/next\">First flagged value</a> (<kbd>n</kbd>)</p>\n",
                ndocs, total.items, total.reviewed, total.flagged, total.rejected);
        sb_adds(sb, "<h2>Flags</h2>\n<table id=\"flags\"><tr><th>flag</th><th>values</th></tr>\n");
        for (int b = 0; b < AF_N; b++)
            sb_addf(sb, "<tr><td><span class=\"flag f-%s\">%s</span></td><td class=\"num\" id=\"n-%s\">%d</td></tr>\n",
                    af_names[b], af_labels[b], af_names[b], total.values[b]);
        sb_adds(sb, "</table>\n<h2>Documents by province</h2>\n");
        sb_add(sb, body.buf, body.len);
        end(sb);
    }
    sb_free(&body);
    return e->code;
}

/* The document row of s->doc for id, as an av_doc (strings valid until the statement is reset). */
static int load_doc(as_srv *s, int64_t id, av_doc *d, pp_err *e)
{
    sqlite3_reset(s->doc);
    sqlite3_bind_int64(s->doc, 1, id);
    int rc = sqlite3_step(s->doc);
    if (rc == SQLITE_DONE)
        return pp_err_set(e, PP_EXIT_USAGE, "no document %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return db_fail(s->db, e, "reading a document");
    d->id = id;
    d->source = col(s->doc, 1);
    d->hash = col(s->doc, 2);
    d->ocr = sqlite3_column_int(s->doc, 4) > 0;
    return PP_OK;
}

static void nav(strbuf *sb, int64_t doc, const char *name)
{
    sb_adds(sb, "<nav><a href=\"/\">All documents</a>");
    if (doc > 0) {
        sb_addf(sb, " › <a href=\"/doc/%lld\">", (long long)doc);
        ah_esc(sb, name);
        sb_adds(sb, "</a>");
    }
    sb_adds(sb, "</nav>\n");
}

int asp_doc(as_srv *s, int64_t id, strbuf *sb, pp_err *e)
{
    av_doc ad;
    rec_doc d;
    if (load_doc(s, id, &ad, e) || rec_load(s->rec, id, &d, e))
        return e->code;
    char *next = xasprintf("/next?doc=%lld", (long long)id);
    begin(s, sb, ad.source, next);
    free(next);
    nav(sb, -1, NULL);
    sb_adds(sb, "<h1>");
    ah_esc(sb, ad.source);
    sb_adds(sb, "</h1>\n<table>");
    static const char *const names[] = { "province", "kind", "number", "date", "issuer", "title" };
    static const int cols[] = { 3, 5, 6, 7, 8, 9 };
    for (int k = 0; k < 6; k++) {
        sb_addf(sb, "<tr><th>%s</th><td>", names[k]);
        ah_esc(sb, col(s->doc, cols[k]));
        sb_adds(sb, "</td></tr>");
    }
    sb_addf(sb, "</table>\n<h2>Items (%zu)</h2>\n<table><tr><th>code</th><th>title</th><th>review</th>"
                "<th>flags</th></tr>\n", d.nitems);
    for (size_t i = 0; i < d.nitems && !e->code; i++) {
        rec_item *it = &d.items[i];
        item_state is;
        if (item_state_of(s, it, &is, e))
            break;
        sb_addf(sb, "<tr%s><td>", it->rejected ? " class=\"rejected\"" : "");
        ah_esc(sb, it->ext.code);
        sb_addf(sb, "</td><td><a href=\"/item/%lld\">", (long long)it->id);
        ah_esc(sb, it->ext.title && *it->ext.title ? it->ext.title : "(no title)");
        sb_adds(sb, "</a></td><td>");
        sb_adds(sb, it->rejected      ? "<span class=\"flag f-low\">rejected</span>"
                    : is.reviewed     ? "<span class=\"flag f-accepted\">reviewed</span>"
                    : is.todo         ? "<span class=\"flag f-none\">to review</span>"
                                      : "<span class=\"flag f-none\">not reviewed</span>");
        sb_adds(sb, "</td><td>");
        af_badges(sb, is.all);
        sb_adds(sb, "</td></tr>\n");
    }
    sb_adds(sb, "</table>\n");
    end(sb);
    rec_doc_free(&d);
    sqlite3_reset(s->doc);
    return e->code;
}

static int item_document(as_srv *s, int64_t item, int64_t *doc, pp_err *e)
{
    *doc = 0;
    sqlite3_bind_int64(s->item_doc, 1, item);
    int rc = sqlite3_step(s->item_doc);
    if (rc == SQLITE_ROW)
        *doc = sqlite3_column_int64(s->item_doc, 0);
    else if (rc != SQLITE_DONE)
        db_fail(s->db, e, "finding an item");
    sqlite3_reset(s->item_doc);
    return e->code;
}

/* The section of one field: its value, review state, flags, forms, then the cards of its sources. */
static int field_section(as_srv *s, strbuf *sb, const rec_item *it, const item_state *is, int k,
                         const strbuf *cards, pp_err *e)
{
    const char *name = review_fields[k];
    const review_state *st = &it->reviewed[k];
    char *x = NULL;
    if (review_extracted(s->rv, it->id, name, &x, e))
        return e->code;
    int todo = is->flags[k] && !decided(st) && !it->rejected;
    sb_addf(sb, "<section class=\"field st-%s%s\" id=\"f-%s\" data-field=\"%s\"><b>%s</b> <span class=\"val\">",
            status_name(st->status), todo ? " todo" : "", name, name, name);
    ah_esc(sb, x ? x : "(empty)");
    sb_addf(sb, "</span> <span class=\"flag f-%s\">%s</span>", status_name(st->status), status_name(st->status));
    if (st->status == REVIEW_CORRECTED) {
        sb_adds(sb, " → <b class=\"corrected\">");
        ah_esc(sb, st->value);
        sb_adds(sb, "</b>");
    }
    if (st->reviewer) {
        sb_adds(sb, " <span class=\"muted\">");
        ah_esc(sb, st->reviewer);
        sb_adds(sb, ", ");
        ah_esc(sb, st->at);
        sb_adds(sb, "</span>");
    }
    sb_addc(sb, ' ');
    af_badges(sb, is->flags[k]);
    sb_adds(sb, "<br><form class=\"acc\" method=\"post\" action=\"/review\">");
    hidden(s, sb, it->id, name, "accept");
    sb_adds(sb, "<button type=\"submit\">accept</button></form><form class=\"edit\" method=\"post\" "
                "action=\"/review\">");
    hidden(s, sb, it->id, name, x ? "correct" : "add");
    sb_adds(sb, "<input name=\"value\" autocomplete=\"off\" value=\"");
    ah_esc(sb, st->status == REVIEW_CORRECTED ? st->value : x);
    sb_addf(sb, "\"><button type=\"submit\">%s</button></form>\n", x ? "correct" : "add");
    sb_add(sb, cards->buf, cards->len);
    sb_adds(sb, "</section>\n");
    free(x);
    return PP_OK;
}

int asp_item(as_srv *s, int64_t id, strbuf *sb, pp_err *e)
{
    int64_t docid;
    if (item_document(s, id, &docid, e))
        return e->code;
    if (!docid)
        return pp_err_set(e, PP_EXIT_USAGE, "no item %lld (extraction ran again? start from the index)",
                          (long long)id);
    av_doc ad;
    rec_doc d;
    if (load_doc(s, docid, &ad, e) || rec_load(s->rec, docid, &d, e))
        return e->code;
    size_t idx = 0;
    while (idx < d.nitems && d.items[idx].id != id)
        idx++;
    if (idx == d.nitems) {
        rec_doc_free(&d);
        return pp_err_set(e, PP_EXIT_USAGE, "no item %lld in its document's records", (long long)id);
    }
    const rec_item *it = &d.items[idx];
    item_state is;
    strbuf cards[REVIEW_NFIELDS + 1];
    for (int k = 0; k <= REVIEW_NFIELDS; k++)
        sb_init(&cards[k]);
    if (item_state_of(s, it, &is, e))
        goto done;
    /* The cards of the item's sources, by field. */
    sqlite3_bind_int64(s->src_item, 1, id);
    int rc;
    while ((rc = sqlite3_step(s->src_item)) == SQLITE_ROW) {
        av_source src;
        av_source_from_row(s->src_item, &src);
        int k = af_source_field(src.field);
        if (av_card(&s->av, &cards[k >= 0 ? k : REVIEW_NFIELDS], &ad, &src, NULL, e) < 0)
            break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && !e->code)
        db_fail(s->db, e, "reading sources");
    sqlite3_reset(s->src_item);
    if (e->code)
        goto done;
    char next[64];
    snprintf(next, sizeof next, "/next?item=%lld", (long long)id);
    char *title = xasprintf("%s %s", it->ext.code ? it->ext.code : "", it->ext.title ? it->ext.title : "");
    begin(s, sb, title, next);
    nav(sb, docid, ad.source);
    sb_adds(sb, "<nav>");
    if (idx > 0)
        sb_addf(sb, "<a href=\"/item/%lld\">← previous item</a>", (long long)d.items[idx - 1].id);
    if (idx + 1 < d.nitems)
        sb_addf(sb, "<a href=\"/item/%lld\">next item →</a>", (long long)d.items[idx + 1].id);
    sb_addf(sb, "</nav>\n<div class=\"item%s\"><h1>", it->rejected ? " rejected" : "");
    ah_esc(sb, title);
    free(title);
    sb_adds(sb, "</h1>\n<p class=\"muted\">");
    ah_esc(sb, it->kind);
    sb_adds(sb, " · key <code>");
    ah_esc(sb, it->key);
    sb_addf(sb, "</code> · item id %lld%s</p>\n", (long long)id,
            it->rejected ? " · <span class=\"flag f-low\">rejected: not in the records</span>" : "");
    for (int k = 0; k < REVIEW_NFIELDS && !e->code; k++)
        if (shown(it, &is, k))
            field_section(s, sb, it, &is, k, &cards[k], e);
    /* Add a value extraction missed: a field it left empty. */
    sb_adds(sb, "<details><summary>add a missing value</summary><form class=\"add\" method=\"post\" "
                "action=\"/review\">");
    hidden(s, sb, id, NULL, "add");
    sb_adds(sb, "<select name=\"field\">");
    for (int k = 0; k < REVIEW_NFIELDS; k++)
        if (!shown(it, &is, k))
            sb_addf(sb, "<option>%s</option>", review_fields[k]);
    sb_adds(sb, "</select> <input name=\"value\" autocomplete=\"off\"> <button type=\"submit\">add</button>"
                "</form></details>\n");
    if (cards[REVIEW_NFIELDS].len) {
        sb_adds(sb, "<h2>Other values</h2>\n");
        sb_add(sb, cards[REVIEW_NFIELDS].buf, cards[REVIEW_NFIELDS].len);
    }
    sb_adds(sb, "<h2>The whole item</h2>\n<form class=\"acc-all\" method=\"post\" action=\"/review\">");
    hidden(s, sb, id, NULL, "accept");
    sb_adds(sb, "<button type=\"submit\">accept every field</button></form> ");
    sb_addf(sb, "<form class=\"%s\" method=\"post\" action=\"/review\">", it->rejected ? "unrej" : "rej");
    hidden(s, sb, id, NULL, it->rejected ? "unreject" : "reject");
    sb_addf(sb, "<button type=\"submit\">%s</button></form></div>\n",
            it->rejected ? "take the rejection back" : "reject: a spurious item");
    end(sb);
done:
    for (int k = 0; k <= REVIEW_NFIELDS; k++)
        sb_free(&cards[k]);
    rec_doc_free(&d);
    sqlite3_reset(s->doc);
    return e->code;
}

int asp_next(as_srv *s, int64_t after, int64_t from_doc, int64_t *item, const char **field, pp_err *e)
{
    *item = 0;
    *field = NULL;
    int64_t start_doc = from_doc;
    if (after > 0 && item_document(s, after, &start_doc, e))
        return e->code;
    int started = start_doc <= 0, passed = after <= 0, rc = SQLITE_DONE;
    while (!*item && (rc = sqlite3_step(s->docs)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s->docs, 0);
        if (!started && id != start_doc)
            continue;
        started = 1;
        rec_doc d;
        if (rec_load(s->rec, id, &d, e))
            break;
        for (size_t i = 0; i < d.nitems && !*item && !e->code; i++) {
            const rec_item *it = &d.items[i];
            if (!passed) {
                passed = it->id == after;
                continue;
            }
            item_state is;
            if (item_state_of(s, it, &is, e) || !is.todo)
                continue;
            for (int k = 0; k < REVIEW_NFIELDS && !*field; k++)
                if (is.flags[k] && !decided(&it->reviewed[k]))
                    *field = review_fields[k];
            *item = it->id;
        }
        passed = 1; /* the item was not found in its document (rejected or gone): go on from the next */
        rec_doc_free(&d);
    }
    if (!*item && !e->code && rc != SQLITE_DONE && rc != SQLITE_ROW)
        db_fail(s->db, e, "reading documents");
    sqlite3_reset(s->docs);
    return e->code;
}

/* FNV-1a over the outlined boxes: two renderings of one area differ only by their outlines. */
static uint64_t marks_digest(const ap_box *m, int n)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < n; i++) {
        const int v[4] = { m[i].x0, m[i].y0, m[i].x1, m[i].y1 };
        for (int k = 0; k < 4; k++)
            for (int b = 0; b < 32; b += 8) {
                h ^= (uint64_t)(((unsigned)v[k] >> b) & 0xffu);
                h *= 1099511628211ull;
            }
    }
    return h;
}

/* The row crop of a source row of src_one: looked up in the cache by page and box, rendered on a miss. */
static int row_crop(as_srv *s, sqlite3_stmt *q, char **path, pp_err *e)
{
    av_source src;
    av_doc ad;
    av_source_from_row(q, &src);
    int64_t item = sqlite3_column_int64(q, 11);
    if (load_doc(s, sqlite3_column_int64(q, 10), &ad, e))
        return e->code;
    ap_box area, *marks = NULL;
    int nmarks = 0;
    if (av_row_area(&s->av, &ad, item, src.page, &area, &marks, &nmarks, e))
        return e->code;
    if (!ad.ocr || area.x1 <= area.x0) {
        free(marks);
        return pp_err_set(e, PP_EXIT_USAGE, "value %lld has no crop (%s)", (long long)src.id,
                          ad.ocr ? "its lines have no boxes" : "the page was not OCR'd");
    }
    char *key = xasprintf("%lld:%d:%d,%d,%d,%d:%016llx", (long long)ad.id, src.page, area.x0, area.y0, area.x1,
                          area.y1, (unsigned long long)marks_digest(marks, nmarks));
    const char *hit = cc_get(&s->crops, key);
    if (hit) {
        *path = xstrdup(hit);
    } else {
        PIX *page = NULL;
        char *file = cc_path(&s->crops);
        int w, h;
        if (ap_page(&s->av.pages, ad.source, ad.hash, src.page, &page, e) ||
            ap_write_crop(page, area, marks, nmarks, s->av.max_width, file, &w, &h, e)) {
            free(file);
        } else {
            *path = xstrdup(file);
            cc_put(&s->crops, key, file, e);
        }
    }
    free(key);
    free(marks);
    return e->code;
}

int asp_crop(as_srv *s, int64_t source_id, char **path, pp_err *e)
{
    *path = NULL;
    sqlite3_stmt *q = s->src_one;
    sqlite3_bind_int64(q, 1, source_id);
    if (source_id >= 0) {
        sqlite3_bind_int64(q, 2, source_id / 1024);
        sqlite3_bind_null(q, 3);
    } else {
        sqlite3_bind_null(q, 2);
        sqlite3_bind_int64(q, 3, (-source_id + 1023) / 1024 - 1);
    }
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        row_crop(s, q, path, e);
    else if (rc == SQLITE_DONE)
        pp_err_set(e, PP_EXIT_USAGE, "no value %lld", (long long)source_id);
    else
        db_fail(s->db, e, "reading a value's source");
    sqlite3_reset(s->doc);
    sqlite3_reset(q);
    if (e->code) {
        free(*path);
        *path = NULL;
    }
    return e->code;
}

int asp_review(as_srv *s, const as_post *p, char **location, pp_err *e)
{
    int64_t item;
    char *end;
    long long v = strtoll(sb_str(&p->item), &end, 10);
    if (!p->item.len || *end || v <= 0)
        return pp_err_set(e, PP_EXIT_USAGE, "a decision names an item");
    item = v;
    const char *a = sb_str(&p->action), *f = p->field.len ? sb_str(&p->field) : NULL;
    const char *value = sb_str(&p->value), *who = s->o->reviewer;
    int k = review_field_index(f);
    if (f && k < 0)
        return pp_err_set(e, PP_EXIT_USAGE, "no field named '%s'", f);
    if (!strcmp(a, "accept")) {
        review_record(s->rv, item, f, "accept", NULL, who, NULL, e);
    } else if (!strcmp(a, "correct") || !strcmp(a, "add")) {
        if (!f)
            return pp_err_set(e, PP_EXIT_USAGE, "a correction names a field");
        int add = !strcmp(a, "add");
        char *x = NULL;
        if (add && review_extracted(s->rv, item, f, &x, e))
            return e->code;
        if (add && x) {
            free(x);
            return pp_err_set(e, PP_EXIT_USAGE, "%s has a value already: correct it instead", f);
        }
        if (add && !*value)
            return pp_err_set(e, PP_EXIT_USAGE, "adding a value needs the value");
        review_record(s->rv, item, f, "correct", value, who, add ? "added" : NULL, e);
    } else if (!strcmp(a, "reject") || !strcmp(a, "unreject")) {
        review_reject(s->rv, item, !strcmp(a, "reject"), who, NULL, e);
    } else {
        return pp_err_set(e, PP_EXIT_USAGE, "unknown action '%s'", a);
    }
    if (e->code)
        return e->code;
    *location = f ? xasprintf("/item/%lld#f-%s", (long long)item, review_fields[k])
                  : xasprintf("/item/%lld", (long long)item);
    return PP_OK;
}
