/* eval.c — build/release/tools/eval: the table of `make eval` (tools/eval.sh), extraction scored against
 * every gold file at once, with records/goldscore.c (the scorer of tools/gold and parplan-audit --gold).
 *
 *   eval MANIFEST RECORDS.jsonl [--verbose] [--count-sections]
 *   eval --doc GOLD.json          prints the gold's "doc" (the document it names)
 *
 * MANIFEST has one line per document, fields separated by TABs:
 *   score LABEL LAYOUT FIELD_GOAL ITEM_GOAL GOLD.json SOURCE...
 *   cover LABEL SOURCE...
 * A SOURCE is an input path as given to parplan run; the record whose "source" equals it is used (else
 * the one whose source has the same file name).  Several sources are one document read as several
 * (pages loaded one by one): their items are taken together, in manifest order.
 *
 * For a `score` line it prints one row per scored field: matched/total and accuracy (gs_score: gold
 * items whose field equals the matched extraction / gold items), then the document fields the gold's
 * "document" object gives (doc.kind, doc.number, ...), then item precision and recall (gs_pair: a one-to-
 * one pairing by code, the most similar title first), then a summary row; a row below its goal is marked
 * MISS.  Precision counts every extracted item except a section (kind "section", a heading the records
 * mark as structure) that no gold item pairs with; --count-sections counts those too.  Then an overall
 * line over every scored document.  For a `cover` line (a document without gold) it prints, in a
 * separate coverage table, how many items came out and the fraction that carry a lead, support, a
 * deadline and a target (targets or target_text): coverage, not accuracy.  --verbose adds the
 * mismatches and the extracted items no gold item pairs with.  Exit 0, or 2 on bad input. */
#include "core/err.h"
#include "records/goldscore.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rec {
    const char *source; /* borrowed from json */
    json_t *json;
} rec;

typedef struct recs {
    rec *v;
    size_t n, alloc;
} recs;

typedef struct total {
    long fields_eq, fields_n; /* item fields and document fields */
    long pairs, extracted, gold;
    int miss_rows;
} total;

static int verbose, count_sections;

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = o ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int load_records(const char *path, recs *rs)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "eval: %s: cannot open\n", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, rc = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_error_t je;
        json_t *r = json_loadb(line, (size_t)n, 0, &je);
        if (!r) {
            fprintf(stderr, "eval: %s:%d: %s\n", path, lineno, je.text);
            rc = -1;
            break;
        }
        PP_GROW(rs->v, rs->n + 1, rs->alloc, 16);
        rs->v[rs->n++] = (rec){ jstr(r, "source") ? jstr(r, "source") : "", r };
    }
    free(line);
    fclose(f);
    return rc;
}

/* The record of an input path: same source, else the same file name (the last such record). */
static json_t *find_record(const recs *rs, const char *src)
{
    json_t *byname = NULL;
    for (size_t i = 0; i < rs->n; i++) {
        if (!strcmp(rs->v[i].source, src))
            return rs->v[i].json;
        if (!strcmp(base(rs->v[i].source), base(src)))
            byname = rs->v[i].json;
    }
    return byname;
}

/* The items of the sources taken together (a new array) and the first source's document (borrowed).
 * *missing receives how many sources have no record. */
static json_t *gather(const recs *rs, char **src, int nsrc, json_t **doc, int *missing)
{
    json_t *items = json_array();
    if (!items) {
        fprintf(stderr, "eval: out of memory\n");
        exit(PP_EXIT_NOMEM);
    }
    *doc = NULL;
    *missing = 0;
    for (int s = 0; s < nsrc; s++) {
        json_t *r = find_record(rs, src[s]);
        if (!r) {
            (*missing)++;
            continue;
        }
        if (!*doc)
            *doc = json_object_get(r, "document");
        json_t *more = json_object_get(r, "items");
        if (json_is_array(more))
            json_array_extend(items, more);
    }
    return items;
}

static double ratio(long a, long b)
{
    return b ? (double)a / (double)b : 1.0;
}

/* One table row; `note` (may be NULL) follows the mark.  Returns 1 when the row misses its goal. */
static int row(const char *label, const char *layout, const char *field, long a, long b, double goal,
               const char *note)
{
    char mt[32];
    snprintf(mt, sizeof mt, "%ld/%ld", a, b);
    int miss = ratio(a, b) + 1e-9 < goal;
    printf("%-26s %-6s %-16s %9s  %5.3f  %4.2f%s%s%s\n", label, layout, field, mt, ratio(a, b), goal,
           miss ? "  MISS" : "", note ? "  " : "", note ? note : "");
    return miss;
}

static void header(void)
{
    printf("%-26s %-6s %-16s %9s  %5s  %4s\n", "document", "layout", "field", "matched", "ratio", "goal");
}

