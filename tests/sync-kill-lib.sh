# sync-kill-lib.sh: what t0720, t0721 and t0722 share — a sync cut short
# by SIGKILL at points spread over its work.  Sourced after lib.sh and
# sync-lib.sh; kill_setup runs the two tests every one of them starts
# from: a journal of 200 cases (about 2,300 items) and an uninterrupted
# sync of it both ways, timed and its bytes counted, which the kill
# points are spread over.  Three files, not one: each takes minutes of
# syncs, and make check runs files side by side.

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

# kill_setup: the journal and the uninterrupted syncs (two tests).
kill_setup() {
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
}
