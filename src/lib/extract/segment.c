/* extract/segment.c (prefix sg_) — see segment.h: a folded document segmented into its items.
 *
 * One pass over the lines.  A line whose first non-space byte is a tab is a table cell: a cell holding
 * nothing but a code ("1.2.") starts a row, and every following line that is not itself tab-led
 * continues the current cell (exported tables break cells on newlines, blank lines included).  Other
 * lines are prose: headings come from the heading.* rules; a code written alone on its line takes its
 * title from the next line; an all-capitals line between numbered items is a section whose number the
 * OCR lost, and the first titled block under such a section is its item .1 (also inferred).  Codes that
 * are inferred are flagged, never passed off as read. */
#include "extract/segment-ll.h"
#include "match/roles.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void sg_tree_free(sg_tree *t)
{
    free(t->v);
    free(t->tables);
    memset(t, 0, sizeof *t);
}

sg_item *sg_push(sg_ctx *c, int kind, int level, const char *code, size_t codelen, int line0)
{
    sg_tree *t = c->t;
    PP_GROW(t->v, t->n + 1, t->alloc, 64);
    sg_item *it = &t->v[t->n++];
    memset(it, 0, sizeof *it);
    c->letter_parent = -1; /* a heading naming a body lends its code to the lettered lines right under it */
    it->kind = kind;
    it->level = level;
    it->parent = -1;
    it->group = -1;
    it->table = -1;
    it->line0 = line0;
    if (codelen >= sizeof it->code)
        codelen = sizeof it->code - 1;
    memcpy(it->code, code, codelen);
    it->code[codelen] = '\0';
    /* codes are kept without the trailing dot: "1.2." and "1.2" are one item */
    size_t k = strlen(it->code);
    while (k && (it->code[k - 1] == '.' || it->code[k - 1] == ' '))
        it->code[--k] = '\0';
    return it;
}

int sg_code_level(const char *code)
{
    int lv = 1;
    for (const char *p = code; *p; p++)
        if (*p == '.')
            lv++;
    return lv;
}

/* Parent: the nearest earlier item whose code is a prefix (numbered), else the last section.  An earlier
 * item as deep as this one or deeper is no parent, nor is anything between it and its own parent (its
 * earlier siblings and their children, all as deep): the walk goes on from that parent, so a list of
 * thousands of items links in steps as few as its depth, not in as many as the items before. */
void sg_link(sg_ctx *c, size_t idx)
{
    sg_item *it = &c->t->v[idx];
    for (size_t j = idx; j-- > 0;) {
        sg_item *p = &c->t->v[j];
        if (it->kind == SG_SECTION) {
            if (p->kind == SG_SECTION)
                return;
            continue;
        }
        if (p->kind == SG_SECTION || p->level == 0) {
            it->parent = (int)j;
            return;
        }
        size_t pl = strlen(p->code);
        if (p->level < it->level && strncmp(p->code, it->code, pl) == 0 && it->code[pl] == '.') {
            it->parent = (int)j;
            return;
        }
        if (p->level >= it->level && p->parent >= 0 && (size_t)p->parent < j)
            j = (size_t)p->parent + 1; /* the loop's j-- looks at p's parent next */
    }
}

/* Marks an item whose whole title names a body as an agency group heading ("II. SỞ TƯ PHÁP"). */
void sg_group(sg_ctx *c, sg_item *it)
{
    if (!c->bodies)
        return;
    sg_span s = sg_trim(c->d, it->title);
    if (s.a >= s.b)
        return;
    gz_key k;
    gz_key_make(c->d->f.buf + s.a, s.b - s.a, &k);
    it->group = gz_exact(c->bodies, k.s, k.len);
    gz_key_free(&k);
}

/* A run-in heading, "1. Mục tiêu chung: Chỉ số … đạt …": a few words and a colon title the item, and
 * what follows the colon is its body.  A heading that only ends in a colon loses the colon.  Returns 1
 * when the title was cut (so it does not continue on the next lines). */
static int sg_run_in(const sg_doc *d, sg_item *it)
{
    const char *f = d->f.buf;
    int words = 1, depth = 0;
    for (size_t k = it->title.a; k < it->title.b; k++) {
        char ch = f[k];
        if (ch == '(')
            depth++;
        else if (ch == ')' && depth)
            depth--;
        else if (ch == ' ' && k > it->title.a && f[k - 1] != ' ')
            words++;
        else if (ch == ':' && !depth) {
            if (words > 8 || k == it->title.a)
                return 0;
            it->title.b = k;
            it->title = sg_trim(d, it->title);
            return 1;
        }
        if (words > 8)
            return 0;
    }
    return 0;
}

/* Line i, a title's second line that starts in capitals, still belongs to the title: "3. Tổ chức" /
 * "Ngày Sách và Văn hóa đọc Việt Nam hằng năm" / blank.  A heading's first line without a stop at its
 * end, a next line with no digit (a goal line "Chỉ số … đạt 85%" is a body) and no stop at its end (a
 * sentence "Nâng cao nhận thức … ." is a body), then a blank line (or, in OCR text that keeps none, the
 * body's bullet or a label line): a wrapped title, not a body. */
