/* db/db_schema_ocr.c (prefix pp_schema_) — columns of parplan-ocr's own added after the first schema (see
 * db_schema.c). */

/* documents.ocr_key: the OCR options a scanned document was recognised with (language, model
 * directory, preprocessing version: ocr/store.h store_ocr_key); a rerun with other options recognises
 * it again instead of calling it unchanged.  NULL for text inputs, and for scans loaded before this
 * column, which count as recognised with the defaults. */
const char pp_schema_ocr_v1[] = "ALTER TABLE documents ADD COLUMN ocr_key TEXT;\n";
