/* test_segment.c — segmentation (segment.c) with the rules of rules/: run-in headings, a code alone on
 * its line with OCR specks, a table exported one cell per tab-led line with its header row, and a table
 * OCR'd from an image (its header and cells one per line, a cell wrapped onto a lower-case line). */
#include "check.h"
#include "segment.h"

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

int main(void)
{
    const char *root = getenv("PARPLAN_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/rules", root ? root : ".");
    pp_err e;
    pp_err_clear(&e);
    if (rl_load_dir(dir, &rules, &e) != PP_OK)
        SKIP_ALL("no rules directory (run through tests/run.sh)");
    prose();
    tab_table();
    line_table();
    rl_free(rules);
    return check_done();
}