static int sg_title_caps_wrap(sg_ctx *c, size_t head, size_t i)
{
    const sg_doc *d = c->d;
    rl_match m;
    /* OCR keeps no blank lines: there the body's bullet or first label line marks the title's end */
    if (i + 1 < d->n && !sg_is_blank(d, i + 1) && !sg_is_label(c, i + 1) &&
        sg_match_line(c, "heading.bullet", i + 1, &m) != 1)
        return 0;
    const char *f = d->f.buf;
    size_t a = d->lines[i].f0, b = d->lines[i].f1, hb = d->lines[head].f1;
    while (b > a && f[b - 1] == ' ')
        b--;
    while (hb > d->lines[head].f0 && f[hb - 1] == ' ')
        hb--;
    if (b == a || hb == d->lines[head].f0 || strchr(".:;!?,", f[b - 1]) || strchr(".:;!?,", f[hb - 1]))
        return 0;
    for (size_t k = a; k < b; k++)
        if (f[k] >= '0' && f[k] <= '9')
            return 0;
    return 1;
}

/* Extends a title over wrapped lines: lines starting in lower case, or while a quote is open. */
static size_t sg_title_more(sg_ctx *c, size_t i, sg_item *it)
{
    const sg_doc *d = c->d;
    for (;;) {
        size_t nq = 0;
        for (size_t k = it->title.a; k < it->title.b; k++) {
            unsigned char ch = (unsigned char)d->f.buf[k];
            if (ch == '"')
                nq++;
        }
        if (i + 1 >= d->n || sg_is_cell(d, i + 1) || sg_is_blank(d, i + 1) || sg_is_label(c, i + 1))
            return i;
        rl_match m;
        if (sg_match_line(c, "heading.code", i + 1, &m) == 1 || sg_match_line(c, "heading.roman", i + 1, &m) == 1 ||
            sg_match_line(c, "heading.letter", i + 1, &m) == 1 || sg_match_line(c, "heading.bullet", i + 1, &m) == 1)
            return i;
        /* a roman section in capitals wrapped onto one more line in capitals, then a break: "I. MỤC
         * ĐÍCH," / "YÊU CẦU" (a capitals line followed by text is an item whose number was lost) */
        int caps = it->kind == SG_SECTION && sg_line_at(d, it->title.a) == i && sg_is_caps(d, i, 2) &&
                   sg_is_caps(d, i + 1, 2) &&
                   (i + 2 >= d->n || sg_is_blank(d, i + 2) || sg_match_line(c, "heading.code", i + 2, &m) == 1);
        int capwrap = it->kind != SG_SECTION && sg_line_at(d, it->title.a) == i && sg_title_caps_wrap(c, i, i + 1);
        if (!(nq % 2 == 1 || caps || capwrap || sg_starts_lower(d, i + 1)))
            return i;
        i++;
        it->title.b = d->lines[i].f1;
    }
}


/* Column roles of a header row by the header.* rules; a table of the roles when at least a title and a
 * lead or target column are recognised (a stray tab-led line before a table is not a header), else -1. */
int sg_table_of(sg_ctx *c, const sg_header *h)
{
    return sg_table_of_x(c, h, 0);
}

int sg_table_of_x(sg_ctx *c, const sg_header *h, int text)
{
    /* the order of trial: a heading naming two roles ("Nội dung, chỉ tiêu") is the first one's */
    static const int order[] = { ROLE_CODE, ROLE_LEAD, ROLE_SUPPORT, ROLE_MONITOR, ROLE_DEADLINE, ROLE_PRODUCT,
                                 ROLE_TARGET, ROLE_TITLE };
    static const char *const fields[ROLE_N] = {
#define SG_X_FIELD(id, name, body) "header." name,
        ROLE_TABLE(SG_X_FIELD)
#undef SG_X_FIELD
    };
    enum { NORDER = sizeof order / sizeof order[0] };
    sg_table tb;
    memset(&tb, 0, sizeof tb);
    assert(h->n <= SG_MAX_CELLS); /* a role per column */
    tb.ncols = h->n;
    int title = 0, other = 0;
    for (int k = 0; k < h->n; k++) {
        sg_span s = sg_trim(c->d, h->cell[k]);
        for (int r = 0; r < NORDER && s.a < s.b; r++) {
            rl_match m;
            if (rl_first(c->rules, fields[order[r]], c->d->f.buf + s.a, s.b - s.a, 0, 1, &m) == 1) {
                tb.role[k] = role_names[order[r]];
                title += order[r] == ROLE_TITLE;
                other += order[r] == ROLE_LEAD || order[r] == ROLE_TARGET ||
                         (text && (order[r] == ROLE_SUPPORT || order[r] == ROLE_DEADLINE || order[r] == ROLE_PRODUCT));
                break;
            }
        }
    }
    if (!title || !other)
        return -1;
    if (text && tb.role[0] != role_names[ROLE_CODE])
        return -1; /* a table written as text is a list of coded rows: "STT" heads its first column */
    sg_tree *t = c->t;
    PP_GROW(t->tables, t->ntables + 1, t->tables_alloc, 4);
    t->tables[t->ntables] = tb;
    return (int)t->ntables++;
}

