/* test_gazetteer.c — list parsing, keys and finding names (gazetteer.c), as extract_cols.c and the
 * body/province resolution rely on them. */
#include "check.h"
#include "match/gazetteer.h"

#include <stdio.h>
#include <stdlib.h>

static gz_list *parse(const char *text, int *rc, pp_err *e)
{
    gz_list *g = NULL;
    pp_err_clear(e);
    *rc = gz_parse("test.txt", text, strlen(text), &g, e);
    return g;
}

static int entry_named(const gz_list *g, int entry, const char *name)
{
    return entry >= 0 && (size_t)entry < g->n && !strcmp(g->e[entry].name, name);
}

int main(void)
{
    pp_err e;
    int rc;

    /* keys: folded, runs of other characters one space, trimmed */
    char *k = gz_key_of("  Văn phòng  UBND-tỉnh ", strlen("  Văn phòng  UBND-tỉnh "));
    CHECK_STR(k, "van phong ubnd tinh", "key: folded, runs of punctuation one space, trimmed");
    free(k);
    k = gz_key_of("Phòng Hành chính – Tổ chức", strlen("Phòng Hành chính – Tổ chức"));
    CHECK_STR(k, "phong hanh chinh to chuc", "key: dash and diacritics");
    free(k);
    k = gz_key_of("Sở KH&ĐT", strlen("Sở KH&ĐT"));
    CHECK_STR(k, "so kh dt", "key: &");
    free(k);
    CHECK(gz_key_of("\xff", 1) == NULL, "invalid UTF-8 has no key");

    gz_list *g = parse("# bodies\n"
                       "Sở Nội vụ | SNV | Sở NV\n"
                       "\n"
                       "Văn phòng UBND tỉnh | VP UBND tỉnh | Văn phòng UBND   # a comment\n"
                       "Kon Tum => Quảng Ngãi\n"
                       "Các phòng, đơn vị | Các phòng đơn vị\n",
                       &rc, &e);
    CHECK(rc == PP_OK && g, "list parses: %s", e.msg);
    if (!g)
        return check_done();
    CHECK(g->n == 4, "four entries (%zu)", g->n);
    CHECK(g->na == 9, "nine aliases, canonical names included (%zu)", g->na);
    CHECK(g->e[2].target && !strcmp(g->e[2].target, "Quảng Ngãi") && !strcmp(g->e[2].name, "Kon Tum"),
          "=> target");
    CHECK(g->e[1].line == 4, "entries keep their line (%d)", g->e[1].line);
    for (size_t i = 1; i < g->na; i++)
        CHECK(g->a[i - 1].len >= g->a[i].len, "aliases longest first (%zu)", i);

    CHECK(entry_named(g, gz_exact(g, "snv", 3), "Sở Nội vụ"), "exact: an abbreviation");
    CHECK(entry_named(g, gz_exact(g, "so noi vu", 9), "Sở Nội vụ"), "exact: the canonical name");
    CHECK(gz_exact(g, "so noi", 6) == -1, "exact: a prefix is not a name");
    /* both spellings of the group are one key: listed twice, one entry */
    CHECK(entry_named(g, gz_exact(g, "cac phong don vi", 16), "Các phòng, đơn vị"), "exact: punctuation folded away");

    /* finding: longest alias at a position, word boundaries, left to right, non-overlapping */
    gz_hit hits[8];
    const char *text = "van phong ubnd tinh phoi hop voi so noi vu va snvx";
    size_t n = gz_find(g, text, strlen(text), hits, 8);
    CHECK(n == 2, "two names found (%zu)", n);
    CHECK(n >= 1 && entry_named(g, hits[0].entry, "Văn phòng UBND tỉnh") && hits[0].start == 0 &&
              hits[0].end == strlen("van phong ubnd tinh"),
          "the longest alias wins (not \"van phong ubnd\")");
    CHECK(n >= 2 && entry_named(g, hits[1].entry, "Sở Nội vụ"), "the second name");
    CHECK(gz_find(g, text, strlen(text), hits, 1) == 1, "at most max hits");
    const char *inside = "xso noi vu";
    CHECK(gz_find(g, inside, strlen(inside), hits, 8) == 0, "a name must start on a word boundary");
    /* one position: the longest alias there, ending on a word boundary */
    size_t end = 0;
    CHECK(entry_named(g, gz_at(g, text, strlen(text), 0, &end), "Văn phòng UBND tỉnh") &&
              end == strlen("van phong ubnd tinh"),
          "gz_at: the longest alias at a position (%zu)", end);
    size_t at = strlen("van phong ubnd tinh phoi hop voi ");
    CHECK(entry_named(g, gz_at(g, text, strlen(text), at, &end), "Sở Nội vụ") && end == at + strlen("so noi vu"),
          "gz_at: a name inside the text");
    CHECK(gz_at(g, text, strlen(text), at + 1, &end) == -1, "gz_at: none where no alias starts");
    CHECK(gz_at(g, text, strlen(text), strlen(text) - 4, &end) == -1, "gz_at: snvx is no snv (word boundary)");
    CHECK(gz_at(g, text, strlen(text), strlen(text), &end) == -1, "gz_at: none at the end");

    /* keys with a map back to the input */
    gz_key key;
    const char *folded = "phong  hc-tc.";
    gz_key_make(folded, strlen(folded), &key);
    CHECK_STR(key.s, "phong hc tc", "key of folded text");
    CHECK(key.map[6] == 7 && key.map[key.len] == strlen(folded), "map: key byte to input offset");
    gz_key_free(&key);
    gz_free(g);

    /* bad lists: file:line messages */
    g = parse("Sở Nội vụ\n| SNV\n", &rc, &e);
    CHECK(rc == PP_EXIT_RULES && !g && strstr(e.msg, "test.txt:2"), "an alias line without a name: %s", e.msg);
    g = parse("Sở Nội vụ | | SNV\n", &rc, &e);
    CHECK(rc == PP_EXIT_RULES && !g && strstr(e.msg, "empty alias"), "an empty alias: %s", e.msg);
    g = parse("Kon Tum =>\n", &rc, &e);
    CHECK(rc == PP_EXIT_RULES && !g && strstr(e.msg, "nothing after =>"), "an empty target: %s", e.msg);
    g = parse("– | SNV\n", &rc, &e);
    CHECK(rc == PP_EXIT_RULES && !g && strstr(e.msg, "empty name"), "a name of punctuation only: %s", e.msg);
    return check_done();
}
