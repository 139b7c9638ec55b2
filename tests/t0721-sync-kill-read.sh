#!/bin/sh
# t0721: reading a folder into a fresh journal, the sync killed with SIGKILL
# at points spread over its work, leaves a journal that passes doctor and
# the folder untouched, and a next sync completes it (sync-kill-lib.sh).
GEN=$(cd "$(dirname "$0")/../bench" && pwd)/gen.py
KILLS=${CALLLOG_TEST_KILLS:-8}		# read before lib.sh clears CALLLOG_*
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"
. "$TEST_DIR/sync-kill-lib.sh"

kill_setup

test_expect_success "reading a folder into a fresh journal, killed $KILLS times at points spread over its work" '
	(cd timed && ls -l --time-style=full-iso && cat ./*.ics | md5sum) >folder.before &&
	killed=0 && i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		rm -f r.db r.db-wal r.db-shm &&
		how=$(kill_sync r.db "$TRASH/timed" \
		    "$(point $i $KILLS $READ_IO)") &&
		case $how in killed) killed=$((killed + 1)) ;; done) ;; *)
			echo "sync $i: $how"; cat kill.out; return 1 ;; esac &&
		echo "# kill $i: $how; journal $(test -f r.db && echo present || echo absent)" >&3 &&
		{ ! test -f r.db || journal_sound r.db; } &&
		(cd timed && ls -l --time-style=full-iso && cat ./*.ics | md5sum) >folder.now &&
		test_cmp folder.before folder.now &&
		expect_exit 0 "$CALLLOG" --db r.db sync "$TRASH/timed" &&
		out_lacks "skipped:" &&
		expect_exit 0 "$CALLLOG" --db r.db sync "$TRASH/timed" &&
		out_contains "nothing to do" &&
		journal_sound r.db &&
		export_of r.db >r.json &&
		test_cmp src.json r.json &&
		(cd timed && ls -l --time-style=full-iso && cat ./*.ics | md5sum) >folder.now &&
		test_cmp folder.before folder.now || return 1
	done &&
	echo "# reading: $killed of $KILLS syncs killed while running" >&3 &&
	test "$killed" -ge $(((KILLS + 1) / 2))
' 3>&1

test_done
