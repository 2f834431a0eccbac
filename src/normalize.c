/* normalize.c — main of bin/parplan-normalize: normalizes stored page text: legacy encodings decoded,
 * Unicode NFC with stacked marks in order, one tone-placement style, folded search keys with an FTS5
 * index, and (--restore) diacritics restored with the syllable language model.  The original text is
 * never changed: results go to documents_norm, pages_norm, lines_norm, pages_fts and lines_fts.
 *
 * Filter mode (`parplan-normalize [--restore] [--from ENC] < in.txt > out.txt`, or `-` as argument)
 * normalizes standard input to standard output without a database; it is chosen when no --db is given
 * and standard input is a pipe or a file. */
#include "core/cli.h"
#include "db/db.h"
#include "text/encodings.h"
#include "core/err.h"
#include "text/fold.h"
#include "core/fsutil.h"
#include "text/lm.h"
#include "core/strbuf.h"
#include "text/unorm.h"
#include "text/viet.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

static const char usage[] =
    "usage: parplan-normalize [--db FILE] [--restore] [--tone-style old|new] [--from ENC] [--model FILE]\n"
    "                         [--force] [-q] [--help] [--version] [-]\n"
    "  normalizes stored page text: Unicode NFC, tone placement, legacy encodings, diacritics restoration.\n"
    "  --db FILE          database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  --restore          restore missing diacritics (pages OCR'd without the Vietnamese model, text typed\n"
    "                     without marks) with the language model\n"
    "  --tone-style S     old (hòa, thủy: legal texts; default) or new (hoà, thuỷ)\n"
    "  --from ENC         input encoding instead of detecting it: utf-8 tcvn3 vni viscii cp1258 viqr\n"
    "  --model FILE       language model (default: $PARPLAN_LM, else lm/vi.lm beside the build)\n"
    "  --force            redo documents already normalized with the same options\n"
    "  -q                 quiet\n"
    "  --typed            filter mode: the input was typed without marks (not OCR output), so only\n"
    "                     diacritics are restored, no OCR letter confusions\n"
    "  -                  filter: normalize standard input to standard output (also chosen when no --db is\n"
    "                     given and standard input is a pipe or a file)\n"
    "exit: 0 ok, 1 some documents failed, 2 usage, 3 bad input, 4 database error, 6 model missing\n";

typedef struct nz_opts {
    int restore, style, from, force, quiet;
    int typed; /* filter mode: text typed without marks, not OCR output (no OCR confusions) */
    const char *model;
} nz_opts;

/* Pages whose words mostly carry marks already are clean text: restoration would only risk damage. */
#define NZ_CLEAN_SHARE 0.25

/* ---- text ---------------------------------------------------------------------------------------- */

/* Share of letter words that carry a Vietnamese mark or đ. */
static double nz_marked_share(const char *s, size_t n)
{
    size_t words = 0, marked = 0;
    int in = 0, mk = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i <= n;) {
        utf8proc_int32_t c = ' ';
        utf8proc_ssize_t k = 1;
        if (i < n && (k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c)) < 0)
            k = 1;
        i += (size_t)k;
        int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        if (c >= 0xC0 && utf8proc_category(c) >= UTF8PROC_CATEGORY_LU && utf8proc_category(c) <= UTF8PROC_CATEGORY_LO) {
            letter = 1;
            mk = 1;
        }
        if (letter) {
            in = 1;
            continue;
        }
        if (in) {
            words++;
            marked += (size_t)mk;
        }
        in = mk = 0;
    }
    return words ? (double)marked / (double)words : 0;
}

typedef struct nz_result {
    char *text, *key;
    size_t len;
    int restored, changed;
    strbuf conf; /* JSON */
} nz_result;

static void nz_result_free(nz_result *r)
{
    free(r->text);
    free(r->key);
    sb_free(&r->conf);
    memset(r, 0, sizeof *r);
}

