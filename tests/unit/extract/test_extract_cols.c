/* test_extract_cols.c — token similarity, the name vocabulary and the recovery of table columns an OCR
 * engine left in an item's text (extract_cols.c). */
#include "check.h"
#include "extract/extract_cols.h"

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

/* A document of the given lines (page 1, numbered from 1). */
static void doc_of(sg_doc *d, const char *const *lines)
{
    sg_doc_init(d);
    int bad = 0;
    for (int i = 0; lines[i]; i++)
        bad += sg_doc_add_line(d, lines[i], strlen(lines[i]), 1, i + 1, -1) != 0;
    if (bad)
        CHECK(0, "%d test lines are not UTF-8", bad);
}

/* The folded span of lines [l0, l1] (0-based). */
static sg_span lines_span(const sg_doc *d, size_t l0, size_t l1)
{
    return (sg_span){ d->lines[l0].f0, d->lines[l1].f1 };
}

/* Of two aliases of one body read alike, the one whose words the pieces keep in order on their line is the
 * form the document wrote ("Phong Tong" / "hop": "Phòng Tổng hợp Nội vụ" skips two words between two
 * adjacent tokens, "Phòng Nội vụ Tổng hợp" does not), whatever the order of the list. */
static void test_tie(const gz_list *dl)
{
    gz_list *b = list_of("Phòng Nội vụ Tổng hợp | Phòng Tổng hợp Nội vụ\nCác phòng, đơn vị\n");
    const gz_list *l[] = { b, dl };
    xc_vocab v;
    xc_vocab_build(&v, l, 2);
    static const char *const lines[] = {
        "Tổng hợp báo cáo kết quả thực hiện nhiệm vụ của các cơ quan trong năm. Phong Tong | Cac phong, | Thuong",
        "theo định kỳ hằng quý và đột xuất khi có yêu cầu của cấp trên | hop | don vi | xuyen",
        NULL,
    };
    sg_doc d;
    doc_of(&d, lines);
    xc_result r;
    int found = xc_item(&d, (sg_span){ 0, d.f.len }, 0, &v, b, dl, &r);
    CHECK(found && r.nlead == 1 && r.lead[0].alias >= 0 && !strcmp(b->a[r.lead[0].alias].key, "phong tong hop noi vu") &&
              r.lead[0].contiguous && !strcmp(r.lead[0].rule, "columns.leftover"),
          "a tie between aliases goes to the one the layout keeps (%s)",
          found && r.nlead ? b->a[r.lead[0].alias].key : "none");
    sg_doc_free(&d);
    xc_vocab_free(&v);
    gz_free(b);
}

/* Reads the document of `lines` with the prior, items at the given line ranges ({-1} ends), and returns
 * how many leads the prior read; *lead receives the entry of item `probe`'s lead (-1 none) and *rule its
 * rule. */
static int read_doc(const char *const *lines, const int (*items)[2], const xc_vocab *v, const gz_list *b,
                    const gz_list *dl, size_t probe, int *lead, const char **rule, xc_doc *keep)
{
    sg_doc d;
    doc_of(&d, lines);
    sg_span blocks[8];
    size_t n = 0;
    for (; items[n][0] >= 0 && n < 8; n++)
        blocks[n] = lines_span(&d, (size_t)items[n][0], (size_t)items[n][1]);
    xc_doc x;
    xc_doc_read(&x, &d, blocks, n, 0, v, b, dl);
    xc_result r;
    int found = xc_doc_get(&x, probe, &r);
    *lead = found && r.nlead ? r.lead[0].entry : -1;
    *rule = found && r.nlead ? r.lead[0].rule : NULL;
    int nprior = x.nprior;
    if (keep) {
        /* the first reading is untouched where the document had read a lead itself */
        xc_result alone;
        for (size_t i = 0; i < n; i++) {
            int fa = xc_item(&d, blocks[i], 0, v, b, dl, &alone);
            int fd = xc_doc_get(&x, i, &r);
            if (fa != fd || (fa && alone.nlead && (r.nlead != alone.nlead || r.lead[0].entry != alone.lead[0].entry)))
                keep->nprior = -1;
        }
    }
    xc_doc_free(&x);
    sg_doc_free(&d);
    return nprior;
}

