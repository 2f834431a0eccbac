/* extract/extract_doc_item.c (prefix ex_) — one item of a document: its regions (from its labels, or a
 * table row's cells), what they hold (targets, bodies, deadline, product, the agency group above it), and
 * its rows (the item, its targets, its bodies) with their sources. */
#include "extract/extract-ll.h"
#include "match/roles.h"
#include "extract/fields.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column roles of a table without a recognised header row, by its widest row (seed 001's export put no
 * header in the text). */
static int ex_column_role(int ncols, int col)
{
    static const int six[] = { ROLE_CODE, ROLE_TITLE, ROLE_TARGET, ROLE_MONITOR, ROLE_LEAD, ROLE_SUPPORT,
                               ROLE_DEADLINE };
    static const int five[] = { ROLE_CODE, ROLE_TITLE, ROLE_TARGET, ROLE_LEAD, ROLE_SUPPORT };
    static const int four[] = { ROLE_CODE, ROLE_TITLE, ROLE_LEAD, ROLE_SUPPORT };
    assert(col >= 0 && col < ncols); /* ncols is the widest row's: five[col], four[col] stay inside */
    if (ncols >= 6)
        return col < 7 ? six[col] : -1;
    if (ncols == 5)
        return five[col];
    if (ncols == 4)
        return four[col];
    return col == 0 ? ROLE_CODE : col == 1 ? ROLE_TITLE : col == 2 ? ROLE_TARGET : -1;
}

/* The region of an item's text a column of `role` fills, or -1. */
static int ex_role_region(int role)
{
    switch (role) {
    case ROLE_TARGET: return R_TARGET;
    case ROLE_MONITOR: return R_MONITOR;
    case ROLE_LEAD: return R_LEAD;
    case ROLE_SUPPORT: return R_SUPPORT;
    case ROLE_DEADLINE: return R_DEADLINE;
    case ROLE_PRODUCT: return R_PRODUCT;
    default: return -1;
    }
}

/* A one-sentence assignment ("Giao Sở Tư pháp chủ trì, phối hợp với … thực hiện") in span in: its lead and
 * support as regions of the item.  Returns 1 when one was found. */
static int ex_assignment(ex_doc *x, sg_span in, ex_region reg[R_N])
{
    rl_match m, cue;
    const char *f = x->d.f.buf;
    /* the assign rules are tried only from the clause of a cue ("chủ trì, phối hợp"): a pattern that
     * starts on the body's name may start on most letters, and most items have no assignment */
    size_t from = in.a;
    int found_rule = 0;
    while (from < in.b && rl_first(x->r->rules, "assign.cue", f, in.b, from, 0, &cue) == 1) {
        size_t c = cue.start;
        while (c > in.a && f[c - 1] != '.' && f[c - 1] != ';')
            c--;
        if (rl_first(x->r->rules, "assign", f, in.b, c, 0, &m) == 1) {
            found_rule = 1;
            break;
        }
        from = cue.end > cue.start ? cue.end : cue.start + 1;
    }
    if (!found_rule)
        return 0;
    size_t a, b;
    int found = 0;
    if (rl_group(&m, "lead", &a, &b) && b > a && reg[R_LEAD].n < 4) {
        reg[R_LEAD].sp[reg[R_LEAD].n] = (sg_span){ a, b };
        reg[R_LEAD].rule[reg[R_LEAD].n++] = m.rule->name;
        found = 1;
    }
    if (rl_group(&m, "support", &a, &b) && b > a && reg[R_SUPPORT].n < 4) {
        reg[R_SUPPORT].sp[reg[R_SUPPORT].n] = (sg_span){ a, b };
        reg[R_SUPPORT].rule[reg[R_SUPPORT].n++] = m.rule->name;
        found = 1;
    }
    return found;
}

/* The item's whole text: its title (a task written as one sentence is its own title) and its body. */
static sg_span ex_item_text(const sg_item *si)
{
    sg_span s = si->body;
    if (si->title.b > si->title.a && si->title.a < s.a)
        s.a = si->title.a;
    if (s.b < si->title.b)
        s.b = si->title.b;
    return s;
}

