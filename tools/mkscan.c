/*
 * mkscan — makes the "aged scan" images of the parplan sample set (samples/scans/) from clean
 * rendered pages, and packs pages into a multi-page TIFF or an image-only PDF.  Leptonica only.
 *
 *   mkscan png  IN OUT.png [--dpi D]          first page of IN as PNG, 1 bpp kept, DPI recorded
 *   mkscan age  IN OUT [options]              skew, blur, paper, resample, noise; OUT .jpg or .png
 *   mkscan tiff OUT.tif IN...                 multi-page TIFF (1 bpp pages G4, others ZIP)
 *   mkscan pdf  OUT.pdf IN...                 one page per image, JPEG files embedded untouched
 *   mkscan info FILE                          one line per page: size, depth and DPI
 *   mkscan skew FILE                          skew angle (degrees) that Leptonica finds
 *   mkscan turn IN OUT.png|OUT.jpg N          the page turned N quarter turns clockwise (a sideways scan)
 *   mkscan seal IN OUT.png|OUT.jpg X Y        a red seal stamped over the page (colour), centred at X, Y
 *                                             (percent of the width and height), 38 mm across: two rings, a
 *                                             star and a ring of letter-like marks, multiplied into the page
 *                                             as ink is (black text under it stays black)
 *
 * Everything random comes from a private splitmix64 generator seeded by --seed, so the same
 * command gives the same bytes on every machine with the same Leptonica/libjpeg (rand() would
 * differ between C libraries).  Exit status: 0 ok, 1 write or processing failure, 2 usage error,
 * 3 unreadable input.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_INPUT 3

/* Resolution assumed when a file records none: text2image renders at 300 dpi. */
#define DEFAULT_DPI 300

static const char USAGE[] =
    "usage: mkscan COMMAND ...\n"
    "  mkscan png  IN OUT.png [--dpi D]\n"
    "        first page of IN written as PNG (1-bit stays 1-bit) with D dpi recorded\n"
    "        (default: the input's own resolution, else 300)\n"
    "  mkscan age  IN OUT.jpg|OUT.png [--seed N] [--angle DEG] [--dpi D] [--quality Q]\n"
    "              [--blur SIGMA] [--noise SIGMA] [--specks N] [--color] [--bilevel]\n"
    "        make an aged scan of a clean page: rotate by DEG (default: 0.5-2 degrees with a\n"
    "        random sign drawn from the seed), Gaussian blur SIGMA px at the input resolution\n"
    "        (default 0.8), uneven paper background, resample to D dpi (default: input's),\n"
    "        Gaussian noise SIGMA grey levels (default 5), N dust specks (default 12),\n"
    "        JPEG quality Q (default 80).  --color tints the paper (RGB output);\n"
    "        --bilevel thresholds to 1 bit like a fax-mode scanner (PNG output only).\n"
    "  mkscan tiff OUT.tif IN...\n"
    "        multi-page TIFF, one page per input (1-bit pages G4, others ZIP)\n"
    "  mkscan pdf  OUT.pdf IN...\n"
    "        image-only PDF, one page per input at the input's own resolution;\n"
    "        JPEG inputs are embedded without re-encoding\n"
    "  mkscan info FILE\n"
    "        one line per page: page=N width=W height=H depth=D dpi=R\n"
    "  mkscan skew FILE\n"
    "        skew=DEG conf=C as found by Leptonica's pixFindSkew on the first page\n"
    "  mkscan turn IN OUT.png|OUT.jpg N\n"
    "        first page of IN turned N (1-3) quarter turns clockwise, resolution kept\n"
    "  mkscan seal IN OUT.png|OUT.jpg X Y\n"
    "        a red seal (38 mm: rings, a star, letter-like marks) multiplied into IN in colour,\n"
    "        centred at X, Y percent of its width and height\n"
    "exit status: 0 ok, 1 failure, 2 usage error, 3 unreadable input\n";

static int usage_error(const char *msg)
{
    fprintf(stderr, "mkscan: %s\n%s", msg, USAGE);
    return EXIT_USAGE;
}