/* Normalizes (and restores) one UTF-8 text.  Returns 0, or -1 when it is not valid UTF-8. */
static int nz_text(const char *s, size_t n, int ocr, const nz_opts *o, const lm_model *lm, int restore_ok,
                   nz_result *r)
{
    memset(r, 0, sizeof *r);
    size_t len;
    char *t = unorm_text(s, n, o->style, &len);
    if (!t)
        return -1;
    if (o->restore && lm && restore_ok) {
        lm_word *w = NULL;
        size_t nw = 0, rl;
        char *rt = lm_restore(lm, t, len, ocr ? LM_OCR : 0, o->style, &rl, &w, &nw);
        if (!rt) {
            free(t);
            return -1;
        }
        free(t);
        t = rt;
        len = rl;
        r->restored = 1;
        sb_addc(&r->conf, '[');
        for (size_t i = 0; i < nw; i++) {
            sb_addf(&r->conf, "%s[%zu,%zu,%.3f,%d]", i ? "," : "", w[i].off, w[i].len, (double)w[i].conf,
                    w[i].changed);
            r->changed += w[i].changed;
        }
        sb_addc(&r->conf, ']');
        free(w);
    }
    r->text = t;
    r->len = len;
    r->key = fold_dup(t, len, ocr && !r->restored ? FOLD_OCR : FOLD_PLAIN);
    if (!r->key) {
        nz_result_free(r);
        return -1;
    }
    return 0;
}

/* The bytes behind a Latin-1-style placeholder decode (code points < 256 -> bytes); NULL if it is not one. */
static char *nz_latin1_bytes(const char *s, size_t n, size_t *outlen)
{
    char *b = xmalloc(n + 1);
    size_t k = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (l < 0 || c > 0xFF) {
            free(b);
            return NULL;
        }
        b[k++] = (char)c;
        i += (size_t)l;
    }
    b[k] = '\0';
    *outlen = k;
    return b;
}

/* ---- filter mode --------------------------------------------------------------------------------- */

static int nz_filter(const nz_opts *o, const lm_model *lm)
{
    strbuf in = STRBUF_INIT;
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, stdin)) > 0) {
        if (in.len + k > PP_MAX_TEXT_BYTES) {
            sb_free(&in);
            pp_error("standard input: larger than %zu bytes", (size_t)PP_MAX_TEXT_BYTES);
            return PP_EXIT_NOMEM;
        }
        sb_add(&in, buf, k);
    }
    if (ferror(stdin)) {
        sb_free(&in);
        pp_error("standard input: read error");
        return PP_EXIT_INPUT;
    }
    int enc = o->from >= 0 ? o->from : enc_detect(sb_str(&in), in.len, NULL);
    size_t len;
    char *u = enc_decode(enc, sb_str(&in), in.len, &len);
    sb_free(&in);
    if (!u) {
        pp_error("standard input: not valid %s", enc_name(enc));
        return PP_EXIT_INPUT;
    }
    if (!o->quiet && o->from < 0)
        pp_info("standard input: encoding %s", enc_name(enc));
    nz_result r;
    /* Standard input has no page method: treat it as OCR text when restoring (the OCR confusions only
     * apply to words the model does not know as they are). */
    if (nz_text(u, len, !o->typed, o, lm, 1, &r)) {
        free(u);
        pp_error("standard input: not valid UTF-8 after decoding");
        return PP_EXIT_INPUT;
    }
    free(u);
    int bad = fwrite(r.text, 1, r.len, stdout) != r.len || fflush(stdout) != 0;
    nz_result_free(&r);
    if (bad) {
        pp_error("standard output: write error");
        return PP_EXIT_FAILED;
    }
    return PP_OK;
}

/* ---- database mode ------------------------------------------------------------------------------- */

typedef struct nz_stmts {
    sqlite3_stmt *docs, *done, *pages, *lines, *del_pfts, *del_lfts, *put_doc, *put_page, *put_line,
        *put_pfts, *put_lfts;
} nz_stmts;

