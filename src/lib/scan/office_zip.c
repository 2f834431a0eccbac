/* scan/office_zip.c (prefix oz_) — see office_zip.h. */
#include "scan/office_zip.h"
#include "scan/office.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct oz_zip {
    zip_t *z;
    char *path;
};

/* Checks every entry from the central directory: nothing is inflated yet. */
static int oz_check(oz_zip *o, pp_err *e)
{
    zip_int64_t n = zip_get_num_entries(o->z, 0);
    if (n < 0 || n > OD_MAX_ENTRIES)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: ZIP archive with %lld entries, over the limit of %d: refused",
                          o->path, (long long)n, OD_MAX_ENTRIES);
    unsigned long long total = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(o->z, (zip_uint64_t)i, 0, &st) != 0)
            return pp_err_set(e, PP_EXIT_INPUT, "%s: ZIP entry %lld is unreadable: %s", o->path, (long long)i,
                              zip_strerror(o->z));
        const char *name = (st.valid & ZIP_STAT_NAME) && st.name ? st.name : "?";
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            return pp_err_set(e, PP_EXIT_INPUT, "%s: part %s is encrypted (password-protected document): refused",
                              o->path, name);
        if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
            return pp_err_set(e, PP_EXIT_INPUT, "%s: part %s declares no size: refused", o->path, name);
        if (st.size > (zip_uint64_t)OD_MAX_ENTRY_BYTES)
            return pp_err_set(e, PP_EXIT_NOMEM,
                              "%s: part %s inflates to %llu bytes, over the limit of %ld (a ZIP bomb?): refused",
                              o->path, name, (unsigned long long)st.size, OD_MAX_ENTRY_BYTES);
        /* XML compresses 5-20 times; a bomb a thousand times and more.  Small parts are exempt (a
         * run of zeros in a tiny part is not a threat). */
        if (st.size > (1u << 20) && st.size / (st.comp_size ? st.comp_size : 1) > OD_MAX_RATIO)
            return pp_err_set(e, PP_EXIT_NOMEM,
                              "%s: part %s compresses %llu bytes into %llu (ratio over %d: a ZIP bomb?): refused",
                              o->path, name, (unsigned long long)st.size, (unsigned long long)st.comp_size,
                              OD_MAX_RATIO);
        total += st.size;
        if (total > (unsigned long long)OD_MAX_TOTAL_BYTES)
            return pp_err_set(e, PP_EXIT_NOMEM,
                              "%s: parts inflate to over %ld bytes together (a ZIP bomb?): refused", o->path,
                              OD_MAX_TOTAL_BYTES);
    }
    return PP_OK;
}

int oz_open(const char *path, oz_zip **out, pp_err *e)
{
    *out = NULL;
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        pp_err_set(e, PP_EXIT_INPUT, "%s: not a readable ZIP archive (truncated or corrupt?): %s", path,
                   zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return e->code;
    }
    oz_zip *o = xcalloc(1, sizeof *o);
    o->z = z;
    o->path = xstrdup(path);
    if (oz_check(o, e)) {
        oz_close(o);
        return e->code;
    }
    *out = o;
    return PP_OK;
}

void oz_close(oz_zip *o)
{
    if (!o)
        return;
    zip_discard(o->z);
    free(o->path);
    free(o);
}

int oz_has(oz_zip *o, const char *name)
{
    return zip_name_locate(o->z, name, 0) >= 0;
}

long oz_count(oz_zip *o)
{
    return (long)zip_get_num_entries(o->z, 0);
}

const char *oz_name(oz_zip *o, long i)
{
    return zip_get_name(o->z, (zip_uint64_t)i, 0);
}

int oz_read(oz_zip *o, const char *name, char **buf, size_t *len, pp_err *e)
{
    *buf = NULL;
    *len = 0;
    zip_int64_t i = zip_name_locate(o->z, name, 0);
    zip_stat_t st;
    zip_stat_init(&st);
    if (i < 0 || zip_stat_index(o->z, (zip_uint64_t)i, 0, &st) != 0)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: part %s is missing", o->path, name);
    /* oz_check bounded st.size; the read never goes past it, whatever the compressed stream holds */
    size_t size = (size_t)st.size;
    char *b = malloc(size + 1);
    if (!b)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: part %s: out of memory for %zu bytes", o->path, name, size);
    zip_file_t *f = zip_fopen_index(o->z, (zip_uint64_t)i, 0);
    if (!f) {
        free(b);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: part %s cannot be opened: %s", o->path, name, zip_strerror(o->z));
    }
    size_t got = 0;
    while (got < size) {
        zip_int64_t r = zip_fread(f, b + got, size - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    char extra;
    /* libzip checks the CRC at the end of the data: a lying size or a corrupt stream fails here */
    zip_int64_t more = got == size ? zip_fread(f, &extra, 1) : -1;
    int bad = got != size || more != 0;
    const char *why = bad ? zip_file_strerror(f) : NULL;
    if (bad) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: part %s is corrupt (%s)", o->path, name,
                   more > 0 ? "more data than its declared size" : why ? why : "short read");
        zip_fclose(f);
        free(b);
        return e->code;
    }
    zip_fclose(f);
    b[size] = '\0';
    *buf = b;
    *len = size;
    return PP_OK;
}

int oz_xml(oz_zip *o, const char *name, int optional, xmlDoc **out, pp_err *e)
{
    *out = NULL;
    if (optional && !oz_has(o, name))
        return PP_OK;
    char *buf;
    size_t len;
    if (oz_read(o, name, &buf, &len, e))
        return e->code;
    if (len > (size_t)INT32_MAX) {
        free(buf);
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: part %s is too large", o->path, name);
    }
    /* No network, no entity substitution, no DTD loading; libxml2's own limits stay on (no HUGE). */
    xmlDoc *d = xmlReadMemory(buf, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(buf);
    if (!d) {
        const xmlError *xe = xmlGetLastError();
        pp_err_set(e, PP_EXIT_INPUT, "%s: part %s is not well-formed XML%s%.*s", o->path, name,
                   xe && xe->message ? ": " : "", xe && xe->message ? (int)strcspn(xe->message, "\n") : 0,
                   xe && xe->message ? xe->message : "");
        return e->code;
    }
    if (d->intSubset || d->extSubset) {
        xmlFreeDoc(d);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: part %s has a DOCTYPE, which Office files never have: refused",
                          o->path, name);
    }
    if (!xmlDocGetRootElement(d)) {
        xmlFreeDoc(d);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: part %s has no root element", o->path, name);
    }
    *out = d;
    return PP_OK;
}

int oz_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

char *oz_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        char *c = xstrdup(v ? (const char *)v : "");
        xmlFree(v);
        return c;
    }
    return NULL;
}

xmlNode *oz_child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (oz_is(c, name))
            return c;
    return NULL;
}
