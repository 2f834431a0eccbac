/* core/interrupt.h (prefix intr_) — SIGINT and SIGTERM turned into a request to stop: a stage catches them
 * (intr_catch), its run loop checks between documents (intr_check) and ends its run as "interrupted"
 * instead of dying with the run left "running".  The first signal only sets the flag; another within a
 * second is the same request (a signal to the process group reaches a stage both directly and through
 * parplan run, which forwards it); a later one (Ctrl-C again) ends the process at once. */
#ifndef PARPLAN_INTERRUPT_H
#define PARPLAN_INTERRUPT_H

#include "core/err.h"

/* Installs the handlers for SIGINT and SIGTERM (SA_RESTART: interrupted system calls resume). */
void intr_catch(void);
/* The signal caught since intr_catch (SIGINT or SIGTERM), else 0.  Async-signal-safe to read anywhere. */
int intr_signal(void);
/* When a signal was caught: sets PP_EXIT_INTERRUPTED "interrupted by SIGxxx" in e and returns it; else
 * PP_OK. */
int intr_check(pp_err *e);

#endif
