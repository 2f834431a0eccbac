/* text/viet.c (prefix viet_) — see viet.h.  The inventories below are the onsets and rimes of standard
 * Vietnamese orthography, folded (no diacritics): a closed set of about a hundred strings, so membership is a
 * binary search rather than a pattern. */
#include "text/viet.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Folded rimes, sorted (strcmp order) for bsearch. */
static const char *const viet_rimes[] = {
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "e", "ec", "ech", "em", "en", "eng", "enh", "eo", "ep", "et", "eu",
    "i", "ia", "ich", "iec", "iem", "ien", "ieng", "iep", "iet", "ieu", "im", "in", "inh", "ip", "it", "iu",
    "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oc", "oe",
    "oen", "oeo", "oet", "oi", "om", "on", "ong", "ooc", "oong", "op", "ot",
    "u", "ua", "uan", "uang", "uat", "uay", "uc", "ue", "uech", "uenh", "ui", "um", "un", "ung", "uo",
    "uoc", "uoi", "uom", "uon", "uong", "uop", "uot", "uou", "up", "ut", "uu", "uy", "uya", "uych", "uyen",
    "uyet", "uynh", "uyp", "uyt", "uyu",
    "y", "yem", "yen", "yet", "yeu",
};

/* Folded onsets, longest first so "ngh" is tried before "ng" and "n". */
static const char *const viet_onsets[] = {
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "",
};

static int viet_rime_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

static int viet_rime_ok(const char *s, size_t n)
{
    char buf[8];
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return bsearch(buf, viet_rimes, sizeof viet_rimes / sizeof viet_rimes[0], sizeof viet_rimes[0],
                   viet_rime_cmp) != NULL;
}

int viet_folded_ok(const char *s, size_t n)
{
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < sizeof viet_onsets / sizeof viet_onsets[0]; i++) {
        size_t k = strlen(viet_onsets[i]);
        if (k > n || memcmp(s, viet_onsets[i], k) != 0)
            continue;
        if (k == n)
            return k == 2 && s[0] == 'g' && s[1] == 'i'; /* "gì": the onset gi carries the vowel */
        if (viet_rime_ok(s + k, n - k))
            return 1;
    }
    return 0;
}

/* ---- parsing and rendering ------------------------------------------------------------------------ */

static const int32_t viet_tone_marks[6] = { 0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323 };

/* A base letter with a vowel mark (circumflex, breve, horn) -> the Vietnamese letter, or 0. */
static int32_t viet_modify(int32_t base, int32_t mark)
{
    switch (mark) {
    case 0x0302:
        return base == 'a' ? 0x00E2 : base == 'e' ? 0x00EA : base == 'o' ? 0x00F4 : 0;
    case 0x0306:
        return base == 'a' ? 0x0103 : 0;
    case 0x031B:
        return base == 'o' ? 0x01A1 : base == 'u' ? 0x01B0 : 0;
    default:
        return 0;
    }
}

static int viet_tone_of(int32_t mark)
{
    for (int t = 1; t < 6; t++)
        if (viet_tone_marks[t] == mark)
            return t;
    return -1;
}

/* Folds one letter code (as stored in viet_syl.ch) to ASCII. */
static char viet_fold_letter(int32_t c)
{
    switch (c) {
    case 0x00E2: case 0x0103: return 'a';
    case 0x00EA: return 'e';
    case 0x00F4: case 0x01A1: return 'o';
    case 0x01B0: return 'u';
    case 0x0111: return 'd';
    default: return (char)c;
    }
}

int viet_parse(const int32_t *cp, size_t n, viet_syl *out)
{
    memset(out, 0, sizeof *out);
    int32_t buf[4 * VIET_MAX];
    size_t m = 0;
    /* Decompose every code point canonically (ấ -> a + circumflex + acute); precomposed input and any mark
     * order then look the same. */
    for (size_t i = 0; i < n; i++) {
        int bc = UTF8PROC_BOUNDCLASS_START;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp[i], buf + m, (utf8proc_ssize_t)(sizeof buf / sizeof buf[0] - m),
                                                     UTF8PROC_DECOMPOSE, &bc);
        if (k < 0 || (size_t)k > sizeof buf / sizeof buf[0] - m)
            return -1;
        m += (size_t)k;
    }
    int have_tone = 0;
    for (size_t i = 0; i < m; i++) {
        int32_t c = buf[i];
        if (c == 0x0302 || c == 0x0306 || c == 0x031B) {
            if (out->n == 0)
                return -1;
            int32_t v = viet_modify(out->ch[out->n - 1], c);
            if (!v)
                return -1;
            out->ch[out->n - 1] = v;
            continue;
        }
        int t = viet_tone_of(c);
        if (t > 0) {
            if (have_tone || out->n == 0)
                return -1;
            have_tone = 1;
            out->tone = t;
            continue;
        }
        int up = 0;
        if (c >= 'A' && c <= 'Z') {
            c += 32;
            up = 1;
        } else if (c == 0x0110 || c == 0x00D0) {
            c = 0x0111;
            up = 1;
        }
        if (!((c >= 'a' && c <= 'z') || c == 0x0111) || out->n == VIET_MAX)
            return -1;
        if (up)
            out->upper |= 1u << out->n;
        out->ch[out->n++] = c;
    }
    return out->n > 0 ? 0 : -1;
}

