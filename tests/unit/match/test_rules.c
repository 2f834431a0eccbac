/* test_rules.c — every rule file under rules/ loads, and each rule field behaves as its cases in
 * tests/rules/NAME.cases say.  A case line is
 *     + FIELD ;; text                       the field's rules must match the (folded) text
 *     + FIELD ;; text ;; group=folded value and that named group must hold this folded value
 *     - FIELD ;; text                       no rule of the field may match
 * Also: a rule file with an error is reported as file:line with exit code 5; and rl_field, which
 * remembers its answers in a table keyed by the field name's address, answers by the name and not the
 * address: one stack buffer rewritten with another field name (or one that shares its table slot, or a
 * prefix of it) gets each field's own rules, unknown fields get none, and rules added after a question
 * are seen by the next one.  And rl_exec's quick refusal of an anchored try (first bytes, shortest
 * length) never refuses one PCRE2 would match. */
#include "check.h"
#include "text/fold.h"
#include "match/gazetteer.h"
#include "match/rules.h"

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

/* Which rules some positive case matches (each rule tried on its own, not only the first to match), and
 * which fields some negative case names: the issue asks for both, for every rule. */
#define MAX_RULES 512
static unsigned char rule_hit[MAX_RULES];
static char neg_fields[64][32];
static int nneg;

static void note_hits(rl_set *set, const char *field, const char *folded)
{
    const rl_rule *r;
    size_t n = rl_field(set, field, &r);
    for (size_t i = 0; i < n; i++) {
        rl_match m;
        size_t at = (size_t)(r + i - set->v);
        if (at < MAX_RULES && rl_exec(set, &r[i], folded, strlen(folded), 0, 0, &m) == 1)
            rule_hit[at] = 1;
    }
}

/* rl_exec turns an anchored try away on the pattern's first bytes and shortest length (rules.h): every
 * rule, tried anchored at the start of every word of every case, must answer as PCRE2 itself does. */
static size_t anchored_tries, anchored_wrong;

static void check_anchored(rl_set *set, const char *folded)
{
    size_t len = strlen(folded);
    pcre2_match_data *md = pcre2_match_data_create(RL_MAX_GROUPS, NULL);
    for (size_t i = 0; i < set->n; i++)
        for (size_t from = 0; from <= len; from++) {
            if (from && folded[from - 1] != ' ')
                continue;
            rl_match m;
            int got = rl_exec(set, &set->v[i], folded, len, from, 1, &m);
            int want = pcre2_match(set->v[i].re, (PCRE2_SPTR)folded, len, from, PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md,
                                   NULL);
            int same = want >= 0 ? got == 1 && m.start == pcre2_get_ovector_pointer(md)[0] &&
                                       m.end == pcre2_get_ovector_pointer(md)[1]
                                 : got <= 0;
            anchored_tries++;
            anchored_wrong += !same;
        }
    pcre2_match_data_free(md);
}

static void note_negative(const char *field)
{
    for (int i = 0; i < nneg; i++)
        if (!strcmp(neg_fields[i], field))
            return;
    if (nneg < 64 && strlen(field) < sizeof neg_fields[0])
        strcpy(neg_fields[nneg++], field);
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
        check_anchored(set, folded);
        if (sign == '+')
            note_hits(set, field, folded);
        else
            note_negative(field);
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

/* How many rules of `field` the set holds, by looking at every rule (not through rl_field). */
static size_t count_field(const rl_set *set, const char *field)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++)
        n += strcmp(set->v[i].field, field) == 0;
    return n;
}

/* rl_field(set, name) is right: as many rules as the set holds for it, all of that field, in priority
 * order, and 0 for an unknown name. */
static int field_ok(rl_set *set, const char *name, size_t *got)
{
    const rl_rule *r = NULL;
    size_t n = rl_field(set, name, &r);
    size_t want = count_field(set, name);
    *got = n;
    if (n != want)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (r < set->v || r + i >= set->v + set->n || strcmp(r[i].field, name) != 0)
            return 0;
        if (i && (r[i - 1].priority < r[i].priority ||
                  (r[i - 1].priority == r[i].priority && r[i - 1].seq > r[i].seq)))
            return 0;
    }
    return 1;
}

