/* extract/extract_doc_header.c (prefix ex_) — the document fields (kind, number, date, issuer, province,
 * title, period) read from a document's first lines, and the province of a document's folders for one
 * whose header names none. */
#include "extract/extract-ll.h"
#include "core/strsim.h"
#include "extract/fields.h"
#include "match/gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* the document fields are read from a plan's header: its first lines */
#define EX_HEADER_LINES 40
/* how far down a header may start after something else (its motto looked for up to this line), and
 * how many lines of the body's column stand above the motto there */
#define EX_HEADER_SEARCH 160
#define EX_HEADER_BEFORE 6

/* Runs the rules of `field` anchored on one line alone (so ^ and $ are the line's ends). */
static int ex_line_rule(ex_doc *x, const char *field, size_t i, rl_match *m)
{
    return sg_line_rule(&x->d, x->r->rules, field, i, m);
}

/* No lower-case letter in s (UTF-8). */
static int ex_no_lower(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0 || utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
            return 0;
        p += k;
        n -= k;
    }
    return 1;
}

static char *ex_titlecase(const char *s)
{
    /* "SƠN HÀ" -> "Sơn Hà": lower everything, upper each word's first letter */
    strbuf sb = STRBUF_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    int start = 1;
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0)
            break;
        int32_t o = start ? utf8proc_toupper(c) : utf8proc_tolower(c);
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t w = utf8proc_encode_char(o, buf);
        sb_add(&sb, buf, (size_t)w);
        start = c == ' ' || c == '-';
        p += k;
        n -= k;
    }
    return sb_detach(&sb, NULL);
}

/* Keeps v (owned) as field k's value unless the field has one already: the first found wins; an empty
 * value is none. */
static void ex_set(ex_docf *df, int k, char *v, sg_span sp, const char *rule)
{
    if (df->v[k] || !v || !*v) {
        free(v);
        return;
    }
    df->v[k] = v;
    df->sp[k] = sp;
    df->rule[k] = rule;
}

/* Removes the spaces of s in place ("12 /KH-UBND" -> "12/KH-UBND"). */
static char *ex_nospace(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    return s;
}

/* The province of a document whose header names none, from the folders it was filed in
 * ("archive/gia-lai/2023/kh.pdf", "Bình Định/…"): the deepest folder that is a province of
 * rules/provinces.txt.  NULL when none is. */
char *ex_province_of_path(const gz_list *provinces, const char *path)
{
    if (!provinces || !path)
        return NULL;
    const char *end = strrchr(path, '/'); /* the file's own name is not a folder */
    while (end && end > path) {
        const char *start = end;
        while (start > path && start[-1] != '/')
            start--;
        /* folders are names as written: fold them as list names are (gz_key_of) */
        char *k = gz_key_of(start, (size_t)(end - start));
        int ent = k && *k ? gz_exact(provinces, k, strlen(k)) : -1;
        free(k);
        if (ent >= 0)
            return xstrdup(provinces->e[ent].name);
        end = start > path ? start - 1 : NULL;
    }
    return NULL;
}

/* Runs the rules of `field` anywhere in line i (not anchored at its start); 1 on a match. */
static int ex_line_find(ex_doc *x, const char *field, size_t i, rl_match *m)
{
    return sg_line_match(&x->d, x->r->rules, field, i, 0, m);
}

/* The issuing body's column of the header (Nghị định 30/2020/NĐ-CP: the body top left, the national
 * motto top right) as pieces of folded text, one per line, joined with one space into `s`; map[k] is the
 * folded offset of byte k of s in the document (SIZE_MAX for a joining space). */
#define EX_BLOCK_PIECES 8
typedef struct ex_block {
    sg_span p[EX_BLOCK_PIECES];
    size_t n;
    char s[512];
    size_t map[512];
    size_t len;
} ex_block;

/* A line's left part [f0, cut) with the noise an OCR engine or a flattened table puts around it trimmed
 * ("- ỦY BAN", "| ", "--------"); an empty span when no letter is left. */
static sg_span ex_left_part(ex_doc *x, size_t i, size_t cut)
{
    const char *f = x->d.f.buf;
    size_t a = x->d.lines[i].f0, b = cut;
    while (a < b && strchr(" \t-_\"'.,|*:;~", f[a]))
        a++;
    while (b > a && strchr(" \t-_\"'.,|*:;~", f[b - 1]))
        b--;
    int letter = 0;
    for (size_t k = a; k < b; k++)
        if ((f[k] >= 'a' && f[k] <= 'z') || (unsigned char)f[k] >= 0x80)
            letter = 1;
    return letter ? (sg_span){ a, b } : (sg_span){ a, a };
}

