/* audit/audit_serve.h (prefix as_) — parplan-audit --serve: review in the browser.  A local web server
 * (libmicrohttpd) bound to 127.0.0.1 only: documents by province with their reviewed and flagged counts, a
 * document with its items, an item with every field beside the crops of its sources (rendered on demand
 * from the page images and cached for the session), and forms to accept, correct, add a missing value or
 * reject a spurious item, each decision written to the review history at once (records/review.h).
 *
 * Safety: every state change is a POST to /review carrying the session's random token (printed nowhere,
 * put in the served forms); a request whose Host is not the server's own, a POST from another origin
 * (Origin, Sec-Fetch-Site) or with a missing or wrong token is refused with 403.  Pages are served with a
 * Content-Security-Policy that allows only the server's own script and images; every stored text is
 * escaped (audit_html.h). */
#ifndef PARPLAN_AUDIT_SERVE_H
#define PARPLAN_AUDIT_SERVE_H

#include <stdio.h>

#include "core/err.h"

typedef struct as_opts {
    const char *root;     /* directory relative document sources are found in (NULL: current) */
    double low;           /* confidence threshold of the low flag */
    int port;             /* 0: any free port */
    const char *reviewer; /* name the decisions are recorded under */
    int max_width;        /* crop width limit */
    FILE *url_out;        /* where the URL line is printed (stdout) */
} as_opts;

/* Serves db_path (opened read-write: decisions are written) until SIGINT or SIGTERM. */
int as_serve(const char *db_path, const as_opts *o, pp_err *e);

#endif