static int score_doc(const recs *rs, char **f, int nf, total *all)
{
    if (nf < 7) {
        fprintf(stderr, "eval: score line needs LABEL LAYOUT FIELD_GOAL ITEM_GOAL GOLD SOURCE...\n");
        return -1;
    }
    const char *label = f[1], *layout = f[2], *gpath = f[5];
    double fgoal = atof(f[3]), igoal = atof(f[4]);
    json_error_t je;
    json_t *gold = json_load_file(gpath, 0, &je);
    if (!gold) {
        fprintf(stderr, "eval: %s:%d: %s\n", gpath, je.line, je.text);
        return -1;
    }
    json_t *gitems = json_object_get(gold, "items"), *gdoc = json_object_get(gold, "document"), *xdoc;
    if (!json_is_array(gitems)) {
        fprintf(stderr, "eval: %s: needs \"items\"\n", gpath);
        json_decref(gold);
        return -1;
    }
    int missing;
    json_t *items = gather(rs, f + 6, nf - 6, &xdoc, &missing);
    if (missing)
        printf("%-26s %-6s (no record for %d of its %d inputs: scored as extracting nothing)\n", label, layout,
               missing, nf - 6);
    gs_result r;
    if (gs_score(gitems, items, &r) != 0) {
        fprintf(stderr, "eval: %s: items is not a list\n", gpath);
        json_decref(items);
        json_decref(gold);
        return -1;
    }
    total t = { 0 };
    for (int k = 0; gs_fields[k]; k++) {
        if (!r.f[k].scored)
            continue;
        /* a field no gold item gives (points of a plan without scores): only spurious values count */
        t.miss_rows += row(label, layout, gs_fields[k], r.f[k].equal, (long)r.ngold, fgoal,
                           r.f[k].gold_has ? NULL : "(none in gold)");
        t.fields_eq += r.f[k].equal;
        t.fields_n += (long)r.ngold;
    }
    int ndf = 0;
    char *dmm[16][2];
    const char *dmf[16];
    for (int k = 0; json_is_object(gdoc) && gs_doc_fields[k]; k++) {
        if (!json_object_get(gdoc, gs_doc_fields[k]))
            continue;
        char *gs, *xs, name[32];
        int eq = gs_doc_field_eq(gs_doc_fields[k], gdoc, xdoc, &gs, &xs);
        snprintf(name, sizeof name, "doc.%s", gs_doc_fields[k]);
        t.miss_rows += row(label, layout, name, eq, 1, fgoal, NULL);
        t.fields_eq += eq;
        t.fields_n++;
        if (!eq && ndf < 16) {
            dmf[ndf] = gs_doc_fields[k];
            dmm[ndf][0] = gs;
            dmm[ndf++][1] = xs;
        } else {
            free(gs);
            free(xs);
        }
    }
    size_t nx = json_array_size(items);
    unsigned char *paired = nx ? xcalloc(nx, 1) : NULL;
    gs_items gi;
    gs_score_items(gitems, items, count_sections, paired, &gi);
    long pairs = (long)gi.pairs, counted = (long)gi.extracted;
    t.pairs = pairs;
    t.extracted = counted;
    t.gold = (long)r.ngold;
    t.miss_rows += row(label, layout, "item precision", pairs, counted, igoal, NULL);
    t.miss_rows += row(label, layout, "item recall", pairs, (long)r.ngold, igoal, NULL);
    char sum[160];
    snprintf(sum, sizeof sum, "fields %ld/%ld %.3f, items P %.3f R %.3f, %d row%s below goal", t.fields_eq,
             t.fields_n, ratio(t.fields_eq, t.fields_n), ratio(pairs, counted), ratio(pairs, (long)r.ngold),
             t.miss_rows, t.miss_rows == 1 ? "" : "s");
    printf("%-26s %-6s %-16s %s\n", label, layout, "SUMMARY", sum);
    if (verbose) {
        for (size_t i = 0; i < r.nmm; i++) {
            const gs_mismatch *mm = &r.mm[i];
            const char *code = mm->code ? mm->code : "?";
            if (!mm->got_item) { /* one line for a gold item nothing matched, not one per field */
                if (!strcmp(gs_fields[mm->field], "code"))
                    printf("    %-6s not extracted (no item with this code)\n", code);
                continue;
            }
            printf("    %-6s %-11s gold: %.100s\n    %-6s %-11s got:  %.100s\n", code, gs_fields[mm->field],
                   mm->gold, "", "", mm->got);
        }
        for (int k = 0; k < ndf; k++)
            printf("    %-6s doc.%-7s gold: %.100s\n    %-6s %-11s got:  %.100s\n", "-", dmf[k], dmm[k][0], "", "",
                   dmm[k][1]);
        for (size_t i = 0; i < nx; i++) {
            json_t *x = json_array_get(items, i);
            const char *kind = jstr(x, "kind");
            if (!paired[i] && (count_sections || !kind || strcmp(kind, "section")))
                printf("    %-6s unpaired    %s: %.90s\n", jstr(x, "code") ? jstr(x, "code") : "-", kind ? kind : "?",
                       jstr(x, "title") ? jstr(x, "title") : "");
        }
    }
    for (int k = 0; k < ndf; k++) {
        free(dmm[k][0]);
        free(dmm[k][1]);
    }
    free(paired);
    gs_result_free(&r);
    json_decref(items);
    json_decref(gold);
    all->fields_eq += t.fields_eq;
    all->fields_n += t.fields_n;
    all->pairs += t.pairs;
    all->extracted += t.extracted;
    all->gold += t.gold;
    all->miss_rows += t.miss_rows;
    return 0;
}

