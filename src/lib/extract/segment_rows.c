/* extract/segment_rows.c (prefix sg_) — the segmenter's tables (segment-ll.h): rows read cell by cell by
 * parplan-ocr, and tables written as text: cells one per line between '|' lines (a web page flattened),
 * rows of TAB-separated cells, and columns aligned by runs of spaces.  A table needs a header row the
 * header.* rules recognise; its group rows (one cell across) become sections or numbered items, and the
 * code of a row under a group row is the group's path ("I.1"), the printed code kept beside it.  Also
 * the items a line holds after its first (sg_inline_items). */
#include "extract/segment-ll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const romans[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                      "XI", "XII", "XIII", "XIV", "XV", NULL };

/* The roman numeral after `code` ("III" after "II"), NULL when code is none of romans[] or the last. */
const char *sg_next_roman(const char *code)
{
    for (int k = 0; romans[k + 1]; k++)
        if (!strcmp(code, romans[k]))
            return romans[k + 1];
    return NULL;
}

/* The item of a table row read cell by cell (sg_trow). */
void sg_cell_row(sg_ctx *c, const sg_trow *r)
{
    const sg_doc *d = c->d;
    if (r->kind == SG_TROW_HEADER || r->ncells < 1)
        return;
    rl_match m;
    size_t ca = 0, cb = 0, ta, tb;
    if (r->kind == SG_TROW_GROUP) {
        sg_span g = sg_trim(d, r->cells[0]);
        if (g.a >= g.b)
            return;
        int kind = sg_match_span(c, "heading.roman", g, &m) == 1  ? SG_SECTION
                   : sg_match_span(c, "heading.code", g, &m) == 1 ? SG_ITEM
                                                                   : 0;
        if (kind && !rl_group(&m, "code", &ca, &cb))
            kind = 0;
        /* a group heading whose numeral OCR damaged ("H. ỨNG DỤNG" for "II."), after a roman one: the
         * next numeral, inferred, and the damaged token left out of the title */
        const char *next = NULL;
        size_t skip = 0;
        if (!kind) {
            const sg_item *prev = NULL;
            for (size_t j = c->t->n; j-- > 0;)
                if (c->t->v[j].celled && c->t->v[j].kind != SG_ROW) {
                    prev = &c->t->v[j];
                    break;
                }
            if (prev && prev->kind == SG_SECTION)
                next = sg_next_roman(prev->code);
            size_t w = g.a;
            while (w < g.b && w - g.a < 5 && d->f.buf[w] != ' ' && d->f.buf[w] != '.' && d->f.buf[w] != ')')
                w++;
            if (next && w < g.b && w > g.a && (d->f.buf[w] == '.' || d->f.buf[w] == ')'))
                skip = w + 1 - g.a;
            else
                next = NULL;
        }
        sg_item *it = kind   ? sg_push(c, kind, 0, d->f.buf + ca, cb - ca, r->line)
                      : next ? sg_push(c, SG_SECTION, 0, next, strlen(next), r->line)
                             : sg_push(c, SG_SECTION, 0, "", 0, r->line);
        it->celled = 1;
        it->tgroup = 1;
        it->inferred = next != NULL;
        it->title = sg_trim(d, (sg_span){ g.a + skip, g.b });
        if (kind && rl_group(&m, "title", &ta, &tb) && sg_trim(d, (sg_span){ ta, tb }).a < tb)
            it->title = sg_trim(d, (sg_span){ ta, tb });
        if (kind == SG_SECTION) {
            for (char *p = it->code; *p; p++)
                if (*p >= 'a' && *p <= 'z')
                    *p = (char)(*p - 'a' + 'A');
        } else if (kind == SG_ITEM) {
            it->level = sg_code_level(it->code);
            if (it->level == 1)
                c->last_top = atoi(it->code);
            c->seen_items = 1;
        }
        sg_link(c, (size_t)(it - c->t->v));
        sg_group(c, it);
        return;
    }
    sg_span code = sg_trim(d, r->cells[0]);
    sg_span title = r->ncells > 1 ? sg_trim(d, r->cells[1]) : (sg_span){ code.b, code.b };
    int any = 0;
    for (int k = 0; k < r->ncells; k++)
        any |= sg_trim(d, r->cells[k]).a < sg_trim(d, r->cells[k]).b;
    if (!any)
        return;
    const char *cs = d->f.buf + code.a;
    size_t cn = code.b - code.a;
    if (code.a < code.b && sg_match_span(c, "column.code", code, &m) == 1 && m.end == code.b &&
        rl_group(&m, "code", &ca, &cb)) {
        cs = d->f.buf + ca;
        cn = cb - ca;
    }
    sg_item *it = sg_push(c, SG_ROW, 0, cs, cn, r->line);
    it->celled = 1;
    it->table = r->table;
    it->level = cn ? sg_code_level(it->code) : 1;
    it->ncells = r->ncells < SG_MAX_CELLS ? r->ncells : SG_MAX_CELLS;
    for (int k = 0; k < it->ncells; k++)
        it->cells[k] = r->cells[k];
    it->cells[0] = code;
    it->title = title;
    c->t->has_table = 1;
    sg_link(c, (size_t)(it - c->t->v));
}


