/*
 * mktables — renders the ruled appendix tables of the parplan sample set (samples/tables/) from a small
 * layout spec, with the ground truth of every cell.  text2image cannot draw tables, so this draws them
 * with cairo (its "toy" text API: DejaVu has precomposed glyphs for all of NFC Vietnamese, so no shaping
 * is needed) and does its own word wrapping inside each cell.
 *
 *   mktables SPEC OUTBASE        writes OUTBASE-p1.png, OUTBASE-p2.png ... (A4, 300 dpi, grey) and
 *                                OUTBASE.cells.tsv; prints the page count
 *   mktables SPEC OUTBASE --pdf  the same pages as one born-digital PDF, OUTBASE.pdf (a real text layer,
 *                                the font embedded: the table of a word processor's PDF)
 *
 * SPEC is UTF-8 text, one directive a line, fields separated by TABs; '#' starts a comment line:
 *   font FAMILY         font family for what follows (default "DejaVu Sans Condensed")
 *   size PT             type size in points (default 10.5)
 *   h TEXT              bold centred heading line
 *   p TEXT              paragraph, wrapped to the text width
 *   pagebreak           start a new page
 *   table W1 W2 ...     begin a table; column widths are relative (scaled to the text width)
 *   novrule K           do not draw the vertical rule before column K (1 .. ncols-1) in this table
 *   repeat-header 0|1   repeat the header row on every page the table continues on (default 0)
 *   header C1 C2 ...    the header row (bold, centred)
 *   group TEXT          a group heading row spanning every column (bold)
 *   row C1 C2 ...       a body row; missing trailing cells are empty
 *   end                 end of the table (bottom rule)
 * A row never splits across pages: when it does not fit, the table continues on the next page.
 *
 * OUTBASE.cells.tsv has one line per non-empty cell:  page table row col rowspan colspan text
 * (page 1-based; table 1-based on its page, top to bottom; row and col 0-based within the part of the
 * table on that page, the header row included; text with inner whitespace runs as single spaces).
 * Exit status: 0 ok, 1 failure, 2 usage error, 3 unreadable spec.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DPI 300.0
#define PAGE_W 2480
#define PAGE_H 3508
#define MARGIN_X 236
#define MARGIN_TOP 236
#define MARGIN_BOTTOM 260
#define PAD_X 12
#define PAD_Y 10
#define RULE 3.0
#define MAXCOLS 16

typedef struct {
    cairo_surface_t *surf;
    cairo_t *cr;
    int page;
    double y;
    char family[128];
    double size;
    const char *outbase;
    FILE *gt;
    int table_on_page;
    int pdf; /* one PDF surface for every page, drawn in 300 dpi units */
} ctx;

typedef struct {
    int ncols;
    double x[MAXCOLS + 1];
    int novrule[MAXCOLS + 1];
    int repeat;
    char *header[MAXCOLS];
    int nheader;
    int started;     /* a part of it is on the current page */
    int row;         /* next row index on this page */
    double top;      /* y of its top rule on this page */
} table;

static void die(int code, const char *msg, const char *arg)
{
    fprintf(stderr, "mktables: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(code);
}

static double px(const ctx *c)
{
    return c->size * DPI / 72.0;
}

static double line_h(const ctx *c)
{
    return px(c) * 1.3;
}

static void set_font(ctx *c, int bold)
{
    cairo_select_font_face(c->cr, c->family, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c->cr, px(c));
}

static double text_w(ctx *c, const char *s)
{
    cairo_text_extents_t te;
    cairo_text_extents(c->cr, s, &te);
    return te.x_advance;
}

/* Wraps s into lines no wider than w; returns the number of lines, which are written to lines[]
 * (each malloc'd) when lines is not NULL. */
static int wrap(ctx *c, const char *s, double w, char **lines, int max)
{
    char *copy = strdup(s);
    if (!copy)
        die(1, "out of memory", NULL);
    char cur[4096] = "";
    int n = 0;
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
        char trial[4096];
        if (snprintf(trial, sizeof trial, "%s%s%s", cur, *cur ? " " : "", tok) >= (int)sizeof trial)
            die(1, "cell text too long", NULL);
        if (*cur && text_w(c, trial) > w) {
            if (lines && n < max)
                lines[n] = strdup(cur);
            n++;
            snprintf(cur, sizeof cur, "%s", tok);
        } else {
            snprintf(cur, sizeof cur, "%s", trial);
        }
    }
    if (*cur) {
        if (lines && n < max)
            lines[n] = strdup(cur);
        n++;
    }
    free(copy);
    return n;
}