/* A line that could be one cell of a header row: short, and some header.* rule takes it. */
static int sg_header_line(sg_ctx *c, size_t i, int need_code)
{
    static const char *const fields[] = { "header.code", "header.title", "header.target", "header.lead",
                                          "header.support", "header.monitor", "header.deadline",
                                          "header.product", NULL };
    sg_span s = sg_trim(c->d, (sg_span){ c->d->lines[i].f0, c->d->lines[i].f1 });
    int words = s.a < s.b;
    for (size_t k = s.a; k < s.b && words <= 6; k++) /* a long line is prose: stop counting */
        words += c->d->f.buf[k] == ' ';
    if (s.a >= s.b || words > 6)
        return 0;
    rl_match m;
    for (int k = 0; fields[k] && (!need_code || k == 0); k++)
        if (rl_first(c->rules, fields[k], c->d->f.buf + s.a, s.b - s.a, 0, 1, &m) == 1)
            return 1;
    return 0;
}

/* A table OCR'd from an image arrives one cell per line, without tabs: a header row read as a run of
 * lines ("TT", "Nhiệm vụ", "Chỉ tiêu", "Đơn vị chủ trì" …), then for every row its code alone on a line
 * and one line per cell, a cell wrapped onto lines that start in lower case.  After such a header, an
 * item whose lines make exactly the header's cells (or only a title: a group row) becomes a row. */
static void sg_line_rows(sg_ctx *c, size_t from, int table)
{
    const sg_doc *d = c->d;
    sg_tree *t = c->t;
    const sg_table *tb = &t->tables[table];
    for (size_t k = from; k < t->n; k++) {
        sg_item *it = &t->v[k];
        if (it->kind == SG_SECTION)
            return; /* the table ended */
        if (it->kind != SG_ITEM || it->title.b <= it->title.a)
            continue;
        size_t first = sg_line_at(d, it->title.a);
        if (first == (size_t)it->line0 && !it->inferred)
            continue; /* code and title on one line: prose */
        size_t end = k + 1 < t->n ? (size_t)t->v[k + 1].line0 : d->n;
        sg_span cells[SG_MAX_CELLS];
        int n = 0, over = 0;
        for (size_t i = first; i < end; i++) {
            if (sg_is_blank(d, i))
                continue;
            sg_span ln = { d->lines[i].f0, d->lines[i].f1 };
            if (n && sg_starts_lower(d, i))
                cells[n - 1].b = ln.b;
            else if (n < SG_MAX_CELLS)
                cells[n++] = ln;
            else
                over = 1;
        }
        if (over || !(n == 1 || n == tb->ncols - 1))
            continue;
        assert(n + 1 <= SG_MAX_CELLS); /* the code, then the cells: a header has at most SG_MAX_CELLS */
        it->kind = SG_ROW;
        it->table = table;
        it->cells[0] = sg_trim(d, (sg_span){ d->lines[it->line0].f0, d->lines[it->line0].f1 });
        for (int j = 0; j < n; j++)
            it->cells[j + 1] = cells[j];
        it->ncells = n + 1;
        it->title = sg_trim(d, cells[0]);
        t->has_table = 1;
    }
}

/* Matches a rule of `field` on a span alone (anchored at its ends, like a line). */
int sg_match_span(sg_ctx *c, const char *field, sg_span s, rl_match *m)
{
    const char *text = c->d->f.buf + s.a;
    char *flat = NULL;
    if (memchr(text, '\n', s.b - s.a)) {
        /* a wrapped cell or title: its newlines as spaces, byte for byte, so offsets stay */
        flat = xmalloc(s.b - s.a + 1);
        for (size_t k = 0; k < s.b - s.a; k++)
            flat[k] = text[k] == '\n' ? ' ' : text[k];
        flat[s.b - s.a] = '\0';
        text = flat;
    }
    int rc = rl_first(c->rules, field, text, s.b - s.a, 0, 1, m);
    free(flat);
    if (rc == 1) {
        m->start += s.a;
        m->end += s.a;
        for (int g = 0; g < 2 * m->ngroups; g++)
            if (m->ov[g] != PCRE2_UNSET)
                m->ov[g] += s.a;
    }
    return rc;
}

/* A numbered heading whose text holds several blocks of responsibility labels ("Đơn vị chủ trì: …",
 * "Đơn vị phối hợp: …", "Thời gian thực hiện: …"), each after its own bullets, is a group of tasks: each
 * block and the bullets before it are an item, lettered in order under the heading (4.a, 4.b …: the
 * letters are inferred, not printed), titled by its first bullet, and the heading becomes a section of
 * them.  A heading with one block stays one item, its bullets its description. */