static int nz_prepare(pp_db *db, nz_stmts *st, pp_err *e)
{
    return db_prepare(db, &st->docs, "SELECT id, source, encoding FROM documents ORDER BY id", e) ||
           db_prepare(db, &st->done, "SELECT options FROM documents_norm WHERE document_id = ?", e) ||
           db_prepare(db, &st->pages, "SELECT id, number, method, text, raw FROM pages WHERE document_id = ? "
                                      "ORDER BY number", e) ||
           db_prepare(db, &st->lines, "SELECT id, number, text FROM lines WHERE page_id = ? ORDER BY number", e) ||
           db_prepare(db, &st->del_pfts, "DELETE FROM pages_fts WHERE rowid IN (SELECT id FROM pages "
                                         "WHERE document_id = ?1)", e) ||
           db_prepare(db, &st->del_lfts, "DELETE FROM lines_fts WHERE rowid IN (SELECT l.id FROM lines l "
                                         "JOIN pages p ON p.id = l.page_id WHERE p.document_id = ?1)", e) ||
           db_prepare(db, &st->put_doc, "INSERT OR REPLACE INTO documents_norm (document_id, encoding_detected, "
                                        "encoding_margin, options, run_id) VALUES (?, ?, ?, ?, ?)", e) ||
           db_prepare(db, &st->put_page, "INSERT OR REPLACE INTO pages_norm (page_id, text, key, encoding, "
                                         "tone_style, restored, changed) VALUES (?, ?, ?, ?, ?, ?, ?)", e) ||
           db_prepare(db, &st->put_line, "INSERT OR REPLACE INTO lines_norm (line_id, text, key, encoding, "
                                         "restored, changed, syllable_conf) VALUES (?, ?, ?, ?, ?, ?, ?)", e) ||
           db_prepare(db, &st->put_pfts, "INSERT INTO pages_fts (rowid, key) VALUES (?, ?)", e) ||
           db_prepare(db, &st->put_lfts, "INSERT INTO lines_fts (rowid, key) VALUES (?, ?)", e);
}

static void nz_finalize(nz_stmts *st)
{
    sqlite3_stmt **v = (sqlite3_stmt **)st;
    for (size_t i = 0; i < sizeof *st / sizeof *v; i++)
        sqlite3_finalize(v[i]);
}

/* The encoding of a text document: from its pages' raw bytes (or the placeholder text), unless given. */
static int nz_doc_encoding(pp_db *db, nz_stmts *st, int64_t doc, const char *ocr_enc, const nz_opts *o,
                           long *margin)
{
    *margin = -1;
    if (o->from >= 0)
        return o->from;
    if (ocr_enc && strncmp(ocr_enc, "utf-16", 6) == 0)
        return ENC_UTF8; /* the OCR stage decoded UTF-16 itself: pages.text is right */
    strbuf sample = STRBUF_INIT;
    sqlite3_bind_int64(st->pages, 1, doc);
    while (sqlite3_step(st->pages) == SQLITE_ROW && sample.len < (256u << 10)) {
        if (strcmp((const char *)sqlite3_column_text(st->pages, 2), "text") != 0)
            continue;
        const void *raw = sqlite3_column_blob(st->pages, 4);
        int rl = sqlite3_column_bytes(st->pages, 4);
        if (raw && rl > 0)
            sb_add(&sample, raw, (size_t)rl);
        sb_addc(&sample, '\n');
    }
    sqlite3_reset(st->pages);
    int enc = ENC_UTF8;
    if (sample.len > 0)
        enc = enc_detect(sb_str(&sample), sample.len, margin);
    sb_free(&sample);
    return enc;
}

