/* test_segment_text.c — which parts of a plan are items (sections without tasks, the signature block),
 * tables written as text (cells one per line between '|' lines, rows of TAB-separated cells, fixed-width
 * columns rewritten by sg_relayout), codes as paths from a table's group row with the printed code kept,
 * agency group rows, and codes past 99 in a generated list of 5,000 items (segment.c, segment_rows.c). */
#include "check.h"
#include "extract/segment.h"

#include <stdio.h>
#include <stdlib.h>

static rl_set *rules;
static gz_list *bodies;

static int doc_of(sg_doc *d, const char *const *lines)
{
    sg_doc_init(d);
    size_t n = 0;
    for (; lines[n]; n++)
        sg_doc_append(d, lines[n], strlen(lines[n]), 1, (int)n + 1, -1);
    size_t bad = 0;
    int ok = sg_doc_fold(d, &bad) == 0 && d->n == n;
    CHECK(ok, "the document folds (%zu lines)", d->n);
    return ok;
}

/* The document of `lines` segmented (with `bodies` or without); 0 when either step failed (reported). */
static int seg_of(sg_doc *d, sg_tree *t, const char *const *lines, const gz_list *with, const char *what)
{
    pp_err e;
    pp_err_clear(&e);
    if (!doc_of(d, lines))
        return 0;
    int ok = sg_segment(d, rules, with, t, &e) == PP_OK;
    CHECK(ok, "%s: segments (%s)", what, e.msg);
    if (!ok)
        sg_doc_free(d);
    return ok;
}

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

/* The last item of that code and kind (a table's group II after the document's section II). */
static const sg_item *find_last(const sg_tree *t, const char *code, int kind)
{
    for (size_t i = t->n; i-- > 0;)
        if (!strcmp(t->v[i].code, code) && t->v[i].kind == kind)
            return &t->v[i];
    return NULL;
}

static size_t count(const sg_tree *t, int kind)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += t->v[i].kind == kind;
    return n;
}

/* The role of cell k of a row, from its table's header. */
static const char *role(const sg_tree *t, const sg_item *it, int k)
{
    if (!it || it->table < 0 || (size_t)it->table >= t->ntables || k >= t->tables[it->table].ncols)
        return "";
    const char *r = t->tables[it->table].role[k];
    return r ? r : "";
}

static void no_tasks(void)
{
    static const char *const lines[] = {
        "I. MỤC",
        "ĐÍCH, YÊU CẦU",
        "",
        "1. Mục đích",
        "- Nâng cao chất lượng phục vụ người dân.",
        "2. Yêu cầu",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "1. Rà soát thủ tục hành chính",
        "2. Số hóa hồ sơ",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện.",
        "2. Sở Tài chính bố trí kinh phí.",
        "Nơi nhận:",
        "- Như trên;",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "no tasks"))
        return;
    CHECK(count(&t, SG_ITEM) == 2, "only the tasks of section II are items (%zu)", count(&t, SG_ITEM));
    const sg_item *it = find(&t, "1", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "ra soat thu tuc hanh chinh"), "item 1 is the task");
    it = find(&t, "I", SG_SECTION);
    CHECK(it && !strcmp(folded(&d, it->title), "muc\ndich, yeu cau"), "a roman heading in capitals wraps");
    CHECK(count(&t, SG_SECTION) == 3, "three sections (%zu)", count(&t, SG_SECTION));
    CHECK(!find(&t, "PHÓ GIÁM ĐỐC", SG_ITEM) && t.n == 5, "the signature block makes no item (%zu items)", t.n);
    sg_tree_free(&t);
    sg_doc_free(&d);
}

/* A section numeral OCR damaged ("HI." for "III.") is the section due after the last, inferred, titled
 * by what follows the numeral; a directive's closing beside its signature ("Nơi nhận:" and "TL. CHỦ
 * TỊCH" on one line, a born-digital page's two columns) ends the last item's body. */
