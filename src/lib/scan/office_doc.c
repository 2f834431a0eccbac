/* scan/office_doc.c (prefix ow_) — legacy Word (.doc, an OLE2 compound file) through antiword.
 *
 * Why antiword: it is the well-kept Debian converter that keeps Word tables as rows of `|`-separated
 * cells (catdoc flattens a table into lines of text, losing the cells), writes a paragraph per line
 * with `-w 0`, and with its UTF-8 map passes a legacy-font byte through as the code point U+00xx Word
 * stored, so the TCVN3/VNI bytes can be recovered and decoded (ocr/officepage.c).  A file antiword
 * refuses (Word 6/95, fast-saved) is given to catdoc, which reads those as text without tables (and
 * drops U+00AD, which is TCVN3's ư: a warning says so).  LibreOffice would keep
 * the font names too but is a 300 MB dependency that starts in seconds per file.  antiword reports no
 * fonts, so a .doc's text goes through the usual encoding detection.
 *
 * Before antiword runs, the compound file's directory names are looked for (UTF-16LE, as OLE2 stores
 * them): an encrypted OOXML package (EncryptionInfo / EncryptedPackage streams: a password-protected
 * DOCX), a file without a WordDocument stream (a spreadsheet or a presentation), and macros (a
 * _VBA_PROJECT / Macros storage) are refused with a message naming the file. */
#include "scan/office.h"
#include "core/fsutil.h"
#include "core/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define OW_MAX_OUTPUT (64L << 20)
#define OW_TIMEOUT_MS 120000

/* Whether the file holds the UTF-16LE form of an ASCII name (a directory entry of the compound file). */
static int ow_has_name(const char *buf, size_t len, const char *name)
{
    size_t n = strlen(name);
    char w[64];
    if (2 * n > sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++) {
        w[2 * i] = name[i];
        w[2 * i + 1] = 0;
    }
    return memmem(buf, len, w, 2 * n) != NULL;
}

static int ow_check(const char *path, pp_err *e)
{
    char *buf;
    size_t len;
    if (fs_read_file(path, (size_t)OD_MAX_TOTAL_BYTES, &buf, &len, e))
        return e->code;
    int rc = PP_OK;
    if (ow_has_name(buf, len, "EncryptedPackage") || ow_has_name(buf, len, "EncryptionInfo"))
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: an encrypted (password-protected) Office document: refused; save "
                                          "it without a password", path);
    else if (!ow_has_name(buf, len, "WordDocument"))
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: an OLE2 compound file without a WordDocument stream (a spreadsheet "
                                          "or a presentation?): not a Word document", path);
    else if (ow_has_name(buf, len, "_VBA_PROJECT") || ow_has_name(buf, len, "Macros"))
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: the document carries macros (a VBA project): refused", path);
    free(buf);
    return rc;
}

static long ow_ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Runs a converter (argv[0], found on PATH) on path: its standard output in *out, standard error (the
 * first KiB) in *err. */
static int ow_convert(char *const argv[], const char *path, strbuf *out, strbuf *err, pp_err *e)
{
    int po[2], pe[2];
    if (pipe2(po, O_CLOEXEC) != 0)
        return pp_err_set(e, PP_EXIT_INTERNAL, "%s: cannot create a pipe: %s", path, strerror(errno));
    if (pipe2(pe, O_CLOEXEC) != 0) {
        close(po[0]);
        close(po[1]);
        return pp_err_set(e, PP_EXIT_INTERNAL, "%s: cannot create a pipe: %s", path, strerror(errno));
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, po[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    pid_t pid;
    int src = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(po[1]);
    close(pe[1]);
    if (src != 0) {
        close(po[0]);
        close(pe[0]);
        return pp_err_set(e, PP_EXIT_ENV, "%s: cannot run %s (%s): a .doc needs it; install the Debian "
                                          "package %s", path, argv[0], strerror(src), argv[0]);
    }
    struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
    int open_fds = 2, over = 0, timeout = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char chunk[65536];
    while (open_fds > 0 && !over && !timeout) {
        long left = OW_TIMEOUT_MS - ow_ms_since(&t0);
        if (left <= 0) {
            timeout = 1;
            break;
        }
        int r = poll(fds, 2, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            timeout = r == 0;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t k = read(fds[i].fd, chunk, sizeof chunk);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
                continue;
            }
            strbuf *sb = i == 0 ? out : err;
            if (i == 1 && sb->len > 1024)
                continue;
            sb_add(sb, chunk, (size_t)k);
            over = out->len > (size_t)OW_MAX_OUTPUT;
        }
    }
    if (over || timeout)
        kill(pid, SIGKILL);
    for (int i = 0; i < 2; i++)
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (over)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: %s wrote over %ld bytes of text: refused", path, argv[0], OW_MAX_OUTPUT);
    if (timeout)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: %s did not finish in %d s: refused", path, argv[0], OW_TIMEOUT_MS / 1000);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const char *m = sb_str(err);
        size_t ml = strcspn(m, "\n");
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            return pp_err_set(e, PP_EXIT_ENV, "%s: %s is not installed: install the Debian package %s", path, argv[0],
                              argv[0]);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: %s cannot read it%s%.*s", path, argv[0], ml ? ": " : "", (int)ml, m);
    }
    return PP_OK;
}

