/* test_office.c — word-processor files into the office model: DOCX paragraphs, runs with the font Word
 * would use (own, character style, paragraph style chain, document default), tables with gridSpan and
 * vMerge spans, tracked deletions left out; ODT spans and covered cells; and the refusals: a ZIP bomb
 * from its central directory, macros, an external template, a DOCTYPE.  The files are written here with
 * libzip. */
#include "check.h"
#include "scan/office.h"

#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

static char dir[] = "/tmp/test_office.XXXXXX";

/* Writes a ZIP of (name, data) pairs, NULL-terminated; returns its path (static buffer). */
static const char *mkzip(const char *name, const char *const *parts)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        return path;
    for (size_t i = 0; parts[i]; i += 2) {
        const char *data = parts[i + 1];
        size_t n = strlen(data);
        if (!strcmp(data, "@ZEROS")) { /* 2 MiB of zeros: a bomb's ratio */
            n = 2u << 20;
            char *b = calloc(n, 1);
            zip_source_t *s = zip_source_buffer(z, b, n, 1);
            zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE);
            continue;
        }
        zip_source_t *s = zip_source_buffer(z, data, n, 0);
        zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    return path;
}

#define TYPES                                                                                                  \
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "                \
    "PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."            \
    "wordprocessingml.document.main+xml\"/></Types>"
#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char *run_text(const od_para *p, size_t i) { return i < p->nruns ? p->runs[i].text : "(none)"; }
static const char *run_font(const od_para *p, size_t i) { return i < p->nruns ? p->runs[i].font : "(none)"; }

