/* audit/audit_value.c (prefix av_) — see audit_value.h. */
#include "audit/audit_value.h"
#include "core/fsutil.h"

#include "audit/audit_html.h"
#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Looks for flags written by parplan-normalize: any table with a line_id column and an integer
 * `restored`, `changed` or `repaired` column (or such a column on lines itself).  Its schema is
 * owned by the normalize stage and may grow, so the probe keys on column names, not a table name.
 * Table and column names come from sqlite_master and are quoted as identifiers. */
static char *restored_sql(pp_db *db)
{
    sqlite3_stmt *t;
    if (sqlite3_prepare_v2(db->h, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                           -1, &t, NULL) != SQLITE_OK)
        return NULL;
    strbuf sql = STRBUF_INIT;
    int parts = 0;
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(t, 0);
        if (!name || strchr(name, '"'))
            continue;
        char *q = xasprintf("SELECT name FROM pragma_table_info('%s')", name);
        sqlite3_stmt *c;
        int ok = !strchr(name, '\'') && sqlite3_prepare_v2(db->h, q, -1, &c, NULL) == SQLITE_OK;
        free(q);
        if (!ok)
            continue;
        int has_line = !strcmp(name, "lines");
        const char *flag = NULL;
        static const char *const flags[] = { "restored", "changed", "repaired", NULL };
        while (sqlite3_step(c) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(c, 0);
            if (!col)
                continue;
            if (!strcmp(col, "line_id"))
                has_line = 1;
            for (int k = 0; flags[k]; k++)
                if (!flag && !strcmp(col, flags[k]))
                    flag = flags[k];
        }
        sqlite3_finalize(c);
        if (!has_line || !flag)
            continue;
        sb_adds(&sql, parts++ ? " UNION ALL " : "SELECT 1 WHERE EXISTS (");
        sb_addf(&sql, "SELECT 1 FROM \"%s\" WHERE %s = ?1 AND coalesce(\"%s\", 0) <> 0", name,
                strcmp(name, "lines") ? "line_id" : "id", flag);
    }
    sqlite3_finalize(t);
    if (!parts) {
        sb_free(&sql);
        return NULL;
    }
    sb_addc(&sql, ')');
    return sb_detach(&sql, NULL);
}

int av_init(av_ctx *c, pp_db *db, const char *out_dir, const char *root, double low, int max_width, pp_err *e)
{
    memset(c, 0, sizeof *c);
    c->db = db;
    c->out_dir = out_dir;
    c->low = low;
    c->max_width = max_width;
    ap_init(&c->pages, root);
    if (db_prepare(db, &c->lines,
                   "SELECT l.id, l.number, l.text, l.x0, l.y0, l.x1, l.y1 FROM lines l JOIN pages p ON p.id = "
                   "l.page_id WHERE p.document_id = ?1 AND p.number = ?2 AND l.number BETWEEN ?3 AND ?4 "
                   "ORDER BY l.number", e) ||
        db_prepare(db, &c->words, "SELECT text, x0, y0, x1, y1 FROM words WHERE line_id = ?1 ORDER BY number", e) ||
        db_prepare(db, &c->row_sources,
                   "SELECT id, field, rule, text, page, line, char_start, line_end, char_end, confidence FROM sources "
                   "WHERE document_id = ?1 AND item_id IS ?2 AND page = ?3 ORDER BY id", e))
        return e->code;
    char *sql = restored_sql(db);
    if (sql && db_prepare(db, &c->restored, sql, e)) {
        free(sql);
        return e->code;
    }
    free(sql);
    char *dir = xasprintf("%s/crops", out_dir);
    fs_mkdirs(dir, PP_EXIT_INPUT, e);
    free(dir);
    return e->code;
}

void av_free(av_ctx *c)
{
    sqlite3_finalize(c->lines);
    sqlite3_finalize(c->words);
    sqlite3_finalize(c->restored);
    sqlite3_finalize(c->row_sources);
    free(c->rowcrops);
    ap_free(&c->pages);
    free(c->last_crop_error);
    memset(c, 0, sizeof *c);
}

