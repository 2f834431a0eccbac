/* audit/audit_serve.c (prefix as_) — see audit_serve.h: the HTTP side of parplan-audit --serve (the daemon,
 * the checks every request passes, form parsing, responses); the pages are audit_serve_pages.c. */
#include "audit/audit_serve-ll.h"

#include "audit/audit_html.h"
#include "core/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define MAX_FORM 65536 /* bytes of a posted form */

/* One request's state across libmicrohttpd's calls. */
typedef struct as_req {
    struct MHD_PostProcessor *pp;
    as_post post;
    size_t bytes;
    const char *bad; /* why the posted body is refused */
} as_req;

static void req_free(as_req *r)
{
    if (!r)
        return;
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    sb_free(&r->post.token);
    sb_free(&r->post.item);
    sb_free(&r->post.field);
    sb_free(&r->post.action);
    sb_free(&r->post.value);
    free(r);
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode t)
{
    (void)cls, (void)con, (void)t;
    req_free(*con_cls);
    *con_cls = NULL;
}

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                  const char *ctype, const char *enc, const char *data, uint64_t off, size_t size)
{
    (void)kind, (void)filename, (void)ctype, (void)enc, (void)off;
    as_req *r = cls;
    strbuf *to = !strcmp(key, "token")    ? &r->post.token
                 : !strcmp(key, "item")   ? &r->post.item
                 : !strcmp(key, "field")  ? &r->post.field
                 : !strcmp(key, "action") ? &r->post.action
                 : !strcmp(key, "value")  ? &r->post.value
                                          : NULL;
    if (to && size)
        sb_add(to, data, size);
    return MHD_YES;
}

static enum MHD_Result respond(struct MHD_Connection *con, unsigned status, const char *ctype, const void *buf,
                               size_t len, const char *location)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)buf, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    /* same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with our own forms */
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'unsafe-inline'; "
                            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    if (strncmp(ctype, "image/", 6))
        MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (location)
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
    enum MHD_Result ok = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result fail(struct MHD_Connection *con, unsigned status, const char *msg)
{
    strbuf sb = STRBUF_INIT;
    ah_begin(&sb, "parplan-audit");
    sb_addf(&sb, "<h1>%u</h1>\n<p>", status);
    ah_esc(&sb, msg);
    sb_adds(&sb, "</p>\n<p><a href=\"/\">All documents</a></p>\n");
    ah_end(&sb);
    enum MHD_Result ok = respond(con, status, "text/html; charset=utf-8", sb_str(&sb), sb.len, NULL);
    sb_free(&sb);
    return ok;
}

/* Whether `v` is this server's host[:port] (Host header) or http://host:port (Origin). */
static int own_host(const as_srv *s, const char *v, int origin)
{
    if (!v)
        return 0;
    if (origin) {
        if (strncmp(v, "http://", 7))
            return 0;
        v += 7;
    }
    char a[64], b[64];
    snprintf(a, sizeof a, "127.0.0.1:%d", s->port);
    snprintf(b, sizeof b, "localhost:%d", s->port);
    return !strcmp(v, a) || !strcmp(v, b);
}

/* Constant-time comparison of a posted token with the session's. */
static int token_ok(const as_srv *s, const strbuf *t)
{
    size_t n = strlen(s->token);
    if (t->len != n)
        return 0;
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned char)(t->buf[i] ^ s->token[i]);
    return d == 0;
}

static int parse_id(const char *p, int64_t *id)
{
    char *end;
    errno = 0;
    long long v = strtoll(p, &end, 10);
    if (!*p || *end || errno)
        return -1;
    *id = v;
    return 0;
}

static enum MHD_Result page(struct MHD_Connection *con, strbuf *sb, pp_err *e)
{
    enum MHD_Result ok;
    if (e->code == PP_EXIT_USAGE)
        ok = fail(con, MHD_HTTP_NOT_FOUND, e->msg);
    else if (e->code)
        ok = fail(con, MHD_HTTP_INTERNAL_SERVER_ERROR, e->msg);
    else
        ok = respond(con, MHD_HTTP_OK, "text/html; charset=utf-8", sb_str(sb), sb->len, NULL);
    sb_free(sb);
    return ok;
}

