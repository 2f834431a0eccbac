/* extract/extract_doc_header_boxes.c (prefix ex_) — the word boxes of an OCR'd header line, read-only
 * from the words table: whether the number after "Số:" was written by hand.  A signed scan's number is
 * inked in by the office after printing (Nghị định 30/2020/NĐ-CP leaves it blank); an OCR engine reads
 * the ink with a confidence far below the print around it ("Số: 03 /TTr-UBND": "03" at 55 where the
 * page's print is at 90 and more; the document is 09/TTr-UBND), so such a reading is no number. */
#include "extract/extract-ll.h"

#include <string.h>

#include <sqlite3.h>

/* Below this confidence a number's word is ink, not print (Tesseract, vie: print 80-97, the real
 * signed scans' handwritten numbers 33-56). */
#define EX_INK_CONF 70.0

int ex_number_inked(ex_doc *x, size_t i)
{
    const sg_line *l = &x->d.lines[i];
    if (l->conf < 0) /* a text input: no word boxes */
        return 0;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(x->st->db->h,
                           "SELECT w.text, w.confidence FROM words w JOIN lines l ON l.id = w.line_id "
                           "JOIN pages p ON p.id = l.page_id WHERE p.document_id = ?1 AND p.number = ?2 "
                           "AND l.number = ?3 ORDER BY w.number",
                           -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, x->doc_id);
    sqlite3_bind_int(q, 2, l->page);
    sqlite3_bind_int(q, 3, l->number);
    /* the words between "Số:" and the symbol's '/' that hold a digit: the pen fills a gap the print left
     * ("Số: 09  /TTr-UBND"), so inked digits are words of their own; digits in the symbol's word
     * ("157/QĐ-NĐ-UB", a typewriter's, read at 37 for its damaged letters) were printed with it */
    double low = 101;
    int rc, seen_so = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(q, 0);
        double c = sqlite3_column_double(q, 1);
        if (!w)
            continue;
        if (!seen_so) {
            seen_so = 1; /* the line's first word is "Số:" (the number rule starts the line) */
            w = strchr(w, ':') ? strchr(w, ':') + 1 : "";
        }
        const char *slash = strchr(w, '/');
        size_t n = slash ? 0 : strlen(w);
        for (size_t k = 0; k < n; k++)
            if (w[k] >= '0' && w[k] <= '9') {
                if (c < low)
                    low = c;
                break;
            }
        if (slash)
            break;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    return low < EX_INK_CONF;
}
