/* test_segment_doc.c — the document model (segment_doc.c): a document built with sg_doc_append +
 * sg_doc_fold is the one sg_doc_add_line builds line by line (text, folded text, the map of every folded
 * byte and its end sentinel, every line's offsets, page, number and confidence), with hand-checked folds
 * of diacritics, đ/Đ and OCR confusions, and both grow past their first allocation; an invalid UTF-8 line
 * makes sg_doc_fold fail naming its index; sg_fold_at agrees with a linear search on every window of a
 * map with runs and jumps; sg_line_at finds the line of every folded offset (empty lines included);
 * sg_orig and sg_trim cut spans as documented.  No rules are needed. */
#include "check.h"
#include "text/fold.h"
#include "extract/segment_doc.h"

#include <stdio.h>
#include <stdlib.h>

/* ---------------- sg_doc_append + sg_doc_fold against sg_doc_add_line ---------------- */

static int line_page(size_t i) { return 1 + (int)(i / 3); }
static int line_number(size_t i) { return 2 * (int)i + 1; }
static double line_conf(size_t i) { return i % 2 ? -1 : 40.01 + (double)i / 7; }

/* Builds the document both ways; returns how many checks failed.  `lens` may be NULL (strlen). */
static int fold_same(const char *name, const char *const *lines, size_t n, const size_t *lens, sg_doc *out)
{
    int before = check_failed;
    sg_doc a, b;
    sg_doc_init(&a);
    sg_doc_init(&b);
    int added = 1;
    for (size_t i = 0; i < n; i++) {
        size_t len = lens ? lens[i] : strlen(lines[i]);
        added &= sg_doc_add_line(&a, lines[i], len, line_page(i), line_number(i), line_conf(i)) == 0;
        sg_doc_append(&b, lines[i], len, line_page(i), line_number(i), line_conf(i));
    }
    size_t bad = 12345;
    CHECK(added, "%s: sg_doc_add_line takes every line", name);
    CHECK(sg_doc_fold(&b, &bad) == 0 && bad == 12345, "%s: sg_doc_fold folds (bad untouched)", name);
    CHECK(a.n == n && b.n == n, "%s: %zu lines both ways (%zu, %zu)", name, n, a.n, b.n);
    CHECK(a.text.len == b.text.len && !memcmp(sb_str(&a.text), sb_str(&b.text), a.text.len),
          "%s: same original text (%zu, %zu bytes)", name, a.text.len, b.text.len);
    CHECK(a.f.len == b.f.len && !memcmp(sb_str(&a.f), sb_str(&b.f), a.f.len), "%s: same folded text (%zu, %zu bytes)",
          name, a.f.len, b.f.len);
    CHECK(b.f.buf && b.f.buf[b.f.len] == '\0', "%s: the folded text is NUL-terminated", name);
    size_t mapdiff = 0, first_diff = 0;
    if (a.f.len == b.f.len && a.fmap && b.fmap)
        for (size_t k = 0; k <= a.f.len; k++) /* every folded byte and the end sentinel */
            if (a.fmap[k] != b.fmap[k] && !mapdiff++)
                first_diff = k;
    CHECK(a.f.len == b.f.len && a.fmap && b.fmap && !mapdiff, "%s: same map, end sentinel included (%zu differ, first at %zu)",
          name, mapdiff, first_diff);
    CHECK(b.fmap && b.fmap[b.f.len] == b.text.len, "%s: the map ends at the text's length", name);
    size_t ldiff = 0;
    for (size_t i = 0; i < n && i < a.n && i < b.n; i++) {
        const sg_line *x = &a.lines[i], *y = &b.lines[i];
        int same = x->o0 == y->o0 && x->o1 == y->o1 && x->f0 == y->f0 && x->f1 == y->f1 && x->page == y->page &&
                   x->number == y->number && x->conf == y->conf && x->trow == y->trow;
        if (!same && !ldiff++)
            printf("#   %s: line %zu: o %zu-%zu / %zu-%zu, f %zu-%zu / %zu-%zu, page %d/%d, number %d/%d, conf %g/%g, trow %d/%d\n",
                   name, i, x->o0, x->o1, y->o0, y->o1, x->f0, x->f1, y->f0, y->f1, x->page, y->page, x->number,
                   y->number, x->conf, y->conf, x->trow, y->trow);
    }
    CHECK(!ldiff, "%s: every line's o0/o1/f0/f1/page/number/conf/trow the same (%zu differ)", name, ldiff);
    /* and right on their own: each line is its bytes, folded as that line alone, mapped into itself */
    size_t wrong = 0;
    for (size_t i = 0; i < n && i < b.n; i++) {
        const sg_line *l = &b.lines[i];
        size_t len = lens ? lens[i] : strlen(lines[i]);
        pp_fold fo;
        int ok = l->o1 - l->o0 == len && !memcmp(b.text.buf + l->o0, lines[i], len) &&
                 l->page == line_page(i) && l->number == line_number(i) && l->conf == line_conf(i) && !l->trow;
        ok = ok && fold_text(lines[i], len, FOLD_OCR, &fo) == 0;
        if (ok) {
            ok = l->f1 - l->f0 == fo.len && !memcmp(b.f.buf + l->f0, fo.s, fo.len);
            for (size_t k = 0; ok && k < fo.len; k++)
                ok = b.fmap[l->f0 + k] == l->o0 + fo.map[k];
            fold_free(&fo);
        }
        if (i + 1 < b.n)
            ok = ok && b.text.buf[l->o1] == '\n' && b.f.buf[l->f1] == '\n' && b.fmap[l->f1] == l->o1 &&
                 b.lines[i + 1].o0 == l->o1 + 1 && b.lines[i + 1].f0 == l->f1 + 1;
        else
            ok = ok && l->o1 == b.text.len && l->f1 == b.f.len;
        if (!ok && !wrong++)
            printf("#   %s: line %zu is not its own bytes folded\n", name, i);
    }
    CHECK(!wrong, "%s: every line is its own bytes, folded alone, mapped into itself (%zu wrong)", name, wrong);
    sg_doc_free(&a);
    if (out)
        *out = b;
    else
        sg_doc_free(&b);
    return check_failed - before;
}