static int nz_put_text(pp_db *db, sqlite3_stmt *put, sqlite3_stmt *fts, int64_t id, const nz_result *r,
                       const char *enc, const nz_opts *o, int is_page, pp_err *e)
{
    sqlite3_bind_int64(put, 1, id);
    db_bind_textn(put, 2, r->text, r->len);
    db_bind_text(put, 3, r->key);
    db_bind_text(put, 4, enc);
    if (is_page) {
        db_bind_text(put, 5, o->style == VIET_STYLE_NEW ? "new" : "old");
        sqlite3_bind_int(put, 6, r->restored);
        sqlite3_bind_int(put, 7, r->changed);
    } else {
        sqlite3_bind_int(put, 5, r->restored);
        sqlite3_bind_int(put, 6, r->changed);
        db_bind_text(put, 7, r->restored ? sb_str(&r->conf) : NULL);
    }
    if (db_step_done(db, put, e, "storing normalized text"))
        return e->code;
    sqlite3_bind_int64(fts, 1, id);
    db_bind_text(fts, 2, r->key);
    return db_step_done(db, fts, e, "indexing the search key");
}

/* Decodes one stored text (a page or a line) for normalization. */
static char *nz_source_text(const char *text, size_t tlen, const void *raw, size_t rawlen, int enc,
                            const char *ocr_enc, size_t *len)
{
    if (raw && enc != ENC_UTF8)
        return enc_decode(enc, raw, rawlen, len);
    if (!raw && enc != ENC_UTF8 && ocr_enc && !strcmp(ocr_enc, "unknown-8bit")) {
        size_t bl;
        char *bytes = nz_latin1_bytes(text, tlen, &bl);
        if (bytes) {
            char *u = enc_decode(enc, bytes, bl, len);
            free(bytes);
            return u;
        }
    }
    char *c = xmalloc(tlen + 1);
    memcpy(c, text, tlen);
    c[tlen] = '\0';
    *len = tlen;
    return c;
}

static int nz_document(pp_db *db, nz_stmts *st, int64_t doc, const char *source, const char *ocr_enc,
                       const nz_opts *o, const char *optstr, const lm_model *lm, int64_t run, pp_err *e)
{
    long margin;
    int enc = nz_doc_encoding(db, st, doc, ocr_enc, o, &margin);
    const char *encname = enc_name(enc);
    if (db_begin(db, e))
        return e->code;
    sqlite3_bind_int64(st->del_pfts, 1, doc);
    sqlite3_bind_int64(st->del_lfts, 1, doc);
    if (db_step_done(db, st->del_pfts, e, "clearing the page index") ||
        db_step_done(db, st->del_lfts, e, "clearing the line index"))
        goto fail;
    sqlite3_bind_int64(st->pages, 1, doc);
    int rc;
    while ((rc = sqlite3_step(st->pages)) == SQLITE_ROW) {
        int64_t page = sqlite3_column_int64(st->pages, 0);
        int number = sqlite3_column_int(st->pages, 1);
        int ocr = strcmp((const char *)sqlite3_column_text(st->pages, 2), "ocr") == 0;
        const char *text = (const char *)sqlite3_column_text(st->pages, 3);
        size_t tlen = (size_t)sqlite3_column_bytes(st->pages, 3);
        const void *raw = sqlite3_column_blob(st->pages, 4);
        size_t rawlen = (size_t)sqlite3_column_bytes(st->pages, 4);
        size_t len;
        char *src = nz_source_text(text ? text : "", tlen, ocr ? NULL : raw, rawlen, enc, ocr_enc, &len);
        nz_result r;
        int restore_ok = 1;
        if (src && o->restore && !ocr && nz_marked_share(src, len) > NZ_CLEAN_SHARE)
            restore_ok = 0; /* typed with diacritics: leave it */
        if (!src || nz_text(src, len, ocr, o, lm, restore_ok, &r)) {
            free(src);
            sqlite3_reset(st->pages);
            pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: not valid %s text", source, number, encname);
            goto fail;
        }
        free(src);
        int bad = nz_put_text(db, st->put_page, st->put_pfts, page, &r, encname, o, 1, e);
        nz_result_free(&r);
        if (bad) {
            sqlite3_reset(st->pages);
            goto fail;
        }
        sqlite3_bind_int64(st->lines, 1, page);
        while ((rc = sqlite3_step(st->lines)) == SQLITE_ROW) {
            int64_t line = sqlite3_column_int64(st->lines, 0);
            int lno = sqlite3_column_int(st->lines, 1);
            const char *lt = (const char *)sqlite3_column_text(st->lines, 2);
            size_t ll = (size_t)sqlite3_column_bytes(st->lines, 2);
            char *ls = nz_source_text(lt ? lt : "", ll, NULL, 0, ocr ? ENC_UTF8 : enc, ocr_enc, &len);
            if (!ls || nz_text(ls, len, ocr, o, lm, restore_ok, &r)) {
                free(ls);
                sqlite3_reset(st->lines);
                sqlite3_reset(st->pages);
                pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: line %d: not valid %s text", source, number, lno,
                           encname);
                goto fail;
            }
            free(ls);
            bad = nz_put_text(db, st->put_line, st->put_lfts, line, &r, encname, o, 0, e);
            nz_result_free(&r);
            if (bad) {
                sqlite3_reset(st->lines);
                sqlite3_reset(st->pages);
                goto fail;
            }
        }
        sqlite3_reset(st->lines);
        if (rc != SQLITE_DONE) {
            sqlite3_reset(st->pages);
            db_fail(db, e, "reading lines");
            goto fail;
        }
    }
    sqlite3_reset(st->pages);
    if (rc != SQLITE_DONE) {
        db_fail(db, e, "reading pages");
        goto fail;
    }
    sqlite3_bind_int64(st->put_doc, 1, doc);
    db_bind_text(st->put_doc, 2, encname);
    if (margin >= 0)
        sqlite3_bind_int64(st->put_doc, 3, margin);
    else
        sqlite3_bind_null(st->put_doc, 3);
    db_bind_text(st->put_doc, 4, optstr);
    sqlite3_bind_int64(st->put_doc, 5, run);
    if (db_step_done(db, st->put_doc, e, "recording the document") || db_commit(db, e))
        goto fail;
    return PP_OK;