/* A line that ends the body's column: the number, the place and date, the kind, the subject. */
static int ex_block_stop(ex_doc *x, size_t i)
{
    rl_match m;
    return ex_line_rule(x, "doc.number", i, &m) == 1 || ex_line_find(x, "doc.date", i, &m) == 1 ||
           ex_line_rule(x, "doc.kind", i, &m) == 1 || ex_line_rule(x, "doc.subject", i, &m) == 1;
}

static void ex_block_add(ex_block *bl, sg_span sp)
{
    if (bl->n < EX_BLOCK_PIECES && sp.b > sp.a)
        bl->p[bl->n++] = sp;
}

/* Collects the column: the lines from the first that carries the motto, each cut where the motto starts,
 * up to a blank line, a dashed rule or a stop line; when that line holds the motto alone, the header
 * was flattened one cell per line and the body's lines are the ones before it.  0 when no line of the
 * first 15 carries the motto (a header without one is read by the rules alone). */
static int ex_block_read(ex_doc *x, size_t h0, size_t nl, ex_block *bl)
{
    const sg_doc *d = &x->d;
    rl_match m;
    size_t lim = nl < h0 + 15 ? nl : h0 + 15, mline = lim;
    for (size_t i = h0; i < lim && mline == lim; i++)
        if (ex_line_find(x, "doc.motto", i, &m) == 1)
            mline = i;
    if (mline == lim)
        return 0;
    bl->n = 0;
    sg_span first = ex_left_part(x, mline, m.start);
    if (first.b == first.a) {
        sg_span back[EX_BLOCK_PIECES];
        size_t nb = 0;
        for (size_t i = mline; i-- > h0 && nb < 4;) {
            sg_span ls = sg_trim(d, (sg_span){ d->lines[i].f0, d->lines[i].f1 });
            if (ls.a == ls.b || memchr(d->f.buf + ls.a, '@', ls.b - ls.a))
                break;
            sg_span lp = ex_left_part(x, i, d->lines[i].f1);
            if (lp.b > lp.a)
                back[nb++] = lp;
        }
        while (nb)
            ex_block_add(bl, back[--nb]);
    } else {
        ex_block_add(bl, first);
    }
    int blanks = 0;
    for (size_t i = mline + 1; i < nl && i < mline + 6; i++) {
        sg_span ls = sg_trim(d, (sg_span){ d->lines[i].f0, d->lines[i].f1 });
        /* OCR puts a blank line between the header's two lines (seed 003: "UBND TỈNH GIA LAI" / blank /
         * "SỞ CÔNG THƯƠNG  Độc lập - Tự do - Hạnh phúc"): one is skipped when the motto's second line
         * follows it, so the agency under the council is read as the issuer */
        if (ls.a == ls.b && !blanks++ && i + 1 < nl && ex_line_find(x, "doc.motto", i + 1, &m) == 1)
            continue;
        if (ls.a == ls.b || ex_block_stop(x, i))
            break;
        size_t cut = ex_line_find(x, "doc.motto", i, &m) == 1 ? m.start : d->lines[i].f1;
        sg_span lp = ex_left_part(x, i, cut);
        if (lp.b > lp.a)
            ex_block_add(bl, lp);
        else if (cut == d->lines[i].f1 && bl->n) /* a rule under the body's name ("--------") */
            break;
    }
    bl->len = 0;
    for (size_t k = 0; k < bl->n; k++) {
        if (k && bl->len < sizeof bl->s - 1) {
            bl->map[bl->len] = SIZE_MAX;
            bl->s[bl->len++] = ' ';
        }
        for (size_t o = bl->p[k].a; o < bl->p[k].b && bl->len < sizeof bl->s - 1; o++) {
            bl->map[bl->len] = o;
            bl->s[bl->len++] = d->f.buf[o];
        }
    }
    bl->s[bl->len] = '\0';
    return bl->len > 0;
}

/* The original text of block bytes [a, b): each piece's part, joined with one space. */
static char *ex_block_text(ex_doc *x, const ex_block *bl, size_t a, size_t b)
{
    strbuf sb = STRBUF_INIT;
    size_t k = a;
    while (k < b) {
        while (k < b && bl->map[k] == SIZE_MAX)
            k++;
        size_t e = k;
        while (e < b && bl->map[e] != SIZE_MAX)
            e++;
        if (e > k) {
            char *t = ex_text(x, (sg_span){ bl->map[k], bl->map[e - 1] + 1 }, " .,;:-_|");
            if (t && *t) {
                if (sb.len)
                    sb_addc(&sb, ' ');
                sb_adds(&sb, t);
            }
            free(t);
        }
        k = e;
    }
    return sb_detach(&sb, NULL);
}

