#!/bin/sh
# Calendars both ways: what a person does to a reminder in a calendar
# client (todoman here, a phone through a real Radicale server and
# vdirsyncer) comes back to the journal on the next `ical --vdir`, instead
# of being overwritten; files are calllog's by name and UID, not PRODID;
# SEQUENCE never goes down; the text does not depend on TZ.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

TODOMAN=$(command -v todoman || command -v todo) || TODOMAN=
V=$TRASH/cals/calllog
mkdir -p "$TRASH/cals"

# uuid_of ID: the uuid of case ID.
uuid_of() {
	"$CALLLOG" show "$1" --json | jq -r .uuid
}

# field FILE NAME: the value of the first NAME property in FILE.
field() {
	sed -n "s/^$2[;:]\([^:]*:\)\{0,1\}//p" "$1" | tr -d '\r' | head -n 1
}

# foreign_edit FILE SED: edit FILE as a calendar client saving it would,
# with its own PRODID.
foreign_edit() {
	sed -i -e "s|^PRODID:.*|PRODID:-//Example Phone//Calendar 7.1//EN\r|" \
	    -e "$2" "$1"
}

test_expect_success 'three open cases mirrored into a vdir' '
	expect_exit 0 cl add --org "American Express" --reason billing \
		--number 1-800-528-2122 --follow-up 2026-11-24 &&
	expect_exit 0 cl add --org Chase --reason fraud \
		--promise "call back" --promised-by 2026-11-23 \
		--follow-up 2026-11-25 &&
	expect_exit 0 cl add --org Delta --reason travel --follow-up 2026-11-26 &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "6 added" &&
	U1=$(uuid_of 1) && U2=$(uuid_of 2) && U3=$(uuid_of 3) &&
	test -f "$V/$U1-followup.ics" && test -f "$V/$U2-escalation.ics"
'

if test -n "$TODOMAN"; then
	cat >todoman.py <<-EOF
	path = "$TRASH/cals/*"
	date_format = "%Y-%m-%d"
	time_format = "%H:%M"
	default_list = "calllog"
	cache_path = "$TRASH/todoman-cache.sqlite3"
	EOF
	test_expect_success 'todoman done on a follow-up: recorded, the next one a week on' '
		seq1=$(field "$V/$U1-followup.ics" SEQUENCE) &&
		id=$("$TODOMAN" -c todoman.py --porcelain list |
		    jq ".[] | select(.summary | startswith(\"Follow up with American\")) | .id") &&
		"$TODOMAN" -c todoman.py done "$id" >/dev/null &&
		test "$(field "$V/$U1-followup.ics" STATUS)" = COMPLETED &&
		seq_done=$(field "$V/$U1-followup.ics" SEQUENCE) &&
		expect_exit 0 cl ical --vdir "$V" &&
		out_contains "case 1: follow-up done in a calendar; next follow-up 2026-11-27 10:00" &&
		expect_exit 0 cl show 1 --json &&
		jq_is .next_followup 2026-11-27T15:00:00Z &&
		jq_is ".events[-1].note" "follow-up done (completed in a calendar)" &&
		test "$(field "$V/$U1-followup.ics" STATUS)" = NEEDS-ACTION &&
		test "$(field "$V/$U1-followup.ics" DUE)" = 20261127T150000Z &&
		seq2=$(field "$V/$U1-followup.ics" SEQUENCE) &&
		echo "SEQUENCE: calllog $seq1, todoman $seq_done, calllog $seq2" &&
		test "$seq2" -gt "$seq_done" && test "$seq2" -gt "$seq1"
	'

	test_expect_success 'todoman lists the next follow-up, open again' '
		"$TODOMAN" -c todoman.py --porcelain list >todo.json &&
		jq -e ".[] | select(.summary | startswith(\"Follow up with American\")) |
		    select(.completed == false)" todo.json >/dev/null
	'
else
	test_skip 'todoman done on a follow-up' "todoman is not installed"
	test_skip 'todoman lists the next follow-up' "todoman is not installed"
fi

test_expect_success 'a second run after the read-back writes nothing' '
	vdir_before=$(cd "$V" && ls -li --time-style=full-iso) &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "0 added, 0 updated, 0 removed" &&
	test "$(cd "$V" && ls -li --time-style=full-iso)" = "$vdir_before"
'

