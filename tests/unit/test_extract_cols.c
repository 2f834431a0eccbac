/* test_extract_cols.c — token similarity, the name vocabulary and the recovery of table columns an OCR
 * engine left in an item's text (extract_cols.c). */
#include "check.h"
#include "extract_cols.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double sim(const char *a, const char *b)
{
    return xc_sim(a, strlen(a), b, strlen(b));
}

static gz_list *list_of(const char *text)
{
    gz_list *g = NULL;
    pp_err e;
    pp_err_clear(&e);
    CHECK(gz_parse("test.txt", text, strlen(text), &g, &e) == PP_OK, "list parses: %s", e.msg);
    return g;
}

int main(void)
{
    CHECK(sim("phong", "phong") == 1.0, "identical");
    CHECK(fabs(sim("phong", "ehong") - 0.8) < 1e-9, "one letter damaged of five");
    CHECK(sim("", "phong") == 0 && sim("phong", "") == 0, "empty");
    CHECK(sim("xuyen", "ab") == 0, "lengths too far apart");
    CHECK(sim("thuong", "ngaqzx") == 0, "too few letters in common");
    CHECK(fabs(sim("donvi", "donvl") - 0.8) < 1e-9, "run-together words");
    CHECK(fabs(sim("to", "tu") - 0.5) < 1e-9, "the lowest threshold is measured");
    CHECK(sim("abcde", "abxyz") == 0, "under the lowest threshold: 0, even when the cheap bounds let it through");
    CHECK(sim("phong", "cong") > 0.5 && sim("phong", "cong") < 0.8, "a loose pair");

    gz_list *bodies = list_of("Phòng Hành chính – Tổ chức | Phòng HC-TC\nCác phòng, đơn vị\nSở Nội vụ\n");
    gz_list *dl = list_of("Thường xuyên\nHằng quý | Hàng quý\n");
    const gz_list *lists[] = { bodies, dl };
    xc_vocab v;
    xc_vocab_build(&v, lists, 2);
    int has_phong = 0;
    for (size_t i = 0; i < v.n; i++)
        has_phong += !strcmp(v.w[i], "phong");
    CHECK(has_phong == 1, "vocabulary: each word once");
    CHECK(v.npair > 0, "vocabulary: adjacent word pairs (%zu)", v.npair);

    /* an item whose table columns (lead | support | deadline) were read into its prose */
    static const char *const lines[] = {
        "Rà soát văn bản quy phạm pháp luật do Văn phòng ban hành, bảo đảm đúng thẩm quyền và quy trình, nội",
        "dung hợp hiến, hợp pháp, thống nhất với hệ thống pháp luật hiện hành | Phong Hanh | Cac phong, | Thuong",
        "của tỉnh; kịp thời đề xuất sửa đổi, bổ sung, thay thế những văn bản không còn phù | chinh - To | don vi | xuyen",
        "hợp với quy định của pháp luật, tổ chức tuyên truyền đến cán bộ, công chức và | chuc",
        "người dân biết, thực hiện theo đúng quy định của pháp luật hiện hành trong tỉnh.",
        NULL,
    };
    sg_doc d;
    sg_doc_init(&d);
    for (int i = 0; lines[i]; i++)
        sg_doc_add_line(&d, lines[i], strlen(lines[i]), 1, i + 1, -1);
    int width = xc_width(&d);
    CHECK(width >= 0, "prose width (%d; 0 when too few lines to measure)", width);
    xc_result r;
    int found = xc_item(&d, (sg_span){ 0, d.f.len }, width, &v, bodies, dl, &r);
    CHECK(found, "leftovers found");
    CHECK(r.nlead == 1 && r.lead[0].entry >= 0 && !strcmp(bodies->e[r.lead[0].entry].name, "Phòng Hành chính – Tổ chức"),
          "the lead read from pieces over three lines");
    CHECK(r.nsupport == 1 && !strcmp(bodies->e[r.support[0].entry].name, "Các phòng, đơn vị"), "the support group");
    CHECK(r.deadline_entry >= 0 && !strcmp(dl->e[r.deadline_entry].name, "Thường xuyên"), "the deadline phrase");

    /* the same text without leftovers holds no bodies: prose mentions are not columns */
    sg_doc p;
    sg_doc_init(&p);
    const char *plain = "Các phòng, đơn vị phối hợp với Phòng Hành chính – Tổ chức rà soát thường xuyên các văn bản.";
    sg_doc_add_line(&p, plain, strlen(plain), 1, 1, -1);
    CHECK(!xc_item(&p, (sg_span){ 0, p.f.len }, xc_width(&p), &v, bodies, dl, &r) || (!r.nlead && !r.nsupport),
          "a prose mention is not a leftover");
    sg_doc_free(&p);
    sg_doc_free(&d);
    xc_vocab_free(&v);
    gz_free(bodies);

    /* layout: the best alignment of a name ignoring the layout takes a stray word five lines above its
     * column; the reading that keeps to the layout is found instead of none */
    gz_list *b2 = list_of("Cổng Thông tin điện tử tỉnh\nCác phòng, đơn vị | Các phòng, đơn vị trực thuộc\n"
                          "Sở Tư pháp\n");
    const gz_list *l2[] = { b2, dl };
    xc_vocab v2;
    xc_vocab_build(&v2, l2, 2);
    static const char *const far[] = {
        "Tổ chức tuyên truyền phổ biến các văn bản quy phạm pháp luật mới ban hành | Cong",
        "cho cán bộ công chức viên chức và người lao động trong cơ quan đơn vị",
        "và tổ chức thực hiện nghiêm túc các quy định của pháp luật hiện hành",
        "về công tác thông tin tuyên truyền trên địa bàn toàn tỉnh trong năm",
        "theo đúng kế hoạch đã được phê duyệt và báo cáo kết quả thực hiện",
        "cung cấp kịp thời chính xác các thông tin về chủ trương chính sách | Cq Thong tin",
        "của Đảng pháp luật của Nhà nước các văn bản quy định của pháp luật | dien tu tinh",
        NULL,
    };
    sg_doc_init(&d);
    for (int i = 0; far[i]; i++)
        sg_doc_add_line(&d, far[i], strlen(far[i]), 1, i + 1, -1);
    found = xc_item(&d, (sg_span){ 0, d.f.len }, 0, &v2, b2, dl, &r);
    CHECK(found && r.nlead == 1 && !strcmp(b2->e[r.lead[0].entry].name, "Cổng Thông tin điện tử tỉnh"),
          "a name read within the layout when its best reading breaks it (found %d, leads %d)", found, r.nlead);
    CHECK(found && r.nlead == 1 && r.lead[0].score > 0.8 && r.lead[0].score < 0.9,
          "... without the stray word (score %.3f)", found && r.nlead ? r.lead[0].score : -1.0);
    sg_doc_free(&d);

    /* a token read exactly as a name word is that word: "phong" of the support column does not stand
     * for the unreadable "Cổng" of the lead column beside it */
    static const char *const side[] = {
        "Cung cấp kịp thời chính xác các thông tin về chủ trương chính sách | Cac phong",
        "của Đảng pháp luật của Nhà nước các văn bản quy định của pháp luật | Cq Thong tin",
        "các văn bản mới ban hành văn bản hết hiệu lực và các thông tin khác | dien tu tinh",
        "về quy hoạch sử dụng đất quy hoạch vùng dự án được tỉnh triển khai | don vi",
        NULL,
    };
    sg_doc_init(&d);
    for (int i = 0; side[i]; i++)
        sg_doc_add_line(&d, side[i], strlen(side[i]), 1, i + 1, -1);
    found = xc_item(&d, (sg_span){ 0, d.f.len }, 0, &v2, b2, dl, &r);
    CHECK(found && r.nlead == 1 && !strcmp(b2->e[r.lead[0].entry].name, "Cổng Thông tin điện tử tỉnh"),
          "the lead beside a support column");
    CHECK(found && r.nsupport == 1 && !strcmp(b2->e[r.support[0].entry].name, "Các phòng, đơn vị"),
          "the support keeps its word (supports %d)", found ? r.nsupport : -1);
    sg_doc_free(&d);

    /* of one body's aliases read on the same tokens, the better read one: a longer alias that gains a
     * few letters from a loosely matched word does not turn a support read whole into a doubtful one */
    static const char *const alias[] = {
        "Thực hiện rà soát đánh giá thủ tục hành chính thuộc thẩm quyền | So Tu phap | Cac phong",
        "giải quyết của tỉnh và đề xuất phương án đơn giản hóa phù hợp | | don vi tuc",
        NULL,
    };
    sg_doc_init(&d);
    for (int i = 0; alias[i]; i++)
        sg_doc_add_line(&d, alias[i], strlen(alias[i]), 1, i + 1, -1);
    found = xc_item(&d, (sg_span){ 0, d.f.len }, 0, &v2, b2, dl, &r);
    CHECK(found && r.nlead == 1 && !strcmp(b2->e[r.lead[0].entry].name, "Sở Tư pháp"), "the lead read exactly");
    CHECK(found && r.nsupport == 1 && !strcmp(b2->e[r.support[0].entry].name, "Các phòng, đơn vị") &&
              r.support[0].score == 1.0,
          "the support by its alias read whole (score %.3f)", found && r.nsupport ? r.support[0].score : -1.0);
    sg_doc_free(&d);

    /* lists not given to xc_vocab_build are aligned all the same (their names split on the fly) */
    gz_list *b3 = list_of("Sở Tư pháp\nCác phòng, đơn vị\n");
    sg_doc_init(&d);
    for (int i = 0; alias[i]; i++)
        sg_doc_add_line(&d, alias[i], strlen(alias[i]), 1, i + 1, -1);
    found = xc_item(&d, (sg_span){ 0, d.f.len }, 0, &v2, b3, dl, &r);
    CHECK(found && r.nlead == 1 && !strcmp(b3->e[r.lead[0].entry].name, "Sở Tư pháp") && r.nsupport == 1,
          "a list the vocabulary was not built with");
    sg_doc_free(&d);
    gz_free(b3);
    xc_vocab_free(&v2);
    gz_free(b2);
    gz_free(dl);
    return check_done();
}
