/* ocr/ocrrun.c (prefix ocr_) — see ocrrun.h. */
#include "ocr/ocrrun.h"
#include "match/columns.h"
#include "ocr/tablelink.h"
#include "db/db.h"
#include "db/docrun.h"
#include "ocr/engine.h"
#include "core/fsutil.h"
#include "core/hash.h"
#include "core/interrupt.h"
#include "scan/image.h"
#include "scan/input.h"
#include "scan/pageset.h"
#include "ocr/pdflayer.h"
#include "core/progress.h"
#include "core/strmap.h"
#include "ocr/store.h"
#include "scan/table.h"
#include "scan/table_find.h"
#include "ocr/tablecells.h"
#include "ocr/officepage.h"
#include "scan/office.h"
#include "scan/textdoc.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum job_state { JOB_SKIP, JOB_FAIL, JOB_TEXT, JOB_IMAGE, JOB_DUP };

typedef struct job {
    char *path;
    char hash[PP_HASH_HEX];
    size_t bytes;
    enum pp_format format;
    enum job_state state;
    int64_t existing_id;  /* JOB_SKIP */
    const char *dup_of;   /* JOB_DUP: the earlier input of this run with the same content (in seen_paths) */
    char *buf;            /* JOB_TEXT: the file's bytes (pages point into it) */
    pp_textdoc td;
    int office;           /* JOB_TEXT from a word-processor file (scan/office.h): pages are op's */
    op_doc op;
    pp_input *in;         /* JOB_IMAGE */
    pp_page *pages;
    int npages;
    int done;             /* pages finished by workers (under pool lock) */
    pp_err err;
    struct job *next;
} job;

typedef struct task {
    job *j;
    int index;
} task;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t has_task, page_done;
    task *q;
    size_t head, count, cap;
    int stop;
    pthread_t *threads;
    int nthreads;
    pp_engine **engines;
    const pp_ocr_opts *o;
    const char *lang;      /* the models the engines loaded: o->lang, or o->lang_fallback */
    long pages_done;       /* by workers, under mu */
    pp_progress *progress; /* updated by the main thread only */
    int docs_done;
    long text_pages;
} pool;

typedef struct worker_arg {
    pool *p;
    int id;
} worker_arg;

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The content hash of a page image: its geometry and pixels, so the same scan inside a TIFF or a PDF
 * is recognised as the same page. */
static void hash_pix(PIX *pix, char out[PP_HASH_HEX])
{
    pp_hasher *h = hash_new();
    int32_t geo[3] = { pixGetWidth(pix), pixGetHeight(pix), pixGetDepth(pix) };
    hash_update(h, geo, sizeof geo);
    hash_update(h, pixGetData(pix), (size_t)pixGetWpl(pix) * 4 * (size_t)pixGetHeight(pix));
    hash_final(h, out);
}

/* Recognises the prepared page `ready` into pg (lines, words, tables, text; pg->err on failure): a
 * low-resolution page is read scaled up (image.c), its boxes mapped back to the prepared page, the frame
 * the audit's crops and the hOCR are drawn in; ruled tables are read cell by cell (a page without long
 * rules is rejected cheaply).  scale_step gets ",upscale=F" when scaled. */
static void recognize_prepared(pp_engine *eng, PIX *ready, const pp_prep *prep, pp_page *pg, const char *path,
                               char scale_step[32])
{
    float up = image_upscale_factor(prep->dpi);
    int dpi = prep->dpi;
    PIX *img = pixClone(ready);
    if (up != 1.0f) {
        PIX *big = image_upscale(ready, up);
        if (!big) {
            pixDestroy(&img);
            pp_err_set(&pg->err, PP_EXIT_NOMEM, "%s: page %d: scaling the page up failed", path, pg->number);
            return;
        }
        pixDestroy(&img);
        img = big;
        dpi = pixGetXRes(big);
        snprintf(scale_step, 32, ",upscale=%.2f", (double)up);
    }
    pp_table *tabs = NULL;
    PIX *clean = NULL;
    size_t nt = table_find(img, dpi, &tabs, &clean);
    if (nt)
        tables_recognize(eng, clean, dpi, tabs, nt, pg, path, &pg->err);
    else
        engine_recognize(eng, img, dpi, pg, path, &pg->err);
    if (up != 1.0f)
        page_scale_boxes(pg, 1.0f / up);
    pixDestroy(&clean);
    pixDestroy(&img);
}

