/* core/strbuf.h (prefix sb_) — a growable byte string (after git's strbuf): always NUL-terminated, may hold
 * NULs. */
#ifndef PARPLAN_STRBUF_H
#define PARPLAN_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(strbuf *sb);
void sb_grow(strbuf *sb, size_t extra);
void sb_add(strbuf *sb, const void *data, size_t n);
void sb_adds(strbuf *sb, const char *s);
void sb_addc(strbuf *sb, char c);
void sb_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(strbuf *sb);
/* Returns the buffer (caller frees) and leaves sb empty. */
char *sb_detach(strbuf *sb, size_t *len);
void sb_free(strbuf *sb);
/* A never-NULL view of the contents. */
const char *sb_str(const strbuf *sb);

#endif