/* ---- items on one line ---- */

/* The code after `code` at its own level: "2" after "1", "1.3" after "1.2"; "" when it has none. */
void sg_next_code(const char *code, char *out, size_t n)
{
    const char *dot = strrchr(code, '.');
    const char *last = dot ? dot + 1 : code;
    char *end;
    long v = strtol(last, &end, 10);
    if (end == last || *end || v < 0 || v >= 99999 || (size_t)(last - code) + 8 >= n) {
        out[0] = '\0';
        return;
    }
    snprintf(out, n, "%.*s%ld", (int)(last - code), code, v + 1);
}

/* A heading.due match ("5, Tiêu chí …": OCR read the code's dot as a comma) is a heading only when its
 * code is the one due: the next sibling of the last item of its depth.  "5, 6 và 7 …" in prose after
 * item 2 is text. */
int sg_code_is_due(sg_ctx *c, const rl_match *m)
{
    size_t ca, cb;
    if (!rl_group(m, "code", &ca, &cb) || cb - ca >= 40)
        return 0;
    char code[40], want[40];
    memcpy(code, c->d->f.buf + ca, cb - ca);
    code[cb - ca] = '\0';
    int level = sg_code_level(code);
    for (size_t k = c->t->n; k-- > 0;) {
        const sg_item *it = &c->t->v[k];
        if (it->kind != SG_ITEM || it->level != level)
            continue;
        sg_next_code(it->code, want, sizeof want);
        return strcmp(want, code) == 0;
    }
    return 0;
}

/* An item's next sibling written on its line after punctuation ("… trước ngày 15/3. 2. Tổng hợp báo
 * cáo"): heading.inline finds it; the code must be the one after the item's (a number in the text,
 * "Quyết định số 12. 3", is not taken).  The item's title ends there and the sibling starts, on the same
 * line, as often as the line holds one. */
void sg_inline_items(sg_ctx *c, size_t idx)
{
    const sg_doc *d = c->d;
    for (int guard = 0; guard < 64; guard++) {
        sg_item *it = &c->t->v[idx];
        char want[40];
        sg_next_code(it->code, want, sizeof want);
        if (!want[0] || it->title.b <= it->title.a)
            return;
        rl_match m;
        size_t ca, cb, ta, tb, from = 0, len = it->title.b - it->title.a;
        const char *s = d->f.buf + it->title.a;
        int found = 0;
        while (from < len && rl_first(c->rules, "heading.inline", s, len, from, 0, &m) == 1 &&
               rl_group(&m, "code", &ca, &cb) && rl_group(&m, "title", &ta, &tb)) {
            if (cb - ca == strlen(want) && !memcmp(s + ca, want, cb - ca)) {
                found = 1;
                break;
            }
            from = ca + 1;
        }
        if (!found)
            return;
        int line0 = it->line0;
        sg_span rest = { it->title.a + ta, it->title.b };
        it->title = sg_trim(d, (sg_span){ it->title.a, it->title.a + m.start + 1 });
        sg_item *nx = sg_push(c, SG_ITEM, 0, want, strlen(want), line0);
        nx->line0 = (int)sg_line_at(d, rest.a);
        nx->level = sg_code_level(nx->code);
        if (nx->level == 1)
            c->last_top = atoi(nx->code);
        nx->title = sg_trim(d, rest);
        idx = (size_t)(nx - c->t->v);
        sg_link(c, idx);
    }
}