static enum MHD_Result get(as_srv *s, struct MHD_Connection *con, const char *url)
{
    strbuf sb = STRBUF_INIT;
    pp_err e;
    pp_err_clear(&e);
    int64_t id;
    if (!strcmp(url, "/")) {
        asp_index(s, &sb, &e);
        return page(con, &sb, &e);
    }
    if (!strncmp(url, "/doc/", 5) && !parse_id(url + 5, &id)) {
        asp_doc(s, id, &sb, &e);
        return page(con, &sb, &e);
    }
    if (!strncmp(url, "/item/", 6) && !parse_id(url + 6, &id)) {
        asp_item(s, id, &sb, &e);
        return page(con, &sb, &e);
    }
    if (!strcmp(url, "/app.js"))
        return respond(con, MHD_HTTP_OK, "text/javascript; charset=utf-8", asp_script, strlen(asp_script), NULL);
    if (!strcmp(url, "/next")) {
        const char *after = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "item");
        const char *doc = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "doc");
        int64_t from = 0, from_doc = 0, next = 0;
        const char *field = NULL;
        if ((after && parse_id(after, &from)) || (doc && parse_id(doc, &from_doc)))
            return fail(con, MHD_HTTP_BAD_REQUEST, "item and doc want ids");
        if (asp_next(s, from, from_doc, &next, &field, &e))
            return fail(con, MHD_HTTP_INTERNAL_SERVER_ERROR, e.msg);
        if (!next)
            return respond(con, MHD_HTTP_SEE_OTHER, "text/plain", "", 0, "/?done=1");
        char *loc = xasprintf("/item/%lld#f-%s", (long long)next, field ? field : "");
        enum MHD_Result ok = respond(con, MHD_HTTP_SEE_OTHER, "text/plain", "", 0, loc);
        free(loc);
        return ok;
    }
    size_t n = strlen(url);
    if (!strncmp(url, "/crop/s", 7) && n > 11 && !strcmp(url + n - 4, ".png")) {
        char num[32];
        if (n - 11 >= sizeof num)
            return fail(con, MHD_HTTP_NOT_FOUND, "no such crop");
        memcpy(num, url + 7, n - 11);
        num[n - 11] = '\0';
        char *path = NULL, *buf = NULL;
        size_t len = 0;
        if (parse_id(num, &id))
            return fail(con, MHD_HTTP_NOT_FOUND, "no such crop");
        if (asp_crop(s, id, &path, &e) || fs_read_file(path, 64u << 20, &buf, &len, &e)) {
            free(path);
            return fail(con, e.code == PP_EXIT_USAGE ? MHD_HTTP_NOT_FOUND : MHD_HTTP_INTERNAL_SERVER_ERROR, e.msg);
        }
        enum MHD_Result ok = respond(con, MHD_HTTP_OK, "image/png", buf, len, NULL);
        free(buf);
        free(path);
        return ok;
    }
    return fail(con, MHD_HTTP_NOT_FOUND, "no such page");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    as_srv *s = cls;
    int post = !strcmp(method, MHD_HTTP_METHOD_POST);
    as_req *r = *con_cls;
    if (!r) {
        r = xcalloc(1, sizeof *r);
        *con_cls = r;
        if (post) {
            r->pp = MHD_create_post_processor(con, 16384, post_field, r);
            if (!r->pp)
                r->bad = "a decision is a form (application/x-www-form-urlencoded)";
        }
        return MHD_YES;
    }
    if (post && *upload_size) {
        r->bytes += *upload_size;
        if (r->bytes > MAX_FORM)
            r->bad = "form too large";
        else if (r->pp && !r->bad && MHD_post_process(r->pp, upload, *upload_size) != MHD_YES)
            r->bad = "malformed form";
        *upload_size = 0;
        return MHD_YES;
    }
    /* DNS rebinding: a page of another site resolving its name to 127.0.0.1 still sends its own Host. */
    if (!own_host(s, MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST), 0))
        return fail(con, MHD_HTTP_FORBIDDEN, "wrong Host: this server answers to 127.0.0.1 only");
    if (!post) {
        if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
            return fail(con, MHD_HTTP_METHOD_NOT_ALLOWED, "GET for pages, POST for decisions");
        return get(s, con, url);
    }
    if (strcmp(url, "/review"))
        return fail(con, MHD_HTTP_NOT_FOUND, "decisions are posted to /review");
    const char *origin = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin");
    const char *site = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if ((origin && !own_host(s, origin, 1)) || (site && strcmp(site, "same-origin") && strcmp(site, "none")))
        return fail(con, MHD_HTTP_FORBIDDEN, "cross-origin request refused");
    if (r->bad)
        return fail(con, MHD_HTTP_BAD_REQUEST, r->bad);
    if (!token_ok(s, &r->post.token))
        return fail(con, MHD_HTTP_FORBIDDEN, "missing or wrong session token: reload the page");
    pp_err e;
    pp_err_clear(&e);
    char *loc = NULL;
    if (asp_review(s, &r->post, &loc, &e))
        return fail(con, e.code == PP_EXIT_USAGE ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR, e.msg);
    enum MHD_Result ok = respond(con, MHD_HTTP_SEE_OTHER, "text/plain", "", 0, loc);
    free(loc);
    return ok;
}

