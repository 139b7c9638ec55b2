#!/bin/sh
# A sync cut short is harmless: `calllog sync` killed with SIGKILL at
# random points, writing a folder from a journal of 200 cases (about 2,300
# items) and reading that folder into a fresh journal, leaves a journal
# that passes `calllog doctor`, no item in the folder half written, and a
# next sync that completes, cleans up and leaves both sides equal.  The
# figures are printed as TAP comments.
GEN=$(cd "$(dirname "$0")/../bench" && pwd)/gen.py
KILLS=${CALLLOG_TEST_KILLS:-8}		# read before lib.sh clears CALLLOG_*
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

# export_of DB >FILE
export_of() {
	"$CALLLOG" --db "$1" export --format json | journal_norm
}

# items_whole DIR: every item in DIR is a whole calendar: it ends with
# END:VCALENDAR and a parser reads one to-do or journal entry from it.
items_whole() {
	/usr/bin/python3 - "$1" <<-\EOF
	import os, sys
	try:
	    import icalendar
	except ImportError:
	    icalendar = None
	d, bad = sys.argv[1], 0
	for n in os.listdir(d):
	    if n.startswith(".") or not n.endswith(".ics"):
	        continue
	    data = open(os.path.join(d, n), "rb").read()
	    ok = data.startswith(b"BEGIN:VCALENDAR\r\n") and \
	        data.endswith(b"END:VCALENDAR\r\n")
	    if ok and icalendar is not None:
	        try:
	            cal = icalendar.Calendar.from_ical(data)
	            ok = len([c for c in cal.walk()
	                      if c.name in ("VTODO", "VJOURNAL")]) == 1
	        except Exception:
	            ok = False
	    if not ok:
	        print("partial or unreadable item:", n)
	        bad += 1
	sys.exit(1 if bad else 0)
	EOF
}

# journal_sound DB: SQLite's integrity check and calllog doctor pass.
journal_sound() {
	test "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok &&
	"$CALLLOG" --db "$1" doctor >doctor.out 2>&1 || {
		echo "journal $1 is not sound:"
		sed 's/^/    /' doctor.out | head -n 20
		return 1
	}
}

# tmp_count DIR: calllog's own temporary files left in DIR.
tmp_count() {
	find "$1" -maxdepth 1 -name ".calllog-*.tmp" | wc -l
}

# kill_sync DB DIR DELAY: start a sync, SIGKILL it after DELAY seconds;
# prints "killed" when the kill found it running, "done" when not.
kill_sync() {
	"$CALLLOG" --db "$1" sync "$2" >kill.out 2>&1 &
	_pid=$!
	sleep "$3"
	kill -KILL "$_pid" 2>/dev/null
	wait "$_pid"
	case $? in
	137) echo killed ;;
	0) echo done ;;
	*) echo "failed $?" ;;
	esac
}

test_expect_success 'a journal of 200 cases with calls and events' '
	/usr/bin/python3 "$GEN" --calllog "$CALLLOG" --cases 200 \
	    --out "$TRASH/src.db" >gen.out &&
	journal_sound src.db &&
	test "$(sqlite3 src.db "SELECT count(*) FROM cases")" = 200 &&
	calls=$(sqlite3 src.db "SELECT count(*) FROM calls") &&
	test "$calls" -gt 1000 &&
	export_of src.db >src.json &&
	jq -e "[.cases[].events[]] | length > 0" src.json >/dev/null
'

test_expect_success 'an uninterrupted sync, timed: where the kills should land' '
	sqlite3 src.db ".backup time.db" && chmod 600 time.db &&
	start=$(date +%s%N) &&
	expect_exit 0 "$CALLLOG" --db time.db sync "$TRASH/timed" &&
	end=$(date +%s%N) &&
	ITEMS=$(ls timed | wc -l) &&
	test "$ITEMS" -gt 2000 &&
	WRITE_MS=$(( (end - start) / 1000000 )) &&
	start=$(date +%s%N) &&
	expect_exit 0 "$CALLLOG" --db fresh-timed.db sync "$TRASH/timed" &&
	end=$(date +%s%N) &&
	READ_MS=$(( (end - start) / 1000000 )) &&
	echo "# $ITEMS items; writing the folder ${WRITE_MS} ms, reading it ${READ_MS} ms" >&3
' 3>&1

# delay SEED MS: a pseudo-random delay in seconds, 0 to 0.8 times MS (the
# load changes between the timed run and the kills: most must land while
# the sync runs).
delay() {
	awk -v s="$1" -v ms="$2" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * ms * 0.8 / 1000 }'
}

test_expect_success "writing a folder from a journal, killed $KILLS times at random points" '
	killed=0 && i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		rm -rf w.db w.db-wal w.db-shm out-dir &&
		sqlite3 src.db ".backup w.db" && chmod 600 w.db &&
		how=$(kill_sync w.db "$TRASH/out-dir" "$(delay $i "$WRITE_MS")") &&
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
		rm -f r.db r.db-wal r.db-shm &&
		expect_exit 0 "$CALLLOG" --db r.db sync "$TRASH/out-dir" &&
		out_contains "$ITEMS added here" &&
		export_of r.db >r.json &&
		test_cmp src.json r.json || return 1
	done &&
	echo "# writing: $killed of $KILLS syncs killed while running" >&3 &&
	test "$killed" -ge $(((KILLS + 3) / 4))
' 3>&1

test_expect_success "reading a folder into a fresh journal, killed $KILLS times at random points" '
	(cd timed && ls -l --time-style=full-iso && cat ./*.ics | md5sum) >folder.before &&
	killed=0 && i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		rm -f r.db r.db-wal r.db-shm &&
		how=$(kill_sync r.db "$TRASH/timed" "$(delay $((i + 100)) "$READ_MS")") &&
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
	test "$killed" -ge $(((KILLS + 3) / 4))
' 3>&1

# A sync of changes on both sides killed: the journal changed since the
# folder was written, and the folder changed by another client.  (The
# folder is a copy, its inodes new: the first sync reads every item and
# finds nothing to change.)
test_expect_success "a sync carrying changes both ways, killed $KILLS times, then completed" '
	killed=0 && i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		rm -rf b.db b.db-wal b.db-shm both-dir &&
		cp -rp timed both-dir && cp -p time.db b.db &&
		expect_exit 0 "$CALLLOG" --db b.db sync "$TRASH/both-dir" &&
		out_contains "0 written, $ITEMS read (0 merged), 0 added here" &&
		expect_exit 0 "$CALLLOG" --db b.db sync "$TRASH/both-dir" &&
		out_contains "nothing to do" &&
		for id in 3 5 7 11 13; do
			CALLLOG_NOW=2026-11-21T1$((i % 10)):00:00Z \
			    "$CALLLOG" --db b.db edit "$id" --title "edited $i $id" \
			    >/dev/null || return 1
		done &&
		for f in $(ls both-dir | head -n 40); do
			sed -i "s/^DESCRIPTION:/DESCRIPTION:client $i: /" "both-dir/$f" || return 1
		done &&
		"$CALLLOG" --db b.db export --format json | journal_norm >b-before.json &&
		how=$(kill_sync b.db "$TRASH/both-dir" "$(delay $((i + 200)) 300)") &&
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