/* The folded document span of block bytes [a, b). */
static sg_span ex_block_span(const ex_block *bl, size_t a, size_t b)
{
    while (a < b && bl->map[a] == SIZE_MAX)
        a++;
    while (b > a && bl->map[b - 1] == SIZE_MAX)
        b--;
    return b > a ? (sg_span){ bl->map[a], bl->map[b - 1] + 1 } : (sg_span){ 0, 0 };
}

/* Edit distance of two short byte strings (at most 63 bytes; more counts as far): strsim's, with its
 * scratch on the stack. */
static size_t ex_edits(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > 63 || nb > 63)
        return 99;
    size_t rows[2 * 64];
    return strsim_distance(a, na, b, nb, rows);
}

/* The province whose name opens key s (n bytes, a gazetteer key: words split by one space): the longest
 * alias that is the key's first words, else the nearest within one edit in eight letters (OCR damage:
 * "quang ngait", "vunc tau").  The entry, and in *used the key bytes its name took; -1 when none. */
static int ex_province_at(const gz_list *g, const char *s, size_t n, size_t *used)
{
    for (size_t i = 0; i < g->na; i++) {
        size_t l = g->a[i].len;
        if (l <= n && memcmp(s, g->a[i].key, l) == 0 && (l == n || s[l] == ' ')) {
            *used = l;
            return g->a[i].entry;
        }
    }
    int best = -1;
    size_t bestd = 99;
    size_t w = 0;
    for (int words = 1; words <= 4 && w < n; words++) {
        w++;
        while (w < n && s[w] != ' ')
            w++;
        for (size_t i = 0; i < g->na; i++) {
            size_t l = g->a[i].len;
            if (l < 6)
                continue;
            size_t dd = ex_edits(s, w, g->a[i].key, l);
            if (dd <= l / 8 && dd < bestd) {
                bestd = dd;
                best = g->a[i].entry;
                *used = w;
            }
        }
    }
    return best;
}

/* Reads the issuer and the province from the body's column: "ỦY BAN NHÂN DÂN / TỈNH X" is the issuer
 * "Ủy ban nhân dân tỉnh X" (X canonical from rules/provinces.txt), "UBND TỈNH X / SỞ Y" the agency Sở Y
 * under it (rules/bodies.txt, else as the issuer rules read it); another body's name is read by the
 * issuer rules. */
