/* scan/box.h (no functions) — a rectangle in page pixels: the one geometry type that pages, words,
 * lines, tables and cells share, kept apart so the table model need not include the page model. */
#ifndef PARPLAN_SCAN_BOX_H
#define PARPLAN_SCAN_BOX_H

/* Corners in pixels of the prepared page (x0,y0 top-left, x1,y1 bottom-right). */
typedef struct pp_box {
    int x0, y0, x1, y1;
} pp_box;

#endif
