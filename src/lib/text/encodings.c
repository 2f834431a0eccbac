/* text/encodings.c (prefix enc_) — see encodings.h.
 *
 * Sources of the tables: VISCII and CP1258 are glibc iconv's (CP1258's decomposed tones are composed by
 * iconv itself).  TCVN3 (the "ABC" fonts, TCVN 5712 VN3) is built at first use from iconv's TCVN5712-1
 * for bytes 0xA0-0xFF, where VN3 and VN1 agree; bytes 0x80-0x9F are Windows-1252 (smart quotes and
 * dashes: ABC files were typed in Word, and VN1's Ỏ/Õ/Ọ at 0x93/0x94/0x96 would turn every quotation
 * into letters), and bytes below 0x20 stay ASCII controls.  VNI-Windows writes a Vietnamese letter as an
 * ASCII vowel followed by a Latin-1 "mark" byte; its rules are the tables vni_* below.  VIQR is the
 * RFC 1456 ASCII convention: a( a^ o+ then ' ` ? ~ . for the tones, dd for đ, \ to escape. */
#include "text/encodings.h"
#include "text/unorm.h"
#include "core/utf8.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "text/viet.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static const char *const enc_names[ENC_COUNT] = { "utf-8", "tcvn3", "vni", "viscii", "cp1258", "viqr" };

const char *enc_name(int id)
{
    return id >= 0 && id < ENC_COUNT ? enc_names[id] : "unknown";
}

int enc_from_name(const char *name)
{
    static const struct { const char *alias; int id; } aliases[] = {
        { "utf8", ENC_UTF8 }, { "abc", ENC_TCVN3 }, { "tcvn", ENC_TCVN3 }, { "vni-windows", ENC_VNI },
        { "windows-1258", ENC_CP1258 },
    };
    for (int i = 0; i < ENC_COUNT; i++)
        if (!strcasecmp(name, enc_names[i]))
            return i;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcasecmp(name, aliases[i].alias))
            return aliases[i].id;
    return -1;
}

static void enc_put(strbuf *sb, int32_t cp)
{
    utf8proc_uint8_t b[4];
    sb_add(sb, b, (size_t)utf8proc_encode_char(cp, b));
}

/* ---- iconv ---------------------------------------------------------------------------------------- */

static char *enc_iconv(const char *to, const char *from, const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 4 + 16;
    char *out = xmalloc(cap);
    char *in = (char *)s, *op = out;
    size_t il = n, ol = cap - 1;
    while (il > 0) {
        if (iconv(cd, &in, &il, &op, &ol) == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(op - out);
                cap *= 2;
                out = xrealloc(out, cap);
                op = out + used;
                ol = cap - 1 - used;
                continue;
            }
            iconv_close(cd);
            free(out);
            return NULL;
        }
    }
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) { /* flush a pending composed character */
        iconv_close(cd);
        free(out);
        return NULL;
    }
    iconv_close(cd);
    *op = '\0';
    if (outlen)
        *outlen = (size_t)(op - out);
    return out;
}

/* ---- TCVN3 ---------------------------------------------------------------------------------------- */

static int32_t tcvn3_table[256];
static pthread_once_t tcvn3_once = PTHREAD_ONCE_INIT;

static int32_t enc_one_byte(const char *from, unsigned char b)
{
    char in = (char)b;
    size_t len;
    char *u = enc_iconv("UTF-8", from, &in, 1, &len);
    utf8proc_int32_t cp = -1;
    if (u && len > 0 && utf8proc_iterate((const utf8proc_uint8_t *)u, (utf8proc_ssize_t)len, &cp) != (utf8proc_ssize_t)len)
        cp = -1;
    free(u);
    return cp;
}

static void tcvn3_init(void)
{
    for (int b = 0; b < 256; b++) {
        int32_t cp = b;
        if (b >= 0x80 && b < 0xA0)
            cp = enc_one_byte("CP1252", (unsigned char)b);
        else if (b >= 0xA0)
            cp = enc_one_byte("TCVN5712-1", (unsigned char)b);
        tcvn3_table[b] = cp < 0 ? b : cp; /* undefined CP1252 bytes stay as C1 controls (dropped later) */
    }
}