static void sg_split_blocks(sg_ctx *c)
{
    const sg_doc *d = c->d;
    sg_tree *t = c->t;
    size_t n0 = t->n;
    int any = 0;
    for (size_t k = 0; k < n0 && !any; k++)
        any = t->v[k].kind == SG_ITEM && !t->v[k].celled;
    if (!any)
        return;
    sg_item *nv = NULL;
    size_t nn = 0, nalloc = 0;
    int *map = xcalloc(n0 + 1, sizeof *map);
    for (size_t k = 0; k < n0; k++) {
        sg_item it = t->v[k];
        if (it.parent >= 0)
            it.parent = map[it.parent];
        map[k] = (int)nn;
        PP_GROW(nv, nn + 1, nalloc, 64);
        nv[nn++] = it;
        if (it.kind != SG_ITEM || it.celled || it.inferred)
            continue;
        /* the lines of its text: after its title to the next item */
        size_t from = sg_line_at(d, it.title.b > 0 ? it.title.b : d->lines[it.line0].f0) + 1;
        size_t to = k + 1 < n0 ? (size_t)t->v[k + 1].line0 : d->n;
        if (from <= (size_t)it.line0)
            from = (size_t)it.line0 + 1;
        int colons = 0; /* two blocks need two labels, and every label ends in a colon */
        for (size_t i = from; i < to && colons < 2; i++)
            colons += memchr(d->f.buf + d->lines[i].f0, ':', d->lines[i].f1 - d->lines[i].f0) != NULL;
        if (colons < 2)
            continue;
        size_t first[26];
        int blocks = 0, in_block = 0;
        long bullet = -1; /* first bullet since the last block */
        for (size_t i = from; i < to && blocks < 26; i++) {
            if (sg_is_blank(d, i))
                continue;
            size_t mk, tx;
            /* rule calls only where they can match: a label ends in a colon, a list marker opens the
             * line with a dash, plus, star, bullet or "a)" (heading.bullet, heading.letter) */
            const sg_line *ln = &d->lines[i];
            const char *lf = d->f.buf + ln->f0;
            size_t ll = ln->f1 - ln->f0, q = 0;
            while (q < ll && lf[q] == ' ')
                q++;
            int colon = memchr(lf, ':', ll) != NULL;
            int mark = q < ll && (lf[q] == '-' || lf[q] == '+' || lf[q] == '*' || (unsigned char)lf[q] >= 0x80 ||
                                  (q + 1 < ll && (lf[q + 1] == ')' || (q + 2 < ll && lf[q + 1] == ' ' && lf[q + 2] == ')'))));
            static const char *const resp[] = { "label.lead", "label.support", "label.deadline",
                                                "label.monitor", "label.product", NULL };
            int marked = mark && sg_line_marker(d, c->rules, i, &mk, &tx);
            if (colon && sg_labels_from(d, c->rules, i, resp, marked, marked ? tx : 0)) {
                if (!in_block) {
                    if (bullet < 0)
                        break; /* a block with no bullet of its own: not a list of tasks */
                    first[blocks++] = (size_t)bullet;
                    in_block = 1;
                    bullet = -1;
                }
            } else if (marked) {
                in_block = 0;
                if (bullet < 0)
                    bullet = (long)i;
            }
        }
        if (blocks < 2)
            continue;
        nv[nn - 1].kind = SG_SECTION; /* the heading: a group of the tasks below it */
        for (int b = 0; b < blocks; b++) {
            sg_item sub;
            memset(&sub, 0, sizeof sub);
            sub.kind = SG_ITEM;
            sub.inferred = 1;
            sub.group = -1;
            sub.table = -1;
            sub.parent = map[k];
            sub.line0 = (int)first[b];
            snprintf(sub.code, sizeof sub.code, "%.36s.%c", it.code, 'a' + b);
            sub.level = it.level + 1;
            size_t mk, tx;
            if (!sg_line_marker(d, c->rules, first[b], &mk, &tx))
                tx = d->lines[first[b]].f0;
            sub.title = sg_trim(d, (sg_span){ tx, d->lines[first[b]].f1 });
            sg_title_more(c, first[b], &sub);
            PP_GROW(nv, nn + 1, nalloc, 64);
            nv[nn++] = sub;
        }
    }
    free(map);
    free(t->v);
    t->v = nv;
    t->n = nn;
    t->alloc = nalloc;
}

/* A number that reads as a year ("2023." ending a wrapped sentence) is a code only where the list
 * reaches it: the last top-level code is the one before it (a list of thousands of items). */
static int sg_year_not_code(const sg_ctx *c, const char *code, size_t n)
{
    if (n != 4 || !((code[0] == '1' && code[1] == '9') || (code[0] == '2' && code[1] == '0')))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (code[k] < '0' || code[k] > '9')
            return 0;
    return atoi(code) != c->last_top + 1;
}

/* it gets the path code[0..k) at `level`, the number it was read with kept as printed. */
static void sg_recode(sg_item *it, const char *code, size_t k, int level)
{
    snprintf(it->printed, sizeof it->printed, "%s", it->code);
    memcpy(it->code, code, k + 1);
    it->level = level;
}

/* A list numbered from 1 again under an item, with no section between ("1. Phạm vi điều chỉnh … bãi bỏ
 * các Nghị quyết: / 1. Nghị quyết số 39 … / 2. Nghị quyết số 27 … / 2. Đối tượng áp dụng"): its items are
 * that item's, their codes paths under it ("1.1", "1.2"), the number as printed kept.  The list goes on
 * while its numbers follow each other (a number due in both lists stays in the inner one); a number due
 * only in the outer list ends it.  Codes stay unique in the document.  it is the level-1 item just pushed;
 * returns 1 when it was made a nested item. */