static void ocr_page(pool *p, pp_engine *eng, pp_store *reader, job *j, int index)
{
    pp_page *pg = &j->pages[index];
    pg->number = index + 1;
    pg->method = "ocr";
    if (intr_check(&pg->err)) /* interrupted: the queued pages are dropped, not recognised */
        return;
    double t0 = now_sec();
    PIX *pix = NULL;
    if (input_page(j->in, index, &pix, &pg->err))
        return;
    char *layer_note = NULL;
    if (j->format == FMT_PDF && p->o->pdf_text != OCR_PDF_FORCE &&
        pdfl_page(eng, j->in->pdf, j->path, index, pix, p->o->pdf_text == OCR_PDF_REDO, pg, &layer_note) != 0) {
        pixDestroy(&pix);
        pg->ms = (long)((now_sec() - t0) * 1000);
        return; /* read from the PDF's text layer, or failed (pg->err) */
    }
    hash_pix(pix, pg->hash);
    int64_t same = 0;
    pp_err lookup;
    pp_err_clear(&lookup);
    if (reader && !p->o->force && store_find_ocr_page(reader, pg->hash, &same, &lookup) == 1 &&
        store_load_page(reader, same, pg, &lookup) == PP_OK) {
        pixDestroy(&pix);
        free(layer_note);
        return; /* identical page already recognised: its lines and words are copied on write */
    }
    pp_prep prep;
    PIX *ready = image_prepare(pix, &prep);
    /* a colour page with seals, signatures or stamps is read a second time with their ink removed
     * (scan/ink.h), and the reading with the higher mean word confidence is kept: on the real laocai
     * page 2 (seal over the signature only) removing it cost tone marks over the whole page (CER 0.75 %
     * -> 1.59 %: Tesseract's global threshold moves) at a lower confidence (95.1 against 95.2); on the
     * sideways table with a seal over its cells it turns 15-21 % into 0.18 % */
    double ink_share = 0;
    PIX *inkless = ready ? image_prepare_without_ink(pix, &prep, &ink_share) : NULL;
    pixDestroy(&pix);
    if (!ready) {
        free(layer_note);
        pp_err_set(&pg->err, PP_EXIT_INPUT, "%s: page %d: image preprocessing failed", j->path, pg->number);
        return;
    }
    pg->width = prep.width;
    pg->height = prep.height;
    pg->dpi = prep.dpi;
    pg->has_skew = prep.skew_found;
    pg->skew = prep.skew;
    pg->column_mode = prep.colour;
    pg->has_orient = 1;
    pg->orient = prep.orient;
    pg->orient_conf = prep.orient_conf;
    pg->orient_unsure = prep.orient_unsure;
    char scale_step[32] = "";
    recognize_prepared(eng, ready, &prep, pg, j->path, scale_step);
    char ink_step[48] = "";
    if (inkless && !pg->err.code) {
        pp_page alt;
        memset(&alt, 0, sizeof alt);
        alt.number = pg->number;
        alt.method = pg->method;
        alt.column_mode = pg->column_mode;
        recognize_prepared(eng, inkless, &prep, &alt, j->path, scale_step);
        int better = !alt.err.code && alt.has_conf && (!pg->has_conf || alt.conf > pg->conf);
        /* two readings this close: which is better is a guess (laocai p2: 95.2 kept against 95.1) */
        if (!alt.err.code && alt.has_conf && pg->has_conf && fabs(alt.conf - pg->conf) < 1.0)
            page_add_unsure(pg, "ink");
        snprintf(ink_step, sizeof ink_step, ",colour-ink=%.1f%%:%s", ink_share * 100, better ? "removed" : "kept");
        if (better)
            page_swap_reading(pg, &alt);
        page_clear(&alt);
    }
    pixDestroy(&inkless);
    /* text whose skew could not be measured: read as it came, perhaps askew */
    if (!prep.skew_found && pg->nwords >= 20)
        page_add_unsure(pg, "skew");
    pg->prep = xasprintf("%s%s%s,%s,lang=%s%s", prep.steps, ink_step, scale_step, pg->column_mode ? "column" : "block",
                         p->lang, layer_note ? layer_note : "");
    free(layer_note);
    pixDestroy(&ready);
    pg->ms = (long)((now_sec() - t0) * 1000);
}