/* ---- tables written as text ---- */

/* The folded span of line i, trimmed. */
static sg_span sg_line_span(const sg_doc *d, size_t i)
{
    return sg_trim(d, (sg_span){ d->lines[i].f0, d->lines[i].f1 });
}

/* Line i is a lone '|' (a cell border of a flattened web table). */
static int sg_is_bar(const sg_doc *d, size_t i)
{
    const char *f = d->f.buf;
    size_t k = d->lines[i].f0;
    while (k < d->lines[i].f1 && f[k] == ' ')
        k++;
    if (k >= d->lines[i].f1 || f[k] != '|')
        return 0; /* most lines: no trimming */
    sg_span s = sg_line_span(d, i);
    return s.b == s.a + 1 && d->f.buf[s.a] == '|';
}

/* A header cell is a few words: "Thời gian hoàn thành", "Nhiệm vụ của cơ quan chủ trì". */
static int sg_short_cell(const sg_doc *d, sg_span s)
{
    int words = s.a < s.b;
    for (size_t k = s.a; k < s.b && words <= 8; k++)
        words += (d->f.buf[k] == ' ' || d->f.buf[k] == '\n') && k + 1 < s.b && d->f.buf[k + 1] != ' ';
    return words <= 8;
}

/* The first cell of a text table's header names the code column ("STT"): checked before the others. */
static int sg_code_head(sg_ctx *c, sg_span s)
{
    rl_match m;
    return s.a < s.b && sg_match_span(c, "header.code", s, &m) == 1;
}

/* A row read as text, its cells, to sg_text_row.  Cells are folded spans (trimmed, maybe multi-line). */
typedef struct sg_xrow {
    int n;
    sg_span cell[SG_MAX_CELLS];
    size_t line;  /* first line of the row */
} sg_xrow;