static void ex_block_fields(ex_doc *x, ex_docf *df, const ex_block *bl)
{
    static const struct { const char *key, *name; } councils[] = {
        { "uy ban nhan dan ", "Ủy ban nhân dân" }, { "ubnd ", "Ủy ban nhân dân" },
        { "hoi dong nhan dan ", "Hội đồng nhân dân" }, { "hdnd ", "Hội đồng nhân dân" },
    };
    /* a province's council names the province (rules/provinces.txt); a district's or a commune's names a
     * place of no list, kept as the header writes it */
    static const struct { const char *key, *name; int provincial; } levels[] = {
        { "tinh ", "tỉnh", 1 }, { "thanh pho ", "thành phố", 1 }, { "tp ", "thành phố", 1 },
        { "huyen ", "huyện", 0 }, { "thi xa ", "thị xã", 0 }, { "quan ", "quận", 0 }, { "xa ", "xã", 0 },
        { "phuong ", "phường", 0 }, { "thi tran ", "thị trấn", 0 },
    };
    gz_key k;
    gz_key_make(bl->s, bl->len, &k);
    /* a speck at the scan's edge read as a lone letter before the council's name ("Ặ ỦY BAN NHÂN DÂN",
     * Quảng Ngãi's signed scans): up to two such letters are passed over */
    size_t lead = 0;
    for (int t = 0; t < 2 && lead + 2 <= k.len && k.s[lead + 1] == ' '; t++)
        lead += 2;
    size_t pos = 0;
    const char *council = NULL, *level = NULL;
    int provincial = 0;
    for (size_t c = 0; c < sizeof councils / sizeof *councils && !council; c++)
        if (strncmp(k.s + lead, councils[c].key, strlen(councils[c].key)) == 0) {
            council = councils[c].name;
            pos = lead + strlen(councils[c].key);
        }
    for (size_t c = 0; council && c < sizeof levels / sizeof *levels && !level; c++)
        if (strncmp(k.s + pos, levels[c].key, strlen(levels[c].key)) == 0) {
            level = levels[c].name;
            provincial = levels[c].provincial;
            pos += strlen(levels[c].key);
        }
    rl_match m;
    size_t a, b;
    size_t rest = 0; /* key offset of what follows the council's name */
    if (council && level && pos < k.len) {
        size_t used = 0;
        int ent = provincial ? ex_province_at(x->r->provinces, k.s + pos, k.len - pos, &used) : -1;
        char *prov = NULL;
        if (ent >= 0) {
            prov = xstrdup(x->r->provinces->e[ent].name);
        } else {
            /* not a listed province: its name as a header writes it, up to three words (four for a
             * district's or a commune's) in capitals */
            size_t w = pos;
            for (int words = 0; words < (provincial ? 3 : 4) && w < k.len; words++) {
                size_t e = w;
                while (e < k.len && k.s[e] != ' ')
                    e++;
                if (strncmp(k.s + w, "so ", 3) == 0 || strncmp(k.s + w, "ban ", 4) == 0 ||
                    strncmp(k.s + w, "van phong ", 10) == 0 || strncmp(k.s + w, "phong ", 6) == 0)
                    break; /* the agency's line under the council's ("PHÒNG NỘI VỤ") */
                used = e - pos;
                w = e + 1;
            }
            char *t = used ? ex_block_text(x, bl, k.map[pos], k.map[pos + used - 1] + 1) : NULL;
            if (t && ex_no_lower(t))
                prov = ex_titlecase(t);
            free(t);
        }
        if (prov) {
            sg_span ps = ex_block_span(bl, k.map[pos], k.map[pos + used - 1] + 1);
            /* "Thành phố Hồ Chí Minh" is already the city's whole name */
            static const char city[] = "Thành phố ";
            const char *pn = strncmp(prov, city, sizeof city - 1) == 0 ? prov + sizeof city - 1 : prov;
            strbuf sb = STRBUF_INIT;
            sb_adds(&sb, council);
            sb_addc(&sb, ' ');
            sb_adds(&sb, level);
            sb_addc(&sb, ' ');
            sb_adds(&sb, pn);
            char *upper = sb_detach(&sb, NULL);
            rest = pos + used;
            while (rest < k.len && k.s[rest] == ' ')
                rest++;
            /* the agency under the council, when its line follows */
            int sub = 0;
            if (rest < k.len) {
                size_t r0 = k.map[rest];
                /* matched on the rest alone, so that its ^ is the agency's line's start */
                if (rl_first(x->r->rules, "doc.issuer", bl->s + r0, bl->len - r0, 0, 1, &m) == 1 &&
                    strcmp(m.rule->name, "header_agency") == 0 && rl_group(&m, "issuer", &a, &b)) {
                    a += r0;
                    b += r0;
                    gz_key ik;
                    gz_key_make(bl->s + a, b - a, &ik);
                    int be = gz_exact(x->r->bodies, ik.s, ik.len);
                    gz_key_free(&ik);
                    char *t = be >= 0 ? xstrdup(x->r->bodies->e[be].name) : ex_block_text(x, bl, a, b);
                    if (be < 0 && ex_no_lower(t)) {
                        char *tc = ex_titlecase(t);
                        free(t);
                        t = tc;
                    }
                    ex_set(df, D_ISSUER, t, ex_block_span(bl, a, b), "header_column");
                    sub = 1;
                }
            }
            if (!sub)
                ex_set(df, D_ISSUER, upper, ex_block_span(bl, 0, k.map[pos + used - 1] + 1), "header_column");
            else
                free(upper);
            if (provincial)
                ex_set(df, D_PROVINCE, prov, ps, "header_column");
            else
                free(prov);
        }
    } else if (!council) {
        /* another body heads the document: a listed name, or what the agency rules read */
        int be = gz_exact(x->r->bodies, k.s, k.len);
        if (be >= 0)
            ex_set(df, D_ISSUER, xstrdup(x->r->bodies->e[be].name), ex_block_span(bl, 0, bl->len), "header_column");
    }
    gz_key_free(&k);
}

/* The kind of a number's symbol: "86/QĐ-UBND" is a Quyết định (rules/kinds.txt, Nghị định 30 Phụ lục
 * III); the symbol's first part after the number (and a year: "12/2024/NQ-HĐND"); -1 when none is. */
static int ex_kind_of_code(ex_doc *x, sg_span s)
{
    const char *f = x->d.f.buf;
    size_t p = s.a;
    while (p < s.b && f[p] != '/')
        p++;
    for (int part = 0; part < 2 && p < s.b; part++) {
        p++;
        while (p < s.b && f[p] == ' ')
            p++;
        size_t e = p;
        while (e < s.b && f[e] != '-' && f[e] != '/' && f[e] != ' ')
            e++;
        int year = e - p == 4;
        for (size_t q = p; q < e; q++)
            year = year && f[q] >= '0' && f[q] <= '9';
        if (!year) {
            gz_key k;
            gz_key_make(f + p, e - p, &k);
            int ent = k.len ? gz_exact(x->r->kinds, k.s, k.len) : -1;
            gz_key_free(&k);
            return ent;
        }
        p = e;
    }
    return -1;
}

