/* core/progress.h (prefix progress_) — progress of a long run on stderr, the same for every stage: the
 * stage, documents done/total, pages, pages/s, ETA and the current file; on a terminal one redrawn line
 * (with a bar) fitted to its width, otherwise plain lines every PROGRESS_LOG_SECONDS (logs, CI, nohup),
 * never one per document.  Under `parplan run` the stage is prefixed with its step ("2/4 normalize",
 * from $PARPLAN_RUN_STEP, which the driver sets). */
#ifndef PARPLAN_PROGRESS_H
#define PARPLAN_PROGRESS_H

#define PROGRESS_LOG_SECONDS 10.0

typedef struct pp_progress {
    int enabled, tty;
    int docs_total, docs_done;
    long pages_done;
    int shown;
    double start, last;
    char stage[48];    /* "normalize", or "2/4 normalize" under parplan run */
    char current[96];  /* the file being worked on (its last path component), "" when none */
} pp_progress;

/* stage: the stage's name (NULL: none); enabled 0: nothing is ever printed. */
void progress_start(pp_progress *p, const char *stage, int docs_total, int enabled);
/* The file now being worked on, shown at the end of the terminal line (cut first when it is narrow). */
void progress_file(pp_progress *p, const char *path);
/* Called whenever something finished; redraws at most a few times a second. */
void progress_update(pp_progress *p, int docs_done, long pages_done);
/* Clears the terminal line (before a message, or at the end) so what follows starts on a clean line;
 * the next update draws it again. */
void progress_clear(pp_progress *p);
/* Clears the bar so the summary that follows starts on a clean line. */
void progress_end(pp_progress *p);
/* The width of the terminal on stderr (else $COLUMNS, else 80): the bar's line is fitted to it. */
int progress_columns(void);
/* True while a terminal bar is shown: per-document chatter is then held back. */
int progress_on_tty(const pp_progress *p);

#endif