static void damaged_numeral(void)
{
    static const char *const lines[] = {
        "I. SỰ CẦN THIẾT BAN HÀNH",
        "II. NỘI DUNG",
        "1. Bãi bỏ các quy định đã hết hiệu lực",
        "HI. TỔ CHỨC THỰC HIỆN CÁC NỘI DUNG",
        "1. Sở Tư pháp theo dõi việc thực hiện.",
        "Nơi nhận:                                   TL. CHỦ TỊCH",
        "- Như trên;                                 KT. CHÁNH VĂN PHÒNG",
        "- Lưu: VT.",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "damaged numeral"))
        return;
    const sg_item *it = find(&t, "III", SG_SECTION);
    CHECK(it && it->inferred && !strcmp(folded(&d, it->title), "to chuc thuc hien cac noi dung"),
          "'HI.' is section III, inferred, its title without the numeral");
    CHECK(count(&t, SG_SECTION) == 3 && count(&t, SG_ITEM) == 2, "three sections, two items (%zu, %zu)",
          count(&t, SG_SECTION), count(&t, SG_ITEM));
    it = find_last(&t, "1", SG_ITEM);
    CHECK(it && it->body.b <= d.lines[5].f0, "the last item's body ends at the closing line");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

/* A subitem whose dot the OCR lost ("4.1", "42", "4.3") is 4.2, inferred, printed "42"; a number that
 * goes on the top-level list, or whose digits are not the next subitem's, is left as it is. */
static void lost_dot(void)
{
    static const char *const lines[] = {
        "4. Phân công nhiệm vụ",
        "4.1. Ông Hoàng Văn A - Trưởng đoàn",
        "42. Ông Đỗ Mạnh B - Phó Trưởng đoàn",
        "4.3. Ông Vũ Việt C - Thư ký đoàn",
        "5. Nguồn lực",
        "5.1. Kinh phí",
        "6. Những vấn đề khác",
        "6.1. Đối với Đoàn kiểm tra",
        "63. Đối với đơn vị",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "lost dot"))
        return;
    const sg_item *it = find(&t, "4.2", SG_ITEM);
    CHECK(it && it->inferred && !strcmp(it->printed, "42") && it->level == 2 && it->parent >= 0 &&
              !strcmp(t.v[it->parent].code, "4"),
          "'42' between 4.1 and 4.3 is item 4.2 under 4, inferred, printed 42");
    CHECK(!find(&t, "42", SG_ITEM) && find(&t, "5", SG_ITEM) && find(&t, "6", SG_ITEM),
          "5 and 6 go on the top-level list");
    CHECK(find(&t, "63", SG_ITEM) && !find(&t, "6.2", SG_ITEM), "'63' after 6.1 is not 6.2: left as printed");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

/* A directive's tasks grouped by the body that leads them: the lettered lines under a heading that names
 * a body are its items (2.a, 2.b, the letter as printed, đ kept), "i)" after "h)" is a letter, not
 * section I; under a heading that names no body ("1. Mục đích") lettered lines stay its text. */
static void letter_tasks(void)
{
    static const char *const lines[] = {
        "1. Mục đích",
        "a) Nâng cao chất lượng phục vụ người dân.",
        "h) Giữ kỷ luật, kỷ cương hành chính.",
        "i) Đẩy mạnh truyền thông về cải cách hành chính.",
        "2. Sở Nội vụ",
        "a) Theo dõi, kiểm tra việc thực hiện Chỉ thị này.",
        "b) Tham mưu khen thưởng tập thể, cá nhân",
        "có thành tích xuất sắc.",
        "đ) Báo cáo kết quả trước ngày 15/12.",
        "3. Văn phòng UBND tỉnh",
        "a) Tổng hợp kết quả thực hiện.",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, bodies, "letter tasks"))
        return;
    const sg_item *a = find(&t, "2.a", SG_ITEM), *b = find(&t, "2.b", SG_ITEM), *dd = find(&t, "2.đ", SG_ITEM);
    const sg_item *two = find(&t, "2", SG_ITEM);
    CHECK(two && two->group >= 0, "'2. Sở Nội vụ' names a body");
    CHECK(a && b && dd && !strcmp(a->printed, "a") && !strcmp(dd->printed, "đ") && a->level == 2 &&
              two && a->parent == (int)(two - t.v) && b->parent == a->parent && dd->parent == a->parent,
          "its lettered lines are items 2.a, 2.b, 2.đ under it, the letters as printed");
    CHECK(b && !strcmp(folded(&d, b->title), "tham muu khen thuong tap the, ca nhan\nco thanh tich xuat sac."),
          "a lettered task's title wraps onto the next line");
    CHECK(find(&t, "3.a", SG_ITEM), "3.a under the next body's heading");
    CHECK(!find(&t, "I", SG_SECTION), "'i)' after 'h)' is no section I");
    CHECK(!find(&t, "1.a", SG_ITEM) && !find(&t, "1.i", SG_ITEM), "under '1. Mục đích' lettered lines stay text");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

