# mk/lm.mk — the diacritics restoration model of parplan-normalize (docs/normalize.md).
#
# The general corpus is the Vietnamese text of Debian packages (tools/lm-corpus.sh: libreoffice-help-vi,
# maint-guide-vi, manpages-vi, and the vi .mo catalogues of a fixed package list), the vocabulary adds
# hunspell-vi's syllables, and rules/corpus/*.txt is in-domain administrative text counted LM_WEIGHT times.
# The model is a trigram with interpolated modified Kneser-Ney smoothing (tools/lmbuild.c).  tools/lmbuild (built by the tools rule) writes
# $(BUILD)/lm/vi.lm, which bin/parplan-normalize finds beside the build (or through $PARPLAN_LM).

LM_MODEL  := $(BUILD)/lm/vi.lm
LM_CORPUS := $(BUILD)/lm/corpus.txt
LM_DICT   := $(wildcard /usr/share/hunspell/vi_VN.dic)
LM_DOMAIN := $(sort $(wildcard rules/corpus/*.txt))
# How many times each in-domain file counts (lmbuild -w; docs/normalize.md, "Figures").  5 is the
# smallest weight that keeps every in-domain n-gram out of the counts of counts 1-4 the Kneser-Ney
# discounts are estimated from (3 and 4 drive a discount to its 0.05 floor); 20 was the weight when
# rules/corpus held 31 KB.
LM_WEIGHT := 5

.PHONY: lm
all: $(LM_MODEL)
lm: $(LM_MODEL)

$(LM_CORPUS): tools/lm-corpus.sh
	@mkdir -p $(@D)
	tools/lm-corpus.sh > $@.tmp && mv $@.tmp $@

# The builder is order-only: relinking it because some other library file changed must not rebuild the
# model; its own source, the model format (lm.[ch]) and this file (the weight) do.
$(LM_MODEL): tools/lmbuild.c src/lib/text/lm.c src/lib/text/lm.h mk/lm.mk $(LM_CORPUS) $(LM_DOMAIN) $(LM_DICT) | $(BUILD)/tools/lmbuild
	@mkdir -p $(@D)
	$(BUILD)/tools/lmbuild -o $@.tmp -w $(LM_WEIGHT) $(addprefix -d ,$(LM_DICT)) $(addprefix -W ,$(LM_DOMAIN)) $(LM_CORPUS)
	@mv $@.tmp $@