/* ---- deterministic random numbers ---------------------------------------------------------- */

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(rng_t *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Standard normal sample (Box-Muller; the second value is dropped to keep the code simple). */
static double rng_gauss(rng_t *r)
{
    double u1 = rng_unit(r), u2 = rng_unit(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* ---- small helpers ------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

/* Reads the first page of an image file; NULL (with a message naming the file) when unreadable. */
static PIX *read_image(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "mkscan: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    PIX *pix = pixReadStream(fp, 0);
    fclose(fp);
    if (!pix)
        fprintf(stderr, "mkscan: %s: not an image Leptonica can read\n", path);
    return pix;
}

static int image_dpi(PIX *pix)
{
    int x = pixGetXRes(pix);
    return x > 0 ? x : DEFAULT_DPI;
}

static int clamp255(double v)
{
    if (v < 0)
        return 0;
    if (v > 255)
        return 255;
    return (int)(v + 0.5);
}

/* ---- png ----------------------------------------------------------------------------------- */

static int cmd_png(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    long dpi = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--dpi")) {
            if (i + 1 >= argc || parse_long(argv[++i], 50, 2400, &dpi))
                return usage_error("--dpi wants a number from 50 to 2400");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("png: unknown option");
        } else if (!in) {
            in = argv[i];
        } else if (!out) {
            out = argv[i];
        } else {
            return usage_error("png: too many arguments");
        }
    }
    if (!in || !out)
        return usage_error("png: wants IN and OUT.png");
    PIX *pix = read_image(in);
    if (!pix)
        return EXIT_INPUT;
    int d = dpi ? (int)dpi : image_dpi(pix);
    pixSetResolution(pix, d, d);
    int rc = 0;
    if (pixWrite(out, pix, IFF_PNG)) {
        fprintf(stderr, "mkscan: %s: cannot write PNG\n", out);
        rc = EXIT_FAIL;
    }
    pixDestroy(&pix);
    return rc;
}

/* ---- age ----------------------------------------------------------------------------------- */

typedef struct {
    uint64_t seed;
    double angle; /* degrees; NAN = draw from the seed */
    long dpi;     /* 0 = keep the input's */
    long quality;
    double blur;
    double noise;
    long specks;
    int color;
    int bilevel;
} age_opts;

/*
 * Lays the (blurred, rotated) page onto paper whose brightness drifts slowly across the sheet, as
 * on an unevenly lit scanner bed or yellowed paper: a few long cosine waves, a gradient from top to
 * bottom and a shadow along one edge (a binding or a lifted lid).  Ink is not pure black either.
 * v = 255 is paper, 0 is full ink; the output keeps that scale.
 */
static void lay_on_paper(PIX *pix8, rng_t *r)
{
    int w = pixGetWidth(pix8), h = pixGetHeight(pix8), wpl = pixGetWpl(pix8);
    l_uint32 *data = pixGetData(pix8);
    double base = 228 + 10 * rng_unit(r);
    double ink = 28 + 22 * rng_unit(r);
    double amp[3], fx[3], fy[3], ph[3];
    for (int k = 0; k < 3; k++) {
        amp[k] = 3 + 5 * rng_unit(r);
        fx[k] = (0.3 + 1.2 * rng_unit(r)) * 2 * M_PI / w;
        fy[k] = (0.3 + 1.2 * rng_unit(r)) * 2 * M_PI / h;
        ph[k] = 2 * M_PI * rng_unit(r);
    }
    double grad = -8 + 16 * rng_unit(r);
    int shadow_left = rng_unit(r) < 0.5;
    double shadow_depth = 10 + 15 * rng_unit(r), shadow_width = w * (0.02 + 0.03 * rng_unit(r));
    for (int y = 0; y < h; y++) {
        l_uint32 *line = data + (size_t)y * wpl;
        double gy = grad * ((double)y / h - 0.5);
        for (int x = 0; x < w; x++) {
            double bg = base + gy;
            for (int k = 0; k < 3; k++)
                bg += amp[k] * cos(fx[k] * x + fy[k] * y + ph[k]);
            double edge = shadow_left ? x : w - 1 - x;
            if (edge < shadow_width)
                bg -= shadow_depth * (1 - edge / shadow_width) * (1 - edge / shadow_width);
            if (bg > 250)
                bg = 250;
            double v = GET_DATA_BYTE(line, x) / 255.0;
            SET_DATA_BYTE(line, x, clamp255(ink + (bg - ink) * v));
        }
    }
}

/* Sensor noise plus a few dust specks (small dark blots) scattered over the page. */
static void add_noise(PIX *pix8, double sigma, long specks, int dpi, rng_t *r)
{
    int w = pixGetWidth(pix8), h = pixGetHeight(pix8), wpl = pixGetWpl(pix8);
    l_uint32 *data = pixGetData(pix8);
    if (sigma > 0) {
        for (int y = 0; y < h; y++) {
            l_uint32 *line = data + (size_t)y * wpl;
            for (int x = 0; x < w; x++)
                SET_DATA_BYTE(line, x, clamp255(GET_DATA_BYTE(line, x) + sigma * rng_gauss(r)));
        }
    }
    for (long i = 0; i < specks; i++) {
        int cx = (int)(rng_unit(r) * w), cy = (int)(rng_unit(r) * h);
        double rad = (0.4 + 1.0 * rng_unit(r)) * dpi / 300.0;
        int dark = 60 + (int)(90 * rng_unit(r));
        int ir = (int)ceil(rad);
        for (int y = cy - ir; y <= cy + ir; y++) {
            if (y < 0 || y >= h)
                continue;
            l_uint32 *line = data + (size_t)y * wpl;
            for (int x = cx - ir; x <= cx + ir; x++) {
                if (x < 0 || x >= w || (x - cx) * (x - cx) + (y - cy) * (y - cy) > rad * rad)
                    continue;
                int v = GET_DATA_BYTE(line, x);
                if (v > dark)
                    SET_DATA_BYTE(line, x, dark);
            }
        }
    }
}

/* Aged paper in colour: a faint yellow-brown cast that is stronger where the paper is brighter. */
static PIX *tint(PIX *pix8)
{
    int w = pixGetWidth(pix8), h = pixGetHeight(pix8);
    PIX *pix32 = pixCreate(w, h, 32);
    if (!pix32)
        return NULL;
    int wpl8 = pixGetWpl(pix8), wpl32 = pixGetWpl(pix32);
    l_uint32 *d8 = pixGetData(pix8), *d32 = pixGetData(pix32);
    for (int y = 0; y < h; y++) {
        l_uint32 *l8 = d8 + (size_t)y * wpl8, *l32 = d32 + (size_t)y * wpl32;
        for (int x = 0; x < w; x++) {
            int v = GET_DATA_BYTE(l8, x);
            l_uint32 px;
            composeRGBPixel(v, clamp255(v * 0.975), clamp255(v * 0.90), &px);
            l32[x] = px;
        }
    }
    return pix32;
}

static PIX *blur(PIX *pix8, double sigma)
{
    if (sigma <= 0)
        return pixCopy(NULL, pix8);
    int half = (int)ceil(2.5 * sigma);
    L_KERNEL *kx = NULL, *ky = NULL;
    if (makeGaussianKernelSep(half, half, (l_float32)sigma, 1.0, &kx, &ky))
        return NULL;
    PIX *out = pixConvolveSep(pix8, kx, ky, 8, 1);
    kernelDestroy(&kx);
    kernelDestroy(&ky);
    return out;
}

static int cmd_age(int argc, char **argv)
{
    age_opts o = {.seed = 1, .angle = NAN, .dpi = 0, .quality = 80, .blur = 0.8, .noise = 5,
                  .specks = 12, .color = 0, .bilevel = 0};
    const char *in = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
        if (!strcmp(a, "--seed")) {
            if (!v || parse_long(v, 0, 2147483647L, &n))
                return usage_error("--seed wants a number from 0 to 2147483647");
            o.seed = (uint64_t)n;
            i++;
        } else if (!strcmp(a, "--angle")) {
            if (!v || parse_double(v, -15, 15, &o.angle))
                return usage_error("--angle wants degrees from -15 to 15");
            i++;
        } else if (!strcmp(a, "--dpi")) {
            if (!v || parse_long(v, 50, 1200, &o.dpi))
                return usage_error("--dpi wants a number from 50 to 1200");
            i++;
        } else if (!strcmp(a, "--quality")) {
            if (!v || parse_long(v, 10, 100, &o.quality))
                return usage_error("--quality wants a number from 10 to 100");
            i++;
        } else if (!strcmp(a, "--blur")) {
            if (!v || parse_double(v, 0, 10, &o.blur))
                return usage_error("--blur wants a sigma from 0 to 10 pixels");
            i++;
        } else if (!strcmp(a, "--noise")) {
            if (!v || parse_double(v, 0, 100, &o.noise))
                return usage_error("--noise wants a sigma from 0 to 100 grey levels");
            i++;
        } else if (!strcmp(a, "--specks")) {
            if (!v || parse_long(v, 0, 100000, &o.specks))
                return usage_error("--specks wants a count from 0 to 100000");
            i++;
        } else if (!strcmp(a, "--color")) {
            o.color = 1;
        } else if (!strcmp(a, "--bilevel")) {
            o.bilevel = 1;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("age: unknown option");
        } else if (!in) {
            in = a;
        } else if (!out) {
            out = a;
        } else {
            return usage_error("age: too many arguments");
        }
    }
    if (!in || !out)
        return usage_error("age: wants IN and OUT");
    int jpeg = ends_with(out, ".jpg") || ends_with(out, ".jpeg");
    if (!jpeg && !ends_with(out, ".png"))
        return usage_error("age: OUT must end in .jpg, .jpeg or .png");
    if (o.bilevel && (jpeg || o.color))
        return usage_error("age: --bilevel writes PNG only and excludes --color");

    rng_t r = {o.seed * 0x2545F4914F6CDD1DULL + 0x1234567ULL};
    if (isnan(o.angle)) {
        double mag = 0.5 + 1.5 * rng_unit(&r);
        o.angle = rng_unit(&r) < 0.5 ? -mag : mag;
    }

    PIX *src = read_image(in);
    if (!src)
        return EXIT_INPUT;
    int src_dpi = image_dpi(src);
    int dpi = o.dpi ? (int)o.dpi : src_dpi;
    int rc = EXIT_FAIL;
    PIX *g = NULL, *rot = NULL, *bl = NULL, *sc = NULL, *fin = NULL;

    /* The order follows a real scan: the sheet lies skewed, the optics blur it, the paper shows
     * through, the sensor samples at its own resolution and adds noise, then the file is coded. */
    if (!(g = pixConvertTo8(src, FALSE))) {
        fprintf(stderr, "mkscan: %s: cannot convert to 8-bit grey\n", in);
        goto done;
    }
    if (!(rot = pixRotate(g, (l_float32)(o.angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
                          L_BRING_IN_WHITE, 0, 0))) {
        fprintf(stderr, "mkscan: %s: rotation failed\n", in);
        goto done;
    }
    if (!(bl = blur(rot, o.blur))) {
        fprintf(stderr, "mkscan: %s: blur failed\n", in);
        goto done;
    }
    lay_on_paper(bl, &r);
    {
        l_float32 f = (l_float32)dpi / (l_float32)src_dpi;
        /* Area mapping when shrinking integrates over each sensor cell, as a CCD does. */
        if (f < 0.999f)
            sc = pixScaleAreaMap(bl, f, f);
        else if (f > 1.001f)
            sc = pixScaleGrayLI(bl, f, f);
        else
            sc = pixCopy(NULL, bl);
        if (!sc) {
            fprintf(stderr, "mkscan: %s: resampling to %d dpi failed\n", in, dpi);
            goto done;
        }
    }
    add_noise(sc, o.noise, o.specks, dpi, &r);

    if (o.bilevel) {
        /* A fixed threshold, as bilevel scanner modes use; the paper stays well above it. */
        fin = pixThresholdToBinary(sc, 140);
    } else if (o.color) {
        fin = tint(sc);
    } else {
        fin = pixClone(sc);
    }
    if (!fin) {
        fprintf(stderr, "mkscan: %s: cannot build the output image\n", in);
        goto done;
    }
    pixSetResolution(fin, dpi, dpi);
    if (jpeg ? pixWriteJpeg(out, fin, (int)o.quality, 0) : pixWrite(out, fin, IFF_PNG)) {
        fprintf(stderr, "mkscan: %s: cannot write image\n", out);
        goto done;
    }
    rc = 0;
done:
    pixDestroy(&src);
    pixDestroy(&g);
    pixDestroy(&rot);
    pixDestroy(&bl);
    pixDestroy(&sc);
    pixDestroy(&fin);
    return rc;
}

/* ---- tiff ---------------------------------------------------------------------------------- */

static int cmd_tiff(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("tiff: wants OUT.tif and at least one IN");
    const char *out = argv[0];
    if (!ends_with(out, ".tif") && !ends_with(out, ".tiff"))
        return usage_error("tiff: OUT must end in .tif or .tiff");
    for (int i = 1; i < argc; i++) {
        PIX *pix = read_image(argv[i]);
        if (!pix)
            return EXIT_INPUT;
        /* G4 is what bilevel archive scans use; ZIP keeps grey pages lossless. */
        int comp = pixGetDepth(pix) == 1 ? IFF_TIFF_G4 : IFF_TIFF_ZIP;
        if (pixGetXRes(pix) <= 0)
            pixSetResolution(pix, DEFAULT_DPI, DEFAULT_DPI);
        int bad = pixWriteTiff(out, pix, comp, i == 1 ? "w" : "a");
        pixDestroy(&pix);
        if (bad) {
            fprintf(stderr, "mkscan: %s: cannot write TIFF page %d\n", out, i);
            return EXIT_FAIL;
        }
    }
    return 0;
}

/* ---- pdf ----------------------------------------------------------------------------------- */

/*
 * Leptonica stamps the PDF with the current time (/CreationDate (D:YYYYMMDDHHMMSS...)); overwrite
 * the digits with a fixed date so the sample files are reproducible.  Same length, so the xref
 * offsets stay valid.
 */
static void fix_pdf_dates(l_uint8 *data, size_t n)
{
    static const char fixed[] = "20240101000000";
    for (size_t i = 0; i + 3 < n; i++) {
        if (memcmp(data + i, "(D:", 3) != 0)
            continue;
        size_t j = i + 3;
        for (size_t k = 0; k < sizeof fixed - 1 && j < n && data[j] >= '0' && data[j] <= '9'; k++, j++)
            data[j] = (l_uint8)fixed[k];
    }
}

static int cmd_pdf(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("pdf: wants OUT.pdf and at least one IN");
    const char *out = argv[0];
    if (!ends_with(out, ".pdf"))
        return usage_error("pdf: OUT must end in .pdf");
    SARRAY *sa = sarrayCreate(argc - 1);
    if (!sa) {
        fprintf(stderr, "mkscan: out of memory\n");
        return EXIT_FAIL;
    }
    for (int i = 1; i < argc; i++) {
        /* Check each input here so a bad one is reported by name, not deep inside Leptonica. */
        PIX *pix = read_image(argv[i]);
        if (!pix) {
            sarrayDestroy(&sa);
            return EXIT_INPUT;
        }
        pixDestroy(&pix);
        if (sarrayAddString(sa, argv[i], L_COPY)) {
            fprintf(stderr, "mkscan: out of memory\n");
            sarrayDestroy(&sa);
            return EXIT_FAIL;
        }
    }
    l_uint8 *data = NULL;
    size_t n = 0;
    /* The title defaults to the first input's path, often a temporary one: name the output. */
    const char *slash = strrchr(out, '/');
    char title[256];
    snprintf(title, sizeof title, "%s", slash ? slash + 1 : out);
    /* res 0: every page keeps the resolution recorded in its file. */
    int bad = saConvertFilesToPdfData(sa, 0, 1.0, L_JPEG_ENCODE, 0, title, &data, &n);
    sarrayDestroy(&sa);
    if (bad || !data) {
        fprintf(stderr, "mkscan: %s: cannot build the PDF\n", out);
        return EXIT_FAIL;
    }
    fix_pdf_dates(data, n);
    int rc = 0;
    FILE *fp = fopen(out, "wb");
    if (!fp || fwrite(data, 1, n, fp) != n) {
        fprintf(stderr, "mkscan: %s: %s\n", out, strerror(errno));
        rc = EXIT_FAIL;
    }
    if (fp && fclose(fp) && !rc) {
        fprintf(stderr, "mkscan: %s: %s\n", out, strerror(errno));
        rc = EXIT_FAIL;
    }
    lept_free(data);
    return rc;
}

/* ---- info, skew ---------------------------------------------------------------------------- */

static int print_info(int page, PIX *pix)
{
    return printf("page=%d width=%d height=%d depth=%d dpi=%d\n", page, pixGetWidth(pix),
                  pixGetHeight(pix), pixGetDepth(pix), pixGetXRes(pix)) < 0;
}

static int cmd_info(int argc, char **argv)
{
    if (argc != 1)
        return usage_error("info: wants one FILE");
    const char *path = argv[0];
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "mkscan: %s: %s\n", path, strerror(errno));
        return EXIT_INPUT;
    }
    l_int32 format = IFF_UNKNOWN;
    findFileFormatStream(fp, &format);
    int pages = 1;
    if (L_FORMAT_IS_TIFF(format)) {
        l_int32 n = 0;
        if (tiffGetCount(fp, &n) || n < 1) {
            fclose(fp);
            fprintf(stderr, "mkscan: %s: unreadable TIFF\n", path);
            return EXIT_INPUT;
        }
        pages = n;
    }
    fclose(fp);
    for (int p = 0; p < pages; p++) {
        PIX *pix = L_FORMAT_IS_TIFF(format) ? pixReadTiff(path, p) : read_image(path);
        if (!pix) {
            if (L_FORMAT_IS_TIFF(format))
                fprintf(stderr, "mkscan: %s: cannot read TIFF page %d\n", path, p + 1);
            return EXIT_INPUT;
        }
        int bad = print_info(p + 1, pix);
        pixDestroy(&pix);
        if (bad)
            return EXIT_FAIL;
    }
    return 0;
}