/* The folded text of line i, for comparing (static buffer). */
static const char *fline(const sg_doc *d, size_t i)
{
    sg_span s = { d->lines[i].f0, d->lines[i].f1 };
    static char buf[512];
    size_t n = s.b - s.a < sizeof buf ? s.b - s.a : sizeof buf - 1;
    memcpy(buf, d->f.buf + s.a, n);
    buf[n] = '\0';
    return buf;
}

static void fold_doc(void)
{
    static const char *const lines[] = {
        "PHỤ LỤC: KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024",
        "Đơn vị chủ trì: Sở Nội vụ; đơn vị phối hợp: các sở, ban, ngành",
        "",
        "- Phấn đấu s6 liệu đạt 90% t6i thiểu", /* OCR digits inside words */
        "PON VI THỰC HIỆN: UBND tỉnh",          /* P read for Đ */
        "    ",                                  /* only spaces */
        "\t1.2.",                                /* a tab-led table cell */
        "\tKiểm tra c0ng tác CCHC",
        "",
        "",
        "Mã K10, ĐT601, năm 2023 (không đổi)", /* words the OCR rules must leave alone */
        "“Chỉ số PAR INDEX” – SIPAS ≥ 80% … ﬁn", /* quotes, dashes, a ligature that grows when folded */
        "­​Mục tiêu\u00a0cụ thể:",             /* soft hyphen and zero-width space (fold to nothing), nbsp */
        "\u0301e\u0300 a\u0323",                 /* combining marks alone and after letters */
        "­",                                     /* a line folding to nothing */
        "Kết thúc",
        NULL,
    };
    size_t n = 0;
    while (lines[n])
        n++;
    sg_doc d;
    fold_same("document", lines, n, NULL, &d);
    /* folds written out by hand */
    static const struct {
        size_t line;
        const char *folded;
    } want[] = {
        { 0, "phu luc: ke hoach cai cach hanh chinh nam 2024" },
        { 1, "don vi chu tri: so noi vu; don vi phoi hop: cac so, ban, nganh" },
        { 2, "" },
        { 3, "- phan dau so lieu dat 90% toi thieu" },
        { 4, "don vi thuc hien: ubnd tinh" },
        { 5, "    " },
        { 6, "\t1.2." },
        { 7, "\tkiem tra cong tac cchc" },
        { 10, "ma k10, dt601, nam 2023 (khong doi)" },
        { 14, "" },
        { 15, "ket thuc" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0] && d.n == n; i++)
        CHECK_STR(fline(&d, want[i].line), want[i].folded, "document: line %zu folds as written by hand",
                  want[i].line);
    if (d.n == n) {
        /* the map points at the original character: "Đ" of line 1 is two bytes, both folded to one 'd' */
        const sg_line *l = &d.lines[1];
        CHECK(d.fmap[l->f0] == l->o0 && d.fmap[l->f0 + 1] == l->o0 + 2, "document: d maps to Đ, o to the ơ after it");
        /* the soft hyphen + zero-width space line starts with folded "muc" mapped past them (5 bytes) */
        l = &d.lines[12];
        CHECK(!strncmp(fline(&d, 12), "muc tieu", 8) && d.fmap[l->f0] == l->o0 + 5,
              "document: ignorable characters fold to nothing, the map skips them");
        CHECK(d.lines[14].f0 == d.lines[14].f1 && d.lines[14].o1 - d.lines[14].o0 == 2,
              "document: a line of one soft hyphen is empty folded, two bytes original");
    }
    sg_doc_free(&d);

    /* other shapes: one line, one empty line, empty lines only, lines split between pages */
    static const char *const one[] = { "Đ" };
    fold_same("one line", one, 1, NULL, NULL);
    static const char *const empty[] = { "" };
    fold_same("one empty line", empty, 1, NULL, NULL);
    static const char *const empties[] = { "", "", "", "" };
    fold_same("empty lines only", empties, 4, NULL, NULL);
    static const char *const spaces[] = { " ", "\t", "  \t  ", "\t\tx" };
    fold_same("white space", spaces, 4, NULL, NULL);
    /* OCR words at the ends of lines: the newline ends a word, as a line's end does */
    static const char *const edges[] = { "đạt s6", "6i PON", "VI", "t6", "i Pon" };
    fold_same("words at line ends", edges, 5, NULL, NULL);
    /* a NUL byte inside a line (lengths given, not strlen) */
    static const char *const nul[] = { "a\0Đ", "b" };
    static const size_t nul_len[] = { 4, 1 };
    fold_same("NUL inside a line", nul, 2, nul_len, NULL);
    /* many lines: the arrays grow past their first allocation */
    enum { MANY = 700 };
    static char many_buf[MANY][48];
    const char *many[MANY];
    for (int i = 0; i < MANY; i++) {
        if (i % 5 == 0)
            many_buf[i][0] = '\0';
        else
            snprintf(many_buf[i], sizeof many_buf[i], "Dòng %d: Đơn vị t6i PON", i);
        many[i] = many_buf[i];
    }
    fold_same("700 lines", many, MANY, NULL, NULL);

    /* no lines: an empty document */
    sg_doc z;
    sg_doc_init(&z);
    size_t bad = 7;
    CHECK(sg_doc_fold(&z, &bad) == 0 && z.n == 0 && z.f.len == 0 && z.fmap && z.fmap[0] == 0,
          "no lines: folds to nothing, the map holds its end");
    sg_doc_free(&z);
}

