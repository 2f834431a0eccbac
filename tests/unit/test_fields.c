/* test_fields.c — number, date and text helpers of fields.c. */
#include "check.h"
#include "fields.h"

#include <math.h>

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
    return check_done();
}