/* The options that make a recognition (store_ocr_key), the model directory by its real path. */
static char *ocr_key_of(const pp_ocr_opts *o)
{
    char *real = o->tessdata ? realpath(o->tessdata, NULL) : NULL;
    char *key = store_ocr_key(o->lang, real ? real : o->tessdata);
    free(real);
    if (o->pdf_text != OCR_PDF_SKIP) { /* a PDF read otherwise is another recognition */
        char *k = xasprintf("%s;pdf=%s", key, o->pdf_text == OCR_PDF_FORCE ? "force-ocr" : "redo-ocr");
        free(key);
        key = k;
    }
    return key;
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    pool *p = wa->p;
    pp_db *rdb = NULL;
    pp_store *reader = NULL;
    pp_err ignore;
    pp_err_clear(&ignore);
    /* A read-only connection of its own lets a worker look up already-recognised pages without
     * touching the writer's connection. */
    if (p->o->db_path && db_open(p->o->db_path, DB_READONLY, &rdb, &ignore) == PP_OK &&
        store_open(rdb, &reader, &ignore) == PP_OK) {
        char *key = ocr_key_of(p->o);
        store_set_ocr_key(reader, key);
        free(key);
    }
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->count && !p->stop)
            pthread_cond_wait(&p->has_task, &p->mu);
        if (!p->count && p->stop) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        task t = p->q[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        pthread_mutex_unlock(&p->mu);

        ocr_page(p, p->engines[wa->id], reader, t.j, t.index);

        pthread_mutex_lock(&p->mu);
        t.j->done++;
        p->pages_done++;
        pthread_cond_broadcast(&p->page_done);
        pthread_mutex_unlock(&p->mu);
    }
    store_close(reader);
    db_close(rdb);
    free(wa);
    return NULL;
}

/* Brings the pool to `want` workers (at most -j): one engine and one thread each.  Grown as pages are
 * queued, so a run never has more workers than pages to give them: `-j 128` on a one-page scan loaded
 * 128 engines (1.6 GB) for one of them to work.  Engines load in this thread so a missing model stops
 * the run before any work is queued. */
static int pool_grow(pool *p, const pp_ocr_opts *o, int want, pp_err *e)
{
    if (want > o->jobs)
        want = o->jobs;
    if (!p->engines) {
        p->o = o;
        p->lang = o->lang;
        p->engines = xcalloc((size_t)o->jobs, sizeof *p->engines);
        p->threads = xcalloc((size_t)o->jobs, sizeof *p->threads);
    }
    while (p->nthreads < want) {
        int i = p->nthreads;
        if (engine_new(o->tessdata, p->lang, &p->engines[i], e) != PP_OK) {
            if (i > 0 || e->code != PP_EXIT_ENV || !o->lang_fallback)
                return e->code;
            pp_warn("%s; reading with '%s' instead", e->msg, o->lang_fallback);
            pp_err_clear(e);
            p->lang = o->lang_fallback;
            if (engine_new(o->tessdata, p->lang, &p->engines[i], e))
                return e->code;
        }
        worker_arg *wa = xmalloc(sizeof *wa);
        wa->p = p;
        wa->id = i;
        if (pthread_create(&p->threads[i], NULL, worker_main, wa) != 0) {
            free(wa);
            engine_free(p->engines[i]);
            p->engines[i] = NULL;
            return pp_err_set(e, PP_EXIT_INTERNAL, "cannot start OCR worker threads");
        }
        p->nthreads++;
    }
    return PP_OK;
}

static void pool_push(pool *p, job *j, int index)
{
    pthread_mutex_lock(&p->mu);
    if (p->count == p->cap) {
        /* a ring: PP_GROW's realloc would keep the wrapped order, so the queue is copied out in order */
        /* twice the tasks, overflow-checked by xreallocarray (then ncap * 2 cannot overflow either) */
        size_t ncap = p->cap ? p->cap : 32;
        task *nq = xreallocarray(NULL, ncap, 2 * sizeof *nq);
        ncap *= 2;
        for (size_t i = 0; i < p->count; i++)
            nq[i] = p->q[(p->head + i) % p->cap];
        free(p->q);
        p->q = nq;
        p->head = 0;
        p->cap = ncap;
    }
    p->q[(p->head + p->count) % p->cap] = (task){ j, index };
    p->count++;
    pthread_cond_signal(&p->has_task);
    pthread_mutex_unlock(&p->mu);
}

