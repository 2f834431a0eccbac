/* test_segment.c — segmentation (segment.c) with the rules of rules/: run-in headings, a code alone on
 * its line with OCR specks, a table exported one cell per tab-led line with its header row, and a table
 * OCR'd from an image (its header and cells one per line, a cell wrapped onto a lower-case line); and list
 * markers (sg_line_marker) and labels after them (sg_line_is_label) are recognised.  The document model
 * itself (segment_doc.c) is tested in test_segment_doc.c. */
#include "check.h"
#include "extract/segment.h"

#include <stdio.h>
#include <stdlib.h>

static rl_set *rules;

static void doc_of(sg_doc *d, const char *const *lines)
{
    sg_doc_init(d);
    for (int i = 0; lines[i]; i++)
        CHECK(sg_doc_add_line(d, lines[i], strlen(lines[i]), 1, i + 1, -1) == 0, "line %d added", i + 1);
}

/* The folded text of a span, for comparing (static buffer). */
static const char *folded(const sg_doc *d, sg_span s)
{
    static char buf[512];
    s = sg_trim(d, s);
    size_t n = s.b > s.a ? s.b - s.a : 0;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, d->f.buf + s.a, n);
    buf[n] = '\0';
    return buf;
}

static const sg_item *find(const sg_tree *t, const char *code, int kind)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->v[i].code, code) && t->v[i].kind == kind)
            return &t->v[i];
    return NULL;
}

static void prose(void)
{
    static const char *const lines[] = {
        "II. KẾT QUẢ VÀ MỤC TIÊU",
        "1. Mục tiêu chung: Chỉ số cải cách hành chính đạt từ 85 điểm trở lên.",
        "2. Điểm số cụ thể theo từng lĩnh vực:",
        "3. Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai",
        "thuộc thẩm quyền giải quyết của Sở",
        "5.2. .",
        "Đối thoại với người dân",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    pp_err e;
    pp_err_clear(&e);
    doc_of(&d, lines);
    CHECK(sg_segment(&d, rules, NULL, &t, &e) == PP_OK, "segments");
    CHECK(t.n == 5, "a section and four items (%zu)", t.n);
    const sg_item *it = find(&t, "1", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "muc tieu chung"), "run-in heading titled by its words before the colon");
    CHECK(it && strstr(folded(&d, it->body), "85 diem"), "and what follows the colon is its body");
    it = find(&t, "2", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "diem so cu the theo tung linh vuc"), "a trailing colon is dropped");
    it = find(&t, "3", SG_ITEM);
    CHECK(it && strstr(folded(&d, it->title), "cua so"), "a title continues on a lower-case line");
    it = find(&t, "5.2", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "doi thoai voi nguoi dan"), "a code alone with a speck takes the next line");
    CHECK(it && it->parent >= 0 && t.v[it->parent].kind == SG_SECTION, "5.2 hangs under the section");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

