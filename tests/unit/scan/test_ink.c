/* test_ink.c — coloured ink read away (ink.c): on a page of grey paper with black strokes, a red ring, a blue
 * stroke and a black stroke through the red ring (tinted red, as JPEG leaves text under a seal), the red and
 * blue become the paper's tone and the black strokes, the tinted one included, stay black. */
#include "check.h"
#include "scan/ink.h"

static void fill(PIX *p, int x0, int y0, int w, int h, int r, int g, int b)
{
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            pixSetRGBPixel(p, x, y, r, g, b);
}

static int gray_at(PIX *p, int x, int y)
{
    l_uint32 v = 0;
    pixGetPixel(p, x, y, &v);
    return (int)v;
}

int main(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    PIX *p = pixCreate(400, 300, 32);
    fill(p, 0, 0, 400, 300, 232, 228, 220);   /* paper */
    fill(p, 20, 20, 200, 6, 20, 20, 20);      /* black rule */
    fill(p, 20, 100, 120, 10, 210, 40, 50);   /* red seal ink */
    fill(p, 20, 200, 120, 4, 40, 60, 170);    /* blue pen */
    fill(p, 60, 90, 4, 30, 70, 15, 20);       /* black text under the seal, tinted red */
    double share = 0;
    PIX *g = ink_gray_without_colour(p, &share);
    CHECK(g && pixGetDepth(g) == 8, "an 8-bit page");
    if (g) {
        CHECK(gray_at(g, 100, 23) < 40, "black kept: %d", gray_at(g, 100, 23));
        CHECK(gray_at(g, 100, 105) > 200, "red ink made paper: %d", gray_at(g, 100, 105));
        CHECK(gray_at(g, 100, 201) > 200, "blue ink made paper: %d", gray_at(g, 100, 201));
        CHECK(gray_at(g, 61, 105) < 60, "the tinted black under the seal kept: %d", gray_at(g, 61, 105));
        CHECK(abs(gray_at(g, 300, 250) - gray_at(g, 100, 105)) <= 3, "painted in the paper's tone: %d vs %d",
              gray_at(g, 100, 105), gray_at(g, 300, 250));
        CHECK(share > 0.01 && share < 0.02, "share %.4f (1680 of 120000 pixels, less the tinted black)", share);
    }
    pixDestroy(&g);
    pixDestroy(&p);
    return check_done();
}
