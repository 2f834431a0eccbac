/* gold.c — build/release/tools/gold: scores extracted records against a reference (gold) file.
 *
 *   gold GOLD.json RECORDS.jsonl [--verbose] [--all] [--items] [--document]
 *
 * GOLD.json holds {"doc": NAME, "items": [{code, title, points{target,max}, lead, support, deadline,
 * targets, target_text, monitor}]}; the record whose "source" ends with NAME is compared, or with --all
 * the items of every record in the file taken together (a plan scanned as one document per page).  Each gold
 * item is matched to the extracted item with the same code (the one with the most similar title when a
 * code repeats).  Per field, accuracy = fields equal / gold items; a field the gold item lacks must be
 * absent or empty in the extraction too.  Comparisons are on folded text (no diacritics, lower case,
 * punctuation ignored); titles match when their similarity (1 - edit distance / length) is at least
 * 0.85, which forgives OCR damage to a letter or two per word but not a different title; body lists
 * are compared as multisets of their comma-separated parts; numbers to 1e-6.  Prints one line per field
 * and the mismatches; exit 0, or 2 on bad input.
 *
 * When no record's source ends with NAME, the record whose file name without its extension is NAME is
 * compared (the golds of ../shared/gold name a real plan without its .txt).  --items adds the line
 * "items        precision P (a/b) recall R (c/d)" (gs_score_items: a one-to-one pairing by code, the
 * most similar title first; sections no gold item pairs with are not counted), --document a line
 * "doc.FIELD    1.000 (1/1)" per field of the gold's "document" object (kind, number, date, issuer,
 * province, title).  tools/eval.sh prints both for every gold at once. */
#include "records/goldscore.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = o ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* 1 when the file name of src without its extension is doc. */
static int stem_is(const char *src, const char *doc)
{
    const char *b = strrchr(src, '/'), *dot;
    b = b ? b + 1 : src;
    dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    return n == strlen(doc) && !strncmp(b, doc, n);
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 1.0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gold GOLD.json RECORDS.jsonl [--verbose] [--all] [--items] [--document]\n");
        return 2;
    }
    int verbose = 0, all = 0, items = 0, document = 0;
    for (int a = 3; a < argc; a++) {
        if (!strcmp(argv[a], "--verbose"))
            verbose = 1;
        else if (!strcmp(argv[a], "--all"))
            all = 1;
        else if (!strcmp(argv[a], "--items"))
            items = 1;
        else if (!strcmp(argv[a], "--document"))
            document = 1;
        else {
            fprintf(stderr, "gold: unknown option %s\n", argv[a]);
            return 2;
        }
    }
    json_error_t je;
    json_t *gold = json_load_file(argv[1], 0, &je);
    if (!gold) {
        fprintf(stderr, "gold: %s:%d: %s\n", argv[1], je.line, je.text);
        return 2;
    }
    const char *doc = jstr(gold, "doc");
    json_t *gitems = json_object_get(gold, "items");
    if (!doc || !json_is_array(gitems)) {
        fprintf(stderr, "gold: %s: needs \"doc\" and \"items\"\n", argv[1]);
        json_decref(gold);
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        fprintf(stderr, "gold: %s: cannot open\n", argv[2]);
        json_decref(gold);
        return 2;
    }
    json_t *rec = NULL, *byname = NULL; /* byname: the last record whose file stem is NAME */
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, bad = 0;
    while (!bad && (n = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_t *r = json_loadb(line, (size_t)n, 0, &je);
        if (!r) {
            fprintf(stderr, "gold: %s:%d: %s\n", argv[2], lineno, je.text);
            bad = 1;
            break;
        }
        const char *src = jstr(r, "source");
        size_t sl = src ? strlen(src) : 0, dl = strlen(doc);
        if (all && rec) {
            /* pages loaded as separate documents: one list of items, in file order */
            json_t *into = json_object_get(rec, "items"), *more = json_object_get(r, "items");
            if (json_is_array(into) && json_is_array(more))
                json_array_extend(into, more);
            json_decref(r);
        } else if (all || (src && sl >= dl && !strcmp(src + sl - dl, doc))) {
            json_decref(rec);
            rec = r;
        } else if (src && stem_is(src, doc)) {
            json_decref(byname);
            byname = r;
        } else {
            json_decref(r);
        }
    }
    free(line);
    fclose(f);
    if (!rec) {
        rec = byname;
        byname = NULL;
    }
    json_decref(byname);
    if (bad || !rec) {
        if (!bad)
            fprintf(stderr, "gold: %s: no record whose source ends with %s\n", argv[2], doc);
        json_decref(rec);
        json_decref(gold);
        return 2;
    }
    gs_result r;
    int rc = 0;
    if (gs_score(gitems, json_object_get(rec, "items"), &r) != 0) {
        fprintf(stderr, "gold: %s: record has no items array\n", argv[2]);
        rc = 2;
    } else {
        gs_print(stdout, doc, &r, verbose);
        gs_result_free(&r);
        if (items) {
            gs_items gi;
            gs_score_items(gitems, json_object_get(rec, "items"), 0, NULL, &gi);
            printf("%-12s precision %.3f (%zu/%zu) recall %.3f (%zu/%zu)\n", "items", ratio(gi.pairs, gi.extracted),
                   gi.pairs, gi.extracted, ratio(gi.pairs, gi.gold), gi.pairs, gi.gold);
        }
        json_t *gdoc = json_object_get(gold, "document"), *xdoc = json_object_get(rec, "document");
        for (int k = 0; document && json_is_object(gdoc) && gs_doc_fields[k]; k++) {
            if (!json_object_get(gdoc, gs_doc_fields[k]))
                continue;
            char name[32], *gs, *xs;
            int eq = gs_doc_field_eq(gs_doc_fields[k], gdoc, xdoc, &gs, &xs);
            snprintf(name, sizeof name, "doc.%s", gs_doc_fields[k]);
            printf("%-12s %.3f (%d/1)\n", name, (double)eq, eq);
            if (!eq && verbose)
                printf("  %-6s %-11s gold: %.100s\n  %-6s %-11s got:  %.100s\n", "-", name, gs, "", "", xs);
            free(gs);
            free(xs);
        }
    }
    json_decref(rec);
    json_decref(gold);
    return rc;
}
