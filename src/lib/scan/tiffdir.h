/* scan/tiffdir.h (prefix tiffdir_) — the page directory of a TIFF, read once: where each page's IFD is and
 * the width and height it declares, without decoding anything.
 *
 * Leptonica reaches page i of a multi-page TIFF by walking the i directories before it (pixReadTiff,
 * readHeaderTiff: TIFFSetDirectory), so checking and decoding every page of a 5,000-page TIFF walked
 * 12.5 million directories (62 s).  Walking the chain once here gives every page's size for the pixel
 * limit before any decoding, and its offset; even a jump to an offset walks the chain in libtiff (it
 * numbers the directory it lands on), so tiffdir_pix hands Leptonica a private mapping of the file whose
 * header names that page's directory first.
 * Classic TIFF and BigTIFF, either byte order; a directory chain that loops or leaves the file is an
 * error, not a page count. */
#ifndef PARPLAN_TIFFDIR_H
#define PARPLAN_TIFFDIR_H

#include <stddef.h>
#include <stdint.h>

#include <leptonica/allheaders.h>

#include "core/err.h"

typedef struct tiffdir_page {
    uint64_t offset;  /* of its IFD */
    long w, h;        /* ImageWidth, ImageLength; 0 when absent */
} tiffdir_page;

typedef struct tiffdir {
    tiffdir_page *pages;
    size_t n;
    int big_endian, big_tiff;
} tiffdir;

/* Reads the chain of the file at `path` into d (at least 1 page on success).  PP_EXIT_INPUT naming the
 * file (and the page) when it is not a TIFF, is truncated, or its chain loops. */
int tiffdir_read(const char *path, tiffdir *d, pp_err *e);
/* Decodes page i (0-based) of the file d was read from, in time independent of i; NULL when it cannot. */
PIX *tiffdir_pix(const char *path, const tiffdir *d, size_t i);
void tiffdir_free(tiffdir *d);

#endif