fail:
    db_rollback(db);
    return e->code;
}

static int nz_database(const char *path, const nz_opts *o, const lm_model *lm, const char *args)
{
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    if (db_open(path, DB_READWRITE, &db, &e))
        return pp_report(&e);
    nz_stmts st;
    memset(&st, 0, sizeof st);
    int64_t run = 0;
    if (nz_prepare(db, &st, &e) || db_run_begin(db, "normalize", args, &run, &e)) {
        nz_finalize(&st);
        db_close(db);
        return pp_report(&e);
    }
    char optstr[128];
    snprintf(optstr, sizeof optstr, "tone=%s restore=%d from=%s", o->style == VIET_STYLE_NEW ? "new" : "old",
             o->restore, o->from >= 0 ? enc_name(o->from) : "auto");
    int ok = 0, skipped = 0, failed = 0, fatal = PP_OK;
    int rc;
    while ((rc = sqlite3_step(st.docs)) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(st.docs, 0);
        char *source = xstrdup((const char *)sqlite3_column_text(st.docs, 1));
        const char *oe = (const char *)sqlite3_column_text(st.docs, 2);
        char *ocr_enc = oe ? xstrdup(oe) : NULL;
        int skip = 0;
        sqlite3_bind_int64(st.done, 1, doc);
        if (sqlite3_step(st.done) == SQLITE_ROW && !o->force &&
            !strcmp((const char *)sqlite3_column_text(st.done, 0), optstr))
            skip = 1;
        sqlite3_reset(st.done);
        if (skip) {
            skipped++;
        } else {
            pp_err de;
            pp_err_clear(&de);
            if (nz_document(db, &st, doc, source, ocr_enc, o, optstr, lm, run, &de) == PP_OK) {
                ok++;
                if (!o->quiet)
                    pp_info("%s: normalized", source);
            } else if (de.code == PP_EXIT_DB) {
                fatal = pp_report(&de);
            } else {
                failed++;
                pp_report(&de);
                pp_err fe;
                pp_err_clear(&fe);
                if (db_record_failure(db, run, "normalize", source, &de, &fe))
                    fatal = pp_report(&fe);
            }
        }
        free(source);
        free(ocr_enc);
        if (fatal)
            break;
    }
    sqlite3_reset(st.docs);
    if (!fatal && rc != SQLITE_DONE && rc != SQLITE_ROW)
        fatal = pp_report((db_fail(db, &e, "reading documents"), &e));
    pp_err_clear(&e);
    if (db_run_end(db, run, fatal ? RUN_FAILED : failed ? RUN_PARTIAL : RUN_OK, ok, skipped, failed, &e) && !fatal)
        fatal = pp_report(&e);
    nz_finalize(&st);
    db_close(db);
    if (!o->quiet)
        pp_info("%d normalized, %d unchanged, %d failed", ok, skipped, failed);
    return fatal ? fatal : failed ? PP_EXIT_FAILED : PP_OK;
}

