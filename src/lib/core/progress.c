/* core/progress.c (prefix progress_) — see progress.h. */
#include "core/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_start(pp_progress *p, const char *stage, int docs_total, int enabled)
{
    p->enabled = enabled;
    p->tty = enabled && isatty(STDERR_FILENO);
    p->docs_total = docs_total;
    p->docs_done = 0;
    p->pages_done = 0;
    p->shown = 0;
    p->current[0] = '\0';
    const char *step = getenv("PARPLAN_RUN_STEP");
    if (stage && step && *step)
        snprintf(p->stage, sizeof p->stage, "%s %s", step, stage);
    else
        snprintf(p->stage, sizeof p->stage, "%s", stage ? stage : "");
    p->start = p->last = now();
}

void progress_file(pp_progress *p, const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    snprintf(p->current, sizeof p->current, "%s", slash ? slash + 1 : path ? path : "");
    /* the display is redrawn in place: a control character of a file name (ESC, CR, a C1 CSI) would
     * drive the terminal, so each shows as '?' (err.c escapes them in messages the same way) */
    for (unsigned char *c = (unsigned char *)p->current; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            *c = '?';
        else if (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f)
            c[0] = c[1] = '?';
}

int progress_on_tty(const pp_progress *p) { return p->tty; }

int progress_columns(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    int n = c ? atoi(c) : 0;
    return n > 0 ? n : 80;
}

static void eta(char *buf, size_t n, double secs)
{
    long s = (long)(secs + 0.5);
    if (s >= 3600)
        snprintf(buf, n, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else
        snprintf(buf, n, "%ldm%02lds", s / 60, s % 60);
}

void progress_update(pp_progress *p, int docs_done, long pages_done)
{
    if (!p->enabled)
        return;
    p->docs_done = docs_done;
    p->pages_done = pages_done;
    double t = now();
    /* The closing update is shown only where earlier ones were: short runs stay quiet. */
    int closing = docs_done >= p->docs_total && (p->tty || p->shown);
    if (t - p->last < (p->tty ? 0.2 : PROGRESS_LOG_SECONDS) && !closing)
        return;
    p->shown = 1;
    p->last = t;
    double el = t - p->start;
    double rate = el > 0 ? pages_done / el : 0;
    char left[32] = "?";
    if (docs_done > 0 && docs_done < p->docs_total)
        eta(left, sizeof left, el / docs_done * (p->docs_total - docs_done));
    else if (docs_done >= p->docs_total)
        eta(left, sizeof left, 0);
    if (p->tty) {
        /* one line that never wraps: the bar shrinks, then goes, then the text is cut at the edge (the
         * current file first); widths in bytes, never fewer than the columns the text takes */
        char text[320];
        snprintf(text, sizeof text, "%s%s%d/%d documents, %ld pages, %.2f pages/s, ETA %s", p->stage,
                 *p->stage ? " " : "", docs_done, p->docs_total, pages_done, rate, left);
        int cols = progress_columns() - 1, tl = (int)strlen(text);
        int width = cols - tl - 3;
        if (width > 24)
            width = 24;
        char bar[32] = "";
        if (width >= 6) {
            int filled = p->docs_total ? (int)((long)width * docs_done / p->docs_total) : width;
            bar[0] = '[';
            for (int i = 0; i < width; i++)
                bar[1 + i] = i < filled ? '#' : '.';
            memcpy(bar + 1 + width, "] ", 3);
        }
        if (*p->current && docs_done < p->docs_total)
            snprintf(text + tl, sizeof text - (size_t)tl, ", %s", p->current);
        tl = (int)strlen(text);
        int room = cols - (int)strlen(bar);
        if (tl > room) {
            int cut = room > 0 ? room : 0;
            while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
                cut--; /* not inside a UTF-8 character */
            text[cut] = '\0';
        }
        fprintf(stderr, "\r\033[K%s%s", bar, text);
    } else {
        fprintf(stderr, "progress: %s%s%d/%d documents, %ld pages, %.2f pages/s, ETA %s\n", p->stage,
                *p->stage ? " " : "", docs_done, p->docs_total, pages_done, rate, left);
    }
    fflush(stderr);
}

void progress_clear(pp_progress *p)
{
    if (p->tty && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

void progress_end(pp_progress *p)
{
    if (p->tty) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}