test_expect_success 'a DUE moved by a client with its own PRODID reschedules the follow-up' '
	foreign_edit "$V/$U3-followup.ics" "s/^DUE:.*/DUE:20261203T193000Z\r/" &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "case 3: follow-up moved in a calendar to 2026-12-03 14:30" &&
	expect_exit 0 cl show 3 --json &&
	jq_is .next_followup 2026-12-03T19:30:00Z &&
	jq_is ".events[-1].note" "moved in a calendar" &&
	grep -q "^PRODID:-//calllog//" "$V/$U3-followup.ics" &&
	test "$(field "$V/$U3-followup.ics" DUE)" = 20261203T193000Z
'

test_expect_success 'a DUE given as a date alone means 09:00 local time' '
	foreign_edit "$V/$U3-followup.ics" "s/^DUE:.*/DUE;VALUE=DATE:20261207\r/" &&
	expect_exit 0 cl ical --vdir "$V" &&
	expect_exit 0 cl show 3 --json &&
	jq_is .next_followup 2026-12-07T14:00:00Z
'

test_expect_success 'a completed escalation to-do escalates the case to the level it asked' '
	foreign_edit "$V/$U2-escalation.ics" \
		"s/^STATUS:NEEDS-ACTION/STATUS:COMPLETED/" &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "case 2: escalated to supervisor (marked done in a calendar)" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .escalation supervisor &&
	jq_is .status escalated &&
	grep -q "formal complaint" "$V/$U2-escalation.ics" &&
	test "$(field "$V/$U2-escalation.ics" STATUS)" = NEEDS-ACTION
'

test_expect_success 'a deleted follow-up file is dismissed, not written back' '
	rm "$V/$U3-followup.ics" &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "case 3: follow-up reminder deleted from the calendar; dismissed" &&
	test_path_is_missing "$V/$U3-followup.ics" &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "0 added, 0 updated, 0 removed" &&
	test_path_is_missing "$V/$U3-followup.ics"
'

test_expect_success 'it comes back when its due time changes' '
	expect_exit 0 cl followup 3 2026-12-10 &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "1 added" &&
	test "$(field "$V/$U3-followup.ics" DUE)" = 20261210T140000Z
'

test_expect_success 'a cancelled reminder is dismissed the same way' '
	foreign_edit "$V/$U3-followup.ics" "s/^STATUS:NEEDS-ACTION/STATUS:CANCELLED/" &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "case 3: follow-up reminder cancelled in a calendar" &&
	test "$(field "$V/$U3-followup.ics" STATUS)" = CANCELLED &&
	expect_exit 0 cl show 3 --json &&
	jq_is .next_followup 2026-12-10T14:00:00Z
'

test_expect_success 'after resolve, files a client saved with its own PRODID are removed' '
	foreign_edit "$V/$U1-followup.ics" "s/^SUMMARY:/SUMMARY:(phone) /" &&
	foreign_edit "$V/$U1-escalation.ics" "s/^SUMMARY:/SUMMARY:(phone) /" &&
	expect_exit 0 cl resolve 1 &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "2 removed" &&
	test_path_is_missing "$V/$U1-followup.ics" &&
	test_path_is_missing "$V/$U1-escalation.ics"
'

test_expect_success 'a file that is not iCalendar is left alone and reported' '
	cp "$V/$U2-followup.ics" keep.ics &&
	echo "half a file" >"$V/$U2-followup.ics" &&
	expect_exit 0 cl ical --vdir "$V" &&
	grep -q "cannot read" err &&
	test "$(cat "$V/$U2-followup.ics")" = "half a file" &&
	cp keep.ics "$V/$U2-followup.ics"
'

test_expect_success 'each read-back is an event in the case history' '
	expect_exit 0 cl show 3 --json &&
	jq_is "[.events[] | select(.note == \"moved in a calendar\")] | length" 2
'

test_expect_success 'a read-back is one change in the history, and undo reverts it' '
	foreign_edit "$V/$U2-followup.ics" "s/^DUE:.*/DUE:20261215T150000Z\r/" &&
	expect_exit 0 cl ical --vdir "$V" &&
	out_contains "case 2: follow-up moved in a calendar" &&
	expect_exit 0 cl history 2 &&
	out_contains "read back from a calendar: case 2" &&
	expect_exit 0 cl undo &&
	out_contains "read back from a calendar" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .next_followup 2026-11-25T14:00:00Z &&
	expect_exit 0 cl ical --vdir "$V" &&
	test "$(field "$V/$U2-followup.ics" DUE)" = 20261125T140000Z
'

# --- the zone the command runs in changes nothing ---------------------------

