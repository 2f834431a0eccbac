/* viet.c — see viet.h.  The inventories below are the onsets and rimes of standard Vietnamese
 * orthography, folded (no diacritics): a closed set of about a hundred strings, so membership is a
 * binary search rather than a pattern. */
#include "viet.h"

#include <stdlib.h>
#include <string.h>

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
