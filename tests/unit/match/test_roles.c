/* test_roles.c — the one table of item roles (match/roles.c) and the rule fields made from it: every
 * role has a name that maps back to it, the body roles are exactly lead/support/monitor, and the column
 * rules (match/columns.c) accept column.<role> for every role and refuse anything else, naming them all. */
#include "check.h"
#include "match/columns.h"
#include "match/roles.h"
#include "match/rules.h"

int main(void)
{
    for (int r = 0; r < ROLE_N; r++) {
        CHECK(role_names[r] != NULL && role_index(role_names[r]) == r, "role %d (%s) maps back to itself", r,
              role_names[r]);
        CHECK(role_name(r) == role_names[r], "role_name(%d) is the table's pointer", r);
    }
    CHECK(role_names[ROLE_N] == NULL, "the names end with NULL");
    CHECK(role_index("Lead") == -1 && role_index("leads") == -1 && role_index("") == -1 && role_index(NULL) == -1,
          "unknown, case-different and NULL names are -1");
    int bodies = 0;
    for (int r = 0; r < ROLE_N; r++)
        bodies += role_is_body(r);
    CHECK(bodies == 3 && role_is_body(ROLE_LEAD) && role_is_body(ROLE_SUPPORT) && role_is_body(ROLE_MONITOR),
          "the body roles are lead, support and monitor");
    CHECK(!role_is_body(-1) && !role_is_body(ROLE_N), "out-of-range roles are not bodies");

    /* every role is a column field; the field a heading names is the table's pointer */
    for (int r = 0; r < ROLE_N; r++) {
        char rules[128];
        snprintf(rules, sizeof rules, "column.%s t 10 ^tieu de %d$\n", role_names[r], r);
        pp_columns *c = NULL;
        pp_err e;
        pp_err_clear(&e);
        int rc = columns_parse("t.rules", rules, strlen(rules), &c, &e);
        CHECK(rc == PP_OK && c, "column.%s is a column field", role_names[r]);
        char heading[32];
        snprintf(heading, sizeof heading, "Tiêu đề %d", r);
        CHECK(c && columns_field(c, heading) == role_names[r], "a heading naming column.%s gives role %s",
              role_names[r], role_names[r]);
        columns_free(c);
    }
    const char *bad = "header.lead t 10 ^x$\n"; /* a rule field, but not a column field */
    pp_columns *c = NULL;
    pp_err e;
    pp_err_clear(&e);
    CHECK(columns_parse("t.rules", bad, strlen(bad), &c, &e) == PP_EXIT_RULES && !c, "header.lead is refused in a column file");
    CHECK(strstr(e.msg, "t.rules:1:") && strstr(e.msg, "column.code, column.title") &&
              strstr(e.msg, "column.points)"),
          "the message names the line and lists every column field: %s", e.msg);
    /* the rule language knows column.<role> and header.<role>, nothing else of that shape */
    rl_set *set = rl_new();
    const char *ok = "column.points a 1 x\nheader.product b 1 x\nheader.title c 1 x\n";
    pp_err_clear(&e);
    CHECK(rl_parse(set, "r.rules", ok, strlen(ok), &e) == PP_OK, "column.points, header.product, header.title known");
    rl_free(set);
    const char *unknown[] = { "column.owner", "header.points", "header.", "column" };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        char line[64];
        snprintf(line, sizeof line, "%s a 1 x\n", unknown[i]);
        set = rl_new();
        pp_err_clear(&e);
        CHECK(rl_parse(set, "r.rules", line, strlen(line), &e) == PP_EXIT_RULES, "field %s is unknown", unknown[i]);
        rl_free(set);
    }
    return check_done();
}
