/* test_fontenc.c — legacy font names to encodings: the ABC faces (.Vn…) are TCVN3, their capitals faces
 * (…H) upper case, the VNI faces VNI-Windows, anything else none. */
#include "check.h"
#include "text/encodings.h"
#include "text/fontenc.h"

int main(void)
{
    int up = -1;
    CHECK(fontenc_of(".VnTime", &up) == ENC_TCVN3 && up == 0, ".VnTime is TCVN3, lower case");
    CHECK(fontenc_of(".VnTimeH", &up) == ENC_TCVN3 && up == 1, ".VnTimeH is TCVN3 in capitals");
    CHECK(fontenc_of(".VnArial NarrowH", &up) == ENC_TCVN3 && up == 1, ".VnArial NarrowH is TCVN3 in capitals");
    CHECK(fontenc_of("VnTime", &up) == ENC_TCVN3, "a copy that lost the dot is TCVN3 still");
    CHECK(fontenc_of("VNI-Times", &up) == ENC_VNI && up == 0, "VNI-Times is VNI");
    CHECK(fontenc_of("vni-helve", NULL) == ENC_VNI, "font names compare without case");
    CHECK(fontenc_of("Times New Roman", &up) < 0, "a Unicode font implies nothing");
    CHECK(fontenc_of("Vivaldi", NULL) < 0, "a font starting Vi is not a legacy one");
    CHECK(fontenc_of(NULL, NULL) < 0, "no font, no encoding");
    return check_done();
}