void av_source_from_row(sqlite3_stmt *st, av_source *s)
{
    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 0);
    s->field = (const char *)sqlite3_column_text(st, 1);
    s->rule = (const char *)sqlite3_column_text(st, 2);
    s->text = (const char *)sqlite3_column_text(st, 3);
    s->page = sqlite3_column_int(st, 4);
    s->line = sqlite3_column_int(st, 5);
    s->char_start = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6);
    s->line_end = sqlite3_column_type(st, 7) == SQLITE_NULL ? s->line : sqlite3_column_int(st, 7);
    s->char_end = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 8);
    s->has_conf = sqlite3_column_type(st, 9) != SQLITE_NULL;
    s->conf = sqlite3_column_double(st, 9);
    if (s->line_end < s->line)
        s->line_end = s->line;
}

/* Number of code points in the first n bytes of s (continuation bytes are not counted). */
static long cps(const char *s, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n && s[i]; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            k++;
    return k;
}

/* The boxes of one line's words that overlap the character span [from, to) of the line (to < 0: to the
 * end).  A word's place in the line text is found by searching for it after the previous word, since
 * the stored line is its words joined with spaces. */
static int span_words(av_ctx *c, int64_t line_id, const char *line_text, long from, long to, ap_box **marks,
                      int *n, size_t *cap, pp_err *e)
{
    sqlite3_bind_int64(c->words, 1, line_id);
    size_t pos = 0, len = line_text ? strlen(line_text) : 0;
    int rc;
    while ((rc = sqlite3_step(c->words)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(c->words, 0);
        long ws = cps(line_text ? line_text : "", pos), we = ws + 1;
        if (w && *w && line_text) {
            const char *hit = strstr(line_text + pos, w);
            if (hit) {
                size_t b = (size_t)(hit - line_text);
                ws = cps(line_text, b);
                we = ws + cps(w, strlen(w));
                pos = b + strlen(w);
            }
        }
        if (pos > len)
            pos = len;
        if (we > from && (to < 0 || ws < to)) {
            PP_GROW(*marks, (size_t)*n + 1, *cap, 16);
            ap_box *m = &(*marks)[(*n)++];
            m->x0 = sqlite3_column_int(c->words, 1);
            m->y0 = sqlite3_column_int(c->words, 2);
            m->x1 = sqlite3_column_int(c->words, 3);
            m->y1 = sqlite3_column_int(c->words, 4);
        }
    }
    if (rc != SQLITE_DONE)
        db_fail(c->db, e, "reading words");
    sqlite3_reset(c->words);
    return e->code;
}

static int line_restored(av_ctx *c, int64_t line_id)
{
    if (!c->restored)
        return 0;
    sqlite3_bind_int64(c->restored, 1, line_id);
    int hit = sqlite3_step(c->restored) == SQLITE_ROW;
    sqlite3_reset(c->restored);
    return hit;
}

static void add_conf(strbuf *sb, const av_source *s)
{
    if (s->has_conf) {
        sb_adds(sb, "OCR confidence ");
        js_num(sb, (double)(long)(s->conf * 10 + 0.5) / 10);
    } else {
        sb_adds(sb, "text input (no OCR confidence)");
    }
}

/* The lines of a value: their text marked (src, for text inputs and under the crop), the area they cover
 * and the boxes of the value's words (for scans).  Returns the AV_RESTORED flag, or -1 on error. */
typedef struct av_lines {
    strbuf src;
    ap_box area, *marks;
    int nmarks, nlines;
    size_t cap;
} av_lines;

static void lines_free(av_lines *l)
{
    sb_free(&l->src);
    free(l->marks);
}

static int collect(av_ctx *c, const av_doc *d, const av_source *s, av_lines *l, pp_err *e)
{
    int flags = 0;
    memset(l, 0, sizeof *l);
    sb_init(&l->src);
    l->area = (ap_box){ 1 << 30, 1 << 30, -1, -1 };
    sqlite3_bind_int64(c->lines, 1, d->id);
    sqlite3_bind_int(c->lines, 2, s->page);
    sqlite3_bind_int(c->lines, 3, s->line);
    sqlite3_bind_int(c->lines, 4, s->line_end);
    int rc;
    while ((rc = sqlite3_step(c->lines)) == SQLITE_ROW) {
        int64_t lid = sqlite3_column_int64(c->lines, 0);
        int num = sqlite3_column_int(c->lines, 1);
        const char *text = (const char *)sqlite3_column_text(c->lines, 2);
        long from = num == s->line ? s->char_start : 0;
        long to = num == s->line_end ? s->char_end : -1;
        if (from < 0)
            from = 0;
        l->nlines++;
        if (line_restored(c, lid))
            flags |= AV_RESTORED;
        sb_addf(&l->src, "<span class=\"muted\">%d:</span> ", num);
        ah_esc_marked(&l->src, text, from, to);
        sb_addc(&l->src, '\n');
        if (d->ocr && sqlite3_column_type(c->lines, 3) != SQLITE_NULL) {
            int x0 = sqlite3_column_int(c->lines, 3), y0 = sqlite3_column_int(c->lines, 4);
            int x1 = sqlite3_column_int(c->lines, 5), y1 = sqlite3_column_int(c->lines, 6);
            l->area.x0 = x0 < l->area.x0 ? x0 : l->area.x0;
            l->area.y0 = y0 < l->area.y0 ? y0 : l->area.y0;
            l->area.x1 = x1 > l->area.x1 ? x1 : l->area.x1;
            l->area.y1 = y1 > l->area.y1 ? y1 : l->area.y1;
            if (span_words(c, lid, text, from, to, &l->marks, &l->nmarks, &l->cap, e))
                break;
        }
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && !e->code)
        db_fail(c->db, e, "reading lines");
    sqlite3_reset(c->lines);
    if (e->code) {
        lines_free(l);
        return -1;
    }
    return flags;
}

int av_row_area(av_ctx *c, const av_doc *d, int64_t item, int page, ap_box *area, ap_box **marks, int *nmarks,
                pp_err *e)
{
    *area = (ap_box){ 1 << 30, 1 << 30, -1, -1 };
    *marks = NULL;
    *nmarks = 0;
    size_t cap = 0;
    sqlite3_stmt *q = c->row_sources;
    sqlite3_bind_int64(q, 1, d->id);
    if (item > 0)
        sqlite3_bind_int64(q, 2, item);
    else
        sqlite3_bind_null(q, 2);
    sqlite3_bind_int(q, 3, page);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        av_source s;
        av_lines l;
        av_source_from_row(q, &s);
        if (collect(c, d, &s, &l, e) < 0)
            break;
        if (l.area.x1 > l.area.x0) {
            area->x0 = l.area.x0 < area->x0 ? l.area.x0 : area->x0;
            area->y0 = l.area.y0 < area->y0 ? l.area.y0 : area->y0;
            area->x1 = l.area.x1 > area->x1 ? l.area.x1 : area->x1;
            area->y1 = l.area.y1 > area->y1 ? l.area.y1 : area->y1;
        }
        for (int i = 0; i < l.nmarks; i++) {
            PP_GROW(*marks, (size_t)*nmarks + 1, cap, 16);
            (*marks)[(*nmarks)++] = l.marks[i];
        }
        lines_free(&l);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && !e->code)
        db_fail(c->db, e, "reading a row's sources");
    sqlite3_reset(q);
    if (e->code) {
        free(*marks);
        *marks = NULL;
        *nmarks = 0;
    }
    return e->code;
}

