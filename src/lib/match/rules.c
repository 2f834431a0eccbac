/* match/rules.c (prefix rl_) — parsing, compiling and matching rule files (see rules.h).
 *
 * Rules are kept in one array sorted by (field, -priority, seq) so the rules of a field are a contiguous
 * run found by binary search.  Every pattern is JIT-compiled; matches run with a match and depth limit
 * so a pathological pattern or input fails one field instead of hanging the stage. */
#include "match/rules.h"
#include "match/roles.h"
#include "core/fsutil.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define RL_MATCH_LIMIT 1000000
#define RL_DEPTH_LIMIT 10000

/* Fields the extractor reads.  A typo in a rule file is an error, not a rule that silently never runs. */
static const char *const rl_known_fields[] = {
    "heading.roman", "heading.roman_damaged", "heading.code", "heading.letter", "heading.bullet", "section.notask", "closing.line",
    "cell.group", "heading.inline", "heading.due",
    "label.target", "label.task", "label.lead", "label.support", "label.monitor", "label.deadline",
    "label.product", "label.resp",
    "points", "target.eq", "target.ge", "target.gt", "target.le", "target.increase", "baseline",
    "deadline", "product", "body.head", "body.end", "assign", "assign.cue", "title.quoted",
    "doc.kind", "doc.number", "doc.date", "doc.issuer", "doc.province", "doc.period", "doc.title_end",
    "doc.motto", "doc.subject", "doc.citation",
    /* column.<role> (table headings, columns.c) and header.<role> (a text table's header row, segment.c)
     * for the roles of roles.h are known too: rl_field_known */
    NULL,
};

static int rl_field_known(const char *f)
{
    if (!strncmp(f, "column.", 7) && role_index(f + 7) >= 0)
        return 1;
    /* a text table's points column is not read from its header (the points are in the target text) */
    if (!strncmp(f, "header.", 7) && role_index(f + 7) >= 0 && role_index(f + 7) != ROLE_POINTS)
        return 1;
    for (int i = 0; rl_known_fields[i]; i++)
        if (strcmp(rl_known_fields[i], f) == 0)
            return 1;
    return 0;
}

/* How every rule is compiled (rules.h): UTF, and \s \d \w by Unicode properties.  The anchored copy of
 * rl_anchored_code adds PCRE2_ANCHORED to the same. */
#define RL_COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP)

/* Whether a match of r can start on byte c, by its first bytes (a rule without them may start anywhere). */
static inline int rl_starts_on(const rl_rule *r, unsigned char c)
{
    return !r->has_first || (r->first[c / 8] & (1u << (c % 8)));
}

rl_set *rl_new(void)
{
    rl_set *set = xcalloc(1, sizeof *set);
    set->mctx = pcre2_match_context_create(NULL);
    set->md = pcre2_match_data_create(RL_MAX_GROUPS, NULL);
    /* One JIT stack for every match of the set, instead of the 32 KB machine stack pcre2_jit_match
     * sets up on the C stack at each call without one (callgrind on the extraction corpus: -0.6 % of the
     * stage's instructions), and room for deeper patterns (512 KB) before a match gives up. */
    set->jstack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
    if (!set->mctx || !set->md || !set->jstack) {
        pp_error("out of memory creating PCRE2 match data");
        exit(PP_EXIT_NOMEM);
    }
    pcre2_set_match_limit(set->mctx, RL_MATCH_LIMIT);
    pcre2_set_depth_limit(set->mctx, RL_DEPTH_LIMIT);
    pcre2_jit_stack_assign(set->mctx, NULL, set->jstack);
    return set;
}

/* The bytes a match of r can start with, and its shortest length (rl_rule).  A single first byte that
 * is a letter is taken in both cases, in case the pattern is caseless there: the set may be too large,
 * never too small. */
static void rl_first_of(rl_rule *r, const pcre2_code *re)
{
    uint32_t type = 0, unit = 0;
    const uint8_t *bitmap = NULL;
    if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 256) {
        r->has_first = 1;
        r->first[unit / 8] |= (unsigned char)(1u << (unit % 8));
        if ((unit | 32) >= 'a' && (unit | 32) <= 'z') {
            unit ^= 32;
            r->first[unit / 8] |= (unsigned char)(1u << (unit % 8));
        }
    } else if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 && bitmap) {
        r->has_first = 1;
        memcpy(r->first, bitmap, sizeof r->first);
    }
}

