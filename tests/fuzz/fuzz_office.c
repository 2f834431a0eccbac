/* fuzz_office.c — DOCX/ODT containers: any bytes starting as a ZIP either load into pages (valid UTF-8,
 * every table cell inside its grid) or are refused with a message naming the file; never a crash, a
 * leak or a read out of bounds in our code, libzip's or libxml2's.  (.doc goes to antiword, a separate
 * process, and is not fuzzed here.) */
#include "core/utf8.h"
#include "ocr/officepage.h"
#include "scan/office.h"
#include "scan/table.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (od_sniff(data, size) != OD_DOCX)
        return 0;
    char path[] = "/tmp/fuzz_office.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    od_doc d;
    pp_err e;
    pp_err_clear(&e);
    if (od_load(path, OD_DOCX, &d, &e) == PP_OK) {
        op_doc o;
        if (op_build(&d, path, &o, &e) == PP_OK) {
            for (int i = 0; i < o.npages; i++) {
                const pp_page *p = &o.pages[i];
                if (utf8_invalid_at(p->text, p->text_len) != p->text_len)
                    abort();
                for (size_t t = 0; t < p->ntables; t++)
                    for (size_t k = 0; k < p->tables[t].ncells; k++) {
                        const pp_cell *c = &p->tables[t].cells[k];
                        if (c->row + c->rowspan > p->tables[t].nrows || c->col + c->colspan > p->tables[t].ncols)
                            abort();
                    }
            }
            op_free(&o);
        } else if (!strstr(e.msg, path)) {
            abort();
        }
        od_free(&d);
    } else if (!strstr(e.msg, path)) {
        abort(); /* a refusal must name the file */
    }
    unlink(path);
    return 0;
}
