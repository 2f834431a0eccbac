/* test_encodings.c — round trips through TCVN3, VNI, VISCII, CP1258 and VIQR of generated samples,
 * automatic detection of each (and of UTF-8 and plain ASCII), and the ABC smart-quote trap. */
#include "check.h"
#include "text/encodings.h"
#include "text/unorm.h"
#include "text/viet.h"

/* Administrative text with upper-case toned letters (not representable in TCVN3, which has none). */
static const char sample[] =
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
    "Điều 1. Phê duyệt Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025 của tỉnh, "
    "với các mục tiêu: tăng trưởng bình quân 7,5%/năm; đến năm 2025, tỷ lệ hộ nghèo giảm còn dưới 3%.\n"
    "Đơn vị chủ trì: Sở Kế hoạch và Đầu tư; phối hợp với các sở, ban, ngành và Ủy ban nhân dân các huyện.\n"
    "Những người được giao nhiệm vụ chịu trách nhiệm trước Chủ tịch về kết quả thực hiện. Hết.\n";

/* The same kind of text as ABC files have it: upper-case letters only without tones. */
static const char sample_tcvn3[] =
    "Điều 2. Giao Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan hướng dẫn thực hiện kế hoạch "
    "này; định kỳ hằng năm báo cáo kết quả về ủy ban nhân dân tỉnh. Ăn uống, ô tô, ơn, ưu tiên.\n";

static char *norm(const char *s, size_t n)
{
    return unorm_text(s, n, VIET_STYLE_OLD, NULL);
}

static void round_trip(int id, const char *text)
{
    size_t len, back_len;
    char *raw = enc_encode(id, text, strlen(text), &len);
    CHECK(raw != NULL, "%s: sample encodes", enc_name(id));
    if (!raw)
        return;
    long margin = 0;
    int got = enc_detect(raw, len, &margin);
    CHECK(got == id, "%s: detected as %s (margin %ld)", enc_name(id), enc_name(got), margin);
    char *back = enc_decode(id, raw, len, &back_len);
    char *a = back ? norm(back, back_len) : NULL, *b = norm(text, strlen(text));
    CHECK_STR(a, b, "%s: decodes back to the sample", enc_name(id));
    free(raw);
    free(back);
    free(a);
    free(b);
}

static void test_trap(void)
{
    /* “Kế hoạch” – in ABC bytes: 0x93 K 0xD5 ... 0x94 space 0x96 */
    size_t len;
    char *raw = enc_encode(ENC_TCVN3, "Kế hoạch", strlen("Kế hoạch"), &len);
    if (!raw) { CHECK(0, "encode"); return; }
    char buf[64];
    int n = snprintf(buf, sizeof buf, "\x93%s\x94 \x96 Đ", raw);
    free(raw);
    /* Đ is the one UTF-8 sequence here; put the ABC byte for it instead */
    buf[n - 2] = (char)0xA7;
    n--;
    size_t dl;
    char *d = enc_decode(ENC_TCVN3, buf, (size_t)n, &dl);
    CHECK_STR(d, "“Kế hoạch” – Đ", "ABC 0x93/0x94/0x96 are quotes and a dash, not Ỏ/Õ/Ọ");
    free(d);
}

static void test_detect_plain(void)
{
    long m;
    CHECK(enc_detect(sample, strlen(sample), &m) == ENC_UTF8, "UTF-8 Vietnamese detected as UTF-8");
    const char *en = "The plan's budget (USD 2.5m) isn't final? Yes. See annex A.\n";
    CHECK(enc_detect(en, strlen(en), &m) == ENC_UTF8 && m == 0, "plain ASCII English stays UTF-8");
    const char *ascii = "Ke hoach phat trien kinh te xa hoi nam 2021.\n";
    CHECK(enc_detect(ascii, strlen(ascii), &m) == ENC_UTF8, "Vietnamese without diacritics stays UTF-8");
    CHECK(enc_from_name("ABC") == ENC_TCVN3 && enc_from_name("vni") == ENC_VNI &&
              enc_from_name("utf8") == ENC_UTF8 && enc_from_name("koi8") == -1, "encoding names");
    CHECK(enc_score(sample, strlen(sample)) > 40, "Vietnamese scores high (%ld)", enc_score(sample, strlen(sample)));
}

static void test_viqr_details(void)
{
    const char *v = "Vie^.t Nam, ddu+o+`ng ba.  Ha` No^.i? Co\\. ha.i.";
    size_t len;
    char *d = enc_decode(ENC_VIQR, v, strlen(v), &len);
    char *n = d ? norm(d, len) : NULL;
    CHECK_STR(n, "Việt Nam, đường ba.  Hà Nội? Co. hại.", "VIQR: tones, dd, sentence ends and escapes");
    free(d);
    free(n);
}

int main(void)
{
    round_trip(ENC_VNI, sample);
    round_trip(ENC_VISCII, sample);
    round_trip(ENC_CP1258, sample);
    round_trip(ENC_VIQR, sample);
    round_trip(ENC_TCVN3, sample_tcvn3);
    round_trip(ENC_VNI, sample_tcvn3);
    round_trip(ENC_VIQR, sample_tcvn3);
    test_trap();
    test_detect_plain();
    test_viqr_details();
    return check_done();
}