static void new_surface(ctx *c)
{
    if (c->pdf && c->surf) { /* the next page of the PDF: flush_page showed the last */
        c->page++;
        c->y = MARGIN_TOP;
        c->table_on_page = 0;
        return;
    }
    if (c->pdf) {
        char path[4096];
        snprintf(path, sizeof path, "%s.pdf", c->outbase);
        c->surf = cairo_pdf_surface_create(path, PAGE_W * 72.0 / DPI, PAGE_H * 72.0 / DPI);
        cairo_pdf_surface_set_metadata(c->surf, CAIRO_PDF_METADATA_CREATOR, "parplan tools/mktables");
    } else {
        c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
    }
    c->cr = cairo_create(c->surf);
    if (c->pdf)
        cairo_scale(c->cr, 72.0 / DPI, 72.0 / DPI);
    if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS)
        die(1, "cannot create a cairo surface", NULL);
    cairo_set_source_rgb(c->cr, 1, 1, 1);
    cairo_paint(c->cr);
    cairo_set_source_rgb(c->cr, 0, 0, 0);
    c->page++;
    c->y = MARGIN_TOP;
    c->table_on_page = 0;
}

static void flush_page(ctx *c)
{
    if (c->pdf) {
        cairo_show_page(c->cr);
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s-p%d.png", c->outbase, c->page);
    cairo_surface_flush(c->surf);
    if (cairo_surface_write_to_png(c->surf, path) != CAIRO_STATUS_SUCCESS)
        die(1, "cannot write", path);
    cairo_destroy(c->cr);
    cairo_surface_destroy(c->surf);
}

static void draw_line(ctx *c, double x0, double y0, double x1, double y1)
{
    cairo_set_line_width(c->cr, RULE);
    cairo_move_to(c->cr, x0, y0);
    cairo_line_to(c->cr, x1, y1);
    cairo_stroke(c->cr);
}

static void text_at(ctx *c, double x, double baseline, const char *s)
{
    cairo_move_to(c->cr, x, baseline);
    cairo_show_text(c->cr, s);
}

static void paragraph(ctx *c, const char *s, int bold, int centred)
{
    set_font(c, bold);
    double w = PAGE_W - 2 * MARGIN_X;
    char *lines[256];
    int n = wrap(c, s, w, lines, 256);
    if (c->y + n * line_h(c) > PAGE_H - MARGIN_BOTTOM) {
        flush_page(c);
        new_surface(c);
        set_font(c, bold);
    }
    for (int i = 0; i < n && i < 256; i++) {
        double x = centred ? (PAGE_W - text_w(c, lines[i])) / 2 : MARGIN_X;
        text_at(c, x, c->y + px(c), lines[i]);
        c->y += line_h(c);
        free(lines[i]);
    }
    c->y += line_h(c) * 0.4;
}

static void gt_cell(ctx *c, int row, int col, int colspan, const char *text)
{
    /* collapse whitespace runs */
    fprintf(c->gt, "%d\t%d\t%d\t%d\t1\t%d\t", c->page, c->table_on_page, row, col, colspan);
    int space = 0, any = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t') {
            space = 1;
            continue;
        }
        if (space && any)
            fputc(' ', c->gt);
        fputc(*p, c->gt);
        space = 0;
        any = 1;
    }
    fputc('\n', c->gt);
}

static void table_row(ctx *c, table *t, char **cells, int n, int kind);

/* Starts the part of the table on the current page: top rule, and the header when asked. */
static void table_start(ctx *c, table *t)
{
    t->started = 1;
    t->row = 0;
    t->top = c->y;
    c->table_on_page++;
    draw_line(c, t->x[0] - RULE / 2, c->y, t->x[t->ncols] + RULE / 2, c->y);
}

static void table_close(ctx *c, table *t)
{
    (void)c;
    t->started = 0;
    c->y += line_h(c) * 0.8;
}

/* kind: 0 body, 1 header, 2 group (cells[0] spans every column). */
static void table_row(ctx *c, table *t, char **cells, int n, int kind)
{
    set_font(c, kind != 0);
    int span = kind == 2;
    int ncells = span ? 1 : t->ncols;
    char **lines[MAXCOLS];
    int nl[MAXCOLS];
    int most = 1;
    for (int k = 0; k < ncells; k++) {
        const char *s = k < n ? cells[k] : "";
        double w = (span ? t->x[t->ncols] - t->x[0] : t->x[k + 1] - t->x[k]) - 2 * PAD_X;
        lines[k] = calloc(64, sizeof(char *));
        nl[k] = *s ? wrap(c, s, w, lines[k], 64) : 0;
        if (nl[k] > most)
            most = nl[k];
    }
    double h = most * line_h(c) + 2 * PAD_Y;
    if (c->y + h > PAGE_H - MARGIN_BOTTOM) {
        /* continue on the next page */
        table_close(c, t);
        flush_page(c);
        new_surface(c);
        set_font(c, kind != 0);
        table_start(c, t);
        if (t->repeat && t->nheader && kind != 1)
            table_row(c, t, t->header, t->nheader, 1);
        set_font(c, kind != 0);
    }
    double y0 = c->y;
    for (int k = 0; k < ncells; k++) {
        double x0 = t->x[k], x1 = span ? t->x[t->ncols] : t->x[k + 1];
        for (int i = 0; i < nl[k] && i < 64; i++) {
            double lx = x0 + PAD_X;
            if (kind == 1)
                lx = (x0 + x1 - text_w(c, lines[k][i])) / 2;
            text_at(c, lx, y0 + PAD_Y + i * line_h(c) + px(c), lines[k][i]);
            free(lines[k][i]);
        }
        free(lines[k]);
        const char *s = k < n ? cells[k] : "";
        if (*s)
            gt_cell(c, t->row, k, span ? t->ncols : 1, s);
    }
    double y1 = y0 + h;
    /* verticals of this row: outer ones always, inner ones unless spanned or switched off */
    for (int b = 0; b <= t->ncols; b++) {
        int outer = b == 0 || b == t->ncols;
        if (!outer && (span || t->novrule[b]))
            continue;
        draw_line(c, t->x[b], y0, t->x[b], y1);
    }
    draw_line(c, t->x[0] - RULE / 2, y1, t->x[t->ncols] + RULE / 2, y1);
    c->y = y1;
    t->row++;
}

