/* scan/office_num.c (prefix on_) — see office_num.h. */
#include "scan/office_num.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define ON_LEVELS 9

typedef struct on_lvl {
    int start;
    char fmt[24];   /* w:numFmt: decimal, upperRoman, lowerLetter, bullet, none, … */
    char *text;     /* w:lvlText: "%1.%2." */
} on_lvl;

typedef struct on_abs {
    char *id;
    on_lvl lvl[ON_LEVELS];
} on_abs;

typedef struct on_num {
    char *id;
    const on_abs *abs;
    int count[ON_LEVELS];   /* the last number given at each level, 0 before the first */
    int start[ON_LEVELS];   /* w:lvlOverride/w:startOverride, 0 when none */
} on_num;

struct on_numbering {
    on_abs *abs;
    size_t nabs, aabs;
    on_num *num;
    size_t nnum, anum;
};

static int on_int(const xmlNode *n, const char *child, int dflt)
{
    xmlNode *c = oz_child(n, child);
    char *v = c ? oz_attr(c, "val") : NULL;
    int r = v ? atoi(v) : dflt;
    free(v);
    return r;
}

int on_load(oz_zip *z, on_numbering **out, pp_err *e)
{
    *out = NULL;
    xmlDoc *d;
    if (oz_xml(z, "word/numbering.xml", 1, &d, e))
        return e->code;
    if (!d)
        return PP_OK;
    on_numbering *nb = xcalloc(1, sizeof *nb);
    xmlNode *root = xmlDocGetRootElement(d);
    for (xmlNode *a = root->children; a; a = a->next) {
        if (!oz_is(a, "abstractNum"))
            continue;
        PP_GROW(nb->abs, nb->nabs + 1, nb->aabs, 8);
        on_abs *ab = &nb->abs[nb->nabs++];
        memset(ab, 0, sizeof *ab);
        ab->id = oz_attr(a, "abstractNumId");
        for (int i = 0; i < ON_LEVELS; i++)
            ab->lvl[i].start = 1;
        for (xmlNode *l = a->children; l; l = l->next) {
            if (!oz_is(l, "lvl"))
                continue;
            char *il = oz_attr(l, "ilvl");
            int i = il ? atoi(il) : -1;
            free(il);
            if (i < 0 || i >= ON_LEVELS)
                continue;
            ab->lvl[i].start = on_int(l, "start", 1);
            xmlNode *f = oz_child(l, "numFmt");
            char *fmt = f ? oz_attr(f, "val") : NULL;
            snprintf(ab->lvl[i].fmt, sizeof ab->lvl[i].fmt, "%s", fmt ? fmt : "decimal");
            free(fmt);
            xmlNode *t = oz_child(l, "lvlText");
            free(ab->lvl[i].text);
            ab->lvl[i].text = t ? oz_attr(t, "val") : NULL;
        }
    }
    /* abstractNum elements come before num elements, so the pointers below stay valid */
    for (xmlNode *n = root->children; n; n = n->next) {
        if (!oz_is(n, "num"))
            continue;
        xmlNode *an = oz_child(n, "abstractNumId");
        char *aid = an ? oz_attr(an, "val") : NULL;
        const on_abs *ab = NULL;
        for (size_t i = 0; aid && i < nb->nabs && !ab; i++)
            if (nb->abs[i].id && !strcmp(nb->abs[i].id, aid))
                ab = &nb->abs[i];
        free(aid);
        if (!ab)
            continue;
        PP_GROW(nb->num, nb->nnum + 1, nb->anum, 8);
        on_num *nm = &nb->num[nb->nnum++];
        memset(nm, 0, sizeof *nm);
        nm->id = oz_attr(n, "numId");
        nm->abs = ab;
        for (xmlNode *o = n->children; o; o = o->next) {
            if (!oz_is(o, "lvlOverride"))
                continue;
            char *il = oz_attr(o, "ilvl");
            int i = il ? atoi(il) : -1;
            free(il);
            if (i >= 0 && i < ON_LEVELS && oz_child(o, "startOverride"))
                nm->start[i] = on_int(o, "startOverride", 1);
        }
    }
    xmlFreeDoc(d);
    *out = nb;
    return PP_OK;
}