static void memo_real(rl_set *set)
{
    /* every name goes through the same stack buffer, so every question has the same address */
    static const char *const names[] = { "label.lead", "label.target", "heading.bullet", "label.lead",
                                         "label.le", "label.lead", "label.leadx", "points", "",
                                         "heading.letter", "label.resp", "label.target", "nosuch.field",
                                         "label.lead", NULL };
    char buf[32];
    for (int i = 0; names[i]; i++) {
        size_t got = 0;
        strcpy(buf, names[i]);
        size_t want = count_field(set, names[i]);
        CHECK(field_ok(set, buf, &got), "memo: \"%s\" through the same buffer: %zu rules (want %zu)", names[i], got,
              want);
        int known = strcmp(names[i], "label.le") && strcmp(names[i], "label.leadx") && *names[i] &&
                    strcmp(names[i], "nosuch.field");
        CHECK(known ? want > 0 : want == 0, "memo: \"%s\" %s", names[i], known ? "has rules" : "has none");
    }
    /* matching through the buffer: the rules of whichever field it names now */
    rl_match m;
    const char *lead = "don vi chu tri: so noi vu", *target = "muc tieu: dat 90%";
    strcpy(buf, "label.lead");
    CHECK(rl_first(set, buf, lead, strlen(lead), 0, 0, &m) == 1 && !strcmp(m.rule->field, "label.lead"),
          "memo: label.lead through the buffer matches a lead label");
    CHECK(rl_first(set, buf, target, strlen(target), 0, 0, &m) == 0, "memo: and not a target label");
    strcpy(buf, "label.target");
    CHECK(rl_first(set, buf, target, strlen(target), 0, 0, &m) == 1 && !strcmp(m.rule->field, "label.target"),
          "memo: the buffer rewritten to label.target matches the target label");
    CHECK(rl_first(set, buf, lead, strlen(lead), 0, 0, &m) == 0, "memo: and no longer the lead label");
    strcpy(buf, "nosuch.field");
    CHECK(rl_first(set, buf, target, strlen(target), 0, 0, &m) == 0, "memo: an unknown field matches nothing");
}

