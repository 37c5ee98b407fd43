# mk/fuzz.mk — libFuzzer harnesses (tests/fuzz/fuzz_*.c) built with clang, ASan
# and UBSan into build-fuzz/, apart from the gcc builds. `make fuzz` runs each
# for FUZZ_SECONDS (default 300); `make fuzz-smoke` for 8 s (tests/t_fuzz.sh).
FUZZ_O       := build-fuzz
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# No -Werror: clang warns where gcc does not, and others' files must not break
# the fuzz build over a warning; gcc's -Werror build guards those.
FUZZ_CFLAGS  := -O1 -g -std=gnu11 -Wall -Wno-unused-parameter -pthread $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
                -Iinclude -Isrc -I$(FUZZ_O)/gen $(PKG_CFLAGS) \
                -DFM_DATADIR='"$(CURDIR)/data"' -DFM_BUILDDIR='"$(CURDIR)/build"'
FUZZ_LIB_OBJ := $(patsubst src/%.c,$(FUZZ_O)/obj/%.o,$(LIB_SRC)) $(patsubst src/%.re,$(FUZZ_O)/obj/%.o,$(RE_SRC))

# harness name -> source and defines
FUZZ_HARNESSES := reader_text reader_jsonl reader_petrarch reader_tabari reader_gzip \
                  dict_verbs dict_actors dict_any time geo coder http_query http_body
fuzz_src_reader_text     := fuzz_reader.c -DFUZZ_FORMAT=FM_FORMAT_TEXT
fuzz_src_reader_jsonl    := fuzz_reader.c -DFUZZ_FORMAT=FM_FORMAT_JSONL
fuzz_src_reader_petrarch := fuzz_reader.c -DFUZZ_FORMAT=FM_FORMAT_PETRARCH
fuzz_src_reader_tabari   := fuzz_reader.c -DFUZZ_FORMAT=FM_FORMAT_TABARI
fuzz_src_reader_gzip     := fuzz_reader.c -DFUZZ_GZIP=1
fuzz_src_dict_verbs      := fuzz_dict.c -DFUZZ_DICT_NAME='"fuzz.verbs"'
fuzz_src_dict_actors     := fuzz_dict.c -DFUZZ_DICT_NAME='"fuzz.actors"'
fuzz_src_dict_any        := fuzz_dict.c
fuzz_src_time            := fuzz_time.c
fuzz_src_geo             := fuzz_geo.c
fuzz_src_coder           := fuzz_coder.c
fuzz_src_http_query      := fuzz_http.c
fuzz_src_http_body       := fuzz_http.c -DFUZZ_HTTP_BODY=1
FUZZ_BINS := $(patsubst %,$(FUZZ_O)/fuzz_%,$(FUZZ_HARNESSES))

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(FUZZ_BINS)

$(FUZZ_O)/gen/%.c: src/%.re
	@mkdir -p $(dir $@)
	re2c -W --no-generation-date -o $@ $<

$(FUZZ_O)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_O)/obj/%.o: $(FUZZ_O)/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_O)/libfactum-fuzz.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

.SECONDEXPANSION:
$(FUZZ_O)/fuzz_%: tests/fuzz/$$(firstword $$(fuzz_src_$$*)) tests/fuzz/fuzz_common.h $(FUZZ_O)/libfactum-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(wordlist 2,9,$(fuzz_src_$*)) -o $@ $< \
	    $(FUZZ_O)/libfactum-fuzz.a $(PKG_LIBS) -lm

FUZZ_SECONDS ?= 300
fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

fuzz-smoke: fuzz-build
	bash tests/fuzz/run.sh 8 $(FUZZ_HARNESSES)

-include $(FUZZ_LIB_OBJ:.o=.d)