/* PCRE2 studies no first bytes of an anchored pattern ("^\s*(?<code>[0-9]..."): it never searches for
 * a start.  The same pattern without its leading ^, compiled unanchored only to be asked, gives them
 * (white space and digits there), so a line that starts with a letter is refused before the pattern
 * runs.  It is compiled without UCP, as PCRE2 studies no start of a Unicode property (\s under UCP);
 * every byte from 0x80 up is then added, which covers any non-ASCII character UCP lets \s, \d or \w
 * match.  Measured with callgrind on the extraction corpus: the heading rules tried on every line were
 * 6 % of the stage's instructions, nearly all on lines no heading rule can match. */
static void rl_anchored_first(rl_rule *r, const char *pattern)
{
    if (r->has_first || !r->self_anchored || pattern[0] != '^')
        return;
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern + 1, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &errcode, &erroff, NULL);
    if (!re)
        return; /* no first bytes: every start is tried, as before */
    rl_first_of(r, re);
    pcre2_code_free(re);
    if (r->has_first)
        for (int c = 0x80; c < 0x100; c++)
            r->first[c / 8] |= (unsigned char)(1u << (c % 8));
}

static void rl_start_info(rl_rule *r)
{
    uint32_t min = 0, type = 0, unit = 0;
    r->min_len = pcre2_pattern_info(r->re, PCRE2_INFO_MINLENGTH, &min) == 0 ? min : 0;
    /* A byte every match must hold (the ':' of a label): when the text to search lacks it, the rule
     * cannot match, and one memchr says so before PCRE2 is entered.  Letters are left out (a caseless
     * part would make either case count). */
    r->last = -1;
    if (pcre2_pattern_info(r->re, PCRE2_INFO_LASTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(r->re, PCRE2_INFO_LASTCODEUNIT, &unit) == 0 && unit < 128 &&
        !((unit | 32) >= 'a' && (unit | 32) <= 'z'))
        r->last = (int)unit;
    r->has_first = 0;
    memset(r->first, 0, sizeof r->first);
    rl_first_of(r, r->re);
}

void rl_free(rl_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        free(set->v[i].field);
        free(set->v[i].name);
        free(set->v[i].file);
        free(set->v[i].pattern);
        pcre2_code_free(set->v[i].re);
        pcre2_code_free(set->v[i].re_anchored);
    }
    free(set->v);
    pcre2_match_data_free(set->md);
    pcre2_match_context_free(set->mctx);
    pcre2_jit_stack_free(set->jstack);
    free(set);
}

/* Adds one rule; `line` is the 1-based line where it starts. */
static int rl_add(rl_set *set, const char *path, int line, const char *field, const char *name, int prio,
                  const char *pattern, pp_err *e)
{
    if (!rl_field_known(field))
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: unknown field \"%s\"", path, line, field);
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->v[i].name, name) == 0)
            return pp_err_set(e, PP_EXIT_RULES, "%s:%d: rule name \"%s\" already used at %s:%d", path, line,
                              name, set->v[i].file, set->v[i].line);
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, RL_COMPILE_OPTIONS,
                                   &errcode, &erroff, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: rule %s: bad pattern at offset %zu: %s", path, line, name,
                          (size_t)erroff, (const char *)msg);
    }
    /* JIT is an optimisation: without it (unsupported CPU) the interpreter gives the same answers.  Under
     * valgrind (make valgrind sets PARPLAN_VALGRIND) JIT code trips false "uninitialised" reports. */
    const char *nojit = getenv("PARPLAN_NO_JIT"), *vg = getenv("PARPLAN_VALGRIND");
    int jit = 0;
    if (!(nojit && *nojit && *nojit != '0') && !(vg && *vg == '1'))
        jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
    uint32_t cap = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &cap);
    if (cap + 1 > RL_MAX_GROUPS) {
        pcre2_code_free(re);
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: rule %s: more than %d groups", path, line, name,
                          RL_MAX_GROUPS - 1);
    }
    PP_GROW(set->v, set->n + 1, set->alloc, 32);
    rl_rule *r = &set->v[set->n];
    r->field = xstrdup(field);
    r->name = xstrdup(name);
    r->priority = prio;
    r->seq = (int)set->n;
    r->file = xstrdup(path);
    r->line = line;
    r->re = re;
    r->jit = jit;
    r->pattern = xstrdup(pattern);
    r->re_anchored = NULL;
    r->anchored_state = jit ? 0 : -1;
    uint32_t all = 0;
    pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &all);
    r->self_anchored = (all & PCRE2_ANCHORED) != 0;
    rl_start_info(r);
    rl_anchored_first(r, pattern);
    set->n++;
    set->sorted = 0;
    return PP_OK;
}