static void tab_table(void)
{
    static const char *const lines[] = {
        "PHỤ LỤC", "\tTT", "\tNội dung", "\tĐơn vị chủ trì", "\tĐơn vị phối hợp", "\tGhi chú", "",
        "\t1.1.", "\tKiểm tra công tác cải cách hành chính", "\tSở Nội vụ", "\tSở Tư pháp", "\t",
        "\t1.2.", "\tTuyên truyền", "\tSở Thông tin và Truyền thông", "\tBáo tỉnh", "\t", NULL,
    };
    sg_doc d;
    sg_tree t;
    pp_err e;
    pp_err_clear(&e);
    doc_of(&d, lines);
    CHECK(sg_segment(&d, rules, NULL, &t, &e) == PP_OK, "segments");
    const sg_item *it = find(&t, "1.2", SG_ROW);
    CHECK(t.has_table && it, "rows from tab-led cells");
    CHECK(it && it->table >= 0 && (size_t)it->table < t.ntables, "the row knows its table's header");
    if (it && it->table >= 0) {
        const sg_table *tb = &t.tables[it->table];
        CHECK(tb->ncols == 5, "five header cells (%d)", tb->ncols);
        CHECK(tb->role[0] && !strcmp(tb->role[0], "code"), "TT is the code column");
        CHECK(tb->role[1] && !strcmp(tb->role[1], "title"), "Nội dung is the title column");
        CHECK(tb->role[2] && !strcmp(tb->role[2], "lead"), "Đơn vị chủ trì is the lead column");
        CHECK(tb->role[3] && !strcmp(tb->role[3], "support"), "Đơn vị phối hợp is the support column");
        CHECK(tb->role[4] == NULL, "an unknown column has no role");
    }
    CHECK(it && !strcmp(folded(&d, it->title), "tuyen truyen"), "row title from its second cell");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

static void line_table(void)
{
    static const char *const lines[] = {
        "PHỤ LỤC", "TT", "Nhiệm vụ", "Chỉ tiêu", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành",
        "1.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "1.1.", "Kiểm tra công tác cải cách hành chính", "Kiểm tra tối thiểu 30% số cơ quan chuyên môn và 30% số Ủy",
        "ban nhân dân cấp huyện", "Sở Nội vụ", "Văn phòng UBND tỉnh, các sở,", "ngành", "Quý III năm 2023",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    pp_err e;
    pp_err_clear(&e);
    doc_of(&d, lines);
    CHECK(sg_segment(&d, rules, NULL, &t, &e) == PP_OK, "segments");
    const sg_item *g = find(&t, "1", SG_ROW), *it = find(&t, "1.1", SG_ROW);
    CHECK(g && !strcmp(folded(&d, g->title), "cong tac chi dao, dieu hanh"), "a group row: code and title");
    CHECK(it != NULL, "a header read as lines makes the items after it rows");
    CHECK(it && it->ncells == 6, "six cells, wrapped lower-case lines joined (%d)", it ? it->ncells : -1);
    CHECK(it && it->table >= 0 && !strcmp(t.tables[it->table].role[3], "lead"), "fourth column is the lead");
    CHECK(it && !strcmp(folded(&d, it->cells[4]), "van phong ubnd tinh, cac so,\nnganh"), "support cell over two lines");
    sg_tree_free(&t);
    sg_doc_free(&d);
}


/* ---------------- list markers and labels ---------------- */

static void markers(void)
{
    static const struct {
        const char *line;
        int marker;      /* 1 when the line opens with a list marker */
        size_t m, t;     /* its folded offsets in the line: marker, text after it */
        int label;
    } cases[] = {
        { "- Mục tiêu: nâng cao chỉ số PAR INDEX", 1, 0, 2, 1 },
        { "a) Đơn vị chủ trì: Sở Nội vụ", 1, 0, 3, 1 },
        { "+ Thời gian hoàn thành: Quý IV năm 2024", 1, 0, 2, 1 },
        { "Mục tiêu: nâng cao chất lượng", 0, 0, 0, 1 },
        { "- Phấn đấu đạt 90%", 1, 0, 2, 0 },
        { "mục tiêu chung của kế hoạch là", 0, 0, 0, 0 },
        { "b) Sản phẩm: Báo cáo kết quả", 1, 0, 3, 1 },
        { "+ Đơn vị phối hợp: Sở Tư pháp", 1, 0, 2, 1 },
        { "-   Nhiệm vụ, giải pháp:", 1, 0, 4, 1 },
        { "   - Mục tiêu: đạt", 1, 3, 5, 1 },
        { "c) Phân công trách nhiệm", 1, 0, 3, 1 },
        { "– Thời hạn: 30/6/2024", 1, 0, 2, 1 }, /* an en dash, folded to '-' */
        { "d) Hoàn thành 100%", 1, 0, 3, 0 },
        { "-", 1, 0, 1, 0 },
        { "", 0, 0, 0, 0 },
        { "    ", 0, 0, 0, 0 },
        { "Thời gian hoàn thành: Quý IV", 0, 0, 0, 1 },
        { "1. Rà soát thủ tục hành chính", 0, 0, 0, 0 },
        { "- Phối hợp với các cơ quan liên quan", 1, 0, 2, 0 },
        { "-Mục tiêu: đạt 90%", 1, 0, 1, 1 },
        { "a)Đơn vị chủ trì: Sở Nội vụ", 1, 0, 2, 1 },
        { "đ) Thời hạn: 2025", 1, 0, 3, 1 },
        { "* Mục tiêu: đạt 90%", 1, 0, 2, 1 },
        { "• Sản phẩm: Báo cáo", 1, 0, 4, 1 },
        /* heading.bullet also reads '*' and '•' written against the word, so sg_line_marker reports the
         * marker and the label's text right after it; the label must then be found there too
         * (segment.h: "at its start, or right after its list marker"). */
        { "*Mục tiêu: đạt 90%", 1, 0, 1, 1 },
        { "•Sản phẩm: Báo cáo", 1, 0, 3, 1 },
    };
    size_t n = sizeof cases / sizeof cases[0];
    const char *lines[sizeof cases / sizeof cases[0]];
    for (size_t i = 0; i < n; i++)
        lines[i] = cases[i].line;
    sg_doc d;
    /* built through append + fold, the way extract builds documents (test_segment_doc.c: the document
     * sg_doc_add_line builds, the same) */
    sg_doc_init(&d);
    for (size_t i = 0; i < n; i++)
        sg_doc_append(&d, lines[i], strlen(lines[i]), 1, (int)i + 1, -1);
    size_t bad = 0;
    int folded_ok = sg_doc_fold(&d, &bad) == 0;
    CHECK(folded_ok && d.n == n, "markers: the document folds (%zu lines)", d.n);
    if (!folded_ok || d.n != n) {
        sg_doc_free(&d);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t m = 999, t = 999, f0 = d.lines[i].f0;
        int got = sg_line_marker(&d, rules, i, &m, &t);
        if (cases[i].marker)
            CHECK(got == 1 && m == f0 + cases[i].m && t == f0 + cases[i].t,
                  "\"%s\": a list marker at %zu, its text at %zu (got %d, %zd, %zd)", cases[i].line, cases[i].m,
                  cases[i].t, got, (ssize_t)(m - f0), (ssize_t)(t - f0));
        else
            CHECK(got == 0, "\"%s\": no list marker (got %d)", cases[i].line, got);
        got = sg_line_is_label(&d, rules, i);
        CHECK(got == cases[i].label, "\"%s\": %s (got %d)", cases[i].line, cases[i].label ? "a label" : "not a label",
              got);
    }
    sg_doc_free(&d);
}

int main(void)
{
    const char *root = getenv("PARPLAN_ROOT"), *rdir = getenv("PARPLAN_RULES");
    char dir[4096];
    if (rdir && *rdir)
        snprintf(dir, sizeof dir, "%s", rdir);
    else
        snprintf(dir, sizeof dir, "%s/rules", root ? root : ".");
    pp_err e;
    pp_err_clear(&e);
    if (rl_load_dir(dir, &rules, &e) != PP_OK)
        SKIP_ALL("no rules directory (run through tests/run.sh)");
    prose();
    tab_table();
    line_table();
    markers();
    rl_free(rules);
    return check_done();
}
