/* ocr/engine.h (prefix engine_) — one Tesseract engine (C API), created once per worker and reused for every
 * page it recognises: loading the model costs far more than a page's layout pass. */
#ifndef PARPLAN_ENGINE_H
#define PARPLAN_ENGINE_H

#include <leptonica/allheaders.h>

#include "core/err.h"
#include "scan/page.h"

typedef struct pp_engine pp_engine;

/* datapath NULL: Tesseract's default (or $TESSDATA_PREFIX).  Fails with PP_EXIT_ENV if the model
 * for `lang` is missing. */
int engine_new(const char *datapath, const char *lang, pp_engine **out, pp_err *e);
/* Recognises `pix` (already prepared) and appends lines and words to `page`; sets page->text.  Lines
 * holding a weak word are read a second time (engine_read_again). */
int engine_recognize(pp_engine *eng, PIX *pix, int dpi, pp_page *page, const char *path, pp_err *e);
/* Cell by cell: engine_set_image once, then engine_recognize_rect for each rectangle, then
 * engine_clear.  A rectangle is read as one block of text (page segmentation mode 6), so the text of a
 * cell never mixes with its neighbours'.  Its words (page coordinates) are appended to page->words
 * without lines; *first and *n say which.  Returns PP_OK, or PP_EXIT_INPUT when Tesseract failed. */
int engine_set_image(pp_engine *eng, PIX *pix, int dpi);
int engine_recognize_rect(pp_engine *eng, const pp_box *r, pp_page *page, size_t *first, size_t *n);
void engine_clear(pp_engine *eng);
/* Between engine_set_image and engine_clear: page segmentation mode `psm` (a TessPageSegMode, 0 keeps
 * the current one) and a character whitelist (NULL or "" for none) for the next rectangles.  Reset the
 * whitelist (NULL) before engine_clear: Tesseract keeps variables across images. */
void engine_rect_options(pp_engine *eng, int psm, const char *whitelist);
/* Second readings (engine.c explains why): when one of the words [*first, *first + *n) of `page` is
 * weak (its confidence is under the read-again threshold), the rectangle `r` of `pix` holding them is read again on an image of its own,
 * stretched across, in page segmentation mode `psm` (a TessPageSegMode), and the better reading is kept:
 *   READ_AGAIN_SAME     nothing changed (no weak word, no better reading, or the reading failed)
 *   READ_AGAIN_IN_PLACE the same words at the same places: some took their second reading, in place
 *   READ_AGAIN_MOVED    the second reading replaces the words: *first and *n now name it, at the end of
 *                       page->words; the old words' text is freed (NULL) for the caller to drop them.
 * engine_recognize does this for its lines itself.  The engine's image is replaced: call between
 * pages or cell passes, not between engine_set_image and engine_recognize_rect. */
enum { READ_AGAIN_SAME, READ_AGAIN_IN_PLACE, READ_AGAIN_MOVED };
int engine_read_again(pp_engine *eng, PIX *pix, const pp_box *r, int dpi, int psm, pp_page *page, size_t *first,
                      size_t *n);
void engine_free(pp_engine *eng);

#endif
