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
    gz_free(dl);
    return check_done();
}