/* A line that is not UTF-8: sg_doc_fold fails and names it, as sg_doc_add_line refuses it. */
static void fold_bad(const char *name, const char *bad_line, size_t at, size_t n)
{
    const char *lines[8];
    static const char *const good[] = { "Mục tiêu: đạt", "", "PON VI", "s6 liệu", "\tx", "  ", "Đ", "z" };
    for (size_t i = 0; i < n; i++)
        lines[i] = i == at ? bad_line : good[i];
    sg_doc a, b;
    sg_doc_init(&a);
    sg_doc_init(&b);
    int refused = -1;
    for (size_t i = 0; i < n; i++) {
        int rc = sg_doc_add_line(&a, lines[i], strlen(lines[i]), 1, (int)i + 1, -1);
        if (rc && refused < 0)
            refused = (int)i;
        sg_doc_append(&b, lines[i], strlen(lines[i]), 1, (int)i + 1, -1);
    }
    size_t bad = 999;
    CHECK(refused == (int)at, "%s: sg_doc_add_line refuses line %zu (%d)", name, at, refused);
    CHECK(sg_doc_fold(&b, &bad) == -1, "%s: sg_doc_fold fails", name);
    CHECK(bad == at, "%s: naming line %zu (%zu)", name, at, bad);
    sg_doc_free(&a);
    sg_doc_free(&b);
}

/* ---------------- sg_fold_at, sg_line_at, sg_orig, sg_trim ---------------- */

/* sg_fold_at against the first k in [from, to) with map[k] >= o (to when none), on every window. */
static void fold_at(void)
{
    /* runs (one original character folded to several bytes), jumps (ignorables dropped), a long flat run
     * so that the gallop overshoots */
    static const size_t map[] = { 0, 0, 1, 3, 3, 3, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 12, 12, 20 };
    const size_t n = sizeof map / sizeof map[0];
    size_t wrong = 0;
    for (size_t from = 0; from <= n; from++)
        for (size_t to = from; to <= n; to++)
            for (size_t o = 0; o <= 22; o++) {
                size_t want = to;
                for (size_t k = from; k < to; k++)
                    if (map[k] >= o) {
                        want = k;
                        break;
                    }
                size_t got = sg_fold_at(map, from, to, o);
                if (got != want && !wrong++)
                    printf("#   sg_fold_at(from %zu, to %zu, o %zu) = %zu, want %zu\n", from, to, o, got, want);
            }
    CHECK(!wrong, "sg_fold_at: the first offset at or past o on every window of the map (%zu wrong)", wrong);
}