int av_crop(av_ctx *c, const av_doc *d, const av_source *s, const char *png_path, int *w, int *h, pp_err *e)
{
    av_lines l;
    if (collect(c, d, s, &l, e) < 0)
        return e->code;
    if (s->in_row && l.area.x1 > l.area.x0) {
        free(l.marks);
        l.marks = NULL;
        if (av_row_area(c, d, s->item, s->page, &l.area, &l.marks, &l.nmarks, e)) {
            lines_free(&l);
            return e->code;
        }
    }
    if (!d->ocr || l.area.x1 <= l.area.x0) {
        lines_free(&l);
        return pp_err_set(e, PP_EXIT_INPUT, "value %lld: %s", (long long)s->id,
                          l.nlines ? "the page was not OCR'd" : "the source line is not stored");
    }
    PIX *page = NULL;
    if (ap_page(&c->pages, d->source, d->hash, s->page, &page, e) == PP_OK)
        ap_write_crop(page, l.area, l.marks, l.nmarks, c->max_width, png_path, w, h, e);
    lines_free(&l);
    return e->code;
}

/* The report's crop of a value in a row: crops/i<ITEM>-p<PAGE>.png (crops/d<DOC>-p<PAGE>.png for the
 * document's own fields), written for the row's first value on that page and shared by the others.  Fills
 * name (empty when the crop failed), *w and *h. */
