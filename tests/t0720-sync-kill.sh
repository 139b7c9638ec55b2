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

# export_of DB >FILE
export_of() {
	"$CALLLOG" --db "$1" export --format json | journal_norm
}

# items_whole DIR: every item in DIR is a whole calendar: it ends with
# END:VCALENDAR and a parser reads one to-do or journal entry from it.
# The digests of contents found whole are kept in $TRASH/whole.sums: the
# same bytes are whole again, so only a content not seen before is parsed
# (a folder is checked after each kill and each sync, and most of its
# 2,000 items are the same each time).
items_whole() {
	/usr/bin/python3 - "$1" "$TRASH/whole.sums" <<-\EOF
	import hashlib, os, sys
	try:
	    import icalendar
	except ImportError:
	    icalendar = None
	d, sums, bad = sys.argv[1], sys.argv[2], 0
	try:
	    known = set(open(sums).read().split())
	except OSError:
	    known = set()
	seen = set()
	for n in os.listdir(d):
	    if n.startswith(".") or not n.endswith(".ics"):
	        continue
	    data = open(os.path.join(d, n), "rb").read()
	    digest = hashlib.sha256(data).hexdigest()
	    if digest in known:
	        continue
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
	    else:
	        seen.add(digest)
	if seen:
	    with open(sums, "a") as f:
	        f.write("".join(h + "\n" for h in seen))
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

# io PID: IO is set to the bytes process PID has read and written so far
# (rchar and wchar, the first two lines of /proc/PID/io); false once it
# has ended.  Built-ins only, no process: it is asked every 20 ms, beside
# the sync it watches on a machine of two cores.
io() {
	{ read -r _io_r && read -r _io_w; } 2>/dev/null <"/proc/$1/io" &&
	IO=$((${_io_r#rchar: } + ${_io_w#wchar: }))
}

# io_of COMMAND...: run COMMAND, its output in ./out and ./err, and print
# the bytes it read and wrote (as last seen, 20 ms before its end at most);
# the status is COMMAND's.
io_of() {
	"$@" >out 2>err &
	_pid=$! && _max=0
	while io $_pid; do
		_max=$IO
		sleep 0.02
	done
	wait $_pid
	_rc=$?
	echo $_max
	return $_rc
}

# kill_sync DB DIR BYTES: start a sync, SIGKILL it once it has read and
# written BYTES: a kill point set by how far the sync has got, not by a
# guess at how long it takes on a loaded machine.  Prints "killed" when
# the kill found it running, "done" when not.
kill_sync() {
	"$CALLLOG" --db "$1" sync "$2" >kill.out 2>&1 &
	_pid=$!
	while io $_pid && test "$IO" -lt "$3"; do
		sleep 0.02
	done
	kill -KILL "$_pid" 2>/dev/null
	wait "$_pid"
	case $? in
	137) echo killed ;;
	0) echo done ;;
	*) echo "failed $?" ;;
	esac
}

# point I OF BYTES: the I-th of OF kill points spread evenly over BYTES
# (the middle of each I-th part): 1/16, 3/16, ... 15/16 of them for 8.
# Set by progress, at least half of them must find the sync running
# (random delays needed only a quarter).
point() {
	echo $(( (2 * $1 - 1) * $3 / (2 * $2) ))
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

# The bytes each sync reads and writes (its journal, its folder): the kill
# points below are spread over them.
test_expect_success 'an uninterrupted sync, timed and its input and output counted' '
	sqlite3 src.db ".backup time.db" && chmod 600 time.db &&
	start=$(date +%s%N) &&
	WRITE_IO=$(io_of "$CALLLOG" --db time.db sync "$TRASH/timed") &&
	end=$(date +%s%N) &&
	ITEMS=$(ls timed | wc -l) &&
	test "$ITEMS" -gt 2000 &&
	BYTES=$(cat timed/*.ics | wc -c) &&
	test "$WRITE_IO" -gt "$BYTES" &&
	WRITE_MS=$(( (end - start) / 1000000 )) &&
	start=$(date +%s%N) &&
	READ_IO=$(io_of "$CALLLOG" --db fresh-timed.db sync "$TRASH/timed") &&
	end=$(date +%s%N) &&
	test "$READ_IO" -gt "$BYTES" &&
	READ_MS=$(( (end - start) / 1000000 )) &&
	export_of fresh-timed.db >fresh-timed.json &&
	test_cmp src.json fresh-timed.json &&
	echo "# $ITEMS items, $BYTES bytes; writing the folder ${WRITE_MS} ms ($WRITE_IO bytes in and out), reading it ${READ_MS} ms ($READ_IO)" >&3
' 3>&1

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