/* Splits "FIELD NAME PRIORITY PATTERN" and adds the rule. */
static int rl_parse_rule(rl_set *set, const char *path, int line, char *s, pp_err *e)
{
    char *tok[3];
    for (int i = 0; i < 3; i++) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            return pp_err_set(e, PP_EXIT_RULES, "%s:%d: expected FIELD NAME PRIORITY PATTERN", path, line);
        tok[i] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = '\0';
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: rule %s has no pattern", path, line, tok[1]);
    char *end;
    long prio = strtol(tok[2], &end, 10);
    if (*end || end == tok[2] || prio < -1000 || prio > 1000)
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: priority \"%s\" is not an integer in -1000..1000", path,
                          line, tok[2]);
    for (const char *p = tok[1]; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
            return pp_err_set(e, PP_EXIT_RULES, "%s:%d: bad rule name \"%s\"", path, line, tok[1]);
    return rl_add(set, path, line, tok[0], tok[1], (int)prio, s, e);
}

int rl_parse(rl_set *set, const char *path, const char *text, size_t len, pp_err *e)
{
    strbuf cur = STRBUF_INIT;
    int cur_line = 0, lineno = 0, rc = PP_OK;
    size_t i = 0;
    if (utf8_invalid_at(text, len) != len) {
        return pp_err_set(e, PP_EXIT_RULES, "%s:1: not valid UTF-8", path);
    }
    while (i < len && rc == PP_OK) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        lineno++;
        size_t k = j;
        if (k > i && text[k - 1] == '\r')
            k--;
        const char *l = text + i;
        size_t n = k - i;
        int blank = 1;
        for (size_t t = 0; t < n; t++)
            if (l[t] != ' ' && l[t] != '\t') {
                blank = 0;
                break;
            }
        int comment = 0;
        for (size_t t = 0; t < n; t++) {
            if (l[t] == ' ' || l[t] == '\t')
                continue;
            comment = l[t] == '#';
            break;
        }
        if (blank || comment) {
            /* ends nothing: continuation lines may follow a comment inside a long pattern */
        } else if (l[0] == ' ' || l[0] == '\t') {
            if (!cur_line) {
                rc = pp_err_set(e, PP_EXIT_RULES, "%s:%d: continuation line without a rule above", path, lineno);
                break;
            }
            size_t t = 0;
            while (t < n && (l[t] == ' ' || l[t] == '\t'))
                t++;
            sb_add(&cur, l + t, n - t);
        } else {
            if (cur_line)
                rc = rl_parse_rule(set, path, cur_line, cur.buf, e);
            sb_reset(&cur);
            sb_add(&cur, l, n);
            cur_line = lineno;
        }
        i = j + 1;
    }
    if (rc == PP_OK && cur_line)
        rc = rl_parse_rule(set, path, cur_line, cur.buf, e);
    sb_free(&cur);
    return rc;
}

static int rl_cmp(const void *a, const void *b)
{
    const rl_rule *x = a, *y = b;
    int c = strcmp(x->field, y->field);
    if (c)
        return c;
    if (x->priority != y->priority)
        return y->priority - x->priority;
    return x->seq - y->seq;
}