static int sg_nested(sg_ctx *c, sg_item *it)
{
    int n = atoi(it->code);
    if (c->nest_parent >= 0 && n != c->nest_last + 1)
        c->nest_parent = -1; /* not the inner list's next: the outer list goes on */
    if (c->nest_parent < 0) {
        if (n != 1 || c->last_top < 1)
            return 0;
        /* the outer list's last item, in this section */
        long p = -1;
        for (size_t j = c->t->n - 1; j-- > 0;) {
            const sg_item *q = &c->t->v[j];
            if (q->kind == SG_SECTION)
                break;
            if (q->kind == SG_ITEM && q->level == 1) {
                p = (long)j;
                break;
            }
        }
        if (p < 0 || atoi(c->t->v[p].code) != c->last_top)
            return 0;
        c->nest_parent = p;
        c->nest_last = 0;
    }
    const sg_item *parent = &c->t->v[c->nest_parent];
    char code[sizeof it->code];
    int k = snprintf(code, sizeof code, "%s.%d", parent->code, n);
    if (k <= 0 || (size_t)k >= sizeof code) {
        c->nest_parent = -1;
        return 0;
    }
    sg_recode(it, code, (size_t)k, parent->level + 1);
    c->nest_last = n;
    return 1;
}

/* A subitem whose dot the OCR lost ("4.1", "42", "4.3": the second is 4.2): a number that does not go on
 * the top-level list, read right after subitem P.M of the last top-level item P, whose digits are P then
 * M + 1.  it (level 1, just pushed) becomes P.(M+1), inferred, the number as printed kept.  Returns 1
 * when it was. */
