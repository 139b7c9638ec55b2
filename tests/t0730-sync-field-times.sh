#!/bin/sh
# t0730: each field's change time travels in the item (X-CALLLOG-CHANGED),
# so that no edit is lost to a whole-file replacement (DESIGN.md, "Servers,
# vdirsyncer and apps replace files whole"): a server's older version of
# an item, kept by vdirsyncer's conflict resolution, merges field by field
# with the journal's; a client that saves an item back with standard
# properties only leaves it the same case, its calllog fields "not known
# here", never cleared.  The folders here are carried by hand as a server
# and vdirsyncer would (a file replaced whole); the last tests do it
# through a real Radicale and vdirsyncer, an upload failing, under both
# conflict_resolution settings.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

# on DEVICE COMMAND...: calllog on DEVICE's journal.
on() {
	_dev=$1
	shift
	CALLLOG_DB=$TRASH/$_dev.db "$CALLLOG" "$@"
}

# carry FROM TO: every item of folder FROM replaces TO's, whole, as
# vdirsyncer writes one (a new file renamed over the old).
carry() {
	mkdir -p "$2" &&
	for f in "$1"/*.ics; do
		cp "$f" "$2/.tmp" && mv "$2/.tmp" "$2/${f##*/}" || return 1
	done
}

same_content() {
	on laptop export --format json | journal_norm >laptop.json &&
	on phone export --format json | journal_norm >phone.json &&
	test_cmp laptop.json phone.json
}

# unfold FILE: the item's content lines, unfolded, without CR.
unfold() {
	tr -d '\r' <"$1" | awk '/^[ \t]/ { line = line substr($0, 2); next }
	    { if (NR > 1) print line; line = $0 } END { print line }'
}

test_expect_success 'two devices share a case through a server folder' '
	export CALLLOG_NOW=2026-11-20T10:00:00Z &&
	expect_exit 0 on laptop add --org Chase --reason billing \
	    --title "Double charge" --account 4411 --rep Ann --ref SUP-7 \
	    --note "first call" &&
	U=$(on laptop show 1 --json | jq -r .uuid) &&
	K=$(on laptop show 1 --json | jq -r ".calls_list[0].uuid") &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	carry lap srv && carry srv pho &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	out_contains "2 read" &&
	same_content &&
	unfold "lap/$U.ics" | grep "^X-CALLLOG-CHANGED:.*title=[0-9]"
'

# The laptop's upload fails, the phone's goes through; the laptop's
# vdirsyncer then keeps the server's version of the file.
test_expect_success 'an edit here survives the server keeping an older whole file' '
	export CALLLOG_NOW=2026-11-21T09:00:00Z &&
	expect_exit 0 on laptop edit 1 --title "Charged twice in November" &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	export CALLLOG_NOW=2026-11-21T09:30:00Z &&
	expect_exit 0 on phone edit "$U" --priority high --account 9900 &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	carry pho srv &&
	export CALLLOG_NOW=2026-11-21T10:00:00Z &&
	carry srv lap &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	! grep -q "changed on both sides" out &&
	on laptop show 1 --json >out &&
	jq_is ".title" "Charged twice in November" &&
	jq_is ".priority" "high" &&
	jq_is ".account" "9900" &&
	carry lap srv && carry srv pho &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	on phone show "$U" --json >out &&
	jq_is ".title" "Charged twice in November" &&
	jq_is ".priority" "high" &&
	same_content &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	out_contains "nothing to do" &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	out_contains "nothing to do"
'

test_expect_success 'a call edited on both, each a field, the older file kept' '
	export CALLLOG_NOW=2026-11-22T09:00:00Z &&
	KL=$(on laptop show 1 --json | jq -r ".calls_list[0].id") &&
	KP=$(on phone show "$U" --json | jq -r ".calls_list[0].id") &&
	expect_exit 0 on laptop edit --call "$KL" --outcome callback &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	export CALLLOG_NOW=2026-11-22T09:10:00Z &&
	expect_exit 0 on phone edit --call "$KP" --rep Bea --ref CLM-9 &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	carry pho srv && carry srv lap &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	carry lap srv && carry srv pho &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	on phone show "$U" --json >out &&
	jq_is ".calls_list[0].outcome" "callback" &&
	jq_is ".calls_list[0].rep" "Bea" &&
	jq_is "[.calls_list[0].refs[]] | join(\",\")" "CLM-9" &&
	same_content
'

# Both change the same field: the later change wins on both, whichever
# whole file was kept and whichever device changed it first.
test_expect_success 'the same field changed on both: the later time wins' '
	export CALLLOG_NOW=2026-11-23T09:00:00Z &&
	expect_exit 0 on phone edit "$U" --merchant "Phone, earlier" &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	carry pho srv &&
	export CALLLOG_NOW=2026-11-23T09:30:00Z &&
	expect_exit 0 on laptop edit 1 --merchant "Laptop, later" &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	carry srv lap &&
	export CALLLOG_NOW=2026-11-23T10:00:00Z &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	on laptop show 1 --json >out &&
	jq_is ".merchant" "Laptop, later" &&
	carry lap srv && carry srv pho &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	on phone show "$U" --json >out &&
	jq_is ".merchant" "Laptop, later" &&
	same_content