int main(void)
{
    if (!mkdtemp(dir))
        SKIP_ALL("no temporary directory");
    unsigned char h[8] = { 'P', 'K', 3, 4 };
    CHECK(od_sniff(h, 4) == OD_DOCX, "a ZIP is sniffed as an office container");
    CHECK(od_sniff((const unsigned char *)"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == OD_DOC, "OLE2 magic is a .doc");
    CHECK(od_sniff((const unsigned char *)"%PDF-1.4", 8) < 0, "a PDF is not");

    static const char *const docx[] = {
        "[Content_Types].xml", TYPES,
        "word/styles.xml",
        "<w:styles " W "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/>"
        "</w:rPr></w:rPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/>"
        "</w:rPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Head\"><w:basedOn w:val=\"Base\"/></w:style>"
        "</w:styles>",
        "word/document.xml",
        "<w:document " W "><w:body>"
        "<w:p><w:pPr><w:pStyle w:val=\"Head\"/></w:pPr><w:r><w:t>Sè 1</w:t></w:r>"
        "<w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr><w:t xml:space=\"preserve\"> Ñoà</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>plain</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
        "<w:hyperlink><w:r><w:t> link</w:t></w:r></w:hyperlink><w:r><w:br/><w:t>next line</w:t></w:r></w:p>"
        "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p><w:r><w:t>page two</w:t></w:r></w:p>"
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1500\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"1500\"/></w:tblGrid>"
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p><w:p><w:r><w:t>D2</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>F</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl></w:body></w:document>",
        NULL,
    };
    od_doc d;
    pp_err e;
    pp_err_clear(&e);
    int rc = od_load(mkzip("a.docx", docx), OD_DOCX, &d, &e);
    CHECK(rc == PP_OK, "a DOCX loads: %s", e.msg);
    if (rc == PP_OK) {
        CHECK(d.kind == OD_DOCX, "kind docx");
        CHECK(d.nblocks == 6, "five paragraphs and a table (got %zu blocks)", d.nblocks);
        const od_para *p = &d.blocks[0].para;
        CHECK_STR(run_text(p, 0), "Sè 1", "run text kept as stored");
        CHECK_STR(run_font(p, 0), ".VnTime", "font from the paragraph style's basedOn chain");
        CHECK_STR(run_font(p, 1), "VNI-Times", "a run's own rFonts wins");
        CHECK_STR(run_text(p, 1), " Ñoà", "xml:space preserve keeps the space");
        p = &d.blocks[1].para;
        CHECK(p->nruns == 2 && !strcmp(run_text(p, 1), " link"), "hyperlink text kept, deleted text left out");
        CHECK_STR(run_font(p, 0), "Arial", "no style: the document default font");
        CHECK_STR(run_text(&d.blocks[2].para, 0), "next line", "a line break starts a new paragraph");
        CHECK(d.blocks[3].para.page_break && d.blocks[4].para.nruns, "a page break marks the paragraph after it, without an empty line");
        const od_table *t = d.blocks[5].table;
        CHECK(t && t->nrows == 3 && t->ncols == 3, "table 3x3");
        if (t && t->ncells == 6) {
            CHECK(t->cells[0].colspan == 2 && t->cells[0].col == 0, "gridSpan 2");
            CHECK(t->cells[1].col == 2 && t->cells[1].row == 0, "B at (0,2)");
            CHECK(t->cells[2].rowspan == 2 && t->cells[2].row == 1, "vMerge restart + continue: rowspan 2");
            CHECK(t->cells[3].nparas == 2, "a cell keeps its paragraphs");
            CHECK(t->cells[5].row == 2 && t->cells[5].col == 1 && t->cells[5].colspan == 2, "F at (2,1) spanning 2");
            CHECK(t->colw[1] == 3000, "grid widths kept");
        } else {
            CHECK(0, "six cells (got %zu)", t ? t->ncells : 0);
        }
        od_free(&d);
    }

    static const char *const numbered[] = {
        "[Content_Types].xml", TYPES,
        "word/numbering.xml",
        "<w:numbering " W "><w:abstractNum w:abstractNumId=\"5\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%3)\"/></w:lvl>"
        "</w:abstractNum><w:abstractNum w:abstractNumId=\"6\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"5\"/></w:num><w:num w:numId=\"4\"><w:abstractNumId w:val=\"6\"/></w:num>"
        "</w:numbering>",
        "word/styles.xml",
        "<w:styles " W "><w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"4\"/></w:numPr>"
        "</w:pPr></w:style></w:styles>",
        "word/document.xml",
        "<w:document " W "><w:body>"
#define NP(l) "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #l "\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>t</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>s</w:t></w:r></w:p>"
        NP(0) NP(1) NP(1) NP(2) NP(2) NP(0) NP(1)
        "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>s</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>none</w:t></w:r></w:p>"
#undef NP
        "</w:body></w:document>",
        NULL,
    };
    pp_err_clear(&e);
    rc = od_load(mkzip("n.docx", numbered), OD_DOCX, &d, &e);
    CHECK(rc == PP_OK, "a numbered DOCX loads: %s", e.msg);
    if (rc == PP_OK) {
        static const char *const want[] = { "I. ", "1. ", "1.1. ", "1.2. ", "a) ", "b) ", "2. ", "2.1. ", "II. ", "none" };
        int all = d.nblocks == 10;
        for (size_t i = 0; all && i < 10; i++)
            all = !strcmp(run_text(&d.blocks[i].para, 0), want[i]);
        CHECK(all, "automatic numbering: levels, restarts, letters, a style's roman list, numId 0 none (%zu blocks, "
                   "5th '%s')", d.nblocks, d.nblocks > 4 ? run_text(&d.blocks[4].para, 0) : "");
        od_free(&d);
    }

    static const char *const sdt[] = {
        "[Content_Types].xml", TYPES, "word/document.xml",
        "<w:document " W "><w:body><w:tbl>"
#define TR(x) "<w:tr><w:tc><w:p><w:r><w:t>" x "</w:t></w:r></w:p></w:tc></w:tr>"
        TR("A") "<w:sdt><w:sdtContent>" TR("B") "</w:sdtContent></w:sdt>"
        "<w:sdt><w:sdtContent>" TR("C") "</w:sdtContent></w:sdt>" TR("D")
#undef TR
        "</w:tbl></w:body></w:document>",
        NULL,
    };
    pp_err_clear(&e);
    rc = od_load(mkzip("sdt.docx", sdt), OD_DOCX, &d, &e);
    CHECK(rc == PP_OK && d.nblocks == 1 && d.blocks[0].table && d.blocks[0].table->nrows == 4 &&
              !strcmp(run_text(&d.blocks[0].table->cells[1].paras[0], 0), "B") &&
              !strcmp(run_text(&d.blocks[0].table->cells[2].paras[0], 0), "C"),
          "rows inside content controls read in order: %s", e.msg);
    if (rc == PP_OK)
        od_free(&d);

    static const char *const bomb[] = { "[Content_Types].xml", TYPES, "word/document.xml", "@ZEROS", NULL };
    pp_err_clear(&e);
    CHECK(od_load(mkzip("bomb.docx", bomb), OD_DOCX, &d, &e) == PP_EXIT_NOMEM && strstr(e.msg, "bomb.docx: part word/document.xml"),
          "a part inflating 2 MiB at a ratio over 100 is refused before inflating: %s", e.msg);

    static const char *const macro[] = { "[Content_Types].xml", TYPES, "word/document.xml",
                                         "<w:document " W "><w:body/></w:document>", "word/vbaProject.bin", "x", NULL };
    pp_err_clear(&e);
    CHECK(od_load(mkzip("m.docx", macro), OD_DOCX, &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "macros"),
          "vbaProject.bin refused: %s", e.msg);

    static const char *const ext[] = {
        "[Content_Types].xml", TYPES, "word/document.xml", "<w:document " W "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>",
        "word/_rels/document.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
        "Target=\"http://example.invalid/\" TargetMode=\"External\"/>"
        "<Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject\" "
        "Target=\"file:///c:/x.xls\" TargetMode=\"External\"/></Relationships>",
        NULL,
    };
    pp_err_clear(&e);
    CHECK(od_load(mkzip("e.docx", ext), OD_DOCX, &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "oleObject"),
          "an external OLE object is refused (a hyperlink alone is not): %s", e.msg);

    static const char *const dde[] = {
        "[Content_Types].xml", TYPES, "word/document.xml",
        "<w:document " W "><w:body><w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DDEAUTO "
        "c:\\windows\\system32\\cmd.exe \"/k calc\"</w:instrText></w:r><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>",
        NULL,
    };
    pp_err_clear(&e);
    CHECK(od_load(mkzip("dde.docx", dde), OD_DOCX, &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "field (DDEAUTO"),
          "a DDEAUTO field is refused: %s", e.msg);
    static const char *const dtd[] = { "[Content_Types].xml", TYPES, "word/document.xml",
                                       "<!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document " W "><w:body/></w:document>", NULL };
    pp_err_clear(&e);
    CHECK(od_load(mkzip("d.docx", dtd), OD_DOCX, &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "DOCTYPE"),
          "a DOCTYPE is refused: %s", e.msg);

    static const char *const odt[] = {
        "mimetype", "application/vnd.oasis.opendocument.text",
        "content.xml",
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\">"
        "<office:font-face-decls><style:font-face style:name=\"VnT\" svg:font-family=\"'.VnTime'\"/></office:font-face-decls>"
        "<office:automatic-styles><style:style style:name=\"T1\" style:family=\"text\">"
        "<style:text-properties style:font-name=\"VnT\"/></style:style>"
        "<text:list-style style:name=\"L\"><text:list-level-style-number text:level=\"1\" style:num-format=\"I\" "
        "style:num-suffix=\".\"/><text:list-level-style-number text:level=\"2\" style:num-format=\"1\" "
        "style:num-suffix=\".\" text:display-levels=\"2\"/></text:list-style></office:automatic-styles>"
        "<office:body><office:text><text:p>a<text:s text:c=\"2\"/>b <text:span text:style-name=\"T1\">Sè</text:span></text:p>"
        "<table:table><table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>G</text:p>"
        "</table:table-cell><table:covered-table-cell/></table:table-row>"
        "<table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>X</text:p></table:table-cell>"
        "<table:table-cell><text:p>Y</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:covered-table-cell/><table:table-cell><text:p>Z</text:p></table:table-cell></table:table-row>"
        "</table:table>"
        "<text:list text:style-name=\"L\"><text:list-item><text:p>s</text:p><text:list><text:list-item><text:p>t</text:p>"
        "</text:list-item><text:list-item><text:p>t</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>s</text:p></text:list-item></text:list>"
        "<text:list text:style-name=\"L\"><text:list-item><text:p>s</text:p></text:list-item></text:list>"
        "</office:text></office:body></office:document-content>",
        NULL,
    };
    pp_err_clear(&e);
    rc = od_load(mkzip("a.odt", odt), OD_DOCX, &d, &e);
    CHECK(rc == PP_OK && d.kind == OD_ODT, "an ODT is told from a DOCX by its mimetype: %s", e.msg);
    if (rc == PP_OK) {
        const od_para *p = &d.blocks[0].para;
        CHECK(p->nruns == 5 && !strcmp(run_text(p, 4), "Sè") && !strcmp(run_font(p, 4), ".VnTime"),
              "text:s spaces and a span's font through its font face (%zu runs)", p->nruns);
        const od_table *t = d.nblocks > 1 ? d.blocks[1].table : NULL;
        CHECK(t && t->nrows == 3 && t->ncols == 2 && t->ncells == 4, "ODT table 3x2 with 4 cells");
        if (t && t->ncells == 4) {
            CHECK(t->cells[0].colspan == 2, "columns spanned");
            CHECK(t->cells[1].rowspan == 2, "rows spanned");
            CHECK(t->cells[3].row == 2 && t->cells[3].col == 1, "a covered cell moves the next one along");
        }
        static const char *const want[] = { "I. ", "I.1. ", "I.2. ", "II. ", "I. " };
        int all = d.nblocks == 7;
        for (size_t i = 0; all && i < 5; i++)
            all = !strcmp(run_text(&d.blocks[2 + i].para, 0), want[i]);
        CHECK(all, "ODT list numbers from the list style: levels, display-levels, a new list restarts (%zu blocks)",
              d.nblocks);
        od_free(&d);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return check_done();
}
