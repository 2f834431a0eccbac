/* test_search.c — the query folded as the index keys are (marks, đ, case), split into words where FTS5's
 * unicode61 tokenizer splits, so FTS syntax in a query is only punctuation. */
#include "check.h"
#include "records/search.h"
#include "text/fold.h"

static void same_as_key(const char *query, const char *want)
{
    char *got = search_fold_query(query);
    CHECK_STR(got, want, "query '%s'", query);
    free(got);
}

int main(void)
{
    same_as_key("Đơn vị chủ trì", "don vi chu tri");
    same_as_key("don vi chu tri", "don vi chu tri");
    same_as_key("ĐƠN VỊ  CHỦ TRÌ", "don vi chu tri");
    same_as_key("Ðơn vị", "don vi"); /* U+00D0, the look-alike of Đ */
    same_as_key("112/KH-STNMT", "112 kh stnmt");
    same_as_key("\"a\" OR b* NEAR(c) -d ^e", "a or b near c d e");
    same_as_key(" /-* ", "");
    /* what the index holds for a line: the same words as the query of its text */
    char *key = fold_dup("Số: 112/KH-STNMT", strlen("Số: 112/KH-STNMT"), FOLD_PLAIN);
    char *q = search_fold_query(key);
    CHECK_STR(q, "so 112 kh stnmt", "a line's key split into the query's words");
    free(q);
    free(key);
    char *bad = search_fold_query("\xff\xfe");
    CHECK(bad == NULL, "invalid UTF-8: NULL");
    return check_done();
}