static int has_list(json_t *it, const char *k)
{
    json_t *v = json_object_get(it, k);
    return json_is_array(v) && json_array_size(v) > 0;
}

static int has_str(json_t *it, const char *k)
{
    const char *s = jstr(it, k);
    return s && *s;
}

static void cover_doc(const recs *rs, char **f, int nf)
{
    json_t *doc;
    int missing;
    json_t *items = gather(rs, f + 2, nf - 2, &doc, &missing);
    long n = 0, sections = 0, lead = 0, support = 0, deadline = 0, target = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *kind = jstr(it, "kind");
        if (kind && !strcmp(kind, "section")) {
            sections++;
            continue;
        }
        n++;
        lead += has_list(it, "lead");
        support += has_list(it, "support");
        deadline += has_str(it, "deadline");
        target += has_list(it, "targets") || has_str(it, "target_text");
    }
    if (missing)
        printf("%-26s (no record for %d of its %d inputs)\n", f[1], missing, nf - 2);
    char c[4][24];
    long v[4] = { lead, support, deadline, target };
    for (int k = 0; k < 4; k++)
        snprintf(c[k], sizeof c[k], "%.2f (%ld)", ratio(v[k], n), v[k]);
    printf("%-26s %5ld %8ld  %-11s %-11s %-11s %-11s\n", f[1], n, sections, c[0], c[1], c[2], c[3]);
    json_decref(items);
}

/* Splits a manifest line at TABs (in place); returns the number of fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *p = line; n < max;) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = 0;
        p = t + 1;
    }
    return n;
}

static int print_doc(const char *path)
{
    json_error_t je;
    json_t *g = json_load_file(path, 0, &je);
    if (!g) {
        fprintf(stderr, "eval: %s:%d: %s\n", path, je.line, je.text);
        return 2;
    }
    const char *doc = jstr(g, "doc");
    if (doc)
        printf("%s\n", doc);
    else
        fprintf(stderr, "eval: %s: no \"doc\"\n", path);
    json_decref(g);
    return doc ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--doc"))
        return print_doc(argv[2]);
    if (argc < 3) {
        fprintf(stderr, "usage: eval MANIFEST RECORDS.jsonl [--verbose] [--count-sections]\n"
                        "       eval --doc GOLD.json\n");
        return 2;
    }
    for (int a = 3; a < argc; a++) {
        if (!strcmp(argv[a], "--verbose"))
            verbose = 1;
        else if (!strcmp(argv[a], "--count-sections"))
            count_sections = 1;
        else {
            fprintf(stderr, "eval: unknown option %s\n", argv[a]);
            return 2;
        }
    }
    recs rs = { 0 };
    int rc = load_records(argv[2], &rs) ? 2 : 0;
    FILE *m = rc ? NULL : fopen(argv[1], "r");
    if (!rc && !m) {
        fprintf(stderr, "eval: %s: cannot open\n", argv[1]);
        rc = 2;
    }
    char *line = NULL;
    size_t cap = 0;
    total all = { 0 };
    int ndocs = 0, ncover = 0, pass;
    /* two passes over the manifest: the scored documents' table, then the coverage table */
    for (pass = 0; m && !rc && pass < 2; pass++) {
        rewind(m);
        while (!rc && getline(&line, &cap, m) > 0) {
            char *f[64];
            int nf = split(line, f, 64);
            if (pass == 0 && !strcmp(f[0], "score")) {
                if (!ndocs++)
                    header();
                rc = score_doc(&rs, f, nf, &all) ? 2 : 0;
            } else if (pass == 1 && !strcmp(f[0], "cover") && nf >= 3) {
                if (!ncover++)
                    printf("\nCOVERAGE of documents without gold (share of items carrying the field; not accuracy)\n"
                           "%-26s %5s %8s  %-11s %-11s %-11s %-11s\n", "document", "items", "sections", "lead",
                           "support", "deadline", "target");
                cover_doc(&rs, f, nf);
            }
        }
        if (pass == 0 && ndocs && !rc)
            printf("%-26s %-6s %-16s fields %ld/%ld %.3f, items P %ld/%ld %.3f R %ld/%ld %.3f; %d document%s, %d "
                   "row%s below goal\n",
                   "OVERALL", "", "", all.fields_eq, all.fields_n, ratio(all.fields_eq, all.fields_n), all.pairs,
                   all.extracted, ratio(all.pairs, all.extracted), all.pairs, all.gold, ratio(all.pairs, all.gold),
                   ndocs, ndocs == 1 ? "" : "s", all.miss_rows, all.miss_rows == 1 ? "" : "s");
    }
    if (m)
        fclose(m);
    free(line);
    for (size_t i = 0; i < rs.n; i++)
        json_decref(rs.v[i].json);
    free(rs.v);
    return rc;
}