static void memo_small(rl_set *real)
{
    static const char text[] = "label.lead lead_b 10 b\n"
                               "label.lead lead_a 20 a\n"
                               "label.task task_c 10 c\n"
                               "points pts 5 [0-9]+\n"
                               "label.lead lead_e 10 e\n";
    rl_set *set = rl_new();
    pp_err e;
    pp_err_clear(&e);
    CHECK(rl_parse(set, "small.rules", text, strlen(text), &e) == PP_OK, "memo: small set parses: %s", e.msg);
    const rl_rule *r = NULL;
    char buf[32];
    /* hand-counted answers, each asked twice (the second from the memo) */
    static const struct {
        const char *field;
        size_t n;
        const char *first;
    } want[] = { { "label.lead", 3, "lead_a" }, { "label.task", 1, "task_c" }, { "points", 1, "pts" },
                 { "label.target", 0, NULL }, { "label.lead", 3, "lead_a" }, { "label.task", 1, "task_c" },
                 { "label.tas", 0, NULL }, { "label.task", 1, "task_c" }, { "label.taskz", 0, NULL } };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        for (int k = 0; k < 2; k++) {
            strcpy(buf, want[i].field);
            size_t n = rl_field(set, buf, &r);
            CHECK(n == want[i].n && (!n || !strcmp(r->name, want[i].first)), "memo: small set, %s (%s): %zu rules%s%s",
                  want[i].field, k ? "again" : "first", n, n ? ", first " : "", n ? r->name : "");
        }
    strcpy(buf, "label.lead");
    size_t n = rl_field(set, buf, &r);
    CHECK(n == 3 && !strcmp(r[0].name, "lead_a") && !strcmp(r[1].name, "lead_b") && !strcmp(r[2].name, "lead_e"),
          "memo: label.lead in priority, then definition order");

    /* two addresses that share a slot of the table (256 bytes apart), asked in turn */
    char big[512];
    char *a = big, *b = big + 256;
    strcpy(a, "label.lead");
    strcpy(b, "points");
    int right = 0;
    for (int k = 0; k < 4; k++) {
        right += rl_field(set, a, &r) == 3 && !strcmp(r->name, "lead_a");
        right += rl_field(set, b, &r) == 1 && !strcmp(r->name, "pts");
    }
    CHECK(right == 8, "memo: two names whose addresses share a slot, in turn (%d of 8 right)", right);

    /* the same buffer asked of two sets */
    strcpy(buf, "label.lead");
    size_t got = 0;
    CHECK(rl_field(set, buf, &r) == 3 && field_ok(real, buf, &got) && got != 3,
          "memo: the same buffer asked of two sets gets each set's rules (%zu in rules/)", got);

    /* rules added after a question: the next one sees them (and the rules that moved) */
    strcpy(buf, "points");
    CHECK(rl_field(set, buf, &r) == 1 && !strcmp(r->name, "pts"), "memo: points before adding rules");
    static const char more[] = "label.lead lead_z 30 z\nlabel.task task_y 10 y\n";
    CHECK(rl_parse(set, "more.rules", more, strlen(more), &e) == PP_OK, "memo: more rules parse: %s", e.msg);
    n = rl_field(set, buf, &r);
    CHECK(n == 1 && !strcmp(r->name, "pts"), "memo: points after adding rules before it: %zu, %s", n,
          n ? r->name : "-");
    strcpy(buf, "label.lead");
    n = rl_field(set, buf, &r);
    CHECK(n == 4 && !strcmp(r->name, "lead_z"), "memo: label.lead now has 4 rules, lead_z first (%zu)", n);
    strcpy(buf, "label.task");
    n = rl_field(set, buf, &r);
    CHECK(n == 2 && !strcmp(r[0].name, "task_c") && !strcmp(r[1].name, "task_y"), "memo: label.task now has 2 (%zu)", n);

    /* a name too long for the table is answered all the same, every time */
    char longname[64];
    snprintf(longname, sizeof longname, "label.lead%040d", 0);
    CHECK(rl_field(set, longname, &r) == 0 && rl_field(set, longname, &r) == 0, "memo: a long unknown name has none");
    strcpy(longname, "label.lead");
    CHECK(rl_field(set, longname, &r) == 4, "memo: the long name's buffer rewritten to label.lead has its 4");
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
    /* rl_field_may_start agrees with anchored matching: a byte it refuses starts no match of the field */
    {
        static const char *const lines[] = { "noi nhan:", "kt. giam doc", "tm. uy ban nhan dan", "xay dung",
                                             "  noi nhan:", "1. muc tieu", "dong bo" };
        int agree = 1;
        for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
            rl_match m;
            int hit = rl_first(set, "closing.line", lines[k], strlen(lines[k]), 0, 1, &m) == 1;
            if (hit && !rl_field_may_start(set, "closing.line", (unsigned char)lines[k][0]))
                agree = 0;
        }
        CHECK(agree, "rl_field_may_start never refuses a byte a closing line starts with");
        CHECK(rl_field_may_start(set, "closing.line", 'n') && !rl_field_may_start(set, "closing.line", 'x'),
              "rl_field_may_start: 'n' may start a closing line (noi nhan), 'x' none");
        CHECK(!rl_field_may_start(set, "no.such.field", 'n'), "rl_field_may_start: a field without rules starts nothing");
    }
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
    CHECK(anchored_tries > 10000 && anchored_wrong == 0,
          "anchored tries answer as PCRE2 does (%zu of %zu differ)", anchored_wrong, anchored_tries);
    /* every rule is matched by a positive case of its own, and every field has a negative one */
    CHECK(set->n <= MAX_RULES, "%zu rules", set->n);
    for (size_t i = 0; i < set->n && i < MAX_RULES; i++) {
        const rl_rule *r = &set->v[i];
        CHECK(rule_hit[i], "rule %s (%s, %s:%d) has a positive case that it matches", r->name, r->field, r->file,
              r->line);
        int neg = 0;
        for (int k = 0; k < nneg && !neg; k++)
            neg = !strcmp(neg_fields[k], r->field);
        CHECK(neg, "field %s of rule %s has a negative case", r->field, r->name);
    }
    memo_real(set);
    memo_small(set);
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