/* The per-document prior: a lead cell damaged past reading against the whole list ("Phhqng Hizlrllh")
 * is read as the body the same document writes, in the same column position, in its other items; not when
 * the document does not support it. */
static void test_prior(const gz_list *dl)
{
    gz_list *b = list_of("Phòng Hành chính – Tổ chức | Phòng HC-TC | Phòng Tổ chức - Hành chính\n"
                         "Phòng Kiểm soát thủ tục hành chính\nCác phòng, đơn vị\nSở Nội vụ | SNV\n");
    const gz_list *l[] = { b, dl };
    xc_vocab v;
    xc_vocab_build(&v, l, 2);
    int hctc = -1, ks = -1;
    for (size_t i = 0; i < b->n; i++) {
        if (!strcmp(b->e[i].name, "Phòng Hành chính – Tổ chức"))
            hctc = (int)i;
        if (!strcmp(b->e[i].name, "Phòng Kiểm soát thủ tục hành chính"))
            ks = (int)i;
    }
    /* items read well (the lead left of the support), the damaged one, and one whose lead column holds
     * another name ("Ehong Toh": "Phòng Tổ…", not the "Phòng Hành…" this document writes) */
#define ITEM_HCTC(prose1, prose2)                                                                    \
    prose1 " điểm. Phong Hanh | Cac phong, | Thuong", prose2 " | chinh - To | don vi | xuyen",        \
        "và báo cáo kết quả thực hiện về cơ quan thường trực | chuc"
#define ITEM_KS(prose1, prose2)                                                                      \
    prose1 " điểm. Phong Kiem | Cac phong, | Thuong", prose2 " | soat thu tuc | don vi | xuyen",     \
        "và báo cáo kết quả thực hiện về cơ quan thường trực | hanh chinh"
#define ITEM_TCHC(prose1, prose2)                                                                    \
    prose1 " điểm. Phong To | Cac phong, | Thuong", prose2 " | chuc - Hanh | don vi | xuyen",         \
        "và báo cáo kết quả thực hiện về cơ quan thường trực | chinh"
#define P1 "Xây dựng hệ thống thông tin báo cáo cấp tỉnh, duy trì và phấn đấu đạt tối đa 0.5"
#define P2 "thường xuyên đôn đốc, kịp thời thực hiện đúng thời hạn các báo cáo định kỳ"
#define Q1 "Kiểm tra công tác cải cách hành chính, duy trì và phấn đấu đạt tối đa 2.0"
#define Q2 "thực hiện cải cách hành chính trên các lĩnh vực từ cải cách thể chế"
#define DAMAGED                                                                                       \
    "Tác động của cải cách tổ chức bộ máy hành chính, phấn đấu đạt tối đa 3.6 điểm. Phhqng Hizlrllh Cac phong, | Thuong", \
        "sắp xếp, kiện toàn cán bộ công chức, viên chức, người lao động | © 'Qh . 0 | don vi | xuyen"
#define OTHER                                                                                         \
    "Nâng cao vai trò trách nhiệm người đứng đầu trong chỉ đạo điều hành. Ehong Toh Cac phong, | nam 2022", \
        "đẩy mạnh công tác cải cách thủ tục hành chính, đề xuất cắt giảm | u(c::h—ml;llan | don vi"
    static const int items4[][2] = { { 0, 2 }, { 3, 5 }, { 6, 7 }, { 8, 9 }, { -1, -1 } };
    static const int items3[][2] = { { 0, 2 }, { 3, 4 }, { 5, 6 }, { -1, -1 } };
    static const char *const doc[] = { ITEM_HCTC(P1, P2), ITEM_HCTC(Q1, Q2), DAMAGED, OTHER, NULL };
    int lead;
    const char *rule;
    xc_result r;

    /* the damaged cell alone is nothing */
    sg_doc d;
    doc_of(&d, doc);
    int found = xc_item(&d, lines_span(&d, 6, 7), 0, &v, b, dl, &r);
    CHECK(found && !r.nlead && r.nsupport == 1, "alone, the damaged lead cell reads as no body (%d leads)",
          found ? r.nlead : -1);
    sg_doc_free(&d);

    xc_doc keep;
    memset(&keep, 0, sizeof keep);
    int np = read_doc(doc, items4, &v, b, dl, 2, &lead, &rule, &keep);
    CHECK(lead == hctc && rule && !strcmp(rule, "columns.prior") && np == 1,
          "with the document's two reads of the body in its lead column, the damaged cell is that body "
          "(lead %d, rule %s, prior %d)", lead, rule ? rule : "-", np);
    CHECK(keep.nprior == 0, "the items read without the prior are read as they were");
    read_doc(doc, items4, &v, b, dl, 3, &lead, &rule, NULL);
    CHECK(lead < 0, "a cell reading as another form of the body (\"Ehong Toh\": Phòng Tổ…) is not taken (lead %d)",
          lead);
    read_doc(doc, items4, &v, b, dl, 0, &lead, &rule, NULL);
    CHECK(lead == hctc && rule && !strcmp(rule, "columns.leftover"), "a lead read on its own keeps its rule");

    /* one good read is not enough to place the lead column */
    static const char *const one[] = { ITEM_HCTC(P1, P2), DAMAGED, OTHER, NULL };
    static const int items_one[][2] = { { 0, 2 }, { 3, 4 }, { 5, 6 }, { -1, -1 } };
    np = read_doc(one, items_one, &v, b, dl, 1, &lead, &rule, NULL);
    CHECK(lead < 0 && np == 0, "a single read of the lead column is too little layout evidence (lead %d)", lead);

    /* the document's leads are another body: the damaged cell stays unread */
    static const char *const other[] = { ITEM_KS(P1, P2), ITEM_KS(Q1, Q2), DAMAGED, NULL };
    np = read_doc(other, items3, &v, b, dl, 2, &lead, &rule, NULL);
    CHECK(lead < 0 && np == 0, "a body the document does not name as a lead is not a prior (lead %d)", lead);
    read_doc(other, items3, &v, b, dl, 0, &lead, &rule, NULL);
    CHECK(lead == ks, "... though its own leads are read (lead %d)", lead);

    /* the document writes the body the other way round: "Hizlrllh" is no "Tổ"; "Ehong Toh" now fits */
    static const char *const turned[] = { ITEM_TCHC(P1, P2), ITEM_TCHC(Q1, Q2), DAMAGED, OTHER, NULL };
    np = read_doc(turned, items4, &v, b, dl, 2, &lead, &rule, NULL);
    CHECK(lead < 0, "a cell that does not fit the form the document writes is not taken (lead %d)", lead);
    read_doc(turned, items4, &v, b, dl, 3, &lead, &rule, NULL);
    CHECK(lead == hctc && rule && !strcmp(rule, "columns.prior"),
          "the cell that fits the document's form is (lead %d)", lead);

    /* the damaged cell with a column rule read between it and the support: the first reading takes the
     * group for the lead (nothing read left of it in its column); the prior puts it back in its column */
    static const char *const barred[] = {
        ITEM_HCTC(P1, P2), ITEM_HCTC(Q1, Q2),
        "Tác động của cải cách tổ chức bộ máy hành chính, phấn đấu đạt tối đa 3.6 điểm. Phhqng Hizlrllh | Cac phong, | Thuong",
        "sắp xếp, kiện toàn cán bộ công chức, viên chức, người lao động | © 'Qh . 0 | don vi | xuyen", NULL,
    };
    doc_of(&d, barred);
    sg_span blocks[3] = { lines_span(&d, 0, 2), lines_span(&d, 3, 5), lines_span(&d, 6, 7) };
    found = xc_item(&d, blocks[2], 0, &v, b, dl, &r);
    CHECK(found && r.nlead == 1 && !strcmp(b->e[r.lead[0].entry].name, "Các phòng, đơn vị") && !r.nsupport,
          "alone, a group right of an unread cell past a column rule is taken for the lead");
    xc_doc x;
    xc_doc_read(&x, &d, blocks, 3, 0, &v, b, dl);
    found = xc_doc_get(&x, 2, &r);
    CHECK(found && r.nlead == 1 && r.lead[0].entry == hctc && r.nsupport == 1 &&
              !strcmp(b->e[r.support[0].entry].name, "Các phòng, đơn vị"),
          "with the prior, the cell is the lead and the group its support");
    xc_doc_free(&x);
    xc_doc_read(&x, &d, blocks + 2, 1, 0, &v, b, dl);
    found = xc_doc_get(&x, 0, &r);
    CHECK(found && r.nlead == 1 && r.lead[0].entry != hctc && !x.nprior, "... not without it");
    xc_doc_free(&x);
    sg_doc_free(&d);

    /* through the tree, as extract_doc.c asks: prose items only (not sections, not one a table row
     * repeats), read once */
    doc_of(&d, doc);
    sg_tree t;
    memset(&t, 0, sizeof t);
    sg_item items[6];
    memset(items, 0, sizeof items);
    static const int spans[][2] = { { 0, 2 }, { 3, 5 }, { 6, 7 }, { 8, 9 }, { 8, 9 }, { 8, 9 } };
    for (int i = 0; i < 6; i++) {
        items[i].kind = i == 4 ? SG_SECTION : i == 5 ? SG_ROW : SG_ITEM;
        items[i].parent = -1;
        items[i].table = -1;
        items[i].group = -1;
        snprintf(items[i].code, sizeof items[i].code, "%d.1", i == 5 ? 4 : i + 1);
        items[i].body = lines_span(&d, (size_t)spans[i][0], (size_t)spans[i][1]);
    }
    t.v = items;
    t.n = 6;
    memset(&x, 0, sizeof x);
    found = xc_doc_item(&x, &d, &t, 2, 0, &v, b, dl, &r);
    CHECK(found && r.nlead == 1 && r.lead[0].entry == hctc && x.read && x.nprior == 1,
          "xc_doc_item reads the tree's items at its first call");
    CHECK(x.done[0] && x.done[1] && x.done[2] && !x.done[3] && !x.done[4] && !x.done[5],
          "... not its sections, rows, or prose items a row repeats");
    found = xc_doc_item(&x, &d, &t, 4, 0, &v, b, dl, &r);
    CHECK(found && r.nsupport == 1, "an item not read then is read alone");
    xc_doc_free(&x);
    sg_doc_free(&d);

    xc_vocab_free(&v);
    gz_free(b);
}