size_t rl_field(rl_set *set, const char *field, const rl_rule **first)
{
    if (!set->sorted) {
        if (set->n)
            qsort(set->v, set->n, sizeof *set->v, rl_cmp);
        set->sorted = 1;
        memset(set->memo, 0, sizeof set->memo);
    }
    /* The slot of the field name's address, then its name: a buffer written again with another name is
     * looked up again.  Measured with callgrind on the extraction corpus: 32 slots by address without
     * probing missed 30,000 of 578,000 calls (addresses sharing a slot), a binary search each, and the
     * table was 3.2 % of the stage's instructions. */
    enum { SLOTS = sizeof set->memo / sizeof set->memo[0], PROBES = 8 };
    size_t h = (size_t)(((uint64_t)(uintptr_t)field * 0x9E3779B97F4A7C15u) >> 57) % SLOTS;
    struct rl_field_memo *slot = NULL;
    for (size_t k = 0; k < PROBES; k++) {
        struct rl_field_memo *memo = &set->memo[(h + k) % SLOTS];
        if (memo->key == field) {
            if (strcmp(memo->name, field) == 0) {
                *first = set->v + memo->lo;
                return memo->n;
            }
            slot = memo; /* the same buffer, another name now */
            break;
        }
        if (!memo->key) {
            slot = memo;
            break;
        }
    }
    size_t lo = 0, hi = set->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(set->v[mid].field, field) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < set->n && strcmp(set->v[end].field, field) == 0)
        end++;
    *first = set->v + lo;
    if (slot && strlen(field) < sizeof slot->name) {
        slot->key = field;
        strcpy(slot->name, field);
        slot->lo = lo;
        slot->n = end - lo;
    }
    return end - lo;
}

static int rl_has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static int rl_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rl_load_dir(const char *dir, rl_set **out, pp_err *e)
{
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return pp_err_set(e, PP_EXIT_RULES, "%s: cannot open the rules directory (set --rules or $PARPLAN_RULES)",
                          dir);
    strvec names = STRVEC_INIT;
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' && (rl_has_suffix(de->d_name, ".rules") || rl_has_suffix(de->d_name, ".txt")))
            sv_push(&names, de->d_name);
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, rl_name_cmp);
    rl_set *set = rl_new();
    pp_hasher *h = hash_new();
    int rc = PP_OK, nrules = 0;
    for (size_t i = 0; i < names.n && rc == PP_OK; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        char *buf;
        size_t len;
        if (fs_read_file(path, (size_t)16 << 20, &buf, &len, e)) {
            rc = e->code = PP_EXIT_RULES;
        } else {
            /* the name goes into the hash too: renaming a list changes what it is used for */
            hash_update(h, names.v[i], strlen(names.v[i]) + 1);
            hash_update(h, buf, len);
            if (rl_has_suffix(names.v[i], ".rules")) {
                rc = rl_parse(set, path, buf, len, e);
                nrules++;
            }
            free(buf);
        }
        free(path);
    }
    hash_final(h, set->hash);
    sv_free(&names);
    if (rc == PP_OK && nrules == 0)
        rc = pp_err_set(e, PP_EXIT_RULES, "%s: no *.rules files", dir);
    if (rc) {
        rl_free(set);
        return rc;
    }
    const rl_rule *f;
    rl_field(set, "", &f); /* sorts */
    *out = set;
    return PP_OK;
}

/* The anchored JIT code of a rule of set, compiled at the first call; NULL when there is none (JIT off,
 * or it failed: the interpreter is used).  The line classification matches a dozen rules anchored at
 * every line's start and most never match: measured with callgrind on the extraction corpus, the
 * interpreter's set-up was 3 % of the stage's instructions, the anchored JIT code's under 1 %. */
static const pcre2_code *rl_anchored_code(rl_set *set, const rl_rule *r)
{
    if (r < set->v || r >= set->v + set->n)
        return NULL;
    rl_rule *w = &set->v[r - set->v];
    if (w->anchored_state == 0) {
        int errcode;
        PCRE2_SIZE erroff;
        w->anchored_state = -1;
        w->re_anchored = pcre2_compile((PCRE2_SPTR)w->pattern, PCRE2_ZERO_TERMINATED,
                                       RL_COMPILE_OPTIONS | PCRE2_ANCHORED, &errcode, &erroff, NULL);
        if (w->re_anchored && pcre2_jit_compile(w->re_anchored, PCRE2_JIT_COMPLETE) == 0)
            w->anchored_state = 1;
    }
    return w->anchored_state == 1 ? w->re_anchored : NULL;
}