/* A table row as antiword draws it: "|cell|cell|" (cells padded with spaces). */
static int ow_is_row(const char *s, size_t n)
{
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

static int ow_cells(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '|';
    return k - 1;
}

static void ow_add_row(od_table *t, const char *s, size_t n)
{
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    int col = 0;
    size_t a = 1;
    for (size_t i = 1; i < n; i++) {
        if (s[i] != '|')
            continue;
        size_t x = a, y = i;
        while (x < y && s[x] == ' ')
            x++;
        while (y > x && s[y - 1] == ' ')
            y--;
        od_cell *c = od_table_add_cell(t, t->nrows, col++, 1);
        od_para *p = od_cell_add_para(c);
        if (y > x)
            od_para_add_run(p, s + x, y - x, NULL);
        a = i + 1;
    }
    if (col > t->ncols)
        t->ncols = col;
    t->nrows++;
}

/* antiword's text into paragraphs (a line each) and tables (runs of row lines with as many cells). */
static void ow_parse(const char *s, size_t len, od_doc *doc)
{
    od_table *t = NULL;
    int tcells = 0, page_break = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != '\n' && s[j] != '\f')
            j++;
        const char *line = s + i;
        size_t n = j - i;
        if (n && line[n - 1] == '\r')
            n--;
        if (ow_is_row(line, n)) {
            int k = ow_cells(line, n); /* leading spaces hold no '|' */
            if (!t || k != tcells) {
                t = od_add_table(doc);
                tcells = k;
            }
            if ((size_t)(t->nrows + 1) * (size_t)(k > 0 ? k : 1) <= OD_MAX_CELLS)
                ow_add_row(t, line, n);
        } else {
            t = NULL;
            od_para *p = od_add_para(doc);
            p->page_break = page_break;
            page_break = 0;
            if (n)
                od_para_add_run(p, line, n, NULL);
        }
        if (j < len && s[j] == '\f') {
            page_break = 1;
            t = NULL;
        }
        i = j + 1;
    }
}

int od_doc_load(const char *path, od_doc *doc, pp_err *e)
{
    if (ow_check(path, e))
        return e->code;
    strbuf out = STRBUF_INIT, err = STRBUF_INIT;
    /* -w 0: a paragraph per line; -m UTF-8.txt: UTF-8 whatever the locale, 8-bit text as U+00xx */
    char *anti[] = { "antiword", "-w", "0", "-m", "UTF-8.txt", "--", (char *)path, NULL };
    int rc = ow_convert(anti, path, &out, &err, e);
    if (rc == PP_EXIT_INPUT) {
        /* Word 6/95 and fast-saved files antiword refuses: catdoc reads them, as text without tables
         * (-w: a paragraph per line; 8-bit text as Windows-1252, which officepage.c maps back to bytes) */
        char *cat[] = { "catdoc", "-w", "-s", "cp1252", "-d", "utf-8", (char *)path, NULL };
        pp_err e2;
        pp_err_clear(&e2);
        sb_reset(&out);
        sb_reset(&err);
        if (ow_convert(cat, path, &out, &err, &e2) == PP_OK && out.len) {
            /* said, since the text is poorer: no tables, and catdoc drops U+00AD, TCVN3's byte for ư */
            pp_warn("%s; read with catdoc instead (no tables; a TCVN3 ư is lost)", e->msg);
            pp_err_clear(e);
            rc = PP_OK;
        }
    }
    if (rc == PP_OK)
        ow_parse(sb_str(&out), out.len, doc);
    sb_free(&out);
    sb_free(&err);
    return rc;
}
