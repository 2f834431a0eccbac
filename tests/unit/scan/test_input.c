/* test_input.c — formats are told apart by their first bytes, not by their names, and directory walks
 * take document files only (never ground truth). */
#include "check.h"
#include "core/fsutil.h"
#include "scan/input.h"

int main(void)
{
    CHECK(input_sniff((const unsigned char *)"\x89PNG\r\n\x1a\n", 8) == FMT_PNG, "PNG");
    CHECK(input_sniff((const unsigned char *)"\xff\xd8\xff\xe0", 4) == FMT_JPEG, "JPEG");
    CHECK(input_sniff((const unsigned char *)"II*\0", 4) == FMT_TIFF, "TIFF little-endian");
    CHECK(input_sniff((const unsigned char *)"MM\0*", 4) == FMT_TIFF, "TIFF big-endian");
    CHECK(input_sniff((const unsigned char *)"%PDF-1.4", 8) == FMT_PDF, "PDF");
    CHECK(input_sniff((const unsigned char *)"K\xe1\xba\xbe HO", 7) == FMT_TEXT, "UTF-8 text");
    CHECK(input_sniff((const unsigned char *)"", 0) == FMT_TEXT, "empty is text (refused later as empty)");
    CHECK(input_sniff((const unsigned char *)"\x89PN", 3) == FMT_TEXT, "a cut PNG signature is not PNG");
    CHECK(fs_is_input_name("plan.TXT"), "upper-case extension taken");
    CHECK(fs_is_input_name("scan.tiff") && fs_is_input_name("a.pdf") && fs_is_input_name("b.jpeg"), "image names");
    CHECK(!fs_is_input_name("plan-01-p1.gt.txt"), "ground truth skipped");
    CHECK(!fs_is_input_name("README.md") && !fs_is_input_name(".hidden.txt"), "other files skipped");
    return check_done();
}
