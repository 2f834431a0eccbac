/* records/goldscore.h (prefix gs_) — scoring extracted items against reference (gold) items, shared by
 * tools/gold (records files) and parplan-audit --gold (the database), so both report the same numbers.
 *
 * Items are jansson objects in the records format ({code, title, points{target,max}, lead[], support[],
 * monitor[], deadline, targets[{value,unit}], target_text}).  Each gold item is matched to the extracted
 * item with the same code (the most similar title when a code repeats).  Per field:
 *   accuracy  = gold items whose field equals the matched extraction / gold items
 *   precision = equal and non-empty / non-empty in the matched extractions
 *   recall    = equal and non-empty / non-empty in gold
 * Comparisons are on folded text (no diacritics, lower case, punctuation ignored); titles match at a
 * similarity of 0.85 (1 - edit distance / length); body lists as multisets of their comma-separated
 * parts; targets as multisets of (value, unit); numbers to 1e-6.  A field is scored only when the gold
 * file gives it for some item (code, title, points, lead, support and deadline always are). */
#ifndef PARPLAN_GOLDSCORE_H
#define PARPLAN_GOLDSCORE_H

#include <jansson.h>
#include <stdio.h>

#define GS_TITLE_SIM 0.85
#define GS_MAX_FIELDS 16

extern const char *const gs_fields[]; /* NULL-terminated */

typedef struct gs_field {
    int scored;
    int equal;    /* gold items whose field matched */
    int gold_has; /* non-empty in gold */
    int got_has;  /* non-empty in the matched extraction */
    int both;     /* equal and non-empty */
} gs_field;

typedef struct gs_mismatch {
    size_t gold_index;
    const char *code;     /* borrowed from the gold item */
    int field;            /* index in gs_fields */
    char *gold, *got;     /* comparison forms */
    json_t *got_item;     /* borrowed: the matched extracted item, NULL when none */
} gs_mismatch;

typedef struct gs_result {
    size_t ngold, nmatched, nextracted;
    gs_field f[GS_MAX_FIELDS];
    gs_mismatch *mm;
    size_t nmm;
} gs_result;

/* Scores; returns 0, or -1 on bad input (items not arrays). */
int gs_score(json_t *gold_items, json_t *got_items, gs_result *r);
void gs_result_free(gs_result *r);
/* Prints "DOC: N gold items, ..." then one line per scored field
 * ("title        0.950 (19/20) precision 0.950 recall 0.950"), then the mismatches when verbose. */
void gs_print(FILE *f, const char *doc, const gs_result *r, int verbose);
/* Similarity of two strings: 1 - edit distance / longer length. */
double gs_similarity(const char *a, const char *b);

#endif
