# calllog — build, test and install.
#
#   make            build ./calllog
#   make demo       install what is missing, build, run the demo journal
#   make check      install build and test dependencies, build, run the tests
#   make check-asan the tests against an AddressSanitizer/UBSan build
#   make install    PREFIX=/usr/local DESTDIR= honoured; make uninstall

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share
USERUNITDIR ?= $(PREFIX)/lib/systemd/user
DOCDIR   ?= $(PREFIX)/share/doc/calllog
# zsh's completion folder: site-functions, in zsh's fpath under /usr/local;
# Debian's zsh reads packaged completions from vendor-completions instead
# (debian/rules sets it).
ZSHDIR   ?= $(DATADIR)/zsh/site-functions
DESTDIR  ?=

CC       ?= cc
PKG_CONFIG ?= pkg-config
OBJDUMP  ?= objdump
BUILD    ?= build

CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wvla
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(SANITIZE)
ALL_CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DCALLLOG_VERSION='"$(VERSION)"' \
            -Iinclude -MMD -MP $(CPPFLAGS)
ALL_LDFLAGS = -Wl,--as-needed $(SANITIZE) $(LDFLAGS)

# pkg-config is asked only by the rules that need it, so `make deps` runs
# before the -dev packages exist; a package it cannot find stops the build
# there, named.  $(call pkg,--cflags,sqlite3)
pkg_missing = $(strip $(foreach p,$(1),$(if $(shell $(PKG_CONFIG) --exists $(p) \
              2>/dev/null && echo y),,$(p))))
pkg = $(if $(call pkg_missing,$(2)),$(error pkg-config cannot find \
      $(call pkg_missing,$(2)); run 'make deps', or install the development \
      files and pkg-config),$(shell $(PKG_CONFIG) $(1) $(2)))

# Each module is compiled with the flags of the libraries it uses and no
# others', so a GLib or libnotify include anywhere else does not build.
# <sqlite3.h> and <libical/ical.h> need no flags; tests/t0580-boundaries.sh
# guards those two.
MODULE_PKGS_config       = glib-2.0
MODULE_PKGS_notify       = libnotify
MODULE_PKGS_ical         = libical
MODULE_PKGS_ical_item    = libical
MODULE_PKGS_ical_item_read = libical
MODULE_PKGS_ical_item_lines = libical
MODULE_PKGS_ical_item_std = libical
MODULE_PKGS_ical_remind  = libical
MODULE_PKGS_ical_item_known = libical
MODULE_PKGS_ical_item_fields = libical
MODULE_PKGS_ical_item_out = libical
MODULE_PKGS_ical_kept    = libical
MODULE_PKGS_model        = uuid
MODULE_PKGS_cmd_call     = libedit
MODULE_PKGS_cmd_import   = jansson
MODULE_PKGS_import_check = jansson
MODULE_PKGS_import_value = jansson
MODULE_PKGS_import_file  = jansson
MODULE_PKGS_import_keys  = jansson
MODULE_PKGS_import_attach = jansson
MODULE_PKGS_sha256       = glib-2.0
MODULE_PKGS_mediatype    = libmagic
MODULE_PKGS_bundle       = libarchive
MODULE_PKGS_mailmsg      = gmime-3.0
MODULE_PKGS_mailmsg_part = gmime-3.0
module_pkgs = $(or $(MODULE_PKGS_$(1)),$(if $(filter store%,$(1)),sqlite3))
# Linked: libical and libnotify are opened with dlopen(3) by ical.c and
# notify.c, only by the commands that use them.
LINK_PKGS = sqlite3 glib-2.0 uuid jansson libedit libmagic libarchive gmime-3.0

# The sonames dlopen(3) asks for are those of the libraries this build
# finds (the SONAME of the lib*.so that -l would link), never guessed.
# $(call soname,PACKAGE,LIB)
soname = $(or $(shell $(OBJDUMP) -p \
         $(call pkg,--variable=libdir,$(1))/lib$(2).so 2>/dev/null | \
         sed -n 's/^ *SONAME *//p'),$(error cannot read the SONAME of \
         lib$(2).so in $(call pkg,--variable=libdir,$(1)); is $(OBJDUMP) \
         (binutils) installed?))
LIBNOTIFY_SONAME ?= $(call soname,libnotify,notify)
LIBICAL_SONAME   ?= $(call soname,libical,ical)
MODULE_DEFS_notify = -DLIBNOTIFY_SONAME='"$(LIBNOTIFY_SONAME)"'
MODULE_DEFS_ical   = -DLIBICAL_SONAME='"$(LIBICAL_SONAME)"'