size_t viet_fold(const viet_syl *s, char *buf)
{
    for (int i = 0; i < s->n; i++)
        buf[i] = viet_fold_letter(s->ch[i]);
    buf[s->n] = '\0';
    return (size_t)s->n;
}

static int viet_is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Splits the folded letters into onset [0,*nb) nucleus [*nb,*ne) and final [*ne,n). */
static void viet_split(const char *f, int n, int *nb, int *ne)
{
    int i = 0;
    if (n > 2 && f[0] == 'q' && f[1] == 'u')
        i = 2;
    else if (n > 2 && f[0] == 'g' && f[1] == 'i' && viet_is_vowel(f[2]))
        i = 2;
    else
        while (i < n && !viet_is_vowel(f[i]))
            i++;
    *nb = i;
    while (i < n && viet_is_vowel(f[i]))
        i++;
    *ne = i;
}

/* The index of the letter that carries the tone mark, by style (-1 when there is no vowel). */
static int viet_tone_pos(const viet_syl *s, int style)
{
    char f[VIET_MAX + 1];
    viet_fold(s, f);
    int nb, ne;
    viet_split(f, s->n, &nb, &ne);
    if (ne == nb)
        return -1;
    for (int i = ne - 1; i >= nb; i--) /* a vowel with its own mark takes the tone (the last: ươ -> ơ) */
        if (s->ch[i] != f[i])
            return i;
    if (ne < s->n) /* closed syllable: the last vowel (hoàn, huýt) */
        return ne - 1;
    switch (ne - nb) {
    case 1: return nb;
    case 2:
        if (style == VIET_STYLE_NEW && ((f[nb] == 'o' && (f[nb + 1] == 'a' || f[nb + 1] == 'e')) ||
                                        (f[nb] == 'u' && f[nb + 1] == 'y')))
            return nb + 1; /* hoà, hoè, thuỷ */
        return nb;         /* hòa, hòe, thủy; mùa, mía, tai */
    default: return nb + 1; /* oai, uyu, oay: the middle */
    }
}

int viet_valid(const viet_syl *s)
{
    char f[VIET_MAX + 1];
    viet_fold(s, f);
    if (!viet_folded_ok(f, (size_t)s->n))
        return 0;
    int nb, ne;
    viet_split(f, s->n, &nb, &ne);
    for (int i = 0; i < s->n; i++) {
        int32_t c = s->ch[i];
        if (c == 0x0111 && i != 0)
            return 0; /* đ only starts a syllable */
        if (c == f[i] || c == 0x0111)
            continue;
        if (i < nb || i >= ne)
            return 0; /* a vowel mark outside the nucleus */
        if ((c == 0x0103 && ne == s->n) || (c == 0x00E2 && ne == s->n && ne - nb == 1))
            return 0; /* ă needs a final; â alone needs one too */
    }
    const char *fin = f + ne;
    if ((!strcmp(fin, "c") || !strcmp(fin, "ch") || !strcmp(fin, "p") || !strcmp(fin, "t")) &&
        s->tone != VIET_LEVEL && s->tone != VIET_ACUTE && s->tone != VIET_DOT)
        return 0;
    return 1;
}

size_t viet_render_cps(const viet_syl *s, int style, int32_t *out)
{
    int at = s->tone ? viet_tone_pos(s, style) : -1;
    size_t k = 0;
    for (int i = 0; i < s->n; i++) {
        int32_t c = s->ch[i];
        if (s->upper & (1u << i))
            c = c == 0x0111 ? 0x0110 : utf8proc_toupper(c);
        out[k++] = c;
        if (i == at)
            out[k++] = viet_tone_marks[s->tone];
    }
    return k;
}

size_t viet_render(const viet_syl *s, int style, char *buf)
{
    int32_t cps[2 * VIET_MAX];
    size_t k = viet_render_cps(s, style, cps);
    char tmp[8 * VIET_MAX + 1];
    size_t tl = 0;
    for (size_t i = 0; i < k; i++)
        tl += (size_t)utf8proc_encode_char(cps[i], (utf8proc_uint8_t *)tmp + tl);
    /* utf8proc_map decomposes before composing: ê + dot below alone is not a composition pair */
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)tl, &nfc,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (m < 0 || (size_t)m > 8 * VIET_MAX) { /* cannot happen for letters we parsed; keep the raw form */
        free(nfc);
        memcpy(buf, tmp, tl);
        buf[tl] = '\0';
        return tl;
    }
    memcpy(buf, nfc, (size_t)m);
    buf[m] = '\0';
    free(nfc);
    return (size_t)m;
}
