#!/bin/sh
# t0722: a sync carrying changes both ways, killed with SIGKILL at points
# spread over its work, leaves a sound journal and whole items, and a
# next sync completes both sides' changes (sync-kill-lib.sh).
GEN=$(cd "$(dirname "$0")/../bench" && pwd)/gen.py
KILLS=${CALLLOG_TEST_KILLS:-8}		# read before lib.sh clears CALLLOG_*
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"
. "$TEST_DIR/sync-kill-lib.sh"

kill_setup

# A sync of changes on both sides killed: the journal changed since the
# folder was written, and the folder changed by another client.  (The
# folder is a copy, its inodes new: the first sync reads every item and
# finds nothing to change.  That journal and folder are kept, the folder
# as hard links, its inodes the same: each round starts from them with
# nothing to do, the items that round changes replaced, not written into,
# by sed -i and by calllog alike.)
test_expect_success "a sync carrying changes both ways, killed $KILLS times, then completed" '
	rm -rf b.db b.db-wal b.db-shm both-dir &&
	cp -rp timed both-dir && cp -p time.db b.db &&
	expect_exit 0 "$CALLLOG" --db b.db sync "$TRASH/both-dir" &&
	out_contains "0 written, $ITEMS read (0 merged), 0 added here" &&
	sqlite3 b.db ".backup b0.db" && mv both-dir both0 &&
	killed=0 && i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		rm -rf b.db b.db-wal b.db-shm both-dir &&
		cp -al both0 both-dir && cp -p b0.db b.db && chmod 600 b.db &&
		expect_exit 0 "$CALLLOG" --db b.db sync "$TRASH/both-dir" &&
		out_contains "nothing to do" &&
		for id in 3 5 7 11 13; do
			CALLLOG_NOW=2026-11-21T1$((i % 10)):00:00Z \
			    "$CALLLOG" --db b.db edit "$id" --title "edited $i $id" \
			    >/dev/null || return 1
		done &&
		changed=$(ls both-dir/*.ics | head -n 40) &&
		for f in $changed; do
			sed -i "s/^DESCRIPTION:/DESCRIPTION:client $i: /" "$f" || return 1
		done &&
		"$CALLLOG" --db b.db export --format json | journal_norm >b-before.json &&
		# about what it reads and writes: the journal and the changed
		# items (a sync that ends before its point is said done)
		io_bytes=$(($(stat -c %s b.db) + $(cat $changed | wc -c))) &&
		how=$(kill_sync b.db "$TRASH/both-dir" \
		    "$(point $i $KILLS $io_bytes)") &&
		case $how in killed) killed=$((killed + 1)) ;; done) ;; *)
			echo "sync $i: $how"; cat kill.out; return 1 ;; esac &&
		journal_sound b.db &&
		items_whole both-dir &&
		expect_exit 0 "$CALLLOG" --db b.db sync "$TRASH/both-dir" &&
		out_lacks "skipped:" &&
		test "$(tmp_count both-dir)" = 0 &&
		expect_exit 0 "$CALLLOG" --db b.db sync "$TRASH/both-dir" &&
		out_contains "nothing to do" &&
		export_of b.db >b.json &&
		jq -e "[.cases[] | select(.title | tostring | startswith(\"edited $i \"))] | length == 5" b.json >/dev/null &&
		jq -e "[.cases[].calls[] | select(.notes // \"\" | startswith(\"client $i: \"))] | length > 0" b.json >/dev/null &&
		rm -f c.db c.db-wal c.db-shm &&
		expect_exit 0 "$CALLLOG" --db c.db sync "$TRASH/both-dir" &&
		export_of c.db >c.json &&
		test_cmp b.json c.json || return 1
	done &&
	echo "# both ways: $killed of $KILLS syncs killed while running" >&3
' 3>&1

test_done