module_cflags = $(if $(call module_pkgs,$(1)),$(call pkg,--cflags,$(call \
                module_pkgs,$(1)))) $(MODULE_DEFS_$(1))

SRCS     = $(wildcard src/*.c)
OBJS     = $(SRCS:src/%.c=$(BUILD)/%.o) $(BUILD)/migrations.o \
           $(BUILD)/directory_data.o
SCHEMA   = $(sort $(wildcard schema/[0-9][0-9][0-9]_*.sql))
PROG     = $(BUILD)/calllog

# Unit tests link the module they test and the few it needs.
UNIT_TESTS = when phone redact policy util term case_rules money orgmatch \
             layout directory syncrec purpose field ical_kept history_sql \
             args
UNIT_BINS  = $(UNIT_TESTS:%=$(BUILD)/tests/test_%)
UNIT_OBJS  = $(UNIT_BINS:=.o)
UNIT_DEPS  = $(BUILD)/util.o $(BUILD)/model.o $(BUILD)/term.o \
             $(BUILD)/xalloc.o $(BUILD)/fileio.o
SHELL_TESTS = $(sort $(wildcard tests/t[0-9]*.sh))

# prove runs TEST_JOBS test files at a time, one a core: each file has its
# own directory, journal, home, bus and server ports (tests/lib.sh), so
# none shares state with another.  The slowest start first, so that none
# is left running alone at the end; the rest follow in order, and a new
# file needs no line here.  make check TEST_JOBS=1 runs one at a time.
TEST_JOBS  ?= $(shell nproc 2>/dev/null || echo 1)
SLOW_TESTS  = tests/t0720-sync-kill.sh tests/t0722-sync-kill-both.sh \
              tests/t0721-sync-kill-read.sh tests/t0600-deb.sh \
              tests/t0590-field-doors.sh tests/t0730-sync-field-times.sh \
              tests/t0230-nothing-lost.sh tests/t0710-sync-devices.sh \
              tests/t0711-sync-devices-xandikos.sh tests/t0580-boundaries.sh \
              tests/t0715-sync-folder-doors.sh tests/t0618-ledger-ids-moves.sh \
              tests/t0215-pasted.sh
TESTS_SLOW_FIRST = $(foreach t,$(SLOW_TESTS),$(filter $t,$(SHELL_TESTS))) \
              $(filter-out $(SLOW_TESTS),$(SHELL_TESTS))
PROVE       = prove -j$(TEST_JOBS) --timer -e ''

.PHONY: all schema demo check check-unit check-asan check-valgrind fuzz deb deps deps-test \
        deps-deb install uninstall clean

all: calllog

calllog: $(PROG)
	cp $(PROG) $@

$(PROG): $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(ALL_LDFLAGS) \
	    $(call pkg,--libs,$(LINK_PKGS))

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(call module_cflags,$*) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/migrations.c: $(SCHEMA) tools/embed-sql.sh | $(BUILD)
	tools/embed-sql.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(BUILD)/directory_data.c: data/directory.tsv tools/embed-text.sh | $(BUILD)
	tools/embed-text.sh shipped_directory data/directory.tsv > $@.tmp && \
	    mv $@.tmp $@

$(BUILD)/directory_data.o: $(BUILD)/directory_data.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/migrations.o: $(BUILD)/migrations.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The history's triggers are generated from the declaration of the tables
# and their columns (src/field_table.c) into a checked-in migration; a
# program of its own, since calllog embeds schema/.  test_history_sql
# fails unless the file is what the generator writes.
# The objects the redactor and the phone module are made of, for the
# programs that link them without the rest (a rule's prerequisites are
# read where it stands: these come first).
PHONE_OBJS = $(BUILD)/phone.o $(BUILD)/phone_format.o
REDACT_OBJS = $(BUILD)/redact.o $(BUILD)/redact_runs.o $(BUILD)/redact_judge.o \
    $(BUILD)/redact_words.o
GEN_HISTORY_OBJS = $(BUILD)/history_sql.o $(BUILD)/field_table.o \
                   $(BUILD)/field.o $(REDACT_OBJS) $(PHONE_OBJS) \
                   $(BUILD)/money.o $(UNIT_DEPS)

$(BUILD)/history_sql.o: tools/history_sql.c | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen_history: tools/gen_history.c $(GEN_HISTORY_OBJS)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(GEN_HISTORY_OBJS) \
	    $(ALL_LDFLAGS) $(call pkg,--libs,$(LINK_PKGS))

schema: $(BUILD)/gen_history
	$(BUILD)/gen_history > schema/013_history.sql.tmp && \
	    mv schema/013_history.sql.tmp schema/013_history.sql

$(BUILD)/tests/test_history_sql: $(GEN_HISTORY_OBJS)

# when.c reads a date through the modules beneath it (src/when_*.c).
WHEN_SRCS = $(sort $(wildcard src/when*.c))
$(BUILD)/tests/test_when: $(patsubst src/%.c,$(BUILD)/%.o,$(wildcard src/when_*.c))

# Compiled apart from linking, so that -MMD gives each its .d beside the
# object and a changed header rebuilds the tests that include it.
$(BUILD)/tests/test_%.o: tests/unit/test_%.c | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) -c -o $@ $<

.SECONDARY: $(UNIT_OBJS)

# (Objects only: a .d file an older Makefile wrote may add sources here.)
$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(BUILD)/%.o $(UNIT_DEPS)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(ALL_LDFLAGS) \
	    $(call pkg,--libs,$(LINK_PKGS))

# Not installed: a program linked against the libraries that notify.c and
# ical.c open with dlopen(3), using each function they look up, so that
# dpkg-shlibdeps (debian/rules) declares the package's dependencies on
# them (t0600 checks the Depends it gives).
$(BUILD)/dlopened.c: src/notify.c src/ical_int.h tools/dlopened.sh | $(BUILD)
	tools/dlopened.sh src/notify.c src/ical_int.h > $@.tmp && mv $@.tmp $@

$(BUILD)/dlopened: $(BUILD)/dlopened.c
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) \
	    $(call pkg,--libs,libnotify libical)

# Tests whose module needs another besides UNIT_DEPS.
$(BUILD)/tests/test_case_rules: $(BUILD)/policy.o
$(BUILD)/tests/test_phone: $(BUILD)/phone_format.o
$(BUILD)/tests/test_directory: $(PHONE_OBJS) $(BUILD)/directory_data.o \
    $(BUILD)/purpose.o
$(BUILD)/tests/test_syncrec: $(REDACT_OBJS) \
    $(BUILD)/field.o $(PHONE_OBJS) $(BUILD)/money.o
$(BUILD)/tests/test_field: $(REDACT_OBJS) \
    $(PHONE_OBJS) $(BUILD)/money.o
$(BUILD)/tests/test_redact: $(BUILD)/redact_runs.o $(BUILD)/redact_judge.o \
    $(BUILD)/redact_words.o
$(BUILD)/tests/test_ical_kept: $(REDACT_OBJS)
$(BUILD)/tests/test_args: $(BUILD)/args_bind.o $(REDACT_OBJS) \
    $(BUILD)/suggest.o $(WHEN_SRCS:src/%.c=$(BUILD)/%.o) $(BUILD)/money.o

$(BUILD):
	mkdir -p $@

deps:
	sh contrib/install-deps build

deps-test:
	sh contrib/install-deps test

deps-deb:
	sh contrib/install-deps deb

# The demo journal lives beside the build unless CALLLOG_DB says otherwise,
# so trying calllog never mixes invented cases into a real journal.
DEMO_DB ?= $(CURDIR)/demo/calllog.db

demo: deps
	$(MAKE) all
	CALLLOG=$(CURDIR)/calllog CALLLOG_DB=$(DEMO_DB) sh contrib/demo.sh

# ical.js is the parser Thunderbird uses; the calendar tests read calllog's
# output with it.  A pinned version, installed beside the build.
ICALJS = $(BUILD)/npm/node_modules/ical.js/package.json

$(ICALJS):
	npm install --silent --no-audit --no-fund --prefix $(BUILD)/npm \
	    ical.js@2.2.1

check: deps-test
	$(MAKE) all $(UNIT_BINS) $(ICALJS)
	CALLLOG=$(CURDIR)/$(PROG) ICALJS_DIR=$(CURDIR)/$(BUILD)/npm \
	    $(PROVE) $(TESTS_SLOW_FIRST) $(UNIT_BINS)

# The C unit tests alone: what the Debian package build runs.
check-unit: $(UNIT_BINS)
	prove -e '' $(UNIT_BINS)

check-asan: deps-test
	$(MAKE) BUILD=build-asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	    build-asan/calllog $(UNIT_BINS:$(BUILD)/%=build-asan/%) \
	    build-asan/npm/node_modules/ical.js/package.json
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    CALLLOG=$(CURDIR)/build-asan/calllog \
	    ICALJS_DIR=$(CURDIR)/build-asan/npm $(PROVE) \
	    $(TESTS_SLOW_FIRST) $(UNIT_BINS:$(BUILD)/%=build-asan/%)

# libFuzzer harnesses (clang): each runs FUZZ_SECONDS from its committed
# seed corpus (new finds go to build-fuzz/corpus, never into the tree),
# with fuzz/NAME.dict when there is one.  A failing run is shown again,
# its newest crash replayed with stderr open (the harness's message).
FUZZERS      = when duration phone redact syncitem syncfolder mail
FUZZ_SECONDS ?= 30
FUZZ_CFLAGS  = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
               -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -Iinclude -Ifuzz
FUZZ_SRC_when     = $(WHEN_SRCS)
FUZZ_SRC_duration = $(WHEN_SRCS)
FUZZ_SRC_phone    = src/phone.c src/phone_format.c
FUZZ_SRC_redact   = src/redact.c src/redact_runs.c src/redact_judge.c \
                    src/redact_words.c
# A folder's item read, checked, written back and read again (sync).
FUZZ_SRC_syncitem = src/ical_item.c src/ical_item_read.c src/ical.c \
                    src/ical_item_lines.c src/ical_item_std.c \
                    src/ical_item_known.c src/ical_item_fields.c \
                    src/ical_item_out.c \
                    src/ical_kept.c \
                    src/syncrec.c src/field.c src/redact.c src/redact_runs.c \
                    src/redact_judge.c src/redact_words.c \
                    src/model.c src/phone.c src/phone_format.c \
                    src/policy.c src/view.c src/xfer.c \
                    $(WHEN_SRCS) src/jsonw.c src/money.c
FUZZ_FLAGS_syncitem = $(MODULE_DEFS_ical) -luuid -ldl
# An email as `calllog mail` reads it (GMime), and the HTML reader.
FUZZ_SRC_mail     = src/mailmsg.c src/mailmsg_part.c src/mailhtml.c
FUZZ_FLAGS_mail   = $(call pkg,--cflags --libs,gmime-3.0)

build-fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(SRCS) $(wildcard include/*.h src/*.h)
	@mkdir -p build-fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRC_$*) src/util.c src/term.c \
	    src/xalloc.c src/fileio.c \
	    $(FUZZ_FLAGS_$*)

# Whole folders through `calllog sync`, in process: every module built once
# with the fuzzer's flags, main.c's main renamed calllog_main for the
# harness to call (libFuzzer has the process's main).
FUZZ_OBJ      = build-fuzz/obj
FUZZ_APP      = $(SRCS:src/%.c=$(FUZZ_OBJ)/%.o) $(FUZZ_OBJ)/migrations.o \
                $(FUZZ_OBJ)/directory_data.o
FUZZ_OBJ_CFLAGS = $(filter-out -fsanitize=%,$(FUZZ_CFLAGS)) \
                -fsanitize=fuzzer-no-link,address,undefined \
                -DCALLLOG_VERSION='"$(VERSION)"'

$(FUZZ_OBJ)/%.o: src/%.c $(wildcard include/*.h src/*.h)
	@mkdir -p $(FUZZ_OBJ)
	clang $(FUZZ_OBJ_CFLAGS) $(call module_cflags,$*) \
	    $(if $(filter main,$*),-Dmain=calllog_main) -c -o $@ $<

$(FUZZ_OBJ)/%.o: $(BUILD)/%.c
	@mkdir -p $(FUZZ_OBJ)
	clang $(FUZZ_OBJ_CFLAGS) -c -o $@ $<

build-fuzz/fuzz_syncfolder: fuzz/fuzz_syncfolder.c $(wildcard fuzz/*.h) \
    $(FUZZ_APP)
	clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_APP) \
	    $(call pkg,--libs,$(LINK_PKGS)) -ldl

fuzz: $(FUZZERS:%=build-fuzz/fuzz_%)
	@for f in $(FUZZERS); do \
	    mkdir -p build-fuzz/corpus/$$f; \
	    dict=; [ -f fuzz/$$f.dict ] && dict=-dict=fuzz/$$f.dict; \
	    build-fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) $$dict \
	        -close_fd_mask=2 -print_final_stats=1 \
	        -artifact_prefix=build-fuzz/crash-$$f- \
	        build-fuzz/corpus/$$f fuzz/corpus/$$f \
	        > build-fuzz/$$f.log 2>&1; rc=$$?; \
	    runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' build-fuzz/$$f.log); \
	    echo "fuzz $$f: $$runs executions in $(FUZZ_SECONDS) s, exit $$rc"; \
	    [ $$rc -eq 0 ] || { tail -30 build-fuzz/$$f.log; \
	        c=$$(ls -t build-fuzz/crash-$$f-* 2>/dev/null | head -1); \
	        [ -z "$$c" ] || { echo "again, $$c with its messages:"; \
	            build-fuzz/fuzz_$$f "$$c" 2>&1 | grep -v '^INFO' | head -20; }; \
	        exit 1; }; \
	done

# make deb: the Debian package (debian/), built by dpkg-buildpackage in a
# copy of this tree under $(DEB_DIR), so the checkout stays clean; the
# .deb, .buildinfo and .changes are left there.  The copy's changelog is
# signed by $DEBFULLNAME <$DEBEMAIL> when both are set, as dch(1) does;
# otherwise by the maintainer the committed entry names.
DEB_DIR ?= $(CURDIR)/$(BUILD)/deb

deb: deps-deb
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/calllog-$(VERSION)
	tar -cf - --exclude=./.git --exclude='./build*' --exclude=./calllog \
	    --exclude=./demo . | tar -xf - -C $(DEB_DIR)/calllog-$(VERSION)
	sh tools/deb-maintainer.sh $(DEB_DIR)/calllog-$(VERSION)/debian/changelog
	cd $(DEB_DIR)/calllog-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls $(DEB_DIR)/*.deb

# The end-to-end tests with every calllog run under valgrind memcheck: any
# error or definite leak fails the test that ran it.  Left out: the
# durability test, whose kills and 400 concurrent adds measure timing that
# valgrind's 50x slowdown makes meaningless, and the install and package
# tests, which run make and dpkg, not the calllog under test.
VALGRIND_TESTS = $(filter-out tests/t0200-% tests/t0520-% tests/t0600-%,\
                 $(SHELL_TESTS))

check-valgrind: deps-test
	$(MAKE) all $(ICALJS)
	rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	CALLLOG=$(CURDIR)/tests/valgrind.sh VALGRIND_CALLLOG=$(CURDIR)/$(PROG) \
	    VALGRIND_LOGS=$(CURDIR)/$(BUILD)/valgrind \
	    ICALJS_DIR=$(CURDIR)/$(BUILD)/npm $(PROVE) $(VALGRIND_TESTS)
	@runs=$$(ls $(BUILD)/valgrind | wc -l); \
	errs=$$(find $(BUILD)/valgrind -type f -size +0 | wc -l); \
	echo "valgrind: $$runs calllog runs, $$errs with errors or definite leaks"

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(USERUNITDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 calllog $(DESTDIR)$(BINDIR)/calllog
	install -m 644 man/calllog.1 $(DESTDIR)$(MANDIR)/man1/calllog.1
	install -m 644 man/calllog.conf.5 $(DESTDIR)$(MANDIR)/man5/calllog.conf.5
	install -d $(DESTDIR)$(DATADIR)/bash-completion/completions \
	    $(DESTDIR)$(ZSHDIR) \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 644 contrib/completion/calllog.bash \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/calllog
	install -m 644 contrib/completion/_calllog \
	    $(DESTDIR)$(ZSHDIR)/_calllog
	install -m 644 contrib/completion/calllog.fish \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/calllog.fish
	sed 's|@BINDIR@|$(BINDIR)|' contrib/systemd/calllog-remind.service \
	    > $(DESTDIR)$(USERUNITDIR)/calllog-remind.service
	chmod 644 $(DESTDIR)$(USERUNITDIR)/calllog-remind.service
	install -m 644 contrib/systemd/calllog-remind.timer \
	    $(DESTDIR)$(USERUNITDIR)/calllog-remind.timer
	sed 's|@BINDIR@|$(BINDIR)|' contrib/calllog.cron \
	    > $(DESTDIR)$(DOCDIR)/calllog.cron
	chmod 644 $(DESTDIR)$(DOCDIR)/calllog.cron

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/calllog $(DESTDIR)$(MANDIR)/man1/calllog.1 \
	    $(DESTDIR)$(MANDIR)/man5/calllog.conf.5 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/calllog \
	    $(DESTDIR)$(ZSHDIR)/_calllog \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/calllog.fish \
	    $(DESTDIR)$(USERUNITDIR)/calllog-remind.service \
	    $(DESTDIR)$(USERUNITDIR)/calllog-remind.timer \
	    $(DESTDIR)$(DOCDIR)/calllog.cron
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf build build-asan build-fuzz calllog demo

# make bench: the benchmark's own rules.
-include bench/bench.mk

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d)