static void row_crop(av_ctx *c, const av_doc *d, const av_source *s, char name[64], int *w, int *h, ap_box *shown)
{
    if (c->row_doc != d->id || c->row_item != s->item) {
        c->row_doc = d->id;
        c->row_item = s->item;
        c->nrowcrops = 0;
    }
    if (s->item > 0)
        snprintf(name, 64, "crops/i%lld-p%d.png", (long long)s->item, s->page);
    else
        snprintf(name, 64, "crops/d%lld-p%d.png", (long long)d->id, s->page);
    for (int i = 0; i < c->nrowcrops; i++) {
        if (c->rowcrops[i].page == s->page) {
            *w = c->rowcrops[i].w;
            *h = c->rowcrops[i].h;
            *shown = c->rowcrops[i].shown;
            if (!c->rowcrops[i].ok)
                name[0] = '\0';
            return;
        }
    }
    pp_err ce;
    pp_err_clear(&ce);
    ap_box area, *marks = NULL;
    int nmarks = 0;
    PIX *page = NULL;
    char *path = xasprintf("%s/%s", c->out_dir, name);
    *shown = (ap_box){ 0, 0, 0, 0 };
    if (!av_row_area(c, d, s->item, s->page, &area, &marks, &nmarks, &ce) &&
        ap_page(&c->pages, d->source, d->hash, s->page, &page, &ce) == PP_OK &&
        !ap_write_crop(page, area, marks, nmarks, c->max_width, path, w, h, &ce))
        *shown = ap_crop_box(page, area);
    free(path);
    free(marks);
    PP_GROW(c->rowcrops, (size_t)c->nrowcrops + 1, c->rowcap, 8);
    c->rowcrops[c->nrowcrops++] = (struct av_rowcrop){ s->page, *w, *h, !ce.code, *shown };
    if (ce.code) {
        name[0] = '\0';
        c->crop_failures++;
        free(c->last_crop_error);
        c->last_crop_error = xstrdup(ce.msg);
    } else {
        c->crops++;
    }
}

