# parplan — build, run, test, bench.
#
#   make          build bin/ (library + every stage program)
#   make run      install missing Debian packages, build, run the pipeline on samples/ into out/parplan.db
#   make test     install missing Debian packages, build, run every test (tests/run.sh)
#   make bench    OCR speed and accuracy next to the tesseract CLI and OCRmyPDF (tools/bench.sh)
#   make eval     extraction accuracy on every document with a gold file, one table (tools/eval.sh)
#   make sanitize the whole test suite built with ASan+UBSan
#   make valgrind the unit and end-to-end tests under valgrind memcheck
#   make torture  fault injection: every stage with its N-th allocation or database I/O failing (tests/torture.sh)
#   make install  programs, rules, model and man pages under $(DESTDIR)$(PREFIX) (default /usr/local)
#
# Variants build into their own directories so a sanitizer build never mixes objects with a normal one.

CC       ?= cc
BUILD    ?= build/release
BIN      ?= bin
OPT      ?= -O2 -g
PKGS     := tesseract lept libpcre2-8 sqlite3 libutf8proc poppler-glib cairo libcrypto jansson libmicrohttpd libzip libxml-2.0
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS   += -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -Isrc/lib $(EXTRA_CFLAGS)
# pkg-config name -> the Debian package that provides it, for the message when one is missing.
PKG_DEB  := tesseract:libtesseract-dev lept:libleptonica-dev libpcre2-8:libpcre2-dev sqlite3:libsqlite3-dev \
            libutf8proc:libutf8proc-dev poppler-glib:libpoppler-glib-dev cairo:libcairo2-dev \
            libcrypto:libssl-dev jansson:libjansson-dev libmicrohttpd:libmicrohttpd-dev libzip:libzip-dev \
            libxml-2.0:libxml2-dev
PKG_MISSING := $(foreach p,$(PKGS),$(if $(shell pkg-config --exists $(p) 2>/dev/null && echo y),,$(p)))
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS   += $(PKG_LIBS) -lpthread -lm $(EXTRA_LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/lib/*/*.c))
LIB_OBJ  := $(LIB_SRC:src/lib/%.c=$(BUILD)/lib/%.o)
LIB      := $(BUILD)/libparplan.a
STAGES   := parplan parplan-ocr parplan-normalize parplan-extract parplan-records parplan-audit
PROGS    := $(STAGES:%=$(BIN)/%)
TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOLS    := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
# Unit tests mirror the library: tests/unit/<folder>/test_<file>.c tests src/lib/<folder>/<file>.c.
UNIT_SRC := $(sort $(wildcard tests/unit/*/test_*.c))
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
# Fuzz targets built with a plain main over files: the regression runs in `make test`.
FUZZ_RUN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

DB       ?= out/parplan.db
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps run test bench eval sanitize valgrind torture clean units tools fuzz check-layers pkgcheck man install \
        uninstall
.DEFAULT_GOAL := all
# Keep object files of programs between builds (they are intermediates of pattern rules).
.SECONDARY:
# Quiet build lines unless V=1.
Q := $(if $(V),,@)
ECHO = $(if $(V),@true,@echo)

all: pkgcheck $(PROGS) $(TOOLS) $(UNITS) $(FUZZ_RUN)

# A library pkg-config cannot find stops the build with the Debian package to install, instead of a
# compiler error about a missing header.
pkgcheck:
ifneq ($(strip $(PKG_MISSING)),)
	@for p in $(PKG_MISSING); do \
	    deb=$$(for m in $(PKG_DEB); do [ "$${m%%:*}" = "$$p" ] && echo "$${m#*:}"; done); \
	    echo "build: pkg-config does not find $$p: install the Debian package $${deb:-that provides $$p.pc}" >&2; \
	done; echo "build: or run 'make deps' (as root it installs them)" >&2; exit 1
endif

# The layer rule of docs/architecture.md (folders, includes, no cycles, file size, header comments).
check-layers:
	@tools/check-layers.sh

deps:
	@tools/deps.sh

$(BUILD)/lib/%.o: src/lib/%.c
	@mkdir -p $(@D)
	$(ECHO) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

# src/<stage>.c holds the main of bin/parplan-<stage>; src/parplan.c the driver.
$(BUILD)/main/%.o: src/%.c
	@mkdir -p $(@D)
	$(ECHO) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -c -o $@ $<

$(BIN)/parplan: $(BUILD)/main/parplan.o $(LIB)
	@mkdir -p $(@D)
	$(ECHO) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/parplan-%: $(BUILD)/main/%.o $(LIB)
	@mkdir -p $(@D)
	$(ECHO) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tools/%: tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(ECHO) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MF $@.d -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(LIB)
	@mkdir -p $(@D)
	$(ECHO) "  TEST    $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MF $@.d -Itests/unit -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/standalone.c $(LIB)
	@mkdir -p $(@D)
	$(ECHO) "  FUZZ    $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< tests/fuzz/standalone.c $(LIB) $(LDLIBS)

