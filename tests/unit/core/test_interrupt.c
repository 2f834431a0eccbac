/* test_interrupt.c — SIGINT/SIGTERM as a request to stop (interrupt.c): nothing caught before a signal;
 * the first one is noted and turned into PP_EXIT_INTERRUPTED naming it, without ending the process; the
 * same signal again within a second is the same request; one later ends the process (Ctrl-C twice). */
#include "check.h"
#include "core/interrupt.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    pp_err e;
    pp_err_clear(&e);
    /* first, in a child (the flag is not yet set in the copy it gets): Ctrl-C, then Ctrl-C again two seconds later ends it by SIGINT */
    pid_t pid = fork();
    if (pid == 0) {
        intr_catch();
        raise(SIGINT);
        if (intr_signal() != SIGINT)
            _exit(3);
        struct timespec two = { 2, 200000000 };
        while (nanosleep(&two, &two) != 0)
            ;
        raise(SIGINT);
        _exit(4); /* not reached when the second signal ends the process */
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "child ran");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT, "a second Ctrl-C later ends the process (status %d)",
          status);
    intr_catch();
    CHECK(intr_signal() == 0 && intr_check(&e) == PP_OK && e.code == PP_OK, "nothing caught before a signal");
    raise(SIGTERM);
    CHECK(intr_signal() == SIGTERM, "SIGTERM caught, the process goes on");
    CHECK(intr_check(&e) == PP_EXIT_INTERRUPTED && e.code == 130 && strstr(e.msg, "interrupted by SIGTERM"),
          "a stop request: exit 130, naming the signal (%s)", e.msg);
    raise(SIGTERM);
    CHECK(intr_signal() == SIGTERM, "the same signal at once again: one request, still running");

    return check_done();
}