static char *tcvn3_decode(const char *s, size_t n, size_t *outlen)
{
    pthread_once(&tcvn3_once, tcvn3_init);
    strbuf sb = STRBUF_INIT;
    sb_grow(&sb, n + n / 2);
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80)
            sb_addc(&sb, (char)b);
        else
            enc_put(&sb, tcvn3_table[b]);
    }
    return sb_detach(&sb, outlen);
}

/* ---- VNI-Windows ------------------------------------------------------------------------------------ */

/* Mark bytes by tone (level, acute, grave, hook, tilde, dot), lower case; the upper-case byte is 0x20
 * less.  Plain: after any vowel; circumflex series: after a e o; breve series: after a. */
static const unsigned char vni_plain[6] = { 0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF };
static const unsigned char vni_circ[6] = { 0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4 };
static const unsigned char vni_breve[6] = { 0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB };
/* i with a tone is one byte (no mark byte after i): í ì ỉ ĩ ị; and ỵ. */
static const unsigned char vni_i[6] = { 'i', 0xED, 0xEC, 0xE6, 0xF3, 0xF2 };
#define VNI_Y_DOT 0xEE
static const int32_t enc_tone_mark[6] = { 0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323 };

static int vni_find(const unsigned char *tab, unsigned char b)
{
    for (int t = 0; t < 6; t++)
        if (tab[t] && (tab[t] == b || tab[t] - 0x20 == b))
            return t;
    return -1;
}

static int enc_is_vowel_cp(int32_t c)
{
    switch (c | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return c < 0x80;
    default: break;
    }
    return c == 0x01A1 || c == 0x01A0 || c == 0x01B0 || c == 0x01AF;
}

static char *vni_decode(const char *s, size_t n, size_t *outlen)
{
    strbuf sb = STRBUF_INIT;
    sb_grow(&sb, n + n / 2);
    int32_t prev = 0; /* the last base letter written, 0 after a mark or a non-letter */
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            sb_addc(&sb, (char)b);
            prev = b;
            continue;
        }
        int t;
        int32_t low = prev | 0x20;
        if (prev && enc_is_vowel_cp(prev)) {
            if ((low == 'a' || low == 'e' || low == 'o') && prev < 0x80 && (t = vni_find(vni_circ, b)) >= 0) {
                enc_put(&sb, 0x0302);
                if (t)
                    enc_put(&sb, enc_tone_mark[t]);
                prev = 0;
                continue;
            }
            if (low == 'a' && (t = vni_find(vni_breve, b)) >= 0) {
                enc_put(&sb, 0x0306);
                if (t)
                    enc_put(&sb, enc_tone_mark[t]);
                prev = 0;
                continue;
            }
            if ((t = vni_find(vni_plain, b)) > 0) {
                enc_put(&sb, enc_tone_mark[t]);
                prev = 0;
                continue;
            }
        }
        int32_t cp;
        switch (b) {
        case 0xF1: cp = 0x0111; break; case 0xD1: cp = 0x0110; break;
        case 0xF4: cp = 0x01A1; break; case 0xD4: cp = 0x01A0; break;
        case 0xF6: cp = 0x01B0; break; case 0xD6: cp = 0x01AF; break;
        case 0xEE: cp = 0x1EF5; break; case 0xCE: cp = 0x1EF4; break;
        default:
            if ((t = vni_find(vni_i, b)) > 0) {
                enc_put(&sb, b >= 0xE0 ? 'i' : 'I');
                cp = enc_tone_mark[t];
            } else {
                pthread_once(&tcvn3_once, tcvn3_init);
                cp = b < 0xA0 ? tcvn3_table[b] : b; /* Windows-1252 */
            }
        }
        enc_put(&sb, cp);
        prev = (cp == 0x01A1 || cp == 0x01A0 || cp == 0x01B0 || cp == 0x01AF) ? cp : 0;
    }
    return sb_detach(&sb, outlen);
}

/* ---- VIQR ------------------------------------------------------------------------------------------- */