/* The support column's prior: a support read too loosely to stand alone ("46 phong, ... don vi" for "Các
 * phòng, đơn vị", the first word lost) is taken when the document's other rows read that body well, and
 * not when they do not, nor when they read it only once. */
static void test_prior_support(const gz_list *dl)
{
    gz_list *b = list_of("Phòng Hành chính – Tổ chức | Phòng HC-TC\nCác phòng, đơn vị\n");
    const gz_list *l[] = { b, dl };
    xc_vocab v;
    xc_vocab_build(&v, l, 2);
#define GOOD(prose1, prose2)                                                                         \
    prose1 " điểm. Phong Hanh | Cac phong, | Thuong", prose2 " | chinh - To | don vi | xuyen",        \
        "và báo cáo kết quả thực hiện về cơ quan thường trực | chuc"
#define WEAK                                                                                          \
    "Tác động của cải cách tổ chức bộ máy hành chính, phấn đấu đạt tối đa 3.6 điểm. Phong Hanh | 46 phong, | Thuong", \
        "sắp xếp, kiện toàn cán bộ công chức, viên chức, người lao động | chinh - To | don vi | xuyen", \
        "và báo cáo kết quả thực hiện về cơ quan thường trực | chuc"
#define NOSUP(prose1, prose2)                                                                        \
    prose1 " điểm. Phong Hanh | | Thuong", prose2 " | chinh - To | | xuyen",                          \
        "và báo cáo kết quả thực hiện về cơ quan thường trực | chuc"
    static const char *const doc[] = { GOOD(P1, P2), GOOD(Q1, Q2), WEAK, NULL };
    static const char *const once[] = { GOOD(P1, P2), NOSUP(Q1, Q2), WEAK, NULL };
    static const int items[][2] = { { 0, 2 }, { 3, 5 }, { 6, 8 }, { -1, -1 } };
    const char *const *docs[] = { doc, once };
    for (int k = 0; k < 2; k++) {
        sg_doc d;
        doc_of(&d, docs[k]);
        sg_span blocks[3];
        for (int i = 0; i < 3; i++)
            blocks[i] = lines_span(&d, (size_t)items[i][0], (size_t)items[i][1]);
        xc_result r;
        int found = xc_item(&d, blocks[2], 0, &v, b, dl, &r);
        CHECK(found && r.nlead == 1 && r.nsupport == 0, "alone, the damaged support cell is no support (%d)",
              found ? r.nsupport : -1);
        xc_doc x;
        xc_doc_read(&x, &d, blocks, 3, 0, &v, b, dl);
        found = xc_doc_get(&x, 2, &r);
        if (k == 0)
            CHECK(found && r.nlead == 1 && r.nsupport == 1 &&
                      !strcmp(b->e[r.support[0].entry].name, "Các phòng, đơn vị") &&
                      !strcmp(r.support[0].rule, "columns.prior") && x.nprior_support == 1 && !x.nprior,
                  "with two rows reading it well, it is the support, by the prior (%d supports)",
                  found ? r.nsupport : -1);
        else
            CHECK(found && r.nsupport == 0 && x.nprior_support == 0,
                  "one row reading it well is too little (%d supports)", found ? r.nsupport : -1);
        xc_doc_free(&x);
        sg_doc_free(&d);
    }
#undef GOOD
#undef WEAK
#undef NOSUP
    xc_vocab_free(&v);
    gz_free(b);
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

    /* ... and when more of its words and pairs have no vocabulary id than the alignment keeps an item's
     * similarities for (every one of these: the vocabulary has only the deadlines), compared one by one */
    gz_list *b5 = list_of("Sở Nội vụ\nSở Tài chính\nSở Xây dựng\nThanh tra tỉnh\nSở Tư pháp\nCác phòng, đơn vị\n");
    const gz_list *l5[] = { dl };
    xc_vocab v5;
    xc_vocab_build(&v5, l5, 1);
    sg_doc_init(&d);
    for (int i = 0; alias[i]; i++)
        sg_doc_add_line(&d, alias[i], strlen(alias[i]), 1, i + 1, -1);
    found = xc_item(&d, (sg_span){ 0, d.f.len }, 0, &v5, b5, dl, &r);
    CHECK(found && r.nlead == 1 && !strcmp(b5->e[r.lead[0].entry].name, "Sở Tư pháp") && r.nsupport == 1 &&
              !strcmp(b5->e[r.support[0].entry].name, "Các phòng, đơn vị"),
          "a list whose words the vocabulary has none of");
    sg_doc_free(&d);
    xc_vocab_free(&v5);
    gz_free(b5);
    xc_vocab_free(&v2);
    gz_free(b2);

    /* a one-letter name word is no vocabulary word: "Sở Y tế" is read word by word, or with the "Y" run
     * into the word after it */
    gz_list *b4 = list_of("Sở Y tế | SYT\nCác phòng, đơn vị\n");
    const gz_list *l4[] = { b4, dl };
    xc_vocab v4;
    xc_vocab_build(&v4, l4, 2);
    static const char *const yte[] = {
        "Thực hiện rà soát đánh giá thủ tục hành chính thuộc thẩm quyền | So Y te | Cac phong",
        "giải quyết của tỉnh và đề xuất phương án đơn giản hóa phù hợp | | don vi",
        "Kiểm tra việc thực hiện chế độ báo cáo định kỳ của các cơ quan | So Yte | Cac phong",
        "giải quyết của tỉnh và đề xuất phương án đơn giản hóa phù hợp | | don vi",
        NULL,
    };
    sg_doc_init(&d);
    for (int i = 0; yte[i]; i++)
        sg_doc_add_line(&d, yte[i], strlen(yte[i]), 1, i + 1, -1);
    for (size_t l = 0; l < 4; l += 2) {
        /* five letters are too few for a lead (XC_LEAD_LETTERS): it is a support, as the group is */
        found = xc_item(&d, lines_span(&d, l, l + 1), 0, &v4, b4, dl, &r);
        const xc_body *y = NULL;
        for (int k = 0; found && k < r.nsupport; k++)
            if (!strcmp(b4->e[r.support[k].entry].name, "Sở Y tế"))
                y = &r.support[k];
        CHECK(y && !strcmp(b4->e[y->entry].name, "Sở Y tế") && y->score == 1.0 && y->npiece == (l ? 2 : 3),
              "a name with a one-letter word, %s (supports %d, score %.3f)", l ? "run together" : "word by word",
              found ? r.nsupport : -1, y ? y->score : -1.0);
    }
    sg_doc_free(&d);
    xc_vocab_free(&v4);
    gz_free(b4);

    test_tie(dl);
    test_prior(dl);
    test_prior_support(dl);
    gz_free(dl);
    return check_done();
}
