/* core/interrupt.c (prefix intr_) — see interrupt.h. */
#include "core/interrupt.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>
#include <time.h>

static volatile sig_atomic_t caught;
static volatile time_t caught_at; /* CLOCK_MONOTONIC seconds of the first signal */

static void on_signal(int sig)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts); /* async-signal-safe, as are sigaction and raise */
    if (!caught) {
        caught = sig;
        caught_at = ts.tv_sec;
        return;
    }
    /* The same signal twice at once is one request (a group kill reaching the stage and, forwarded,
     * through the driver); a later one ends the process. */
    if (ts.tv_sec - caught_at <= 1)
        return;
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

void intr_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
#ifdef __linux__
    /* A stage started by parplan run (which names itself in PARPLAN_DRIVER_PID) is told SIGTERM when the
     * driver dies: killed with SIGKILL, which it cannot forward, the driver left its stage running on
     * alone, orphaned.  The stage then stops between documents like on any SIGTERM.  A driver already
     * gone before the request took effect is noticed by the parent's pid. */
    const char *drv = getenv("PARPLAN_DRIVER_PID");
    if (drv && *drv) {
        long want = strtol(drv, NULL, 10);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (want > 0 && (long)getppid() != want)
            caught = SIGTERM;
    }
#endif
}

int intr_signal(void) { return caught; }

int intr_check(pp_err *e)
{
    int sig = caught;
    if (!sig)
        return PP_OK;
    return pp_err_set(e, PP_EXIT_INTERRUPTED, "interrupted by %s: the run is marked interrupted",
                      sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal");
}
