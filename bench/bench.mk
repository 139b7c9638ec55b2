# bench/bench.mk: the benchmark's rules, included by the Makefile.
#
#   make bench        journals of 1,000, 10,000 and 100,000 cases (minutes;
#                     the 100,000 journal is generated once, ~4 min, and
#                     cached in build-bench/)
#   make bench-quick  1,000 cases only (under a minute); writes
#                     build-bench/RESULTS-quick.md, leaving bench/RESULTS.md
#   make bench-deps   Debian packages the benchmark needs: taskwarrior,
#                     sqlite3, time
#   make bench-redact redaction of the most hostile notes of the largest
#                     size (bench/redactbench.c), in ms; part of bench
#   make bench-attach attach of 1 and 20 MB, dossier --bundle of 30
#                     exhibits, the journal's size after a purge
#                     (bench/attachbench.py); part of bench
#   make bench-mail   `calllog mail` of a 2 MB message (bench/mailbench.py),
#                     ms and peak MB; part of bench
#
# Raw samples go to build-bench/RESULTS.json (RESULTS-quick.json).
# BENCH_FLAGS passes options to bench/bench.py (--runs, --no-taskwarrior...).

BENCH_DIR    = build-bench
BENCH_PY     = /usr/bin/python3
BENCH_FLAGS ?=
BENCH_TOOLS  = $(BENCH_DIR)/spawn $(BENCH_DIR)/sqltrace.so \
               $(BENCH_DIR)/icalfloor

.PHONY: bench bench-quick bench-deps bench-redact bench-attach bench-mail

bench-deps:
	@need=; for p in taskwarrior:task sqlite3:sqlite3 time:/usr/bin/time; do \
	    command -v $${p#*:} >/dev/null 2>&1 || need="$$need $${p%%:*}"; \
	done; \
	if [ -n "$$need" ]; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	    echo "installing:$$need"; \
	    { $$sudo apt-get update -qq && \
	      DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
	          $$need; } || \
	    echo "bench-deps: could not install$$need; bench.py says what" \
	        "it could not measure"; \
	fi

$(BENCH_DIR):
	mkdir -p -m 700 $@

# Static, so that the processes it starts inherit no launcher's memory.
$(BENCH_DIR)/spawn: bench/spawn.c | $(BENCH_DIR)
	$(CC) -O2 -static -o $@ bench/spawn.c 2>/dev/null || \
	    $(CC) -O2 -o $@ bench/spawn.c

$(BENCH_DIR)/sqltrace.so: bench/sqltrace.c | $(BENCH_DIR)
	$(CC) -O2 -shared -fPIC $(shell $(PKG_CONFIG) --cflags sqlite3) \
	    -o $@ bench/sqltrace.c -ldl

# libical alone, producing calllog's calendar items (see the file).
$(BENCH_DIR)/icalfloor: bench/icalfloor.c | $(BENCH_DIR)
	$(CC) -O2 $(shell $(PKG_CONFIG) --cflags libical) -o $@ \
	    bench/icalfloor.c $(shell $(PKG_CONFIG) --libs libical)

# Built as calllog is (CFLAGS included), from the module itself.
$(BENCH_DIR)/redactbench: bench/redactbench.c src/redact.c src/redact_runs.c \
    src/util.c src/term.c src/xalloc.c src/fileio.c include/redact.h \
    src/redact_int.h include/util.h \
    | $(BENCH_DIR)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ bench/redactbench.c \
	    src/redact.c src/redact_runs.c src/util.c src/term.c src/xalloc.c \
	    src/fileio.c

# Fails when the worst case reaches 50 ms (issue 12).
bench-redact: $(BENCH_DIR)/redactbench
	$(BENCH_DIR)/redactbench | tee $(BENCH_DIR)/redact.txt

# Files kept in the journal (issue 26): attach, bundle, size after purge.
bench-attach: calllog $(BENCH_DIR)/spawn
	$(BENCH_PY) bench/attachbench.py $(CURDIR)/calllog \
	    $(CURDIR)/$(BENCH_DIR)/spawn $(BENCH_DIR)/attach.txt

bench-mail: calllog $(BENCH_DIR)/spawn
	$(BENCH_PY) bench/mailbench.py $(CURDIR)/calllog \
	    $(CURDIR)/$(BENCH_DIR)/spawn $(CURDIR)/$(BENCH_DIR)

bench: bench-deps calllog $(BENCH_TOOLS) bench-redact bench-attach \
    bench-mail
	$(BENCH_PY) bench/bench.py --sizes 1000,10000,100000 $(BENCH_FLAGS)

bench-quick: bench-deps calllog $(BENCH_TOOLS) bench-redact bench-attach
	$(BENCH_PY) bench/bench.py --sizes 1000 \
	    --out $(BENCH_DIR)/RESULTS-quick.md $(BENCH_FLAGS)