'

test_expect_success 'the same field, the server file the later: it wins' '
	export CALLLOG_NOW=2026-11-24T09:00:00Z &&
	expect_exit 0 on laptop edit 1 --merchant "Laptop, earlier" &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	export CALLLOG_NOW=2026-11-24T09:30:00Z &&
	expect_exit 0 on phone edit "$U" --merchant "Phone, later" &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	carry pho srv && carry srv lap &&
	export CALLLOG_NOW=2026-11-24T10:00:00Z &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	on laptop show 1 --json >out &&
	jq_is ".merchant" "Phone, later" &&
	on laptop history 1 >out &&
	out_contains "Laptop, earlier" &&
	carry lap srv && carry srv pho &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	same_content
'

# Items as a to-do or journal app writes them back: standard properties
# only, calllog's X-CALLLOG- lines dropped (Thunderbird, Apple Reminders).
test_expect_success 'a case marked done by an app that drops calllog lines' '
	on laptop show 1 --json >before.json &&
	printf "%s\r\n" "BEGIN:VCALENDAR" "VERSION:2.0" \
	    "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN" \
	    "BEGIN:VTODO" "UID:$U" "DTSTAMP:20261125T080000Z" \
	    "CREATED:20261120T100000Z" "LAST-MODIFIED:20261125T080000Z" \
	    "SUMMARY:$(jq -r .title before.json)" "STATUS:COMPLETED" \
	    "COMPLETED:20261125T080000Z" "PERCENT-COMPLETE:100" \
	    "PRIORITY:1" "END:VTODO" "END:VCALENDAR" >"srv/$U.ics" &&
	carry srv lap &&
	export CALLLOG_NOW=2026-11-25T09:00:00Z &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	! grep -q "skipped:" err &&
	on laptop show 1 --json >out &&
	jq_is ".status" "resolved" &&
	jq_is ".org" "Chase" && jq_is ".reason" "billing" &&
	jq_is ".account" "9900" &&
	jq_is ".merchant" "Phone, later" &&
	unfold "lap/$U.ics" | grep -q "^X-CALLLOG-ORG:Chase" &&
	unfold "lap/$U.ics" | grep -q "^X-CALLLOG-STATUS:resolved" &&
	carry lap srv && carry srv pho &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	on phone show "$U" --json >out &&
	jq_is ".status" "resolved" &&
	same_content
'

test_expect_success 'a call saved back without its lines keeps its rep and refs' '
	printf "%s\r\n" "BEGIN:VCALENDAR" "VERSION:2.0" \
	    "PRODID:-//Apple Inc.//iOS 17//EN" \
	    "BEGIN:VJOURNAL" "UID:$K" "DTSTAMP:20261126T080000Z" \
	    "LAST-MODIFIED:20261126T080000Z" "DTSTART:20261120T100000Z" \
	    "SUMMARY:Phone call: callback" \
	    "DESCRIPTION:first call\\, and a line added on the phone" \
	    "RELATED-TO;RELTYPE=PARENT:$U" "END:VJOURNAL" \
	    "END:VCALENDAR" >"srv/$K.ics" &&
	carry srv pho &&
	export CALLLOG_NOW=2026-11-26T09:00:00Z &&
	expect_exit 0 on phone sync "$TRASH/pho" &&
	! grep -q "skipped:" err &&
	on phone show "$U" --json >out &&
	jq_is "[.calls_list[] | .rep] | join(\",\")" "Bea" &&
	jq_is ".calls_list[0].refs | join(\",\")" "CLM-9" &&
	jq_is ".calls_list[0].outcome" "callback" &&
	jq_is ".calls_list[0].notes" "first call, and a line added on the phone" &&
	unfold "pho/$K.ics" | grep -q "^X-CALLLOG-REP:Bea" &&
	carry pho srv && carry srv lap &&
	expect_exit 0 on laptop sync "$TRASH/lap" &&
	same_content
'

test_expect_success 'a new device gets the case once a device that knows it wrote it again' '
	carry srv tab &&
	expect_exit 0 on tablet sync "$TRASH/tab" &&
	on tablet show "$U" --json >out &&
	jq_is ".status" "resolved" &&
	jq_is ".calls_list[0].rep" "Bea" &&
	jq_is ".calls_list[0].refs | join(\",\")" "CLM-9"
'

# Through a real Radicale and vdirsyncer, as the README configures them:
# the laptop's upload fails (the server is down during its vdirsyncer
# run), the phone's goes through, and the laptop's next vdirsyncer run
# resolves the conflict as conflict_resolution says.  Either way both
# journals end with the laptop's title and the phone's priority.
if ! command -v radicale >/dev/null 2>&1 ||
    ! command -v vdirsyncer >/dev/null 2>&1 ||
    ! command -v curl >/dev/null 2>&1; then
	test_skip 'a failed upload through Radicale and vdirsyncer' \
	    "radicale, vdirsyncer or curl is not installed (contrib/install-deps)"
	test_done