static int enc_is_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static char *viqr_decode(const char *s, size_t n, size_t *outlen)
{
    strbuf sb = STRBUF_INIT;
    sb_grow(&sb, n + n / 4);
    int base = 0;      /* the vowel the marks apply to, 0 when none */
    int toned = 0;     /* a tone was already applied to this word */
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        int next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        /* An escape takes an ASCII character only: a following high byte is passed through below. */
        if (c == '\\' && i + 1 < n && next < 0x80 && !enc_is_alpha(next)) {
            sb_addc(&sb, (char)next);
            i++;
            base = 0;
            continue;
        }
        if (enc_is_alpha(c)) {
            if ((c | 0x20) == 'd' && (next | 0x20) == 'd' && !in_word) {
                enc_put(&sb, c == 'D' ? 0x0110 : 0x0111);
                i++;
                in_word = 1;
                toned = 0;
                base = 0;
                continue;
            }
            if (!in_word)
                toned = 0;
            sb_addc(&sb, (char)c);
            in_word = 1;
            base = strchr("aeiouyAEIOUY", c) ? c : 0;
            continue;
        }
        if (base && c == '(' && (base | 0x20) == 'a') { enc_put(&sb, 0x0306); continue; }
        if (base && c == '^' && strchr("aeoAEO", base)) { enc_put(&sb, 0x0302); continue; }
        if (base && c == '+' && strchr("ouOU", base)) { enc_put(&sb, 0x031B); continue; }
        const char *tones = "'`?~.";
        const char *tp = c ? strchr(tones, c) : NULL;
        if (base && tp && !toned) {
            /* ? and . end sentences too, and writers seldom escape them as RFC 1456 asks: a tone only
             * when a letter or , ; : ) " follows, or one space and then a letter (two spaces, a line
             * end or the end of the text mean the sentence ended). */
            int ok = 1;
            if (c == '?' || c == '.')
                ok = enc_is_alpha(next) || (next == ' ' && i + 2 < n && enc_is_alpha((unsigned char)s[i + 2])) ||
                     (next && strchr(",;:)\"", next));
            if (ok) {
                enc_put(&sb, enc_tone_mark[tp - tones + 1]);
                toned = 1;
                continue;
            }
        }
        sb_addc(&sb, (char)c);
        in_word = 0;
        base = 0;
        if (c >= 0x80) { /* VIQR is ASCII; pass anything else through byte by byte as Latin-1 */
            sb.len--;
            enc_put(&sb, c);
        }
    }
    return sb_detach(&sb, outlen);
}

/* ---- encoders (tests and tools) --------------------------------------------------------------------- */

/* Decomposes s into letters with (vowel mark, tone) and calls back per letter; 0 or -1 on invalid UTF-8. */
typedef struct enc_letter {
    int32_t base; /* the decomposed base, or any other code point */
    int32_t mod;  /* 0x0302, 0x0306, 0x031B or 0 */
    int tone;     /* 0..5 */
} enc_letter;

static int enc_letters_safe(const char *s, size_t n, enc_letter **out, size_t *count)
{
    utf8proc_int32_t *cps = NULL;
    utf8proc_ssize_t m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, NULL, 0,
                                            UTF8PROC_DECOMPOSE);
    if (m < 0)
        return -1;
    cps = xmalloc(((size_t)m + 1) * sizeof *cps);
    m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, m, UTF8PROC_DECOMPOSE);
    enc_letter *v = xmalloc(((size_t)m + 1) * sizeof *v);
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; i < m; i++) {
        int32_t c = cps[i];
        int t = 0;
        for (int j = 1; j < 6; j++)
            if (enc_tone_mark[j] == c)
                t = j;
        if (k > 0 && (c == 0x0302 || c == 0x0306 || c == 0x031B) && !v[k - 1].mod) {
            v[k - 1].mod = c;
        } else if (k > 0 && t && !v[k - 1].tone) {
            v[k - 1].tone = t;
        } else {
            v[k].base = c;
            v[k].mod = 0;
            v[k].tone = 0;
            k++;
        }
    }
    free(cps);
    *out = v;
    *count = k;
    return 0;
}

static int enc_letters(const char *s0, size_t n, enc_letter **out, size_t *count)
{
    /* bounded runs of marks: utf8proc's ordering is quadratic in a run (unorm.h) */
    char *safe = unorm_stream_safe(s0, n, &n);
    const char *s = safe ? safe : s0;
    int rc = enc_letters_safe(s, n, out, count);
    free(safe);
    return rc;
}

