# factum — build, test, run. `make` builds build/factum and build/libfactum.a.
# `make check` runs the suite twice: a normal build and an ASan+UBSan build.
# `make run` installs what is missing, builds, codes the samples and serves them.

CC      ?= cc
SANITIZE ?= 0
O       ?= build
ifeq ($(SANITIZE),1)
O       := build-asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT     := -O1 -g
else
SANFLAGS :=
OPT     ?= -O2 -g
endif

PKGS    := sqlite3 libpq libmicrohttpd libutf8proc zlib jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS  ?= $(OPT)
override CFLAGS += -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -pthread \
           -Iinclude -Isrc -I$(O)/gen $(PKG_CFLAGS) $(SANFLAGS) \
           -DFM_DATADIR='"$(CURDIR)/data"' -DFM_BUILDDIR='"$(CURDIR)/$(O)"'
override LDFLAGS += $(SANFLAGS) -pthread
LDLIBS  += $(PKG_LIBS) -lm

RE_SRC  := $(wildcard src/*.re)
RE_GEN  := $(patsubst src/%.re,$(O)/gen/%.c,$(RE_SRC))
LIB_SRC := $(filter-out src/main.c src/cli%.c,$(wildcard src/*.c))
CLI_OBJ := $(patsubst src/%.c,$(O)/obj/%.o,src/main.c $(wildcard src/cli*.c))
LIB_OBJ := $(patsubst src/%.c,$(O)/obj/%.o,$(LIB_SRC)) $(patsubst $(O)/gen/%.c,$(O)/obj/%.o,$(RE_GEN))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(O)/tests/%,$(UNIT_SRC))

.PHONY: all check check-one run bench fuzz clean deps data
all: $(O)/factum $(O)/libfactum.a data

$(O)/gen/%.c: src/%.re
	@mkdir -p $(dir $@)
	re2c -W --no-generation-date -o $@ $<

$(O)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/obj/%.o: $(O)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/libfactum.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(O)/factum: $(CLI_OBJ) $(O)/libfactum.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libfactum.a tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(O)/libfactum.a $(LDFLAGS) $(LDLIBS)

# build-time data (gazetteer etc.); each generator adds itself as a prerequisite
data:

check-one: all $(UNIT_BIN)
	@FACTUM_BUILD=$(O) bash tests/run.sh

check:
	@$(MAKE) --no-print-directory check-one > $(O).check.log 2>&1; s1=$$?; \
	 grep -E '^(ok|not ok|#)' $(O).check.log | grep -v '^ok' ; tail -n 1 $(O).check.log; \
	 $(MAKE) --no-print-directory check-one SANITIZE=1 > build-asan.check.log 2>&1; s2=$$?; \
	 grep -E '^(not ok|#)' build-asan.check.log ; tail -n 1 build-asan.check.log; \
	 bash tests/total.sh $(O).check.log build-asan.check.log; \
	 test $$s1 = 0 -a $$s2 = 0

run: deps all
	bash tools/run.sh

deps:
	bash tools/deps.sh

clean:
	rm -rf build build-asan build.check.log build-asan.check.log

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
# build-time data rules owned by one subsystem each (gazetteer, ...)
-include mk/*.mk