fi

# vs DEVICE ARGS...: DEVICE's vdirsyncer, its output in vs.out.
vs() {
	_dev=$1
	shift
	VDIRSYNCER_CONFIG=$TRASH/vs-$_dev/config vdirsyncer "$@" >vs.out 2>&1
}

# sync_dev DEVICE: the README's cron line: vdirsyncer brings the server's
# changes (its failure does not stop calllog), calllog merges, vdirsyncer
# takes the result up.
sync_dev() {
	vs "$1" sync
	expect_exit 0 on "$1" sync "$TRASH/$1-dir" &&
	cat out >>"sync-$1.log" &&
	vs "$1" sync
}

# radicale_again: Radicale started again on its port and storage; it
# must listen there itself (another test file's server may answer on a
# port let go).
radicale_again() {
	{ radicale --config rad/config >>rad.log 2>&1 & } &&
	echo $! >rad.pid &&
	_n=0 && until listens "$(cat rad.pid)" "$PORT"; do
		_n=$((_n + 1)) && test $_n -lt 100 && sleep 0.1 || return 1
	done
}

test_expect_success 'Radicale on loopback' '
	radicale_start
'

# lost_edit RESOLUTION: the whole story on a collection of its own.
lost_edit() {
	_res=$1 && _c=c$(echo "$1" | tr -dc a-z) &&
	URL=http://127.0.0.1:$PORT/user/$_c/ &&
	printf "%s" "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:set><D:prop><C:supported-calendar-component-set><C:comp name=\"VTODO\"/><C:comp name=\"VJOURNAL\"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>" >mkcal.xml &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -X MKCALENDAR \
	    -H "Content-Type: application/xml" --data-binary @mkcal.xml \
	    "$URL")" = 201 &&
	rm -rf vs-*-$_c *-$_c-dir *-$_c.db &&
	for dev in laptop-$_c phone-$_c; do
		mkdir -p "vs-$dev" "$dev-dir" &&
		printf "%s\n" "[general]" \
		    "status_path = \"$TRASH/vs-$dev/status/\"" \
		    "[pair calllog_journal]" "a = \"journal_local\"" \
		    "b = \"journal_remote\"" "collections = null" \
		    "conflict_resolution = \"$_res\"" \
		    "[storage journal_local]" "type = \"filesystem\"" \
		    "path = \"$TRASH/$dev-dir/\"" "fileext = \".ics\"" \
		    "[storage journal_remote]" "type = \"caldav\"" \
		    "url = \"$URL\"" >"vs-$dev/config" &&
		{ yes | vs $dev discover; } || return 1
	done &&
	export CALLLOG_NOW=2026-12-01T10:00:00Z &&
	expect_exit 0 on laptop-$_c add --org Chase --reason billing \
	    --title "Double charge" --rep Ann --ref SUP-7 --note "first call" &&
	UC=$(on laptop-$_c show 1 --json | jq -r .uuid) &&
	sync_dev laptop-$_c && sync_dev phone-$_c &&
	on phone-$_c show "$UC" --json >out && jq_is .title "Double charge" &&
	export CALLLOG_NOW=2026-12-01T11:00:00Z &&
	expect_exit 0 on laptop-$_c edit 1 --title "Charged twice" &&
	vs laptop-$_c sync &&
	expect_exit 0 on laptop-$_c sync "$TRASH/laptop-$_c-dir" &&
	radicale_stop &&
	! vs laptop-$_c sync &&
	radicale_again &&
	export CALLLOG_NOW=2026-12-01T11:30:00Z &&
	expect_exit 0 on phone-$_c edit "$UC" --priority high &&
	sync_dev phone-$_c &&
	export CALLLOG_NOW=2026-12-01T12:00:00Z &&
	vs laptop-$_c -v debug sync &&
	grep -q "conflict resolution" vs.out &&
	sync_dev laptop-$_c && sync_dev phone-$_c && sync_dev laptop-$_c &&
	for dev in laptop-$_c phone-$_c; do
		on $dev show "$UC" --json >out &&
		jq_is ".title + \" \" + .priority" "Charged twice high" &&
		jq_is ".calls_list[0].rep" "Ann" || return 1
	done &&
	on laptop-$_c export --format json | journal_norm >l.json &&
	on phone-$_c export --format json | journal_norm >p.json &&
	test_cmp l.json p.json &&
	curl -s -f "$URL$UC.ics" >srv.ics &&
	unfold srv.ics | grep -q "^SUMMARY:Charged twice" &&
	unfold srv.ics | grep -q "^PRIORITY:1"
}

test_expect_success 'a failed upload, then "b wins": no edit lost' '
	lost_edit "b wins"
'

test_expect_success 'a failed upload, then "a wins": no edit lost' '
	lost_edit "a wins"
'

test_done
