/* fuzz_image.c — the image and PDF paths: any bytes, sniffed as parplan-ocr does, go through input_open
 * (the declared sizes: image headers, scan/tiffdir's TIFF chain, scan/pdfimg's PDF image dictionaries,
 * Leptonica and Poppler) and each page is decoded (input_page), under a small pixel limit so a run stays
 * fast.  Must never crash, overread or hang; a page that decodes must have the size that was checked. */
#include "scan/input.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 4 Mpx: a 2000x2000 page; enough for every format's paths, small enough for thousands of runs a second. */
#define FUZZ_MAX_PIXELS 4000000L
#define FUZZ_MAX_PAGES 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    if (!quiet) {
        setMsgSeverity(L_SEVERITY_NONE); /* Leptonica's own messages */
        quiet = 1;
    }
    enum pp_format fmt = input_sniff(data, size < PP_SNIFF_BYTES ? size : PP_SNIFF_BYTES);
    if (fmt == FMT_TEXT)
        return 0; /* text has its own target (fuzz_textdoc) */
    /* the decoders read files: one per process, rewritten for each input */
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fuzz_image.%ld", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size) {
        if (f)
            fclose(f);
        return 0;
    }
    fclose(f);
    pp_err e;
    pp_err_clear(&e);
    pp_input *in = NULL;
    if (input_open(path, fmt, FUZZ_MAX_PIXELS, &in, &e) == PP_OK) {
        for (int i = 0; i < in->npages && i < FUZZ_MAX_PAGES; i++) {
            PIX *pix = NULL;
            pp_err pe;
            pp_err_clear(&pe);
            if (input_page(in, i, &pix, &pe) == PP_OK) {
                /* what was decoded is within the limit that was checked */
                if (!pix || (long)pixGetWidth(pix) * pixGetHeight(pix) > FUZZ_MAX_PIXELS)
                    abort();
                pixDestroy(&pix);
            } else if (pe.code == PP_OK || !pe.msg[0]) {
                abort(); /* a refusal always says why */
            }
        }
        input_close(in);
    } else if (e.code == PP_OK || !e.msg[0]) {
        abort();
    }
    unlink(path);
    return 0;
}