/* A list numbered from 1 again under an item is that item's ("1.1", "1.2", printed "1", "2"); a number
 * due only in the outer list ends it; codes stay unique in the document. */
static void nested_list(void)
{
    static const char *const lines[] = {
        "III. PHẠM VI ĐIỀU CHỈNH",
        "1. Phạm vi điều chỉnh",
        "Bãi bỏ toàn bộ các Nghị quyết:",
        "1. Nghị quyết số 39/2011/NQ-HĐND về học phí",
        "2. Nghị quyết số 27/2017/NQ-HĐND về hỗ trợ",
        "2. Đối tượng áp dụng",
        "3. Tổ chức thực hiện",
        "IV. NỘI DUNG",
        "1. Bố cục",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "nested list"))
        return;
    const sg_item *a = find(&t, "1.1", SG_ITEM), *b = find(&t, "1.2", SG_ITEM);
    CHECK(a && !strcmp(a->printed, "1") && b && !strcmp(b->printed, "2"),
          "the restarted list is item 1's: 1.1 and 1.2, printed 1 and 2");
    CHECK(find(&t, "2", SG_ITEM) && find(&t, "3", SG_ITEM), "2 and 3 are the outer list's again");
    int dups = 0;
    for (size_t i = 0; i < t.n; i++)
        for (size_t j = i + 1; j < t.n; j++)
            dups += t.v[i].kind != SG_SECTION && t.v[j].kind != SG_SECTION && t.v[i].parent == t.v[j].parent &&
                    !strcmp(t.v[i].code, t.v[j].code);
    CHECK(dups == 0, "no code repeats under one parent (%d)", dups);
    const sg_item *c4 = find_last(&t, "1", SG_ITEM);
    CHECK(c4 && c4->line0 == 8 && !c4->printed[0], "a section starts the numbering over, not nested");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

/* A title wrapped onto a line that starts in capitals ("Ngày Sách …", a proper name) is still the title
 * when a blank line follows; a sentence or a goal with a figure on the next line is the item's body. */
static void caps_wrap(void)
{
    static const char *const lines[] = {
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "",
        "1. Tổ chức",
        "Ngày Sách và Văn hóa đọc Việt Nam hằng năm",
        "",
        "- Các đơn vị tổ chức hoạt động hưởng ứng.",
        "",
        "2. Nâng cấp",
        "Cổng dịch vụ công của tỉnh.",
        "",
        "3. Cải thiện chỉ số",
        "Chỉ số PAR Index đạt 85 điểm",
        "",
        "4. Xây dựng",
        "Cổng Thông tin điện tử tỉnh",
        "- Nâng cấp giao diện.",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "caps wrap"))
        return;
    const sg_item *it = find(&t, "1", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "to chuc\nngay sach va van hoa doc viet nam hang nam"),
          "caps wrap: the title goes on over a capitalised line before a blank (%s)", it ? folded(&d, it->title) : "-");
    it = find(&t, "2", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "nang cap"), "caps wrap: a sentence ending in a stop is the body (%s)",
          it ? folded(&d, it->title) : "-");
    it = find(&t, "3", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "cai thien chi so"), "caps wrap: a line with a figure is the body (%s)",
          it ? folded(&d, it->title) : "-");
    it = find(&t, "4", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "xay dung\ncong thong tin dien tu tinh"),
          "caps wrap: OCR text without blank lines, the body's bullet ends the title (%s)", it ? folded(&d, it->title) : "-");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

/* "5, Tiêu chí …": a code whose dot OCR read as a comma is an item when it is the code due; the same
 * shape that is not due ("7, 8 …" after item 5, "2, …" after 5) stays text. */
static void comma_code(void)
{
    static const char *const lines[] = {
        "II. NHIỆM VỤ",
        "4. Tiêu chí thành phần “Thanh toán trực tuyến”",
        "Tỷ lệ hồ sơ thanh toán trực tuyến đạt 50%.",
        "5, Tiêu chí thành phần “Số hóa kết quả”",
        "Tỷ lệ số hóa đạt 100%.",
        "2, Sở Nội vụ tổng hợp kết quả",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "comma code"))
        return;
    const sg_item *it = find(&t, "5", SG_ITEM);
    CHECK(it && !strncmp(folded(&d, it->title), "tieu chi thanh phan", 19), "comma code: 5, is the item due");
    CHECK(count(&t, SG_ITEM) == 2 && !find(&t, "2", SG_ITEM), "comma code: 2, after 5 is not due (%zu items)",
          count(&t, SG_ITEM));
    sg_tree_free(&t);
    sg_doc_free(&d);
}

