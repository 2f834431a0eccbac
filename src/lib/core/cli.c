/* core/cli.c (prefix cli_) — see cli.h. */
#include "core/cli.h"
#include "core/err.h"
#include "core/fsutil.h"
#include "core/strbuf.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_init(const char *argv0)
{
    pp_set_progname(argv0);
    signal(SIGXFSZ, SIG_IGN);
    opterr = 0;
}

void cli_single_threaded_openmp(char **argv)
{
    const char *v = getenv("OMP_THREAD_LIMIT");
    if ((v && strcmp(v, "1") == 0) || setenv("OMP_THREAD_LIMIT", "1", 1) != 0)
        return;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return;
    self[n] = '\0';
    execv(self, argv);
}

const char *cli_db_path(const char *opt)
{
    if (opt) /* even empty: db_open refuses it rather than a default the user did not ask for */
        return opt;
    const char *env = getenv("PARPLAN_DB");
    return env && *env ? env : PP_DEFAULT_DB;
}

char *cli_rules_dir(const char *opt)
{
    if (opt && *opt)
        return xstrdup(opt);
    const char *env = getenv("PARPLAN_RULES");
    if (env && *env)
        return xstrdup(env);
    char *self = fs_self_dir();
    char *dir = xasprintf("%s/../rules", self);
    free(self);
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return dir;
    char *share = cli_share_path("rules");
    if (stat(share, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(dir);
        return share;
    }
    free(share);
    return dir; /* the error then names the build tree's folder */
}

char *cli_share_path(const char *name)
{
    char *self = fs_self_dir();
    char *p = xasprintf("%s/../share/parplan/%s", self ? self : ".", name);
    free(self);
    return p;
}

char *cli_beside_db(const char *db, const char *suffix)
{
    size_t n = strlen(db);
    const char *slash = strrchr(db, '/');
    const char *base = slash ? slash + 1 : db;
    if (n > 3 && strcmp(db + n - 3, ".db") == 0 && db + n - 3 > base)
        n -= 3;
    return xasprintf("%.*s%s", (int)n, db, suffix);
}

int cli_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int cli_parse_count(const char *s, int max, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

int cli_usage_error(const char *usage)
{
    if (usage) {
        size_t n = strcspn(usage, "\n");
        fprintf(stderr, "%.*s\n", (int)n, usage);
    }
    fprintf(stderr, "try '%s --help' for the options\n", pp_progname());
    return PP_EXIT_USAGE;
}

int cli_bad_option(char **argv, const char *usage)
{
    /* after a long option, optind is past it; inside a cluster of short ones it may not be */
    const char *prev = optind > 0 ? argv[optind - 1] : "";
    if (strncmp(prev, "--", 2) == 0 && optopt)
        pp_error("option '%.*s' wants a value", (int)strcspn(prev, "="), prev);
    else if (strncmp(prev, "--", 2) == 0)
        pp_error("unknown option '%.*s'", (int)strcspn(prev, "="), prev);
    else if (optopt > ' ' && optopt < 127)
        pp_error("option '-%c' is unknown or wants a value", optopt);
    else
        pp_error("unknown option '%s'", prev);
    return cli_usage_error(usage);
}

int cli_bad_value(const char *option, const char *value, const char *want)
{
    pp_error("%s wants %s, not '%s'", option, want, value);
    return PP_EXIT_USAGE;
}

char *cli_join_args(int argc, char **argv)
{
    strbuf sb = STRBUF_INIT;
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            sb_addc(&sb, ' ');
        sb_adds(&sb, argv[i]);
    }
    return sb_detach(&sb, NULL);
}
