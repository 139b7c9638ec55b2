#!/bin/sh
# doctor finds what is wrong with a journal and says what to do; backup
# makes a consistent copy while others write; a full disk is a clean error
# that leaves the journal as it was.
. "$(dirname "$0")/lib.sh"

test_expect_success 'doctor on a healthy journal: exit 0, each check named' '
	expect_exit 0 cl add --org amex --reason billing --note first &&
	expect_exit 0 cl doctor &&
	out_contains "ok: integrity and foreign keys" &&
	out_contains "ok: schema version" &&
	out_contains "is private (mode 0600)" &&
	out_contains "no problems found"
'

test_expect_success 'doctor without a journal says so, creates nothing' '
	expect_exit 1 cl --db "$TRASH/none.db" doctor &&
	check_err_line "no journal" &&
	test_path_is_missing "$TRASH/none.db"
'

test_expect_success 'doctor: a journal readable by others is a problem, with the fix' '
	chmod 644 "$CALLLOG_DB" &&
	expect_exit 1 cl doctor &&
	out_contains "readable by others" &&
	out_contains "run: chmod 600" &&
	check_err_line "problems found" &&
	chmod 600 "$CALLLOG_DB"
'

test_expect_success 'doctor: a damaged journal is a problem' '
	cp "$CALLLOG_DB" damaged.db &&
	pages=$(sqlite3 damaged.db "PRAGMA page_count") &&
	test "$pages" -gt 3 &&
	size=$(sqlite3 damaged.db "PRAGMA page_size") &&
	# Scribble over the middle of the file, past the header page.
	dd if=/dev/urandom of=damaged.db bs="$size" seek=2 count=$((pages - 3)) \
	    conv=notrunc 2>/dev/null &&
	expect_exit 1 cl --db damaged.db doctor &&
	test "$(wc -l <err)" = 1 &&
	grep -q "^calllog: " err
'

test_expect_success 'backup: a consistent 0600 copy in rollback-journal mode' '
	expect_exit 0 cl backup "$TRASH/b1.db" &&
	out_contains "backed up" &&
	mode_is 600 "$TRASH/b1.db" &&
	test "$(sqlite3 "$TRASH/b1.db" "PRAGMA journal_mode")" = delete &&
	test "$(sqlite3 "$TRASH/b1.db" "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 "$TRASH/b1.db" "SELECT notes FROM calls")" = first &&
	expect_exit 0 cl --db "$TRASH/b1.db" show 1 --json &&
	jq_is .org "American Express"
'

test_expect_success 'backup refuses to overwrite the journal itself' '
	db_snapshot before &&
	expect_exit 2 cl backup "$CALLLOG_DB" &&
	check_err_line "journal itself" &&
	db_unchanged before
'

test_expect_success 'backup while another process writes: the copy is whole' '
	( i=0; while test $i -lt 60; do i=$((i + 1));
	    cl add --case 1 --note "writer $i" >/dev/null 2>&1; done ) &
	writer=$! &&
	n=0 && while test $n -lt 5; do
		n=$((n + 1)) &&
		expect_exit 0 cl backup "$TRASH/live$n.db" &&
		test "$(sqlite3 "$TRASH/live$n.db" "PRAGMA integrity_check")" = ok &&
		test "$(sqlite3 "$TRASH/live$n.db" "PRAGMA foreign_key_check")" = "" || return 1
	done &&
	wait $writer &&
	test "$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM calls")" = 61
'

test_expect_success 'a backup into a missing directory fails cleanly' '
	expect_exit 1 cl backup "$TRASH/no/such/dir/b.db" &&
	check_err_line "cannot create backup"
'

# RLIMIT_FSIZE stands in for a full disk: the write fails, calllog says so
# in one line, exits 1, and the journal is intact with every earlier call.
test_expect_success 'a full disk (file size limit): one-line error, journal intact' '
	export CALLLOG_DB="$TRASH/full.db" &&
	expect_exit 0 cl add --org amex --reason billing &&
	big=$(head -c 60000 /dev/zero | tr "\\0" x) &&
	failed=0 && added=0 && k=0 &&
	while test $k -lt 40 && test $failed = 0; do
		k=$((k + 1)) &&
		if (ulimit -f 300; cl add --case 1 --note "$big" >out 2>err); then
			added=$((added + 1))
		else
			failed=1
		fi
	done &&
	test $failed = 1 &&
	check_err_line "failed" &&
	test "$(sqlite3 "$CALLLOG_DB" "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM calls")" = $((added + 1)) &&
	expect_exit 0 cl doctor
'

test_done