static void bar_table(void)
{
    static const char *const lines[] = {
        "KT. CHỦ TỊCH", "|", "Lê Văn A", "|", "DANH MỤC NHIỆM VỤ", "",
        "|", "STT", "|", "Tên nhiệm vụ", "|", "Cơ quan chủ trì", "|", "Cơ quan phối hợp", "|",
        "Thời gian hoàn thành", "|", "|", "I.", "NÂNG CAO NHẬN THỨC", "|", "|",
        "1", "|", "Tập huấn chuyển đổi số", "cho doanh nghiệp.", "|", "Sở Công Thương", "|", "Sở Tài chính", "|",
        "Quý II/2025", "|", "|", "2", "|", "Tuyên truyền", "|", "Sở Nội vụ", "|", "", "|", "Thường xuyên", "|", "|",
        "II. HOÀN", "THIỆN CƠ CHẾ", "|", "|", "3", "|", "Ban hành quy chế", "|", "Sở Tư pháp", "|", "Sở Nội vụ",
        "|", "Năm 2025", "|", "Sau bảng là văn bản.", NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "bars"))
        return;
    CHECK(count(&t, SG_ROW) == 3, "bars: three rows (%zu)", count(&t, SG_ROW));
    const sg_item *it = find(&t, "I.1", SG_ROW);
    CHECK(it && !strcmp(it->printed, "1"), "bars: row 1 under group I is I.1, printed 1");
    CHECK(it && !strcmp(folded(&d, it->title), "tap huan chuyen doi so\ncho doanh nghiep."), "bars: a wrapped title cell");
    CHECK(it && it->ncells == 5 && !strcmp(role(&t, it, 2), "lead") && !strcmp(folded(&d, it->cells[2]), "so cong thuong"),
          "bars: the lead cell");
    CHECK(it && !strcmp(role(&t, it, 4), "deadline") && !strcmp(folded(&d, it->cells[4]), "quy ii/2025"),
          "bars: the deadline cell");
    it = find(&t, "I.2", SG_ROW);
    CHECK(it && !strcmp(folded(&d, it->cells[3]), ""), "bars: an empty cell stays empty");
    it = find(&t, "II", SG_SECTION);
    CHECK(it && it->tgroup && !strcmp(folded(&d, it->title), "hoan\nthien co che"), "bars: a wrapped group row");
    it = find(&t, "II.3", SG_ROW);
    CHECK(it && !strcmp(it->printed, "3") && it->parent >= 0 && !strcmp(t.v[it->parent].code, "II"),
          "bars: rows numbered on across groups keep their number (II.3)");
    CHECK(count(&t, SG_ITEM) == 0, "bars: the signature's boxes are no table and no item");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

static void tab_rows(void)
{
    static const char *const lines[] = {
        "II. NHIỆM VỤ CỤ THỂ",
        "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",
        "I\tSỞ NỘI VỤ",
        "1\tKiểm tra cải cách hành chính\t\tCác sở, ban, ngành\tQuý I năm 2025",
        "2\tTập huấn công chức",
        "cấp xã\tSở Tư pháp\tUBND cấp xã\tQuý III năm 2025",
        "II. SỞ TƯ PHÁP",
        "1\tRà soát văn bản\t\tCác sở, ban, ngành\tQuý II năm 2025",
        "",
        "III. TỔ CHỨC THỰC HIỆN",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, bodies, "tabs"))
        return;
    CHECK(count(&t, SG_ROW) == 3, "tabs: three rows (%zu)", count(&t, SG_ROW));
    const sg_item *g = find(&t, "I", SG_SECTION);
    CHECK(g && g->tgroup && g->group >= 0, "tabs: the group row I names a body (an agency group)");
    const sg_item *it = find(&t, "I.1", SG_ROW);
    CHECK(it && it->parent >= 0 && &t.v[it->parent] == g, "tabs: I.1 hangs under it (its lead is the group's)");
    it = find(&t, "I.2", SG_ROW);
    CHECK(it && !strcmp(folded(&d, it->title), "tap huan cong chuc\ncap xa"), "tabs: a row wrapped inside its title");
    CHECK(it && !strcmp(folded(&d, it->cells[2]), "so tu phap") && !strcmp(role(&t, it, 2), "lead"),
          "tabs: the wrapped row's own lead");
    g = find_last(&t, "II", SG_SECTION);
    CHECK(g && g->tgroup && g->group >= 0, "tabs: a group row written as a heading line");
    it = find(&t, "II.1", SG_ROW);
    CHECK(it && !strcmp(it->printed, "1"), "tabs: numbering restarts per group: II.1");
    CHECK(find(&t, "III", SG_SECTION) != NULL, "tabs: the table ends at the next section");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

