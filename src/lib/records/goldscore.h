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
 * file gives it for some item (code, title, points, lead, support and deadline always are; product, a
 * string like deadline, only when given). */
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

/* Item precision and recall (tools/eval): pairs gold items with extracted items one to one — each gold
 * item in order takes the not yet paired extracted item with the same code and the most similar title
 * (gs_score's field matching may give two gold items one extracted item; a pairing never does).  Returns
 * the number of pairs: recall = pairs / gold items, precision = pairs / extracted items.  When `paired`
 * is not NULL it receives, for each extracted item, 1 if it was paired, else 0 (the caller's array of
 * json_array_size(got_items) bytes).  Non-array arguments count as empty. */
size_t gs_pair(json_t *gold_items, json_t *got_items, unsigned char *paired);

/* Item precision and recall counts: pairs (gs_pair), gold items, and the extracted items precision
 * counts: every one except a section (kind "section", a heading the records mark as structure) that no
 * gold item pairs with, unless count_sections.  `paired` as for gs_pair (may be NULL). */
typedef struct gs_items {
    size_t pairs, gold, extracted;
} gs_items;
void gs_score_items(json_t *gold_items, json_t *got_items, int count_sections, unsigned char *paired,
                    gs_items *out);

/* Document fields a gold file's "document" object may give (NULL-terminated). */
extern const char *const gs_doc_fields[];
/* 1 when the document field f of got_doc equals gold_doc's (folded text; the title at GS_TITLE_SIM),
 * else 0; a field missing from both is equal.  When gold_form / got_form are not NULL they receive the
 * compared forms (caller frees). */
int gs_doc_field_eq(const char *f, json_t *gold_doc, json_t *got_doc, char **gold_form, char **got_form);

#endif
