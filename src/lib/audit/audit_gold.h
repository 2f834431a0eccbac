/* audit/audit_gold.h (prefix audit_gold_) — parplan-audit --gold: one document's records scored against its
 * reference records (goldscore.h), printed like tools/gold, and with --out a gold.html listing every
 * mismatch beside the source of the extracted value.
 *
 * The records scored are records/recbuild.h's, the ones parplan-records writes: an auditor's correction
 * of a text field or body list counts (gold.html then says who corrected the value), so this and
 * tools/gold on parplan-records' output print the same report.  Why corrections count, and which do,
 * is in recbuild.h. */
#ifndef PARPLAN_AUDIT_GOLD_H
#define PARPLAN_AUDIT_GOLD_H

#include "db/db.h"

/* gold_path: {"doc": NAME, "items": [...]}; the extracted document whose source ends with NAME is
 * scored.  out_dir NULL: print only. */
int audit_gold_report(pp_db *db, const char *gold_path, const char *out_dir, const char *root, pp_err *e);

#endif