static void line_at(void)
{
    static const char *const lines[] = { "Đơn vị", "", "", "ab", "", "Sở Nội vụ", NULL };
    sg_doc d;
    sg_doc_init(&d);
    for (int i = 0; lines[i]; i++)
        CHECK(sg_doc_add_line(&d, lines[i], strlen(lines[i]), 1, i + 1, -1) == 0, "line %d added", i + 1);
    size_t wrong = 0;
    for (size_t f = 0; f <= d.f.len; f++) {
        size_t want = 0;
        for (size_t i = 0; i < d.n; i++)
            if (d.lines[i].f0 <= f)
                want = i;
        size_t got = sg_line_at(&d, f);
        if (got != want && !wrong++)
            printf("#   sg_line_at(%zu) = %zu, want %zu\n", f, got, want);
    }
    CHECK(!wrong, "sg_line_at: the last line starting at or before every folded offset (%zu wrong)", wrong);

    /* sg_orig: "vị" of line 1 ("Đ" and "ơ" two bytes each) folds to "vi", two folded bytes made from
     * three original ones */
    const sg_line *l = &d.lines[0];
    size_t o0 = 0, o1 = 0;
    sg_orig(&d, (sg_span){ l->f0 + 4, l->f1 }, &o0, &o1);
    CHECK(o0 == l->o0 + 6 && o1 == l->o1 && !memcmp(d.text.buf + o0, "vị", o1 - o0),
          "sg_orig: a folded span cuts its original bytes (%zu-%zu)", o0, o1);
    sg_orig(&d, (sg_span){ l->f0 + 4, l->f0 + 4 }, &o0, &o1);
    CHECK(o0 == l->o0 + 6 && o1 == o0, "sg_orig: an empty span is empty in the original");
    sg_doc_free(&d);

    sg_doc z;
    sg_doc_init(&z);
    sg_orig(&z, (sg_span){ 0, 0 }, &o0, &o1);
    CHECK(o0 == 0 && o1 == 0, "sg_orig: a document without a map gives 0-0");
    sg_doc_free(&z);
}

static void trim(void)
{
    static const char *const lines[] = { " \t x  y \t", "\u00a0 z\u00a0", "   ", NULL };
    sg_doc d;
    sg_doc_init(&d);
    for (int i = 0; lines[i]; i++)
        CHECK(sg_doc_add_line(&d, lines[i], strlen(lines[i]), 1, i + 1, -1) == 0, "line %d added", i + 1);
    sg_span s = sg_trim(&d, (sg_span){ d.lines[0].f0, d.lines[0].f1 });
    CHECK(s.b - s.a == 4 && !memcmp(d.f.buf + s.a, "x  y", 4), "sg_trim: spaces and tabs off both ends only");
    s = sg_trim(&d, (sg_span){ d.lines[1].f0, d.lines[1].f1 });
    CHECK(s.b - s.a == 1 && d.f.buf[s.a] == 'z', "sg_trim: no-break spaces too");
    s = sg_trim(&d, (sg_span){ d.lines[2].f0, d.lines[2].f1 });
    CHECK(s.a == s.b, "sg_trim: a blank span trims to empty");
    s = sg_trim(&d, (sg_span){ d.lines[0].f0, d.lines[2].f1 });
    CHECK(d.f.buf[s.a] == 'x' && d.f.buf[s.b - 1] == 'z', "sg_trim: newlines between lines are white space");
    sg_doc_free(&d);
}

int main(void)
{
    fold_doc();
    fold_bad("bad middle line", "Đơn v\xe1\xbb chủ trì", 3, 7);       /* a sequence cut short */
    fold_bad("bad first line", "\xc3\x28 x", 0, 4);                    /* a lead byte, then ASCII */
    fold_bad("bad last line", "abc\xe1\xbb", 5, 6);                    /* cut short at the line's end */
    fold_bad("overlong encoding", "\xc0\xaf", 2, 5);
    fold_bad("surrogate", "x\xed\xa0\x80", 4, 8);
    fold_bad("stray continuation byte", "\x80", 1, 3);
    fold_at();
    line_at();
    trim();
    return check_done();
}