units: $(UNITS)
tools: $(TOOLS)

run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(dir $(DB))
	$(BIN)/parplan run --audit --db $(DB) -j $(JOBS) samples/
	@echo "results: database $(DB), records $(DB:.db=).records.jsonl, report $(DB:.db=).audit/index.html"

test: deps
	@$(MAKE) --no-print-directory all
	@tools/check-layers.sh
	PARPLAN_BIN=$(BIN) PARPLAN_BUILD=$(BUILD) tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	PARPLAN_BIN=$(BIN) PARPLAN_BUILD=$(BUILD) tools/bench.sh

eval: deps
	@$(MAKE) --no-print-directory all
	@PARPLAN_BIN=$(BIN) PARPLAN_BUILD=$(BUILD) JOBS=$(JOBS) tools/eval.sh

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
sanitize: deps
	@$(MAKE) --no-print-directory all BUILD=build/san BIN=build/san/bin OPT="-O1 -g" \
	    EXTRA_CFLAGS="$(SAN_FLAGS)" EXTRA_LDFLAGS="$(SAN_FLAGS)"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1 PARPLAN_SANITIZE=1 \
	    PARPLAN_BIN=build/san/bin PARPLAN_BUILD=build/san tests/run.sh

# Fault injection, SQLite-style (core/fault.h): the programs built with -DPP_FAULT and ASan+UBSan into
# build/torture, then tests/torture.sh runs a small job of each stage once per N with the N-th allocation,
# I/O error, full disk or lock refusal, and checks the exit code, the sanitizers and the database.  Only
# the programs are built (the unit tests and the model come from the release build).
TORTURE := build/torture
torture: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(STAGES:%=$(TORTURE)/bin/%) BUILD=$(TORTURE) BIN=$(TORTURE)/bin OPT="-O1 -g" \
	    EXTRA_CFLAGS="$(SAN_FLAGS) -DPP_FAULT" EXTRA_LDFLAGS="$(SAN_FLAGS)"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1 PARPLAN_LM=$(CURDIR)/$(LM_MODEL) \
	    PARPLAN_BIN=$(TORTURE)/bin tests/torture.sh

valgrind: deps
	@$(MAKE) --no-print-directory all
	PARPLAN_VALGRIND=1 PARPLAN_BIN=$(BIN) PARPLAN_BUILD=$(BUILD) tests/run.sh

# libFuzzer builds (clang) into build/fuzz; `make fuzz FUZZ_SECONDS=600` runs every target that long,
# seeded from samples/ and tests/; crashes are written to tests/fuzz/regress/<target>/ for the regression run.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz: deps
	@$(MAKE) --no-print-directory build/fuzz/libparplan.a BUILD=build/fuzz CC=clang OPT="-O1 -g" \
	    EXTRA_CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link"
	@mkdir -p build/fuzz/bin
	@for f in $(FUZZ_SRC); do t=$$(basename $$f .c); \
	    clang $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o build/fuzz/bin/$$t $$f \
	        build/fuzz/libparplan.a $(LDLIBS) || exit 1; done
	tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Man pages: written from each program's --help (tools/mkman.sh), the one source of both.
MANS := $(STAGES:%=$(BUILD)/man/%.1)
man: $(MANS)
$(BUILD)/man/%.1: $(BIN)/% tools/mkman.sh
	@mkdir -p $(@D)
	$(ECHO) "  MAN     $@"
	$(Q)tools/mkman.sh $< > $@.tmp && mv $@.tmp $@

# make install [PREFIX=/usr/local] [DESTDIR=]: PREFIX/bin/parplan*, PREFIX/share/parplan/{rules,vi.lm},
# PREFIX/share/man/man1/*.1.  The programs find the rules and the model relative to where they are
# (BINDIR/../share/parplan), so the tree can be moved or packaged with DESTDIR.
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL_SHARE := $(DESTDIR)$(PREFIX)/share/parplan
install: all man
	install -d $(DESTDIR)$(PREFIX)/bin $(INSTALL_SHARE) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	rm -rf $(INSTALL_SHARE)/rules && cp -R rules $(INSTALL_SHARE)/rules && chmod -R a+rX $(INSTALL_SHARE)/rules
	install -m 644 $(LM_MODEL) $(INSTALL_SHARE)/vi.lm
	install -m 644 $(MANS) $(DESTDIR)$(PREFIX)/share/man/man1/

uninstall:
	rm -f $(STAGES:%=$(DESTDIR)$(PREFIX)/bin/%) $(STAGES:%=$(DESTDIR)$(PREFIX)/share/man/man1/%.1)
	rm -rf $(INSTALL_SHARE)

clean:
	rm -rf build bin

include mk/lm.mk

# Header dependencies, written by the compiler (-MMD) beside each object and program.
-include $(LIB_OBJ:.o=.d) $(wildcard $(BUILD)/main/*.d) $(TOOLS:=.d) $(UNITS:=.d)
