# Dixian build.  `make` builds ./dixian; `make test` runs every test (installing
# Debian packages first through `make deps`); `make bench` runs the benchmarks.
# SANITIZE=1 builds everything with ASan + UBSan (what .ci/run uses).

CC      ?= cc
PKGS    := sqlite3 libcjson libzip expat xlsxwriter libsodium libmicrohttpd libpq
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow \
           -Wno-unused-parameter
DEFS    := -D_GNU_SOURCE
INCS    := -Isrc
# libpq is compiled against but not linked: src/store/store_pg_load.c loads
# it when the PostgreSQL driver is first used (a SQLite process never maps it)
LIBS     = $(shell pkg-config --libs $(filter-out libpq,$(PKGS)) 2>/dev/null) -lcsv -lm
PKGCF    = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
BUILD   := build
Q       := @
ifeq ($(V),1)
  Q     :=
endif
ifeq ($(SANITIZE),1)
  CFLAGS  := -O1 -g -fno-omit-frame-pointer
  SANFL   := -fsanitize=address,undefined -fno-sanitize-recover=all
  BUILD   := build-san
endif
# FUZZ=1 (used by `make fuzz`): clang's libFuzzer with ASan + UBSan, the
# library instrumented for coverage
ifeq ($(FUZZ),1)
  CC      := clang-14
  CFLAGS  := -O1 -g -fno-omit-frame-pointer
  SANFL   := -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all
  BUILD   := build-fuzz
endif
ALLCF    = $(CFLAGS) $(WARN) $(DEFS) $(INCS) $(PKGCF) $(SANFL)

LIB_SRC  := $(sort $(shell find src -name '*.c' ! -path 'src/cli/*'))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIBA     := $(BUILD)/libdixian.a
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: all deps test unit fuzz fuzz-run fuzz-replay clitest clitest-pg httptest httptest-pg bench-province nationtest bench-nation pgsql pgtest web webcheck browsertest bench demo clean format FORCE
all: dixian

deps:
	@sh scripts/deps.sh build

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALLCF) -MMD -MP -c $< -o $@

# the API document, compiled in (route_openapi.c): bytes as a C array
GEN_OBJ  := $(BUILD)/gen/openapi_json.o
$(BUILD)/gen/openapi_json.c: src/http/openapi.json
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q){ echo '/* generated from src/http/openapi.json by the Makefile: do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo 'extern const char dx_openapi_json[];'; \
	  echo 'extern const size_t dx_openapi_json_len;'; \
	  echo 'const char dx_openapi_json[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0};'; \
	  echo 'const size_t dx_openapi_json_len = sizeof(dx_openapi_json) - 1;'; } >$@.tmp && mv $@.tmp $@

$(GEN_OBJ): $(BUILD)/gen/openapi_json.c
	@echo "  CC      $<"
	$(Q)$(CC) $(ALLCF) -c $< -o $@

# The web UI (web/, Vue + Vite): `npm ci` when the lockfile changes, `vite
# build` when a source changes, then web/dist carried inside the binary
# (route_static.c) through a generated C file (web/embed.sh).  Needs Node.js
# and npm (`make deps`).
WEB_SRC  := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
            web/vite.config.ts web/tsconfig.json web/package.json
WEB_OBJ  := $(BUILD)/gen/webfiles.o

web/node_modules/.dixian-stamp: web/package-lock.json
	@echo "  NPM     ci (web)"
	$(Q)cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

web/dist/index.html: $(WEB_SRC) web/node_modules/.dixian-stamp
	@echo "  VITE    web/dist"
	$(Q)cd web && ./node_modules/.bin/vite build --logLevel error
	@touch $@

web: web/dist/index.html

$(BUILD)/gen/webfiles.c: web/dist/index.html web/embed.sh
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)sh web/embed.sh web/dist $(BUILD)/gen/web $@

$(WEB_OBJ): $(BUILD)/gen/webfiles.c src/http/webfiles.h
	@echo "  CC      $<"
	$(Q)$(CC) $(ALLCF) -c $< -o $@

# type check and lint of the web UI, again only when a source changed
web/.stamp-check: $(WEB_SRC) web/eslint.config.js web/node_modules/.dixian-stamp
	@echo "  CHECK   web (vue-tsc, eslint)"
	$(Q)cd web && ./node_modules/.bin/vue-tsc --noEmit -p tsconfig.json && \
	  ./node_modules/.bin/eslint --max-warnings 0 src
	@touch $@

webcheck: web/.stamp-check

$(LIBA): $(LIB_OBJ) $(GEN_OBJ) $(WEB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/dixian: $(CLI_OBJ) $(LIBA)
	@echo "  LINK    $@"
	$(Q)$(CC) $(SANFL) -o $@ $(CLI_OBJ) $(LIBA) $(LIBS)

# copy then rename, so a running ./dixian is replaced, not overwritten; and
# whenever it differs from this build's, so that `make` after `make test
# SANITIZE=1` gives back the optimised binary (a date check would keep the
# sanitizer build, newer than build/dixian, and benchmarks would time it)
dixian: $(BUILD)/dixian FORCE
	@cmp -s $< $@ || { cp $< $@.tmp && mv -f $@.tmp $@; }

FORCE:

$(BUILD)/tests/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ALLCF) -o $@ $< $(LIBA) $(LIBS) -lcmocka

