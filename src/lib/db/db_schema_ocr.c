/* db/db_schema_ocr.c (prefix pp_schema_) — columns of parplan-ocr's own added after the first schema (see
 * db_schema.c). */

/* documents.ocr_key: the OCR options a scanned document was recognised with (language, model
 * directory, preprocessing version: ocr/store.h store_ocr_key); a rerun with other options recognises
 * it again instead of calling it unchanged.  NULL for text inputs, and for scans loaded before this
 * column, which count as recognised with the defaults. */
const char pp_schema_ocr_v1[] = "ALTER TABLE documents ADD COLUMN ocr_key TEXT;\n";

/* What parplan-ocr did to each page (migration 11 -> 12):
 *
 *   pages.prep                preprocessing steps, in order ("gray,bgnorm,deskew,upscale=1.50"), and
 *                             the Tesseract models ("lang=vie+Vietnamese"); NULL for text inputs
 *   pages.orientation         0, 90, 180 or 270: clockwise degrees the page was turned by to stand upright
 *   pages.orientation_conf    the detector's confidence for it (Leptonica pixOrientDetect)
 *   pages.orientation_unsure  1 when no orientation was clearly better (the page was read as it came)
 *   pages.text_source         'ocr' (recognised), 'pdf' (the PDF's own text layer) or 'file' (a text
 *                             input); NULL on pages loaded before this migration */
/* documents.source_abs (migration 14 -> 15): the absolute path (symbolic links resolved) the document was
 * loaded from.  A document is its content plus where it came from: a file whose content changed replaces
 * only its own older version, found by this path; matched by `source`, as given, the same relative name
 * loaded from another directory ("plan.txt" in two folders) deleted the other folder's document.  NULL on
 * documents loaded before it, which are replaced only when their `source` is that absolute path. */
const char pp_schema_ocr_v4[] =
    "ALTER TABLE documents ADD COLUMN source_abs TEXT;\n"
    "CREATE INDEX documents_source_abs ON documents(source_abs);\n";

const char pp_schema_ocr_v2[] =
    "ALTER TABLE pages ADD COLUMN prep TEXT;\n"
    "ALTER TABLE pages ADD COLUMN orientation INTEGER;\n"
    "ALTER TABLE pages ADD COLUMN orientation_conf REAL;\n"
    "ALTER TABLE pages ADD COLUMN orientation_unsure INTEGER;\n"
    "ALTER TABLE pages ADD COLUMN text_source TEXT CHECK (text_source IN ('ocr','pdf','file'));\n";

/* What parplan-ocr's preprocessing was unsure of on a page (migration 13 -> 14), so the page is flagged,
 * never silently kept (the audit flags its values "unsure page"); NULL when it was sure:
 *
 *   pages.prep_unsure   comma-separated: "skew" (a page with text whose skew could not be measured: read
 *                       as it came), "ink" (read with and without its coloured ink, the two mean word
 *                       confidences within 1 point: the choice is a guess), "layer" (a PDF text layer whose
 *                       share of the page's ink is within 0.1 of the threshold it was judged by) */
const char pp_schema_ocr_v3[] = "ALTER TABLE pages ADD COLUMN prep_unsure TEXT;\n";