static int cmd_skew(int argc, char **argv)
{
    if (argc != 1)
        return usage_error("skew: wants one FILE");
    PIX *pix = read_image(argv[0]);
    if (!pix)
        return EXIT_INPUT;
    PIX *g = pixConvertTo8(pix, FALSE);
    PIX *b = g ? pixThresholdToBinary(g, 140) : NULL;
    l_float32 angle = 0, conf = 0;
    int rc = 0;
    if (!b || pixFindSkew(b, &angle, &conf)) {
        fprintf(stderr, "mkscan: %s: skew detection failed\n", argv[0]);
        rc = EXIT_FAIL;
    } else {
        printf("skew=%.2f conf=%.2f\n", angle, conf);
    }
    pixDestroy(&pix);
    pixDestroy(&g);
    pixDestroy(&b);
    return rc;
}

static int cmd_turn(int argc, char **argv)
{
    long quads = 0;
    if (argc != 3 || parse_long(argv[2], 1, 3, &quads))
        return usage_error("turn: wants IN OUT N with N from 1 to 3");
    PIX *pix = read_image(argv[0]);
    if (!pix)
        return EXIT_INPUT;
    PIX *rot = pixRotateOrth(pix, (int)quads);
    int rc = 0;
    const char *dot = strrchr(argv[1], '.');
    int jpeg = dot && (!strcmp(dot, ".jpg") || !strcmp(dot, ".jpeg"));
    if (!rot || (jpeg ? pixWriteJpeg(argv[1], rot, 90, 0) : pixWrite(argv[1], rot, IFF_PNG))) {
        fprintf(stderr, "mkscan: %s: cannot write the turned page\n", argv[1]);
        rc = EXIT_FAIL;
    }
    pixDestroy(&pix);
    pixDestroy(&rot);
    return rc;
}