void on_free(on_numbering *nb)
{
    if (!nb)
        return;
    for (size_t i = 0; i < nb->nabs; i++) {
        free(nb->abs[i].id);
        for (int k = 0; k < ON_LEVELS; k++)
            free(nb->abs[i].lvl[k].text);
    }
    for (size_t i = 0; i < nb->nnum; i++)
        free(nb->num[i].id);
    free(nb->abs);
    free(nb->num);
    free(nb);
}

static void on_roman(strbuf *sb, int n, int upper)
{
    static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
    static const char *const up[] = { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" };
    static const char *const lo[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
    for (int i = 0; i < 13 && n > 0 && n < 4000; i++)
        while (n >= val[i]) {
            sb_adds(sb, upper ? up[i] : lo[i]);
            n -= val[i];
        }
}

/* One level's number in its format. */
static void on_format(strbuf *sb, const char *fmt, int n)
{
    if (!strcmp(fmt, "upperRoman") || !strcmp(fmt, "lowerRoman")) {
        on_roman(sb, n, fmt[0] == 'u');
    } else if (!strcmp(fmt, "upperLetter") || !strcmp(fmt, "lowerLetter")) {
        /* a..z, then aa, bb, … as Word counts */
        int k = n > 0 ? (n - 1) % 26 : 0, rep = n > 0 ? (n - 1) / 26 + 1 : 1;
        for (int i = 0; i < rep && i < 8; i++)
            sb_addc(sb, (char)((fmt[0] == 'u' ? 'A' : 'a') + k));
    } else if (!strcmp(fmt, "decimalZero")) {
        sb_addf(sb, "%02d", n);
    } else {
        sb_addf(sb, "%d", n); /* decimal and every other numbering shown as a number */
    }
}

char *on_label(on_numbering *nb, const char *num_id, int ilvl)
{
    if (!nb || !num_id || ilvl < 0 || ilvl >= ON_LEVELS)
        return NULL;
    on_num *nm = NULL;
    for (size_t i = 0; i < nb->nnum && !nm; i++)
        if (nb->num[i].id && !strcmp(nb->num[i].id, num_id))
            nm = &nb->num[i];
    if (!nm)
        return NULL;
    const on_lvl *lv = &nm->abs->lvl[ilvl];
    if (!strcmp(lv->fmt, "none"))
        return NULL;
    if (!strcmp(lv->fmt, "bullet")) {
        /* the bullet glyph is often a Symbol-font code; a plan's text writes "-" */
        const char *t = lv->text;
        return xstrdup(t && (!strcmp(t, "-") || !strcmp(t, "+") || !strcmp(t, "\xe2\x80\xa2")) ? t : "-");
    }
    for (int i = 0; i < ON_LEVELS; i++) /* a level not yet used starts at its start value */
        if (i <= ilvl && nm->count[i] == 0)
            nm->count[i] = (nm->start[i] ? nm->start[i] : nm->abs->lvl[i].start) - (i == ilvl ? 1 : 0);
    nm->count[ilvl]++;
    for (int i = ilvl + 1; i < ON_LEVELS; i++)
        nm->count[i] = 0;
    strbuf sb = STRBUF_INIT;
    const char *t = lv->text ? lv->text : "%1.";
    for (const char *p = t; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            on_format(&sb, nm->abs->lvl[k].fmt, nm->count[k] > 0 ? nm->count[k] : nm->abs->lvl[k].start);
            p++;
        } else {
            sb_addc(&sb, *p);
        }
    }
    if (!sb.len) {
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb, NULL);
}