int rl_exec(rl_set *set, const rl_rule *r, const char *s, size_t len, size_t from, int anchored, rl_match *m)
{
    if (from > len || len - from < r->min_len)
        return 0;
    /* an anchored match (or a self-anchored pattern's, from the start) must start on one of the
     * pattern's first bytes */
    if ((anchored || (r->self_anchored && from == 0)) && from < len && !rl_starts_on(r, (unsigned char)s[from]))
        return 0;
    if (r->last >= 0 && !memchr(s + from, r->last, len - from))
        return 0;
    /* pcre2_jit_match skips pcre2_match's option and subject checks (the folded text is valid UTF-8 by
     * construction).  JIT code cannot be anchored at match time: an anchored match runs the pattern's
     * anchored compilation (rl_anchored_code), unless the pattern anchors itself (a leading ^) and the
     * match starts at the subject's start; without the JIT, the interpreter anchors it. */
    int rc;
    const pcre2_code *ac;
    if (r->jit && (!anchored || (r->self_anchored && from == 0)))
        rc = pcre2_jit_match(r->re, (PCRE2_SPTR)s, len, from, 0, set->md, set->mctx);
    else if (anchored && (ac = rl_anchored_code(set, r)) != NULL)
        rc = pcre2_jit_match(ac, (PCRE2_SPTR)s, len, from, 0, set->md, set->mctx);
    else
        rc = pcre2_match(r->re, (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK | (anchored ? PCRE2_ANCHORED : 0),
                         set->md, set->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        /* A pattern that backtracks catastrophically stops at the limits instead of hanging the stage;
         * say so once per set, at the rule's own file:line, so the expert can simplify it. */
        if (set->gave_up++ == 0) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(rc, msg, sizeof msg);
            pp_warn("%s:%d: rule %s gave up (%s); treated as no match: simplify the pattern", r->file, r->line,
                    r->name, (const char *)msg);
        }
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(set->md);
    uint32_t n = pcre2_get_ovector_count(set->md);
    if (n > RL_MAX_GROUPS)
        n = RL_MAX_GROUPS;
    /* only the first rc pairs are set by this match (rc == 0: the ovector was too small, all are set);
     * the rest may hold an earlier match's groups, so the match keeps just those: a group numbered past
     * ngroups did not take part (rl_group).  Copying and clearing every pair of the ovector was 0.9 % of
     * parplan-extract's instructions (callgrind, bench corpus). */
    uint32_t set_pairs = rc == 0 || (uint32_t)rc > n ? n : (uint32_t)rc;
    m->rule = r;
    m->ngroups = (int)set_pairs;
    memcpy(m->ov, ov, 2 * set_pairs * sizeof *m->ov);
    m->start = ov[0];
    m->end = ov[1];
    return 1;
}

int rl_group(const rl_match *m, const char *name, size_t *a, size_t *b)
{
    int n = pcre2_substring_number_from_name(m->rule->re, (PCRE2_SPTR)name);
    if (n <= 0 || n >= m->ngroups)
        return 0;
    if (m->ov[2 * n] == PCRE2_UNSET)
        return 0;
    *a = m->ov[2 * n];
    *b = m->ov[2 * n + 1];
    return 1;
}

int rl_field_may_start(rl_set *set, const char *field, unsigned char c)
{
    const rl_rule *r;
    size_t n = rl_field(set, field, &r);
    for (size_t i = 0; i < n; i++)
        if (rl_starts_on(&r[i], c))
            return 1;
    return 0;
}

int rl_first(rl_set *set, const char *field, const char *s, size_t len, size_t from, int anchored, rl_match *m)
{
    const rl_rule *r;
    size_t n = rl_field(set, field, &r);
    for (size_t i = 0; i < n; i++) {
        int rc = rl_exec(set, &r[i], s, len, from, anchored, m);
        if (rc)
            return rc;
    }
    return 0;
}