/* Multiplies the red ink (205, 35, 45) into the pixel at (x, y) of the 32 bpp `pix`. */
static void ink_at(PIX *pix, int x, int y)
{
    if (x < 0 || y < 0 || x >= (int)pixGetWidth(pix) || y >= (int)pixGetHeight(pix))
        return;
    l_int32 r, g, b;
    pixGetRGBPixel(pix, x, y, &r, &g, &b);
    pixSetRGBPixel(pix, x, y, r * 205 / 255, g * 35 / 255, b * 45 / 255);
}

static int cmd_seal(int argc, char **argv)
{
    long px = 0, py = 0;
    if (argc != 4 || parse_long(argv[2], 0, 100, &px) || parse_long(argv[3], 0, 100, &py))
        return usage_error("seal: wants IN OUT X Y with X and Y in percent (0 to 100)");
    PIX *in = read_image(argv[0]);
    if (!in)
        return EXIT_INPUT;
    PIX *pix = pixConvertTo32(in);
    pixDestroy(&in);
    if (!pix)
        return EXIT_FAIL;
    int w = (int)pixGetWidth(pix), h = (int)pixGetHeight(pix);
    int dpi = pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300;
    double R = 19.0 / 25.4 * dpi; /* 38 mm across */
    double cx = w * px / 100.0, cy = h * py / 100.0;
    for (int y = (int)(cy - R) - 1; y <= (int)(cy + R) + 1; y++)
        for (int x = (int)(cx - R) - 1; x <= (int)(cx + R) + 1; x++) {
            double dx = x - cx, dy = y - cy, d = sqrt(dx * dx + dy * dy), a = atan2(dy, dx);
            int on = (d <= R && d >= R * 0.93) || (d <= R * 0.62 && d >= R * 0.58);
            /* letter-like marks between the rings: 28 short bars along the circle, each with a gap */
            double k = fmod((a + M_PI) / (2 * M_PI) * 28, 1.0);
            on |= d >= R * 0.70 && d <= R * 0.86 && k > 0.2 && k < 0.7 && !(d > R * 0.76 && d < R * 0.80 && k > 0.4);
            /* a five-pointed star in the middle: inside when inside the pentagram's polar outline */
            double sa = fmod(a + M_PI / 2 + 4 * M_PI, 2 * M_PI / 5) - M_PI / 5;
            double rs = R * 0.35 * (0.45 + 0.55 * fabs(sa) / (M_PI / 5));
            on |= d <= rs;
            if (on)
                ink_at(pix, x, y);
        }
    int rc = 0;
    const char *dot = strrchr(argv[1], '.');
    int jpeg = dot && (!strcmp(dot, ".jpg") || !strcmp(dot, ".jpeg"));
    pixSetResolution(pix, dpi, dpi);
    if (jpeg ? pixWriteJpeg(argv[1], pix, 90, 0) : pixWrite(argv[1], pix, IFF_PNG)) {
        fprintf(stderr, "mkscan: %s: cannot write the sealed page\n", argv[1]);
        rc = EXIT_FAIL;
    }
    pixDestroy(&pix);
    return rc;
}