static int vni_encode_letter(strbuf *sb, const enc_letter *l)
{
    int32_t b = l->base;
    int up = b >= 'A' && b <= 'Z';
    int low = b | 0x20;
    unsigned char shift = up ? 0x20 : 0;
    if (b == 0x0111 || b == 0x0110) {
        sb_addc(sb, (char)(b == 0x0111 ? 0xF1 : 0xD1));
        return 0;
    }
    if (b >= 0x80 || !strchr("aeiouy", low) || (b < 'A')) {
        if (l->mod || l->tone || b >= 0x80)
            return -1;
        sb_addc(sb, (char)b);
        return 0;
    }
    if (l->mod == 0x031B && (low == 'o' || low == 'u')) {
        sb_addc(sb, (char)((low == 'o' ? 0xF4 : 0xF6) - shift));
        if (l->tone)
            sb_addc(sb, (char)(vni_plain[l->tone] - shift));
        return 0;
    }
    if (l->mod == 0x0302 && strchr("aeo", low)) {
        sb_addc(sb, (char)b);
        sb_addc(sb, (char)(vni_circ[l->tone] - shift));
        return 0;
    }
    if (l->mod == 0x0306 && low == 'a') {
        sb_addc(sb, (char)b);
        sb_addc(sb, (char)(vni_breve[l->tone] - shift));
        return 0;
    }
    if (l->mod)
        return -1;
    if (low == 'i' && l->tone) {
        sb_addc(sb, (char)(vni_i[l->tone] - shift));
        return 0;
    }
    if (low == 'y' && l->tone == 5) {
        sb_addc(sb, (char)(VNI_Y_DOT - shift));
        return 0;
    }
    sb_addc(sb, (char)b);
    if (l->tone)
        sb_addc(sb, (char)(vni_plain[l->tone] - shift));
    return 0;
}

static int viqr_encode_letter(strbuf *sb, const enc_letter *l, int prev_vowel)
{
    int32_t b = l->base;
    if (b == 0x0111 || b == 0x0110) {
        sb_adds(sb, b == 0x0111 ? "dd" : "DD");
        return 0;
    }
    if (b >= 0x80)
        return -1;
    if (prev_vowel && (b == '(' || b == '^' || b == '+' || strchr("'`?~.\\", (int)b)) && b)
        sb_addc(sb, '\\'); /* would read as a mark on the vowel before */
    sb_addc(sb, (char)b);
    if (l->mod)
        sb_addc(sb, l->mod == 0x0302 ? '^' : l->mod == 0x0306 ? '(' : '+');
    if (l->tone)
        sb_addc(sb, "'`?~."[l->tone - 1]);
    return 0;
}

static int32_t tcvn3_reverse(int32_t cp)
{
    pthread_once(&tcvn3_once, tcvn3_init);
    for (int b = 0xA0; b < 256; b++)
        if (tcvn3_table[b] == cp)
            return b;
    return -1;
}

char *enc_encode(int id, const char *s, size_t n, size_t *outlen)
{
    switch (id) {
    case ENC_UTF8: {
        char *o = xmalloc(n + 1);
        memcpy(o, s, n);
        o[n] = '\0';
        if (outlen)
            *outlen = n;
        return o;
    }
    case ENC_VISCII: return enc_iconv("VISCII", "UTF-8", s, n, outlen);
    case ENC_CP1258: return enc_iconv("CP1258", "UTF-8", s, n, outlen);
    default: break;
    }
    strbuf sb = STRBUF_INIT;
    if (id == ENC_TCVN3) {
        char *copy = xstrndup(s, n); /* utf8proc_NFC wants a NUL-terminated string */
        utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)copy);
        free(copy);
        if (!nfc)
            return NULL;
        const utf8proc_uint8_t *p = nfc;
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        while (*p && (k = utf8proc_iterate(p, -1, &cp)) > 0) {
            p += k;
            int32_t b = cp < 0x80 ? cp : tcvn3_reverse(cp);
            if (b < 0) {
                free(nfc);
                sb_free(&sb);
                return NULL;
            }
            sb_addc(&sb, (char)b);
        }
        free(nfc);
        return sb_detach(&sb, outlen);
    }
    enc_letter *v;
    size_t k;
    if (enc_letters(s, n, &v, &k))
        return NULL;
    int prev_vowel = 0;
    for (size_t i = 0; i < k; i++) {
        int rc = id == ENC_VNI ? vni_encode_letter(&sb, &v[i]) : viqr_encode_letter(&sb, &v[i], prev_vowel);
        if (rc) {
            free(v);
            sb_free(&sb);
            return NULL;
        }
        prev_vowel = v[i].base < 0x80 && strchr("aeiouyAEIOUY", (int)v[i].base) && v[i].base;
    }
    free(v);
    return sb_detach(&sb, outlen);
}