static void fixed_width(void)
{
    static const char *const lines[] = {
        "STT  Nhiệm vụ                      Đơn vị chủ trì     Thời gian hoàn thành",
        "1    CÔNG TÁC CHỈ ĐẠO",
        "1.1  Ban hành kế hoạch cải cách    Văn phòng Sở       Quý I năm 2025",
        "     hành chính năm 2025           và Thanh tra Sở",
        "1.2  Kiểm tra công vụ              Thanh tra Sở       Thường xuyên",
        "Trong quá trình thực hiện, các phòng báo cáo kịp thời.",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    pp_err e;
    pp_err_clear(&e);
    if (!doc_of(&d, lines))
        return;
    CHECK(sg_relayout(&d, rules, &e) == PP_OK, "fixed: relayout");
    CHECK(d.n == 5, "fixed: the header and a line per row, then the prose (%zu lines)", d.n);
    CHECK(d.n == 5 && d.lines[3].number == 5 && d.lines[4].number == 6, "fixed: lines keep their numbers");
    CHECK(sg_segment(&d, rules, NULL, &t, &e) == PP_OK, "fixed: segments");
    const sg_item *it = find(&t, "1.1", SG_ROW);
    CHECK(it && !strcmp(folded(&d, it->title), "ban hanh ke hoach cai cach hanh chinh nam 2025"),
          "fixed: a wrapped title is one cell");
    CHECK(it && !strcmp(folded(&d, it->cells[2]), "van phong so va thanh tra so") && !strcmp(role(&t, it, 2), "lead"),
          "fixed: a wrapped lead too");
    CHECK(it && !strcmp(folded(&d, it->cells[3]), "quy i nam 2025"), "fixed: the deadline");
    CHECK(find(&t, "1.2", SG_ROW) && find(&t, "1", SG_ROW), "fixed: every row");
    CHECK(count(&t, SG_ROW) == 3 && count(&t, SG_ITEM) == 0, "fixed: the prose after it is no row");
    sg_tree_free(&t);
    sg_doc_free(&d);
    /* no table: the document stays as it was */
    static const char *const prose[] = { "Căn cứ  Luật Tổ chức chính quyền địa phương;", "1. Nhiệm vụ", NULL };
    if (!doc_of(&d, prose))
        return;
    CHECK(sg_relayout(&d, rules, &e) == PP_OK && d.n == 2 && d.text.len == strlen(prose[0]) + 1 + strlen(prose[1]),
          "fixed: prose with a double space is left alone");
    sg_doc_free(&d);
}

static void blocks_and_inline(void)
{
    static const char *const lines[] = {
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "1. Rà soát đội ngũ công chức",
        "- Thường xuyên rà soát, kiện toàn đội ngũ.",
        "Đơn vị chủ trì: Sở Nội vụ.",
        "Thời gian thực hiện: Thường xuyên.",
        "2. Nâng cao năng lực",
        "- Tập huấn kỹ năng",
        "xây dựng pháp luật cho công chức.",
        "- Biên soạn tài liệu bồi dưỡng.",
        "Đơn vị chủ trì: Sở Tư pháp.",
        "Thời gian thực hiện: Năm 2026.",
        "- Bồi dưỡng theo vị trí việc làm.",
        "Đơn vị chủ trì: Sở Nội vụ.",
        "3. Công khai kết quả hằng quý. 4. Tổng hợp báo cáo năm; theo Quyết định số 12. 7. Khác",
        NULL,
    };
    sg_doc d;
    sg_tree t;
    if (!seg_of(&d, &t, lines, NULL, "blocks"))
        return;
    const sg_item *it = find(&t, "1", SG_ITEM);
    CHECK(it != NULL && !find(&t, "1.a", SG_ITEM), "blocks: one label block: one item");
    CHECK(find(&t, "2", SG_SECTION) && !find(&t, "2", SG_ITEM), "blocks: a heading with two blocks groups them");
    it = find(&t, "2.a", SG_ITEM);
    CHECK(it && it->inferred && !strcmp(folded(&d, it->title), "tap huan ky nang\nxay dung phap luat cho cong chuc."),
          "blocks: 2.a is titled by its first bullet, in full");
    CHECK(it && strstr(folded(&d, it->body), "so tu phap"), "blocks: 2.a's body holds its labels");
    it = find(&t, "2.b", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "boi duong theo vi tri viec lam."), "blocks: 2.b");
    CHECK(it && it->parent >= 0 && !strcmp(t.v[it->parent].code, "2"), "blocks: under 2");
    it = find(&t, "3", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "cong khai ket qua hang quy."), "inline: 3 ends where 4 starts");
    it = find(&t, "4", SG_ITEM);
    CHECK(it && it->line0 == 13 && strstr(folded(&d, it->title), "so 12. 7. khac"),
          "inline: 4 on the same line; '12. 7.' is not the next code");
    CHECK(!find(&t, "7", SG_ITEM) && !find(&t, "12", SG_ITEM), "inline: no item 7 or 12");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