/* A kind word as an OCR engine may glue it ("TỜTRÌNH"): the entry whose key equals it without spaces. */
static int ex_kind_lookup(ex_doc *x, size_t a, size_t b)
{
    gz_key k;
    gz_key_make(x->d.f.buf + a, b - a, &k);
    int ent = gz_exact(x->r->kinds, k.s, k.len);
    if (ent < 0 && k.len && !memchr(k.s, ' ', k.len))
        for (size_t i = 0; i < x->r->kinds->na && ent < 0; i++) {
            const gz_alias *al = &x->r->kinds->a[i];
            size_t n = 0;
            int same = 1;
            for (size_t j = 0; j < al->len && same; j++)
                if (al->key[j] != ' ')
                    same = n < k.len && al->key[j] == k.s[n++];
            if (same && n == k.len && memchr(al->key, ' ', al->len))
                ent = al->entry;
        }
    gz_key_free(&k);
    return ent;
}

/* A number match whose "Số" has its colon ("Số: 12/KH", not "SỐ 12/KH"): a colon before the number's digits. */
static int ex_has_colon(const sg_doc *d, rl_match m)
{
    size_t a, b;
    size_t end = rl_group(&m, "number", &a, &b) ? a : m.end;
    return memchr(d->f.buf + m.start, ':', end - m.start) != NULL;
}

/* A title line an OCR engine made of a stamp or a signature rather than of print. */
static int ex_noise_line(ex_doc *x, size_t j)
{
    const sg_line *l = &x->d.lines[j];
    return l->conf >= 0 && l->conf < 60;
}

/* The title (trích yếu) from folded offset `from` in line `first` on: that line's rest and the lines after
 * it up to a blank line, a title-ending line or a noise line, at most four lines in all. */
static void ex_title_from(ex_doc *x, ex_docf *df, size_t first, size_t from, const char *rule)
{
    sg_doc *d = &x->d;
    rl_match m;
    size_t last = first + 1;
    for (size_t j = first + 1; j < d->n && j < first + 4; j++) {
        sg_span ls = sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 });
        if (ls.a == ls.b || ex_line_rule(x, "doc.title_end", j, &m) == 1 || ex_noise_line(x, j) ||
            ex_block_stop(x, j))
            break;
        last = j + 1;
    }
    sg_span ts = { from, d->lines[last - 1].f1 };
    ex_set(df, D_TITLE, ex_text(x, ts, " .;:"), ts, rule);
}

/* The date of m's groups d, m, y (a valid day), its source the span sp. */
static void ex_date_from(ex_doc *x, ex_docf *df, const rl_match *m, sg_span sp)
{
    double dd = 0, mm = 0, yy = 0;
    char iso[11];
    if (ex_value(x, m, "d", &dd, NULL) && ex_value(x, m, "m", &mm, NULL) && ex_value(x, m, "y", &yy, NULL) &&
        fl_date_iso((int)dd, (int)mm, (int)yy, iso))
        ex_set(df, D_DATE, xstrdup(iso), sp, m->rule->name);
}

/* The fields of a header cited in one sentence (doc.citation's groups kind, issuer, number, d/m/y, title),
 * each where the document's own layout gave none. */
static void ex_citation(ex_doc *x, ex_docf *df, const rl_match *m)
{
    size_t a, b;
    if (!df->v[D_KIND] && rl_group(m, "kind", &a, &b)) {
        int ent = ex_kind_lookup(x, a, b);
        if (ent >= 0)
            ex_set(df, D_KIND, xstrdup(x->r->kinds->e[ent].name), (sg_span){ a, b }, m->rule->name);
    }
    if (rl_group(m, "number", &a, &b))
        ex_set(df, D_NUMBER, ex_nospace(ex_text(x, (sg_span){ a, b }, " .,;")), (sg_span){ a, b }, m->rule->name);
    size_t ya, yb;
    if (!df->v[D_DATE] && rl_group(m, "d", &a, &b) && rl_group(m, "y", &ya, &yb))
        ex_date_from(x, df, m, (sg_span){ a, yb });
    if (!df->v[D_ISSUER] && rl_group(m, "issuer", &a, &b))
        ex_set(df, D_ISSUER, ex_text(x, (sg_span){ a, b }, " .,;:"), (sg_span){ a, b }, m->rule->name);
    if (!df->v[D_TITLE] && rl_group(m, "title", &a, &b))
        ex_title_from(x, df, sg_line_at(&x->d, a), a, m->rule->name);
}