/* ---- decoding and detection ------------------------------------------------------------------------- */

char *enc_decode(int id, const char *s, size_t n, size_t *outlen)
{
    switch (id) {
    case ENC_UTF8: return utf8_lenient(s, n, outlen);
    case ENC_TCVN3: return tcvn3_decode(s, n, outlen);
    case ENC_VNI: return vni_decode(s, n, outlen);
    case ENC_VISCII: return enc_iconv("UTF-8", "VISCII", s, n, outlen);
    case ENC_CP1258: return enc_iconv("UTF-8", "CP1258", s, n, outlen);
    case ENC_VIQR: return viqr_decode(s, n, outlen);
    default: return NULL;
    }
}

static int enc_is_letter(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

long enc_score(const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    long score = 0;
    int32_t w[4 * VIET_MAX];
    size_t wn = 0;
    int nonascii = 0, toolong = 0;
    for (size_t i = 0; i <= n;) {
        utf8proc_int32_t c = ' ';
        utf8proc_ssize_t k = 1;
        if (i < n) {
            k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
            if (k < 0) {
                score -= 3;
                c = 0xFFFD;
                k = 1;
            }
        }
        i += (size_t)k;
        if (enc_is_letter(c)) {
            if (wn < sizeof w / sizeof w[0])
                w[wn++] = c;
            else
                toolong = 1;
            if (c >= 0x80)
                nonascii = 1;
            continue;
        }
        if (wn && nonascii) {
            viet_syl syl;
            if (!toolong && viet_parse(w, wn, &syl) == 0 && viet_valid(&syl))
                score += 1;
            else
                score -= 2;
        }
        wn = 0;
        nonascii = toolong = 0;
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || (c >= 0x7F && c < 0xA0) || c == 0xFFFD)
            score -= 3;
    }
    return score;
}

int enc_detect(const char *s, size_t n, long *margin)
{
    if (n > (256u << 10)) {
        n = 256u << 10;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* do not cut a UTF-8 sequence */
            n--;
    }
    /* Legacy bytes almost never form valid UTF-8 sequences, while English-model OCR in UTF-8 is full of
     * words that are not Vietnamese ("Ké" for "Kế") and would lose on score to a mis-decoding that
     * happens to make syllables ("KÃ©").  So text that is (nearly all) valid UTF-8 is UTF-8. */
    size_t valid, invalid;
    utf8_census(s, n, &valid, &invalid);
    if (valid > 0 && valid >= 8 * invalid) {
        if (margin)
            *margin = (long)valid;
        return ENC_UTF8;
    }
    long best = LONG_MIN, second = LONG_MIN;
    int best_id = -1;
    for (int id = 0; id < ENC_COUNT; id++) {
        size_t len;
        char *u = enc_decode(id, s, n, &len);
        if (!u)
            continue;
        long sc = enc_score(u, len);
        free(u);
        if (sc > best) { /* ties keep the earlier id: UTF-8 first */
            second = best;
            best = sc;
            best_id = id;
        } else if (sc > second) {
            second = sc;
        }
    }
    if (best_id < 0) /* not UTF-8 and iconv unavailable: the legacy table decoders never refuse */
        best_id = ENC_TCVN3;
    if (margin)
        *margin = second > LONG_MIN ? best - second : best;
    if (best <= 0 && best_id != ENC_UTF8) {
        if (margin)
            *margin = 0;
        return invalid == 0 ? ENC_UTF8 : ENC_TCVN3;
    }
    return best_id;
}