static int sg_lost_dot(sg_ctx *c, sg_item *it)
{
    int n = atoi(it->code);
    if (c->t->n < 2 || n == c->last_top + 1 || c->last_top < 1)
        return 0;
    for (const char *p = it->code; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    const sg_item *prev = &c->t->v[c->t->n - 2];
    int top, sub, used = 0;
    if (prev->kind != SG_ITEM || prev->level != 2 || sscanf(prev->code, "%d.%d%n", &top, &sub, &used) != 2 ||
        prev->code[used] != '\0' || top != c->last_top)
        return 0;
    char joined[sizeof it->code], code[sizeof it->code];
    int k = snprintf(joined, sizeof joined, "%d%d", top, sub + 1);
    if (k <= 0 || (size_t)k >= sizeof joined || strcmp(joined, it->code) != 0)
        return 0;
    k = snprintf(code, sizeof code, "%d.%d", top, sub + 1);
    if (k <= 0 || (size_t)k >= sizeof code)
        return 0;
    sg_recode(it, code, (size_t)k, 2);
    it->inferred = 1;
    return 1;
}

/* "i)" after "h)", "v)" after "u)", "x)" after "v)": a letter of a lettered list (a, b, c, d, đ, e, g, h,
 * i, k, l, m, n, o, p, q, r, s, t, u, v, x, y), not a roman section, when the line before (blank lines
 * aside) opens with the letter before it.  m is line i's heading.roman match. */
static int sg_roman_is_letter(sg_ctx *c, size_t i, const rl_match *m)
{
    const sg_doc *d = c->d;
    size_t ca, cb;
    if (!rl_group(m, "code", &ca, &cb) || cb != ca + 1)
        return 0;
    char r = d->f.buf[ca], before = r == 'i' ? 'h' : r == 'v' ? 'u' : r == 'x' ? 'v' : 0;
    size_t k = cb;
    while (k < d->lines[i].f1 && d->f.buf[k] == ' ')
        k++;
    if (!before || k >= d->lines[i].f1 || d->f.buf[k] != ')')
        return 0;
    size_t j = i;
    while (j > 0 && sg_is_blank(d, j - 1))
        j--;
    rl_match lm;
    size_t la, lb;
    return j > 0 && sg_match_line(c, "heading.letter", j - 1, &lm) == 1 && rl_group(&lm, "code", &la, &lb) &&
           lb == la + 1 && d->f.buf[la] == before;
}

/* A lettered line right under a heading that names a body, or under its lettered siblings ("2. Sở Khoa
 * học và Công nghệ" / "a) Bám sát các nhiệm vụ …" / "b) …", a directive's tasks grouped by the body that
 * leads them): an item of that heading's, coded by its path (2.a; đ keeps its letter: 2.đ), the letter as
 * printed; the heading's body leads it (the agency group above, extract_doc_item.c).  Pushed, linked and
 * titled by what follows the letter; 1 when it was. */
static int sg_letter_task(sg_ctx *c, size_t i, rl_match *m)
{
    const sg_doc *d = c->d;
    size_t ca, cb, ta, tb, o0, o1;
    if (sg_match_line(c, "heading.letter", i, m) != 1 || !rl_group(m, "code", &ca, &cb) ||
        !rl_group(m, "title", &ta, &tb) || sg_trim(d, (sg_span){ ta, tb }).a >= tb)
        return 0;
    long parent = c->letter_parent;
    const sg_item *p = &c->t->v[parent];
    sg_orig(d, (sg_span){ ca, cb }, &o0, &o1); /* the letter as printed: "đ" folds to "d" */
    char code[sizeof p->code], letter[8];
    if (o1 - o0 >= sizeof letter)
        return 0;
    memcpy(letter, d->text.buf + o0, o1 - o0);
    letter[o1 - o0] = '\0';
    for (char *q = letter; *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q - 'A' + 'a');
    int n = snprintf(code, sizeof code, "%s.%s", p->code, letter);
    if (n <= 0 || (size_t)n >= sizeof code)
        return 0;
    int level = p->level + 1;
    sg_item *it = sg_push(c, SG_ITEM, level, code, (size_t)n, (int)i);
    snprintf(it->printed, sizeof it->printed, "%s", letter);
    it->title = sg_trim(d, (sg_span){ ta, tb });
    sg_link(c, (size_t)(it - c->t->v));
    c->letter_parent = parent; /* the next lettered line is this one's sibling */
    return 1;
}

/* A roman section whose numeral the OCR damaged or lost, at line i: the section due after the last one
 * ("III" after "II"), inferred, titled by `title`, pushed and linked, the state a section sets set.
 * Returns 0 (nothing pushed) when no roman section came before. */
static int sg_infer_section(sg_ctx *c, size_t i, sg_span title)
{
    const sg_tree *t = c->t;
    const char *next = NULL;
    for (size_t j = t->n; j-- > 0 && !next;)
        if (t->v[j].kind == SG_SECTION)
            next = sg_next_roman(t->v[j].code);
    if (!next)
        return 0;
    sg_item *it = sg_push(c, SG_SECTION, 0, next, strlen(next), (int)i);
    it->inferred = 1;
    it->title = sg_trim(c->d, title);
    sg_link(c, (size_t)(it - c->t->v));
    rl_match nm;
    c->notask = sg_match_span(c, "section.notask", it->title, &nm) == 1;
    c->nest_parent = -1;
    return 1;
}

int sg_segment(const sg_doc *d, rl_set *rules, const gz_list *bodies, sg_tree *out, pp_err *e)
{
    memset(out, 0, sizeof *out);
    sg_ctx c = { d, rules, bodies, out, 0, 0, 0, 0, -1, 0, -1 };
    size_t *closing = NULL, nclosing = 0, aclosing = 0; /* lines that open a signature block, in order */
    long row = -1;       /* current table row, index into out->v */
    int pending_title = -1; /* item whose title is on the next non-blank line */
    long pend_start = -1;   /* first line of an untitled block under an inferred section */
    sg_header hdr = { 0 };  /* tab-led lines before a table: its header row, if the rules recognise it */
    int table = -1;         /* the current table's header (sg_tree.tables), -1 when none */
    int ltable = -1;        /* a header row read as lines (sg_line_rows) and the first item after it */
    size_t ltable_from = 0;
    /* the tables read cell by cell keep their indices: rows point at them */
    for (size_t k = 0; k < d->nttables; k++) {
        PP_GROW(out->tables, out->ntables + 1, out->tables_alloc, 8);
        out->tables[out->ntables++] = d->ttables[k];
    }
    for (size_t i = 0; i < d->n; i++) {
        const sg_line *l = &d->lines[i];
        rl_match m;
        if (l->trow > 0 && (size_t)l->trow <= d->ntrows) {
            /* a table row read cell by cell: it ends whatever was open, and is never prose */
            row = -1;
            table = -1;
            pending_title = -1;
            pend_start = -1;
            hdr.n = 0;
            sg_cell_row(&c, &d->trows[l->trow - 1]);
            continue;
        }
        if (sg_is_cell(d, i)) {
            sg_span cell = { l->f0, l->f1 };
            /* skip the leading spaces and the tab */
            while (cell.a < cell.b && (d->f.buf[cell.a] == ' ' || d->f.buf[cell.a] == '\t'))
                cell.a++;
            sg_span t = sg_trim(d, cell);
            int is_code = 0;
            size_t ca = 0, cb = 0;
            if (t.a < t.b && rl_first(rules, "column.code", d->f.buf + t.a, t.b - t.a, 0, 1, &m) == 1 &&
                m.end == t.b - t.a && rl_group(&m, "code", &ca, &cb)) {
                is_code = 1;
            }
            if (is_code) {
                if (row < 0) {
                    table = hdr.n ? sg_table_of(&c, &hdr) : -1;
                    hdr.n = 0;
                }
                sg_item *it = sg_push(&c, SG_ROW, 0, d->f.buf + t.a + ca, cb - ca, (int)i);
                it->table = table;
                it->level = sg_code_level(it->code);
                it->cells[0] = t;
                it->ncells = 1;
                row = (long)(it - out->v);
                out->has_table = 1;
                c.closed = 0;
                sg_link(&c, (size_t)row);
                pending_title = -1;
                pend_start = -1;
                continue;
            }
            if (row >= 0) {
                sg_item *it = &out->v[row];
                if (it->ncells < SG_MAX_CELLS)
                    it->cells[it->ncells++] = cell;
                continue;
            }
            /* a tab-led line outside a table is prose, and may be the header row of a table to come */
            if (hdr.n < SG_MAX_CELLS)
                hdr.cell[hdr.n++] = cell;
        } else if (row >= 0) {
            sg_item *it = &out->v[row];
            /* prose after a blank line that is a heading ends the table; anything else continues a cell */
            int heading = i > 0 && sg_is_blank(d, i - 1) &&
                          (sg_match_line(&c, "heading.roman", i, &m) == 1 ||
                           sg_match_line(&c, "heading.code", i, &m) == 1);
            /* a numbered line inside a cell ("2. Sự tham gia ...") is not the end: cells follow it */
            for (size_t k = i + 1; heading && k < d->n && k <= i + 30; k++)
                if (sg_is_cell(d, k))
                    heading = 0;
            if (!heading) {
                if (it->ncells > 0)
                    it->cells[it->ncells - 1].b = l->f1;
                continue;
            }
            row = -1;
            table = -1;
        }
        if (sg_is_blank(d, i))
            continue;
        size_t took = ltable < 0 ? sg_text_table(&c, i) : 0;
        if (took) {
            /* a table written as text: its rows are items (taken above), and it ends what was open.  Past
             * the signature the text after it stays closed: a web page's furniture after an appendix
             * ("NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN", "FILE ĐÍNH KÈM") is no item whose number was lost */
            pending_title = -1;
            pend_start = -1;
            hdr.n = 0;
            c.notask = 0;
            i += took - 1;
            continue;
        }
        if (!sg_is_cell(d, i))
            hdr.n = 0; /* prose between tab-led lines and a table: they were not its header */
        if (sg_first_column_short(d, rules, i) && sg_match_line(&c, "closing.line", i, &m) == 1) {
            /* the recipients and the signature: nothing after them is an item until a table or a
             * section (an appendix) starts */
            c.closed = 1;
            pending_title = -1;
            pend_start = -1;
            if (!nclosing || closing[nclosing - 1] + 1 != i) { /* the block's first line ends the item before */
                PP_GROW(closing, nclosing + 1, aclosing, 8);
                closing[nclosing++] = i;
            }
            continue;
        }
        if (row < 0 && ltable < 0 && sg_header_line(&c, i, 1)) {
            /* "TT" then more header cells, one per line: a table OCR'd from an image */
            sg_header lh = { 0 };
            size_t k = i;
            for (; k < d->n && lh.n < SG_MAX_CELLS && !sg_is_cell(d, k) && sg_header_line(&c, k, 0); k++)
                lh.cell[lh.n++] = (sg_span){ d->lines[k].f0, d->lines[k].f1 };
            int tbl = lh.n >= 4 ? sg_table_of(&c, &lh) : -1;
            if (tbl >= 0) {
                c.notask = c.closed = 0; /* a table's rows are its items */
                ltable = tbl;
                ltable_from = out->n;
                pending_title = -1;
                i = k - 1;
                continue;
            }
        }
        if (pending_title >= 0) {
            sg_item *it = &out->v[pending_title];
            it->title.a = l->f0;
            it->title.b = l->f1;
            i = sg_title_more(&c, i, it);
            sg_group(&c, it);
            pending_title = -1;
            continue;
        }
        size_t ca, cb, ta, tb;
        if (c.letter_parent >= 0 && !c.closed && sg_letter_task(&c, i, &m)) {
            pend_start = -1;
            i = sg_title_more(&c, i, &out->v[out->n - 1]);
            continue;
        }
        int kind = 0;
        if (sg_match_line(&c, "heading.roman", i, &m) == 1 && !sg_roman_is_letter(&c, i, &m))
            kind = SG_SECTION;
        else if (sg_match_line(&c, "heading.code", i, &m) == 1)
            kind = SG_ITEM;
        else if (sg_match_line(&c, "heading.due", i, &m) == 1 && sg_code_is_due(&c, &m))
            kind = SG_ITEM;
        if (kind == SG_ITEM && (c.notask || c.closed))
            continue; /* a point of a section without tasks, or past the signature: text, not an item */
        if (kind == SG_ITEM && rl_group(&m, "code", &ca, &cb) && sg_year_not_code(&c, d->f.buf + ca, cb - ca))
            kind = 0;
        if (kind && rl_group(&m, "code", &ca, &cb)) {
            sg_item *it = sg_push(&c, kind, 0, d->f.buf + ca, cb - ca, (int)i);
            if (kind == SG_SECTION) {
                /* roman numerals are shown upper case, as written */
                for (char *p = it->code; *p; p++)
                    if (*p >= 'a' && *p <= 'z')
                        *p = (char)(*p - 'a' + 'A');
            } else {
                it->level = sg_code_level(it->code);
                if (it->level == 1 && !sg_lost_dot(&c, it) && !sg_nested(&c, it))
                    c.last_top = atoi(it->code);
                c.seen_items = 1;
            }
            size_t idx = (size_t)(it - out->v);
            sg_link(&c, idx);
            pend_start = -1;
            if (rl_group(&m, "title", &ta, &tb) && sg_trim(d, (sg_span){ ta, tb }).a < tb) {
                it->title = sg_trim(d, (sg_span){ ta, tb });
                if (kind == SG_ITEM) {
                    size_t before = out->n;
                    sg_inline_items(&c, idx);
                    if (out->n > before) {
                        idx = out->n - 1; /* the last sibling on the line takes the wrapped lines */
                        it = &out->v[idx];
                        for (size_t k = before - 1; k < out->n - 1; k++)
                            sg_run_in(d, &out->v[k]);
                    }
                }
                if (!sg_run_in(d, it))
                    i = sg_title_more(&c, i, it);
                sg_group(&c, it);
                if (kind == SG_ITEM && it->group >= 0)
                    c.letter_parent = (long)idx;
                if (kind == SG_SECTION) {
                    rl_match nm;
                    c.closed = 0;
                    c.nest_parent = -1;
                    c.notask = sg_match_span(&c, "section.notask", it->title, &nm) == 1;
                }
            } else {
                pending_title = (int)idx;
            }
            continue;
        }
        if (c.notask && !c.closed && sg_is_upper(d, i) && !sg_is_label(&c, i)) {
            /* capitals in a section without tasks: the next section, its numeral damaged ("IL MỤC
             * TIÊU" for "II."); inferred, the section after the last one */
            if (sg_infer_section(&c, i, (sg_span){ l->f0, l->f1 })) {
                pend_start = -1;
                continue;
            }
        }
        if (c.seen_items && !c.notask && !c.closed && sg_is_upper(d, i) && !sg_is_label(&c, i)) {
            if (sg_match_line(&c, "heading.roman_damaged", i, &m) == 1) {
                /* capitals opening with a damaged numeral ("HI. PHẠM VI ĐIỀU CHỈNH" for "III."): the section
                 * due after the last one, inferred, titled by what follows the numeral */
                size_t da, db;
                if (rl_group(&m, "title", &da, &db) && sg_infer_section(&c, i, (sg_span){ da, db })) {
                    pend_start = -1;
                    continue;
                }
            }
            /* a section heading whose number was lost */
            char code[16];
            int n = snprintf(code, sizeof code, "%d", c.last_top + 1);
            sg_item *it = sg_push(&c, SG_ITEM, 1, code, (size_t)n, (int)i);
            it->inferred = 1;
            it->title = sg_trim(d, (sg_span){ l->f0, l->f1 });
            c.last_top++;
            sg_link(&c, (size_t)(it - out->v));
            pend_start = (long)i + 1;
            continue;
        }
        if (pend_start >= 0) {
            if (sg_is_label(&c, i)) {
                /* an untitled block under an inferred section, then fields: it is the section's item .1 */
                sg_item *sec = &out->v[out->n - 1];
                long first = pend_start;
                while (first < (long)i && sg_is_blank(d, (size_t)first))
                    first++;
                if (first < (long)i && sec->inferred && sec->level == 1) {
                    char code[48];
                    int n = snprintf(code, sizeof code, "%s.1", sec->code);
                    sg_item *it = sg_push(&c, SG_ITEM, 2, code, (size_t)n, (int)first);
                    it->inferred = 1;
                    size_t last = i - 1;
                    while (last > (size_t)first && sg_is_blank(d, last))
                        last--;
                    it->title = sg_trim(d, (sg_span){ d->lines[first].f0, d->lines[last].f1 });
                    sg_link(&c, out->n - 1);
                }
                pend_start = -1;
            }
            continue;
        }
    }
    if (ltable >= 0)
        sg_line_rows(&c, ltable_from, ltable);
    sg_row_paths(out);
    sg_split_blocks(&c);
    /* bodies: from the end of an item's title (or its first line) to the first line of the next item */
    /* a table row read cell by cell ends the body of the item before it */
    size_t *next_trow = NULL;
    if (d->ntrows) {
        next_trow = xmalloc((d->n + 1) * sizeof *next_trow);
        next_trow[d->n] = d->n;
        for (size_t i = d->n; i-- > 0;)
            next_trow[i] = d->lines[i].trow > 0 ? i : next_trow[i + 1];
    }
    for (size_t k = 0; k < out->n; k++) {
        sg_item *it = &out->v[k];
        if (it->celled) {
            it->body.a = it->body.b = d->lines[it->line0].f1;
            continue;
        }
        size_t start = it->title.b > 0 ? it->title.b : d->lines[it->line0].f1;
        if (it->kind == SG_ROW)
            start = it->ncells ? it->cells[it->ncells - 1].b : start;
        size_t end = k + 1 < out->n ? d->lines[out->v[k + 1].line0].f0 : d->f.len;
        if (next_trow) {
            size_t nt = next_trow[sg_line_at(d, start) + 1];
            if (nt < d->n && d->lines[nt].f0 < end)
                end = d->lines[nt].f0;
        }
        /* "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN": the recipients and the signature are no part of the last
         * item before them */
        size_t lo = 0, hi = nclosing;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (d->lines[closing[mid]].f0 < start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < nclosing && d->lines[closing[lo]].f0 < end)
            end = d->lines[closing[lo]].f0;
        if (end < start)
            end = start;
        it->body.a = start;
        it->body.b = end;
        if (it->kind == SG_ROW && it->ncells > 1)
            it->title = sg_trim(d, it->cells[1]);
    }
    free(next_trow);
    free(closing);
    (void)e;
    return PP_OK;
}
