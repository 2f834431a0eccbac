/* core/progress.h (prefix progress_) — progress of a long run on stderr: a redrawn bar on a terminal
 * (documents and pages done/total, pages/s, ETA) fitted to its width, plain lines every PROGRESS_LOG_SECONDS otherwise (logs, CI,
 * nohup). */
#ifndef PARPLAN_PROGRESS_H
#define PARPLAN_PROGRESS_H

#define PROGRESS_LOG_SECONDS 10.0

typedef struct pp_progress {
    int enabled, tty;
    int docs_total, docs_done;
    long pages_done;
    int shown;
    double start, last;
} pp_progress;

void progress_start(pp_progress *p, int docs_total, int enabled);
/* Called whenever something finished; redraws at most a few times a second. */
void progress_update(pp_progress *p, int docs_done, long pages_done);
/* Clears the bar so the summary that follows starts on a clean line. */
void progress_end(pp_progress *p);
/* The width of the terminal on stderr (else $COLUMNS, else 80): the bar's line is fitted to it. */
int progress_columns(void);
/* True while a terminal bar is shown: per-document chatter is then held back. */
int progress_on_tty(const pp_progress *p);

#endif
