/* scan/office_zip.h (prefix oz_) — the ZIP container of a DOCX or ODT, opened with libzip and checked
 * before any part is inflated: the entry count, each part's declared size and compression ratio and the
 * declared total are bounded (office.h OD_MAX_*), so a ZIP bomb is refused from its central directory,
 * and a part is never inflated past its declared size.  ZIP-level encryption is refused.  Parts are
 * parsed with libxml2 without network access, entity expansion or DTDs. */
#ifndef PARPLAN_SCAN_OFFICE_ZIP_H
#define PARPLAN_SCAN_OFFICE_ZIP_H

#include <stddef.h>

#include <libxml/tree.h>

#include "core/err.h"

typedef struct oz_zip oz_zip;

/* Opens and checks the archive; every refusal names `path` (exit 3, 8 for the size limits). */
int oz_open(const char *path, oz_zip **out, pp_err *e);
void oz_close(oz_zip *z);
/* 1 when the archive holds a part of this exact name. */
int oz_has(oz_zip *z, const char *name);
/* The number of parts, and the name of part i (NULL when unreadable). */
long oz_count(oz_zip *z);
const char *oz_name(oz_zip *z, long i);
/* Reads a whole part (NUL-terminated; caller frees).  A missing part is an error naming it. */
int oz_read(oz_zip *z, const char *name, char **buf, size_t *len, pp_err *e);
/* Reads and parses an XML part (xmlFreeDoc it).  A missing part gives PP_OK with *out NULL when
 * `optional`; a DOCTYPE is refused (Office never writes one; it is how entity bombs arrive). */
int oz_xml(oz_zip *z, const char *name, int optional, xmlDoc **out, pp_err *e);

/* An element whose local name is `name` (prefixes differ between writers, so they are not compared). */
int oz_is(const xmlNode *n, const char *name);
/* The value of the attribute with local name `name` (a copy: free() it), NULL when absent. */
char *oz_attr(const xmlNode *n, const char *name);
/* The first child element named `name`, or NULL. */
xmlNode *oz_child(const xmlNode *n, const char *name);

#endif
