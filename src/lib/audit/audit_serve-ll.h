/* audit/audit_serve-ll.h (prefix asp_) — what audit_serve.c (the HTTP side) and audit_serve_pages.c (the
 * pages and decisions) share: the server's state and the page builders, all called from the one thread
 * of libmicrohttpd that polls the connections, so nothing here is shared between threads. */
#ifndef PARPLAN_AUDIT_SERVE_LL_H
#define PARPLAN_AUDIT_SERVE_LL_H

#include <stdint.h>

#include "audit/audit_flags.h"
#include "audit/audit_serve.h"
#include "audit/audit_value.h"
#include "audit/cropcache.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "records/recbuild.h"
#include "records/review.h"

typedef struct as_srv {
    pp_db *db;
    const as_opts *o;
    rec_ctx *rec;
    review_ctx *rv;
    af_ctx af;
    av_ctx av;
    char token[65];
    int port;
    char *cache; /* crop cache directory of the session */
    cc_cache crops; /* its row crops, least recently used out past AS_CROP_BYTES */
    sqlite3_stmt *docs, *doc, *item_doc, *src_item, *src_one;
} as_srv;

/* A decision posted to /review. */
typedef struct as_post {
    strbuf token, item, field, action, value;
} as_post;

/* Page builders: fill sb with a whole page.  PP_EXIT_USAGE in e means "no such page" (404). */
int asp_index(as_srv *s, strbuf *sb, pp_err *e);
int asp_doc(as_srv *s, int64_t id, strbuf *sb, pp_err *e);
int asp_item(as_srv *s, int64_t id, strbuf *sb, pp_err *e);
/* The first item after item `after` (0: from the start of document from_doc, or of all when 0), in the
 * index's order, with a flagged field nobody
 * accepted or corrected; *item 0 when none.  field receives that field's name. */
int asp_next(as_srv *s, int64_t after, int64_t from_doc, int64_t *item, const char **field, pp_err *e);
/* The crop cache's budget: 64 MB holds a few thousand row crops (10-40 KB each on the samples). */
#define AS_CROP_BYTES ((size_t)64 << 20)

/* The crop of one source as a PNG in the cache: its row's crop (every value of its item on its page, so the
 * row's values share one rendering), rendered when first asked for; *path malloc'd. */
int asp_crop(as_srv *s, int64_t source_id, char **path, pp_err *e);
/* Records a posted decision (token already checked); *location: where to send the browser (malloc'd).
 * PP_EXIT_USAGE for a bad request. */
int asp_review(as_srv *s, const as_post *p, char **location, pp_err *e);
int asp_prepare(as_srv *s, pp_err *e);
void asp_finalize(as_srv *s);

/* The script of every page (keyboard: n next flagged value, j / k move, a accept, e edit, Esc leave). */
extern const char asp_script[];

#endif
