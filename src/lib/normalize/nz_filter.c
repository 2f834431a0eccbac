/* normalize/nz_filter.c (prefix nz_) — see nz_filter.h. */
#include "normalize/nz_filter.h"
#include "core/err.h"
#include "core/fsutil.h"
#include "core/strbuf.h"
#include "text/encodings.h"

#include <stdlib.h>

int nz_filter(FILE *in, FILE *out, const nz_opts *o, const lm_model *lm)
{
    strbuf inb = STRBUF_INIT;
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, in)) > 0) {
        if (inb.len + k > PP_MAX_TEXT_BYTES) {
            sb_free(&inb);
            pp_error("standard input: larger than %zu bytes", (size_t)PP_MAX_TEXT_BYTES);
            return PP_EXIT_NOMEM;
        }
        sb_add(&inb, buf, k);
    }
    if (ferror(in)) {
        sb_free(&inb);
        pp_error("standard input: read error");
        return PP_EXIT_INPUT;
    }
    int enc = o->from >= 0 ? o->from : enc_detect(sb_str(&inb), inb.len, NULL);
    size_t len;
    char *u = enc_decode(enc, sb_str(&inb), inb.len, &len);
    sb_free(&inb);
    if (!u) {
        pp_error("standard input: not valid %s", enc_name(enc));
        return PP_EXIT_INPUT;
    }
    if (!o->quiet && o->from < 0)
        pp_info("standard input: encoding %s", enc_name(enc));
    nz_result r;
    /* Standard input has no page method: treat it as OCR text when restoring (the OCR confusions only
     * apply to words the model does not know as they are). */
    int restore_ok = o->restore != NZ_RESTORE_AUTO || nz_marked_share(u, len) <= NZ_CLEAN_SHARE || o->vie;
    int chan = o->vie ? NZ_CHAN_VIE : o->typed ? NZ_CHAN_TYPED : NZ_CHAN_OCR;
    nz_opts fo = *o;
    fo.text_only = 1; /* only the text is written */
    if (nz_text(u, len, chan, &fo, lm, restore_ok, &r)) {
        free(u);
        pp_error("standard input: not valid UTF-8 after decoding");
        return PP_EXIT_INPUT;
    }
    free(u);
    int bad = fwrite(r.text, 1, r.len, out) != r.len || fflush(out) != 0;
    nz_result_free(&r);
    if (bad) {
        pp_error("standard output: write error");
        return PP_EXIT_FAILED;
    }
    return PP_OK;
}