/* Splits a line on TABs in place. */
static int split_tabs(char *s, char **f, int max)
{
    int n = 0;
    for (;;) {
        if (n < max)
            f[n++] = s;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = '\0';
        s = tab + 1;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 4 && !strcmp(argv[3], "--pdf"))) {
        fprintf(stderr, "usage: mktables SPEC OUTBASE [--pdf]\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in)
        die(3, strerror(errno), argv[1]);
    ctx c;
    memset(&c, 0, sizeof c);
    snprintf(c.family, sizeof c.family, "DejaVu Sans Condensed");
    c.size = 10.5;
    c.outbase = argv[2];
    c.pdf = argc == 4;
    char gtpath[4096];
    snprintf(gtpath, sizeof gtpath, "%s.cells.tsv", argv[2]);
    c.gt = fopen(gtpath, "w");
    if (!c.gt)
        die(1, "cannot write", gtpath);
    fprintf(c.gt, "page\ttable\trow\tcol\trowspan\tcolspan\ttext\n");
    new_surface(&c);
    table t;
    memset(&t, 0, sizeof t);
    int in_table = 0;
    char buf[8192];
    int lineno = 0;
    while (fgets(buf, sizeof buf, in)) {
        lineno++;
        buf[strcspn(buf, "\r\n")] = '\0';
        if (!buf[0] || buf[0] == '#')
            continue;
        char *f[MAXCOLS + 2];
        int n = split_tabs(buf, f, MAXCOLS + 2);
        const char *d = f[0];
        if (!strcmp(d, "font") && n >= 2) {
            snprintf(c.family, sizeof c.family, "%s", f[1]);
        } else if (!strcmp(d, "size") && n >= 2) {
            c.size = atof(f[1]);
        } else if (!strcmp(d, "h") && n >= 2) {
            paragraph(&c, f[1], 1, 1);
        } else if (!strcmp(d, "p") && n >= 2) {
            paragraph(&c, f[1], 0, 0);
        } else if (!strcmp(d, "pagebreak")) {
            flush_page(&c);
            new_surface(&c);
        } else if (!strcmp(d, "table") && n >= 3) {
            for (int k = 0; k < t.nheader; k++)
                free(t.header[k]);
            memset(&t, 0, sizeof t);
            t.ncols = n - 1 > MAXCOLS ? MAXCOLS : n - 1;
            double sum = 0, w = PAGE_W - 2 * MARGIN_X;
            for (int k = 0; k < t.ncols; k++)
                sum += atof(f[k + 1]);
            t.x[0] = MARGIN_X;
            for (int k = 0; k < t.ncols; k++)
                t.x[k + 1] = t.x[k] + (int)(w * atof(f[k + 1]) / sum);
            in_table = 1;
        } else if (!strcmp(d, "novrule") && n >= 2 && in_table) {
            int k = atoi(f[1]);
            if (k > 0 && k < t.ncols)
                t.novrule[k] = 1;
        } else if (!strcmp(d, "repeat-header") && n >= 2 && in_table) {
            t.repeat = atoi(f[1]);
        } else if ((!strcmp(d, "header") || !strcmp(d, "row") || !strcmp(d, "group")) && in_table) {
            int kind = d[0] == 'h' ? 1 : d[0] == 'g' ? 2 : 0;
            if (kind == 1) {
                t.nheader = n - 1;
                for (int k = 0; k < n - 1; k++)
                    t.header[k] = strdup(f[k + 1]);
            }
            if (!t.started)
                table_start(&c, &t);
            table_row(&c, &t, f + 1, n - 1, kind);
        } else if (!strcmp(d, "end") && in_table) {
            table_close(&c, &t);
            in_table = 0;
        } else {
            fprintf(stderr, "mktables: %s:%d: unknown or incomplete directive \"%s\"\n", argv[1], lineno, d);
            return 2;
        }
    }
    fclose(in);
    for (int k = 0; k < t.nheader; k++)
        free(t.header[k]);
    flush_page(&c);
    if (c.pdf) {
        cairo_destroy(c.cr);
        cairo_surface_finish(c.surf);
        int bad = cairo_surface_status(c.surf) != CAIRO_STATUS_SUCCESS;
        cairo_surface_destroy(c.surf);
        if (bad)
            die(1, "cannot write the PDF of", argv[2]);
    }
    if (fclose(c.gt) != 0)
        die(1, "cannot write", gtpath);
    printf("%d\n", c.page);
    return 0;
}