test_expect_success 'the same journal under three TZ values: the 2nd and 3rd runs rewrite nothing' '
	W=$TRASH/tz-vdir &&
	TZ=America/New_York "$CALLLOG" ical --vdir "$W" >/dev/null &&
	before=$(cd "$W" && ls -li --time-style=full-iso && cat ./*.ics) &&
	for zone in Europe/Berlin Asia/Tokyo; do
		expect_exit 0 env TZ=$zone "$CALLLOG" ical --vdir "$W" &&
		out_contains "0 added, 0 updated, 0 removed" || return 1
	done &&
	test "$(cd "$W" && ls -li --time-style=full-iso && cat ./*.ics)" = "$before" &&
	grep -q "Promised: call back by 2026-11-24T04:59:59Z" "$W/$U2-followup.ics"
'

# --- events: a moved DTSTART ------------------------------------------------

test_expect_success '--events: a moved DTSTART reschedules the follow-up' '
	E=$TRASH/events &&
	expect_exit 0 cl ical --events --vdir "$E" &&
	foreign_edit "$E/$U2-followup.ics" "s/^DTSTART:.*/DTSTART:20261204T160000Z\r/" &&
	expect_exit 0 cl ical --events --vdir "$E" &&
	out_contains "case 2: follow-up moved in a calendar" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .next_followup 2026-12-04T16:00:00Z
'

# --- a phone through a real CalDAV server ------------------------------------

if command -v radicale >/dev/null 2>&1 &&
    command -v vdirsyncer >/dev/null 2>&1 &&
    command -v curl >/dev/null 2>&1; then
	test_expect_success 'Radicale on loopback, and vdirsyncer pairing the vdir with it' '
		radicale_start &&
		URL=http://127.0.0.1:$PORT/user/cal/ &&
		test "$(curl -s -o /dev/null -w "%{http_code}" -X MKCALENDAR \
		    "$URL")" = 201 &&
		mkdir -p vs &&
		printf "%s\n" "[general]" "status_path = \"$TRASH/vs/status/\"" \
		    "[pair cal]" "a = \"local\"" "b = \"remote\"" \
		    "collections = null" "conflict_resolution = \"b wins\"" \
		    "[storage local]" "type = \"filesystem\"" \
		    "path = \"$V/\"" "fileext = \".ics\"" \
		    "[storage remote]" "type = \"caldav\"" "url = \"$URL\"" \
		    >vs/config &&
		export VDIRSYNCER_CONFIG=$TRASH/vs/config &&
		yes | vdirsyncer discover >vs.log 2>&1 &&
		vdirsyncer sync >>vs.log 2>&1 &&
		curl -s -f "$URL$U2-followup.ics" >server.ics &&
		grep -q "^UID:$U2" server.ics
	'

	test_expect_success 'a phone completes a follow-up on the server: it reaches the journal' '
		curl -s -D hdr "$URL$U2-followup.ics" | tr -d "\r" >phone.ics &&
		etag=$(sed -n "s/^[Ee][Tt][Aa][Gg]: *//p" hdr | tr -d "\r") &&
		sed -i -e "s|^PRODID:.*|PRODID:-//Example Phone//EN|" \
		    -e "s/^STATUS:NEEDS-ACTION/STATUS:COMPLETED/" phone.ics &&
		sed -i "s/\$/\r/" phone.ics &&
		code=$(curl -s -o /dev/null -w "%{http_code}" -X PUT -H "Expect:" \
		    -H "If-Match: $etag" -H "Content-Type: text/calendar" \
		    --data-binary @phone.ics "$URL$U2-followup.ics") &&
		case $code in 201|204) ;; *) echo "PUT: $code"; false ;; esac &&
		vdirsyncer sync >>vs.log 2>&1 &&
		test "$(field "$V/$U2-followup.ics" STATUS)" = COMPLETED &&
		expect_exit 0 cl ical --vdir "$V" &&
		out_contains "case 2: follow-up done in a calendar" &&
		expect_exit 0 cl show 2 --json &&
		jq_is .next_followup 2026-11-27T15:00:00Z
	'

	test_expect_success 'the server ends with what the journal says' '
		vdirsyncer sync >>vs.log 2>&1 &&
		curl -s -f "$URL$U2-followup.ics" >server.ics &&
		test "$(field server.ics STATUS)" = NEEDS-ACTION &&
		test "$(field server.ics DUE)" = 20261127T150000Z &&
		grep -q "^PRODID:-//calllog//" server.ics &&
		expect_exit 0 cl ical --vdir "$V" &&
		out_contains "0 added, 0 updated, 0 removed" &&
		vdirsyncer sync >sync2.log 2>&1 &&
		! grep -q "Copying" sync2.log
	'
else
	for t in 'Radicale and vdirsyncer' 'a phone completes a follow-up' \
	    'the server ends with what the journal says'; do
		test_skip "$t" "radicale, vdirsyncer or curl is not installed"
	done
fi

test_done