static void pool_wait(pool *p, job *j)
{
    pthread_mutex_lock(&p->mu);
    while (j->done < j->npages) {
        pthread_cond_wait(&p->page_done, &p->mu);
        long pages = p->pages_done;
        pthread_mutex_unlock(&p->mu);
        progress_update(p->progress, p->docs_done, p->text_pages + pages);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
}

static void pool_stop(pool *p)
{
    if (p->threads) {
        pthread_mutex_lock(&p->mu);
        p->stop = 1;
        pthread_cond_broadcast(&p->has_task);
        pthread_mutex_unlock(&p->mu);
        for (int i = 0; i < p->nthreads; i++)
            pthread_join(p->threads[i], NULL);
    }
    if (p->engines)
        for (int i = 0; i < p->nthreads; i++)
            engine_free(p->engines[i]);
    free(p->engines);
    free(p->threads);
    free(p->q);
}

/* The inputs of this run by content: a file with the content of an earlier one is that document again. */
typedef struct seen_inputs {
    strmap by_hash;   /* hash -> index in paths */
    strvec paths;     /* the first input with each content */
} seen_inputs;

/* Decides what a file is and whether it needs work; never touches the database except to read. */
static job *prepare(const pp_ocr_opts *o, pp_store *st, seen_inputs *seen, const char *path, pp_err *fatal)
{
    job *j = xcalloc(1, sizeof *j);
    j->path = xstrdup(path);
    /* a page set (--pageset, scan/pageset.h): its files, and a hash over theirs */
    strvec set = STRVEC_INIT;
    int is_set = o->pageset && pset_is_source(path);
    /* What the file is, from its first bytes, before anything reads it whole: a text over the size limit
     * is refused now, not after all of it was hashed (a 10 GB log was read to its end first) */
    unsigned char head[PP_SNIFF_BYTES] = { 0 };
    size_t n = 0;
    if (!is_set) {
        FILE *f = fopen(path, "rb");
        if (f) {
            n = fread(head, 1, sizeof head, f);
            fclose(f);
        }
        j->format = input_sniff(head, n);
        struct stat sb;
        if (j->format == FMT_TEXT && stat(path, &sb) == 0 && (unsigned long long)sb.st_size > PP_MAX_TEXT_BYTES) {
            pp_err_set(&j->err, PP_EXIT_NOMEM, "%s: file is %lld bytes, more than the %zu-byte limit", path,
                       (long long)sb.st_size, (size_t)PP_MAX_TEXT_BYTES);
            j->state = JOB_FAIL;
            return j;
        }
    }
    if (is_set ? pset_files(path, &set, &j->err) || pset_hash(&set, j->hash, &j->bytes, &j->err)
               : hash_file(path, j->hash, &j->bytes, &j->err)) {
        sv_free(&set);
        j->state = JOB_FAIL;
        return j;
    }
    if (j->bytes == 0) {
        pp_err_set(&j->err, PP_EXIT_INPUT, "%s: file is empty", path);
        j->state = JOB_FAIL;
        return j;
    }
    /* Identity is the content (documents.hash): a second file with the same bytes is a duplicate of the
     * first, neither decoded nor loaded again (it would replace the first's rows and count twice). */
    int64_t first;
    if (strmap_get(&seen->by_hash, j->hash, strlen(j->hash), &first)) {
        sv_free(&set);
        j->state = JOB_DUP;
        j->dup_of = seen->paths.v[first];
        return j;
    }
    strmap_put(&seen->by_hash, j->hash, strlen(j->hash), (int64_t)seen->paths.n);
    sv_push(&seen->paths, path);
    if (st && !o->force) {
        int found = store_find_document(st, j->hash, &j->existing_id, fatal);
        if (found < 0) {
            sv_free(&set);
            j->state = JOB_FAIL;
            j->err = *fatal;
            return j;
        }
        if (found) {
            sv_free(&set);
            j->state = JOB_SKIP;
            return j;
        }
    }
    if (is_set) {
        int rc = input_open_set(&set, o->max_pixels, &j->in, &j->err);
        sv_free(&set);
        if (rc) {
            j->state = JOB_FAIL;
            return j;
        }
        j->format = j->in->format;
        j->state = JOB_IMAGE;
        j->npages = j->in->npages;
        j->pages = xcalloc((size_t)j->npages, sizeof *j->pages);
        return j;
    }
    int kind = od_sniff(head, n);
    if (kind >= 0) { /* DOCX, ODT, .doc: read whole, pages of text with their tables (ocr/officepage.h) */
        od_doc od;
        if (od_load(path, kind, &od, &j->err)) {
            j->state = JOB_FAIL;
            return j;
        }
        int rc = op_build(&od, path, &j->op, &j->err);
        j->office = od.kind + 1;
        od_free(&od);
        if (rc) {
            j->state = JOB_FAIL;
            return j;
        }
        j->state = JOB_TEXT;
        j->td.encoding = j->op.encodings;
        j->pages = j->op.pages;
        j->npages = j->op.npages;
        return j;
    }
    if (j->format == FMT_TEXT) {
        size_t len;
        if (fs_read_file(path, PP_MAX_TEXT_BYTES, &j->buf, &len, &j->err) ||
            textdoc_load(path, j->buf, len, &j->td, &j->err)) {
            j->state = JOB_FAIL;
            return j;
        }
        j->state = JOB_TEXT;
        j->pages = j->td.pages;
        j->npages = j->td.npages;
        return j;
    }
    if (input_open(path, j->format, o->max_pixels, &j->in, &j->err)) {
        j->state = JOB_FAIL;
        return j;
    }
    j->state = JOB_IMAGE;
    j->npages = j->in->npages;
    j->pages = xcalloc((size_t)j->npages, sizeof *j->pages);
    return j;
}

static void job_free(job *j)
{
    if (j->state == JOB_TEXT) {
        textdoc_free(&j->td);
        op_free(&j->op);
    } else if (j->pages) {
        for (int i = 0; i < j->npages; i++)
            page_clear(&j->pages[i]);
        free(j->pages);
    }
    input_close(j->in);
    free(j->buf);
    free(j->path);
    free(j);
}

static void print_text(FILE *out, pp_page *pages, int n, int *first_doc)
{
    if (!*first_doc)
        fputc('\n', out);
    *first_doc = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            fputc('\f', out);
        fwrite(pages[i].text ? pages[i].text : "", 1, pages[i].text_len, out);
    }
    fputc('\n', out);
}

