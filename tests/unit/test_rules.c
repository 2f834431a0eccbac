/* test_rules.c — every rule file under rules/ loads, and each rule field behaves as its cases in
 * tests/rules/NAME.cases say.  A case line is
 *     + FIELD ;; text                       the field's rules must match the (folded) text
 *     + FIELD ;; text ;; group=folded value and that named group must hold this folded value
 *     - FIELD ;; text                       no rule of the field may match
 * Also: a rule file with an error is reported as file:line with exit code 5. */
#include "check.h"
#include "fold.h"
#include "gazetteer.h"
#include "rules.h"

#include <dirent.h>
#include <string.h>

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static void run_cases(rl_set *set, const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "open %s", path);
    if (!f)
        return;
    char line[2048];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *l = trim(line);
        if (!*l || *l == '#')
            continue;
        char sign = *l;
        char *rest = l + 1;
        /* fields are separated by " ;; " so that texts may hold '|' (OCR'd table borders) */
        char *field = rest, *text = NULL, *expect = NULL;
        char *sep = strstr(field, " ;; ");
        if (sep) {
            *sep = '\0';
            text = sep + 4;
            if ((sep = strstr(text, " ;; "))) {
                *sep = '\0';
                expect = sep + 4;
            }
        }
        if ((sign != '+' && sign != '-') || !field || !text) {
            CHECK(0, "%s:%d: bad case line", path, lineno);
            continue;
        }
        field = trim(field);
        text = trim(text);
        char *folded = fold_dup(text, strlen(text), FOLD_OCR);
        CHECK(folded != NULL, "%s:%d: folds", path, lineno);
        if (!folded)
            continue;
        const rl_rule *r;
        CHECK(rl_field(set, field, &r) > 0, "%s:%d: field %s has rules", path, lineno, field);
        rl_match m;
        int got = rl_first(set, field, folded, strlen(folded), 0, 0, &m) == 1;
        if (sign == '-') {
            CHECK(!got, "%s:%d: %s does not match \"%s\"%s%s", path, lineno, field, text, got ? " (rule " : "",
                  got ? m.rule->name : "");
        } else {
            CHECK(got, "%s:%d: %s matches \"%s\"", path, lineno, field, text);
            if (got && expect) {
                expect = trim(expect);
                char *eq = strchr(expect, '=');
                if (eq) {
                    *eq = '\0';
                    size_t a = 0, b = 0;
                    int has = rl_group(&m, expect, &a, &b);
                    char val[512] = "";
                    if (has && b - a < sizeof val)
                        memcpy(val, folded + a, b - a), val[b - a] = '\0';
                    CHECK(has && strcmp(val, eq + 1) == 0, "%s:%d: %s group %s = \"%s\" (got \"%s\", rule %s)", path,
                          lineno, field, expect, eq + 1, val, m.rule->name);
                }
            }
        }
        free(folded);
    }
    fclose(f);
}

static void bad_file(const char *text, const char *want_prefix)
{
    rl_set *set = rl_new();
    pp_err e;
    pp_err_clear(&e);
    int rc = rl_parse(set, "bad.rules", text, strlen(text), &e);
    CHECK(rc == PP_EXIT_RULES, "bad rule file fails with exit 5 (%s)", want_prefix);
    CHECK(strncmp(e.msg, want_prefix, strlen(want_prefix)) == 0, "message \"%s\" starts with %s", e.msg, want_prefix);
    rl_free(set);
}

int main(void)
{
    const char *root = getenv("PARPLAN_ROOT");
    char dir[4096], cases[4096];
    snprintf(dir, sizeof dir, "%s/rules", root ? root : ".");
    snprintf(cases, sizeof cases, "%s/tests/rules", root ? root : "tests");
    rl_set *set = NULL;
    pp_err e;
    pp_err_clear(&e);
    CHECK(rl_load_dir(dir, &set, &e) == PP_OK, "rules/ loads: %s", e.msg);
    if (!set)
        return check_done();
    CHECK(strlen(set->hash) == 64, "rules hash");
    static const char *const lists[] = { "bodies.txt", "provinces.txt", "kinds.txt", "indexes.txt" };
    for (int i = 0; i < 4; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", dir, lists[i]);
        gz_list *g = NULL;
        pp_err_clear(&e);
        CHECK(gz_load(p, &g, &e) == PP_OK, "%s loads: %s", lists[i], e.msg);
        if (g && i == 1) {
            int old = 0;
            for (size_t k = 0; k < g->n; k++)
                old += g->e[k].target != NULL;
            CHECK(old >= 63, "63 provinces map to their post-2025 province (%d)", old);
        }
        gz_free(g);
    }
    DIR *d = opendir(cases);
    CHECK(d != NULL, "open %s", cases);
    struct dirent *de;
    int files = 0;
    while (d && (de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n > 6 && strcmp(de->d_name + n - 6, ".cases") == 0) {
            char p[4400];
            snprintf(p, sizeof p, "%s/%s", cases, de->d_name);
            run_cases(set, p);
            files++;
        }
    }
    if (d)
        closedir(d);
    CHECK(files > 0, "case files found (%d)", files);
    rl_free(set);

    bad_file("points p1 10 ([0-9]+\n", "bad.rules:1:");
    bad_file("# ok\npoints p1 10 [0-9]+\nnosuch.field p2 10 x\n", "bad.rules:3:");
    bad_file("points p1 ten [0-9]+\n", "bad.rules:1:");
    bad_file("points p1 10 a\npoints p1 10 b\n", "bad.rules:2:");
    bad_file("points p1 10\n", "bad.rules:1:");
    bad_file("  continuation\n", "bad.rules:1:");
    gz_list *g = NULL;
    pp_err_clear(&e);
    CHECK(gz_parse("bad.txt", "Sở Nội vụ\n | alias\n", strlen("Sở Nội vụ\n | alias\n"), &g, &e) == PP_EXIT_RULES && strncmp(e.msg, "bad.txt:2:", 10) == 0,
          "list line without a name: %s", e.msg);
    gz_free(g);
    return check_done();
}