static void long_list(void)
{
    enum { N = 5000 };
    sg_doc d;
    sg_doc_init(&d);
    const char *head = "II. NHIỆM VỤ CỤ THỂ";
    sg_doc_append(&d, head, strlen(head), 1, 1, -1);
    char line[128];
    for (int k = 1; k <= N; k++) {
        int n = k % 10 == 3 ? snprintf(line, sizeof line, "%d.", k) /* a code alone, its title below */
                            : snprintf(line, sizeof line, "%d. Rà soát hồ sơ số %d", k, k);
        sg_doc_append(&d, line, (size_t)n, 1, (int)d.n + 1, -1);
        if (k % 10 == 3) {
            n = snprintf(line, sizeof line, "Kiểm tra hồ sơ số %d", k);
            sg_doc_append(&d, line, (size_t)n, 1, (int)d.n + 1, -1);
        }
        if (k == 125) {
            n = snprintf(line, sizeof line, "125.1. Một mục con");
            sg_doc_append(&d, line, (size_t)n, 1, (int)d.n + 1, -1);
        }
    }
    size_t bad;
    CHECK(sg_doc_fold(&d, &bad) == 0, "long: folds");
    sg_tree t;
    pp_err e;
    pp_err_clear(&e);
    CHECK(sg_segment(&d, rules, NULL, &t, &e) == PP_OK, "long: segments");
    CHECK(count(&t, SG_ITEM) == N + 1, "long: %d items and a sub-item (%zu)", N, count(&t, SG_ITEM));
    int seq = 1;
    for (size_t i = 0; i < t.n; i++) {
        char want[16];
        if (t.v[i].kind != SG_ITEM || t.v[i].level != 1)
            continue;
        snprintf(want, sizeof want, "%d", seq++);
        if (strcmp(t.v[i].code, want)) {
            CHECK(0, "long: item %s where %s was due", t.v[i].code, want);
            break;
        }
    }
    CHECK(seq == N + 1, "long: codes 1..%d in order (%d)", N, seq - 1);
    const sg_item *it = find(&t, "2023", SG_ITEM);
    CHECK(it && !strcmp(folded(&d, it->title), "kiem tra ho so so 2023"), "long: 2023. is a code where the list reaches it");
    it = find(&t, "125.1", SG_ITEM);
    CHECK(it && it->parent >= 0 && !strcmp(t.v[it->parent].code, "125"), "long: 125.1 under 125");
    sg_tree_free(&t);
    sg_doc_free(&d);
}

int main(void)
{
    const char *root = getenv("PARPLAN_ROOT"), *rdir = getenv("PARPLAN_RULES");
    char dir[4096], path[4200];
    if (rdir && *rdir)
        snprintf(dir, sizeof dir, "%s", rdir);
    else
        snprintf(dir, sizeof dir, "%s/rules", root ? root : ".");
    pp_err e;
    pp_err_clear(&e);
    if (rl_load_dir(dir, &rules, &e) != PP_OK)
        SKIP_ALL("no rules directory (run through tests/run.sh)");
    snprintf(path, sizeof path, "%s/bodies.txt", dir);
    if (gz_load(path, &bodies, &e) != PP_OK)
        SKIP_ALL("no rules/bodies.txt");
    no_tasks();
    damaged_numeral();
    lost_dot();
    letter_tasks();
    nested_list();
    caps_wrap();
    comma_code();
    bar_table();
    tab_rows();
    fixed_width();
    blocks_and_inline();
    long_list();
    gz_free(bodies);
    rl_free(rules);
    return check_done();
}