int ex_item_store(ex_doc *x, size_t idx, int64_t *ids, int ncols)
{
    sg_item *si = &x->t.v[idx];
    ex_item it;
    memset(&it, 0, sizeof it);
    ex_region reg[R_N];
    memset(reg, 0, sizeof reg);
    sg_span target_region = { 0, 0 };
    xc_result lo;
    int lo_found = 0;
    if (si->kind == SG_ROW) {
        for (int c = 2; c < si->ncells; c++) {
            const sg_table *tb = si->table >= 0 ? &x->t.tables[si->table] : NULL;
            int role = tb ? (c < tb->ncols ? role_index(tb->role[c]) : -1) : ex_column_role(ncols, c);
            int rr = ex_role_region(role);
            if (rr >= 0 && reg[rr].n < 4) {
                reg[rr].sp[reg[rr].n] = si->cells[c];
                reg[rr].rule[reg[rr].n] = "column";
                reg[rr].n++;
            }
        }
    } else {
        size_t lead_in = ex_labels(x, si->body, reg);
        /* no lead or support label: the task may say who does it in a sentence */
        int assigned = !reg[R_LEAD].n && !reg[R_SUPPORT].n && ex_assignment(x, ex_item_text(si), reg);
        /* no lead, support or deadline label: an OCR'd table may have left its columns in the text */
        if (si->kind == SG_ITEM && !si->celled && !assigned && !reg[R_LEAD].n && !reg[R_SUPPORT].n &&
            !reg[R_DEADLINE].n && !ex_labelled(x))
            lo_found = xc_doc_item(&x->xd, &x->d, &x->t, idx, x->width, &x->r->vocab, x->r->bodies,
                                   x->r->deadlines, &lo);
        if (!reg[R_TARGET].n) {
            /* no "Mục tiêu:" label: the unlabelled text after the title holds the targets, and so does a
             * task's heading that states its goal ("1. 100% đội ngũ cán bộ … có trình độ đại học") */
            reg[R_TARGET].sp[0] = (sg_span){ si->body.a, lead_in };
            reg[R_TARGET].rule[0] = "unlabelled";
            reg[R_TARGET].n = 1;
            if (si->kind == SG_ITEM && si->title.b > si->title.a && si->title.b <= si->body.a) {
                reg[R_TARGET].sp[1] = reg[R_TARGET].sp[0];
                reg[R_TARGET].sp[0] = si->title;
                reg[R_TARGET].rule[1] = "unlabelled";
                reg[R_TARGET].n = 2;
            }
        }
    }
    for (int k = 0; k < reg[R_TARGET].n; k++)
        ex_targets(x, reg[R_TARGET].sp[k], &it);
    if (reg[R_TARGET].n && strcmp(reg[R_TARGET].rule[0], "unlabelled"))
        target_region = sg_trim(&x->d, reg[R_TARGET].sp[0]);
    char *target_text = target_region.b > target_region.a ? ex_text(x, target_region, " ") : NULL;
    char *deadline = NULL, *product = NULL;
    char roman_rule[64];
    rl_match dm;
    size_t da, db;
    sg_span whole = ex_item_text(si);
    if (!reg[R_DEADLINE].n && si->kind != SG_ROW && whole.b > whole.a &&
        rl_first(x->r->rules, "deadline", x->d.f.buf, whole.b, whole.a, 0, &dm) == 1 &&
        rl_group(&dm, "value", &da, &db) && db > da) {
        /* no deadline label: one written into the task's sentence ("hoàn thành trước ngày 30/6/2025",
         * "(thời gian: Quý II/2025)") */
        reg[R_DEADLINE].sp[0] = (sg_span){ da, db };
        reg[R_DEADLINE].rule[0] = dm.rule->name;
        reg[R_DEADLINE].n = 1;
    }
    if (reg[R_DEADLINE].n) {
        it.deadline_sp = sg_trim(&x->d, reg[R_DEADLINE].sp[0]);
        it.deadline_rule = reg[R_DEADLINE].rule[0];
        deadline = ex_text(x, it.deadline_sp, " .;,:");
        /* "Quý IIl" is "Quý III" (fields.h); the source keeps what was read, its rule says so */
        char *fixed = fl_quarter_roman(deadline);
        if (fixed) {
            free(deadline);
            deadline = fixed;
            snprintf(roman_rule, sizeof roman_rule, "%s+roman", it.deadline_rule);
            it.deadline_rule = roman_rule;
        }
    } else if (lo_found && (lo.deadline_entry >= 0 || lo.deadline_year > 0)) {
        /* read from damaged leftovers: the value is the phrase they stand for, the source as written */
        it.deadline_sp = lo.deadline_sp;
        it.deadline_rule = lo.deadline_entry >= 0 ? "deadlines.txt" : "columns.year";
        deadline = lo.deadline_entry >= 0 ? xstrdup(x->r->deadlines->e[lo.deadline_entry].name)
                                          : xasprintf("Năm %d", lo.deadline_year);
    }
    if (reg[R_PRODUCT].n) {
        it.product_sp = sg_trim(&x->d, reg[R_PRODUCT].sp[0]);
        it.product_rule = reg[R_PRODUCT].rule[0];
        product = ex_text(x, it.product_sp, " .;,:");
    }
    /* agency group: the nearest heading above that names a body */
    int64_t group_body = 0;
    int group_entry = -1;
    for (int p = si->parent; p >= 0; p = x->t.v[p].parent)
        if (x->t.v[p].group >= 0) {
            group_entry = x->t.v[p].group;
            break;
        }
    if (si->group >= 0) {
        if (ex_body_id(x, x->r->bodies->e[si->group].name, 1, &group_body))
            goto fail;
    }
    /* 'Tiêu chí thành phần “Tỷ lệ hồ sơ …”': the quoted criterion is the title */
    sg_span title_sp = si->title;
    rl_match tm;
    size_t ta, tb;
    if (si->title.b > si->title.a &&
        rl_first(x->r->rules, "title.quoted", x->d.f.buf, si->title.b, si->title.a, 1, &tm) == 1 &&
        rl_group(&tm, "title", &ta, &tb) && tb > ta)
        title_sp = (sg_span){ ta, tb };
    char *title = ex_text(x, title_sp, " ");
    dbrows *q = x->st->items;
    const sg_line *l0 = &x->d.lines[si->line0];
    /* ids are given here, not by SQLite, so the rows can wait for one batched write (ex_document holds
     * the write lock from the first id it reads to the commit) */
    int64_t id = x->next_item++;
    assert(si->parent < (int)idx); /* a parent comes before its children (sg_link): its id is set */
    ids[idx] = id;
    dbrows_int(q, id);
    dbrows_int(q, x->doc_id);
    dbrows_int(q, (int64_t)idx);
    if (si->parent >= 0 && ids[si->parent] > 0)
        dbrows_int(q, ids[si->parent]);
    else
        dbrows_null(q);
    /* A numbered heading or row that only heads the items under it (no target, points, body, deadline or
     * product of its own: "1. | CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC" over 1.1, 1.2 ...) is a group, recorded
     * as a section: a reference that lists group rows still finds it, one that lists tasks only does not
     * count it as an extra item.  A heading that carries a field of its own stays an item. */
    int heads = idx + 1 < x->t.n && x->t.v[idx + 1].parent == (int)idx;
    int own = it.ntg || it.has_points || it.has_max || target_text || deadline || product || lo_found ||
              reg[R_LEAD].n || reg[R_SUPPORT].n || reg[R_MONITOR].n || si->group >= 0;
    int group_row = si->kind != SG_SECTION && heads && !own;
    ex_rows_text(q, si->kind == SG_SECTION || group_row ? "section" : si->kind == SG_ROW ? "row" : "item");
    dbrows_int(q, si->level);
    ex_rows_text(q, si->code);
    dbrows_int(q, si->inferred);
    ex_rows_text(q, title);
    ex_rows_text(q, target_text);
    if (group_body)
        dbrows_int(q, group_body);
    else
        dbrows_null(q);
    if (it.has_points)
        dbrows_double(q, it.points);
    else
        dbrows_null(q);
    if (it.has_max)
        dbrows_double(q, it.max);
    else
        dbrows_null(q);
    if (it.has_base) {
        dbrows_double(q, it.base);
        ex_rows_text(q, it.base_unit);
        if (it.base_year)
            dbrows_int(q, it.base_year);
        else
            dbrows_null(q);
    } else {
        dbrows_null(q);
        dbrows_null(q);
        dbrows_null(q);
    }
    ex_rows_text(q, deadline);
    ex_rows_text(q, product);
    dbrows_int(q, l0->page);
    dbrows_int(q, l0->number);
    double conf = ex_conf(x, (sg_span){ l0->f0, l0->f1 });
    if (conf >= 0)
        dbrows_double(q, conf);
    else
        dbrows_null(q);
    /* code_as_printed (segment.h): none where the code was inferred, not printed; a damaged print read
     * as another code ("42" for 4.2, its dot lost) keeps what was printed */
    ex_rows_text(q, si->printed[0] ? si->printed : si->inferred ? NULL : si->code);
    free(deadline);
    free(product);
    /* sources of the single-valued fields */
    sg_span code_sp = { l0->f0, l0->f1 };
    if (si->kind == SG_ROW)
        code_sp = si->cells[0];
    const char *code_rule = si->inferred ? "inferred" : si->celled ? "column" : "heading";
    int bad = ex_source(x, si->inferred ? "code.inferred" : "code", 0, code_rule, code_sp) ||
              ex_source_as(x, "title", 0, title_sp.a != si->title.a ? tm.rule->name : si->kind == SG_ROW ? "column" : "heading",
                           title_sp, title) ||
              (target_region.b > target_region.a &&
               ex_source_as(x, "target_text", 0, reg[R_TARGET].rule[0], target_region, target_text)) ||
              (it.has_points && ex_source(x, "points", 0, it.points_rule, it.points_sp)) ||
              (it.has_base && ex_source(x, "baseline", 0, it.base_rule, it.base_sp)) ||
              (it.deadline_rule && ex_source(x, "deadline", 0, it.deadline_rule, it.deadline_sp)) ||
              (it.product_rule && ex_source(x, "product", 0, it.product_rule, it.product_sp));
    free(title);
    free(target_text);
    if (bad)
        return x->e->code;
    for (int k = 0; k < it.ntg; k++) {
        ex_target *t = &it.tg[k];
        char *text = ex_text(x, t->text, " ");
        q = x->st->targets;
        dbrows_int(q, id);
        dbrows_int(q, k);
        ex_rows_text(q, text);
        dbrows_double(q, t->value);
        ex_rows_text(q, t->unit);
        ex_rows_text(q, t->op);
        if (t->year)
            dbrows_int(q, t->year);
        else
            dbrows_null(q);
        ex_rows_text(q, t->rule);
        free(text);
        if (ex_source(x, "target", k, t->rule, t->text))
            return x->e->code;
    }
    static const int roles[] = { R_LEAD, R_SUPPORT, R_MONITOR };
    const char *const rname[] = { role_names[ROLE_LEAD], role_names[ROLE_SUPPORT], role_names[ROLE_MONITOR] };
    for (int k = 0; k < 3; k++) {
        int seq = 0;
        for (int j = 0; j < reg[roles[k]].n; j++) {
            ex_body b[EX_MAX_BODIES];
            /* a label's value in prose wraps over lines; a table cell puts one body on a line */
            int prose = si->kind != SG_ROW && !si->celled && strcmp(reg[roles[k]].rule[j], "column") != 0;
            size_t nb = ex_bodies(x, reg[roles[k]].sp[j], prose, b, EX_MAX_BODIES);
            if (ex_store_bodies(x, id, rname[k], b, nb, &seq))
                return x->e->code;
        }
        if (lo_found && k < 2 &&
            ex_store_leftovers(x, id, rname[k], k == 0 ? lo.lead : lo.support, k == 0 ? lo.nlead : lo.nsupport, &seq))
            return x->e->code;
        if (roles[k] == R_LEAD && seq == 0 && group_entry >= 0) {
            /* rows under "II. SỞ TƯ PHÁP" are that body's unless they say otherwise */
            int64_t bid;
            const char *name = x->r->bodies->e[group_entry].name;
            if (ex_body_id(x, name, 1, &bid))
                return x->e->code;
            ex_item_body(x, id, role_names[ROLE_LEAD], 0, bid, name);
        }
    }
    /* the item row's last column: its sources, all gathered by now */
    const char *ev;
    size_t nev;
    ex_sources_end(x, &ev, &nev);
    dbrows_text(x->st->items, ev, nev);
    return PP_OK;
fail:
    free(target_text);
    free(deadline);
    free(product);
    return x->e->code;
}