void ex_docfields(ex_doc *x, ex_docf *df)
{
    sg_doc *d = &x->d;
    if (!d->n)
        return;
    rl_match m;
    size_t a, b;
    /* the header is the first lines, or, when a page of something else comes first (a website's
     * furniture around a copied document), the lines from just before the national motto */
    size_t h0 = 0;
    size_t nl = d->n < EX_HEADER_LINES ? d->n : EX_HEADER_LINES;
    sg_span head = { 0, d->lines[nl - 1].f1 };
    /* looked for further down only when the first lines have neither the motto nor a number (one scan,
     * not one per line: most documents are read at the rate this keeps) */
    rl_match nm, cm;
    int nrc = -2; /* the number rule on head, once run */
    int crc = -2; /* the citation rule on head, once run */
    if (rl_first(x->r->rules, "doc.motto", d->f.buf, head.b, 0, 0, &m) != 1 &&
        (nrc = rl_first(x->r->rules, "doc.number", d->f.buf, head.b, head.a, 0, &nm)) != 1 && d->n > nl &&
        (crc = rl_first(x->r->rules, "doc.citation", d->f.buf, head.b, head.a, 0, &cm)) != 1) {
        /* (a header cited in one sentence in the first lines is the header: the motto's words further
         * down are a sentence's, "Tổ quốc Việt Nam xã hội chủ nghĩa") */
        size_t search = d->lines[(d->n < EX_HEADER_SEARCH ? d->n : EX_HEADER_SEARCH) - 1].f1;
        if (rl_first(x->r->rules, "doc.motto", d->f.buf, search, head.b, 0, &m) == 1) {
            h0 = sg_line_at(d, m.start) - EX_HEADER_BEFORE;
            nl = d->n < h0 + EX_HEADER_LINES ? d->n : h0 + EX_HEADER_LINES;
            head = (sg_span){ d->lines[h0].f0, d->lines[nl - 1].f1 };
            nrc = crc = -2;
        }
    }
    /* kind and title: a line that is only a kind word; the title follows it */
    for (size_t i = h0; i < nl && !df->v[D_KIND]; i++) {
        if (ex_line_rule(x, "doc.kind", i, &m) != 1 || !rl_group(&m, "kind", &a, &b))
            continue;
        size_t ta, tb;
        int head_line = rl_group(&m, "title", &ta, &tb);
        if (head_line) {
            /* "GIẤY PHÉP KHAI THÁC …": only a line in capitals, not a sentence that starts with the word */
            char *t = ex_text(x, (sg_span){ d->lines[i].f0, d->lines[i].f1 }, " ");
            int caps = ex_no_lower(t);
            free(t);
            if (!caps)
                continue;
        }
        int ent = ex_kind_lookup(x, a, b);
        if (ent < 0)
            continue;
        ex_set(df, D_KIND, xstrdup(x->r->kinds->e[ent].name), (sg_span){ a, b }, m.rule->name);
        if (head_line) {
            ex_title_from(x, df, i, ta, "title-after-kind");
            break;
        }
        /* title: the lines after it (one blank line may come between) */
        size_t j = i + 1;
        while (j < d->n && j < i + 2 && sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 }).a == d->lines[j].f1)
            j++;
        if (j >= d->n)
            break;
        sg_span ls = sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 });
        if (ls.a == ls.b || ex_noise_line(x, j) || ex_block_stop(x, j) || ex_line_rule(x, "doc.title_end", j, &m) == 1)
            break; /* "QUYẾT ĐỊNH:" before "Điều 1.": the operative part, no subject */
        /* a stamp's letters before "Về việc" on the same line are not the subject's */
        const char *vv = memmem(d->f.buf + ls.a, ls.b - ls.a, "ve viec", 7);
        size_t from = vv && (size_t)(vv - (d->f.buf + ls.a)) <= 40 ? (size_t)(vv - d->f.buf) : ls.a;
        while (from < ls.b && strchr(",._-'\"|", d->f.buf[from])) /* ",Vềviệc": a speck before the subject */
            from++;
        ex_title_from(x, df, j, from, "title-after-kind");
    }
    int handwritten = 0;
    if (nrc == -2)
        nrc = rl_first(x->r->rules, "doc.number", d->f.buf, head.b, head.a, 0, &nm);
    if (nrc == 1)
        m = nm;
    if (nrc == 1 && strcmp(m.rule->name, "so_header") == 0 && !ex_has_colon(d, m)) {
        /* "SỐ 1050/QĐ-SCT" in a body's column ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ …") above the document's
         * own "Số: 1105/KH-ĐKT": a later "Số:" with the colon wins, whichever rule reads it (a number
         * whose slash the OCR lost, one left for the pen), in the rules' order; not an attaching
         * decision's (kem_theo) */
        const rl_rule *nr;
        size_t nn = rl_field(x->r->rules, "doc.number", &nr);
        rl_match m2;
        int found = 0;
        for (size_t k = 0; k < nn && !found; k++) {
            if (strcmp(nr[k].name, "kem_theo") == 0)
                continue;
            for (size_t from = m.end; !found && rl_exec(x->r->rules, &nr[k], d->f.buf, head.b, from, 0, &m2) == 1;
                 from = m2.end > from ? m2.end : from + 1)
                if (ex_has_colon(d, m2)) {
                    m = m2;
                    found = 1;
                }
        }
    }
    if (nrc == 1) {
        int inked = 0;
        if (rl_group(&m, "number", &a, &b) && strcmp(m.rule->name, "kem_theo") != 0) {
            /* on a scan, digits the OCR engine is unsure of were inked by hand: read, but no number */
            inked = ex_number_inked(x, sg_line_at(d, a));
            if (inked < 0)
                inked = 0; /* no boxes to judge by: the number as read */
        }
        if (!inked && rl_group(&m, "number", &a, &b)) {
            ex_set(df, D_NUMBER, ex_nospace(ex_text(x, (sg_span){ a, b }, " .,;")), (sg_span){ a, b }, m.rule->name);
        } else if (inked || !rl_group(&m, "number", &a, &b)) {
            /* "Số:" printed, the number left for the pen: none, and a note saying so */
            size_t s0 = m.start;
            while (s0 < m.end && (d->f.buf[s0] == '\n' || d->f.buf[s0] == ' '))
                s0++;
            ex_set(df, D_NUMBER_NOTE, xstrdup("handwritten"), (sg_span){ s0, m.end }, inked ? "ink-confidence" : m.rule->name);
            handwritten = 1;
        }
        if (!df->v[D_KIND] && (rl_group(&m, "number", &a, &b) || rl_group(&m, "code", &a, &b))) {
            int ent = ex_kind_of_code(x, handwritten ? (sg_span){ m.start, m.end } : (sg_span){ a, b });
            if (ent >= 0)
                ex_set(df, D_KIND, xstrdup(x->r->kinds->e[ent].name), (sg_span){ a, b }, "number-code");
        }
    }
    /* a Công văn has no kind line: its subject follows "V/v" under the number; another subject may open
     * with "Về việc" where no kind line came before it */
    for (size_t i = h0; i < nl && i < h0 + 15 && !df->v[D_TITLE]; i++)
        if (ex_line_rule(x, "doc.subject", i, &m) == 1 && rl_group(&m, "text", &a, &b)) {
            if (!df->v[D_KIND] && strcmp(m.rule->name, "vv") == 0) {
                int ent = gz_exact(x->r->kinds, "cong van", 8);
                if (ent >= 0)
                    ex_set(df, D_KIND, xstrdup(x->r->kinds->e[ent].name), (sg_span){ m.start, a }, "vv-subject");
            }
            ex_title_from(x, df, i, a, "vv-subject");
        }
    if (rl_first(x->r->rules, "doc.date", d->f.buf, head.b, head.a, 0, &m) == 1)
        ex_date_from(x, df, &m, (sg_span){ m.start, m.end });
    /* issuer and province from the body's column beside the motto, then the rules on the lines */
    ex_block bl;
    if (ex_block_read(x, h0, nl, &bl))
        ex_block_fields(x, df, &bl);
    if (!df->v[D_ISSUER] && rl_first(x->r->rules, "doc.issuer", d->f.buf, head.b, head.a, 0, &m) == 1 &&
        rl_group(&m, "issuer", &a, &b)) {
        /* Nghị định 30/2020/NĐ-CP: the body over the issuer ("SỞ TƯ PHÁP TỈNH …", "UBND TỈNH …") heads the
         * column, the issuing body is the line under it ("PHÒNG HÀNH CHÍNH TƯ PHÁP"); one blank line may
         * part them (OCR) */
        size_t li = sg_line_at(d, a);
        if (strcmp(m.rule->name, "kem_theo_cua") != 0)
            for (size_t j = li + 1; j < d->n && j <= li + 2 && d->lines[j].f0 < head.b; j++) {
                rl_match m2;
                size_t a2, b2;
                if (ex_line_rule(x, "doc.issuer", j, &m2) == 1 && strcmp(m2.rule->name, "header_agency") == 0 &&
                    rl_group(&m2, "issuer", &a2, &b2)) {
                    m = m2;
                    a = a2;
                    b = b2;
                    break;
                }
                if (sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 }).a != d->lines[j].f1)
                    break; /* a line that is no body: the column ended */
            }
        gz_key k;
        gz_key_make(d->f.buf + a, b - a, &k);
        int ent = gz_exact(x->r->bodies, k.s, k.len);
        gz_key_free(&k);
        char *t = ex_text(x, (sg_span){ a, b }, " .,;:");
        if (ent >= 0) {
            free(t);
            t = xstrdup(x->r->bodies->e[ent].name);
        } else if (sg_trim(d, (sg_span){ a, b }).b > a) {
            char *tc = ex_titlecase(t);
            free(t);
            t = tc;
        }
        ex_set(df, D_ISSUER, t, (sg_span){ a, b }, m.rule->name);
    }
    /* province: named in the header, else the first province the header mentions.  A name that is not
     * in rules/provinces.txt is taken only as a header writes it, in capitals ("UBND TỈNH SƠN HÀ"): in
     * running text "UBND tỉnh giao Sở Nội vụ chủ trì" names no province "Giao" */
    if (rl_first(x->r->rules, "doc.province", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "name", &a, &b)) {
        gz_key k;
        gz_key_make(d->f.buf + a, b - a, &k);
        int ent = gz_exact(x->r->provinces, k.s, k.len);
        gz_key_free(&k);
        if (ent >= 0) {
            ex_set(df, D_PROVINCE, xstrdup(x->r->provinces->e[ent].name), (sg_span){ a, b }, m.rule->name);
        } else {
            char *t = ex_text(x, (sg_span){ a, b }, " .,;:");
            if (ex_no_lower(t))
                ex_set(df, D_PROVINCE, ex_titlecase(t), (sg_span){ a, b }, m.rule->name);
            free(t);
        }
    }
    if (!df->v[D_PROVINCE]) {
        /* the first province named after "tỉnh" / "thành phố" / "TP": a bare word could be a person's
         * name.  Each word start is asked whether such a word stands before it, and only then the list
         * (gz_at): measured with callgrind, looking every word start up in the list first (gz_find) was
         * 1.7 % of the stage's instructions on the extraction corpus, for the documents whose header
         * names no province the rules read */
        gz_key k;
        gz_key_make(d->f.buf + head.a, head.b - head.a, &k);
        for (size_t s = 0; s < k.len;) {
            size_t t;
            int ent;
            if (((s >= 5 && memcmp(k.s + s - 5, "tinh ", 5) == 0) || (s >= 9 && memcmp(k.s + s - 9, "thanh pho ", 9) == 0) ||
                 (s >= 3 && memcmp(k.s + s - 3, "tp ", 3) == 0)) &&
                (ent = gz_at(x->r->provinces, k.s, k.len, s, &t)) >= 0) {
                sg_span sp = { head.a + k.map[s], head.a + k.map[t - 1] + 1 };
                ex_set(df, D_PROVINCE, xstrdup(x->r->provinces->e[ent].name), sp, "provinces.txt");
                break;
            }
            while (s < k.len && k.s[s] != ' ')
                s++;
            while (s < k.len && k.s[s] == ' ')
                s++;
        }
        gz_key_free(&k);
    }
    /* A header cited in one sentence, as legal databases copy old documents ("Nghị định của Chính phủ số
     * 114/2003/NĐ-CP ngày 10/10/2003 về cán bộ …"): where the header has no "Số" line of its own, the
     * fields the standard layout did not give come from that sentence (doc.citation) */
    if (!df->v[D_NUMBER] && !df->v[D_NUMBER_NOTE]) {
        if (crc == -2)
            crc = rl_first(x->r->rules, "doc.citation", d->f.buf, head.b, head.a, 0, &cm);
        if (crc == 1)
            ex_citation(x, df, &cm);
    }
    /* period: in the title first, then anywhere in the header */
    sg_span ps = df->v[D_TITLE] ? df->sp[D_TITLE] : head;
    /* with a title, only the title: a header's other years are the date's or the legal basis's */
    for (int pass = 0; pass < (df->v[D_TITLE] ? 1 : 2) && !df->v[D_PERIOD]; pass++, ps = head) {
        if (rl_first(x->r->rules, "doc.period", d->f.buf, ps.b, ps.a, 0, &m) == 1) {
            double y0 = 0, y1 = 0;
            char buf[32];
            if (ex_value(x, &m, "from", &y0, NULL) && ex_value(x, &m, "to", &y1, NULL))
                snprintf(buf, sizeof buf, "%d-%d", (int)y0, (int)y1);
            else if (ex_value(x, &m, "year", &y0, NULL))
                snprintf(buf, sizeof buf, "%d", (int)y0);
            else
                continue;
            ex_set(df, D_PERIOD, xstrdup(buf), (sg_span){ m.start, m.end }, m.rule->name);
        }
    }
}
