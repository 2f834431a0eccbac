/* test_fields.c — number, date and text helpers of fields.c. */
#include "check.h"
#include "extract/fields.h"

#include <math.h>
#include <stdlib.h>

static double num(const char *s)
{
    double v = NAN;
    return fl_number(s, strlen(s), &v) ? v : NAN;
}

int main(void)
{
    CHECK(num("83,99") == 83.99, "decimal comma");
    CHECK(num("0.5") == 0.5, "decimal dot");
    CHECK(num("1.000") == 1000, "thousands dot");
    CHECK(num("12.500.000") == 12500000, "thousands groups");
    CHECK(num("1.234,5") == 1234.5, "both separators");
    CHECK(num("01") == 1 && num("02") == 2, "counts with a leading zero");
    CHECK(num("100%") == 100, "percent");
    CHECK(isnan(num("không")), "no number");
    char iso[11];
    CHECK(fl_date_iso(5, 4, 2023, iso) && !strcmp(iso, "2023-04-05"), "iso date %s", iso);
    CHECK(!fl_date_iso(31, 2, 2023, iso), "31 February refused");
    CHECK(!fl_date_iso(29, 2, 2023, iso) && fl_date_iso(29, 2, 2024, iso), "leap years");
    char *t = fl_tidy("  Sở  Nội\tvụ,\n ", 18, " .,");
    CHECK_STR(t, "Sở Nội vụ", "tidy");
    free(t);
    CHECK(fl_roman("IV", 2) == 4 && fl_roman("xii", 3) == 12 && fl_roman("IIV", 3) == 0, "roman numerals");
    CHECK_STR(fl_unit("%", 1), "%", "unit %%");
    CHECK_STR(fl_unit("diem", 4), "điểm", "unit điểm");
    CHECK(fl_int("2024", 4) == 2024 && fl_int("20a", 3) == -1, "integers");
    /* quarter numerals as the English-model OCR damages them */
    static const struct {
        const char *in, *want; /* want NULL: nothing to rewrite */
    } q[] = {
        { "Quý IIl năm 2024", "Quý III năm 2024" },
        { "Quý lV/2024", "Quý IV/2024" },
        { "Quý Il", "Quý II" },
        { "Quý 1I", "Quý II" },
        { "QUÝ IIl", "QUÝ III" },
        { "quý III, lV", "quý III, IV" },
        { "Quý I và Il năm 2025", "Quý I và II năm 2025" },
        { "Trong quý IIí", "Trong quý III" },
        { "Quý II năm 2024", NULL },
        { "Quý IIII", NULL },
        { "Quý 3", NULL },
        { "Quý 11", NULL },
        { "Quý lIli", NULL },
        { "Hằng quý", NULL },
        { "Năm 2024 Il", NULL },
        { "Thường xuyên", NULL },
        { "", NULL },
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        char *got = fl_quarter_roman(q[i].in);
        CHECK_STR(got, q[i].want, "quarter numeral in \"%s\"", q[i].in);
        free(got);
    }
    return check_done();
}