static int make_token(char out[65], pp_err *e)
{
    unsigned char raw[32];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return pp_err_set(e, PP_EXIT_INPUT, "no random bytes for the session token: %s", strerror(errno));
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return PP_OK;
}

/* Removes the session's crop cache (the files this process wrote, then the folders). */
static void remove_cache(const char *dir)
{
    if (!dir)
        return;
    char *crops = xasprintf("%s/crops", dir);
    DIR *d = opendir(crops);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *f = xasprintf("%s/%s", crops, de->d_name);
        unlink(f);
        free(f);
    }
    if (d)
        closedir(d);
    rmdir(crops);
    rmdir(dir);
    free(crops);
}

int as_serve(const char *db_path, const as_opts *o, pp_err *e)
{
    as_srv s;
    memset(&s, 0, sizeof s);
    s.o = o;
    if (make_token(s.token, e) || db_open(db_path, DB_READWRITE, &s.db, e))
        return e->code;
    const char *tmp = getenv("TMPDIR");
    char *templ = xasprintf("%s/parplan-audit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(templ)) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot make the crop cache: %s", templ, strerror(errno));
        free(templ);
        db_close(s.db);
        return e->code;
    }
    s.cache = templ;
    struct MHD_Daemon *d = NULL;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    if (rec_open(s.db, &s.rec, e) || review_open(s.db, &s.rv, e) || af_init(&s.af, s.db, o->low, e) ||
        av_init(&s.av, s.db, s.cache, o->root, o->low, o->max_width, e) || asp_prepare(&s, e))
        goto done;
    rec_keep_rejected(s.rec, 1);
    s.av.crop_url = "/crop/";
    char *crops = xasprintf("%s/crops", s.cache);
    cc_init(&s.crops, crops, AS_CROP_BYTES);
    free(crops);
    /* The signals are taken by sigwait below: blocked here, before the daemon's thread inherits the mask.
     * A shell starts background jobs with SIGINT ignored, and an ignored signal is discarded, never
     * pending: the default disposition is set back first. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (pthread_sigmask(SIG_BLOCK, &stop, NULL)) {
        pp_err_set(e, PP_EXIT_INPUT, "cannot block SIGINT");
        goto done;
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)o->port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)o->port, NULL, NULL, handle,
                         &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
                         completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
    if (!d) {
        pp_err_set(e, PP_EXIT_INPUT, "cannot listen on 127.0.0.1:%d (in use?)", o->port);
        goto done;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    s.port = info ? info->port : o->port;
    fprintf(o->url_out, "http://127.0.0.1:%d/\n", s.port);
    fflush(o->url_out);
    pp_info("serving %s as reviewer %s; Ctrl-C stops", db_path, o->reviewer);
    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    pp_info("stopped (signal %d)", sig);
done:
    if (d)
        MHD_stop_daemon(d);
    asp_finalize(&s);
    if (s.crops.dir)
        pp_info("crops: %d rendered, %d served from the cache, %d evicted", s.crops.misses, s.crops.hits,
                s.crops.evicted);
    cc_free(&s.crops);
    av_free(&s.av);
    af_free(&s.af);
    review_close(s.rv);
    rec_close(s.rec);
    db_close(s.db);
    remove_cache(s.cache);
    free(s.cache);
    return e->code;
}