$(BUILD)/fuzz/%: fuzz/%.c fuzz/replay.c fuzz/fuzz_common.h $(LIBA)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(ALLCF) -o $@ $< fuzz/replay.c $(LIBA) $(LIBS)

# the same targets linked with libFuzzer (FUZZ=1 builds)
$(BUILD)/libfuzz/%: fuzz/%.c fuzz/fuzz_common.h $(LIBA)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(ALLCF) -fsanitize=fuzzer -o $@ $< $(LIBA) $(LIBS)

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; exit $$fail

fuzz-replay: $(FUZZ_BIN)
	@fail=0; for f in $(FUZZ_BIN); do n=$$(basename $$f); \
	  $$f fuzz/corpus/$${n#fuzz_} || fail=1; done; exit $$fail

# Long fuzzing (not in `make test`): every target for its stated number of
# executions (fuzz/run.sh; FUZZ_RUNS=N to change it, FUZZ_TARGETS="fuzz_zip"
# for some), new coverage merged into fuzz/corpus/
fuzz:
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-run

fuzz-run: $(FUZZ_SRC:fuzz/%.c=$(BUILD)/libfuzz/%)
	@sh fuzz/run.sh $(BUILD) $(FUZZ_TARGETS)

clitest: dixian
	@sh tests/cli/run.sh

httptest: dixian
	@sh tests/http/run.sh


browsertest: dixian web/node_modules/.dixian-stamp
	@sh tests/browser/run.sh

# the entity modules' SQL through PostgreSQL 15's PREPARE against the
# PostgreSQL schema, and that schema against SQLite's (throwaway
# clusters; tests/store/pg_sql.sh, pg_schema_check.sh)
pgsql: dixian
	@CC="$(CC)" sh tests/store/pg_sql.sh
	@CC="$(CC)" sh tests/store/pg_schema_check.sh

# every CLI test on PostgreSQL stores (issue 16): one throwaway cluster,
# a database per store (tests/cli/lib.sh); tests about SQLite files say
# what they skip.
clitest-pg: dixian
	@sh tests/store/pg_run.sh env DIXIAN_TEST_PG=1 sh tests/cli/run.sh

# `dixian serve` on a PostgreSQL store, in throwaway clusters: its pool,
# logins, reads and writes from many clients at once (tests/http/pg.sh),
# and the kill -9 tests of tests/http/test_faults.py (issue 13's crash
# loop, tests/http/run_pg.sh)
httptest-pg: dixian
	@sh tests/store/pg_run.sh sh tests/http/pg.sh
	@sh tests/store/pg_run.sh sh tests/http/run_pg.sh

# the store contract suite and the PostgreSQL driver's cases against the
# PostgreSQL driver, in a throwaway cluster (tests/store/pg_test.sh)
PG_TESTS := $(BUILD)/tests/test_store_contract $(BUILD)/tests/test_store_pg \
            $(BUILD)/tests/test_store_pool
pgtest: $(PG_TESTS)
	@sh tests/store/pg_run.sh sh tests/store/pg_test.sh $(PG_TESTS)

# the nation across servers (issue 17): three throwaway clusters
nationtest: dixian
	@CC="$(CC)" sh tests/nation/run.sh

test:
	@sh scripts/deps.sh test
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory fuzz-replay
	@$(MAKE) --no-print-directory clitest
	@$(MAKE) --no-print-directory httptest
	@$(MAKE) --no-print-directory pgsql
	@$(MAKE) --no-print-directory pgtest
	@$(MAKE) --no-print-directory clitest-pg
	@$(MAKE) --no-print-directory httptest-pg
	@$(MAKE) --no-print-directory nationtest
	@$(MAKE) --no-print-directory webcheck
	@$(MAKE) --no-print-directory browsertest

# the nation bench (issue 17): 3 shards behind a coordinator against one
# PostgreSQL (DIXIAN_BENCH_NATION_HH households per shard)
bench-nation: dixian
	@mkdir -p bench/out
	@cd bench/out && DIXIAN_BENCH_NATION=1 DIXIAN="$(CURDIR)/dixian" TOP="$(CURDIR)" sh ../b_nation.sh

bench:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh

# Province scale on PostgreSQL (issue 16; long, not in `make bench`):
# PROVINCE_COUNTIES=N PROVINCE_HOUSEHOLDS=H to size it (bench/b_province.sh)
bench-province:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@mkdir -p bench/out && cd bench/out && DIXIAN="$(CURDIR)/dixian" TOP="$(CURDIR)" \
		DIXIAN_BENCH_PROVINCE=1 sh "$(CURDIR)/bench/b_province.sh"

# The README's first command: build, make a demo county with an account
# and password at each level, and serve it until Ctrl-C.
demo:
	@sh scripts/deps.sh build
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

clean:
	rm -rf build build-san dixian web/dist web/.stamp-check

format:
	clang-format -i $$(find src tests fuzz -name '*.[ch]')

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
