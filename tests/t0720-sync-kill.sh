#!/bin/sh
# A sync cut short is harmless: `calllog sync` killed with SIGKILL at
# points spread over its work (so many bytes read or written), writing a
# folder from a journal of 200 cases (about 2,300 items) and reading that
# folder into a fresh journal, leaves a journal that passes `calllog
# doctor`, no item in the folder half written, and a next sync that
# completes, cleans up and leaves both sides equal.  The figures are
# printed as TAP comments.
GEN=$(cd "$(dirname "$0")/../bench" && pwd)/gen.py
KILLS=${CALLLOG_TEST_KILLS:-8}		# read before lib.sh clears CALLLOG_*
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"
. "$TEST_DIR/sync-kill-lib.sh"

kill_setup

test_expect_success "writing a folder from a journal, killed $KILLS times at points spread over its work" '
	killed=0 && i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		rm -rf w.db w.db-wal w.db-shm out-dir &&
		sqlite3 src.db ".backup w.db" && chmod 600 w.db &&
		how=$(kill_sync w.db "$TRASH/out-dir" \
		    "$(point $i $KILLS $WRITE_IO)") &&
		case $how in killed) killed=$((killed + 1)) ;; done) ;; *)
			echo "sync $i: $how"; cat kill.out; return 1 ;; esac &&
		tmps=$(tmp_count out-dir 2>/dev/null || echo 0) &&
		files=$(ls out-dir 2>/dev/null | wc -l) &&
		echo "# kill $i: $how; $files items, $tmps temporary files left" >&3 &&
		journal_sound w.db &&
		{ ! test -d out-dir || items_whole out-dir; } &&
		expect_exit 0 "$CALLLOG" --db w.db sync "$TRASH/out-dir" &&
		out_lacks "changed on both sides" &&
		out_lacks "skipped:" &&
		test "$(tmp_count out-dir)" = 0 &&
		test "$(ls out-dir | wc -l)" = "$ITEMS" &&
		items_whole out-dir &&
		expect_exit 0 "$CALLLOG" --db w.db sync "$TRASH/out-dir" &&
		out_contains "nothing to do" &&
		journal_sound w.db &&
		export_of w.db >w.json &&
		test_cmp src.json w.json &&
		# The same bytes as the folder of the uninterrupted sync,
		# which reads into the journal it came from (above): read
		# again only when they differ.
		{ diff -r -q timed out-dir >/dev/null || {
			rm -f r.db r.db-wal r.db-shm &&
			expect_exit 0 "$CALLLOG" --db r.db sync "$TRASH/out-dir" &&
			out_contains "$ITEMS added here" &&
			export_of r.db >r.json &&
			test_cmp src.json r.json; }; } || return 1
	done &&
	echo "# writing: $killed of $KILLS syncs killed while running" >&3 &&
	test "$killed" -ge $(((KILLS + 1) / 2))
' 3>&1

test_done