/* Leptonica prints progress chatter ("concatenating ... done") through lept_stderr even when
 * only errors are wanted; pass on real messages only. */
static void lept_messages(const char *msg)
{
    if (!strstr(msg, "concatenating ...") && strcmp(msg, "done\n") != 0)
        fputs(msg, stderr);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("no command");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    /* Leptonica's own warnings (e.g. about missing resolution) are noise here; errors stay. */
    setMsgSeverity(L_SEVERITY_ERROR);
    leptSetStderrHandler(lept_messages);
    const char *cmd = argv[1];
    int n = argc - 2;
    char **rest = argv + 2;
    for (int i = 0; i < n; i++)
        if (!strcmp(rest[i], "--help")) {
            fputs(USAGE, stdout);
            return 0;
        }
    if (!strcmp(cmd, "png"))
        return cmd_png(n, rest);
    if (!strcmp(cmd, "age"))
        return cmd_age(n, rest);
    if (!strcmp(cmd, "tiff"))
        return cmd_tiff(n, rest);
    if (!strcmp(cmd, "pdf"))
        return cmd_pdf(n, rest);
    if (!strcmp(cmd, "info"))
        return cmd_info(n, rest);
    if (!strcmp(cmd, "skew"))
        return cmd_skew(n, rest);
    if (!strcmp(cmd, "turn"))
        return cmd_turn(n, rest);
    if (!strcmp(cmd, "seal"))
        return cmd_seal(n, rest);
    return usage_error("unknown command");
}