/* Stores one row of a text table: the header (returns its table index), a group row, or a body row. */
static void sg_text_row(sg_ctx *c, const sg_xrow *x, int table)
{
    sg_trow r;
    memset(&r, 0, sizeof r);
    r.line = (int)x->line;
    r.table = table;
    int filled = 0;
    for (int k = 0; k < x->n; k++)
        filled += x->cell[k].a < x->cell[k].b;
    r.ncells = x->n;
    for (int k = 0; k < x->n; k++)
        r.cells[k] = x->cell[k];
    if (filled == 0)
        return;
    rl_match m;
    size_t ca, cb;
    if (x->n > 1 && x->cell[0].a < x->cell[0].b && x->cell[1].a < x->cell[1].b &&
        sg_match_span(c, "cell.group", x->cell[0], &m) == 1 && rl_group(&m, "code", &ca, &cb)) {
        /* "I" | "SỞ NỘI VỤ": a group row whose numeral has a cell of its own */
        sg_item *it = sg_push(c, SG_SECTION, 0, c->d->f.buf + ca, cb - ca, (int)x->line);
        for (char *p = it->code; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        it->celled = 1;
        it->tgroup = 1;
        it->title = x->cell[1];
        sg_link(c, (size_t)(it - c->t->v));
        sg_group(c, it);
        return;
    }
    int coded = x->n > 1 && x->cell[0].a < x->cell[0].b && sg_match_span(c, "column.code", x->cell[0], &m) == 1 &&
                m.end == x->cell[0].b;
    if (filled == 1 || (!coded && x->n >= 1 && (x->n == 1 || x->cell[1].a >= x->cell[1].b))) {
        /* one cell across the table (or a code cell and nothing else of note): a group row */
        r.kind = SG_TROW_GROUP;
        r.ncells = 1;
        if (x->cell[0].a >= x->cell[0].b)
            for (int k = 1; k < x->n; k++)
                if (x->cell[k].a < x->cell[k].b) {
                    r.cells[0] = x->cell[k];
                    break;
                }
    } else {
        r.kind = SG_TROW_BODY;
    }
    sg_cell_row(c, &r);
}

/* Cells one per line between '|' lines: "|", "STT", "|", "Tên nhiệm vụ", "|" ... and a row's end as
 * two '|' lines in a row (an empty cell).  Returns the lines taken, 0 when no header row opens it. */
static size_t sg_bar_table(sg_ctx *c, size_t i)
{
    const sg_doc *d = c->d;
    size_t k = i;
    int table = -1;
    sg_xrow x;
    memset(&x, 0, sizeof x);
    x.line = i;
    while (k < d->n && sg_is_bar(d, k)) {
        /* the cell after the bar at k: the lines up to the next bar */
        size_t j = k + 1, a = 0, b = 0;
        int any = 0;
        while (j < d->n && !sg_is_bar(d, j) && j - k <= 40) {
            if (!sg_is_blank(d, j)) {
                if (!any)
                    a = j;
                b = j;
                any = 1;
            }
            j++;
        }
        if (j >= d->n || !sg_is_bar(d, j)) {
            /* text after the last bar: the table ended (the lines from k on are prose) */
            break;
        }
        if (!any) {
            /* an empty cell: the row ended */
            if (x.n) {
                if (table < 0) {
                    sg_header h;
                    h.n = x.n;
                    for (int q = 0; q < x.n; q++) {
                        h.cell[q] = x.cell[q];
                        if (!sg_short_cell(d, x.cell[q]))
                            return 0; /* prose in a box: not a header row */
                    }
                    table = x.n >= 3 ? sg_table_of_x(c, &h, 1) : -1;
                    if (table < 0)
                        return 0; /* no header: a layout of boxes (a signature block), not a table */
                } else {
                    sg_text_row(c, &x, table);
                }
            }
            memset(&x, 0, sizeof x);
            x.line = j;
            k = j;
            continue;
        }
        if (x.n < SG_MAX_CELLS)
            x.cell[x.n++] = sg_trim(d, (sg_span){ d->lines[a].f0, d->lines[b].f1 });
        k = j;
    }
    if (table < 0)
        return 0;
    if (x.n)
        sg_text_row(c, &x, table); /* the last row, closed by its last bar only */
    return k + 1 - i; /* k: the last bar */
}

/* Splits line i at its TABs into x (trimmed cells, at most SG_MAX_CELLS: the rest joins the last). */
static void sg_tab_cells(const sg_doc *d, size_t i, sg_xrow *x)
{
    const sg_line *l = &d->lines[i];
    x->n = 0;
    size_t a = l->f0;
    for (size_t k = l->f0; k <= l->f1; k++)
        if (k == l->f1 || (d->f.buf[k] == '\t' && x->n < SG_MAX_CELLS - 1)) {
            x->cell[x->n++] = sg_trim(d, (sg_span){ a, k });
            a = k + 1;
        }
}

static int sg_has_tab(const sg_doc *d, size_t i)
{
    const sg_line *l = &d->lines[i];
    return memchr(d->f.buf + l->f0, '\t', l->f1 - l->f0) != NULL;
}

/* Appends the cells of `more` to row x, its first cell continuing x's last (a line break inside a cell). */
static void sg_row_join(sg_xrow *x, const sg_xrow *more)
{
    int k = 0;
    if (x->n && more->n) {
        if (more->cell[0].a < more->cell[0].b) {
            if (x->cell[x->n - 1].a < x->cell[x->n - 1].b)
                x->cell[x->n - 1].b = more->cell[0].b;
            else
                x->cell[x->n - 1] = more->cell[0];
        }
        k = 1;
    }
    for (; k < more->n && x->n < SG_MAX_CELLS; k++)
        x->cell[x->n++] = more->cell[k];
}

/* One row per line, cells separated by TABs ("STT⇥Nhiệm vụ⇥Cơ quan chủ trì…"), a line break inside a
 * cell continuing the row on the next line, group rows on lines of their own ("II. SỞ TƯ PHÁP") or
 * with their numeral in a cell ("I⇥SỞ NỘI VỤ").  Ends at prose: a line without TABs once a row is
 * complete that is no heading, or a blank line before one. */
static size_t sg_tab_table(sg_ctx *c, size_t i)
{
    const sg_doc *d = c->d;
    sg_xrow x;
    sg_tab_cells(d, i, &x);
    if (x.n < 3 || !sg_code_head(c, x.cell[0]))
        return 0;
    sg_header h;
    h.n = x.n;
    for (int q = 0; q < x.n; q++) {
        h.cell[q] = x.cell[q];
        if (!sg_short_cell(d, x.cell[q]))
            return 0;
    }
    int table = sg_table_of_x(c, &h, 1);
    if (table < 0)
        return 0;
    int ncols = x.n;
    memset(&x, 0, sizeof x);
    size_t k = i + 1, last = i;
    rl_match m;
    for (; k < d->n; k++) {
        if (sg_is_blank(d, k)) {
            size_t j = k + 1;
            while (j < d->n && sg_is_blank(d, j))
                j++;
            if (j >= d->n || !sg_has_tab(d, j))
                break;
            continue;
        }
        int open = x.n > 0 && x.n < ncols;
        if (sg_has_tab(d, k)) {
            sg_xrow y;
            sg_tab_cells(d, k, &y);
            y.line = k;
            int coded = y.cell[0].a < y.cell[0].b && sg_match_span(c, "column.code", y.cell[0], &m) == 1 &&
                        m.end == y.cell[0].b;
            if (open && !coded && !(y.cell[0].a < y.cell[0].b && sg_match_span(c, "cell.group", y.cell[0], &m) == 1)) {
                sg_row_join(&x, &y);
            } else {
                if (x.n)
                    sg_text_row(c, &x, table);
                x = y;
            }
        } else if (open && !(sg_match_line(c, "heading.roman", k, &m) == 1)) {
            sg_xrow y = { 1, { sg_line_span(d, k) }, k };
            sg_row_join(&x, &y);
        } else if (sg_match_line(c, "heading.roman", k, &m) == 1 || sg_match_line(c, "heading.code", k, &m) == 1) {
            /* a group row written as a heading line */
            if (x.n)
                sg_text_row(c, &x, table);
            memset(&x, 0, sizeof x);
            x.n = 1;
            x.cell[0] = sg_line_span(d, k);
            x.line = k;
            sg_text_row(c, &x, table);
            memset(&x, 0, sizeof x);
        } else {
            break;
        }
        last = k;
    }
    if (x.n)
        sg_text_row(c, &x, table);
    return last + 1 - i;
}

/* The chunks of line i separated by runs of two or more spaces, with the character column each starts
 * at (folded text: one byte a character but for the continuation bytes of what folding kept). */
typedef struct sg_chunks {
    int n;
    size_t col[SG_MAX_CELLS];
    sg_span sp[SG_MAX_CELLS];
} sg_chunks;

static void sg_line_chunks(const sg_doc *d, size_t i, sg_chunks *ch)
{
    const char *f = d->f.buf;
    size_t a = d->lines[i].f0, b = d->lines[i].f1, col = 0;
    ch->n = 0;
    size_t k = a;
    while (k < b) {
        if (f[k] == ' ') {
            k++;
            col++;
            continue;
        }
        /* a chunk: up to a run of two spaces or the end */
        size_t s = k, scol = col, e = k;
        while (k < b && !(f[k] == ' ' && (k + 1 >= b || f[k + 1] == ' '))) {
            if (f[k] != ' ')
                e = k + 1;
            col += ((unsigned char)f[k] & 0xC0) != 0x80;
            k++;
        }
        if (ch->n < SG_MAX_CELLS) {
            ch->col[ch->n] = scol;
            ch->sp[ch->n] = (sg_span){ s, e };
            ch->n++;
        } else {
            ch->sp[ch->n - 1].b = e; /* more chunks than cells: the rest joins the last */
        }
    }
}

/* The column a chunk starting at character `col` falls in: the last whose start it reaches (two
 * characters of slack: a cell set a little left of its heading). */
static int sg_fixed_col(const size_t *start, int ncols, size_t col)
{
    int k = 0;
    while (k + 1 < ncols && start[k + 1] <= col + 2)
        k++;
    return k;
}

/* A fixed-width table's row being read: the pieces of each cell, line by line. */
enum { SG_MAX_PIECES = 12 };
typedef struct sg_frow {
    int np[SG_MAX_CELLS];
    sg_span piece[SG_MAX_CELLS][SG_MAX_PIECES];
} sg_frow;

/* Appends the original text of a folded span, its TABs as spaces (a TAB would split the cell). */
static void sg_add_orig(strbuf *sb, const sg_doc *d, sg_span s)
{
    size_t o0, o1;
    sg_orig(d, s, &o0, &o1);
    for (size_t k = o0; k < o1; k++)
        sb_addc(sb, d->text.buf[k] == '\t' ? ' ' : d->text.buf[k]);
}

/* One row as a line of TAB-separated cells, each cell its pieces joined by spaces. */
static void sg_frow_line(const sg_doc *d, const sg_frow *r, int ncols, strbuf *sb)
{
    for (int q = 0; q < ncols; q++) {
        if (q)
            sb_addc(sb, '\t');
        for (int k = 0; k < r->np[q]; k++) {
            if (k)
                sb_addc(sb, ' ');
            sg_add_orig(sb, d, r->piece[q][k]);
        }
    }
}

/* Columns aligned by runs of spaces from line i, the header row naming them; a cell wraps onto
 * following lines that leave the code column empty, each piece under its own column.  Ends at a line
 * whose text starts in the code column and is neither a code nor a group row.  Writes the table to
 * `out` as lines of TAB-separated cells (the layout sg_tab_table reads), each with the number of the
 * line it came from in `from`; returns the lines it took, 0 when line i heads no such table. */
static size_t sg_fixed_table(sg_ctx *c, size_t i, sg_doc *out)
{
    const sg_doc *d = c->d;
    sg_chunks ch;
    sg_line_chunks(d, i, &ch);
    if (ch.n < 3 || !sg_code_head(c, ch.sp[0]))
        return 0;
    sg_header h;
    h.n = ch.n;
    for (int q = 0; q < ch.n; q++) {
        h.cell[q] = ch.sp[q];
        if (!sg_short_cell(d, ch.sp[q]))
            return 0;
    }
    if (sg_table_of_x(c, &h, 1) < 0)
        return 0;
    int ncols = ch.n;
    size_t start[SG_MAX_CELLS];
    strbuf sb = STRBUF_INIT;
    for (int q = 0; q < ncols; q++) {
        start[q] = ch.col[q];
        if (q)
            sb_addc(&sb, '\t');
        sg_add_orig(&sb, d, ch.sp[q]);
    }
    const sg_line *l = &d->lines[i];
    sg_doc_append(out, sb.buf, sb.len, l->page, l->number, l->conf);
    sg_frow *r = xcalloc(1, sizeof *r);
    int open = 0;
    size_t row_line = i, k = i + 1, last = i;
    rl_match m;
    for (; k < d->n; k++) {
        if (sg_is_blank(d, k))
            continue; /* the next line decides */
        sg_line_chunks(d, k, &ch);
        int col0 = sg_fixed_col(start, ncols, ch.col[0]);
        int coded = col0 == 0 && ((sg_match_span(c, "column.code", ch.sp[0], &m) == 1 && m.end == ch.sp[0].b) ||
                                  sg_match_span(c, "cell.group", ch.sp[0], &m) == 1);
        int group = col0 == 0 && !coded && sg_match_line(c, "heading.roman", k, &m) == 1 && sg_is_caps(d, k, 2);
        if ((col0 == 0 && !coded && !group) || (!open && !coded && !group))
            break; /* prose: the table ended */
        if (coded || group) {
            if (open) {
                sb.len = 0;
                sg_frow_line(d, r, ncols, &sb);
                sg_doc_append(out, sb.buf, sb.len, d->lines[row_line].page, d->lines[row_line].number,
                              d->lines[row_line].conf);
            }
            memset(r, 0, sizeof *r);
            open = 1;
            row_line = k;
        }
        if (group) {
            /* a group row across the table, "II. SỞ TƯ PHÁP": a line of its own */
            sb.len = 0;
            sg_add_orig(&sb, d, sg_line_span(d, k));
            sg_doc_append(out, sb.buf, sb.len, d->lines[k].page, d->lines[k].number, d->lines[k].conf);
            open = 0;
            last = k;
            continue;
        }
        for (int q = 0; q < ch.n; q++) {
            int col = sg_fixed_col(start, ncols, ch.col[q]);
            if (r->np[col] < SG_MAX_PIECES)
                r->piece[col][r->np[col]++] = ch.sp[q];
        }
        last = k;
    }
    if (open) {
        sb.len = 0;
        sg_frow_line(d, r, ncols, &sb);
        sg_doc_append(out, sb.buf, sb.len, d->lines[row_line].page, d->lines[row_line].number,
                      d->lines[row_line].conf);
    }
    free(r);
    sb_free(&sb);
    return last + 1 - i;
}

/* Line i may head a fixed-width table: a run of two spaces ends one of its first words (the code
 * column's heading, "STT", "Số TT", comes first).  A look at the start of the line only: most lines are
 * prose, and the header rules decide the rest. */
static int sg_fixed_head(const sg_doc *d, size_t i)
{
    const char *f = d->f.buf;
    size_t k = d->lines[i].f0, e = d->lines[i].f1;
    while (k < e && f[k] == ' ')
        k++;
    size_t lim = k + 16 < e ? k + 16 : e;
    for (; k + 2 < lim; k++)
        if (f[k] == ' ' && f[k + 1] == ' ')
            return f[k - 1] != ' ';
    return 0;
}

int sg_relayout(sg_doc *d, rl_set *rules, pp_err *e)
{
    if (d->ntrows)
        return PP_OK; /* rows read cell by cell point into the document as it is */
    sg_tree tmp;
    memset(&tmp, 0, sizeof tmp);
    sg_ctx c = { d, rules, NULL, &tmp, 0, 0, 0, 0, -1, 0, -1 };
    sg_doc nd;
    int changed = 0;
    size_t copied = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (!sg_fixed_head(d, i) || sg_is_cell(d, i))
            continue;
        sg_doc t;
        sg_doc_init(&t);
        size_t took = sg_fixed_table(&c, i, &t);
        if (took) {
            if (!changed)
                sg_doc_init(&nd);
            changed = 1;
            /* the lines before the table as they are, then the table as TAB-separated rows */
            for (size_t k = copied; k < i; k++) {
                const sg_line *l = &d->lines[k];
                sg_doc_append(&nd, d->text.buf + l->o0, l->o1 - l->o0, l->page, l->number, l->conf);
            }
            for (size_t k = 0; k < t.n; k++) {
                const sg_line *l = &t.lines[k];
                sg_doc_append(&nd, t.text.buf + l->o0, l->o1 - l->o0, l->page, l->number, l->conf);
            }
            copied = i + took;
            i = copied - 1; /* the loop goes on from the line after the table */
        }
        sg_doc_free(&t);
    }
    sg_tree_free(&tmp);
    if (!changed)
        return PP_OK;
    for (size_t k = copied; k < d->n; k++) {
        const sg_line *l = &d->lines[k];
        sg_doc_append(&nd, d->text.buf + l->o0, l->o1 - l->o0, l->page, l->number, l->conf);
    }
    size_t bad = 0;
    if (sg_doc_fold(&nd, &bad) != 0) {
        sg_doc_free(&nd);
        return pp_err_set(e, PP_EXIT_INTERNAL, "relayout: line %zu is not valid UTF-8", bad);
    }
    sg_doc_free(d);
    *d = nd;
    return PP_OK;
}

size_t sg_text_table(sg_ctx *c, size_t i)
{
    const sg_doc *d = c->d;
    if (sg_is_bar(d, i))
        return sg_bar_table(c, i);
    if (!sg_is_cell(d, i) && sg_has_tab(d, i))
        return sg_tab_table(c, i);
    return 0;
}

void sg_row_paths(sg_tree *t)
{
    for (size_t k = 0; k < t->n; k++) {
        sg_item *it = &t->v[k];
        if (it->kind != SG_ROW || !it->code[0] || it->parent < 0)
            continue;
        const sg_item *g = &t->v[it->parent];
        if (!g->tgroup || g->kind != SG_SECTION || !g->code[0])
            continue;
        size_t gl = strlen(g->code);
        if (!strncmp(it->code, g->code, gl) && it->code[gl] == '.')
            continue; /* printed as a path already */
        char path[sizeof it->code];
        int n = snprintf(path, sizeof path, "%s.%s", g->code, it->code);
        if (n < 0 || (size_t)n >= sizeof path)
            continue; /* too deep to hold: the code stays as printed */
        memcpy(it->printed, it->code, sizeof it->printed);
        memcpy(it->code, path, (size_t)n + 1);
        it->level = g->level + sg_code_level(it->printed);
    }
}
