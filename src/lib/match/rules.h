/* match/rules.h (prefix rl_) — the rule language of parplan-extract: named PCRE2 patterns, each filling one
 * field with a priority, read from rules/NAME.rules.
 *
 * A rule line is   FIELD NAME PRIORITY PATTERN   (PATTERN runs to the end of the line; a following line
 * that starts with white space continues it).  Patterns are matched against folded text (fold.h: no
 * diacritics, đ -> d, lower case, OCR confusions undone), so they are written in lower-case ASCII.  They
 * are compiled once with UTF + UCP and JIT, and matched with PCRE2_NO_UTF_CHECK because the folded text
 * is validated when it is made.  rules/README.md documents the fields and named groups. */
#ifndef PARPLAN_RULES_H
#define PARPLAN_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#include "core/err.h"
#include "core/hash.h"

#define RL_MAX_GROUPS 16

typedef struct rl_rule {
    char *field;    /* "points", "label.lead", "doc.number" ... */
    char *name;     /* unique within the set, stored with every value the rule produced */
    int priority;   /* higher first */
    int seq;        /* order of definition (ties) */
    char *file;     /* where it was defined, for messages */
    int line;
    pcre2_code *re;
    int jit;        /* compiled by the JIT: matched with pcre2_jit_match */
    char *pattern;  /* as written, for re_anchored */
    /* the pattern compiled anchored (PCRE2_ANCHORED) and JIT-compiled at its first anchored match away
     * from the subject's start, which JIT code compiled unanchored cannot do; NULL before, or when the JIT
     * is off (the interpreter anchors at match time) */
    pcre2_code *re_anchored;
    int anchored_state; /* 0 not tried, 1 re_anchored is ready, -1 use the interpreter */
    int self_anchored; /* the pattern can only match at the subject's start (a leading ^) */
    /* what PCRE2 knows of every match (pcre2_pattern_info), to turn a hopeless anchored try away before
     * the interpreter sets a match up: a line's classification tries a dozen rules at its start */
    size_t min_len;    /* no match is shorter */
    int has_first;     /* first: the bytes a match can start with (bit c % 8 of first[c / 8]) */
    unsigned char first[32];
    int last;          /* a byte every match holds (PCRE2's last code unit, not a letter), else -1 */
} rl_rule;

typedef struct rl_set {
    rl_rule *v;     /* sorted by field, then priority (descending), then seq */
    size_t n, alloc;
    int sorted;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jstack; /* the JIT code's stack, made once (see rl_new) */
    pcre2_match_data *md;
    char hash[PP_HASH_HEX]; /* of every rule and list file read (rl_load_dir) */
    size_t gave_up;         /* matches abandoned at the match or depth limit (catastrophic patterns) */
    /* rl_field's answers by the address of the field name (open addressing), checked by name, so any
     * caller is right: the stages ask for the same few dozen fields, by string literals, for every item
     * and line */
    struct rl_field_memo {
        const char *key;
        char name[32];
        size_t lo, n;
    } memo[128];
} rl_set;

typedef struct rl_match {
    const rl_rule *rule;
    size_t start, end;                 /* of the whole match */
    size_t ov[2 * RL_MAX_GROUPS];      /* group spans, PCRE2_UNSET when a group did not take part */
    int ngroups;                       /* pairs of ov this match set: a group numbered from here on did not take part */
} rl_match;

rl_set *rl_new(void);
void rl_free(rl_set *set);
/* Parses one rule file held in memory; `path` names it in messages ("path:line: what"). */
int rl_parse(rl_set *set, const char *path, const char *text, size_t len, pp_err *e);
/* Reads every DIR/NAME.rules (sorted) and hashes them together with the lists (DIR/NAME.txt). */
int rl_load_dir(const char *dir, rl_set **out, pp_err *e);
/* The rules of one field in priority order: returns how many and sets *first. */
size_t rl_field(rl_set *set, const char *field, const rl_rule **first);
/* Finds the first match of r in s[0..len) at or after `from`.  1 found, 0 none, -1 error (match limit). */
int rl_exec(rl_set *set, const rl_rule *r, const char *s, size_t len, size_t from, int anchored, rl_match *m);
/* Span of a named group of a match: 1 when the group took part. */
int rl_group(const rl_match *m, const char *name, size_t *a, size_t *b);
/* Whether some rule of `field` may match, anchored, at a subject whose first byte is c (the rules'
 * first bytes, as rl_exec refuses an anchored try): 0 only when none can. */
int rl_field_may_start(rl_set *set, const char *field, unsigned char c);
/* Tries each rule of `field` in priority order; the first that matches wins.  1, 0 or -1 as rl_exec. */
int rl_first(rl_set *set, const char *field, const char *s, size_t len, size_t from, int anchored, rl_match *m);

#endif