/* The OCR stage's names for the ends of a run (db.h run_status). */
static const docrun_ends ocr_ends = { RUN_OK, RUN_PARTIAL, RUN_ERROR };

typedef struct write_arg {
    pp_store *st;
    job *j;
} write_arg;

/* One finished document's rows, in the transaction docrun_write holds. */
static int write_job(void *ctx, const docrun_doc *d, pp_err *e)
{
    write_arg *w = ctx;
    job *j = w->j;
    int64_t doc_id;
    /* identity: the content (hash) and the absolute path; the relative name as given would match a file
     * of the same name loaded from another directory */
    char *abs = fs_absolute(j->path);
    pp_docmeta m = { j->path, abs, j->hash, j->office ? od_kind_name(j->office - 1) : input_format_name(j->format),
                     j->bytes,
                     j->state == JOB_TEXT ? j->td.encoding : NULL, j->npages, d->run_id };
    int bad = store_replace_document(w->st, abs, j->hash, e) || store_insert_document(w->st, &m, &doc_id, e);
    free(abs);
    if (bad)
        return e->code;
    int tables = 0;
    for (int i = 0; i < j->npages; i++) {
        if (store_insert_page(w->st, doc_id, &j->pages[i], e))
            return e->code;
        tables |= j->pages[i].ntables > 0 || j->pages[i].reuse_page_id > 0;
    }
    if (tables && store_link_tables(w->st, doc_id, e))
        return e->code;
    return PP_OK;
}