/* ---- main ---------------------------------------------------------------------------------------- */

/* $PARPLAN_LM, else lm/vi.lm in the build directory beside bin/ (bin -> build/release/lm, or a
 * variant's BUILD/bin -> BUILD/lm). */
static char *nz_model_path(const char *opt)
{
    if (opt)
        return xstrdup(opt);
    const char *env = getenv("PARPLAN_LM");
    if (env && *env)
        return xstrdup(env);
    char *self = fs_self_dir();
    if (!self)
        return xstrdup("build/release/lm/vi.lm");
    char *a = xasprintf("%s/../lm/vi.lm", self), *b = xasprintf("%s/../build/release/lm/vi.lm", self);
    free(self);
    if (access(a, R_OK) == 0) {
        free(b);
        return a;
    }
    free(a);
    return b;
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },       { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },           { "version", no_argument, NULL, 'V' },
        { "force", no_argument, NULL, 'f' },          { "restore", no_argument, NULL, 'r' },
        { "tone-style", required_argument, NULL, 't' }, { "from", required_argument, NULL, 'F' },
        { "model", required_argument, NULL, 'm' },    { "typed", no_argument, NULL, 'T' },
        { NULL, 0, NULL, 0 },
    };
    nz_opts o = { .style = VIET_STYLE_OLD, .from = -1 };
    const char *db_opt = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "d:qhVf", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'q': o.quiet = 1; break;
        case 'f': o.force = 1; break;
        case 'r': o.restore = 1; break;
        case 'T': o.typed = 1; break;
        case 'm': o.model = optarg; break;
        case 't':
            if (!strcmp(optarg, "old"))
                o.style = VIET_STYLE_OLD;
            else if (!strcmp(optarg, "new"))
                o.style = VIET_STYLE_NEW;
            else
                return cli_usage_error(usage);
            break;
        case 'F':
            if ((o.from = enc_from_name(optarg)) < 0) {
                pp_error("--from: unknown encoding '%s' (utf-8 tcvn3 vni viscii cp1258 viqr)", optarg);
                return PP_EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': cli_print_version(); return PP_OK;
        default: return cli_usage_error(usage);
        }
    }
    int filter = 0;
    if (optind < argc) {
        if (optind + 1 == argc && !strcmp(argv[optind], "-"))
            filter = 1;
        else
            return cli_usage_error(usage);
    }
    struct stat sti;
    if (!db_opt && !filter && fstat(0, &sti) == 0 && (S_ISFIFO(sti.st_mode) || S_ISREG(sti.st_mode)))
        filter = 1;
    pp_set_quiet(o.quiet);
    lm_model *lm = NULL;
    if (o.restore) {
        pp_err e;
        pp_err_clear(&e);
        char *path = nz_model_path(o.model);
        int rc = lm_open(path, &lm, &e);
        free(path);
        if (rc)
            return pp_report(&e);
    }
    char *args = cli_join_args(argc, argv);
    int rc = filter ? nz_filter(&o, lm) : nz_database(cli_db_path(db_opt), &o, lm, args);
    free(args);
    lm_close(lm);
    return rc;
}
