/* text/fontenc.c (prefix fontenc_) — see fontenc.h. */
#include "text/fontenc.h"
#include "text/encodings.h"

#include <string.h>
#include <strings.h>

int fontenc_of(const char *font, int *upper)
{
    if (upper)
        *upper = 0;
    if (!font)
        return -1;
    while (*font == ' ' || *font == '\'' || *font == '"')
        font++;
    /* ABC (TCVN 5712 VN3) faces are all named ".Vn…"; some copies lost the dot ("VnTime") */
    if (strncasecmp(font, ".Vn", 3) == 0 || (strncasecmp(font, "Vn", 2) == 0 && strncasecmp(font, "VNI", 3) != 0 &&
                                             font[2] >= 'A' && font[2] <= 'Z')) {
        size_t n = strlen(font);
        while (n && (font[n - 1] == ' ' || font[n - 1] == '\'' || font[n - 1] == '"'))
            n--;
        /* the capitals faces end in H: .VnTimeH, .VnArialH, .VnArial NarrowH */
        if (upper && n > 4 && font[n - 1] == 'H')
            *upper = 1;
        return ENC_TCVN3;
    }
    if (strncasecmp(font, "VNI-", 4) == 0 || strncasecmp(font, "VNI ", 4) == 0 || strncasecmp(font, "VNI_", 4) == 0)
        return ENC_VNI;
    return -1;
}