typedef struct report_arg {
    pp_ocr_stats *s;
    pp_progress *progress;
} report_arg;

/* A failed document: shown (clearing the progress line first) and kept for the summary, with the exit
 * code the failures share. */
static void report_failure(void *ctx, const char *source, const pp_err *err)
{
    report_arg *r = ctx;
    progress_clear(r->progress);
    pp_report(err);
    pp_ocr_stats *s = r->s;
    s->fail_code = s->failures.n == 0 || s->fail_code == err->code ? err->code : PP_EXIT_FAILED;
    sv_push(&s->failures, err->msg);
}

int ocr_run(const pp_ocr_opts *o, char *const *inputs, size_t ninputs, pp_ocr_stats *s, pp_err *e)
{
    memset(s, 0, sizeof *s);
    pp_db *db = NULL;
    pp_store *st = NULL;
    docrun run;
    if ((o->db_path && (db_open(o->db_path, DB_READWRITE, &db, e) || store_open(db, &st, e))) ||
        docrun_begin(&run, db, "ocr", o->options, &ocr_ends, e)) {
        store_close(st);
        db_close(db);
        return e->code;
    }
    if (st) {
        char *key = ocr_key_of(o);
        store_set_ocr_key(st, key);
        free(key);
    }
    /* The column rules are checked before any work, so a bad file stops the run (exit 5). */
    pp_columns *cols = NULL;
    char *cols_path = xasprintf("%s/columns.rules", o->rules_dir);
    int cols_rc = columns_load(cols_path, &cols, e);
    free(cols_path);
    if (cols_rc) {
        docrun_end(&run, cols_rc, e);
        store_close(st);
        db_close(db);
        return cols_rc;
    }
    pool p;
    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.has_task, NULL);
    pthread_cond_init(&p.page_done, NULL);
    p.o = o;
    pp_progress progress;
    progress_start(&progress, "ocr", (int)ninputs, o->progress);
    p.progress = &progress;
    report_arg ra = { s, &progress };
    run.report = report_failure;
    run.report_ctx = &ra;
    int pool_started = 0;
    long image_pages = 0; /* queued so far, for the number of workers */
    int window = o->jobs * 4;   /* pages queued ahead, so no worker waits while the writer works */
    int inflight = 0, queued = 0;
    int first_doc = 1;
    seen_inputs seen = { STRMAP_INIT, STRVEC_INIT };
    job *head = NULL, *tail = NULL;
    size_t next = 0;
    int rc = PP_OK;

    while (rc == PP_OK) {
        if (intr_check(e)) { /* SIGINT/SIGTERM: stop between documents, the run ends "interrupted" */
            rc = e->code;
            break;
        }
        /* Prepared documents hold their bytes or page results: bound both, or a run over thousands of
         * text files would read them all before writing the first. */
        while (next < ninputs && ((inflight < window && queued < window + 8) || !head)) {
            job *j = prepare(o, st, &seen, inputs[next++], e);
            if (e->code) { /* a database error while looking up: fatal */
                rc = e->code;
                job_free(j);
                break;
            }
            if (j->state == JOB_IMAGE) {
                /* workers = min(-j, pages so far): each is an engine of ~12 MB and a thread */
                pool_started = 1;
                image_pages += j->npages;
                if (pool_grow(&p, o, image_pages > o->jobs ? o->jobs : (int)image_pages, e)) {
                    rc = e->code;
                    job_free(j);
                    break;
                }
                for (int i = 0; i < j->npages; i++)
                    pool_push(&p, j, i);
                inflight += j->npages;
            }
            queued++;
            if (tail)
                tail->next = j;
            else
                head = j;
            tail = j;
        }
        if (rc || !head)
            break;
        job *j = head;
        progress_file(&progress, j->path);
        queued--;
        head = j->next;
        if (!head)
            tail = NULL;
        if (j->state == JOB_IMAGE) {
            pool_wait(&p, j);
            inflight -= j->npages;
            if (intr_check(e)) { /* its pages may have been dropped: neither written nor a failure */
                rc = e->code;
                job_free(j);
                break;
            }
            /* headers, column names and continuations need the pages in order: here, not in workers */
            tablelink_doc(cols, j->pages, j->npages);
            /* an unsure orientation is never kept silently: the page is flagged (pages.orientation_unsure)
             * and named here */
            for (int i = 0; i < j->npages; i++)
                if (j->pages[i].has_orient && j->pages[i].orient_unsure && !j->pages[i].err.code)
                    pp_warn("%s: page %d: orientation unsure (confidence %.1f); read as it came", j->path,
                            j->pages[i].number, (double)j->pages[i].orient_conf);
            for (int i = 0; i < j->npages; i++)
                if (j->pages[i].unsure[0] && !j->pages[i].err.code)
                    pp_warn("%s: page %d: preprocessing unsure (%s); flagged in pages.prep_unsure", j->path,
                            j->pages[i].number, j->pages[i].unsure);
            for (int i = 0; i < j->npages; i++)
                if (j->pages[i].err.code) {
                    j->err = j->pages[i].err;
                    j->state = JOB_FAIL;
                    break;
                }
        }
        if (j->office) /* Word tables: headers and column names as for scanned ones */
            tablelink_doc(cols, j->pages, j->npages);
        switch (j->state) {
        case JOB_DUP:
            run.skipped++;
            s->duplicates++;
            progress_clear(&progress); /* said always (unless -q): two names for one document */
            pp_info("%s: same content as %s, not loaded again", j->path, j->dup_of);
            break;
        case JOB_SKIP:
            run.skipped++;
            if (o->verbose)
                pp_info("%s: unchanged, already loaded (document %lld)", j->path, (long long)j->existing_id);
            if (o->text_out) {
                char *text = store_document_text(st, j->existing_id, e);
                if (!text) {
                    rc = e->code;
                    break;
                }
                if (!first_doc)
                    fputc('\n', o->text_out);
                first_doc = 0;
                fputs(text, o->text_out);
                fputc('\n', o->text_out);
                free(text);
            }
            break;
        case JOB_FAIL:
            rc = docrun_fail(&run, j->path, &j->err, e);
            break;
        case JOB_TEXT:
        case JOB_IMAGE:
            if (db) {
                static const docrun_ops write_ops = { .work = write_job };
                write_arg wa = { st, j };
                docrun_doc d = { 0, j->path, run.run_id };
                int w = docrun_write(&run, &d, &write_ops, &wa, e);
                if (w != PP_OK) {
                    rc = w > 0 ? w : PP_OK; /* DOCRUN_FAILED: reported and recorded; the run goes on */
                    break;
                }
            } else {
                run.ok++;
            }
            s->pages += j->npages;
            for (int i = 0; i < j->npages; i++) {
                if (j->state == JOB_IMAGE && j->pages[i].reuse_page_id > 0)
                    s->pages_reused++;
                else if (j->state == JOB_IMAGE)
                    s->pages_ocr++;
            }
            if (j->state == JOB_TEXT)
                p.text_pages += j->npages;
            if (o->verbose)
                pp_info("%s: loaded %d page%s (%s)", j->path, j->npages, j->npages == 1 ? "" : "s",
                    j->office ? od_kind_name(j->office - 1) : j->state == JOB_TEXT ? j->td.encoding : input_format_name(j->format));
            if (o->text_out)
                print_text(o->text_out, j->pages, j->npages, &first_doc);
            break;
        }
        job_free(j);
        p.docs_done++;
        pthread_mutex_lock(&p.mu);
        long pages = p.pages_done;
        pthread_mutex_unlock(&p.mu);
        progress_update(&progress, p.docs_done, p.text_pages + pages);
    }
    progress_end(&progress);
    /* On a fatal error, let queued pages drain before the jobs they point at are freed. */
    for (job *j = head; j;) {
        job *nx = j->next;
        if (j->state == JOB_IMAGE)
            pool_wait(&p, j);
        job_free(j);
        j = nx;
    }
    if (pool_started)
        pool_stop(&p);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.has_task);
    pthread_cond_destroy(&p.page_done);
    strmap_clear(&seen.by_hash);
    sv_free(&seen.paths);
    rc = docrun_end(&run, rc, e);
    s->loaded = run.ok;
    s->skipped = run.skipped;
    s->failed = run.failed;
    if (o->text_out)
        fflush(o->text_out);
    columns_free(cols);
    store_close(st);
    db_close(db);
    return rc;
}