int av_card(av_ctx *c, strbuf *sb, const av_doc *d, const av_source *s, const char *extra_class, pp_err *e)
{
    int flags = 0;
    if (s->has_conf && s->conf < c->low)
        flags |= AV_LOW;
    av_lines l;
    int lf = collect(c, d, s, &l, e);
    if (lf < 0)
        return -1;
    flags |= lf;
    strbuf src = l.src;
    ap_box area = l.area, *marks = l.marks;
    int nmarks = l.nmarks, nlines = l.nlines;
    /* The crop, for scans. */
    char crop_name[64] = "";
    int cw = 0, ch = 0;
    ap_box shown = { 0, 0, 0, 0 }; /* a row crop's part of the page: the value's lines are marked on it */
    if (d->ocr && area.x1 > area.x0 && c->crop_url) {
        snprintf(crop_name, sizeof crop_name, "s%lld.png", (long long)s->id); /* rendered when asked for */
    } else if (d->ocr && area.x1 > area.x0 && s->in_row) {
        row_crop(c, d, s, crop_name, &cw, &ch, &shown);
    } else if (d->ocr && area.x1 > area.x0) {
        PIX *page = NULL;
        pp_err ce;
        pp_err_clear(&ce);
        snprintf(crop_name, sizeof crop_name, "crops/s%lld.png", (long long)s->id);
        char *path = xasprintf("%s/%s", c->out_dir, crop_name);
        if (ap_page(&c->pages, d->source, d->hash, s->page, &page, &ce) == PP_OK)
            ap_write_crop(page, area, marks, nmarks, c->max_width, path, &cw, &ch, &ce);
        free(path);
        if (ce.code) {
            crop_name[0] = '\0';
            c->crop_failures++;
            free(c->last_crop_error);
            c->last_crop_error = xstrdup(ce.msg);
        } else {
            c->crops++;
        }
    }
    if (!crop_name[0])
        flags |= AV_NOCROP;
    free(marks);

    sb_adds(sb, "<div class=\"card");
    if (flags & AV_LOW)
        sb_adds(sb, " low");
    if (flags & AV_RESTORED)
        sb_adds(sb, " restored");
    if (extra_class) {
        sb_addc(sb, ' ');
        ah_esc(sb, extra_class);
    }
    sb_addf(sb, "\" id=\"s%lld\"><h3>", (long long)s->id);
    ah_esc(sb, s->field);
    sb_adds(sb, ": ");
    ah_esc(sb, s->text);
    sb_adds(sb, "</h3>");
    if (flags & AV_LOW)
        sb_adds(sb, "<span class=\"flag f-low\">low confidence</span>");
    if (flags & AV_RESTORED)
        sb_adds(sb, "<span class=\"flag f-restored\">restored text</span>");
    sb_adds(sb, "<div class=\"muted\">rule <code>");
    ah_esc(sb, s->rule ? s->rule : "-");
    sb_addf(sb, "</code> · page %d, line %d", s->page, s->line);
    if (s->line_end != s->line)
        sb_addf(sb, "–%d", s->line_end);
    sb_adds(sb, " · ");
    add_conf(sb, s);
    sb_adds(sb, "</div>");
    if (crop_name[0] && c->crop_url) {
        sb_adds(sb, "<img src=\"");
        ah_esc(sb, c->crop_url);
        sb_addf(sb, "%s\" alt=\"", crop_name);
        ah_esc(sb, s->text);
        sb_adds(sb, "\" loading=\"lazy\">");
    } else if (crop_name[0] && shown.x1 > shown.x0 && shown.y1 > shown.y0) {
        /* The row's crop, shared by its values, with this value's lines framed over it: the frame is placed
         * in percent of the crop, so it follows the image at any displayed size. */
        double sw = shown.x1 - shown.x0, sh = shown.y1 - shown.y0;
        double fx0 = (area.x0 - shown.x0) / sw, fy0 = (area.y0 - shown.y0) / sh;
        double fx1 = (area.x1 - shown.x0) / sw, fy1 = (area.y1 - shown.y0) / sh;
        fx0 = fx0 < 0 ? 0 : fx0;
        fy0 = fy0 < 0 ? 0 : fy0;
        fx1 = fx1 > 1 ? 1 : fx1;
        fy1 = fy1 > 1 ? 1 : fy1;
        sb_addf(sb, "<div class=\"crop\"><img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"", crop_name, cw, ch);
        ah_esc(sb, s->text);
        sb_addf(sb, "\" loading=\"lazy\"><span class=\"hl\" style=\"left:%.2f%%;top:%.2f%%;width:%.2f%%;"
                    "height:%.2f%%\"></span></div>", 100 * fx0, 100 * fy0, 100 * (fx1 - fx0), 100 * (fy1 - fy0));
    } else if (crop_name[0]) {
        sb_addf(sb, "<img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"", crop_name, cw, ch);
        ah_esc(sb, s->text);
        sb_adds(sb, "\" loading=\"lazy\">");
    } else if (d->ocr) {
        sb_adds(sb, "<div class=\"muted\">no crop: ");
        ah_esc(sb, nlines ? (c->last_crop_error ? c->last_crop_error : "the page image is not available")
                          : "the source line is not stored");
        sb_adds(sb, "</div>");
    }
    if (src.len && (!crop_name[0] || !d->ocr)) {
        sb_adds(sb, "<div class=\"src\">");
        sb_add(sb, src.buf, src.len);
        sb_adds(sb, "</div>");
    } else if (src.len) {
        /* Scans: the OCR text of the lines under the crop, collapsed, to compare letter by letter. */
        sb_adds(sb, "<details><summary>OCR text</summary><div class=\"src\">");
        sb_add(sb, src.buf, src.len);
        sb_adds(sb, "</div></details>");
    }
    sb_adds(sb, "</div>\n");
    sb_free(&src);
    return flags;
}
