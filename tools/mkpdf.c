/*
 * mkpdf — makes a born-digital PDF (a real text layer, the font embedded) from UTF-8 text, for the tests of
 * parplan-ocr's PDF text path: cairo's PDF surface writes each line with DejaVu Serif (fonts-dejavu-core,
 * which has every Vietnamese letter) embedded as a subset with its ToUnicode map, as a word processor would.
 *
 *   mkpdf OUT.pdf TEXT... [--seal]
 *
 * Each TEXT file is read in turn; a form feed or the start of the next file starts a new page, long lines
 * are wrapped at word boundaries to the A4 text width (2 cm margins, 12 pt type, 15 pt leading), and a
 * page that fills up continues on the next.  --seal draws a red seal (two rings and a star, vector ink
 * outside the text layer) at the foot of the last page, as signed plans carry.
 * Exit status: 0 ok, 1 write failure, 2 usage error, 3 unreadable input.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 56.7
#define SIZE 12.0
#define LEAD 15.0

static double y;

static void new_page(cairo_t *cr, int *started)
{
    if (*started)
        cairo_show_page(cr);
    *started = 1;
    y = MARGIN + SIZE;
}

/* Writes one line, on a new page when this one is full. */
static void put_line(cairo_t *cr, const char *s, int *started)
{
    if (!*started || y > PAGE_H - MARGIN)
        new_page(cr, started);
    cairo_move_to(cr, MARGIN, y);
    cairo_show_text(cr, s);
    y += LEAD;
}

/* Wraps a paragraph at spaces to the text width. */
static void put_para(cairo_t *cr, char *p, int *started)
{
    const double width = PAGE_W - 2 * MARGIN;
    size_t len = strlen(p);
    char *buf = malloc(len + 1);
    if (!buf) {
        fprintf(stderr, "mkpdf: out of memory\n");
        exit(1);
    }
    while (*p) {
        size_t fit = 0, i = 0;
        /* the longest prefix ending at a space (or the end) that fits */
        for (;;) {
            size_t j = i;
            while (p[j] && p[j] != ' ')
                j++;
            memcpy(buf, p, j);
            buf[j] = '\0';
            cairo_text_extents_t ext;
            cairo_text_extents(cr, buf, &ext);
            if (ext.x_advance > width && fit)
                break;
            fit = j;
            if (!p[j])
                break;
            i = j + 1;
        }
        memcpy(buf, p, fit);
        buf[fit] = '\0';
        put_line(cr, buf, started);
        p += fit;
        while (*p == ' ')
            p++;
    }
    if (!len)
        put_line(cr, "", started);
    free(buf);
}

static void seal(cairo_t *cr)
{
    double cx = PAGE_W - MARGIN - 80, cy = PAGE_H - MARGIN - 90;
    cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
    cairo_set_line_width(cr, 3);
    cairo_arc(cr, cx, cy, 60, 0, 2 * M_PI);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.5);
    cairo_arc(cr, cx, cy, 40, 0, 2 * M_PI);
    cairo_stroke(cr);
    for (int k = 0; k < 5; k++) { /* a five-pointed star */
        double a = -M_PI / 2 + k * 4 * M_PI / 5;
        if (k == 0)
            cairo_move_to(cr, cx + 25 * cos(a), cy + 25 * sin(a));
        else
            cairo_line_to(cr, cx + 25 * cos(a), cy + 25 * sin(a));
    }
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
}

int main(int argc, char **argv)
{
    int want_seal = 0, nfiles = 0;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seal"))
            want_seal = 1;
        else if (!out)
            out = argv[i];
        else
            nfiles++;
    }
    if (!out || !nfiles) {
        fprintf(stderr, "usage: mkpdf OUT.pdf TEXT... [--seal]\n");
        return 2;
    }
    cairo_surface_t *surf = cairo_pdf_surface_create(out, PAGE_W, PAGE_H);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "mkpdf: %s: %s\n", out, cairo_status_to_string(cairo_surface_status(surf)));
        return 1;
    }
    /* no dates in the file: the same text gives the same bytes */
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "parplan tools/mkpdf");
    cairo_t *cr = cairo_create(surf);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, SIZE);
    cairo_set_source_rgb(cr, 0, 0, 0);
    int started = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--seal"))
            continue;
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "mkpdf: %s: %s\n", argv[i], strerror(errno));
            return 3;
        }
        if (started)
            new_page(cr, &started);
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, f)) > 0) {
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                line[--n] = '\0';
            char *ff = strchr(line, '\f');
            if (ff) {
                *ff = '\0';
                if (*line)
                    put_para(cr, line, &started);
                new_page(cr, &started);
                memmove(line, ff + 1, strlen(ff + 1) + 1);
                if (!*line)
                    continue;
            }
            put_para(cr, line, &started);
        }
        free(line);
        fclose(f);
    }
    if (want_seal)
        seal(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    cairo_status_t st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "mkpdf: %s: %s\n", out, cairo_status_to_string(st));
        return 1;
    }
    return 0;
}
