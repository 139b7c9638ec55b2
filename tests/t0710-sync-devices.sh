#!/bin/sh
# Two devices, one CalDAV server: a laptop and a phone, each with its own
# journal and vdir, each carried to the same calendar collection of a real
# Radicale (or, with SYNC_SERVER=xandikos, Xandikos: t0711) on loopback by
# its own vdirsyncer.  Work done on each apart
# (new cases, calls on the same case, the same field edited at different
# times, a resolve against a call, deletions) ends the same on both after
# they sync: the later edit wins and the earlier one is in the history,
# no call is lost, deletions travel.  A journal entry another client (jtx
# Board) puts on the server becomes a call, redacted; properties calllog
# does not know survive its rewrites byte for byte; a sync with nothing
# changed writes nothing anywhere.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

if ! command -v "${SYNC_SERVER:-radicale}" >/dev/null 2>&1 ||
    ! command -v vdirsyncer >/dev/null 2>&1 ||
    ! command -v curl >/dev/null 2>&1; then
	test_skip "two devices through ${SYNC_SERVER:-radicale} and vdirsyncer" \
	    "${SYNC_SERVER:-radicale}, vdirsyncer or curl is not installed (contrib/install-deps)"
	test_done
fi

# on DEVICE COMMAND...: run calllog on DEVICE's journal.
on() {
	_dev=$1
	shift
	CALLLOG_DB=$TRASH/$_dev.db "$CALLLOG" "$@"
}

# vs DEVICE ARGS...: DEVICE's vdirsyncer; its output added to vs-DEVICE.log
# and kept in vs.out.
vs() {
	_dev=$1
	shift
	VDIRSYNCER_CONFIG=$TRASH/vs-$_dev/config vdirsyncer "$@" >vs.out 2>&1
	_rc=$?
	cat vs.out >>"vs-$_dev.log"
	if test $_rc != 0; then
		echo "vdirsyncer $* on $_dev failed ($_rc):"
		sed 's/^/    /' vs.out
	fi
	return $_rc
}

# sync_dev DEVICE: what a person's sync does: vdirsyncer brings the
# server's changes, calllog merges them with the journal's, vdirsyncer
# takes the result up.
sync_dev() {
	vs "$1" sync &&
	expect_exit 0 on "$1" sync "$TRASH/$1-dir" &&
	cat out >>"sync-$1.log" &&
	vs "$1" sync
}

# same_content: both journals export the same (journal_norm).
same_content() {
	on laptop export --format json | journal_norm >laptop.json &&
	on phone export --format json | journal_norm >phone.json &&
	test_cmp laptop.json phone.json
}

# uuid_of DEVICE ID
uuid_of() {
	on "$1" show "$2" --json | jq -r .uuid
}

# extras FILE: the unknown properties of FILE's item and calendar, sorted
# (their order is not significant), then its alarm and time zone as
# written.
extras() {
	unfold "$1" | grep -E "^X-(JTX|FOO|WR)" | sort &&
	unfold "$1" | sed -n "/^BEGIN:VALARM/,/^END:VALARM/p" &&
	unfold "$1" | sed -n "/^BEGIN:VTIMEZONE/,/^END:VTIMEZONE/p"
}

# unfold FILE: the item's content lines, unfolded, without CR.
unfold() {
	tr -d '\r' <"$1" | awk '/^[ \t]/ { line = line substr($0, 2); next }
	    { if (NR > 1) print line; line = $0 } END { print line }'
}

SERVER=${SYNC_SERVER:-radicale}
test_expect_success "$SERVER on loopback with one collection for to-dos and journal entries" '
	dav_start
'

test_expect_success 'a vdirsyncer for each device, pairing its folder with the collection' '
	for dev in laptop phone; do
		mkdir -p "vs-$dev" "$dev-dir" &&
		printf "%s\n" "[general]" \
		    "status_path = \"$TRASH/vs-$dev/status/\"" \
		    "[pair cal]" "a = \"local\"" "b = \"remote\"" \
		    "collections = null" "conflict_resolution = \"b wins\"" \
		    "[storage local]" "type = \"filesystem\"" \
		    "path = \"$TRASH/$dev-dir/\"" "fileext = \".ics\"" \
		    "[storage remote]" "type = \"caldav\"" "url = \"$URL\"" \
		    >"vs-$dev/config" &&
		{ yes | vs $dev discover; } || return 1
	done
'

test_expect_success 'the laptop records cases and calls and syncs' '
	export CALLLOG_NOW=2026-11-20T15:00:00Z &&
	expect_exit 0 on laptop add --org Chase --reason billing --title "Double charge" \
	    --rep Ann --note "first call on case one" &&
	expect_exit 0 on laptop add --case 1 --rep Ben --note "second call on case one" &&
	expect_exit 0 on laptop add --org "American Express" --reason fraud \
	    --title "Unknown charge" --note "case two, first call" &&
	expect_exit 0 on laptop add --org Delta --reason travel --title "Lost bag" \
	    --note "case three, first call" &&
	U1=$(uuid_of laptop 1) && U2=$(uuid_of laptop 2) && U3=$(uuid_of laptop 3) &&
	K2=$(on laptop show 1 --json | jq -r ".calls_list[] | select(.rep == \"Ben\") | .uuid") &&
	test -n "$K2" && test "$K2" != null &&
	sync_dev laptop &&
	test "$(ls laptop-dir | wc -l)" = 7 &&
	curl -s -f "$URL$U1.ics" >u1.ics &&
	grep -q "^BEGIN:VTODO" u1.ics &&
	curl -s -f "$URL$K2.ics" >k2.ics &&
	grep -q "^BEGIN:VJOURNAL" k2.ics &&
	grep -q "^RELATED-TO;RELTYPE=PARENT:$U1" k2.ics
'

test_expect_success 'the phone syncs and has the same journal' '
	sync_dev phone &&
	out_contains "7 read" &&
	test "$(ls phone-dir | wc -l)" = 7 &&
	same_content &&
	jq -e ".cases | length == 3" phone.json >/dev/null &&
	jq -e "[.cases[].calls[]] | length == 4" phone.json >/dev/null
'

test_expect_success 'work on both apart' '
	export CALLLOG_NOW=2026-11-21T14:00:00Z &&
	expect_exit 0 on laptop add --org Citi --reason account --title "Laptop case" \
	    --note "made on the laptop" &&
	expect_exit 0 on laptop add --case "$U1" --rep Cy --note "laptop call on case one" &&
	expect_exit 0 on laptop edit "$U1" --title "Laptop title" &&
	expect_exit 0 on laptop resolve "$U2" --note "refund arrived" &&
	expect_exit 0 on laptop delete "$U3" &&
	export CALLLOG_NOW=2026-11-21T16:00:00Z &&
	expect_exit 0 on phone add --org Wells --reason general --title "Phone case" \
	    --note "made on the phone" &&
	expect_exit 0 on phone add --case "$U1" --rep Dee --note "phone call on case one" &&
	expect_exit 0 on phone edit "$U1" --title "Phone title" &&
	expect_exit 0 on phone add --case "$U2" --rep Eve --note "phone call on case two" &&
	k2=$(on phone export --format json | jq -r ".cases[].calls[] | select(.uuid == \"$K2\") | .id") &&
	expect_exit 0 on phone delete --call "$k2" &&
	export CALLLOG_NOW=2026-11-21T18:00:00Z
'

test_expect_success 'both sync, twice: the same journal on both' '
	sync_dev laptop && sync_dev phone &&
	sync_dev laptop && sync_dev phone &&
	same_content
'

test_expect_success 'the later edit won on both; the earlier is in the history' '
	for dev in laptop phone; do
		expect_exit 0 on $dev show "$U1" --json &&
		jq_is .title "Phone title" &&
		expect_exit 0 on $dev history --json &&
		jq -e "[.[].rows[] | select(.table == \"cases\") |
		    select(.old.title == \"Laptop title\" or .new.title == \"Laptop title\")] |
		    length > 0" out >/dev/null || {
			echo "no history of \"Laptop title\" on $dev"; return 1; }
	done &&
	grep -q "title changed on both sides" sync-laptop.log sync-phone.log
'

test_expect_success 'nothing lost: every call from both sides is there' '
	for note in "first call on case one" "laptop call on case one" \
	    "phone call on case one" "case two, first call" \
	    "phone call on case two" "made on the laptop" "made on the phone"; do
		jq -e --arg n "$note" "[.cases[].calls[] | select(.notes == \$n)] |
		    length == 1" laptop.json >/dev/null || {
			echo "call \"$note\" is not there once"; return 1; }
	done &&
	jq -e "[.cases[] | select(.title == \"Laptop case\" or .title == \"Phone case\")] |
	    length == 2" laptop.json >/dev/null
'

test_expect_success 'the resolve on one side and the call on the other both stand' '
	for dev in laptop phone; do
		expect_exit 0 on $dev show "$U2" --json &&
		jq_is .status resolved &&
		jq_is "[.calls_list[] | select(.rep == \"Eve\")] | length" 1 ||
		return 1
	done
'

test_expect_success 'the deletions travelled: a case from the laptop, a call from the phone' '
	for dev in laptop phone; do
		expect_exit 1 on $dev show "$U3" &&
		test_path_is_missing "$dev-dir/$U3.ics" &&
		test_path_is_missing "$dev-dir/$K2.ics" || return 1
	done &&
	jq -e "[.cases[] | select(.uuid == \"$U3\")] | length == 0" laptop.json >/dev/null &&
	jq -e "[.cases[].calls[] | select(.uuid == \"$K2\")] | length == 0" laptop.json >/dev/null &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL$U3.ics")" = 404 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL$K2.ics")" = 404
'

# A jtx Board journal entry under case one, with a card number pasted in.
J=$(cat /proc/sys/kernel/random/uuid)
test_expect_success 'a journal entry put on the server by another client becomes a call' '
	printf "%s\r\n" "BEGIN:VCALENDAR" "VERSION:2.0" \
	    "PRODID:+//IDN bitfire.at//jtx Board//EN" "BEGIN:VJOURNAL" \
	    "UID:$J" "DTSTAMP:20261121T190000Z" "DTSTART:20261121T183000Z" \
	    "SUMMARY:Called from the phone app" \
	    "DESCRIPTION:They asked for the card 4111 1111 1111 1111 again" \
	    "RELATED-TO;RELTYPE=PARENT:$U1" "END:VJOURNAL" "END:VCALENDAR" \
	    >jtx.ics &&
	code=$(curl -s -o /dev/null -w "%{http_code}" -X PUT -H "Expect:" \
	    -H "If-None-Match: *" -H "Content-Type: text/calendar" \
	    --data-binary @jtx.ics "$URL$J.ics") &&
	case $code in 201|204) ;; *) echo "PUT: $code"; false ;; esac &&
	sync_dev laptop &&
	expect_exit 0 on laptop export --format json &&
	jq -e --arg j "$J" --arg c "$U1" "[.cases[] | select(.uuid == \$c) |
	    .calls[] | select(.uuid == \$j)] | length == 1" out >/dev/null &&
	jq -r --arg j "$J" ".cases[].calls[] | select(.uuid == \$j) | .notes" out >notes &&
	grep -q "They asked for the card" notes &&
	grep -q "Called from the phone app" notes &&
	! grep -q "4111 1111" notes &&
	grep -q "ending 1111" notes &&
	jq -r --arg j "$J" ".cases[].calls[] | select(.uuid == \$j) | .started" out >started &&
	test "$(cat started)" = 2026-11-21T18:30:00Z
'

test_expect_success 'the card number is gone from the server and the other device' '
	sync_dev laptop &&
	curl -s -f "$URL$J.ics" >jtx-now.ics &&
	! grep -q "4111" jtx-now.ics &&
	! grep -rq "4111 1111" laptop-dir &&
	sync_dev phone &&
	! grep -rq "4111 1111" phone-dir &&
	same_content
'

# A case item a client saved with properties calllog does not know.
test_expect_success 'a client adds unknown properties, an alarm and a time zone to a case on the server' '
	curl -s -f -D hdr "$URL$U1.ics" | tr -d "\r" >c1.ics &&
	etag=$(sed -n "s/^[Ee][Tt][Aa][Gg]: *//p" hdr | tr -d "\r") &&
	awk -v q="\"" "
	    /^PRODID:/ { print \"PRODID:+//IDN bitfire.at//jtx Board//EN\"; next }
	    /^VERSION:/ {
		print; print \"X-WR-CALNAME:Disputes\"
		print \"BEGIN:VTIMEZONE\"; print \"TZID:Europe/Vienna\"
		print \"BEGIN:STANDARD\"; print \"DTSTART:19701025T030000\"
		print \"TZOFFSETFROM:+0200\"; print \"TZOFFSETTO:+0100\"
		print \"END:STANDARD\"; print \"END:VTIMEZONE\"; next
	    }
	    /^END:VTODO/ {
		print \"X-JTX-COLOR:-16777216\"
		print \"X-FOO;X-P=\" q \"a,b\" q \";Y=c:hello\\\\, world\"
		print \"BEGIN:VALARM\"; print \"ACTION:DISPLAY\"
		print \"DESCRIPTION:Call them back\"
		print \"TRIGGER;RELATED=START:-PT15M\"; print \"END:VALARM\"
	    }
	    { print }" c1.ics | sed "s/\$/\r/" >c1-new.ics &&
	grep -q "^X-FOO;X-P=\"a,b\";Y=c:hello\\\\, world" c1-new.ics &&
	extras c1-new.ics >extra.want &&
	test "$(wc -l <extra.want)" = 16 &&
	code=$(curl -s -o /dev/null -w "%{http_code}" -X PUT -H "Expect:" \
	    -H "If-Match: $etag" -H "Content-Type: text/calendar" \
	    --data-binary @c1-new.ics "$URL$U1.ics") &&
	case $code in 201|204) ;; *) echo "PUT: $code"; false ;; esac
'

test_expect_success 'they survive an edit on each device and two round trips, byte for byte' '
	export CALLLOG_NOW=2026-11-22T15:00:00Z &&
	sync_dev phone &&
	expect_exit 0 on phone edit "$U1" --merchant "Shop One" &&
	sync_dev phone &&
	curl -s -f "$URL$U1.ics" >s1.ics &&
	grep -q "Shop One" s1.ics &&
	extras s1.ics >extra.1 &&
	test_cmp extra.want extra.1 &&
	export CALLLOG_NOW=2026-11-22T16:00:00Z &&
	sync_dev laptop &&
	expect_exit 0 on laptop edit "$U1" --merchant "Shop Two" &&
	sync_dev laptop &&
	curl -s -f "$URL$U1.ics" >s2.ics &&
	grep -q "Shop Two" s2.ics &&
	extras s2.ics >extra.2 &&
	test_cmp extra.want extra.2 &&
	extras "laptop-dir/$U1.ics" >extra.3 &&
	test_cmp extra.want extra.3 &&
	sync_dev phone &&
	expect_exit 0 on phone show "$U1" --json &&
	jq_is .merchant "Shop Two" &&
	same_content
'

test_expect_success 'unknown properties on a journal entry survive an edit of the call' '
	curl -s -f -D hdr "$URL$J.ics" | tr -d "\r" >j.ics &&
	etag=$(sed -n "s/^[Ee][Tt][Aa][Gg]: *//p" hdr | tr -d "\r") &&
	awk "/^END:VJOURNAL/ { print \"X-JTX-COLOR:-16711936\" } { print }" j.ics |
	    sed "s/\$/\r/" >j-new.ics &&
	code=$(curl -s -o /dev/null -w "%{http_code}" -X PUT -H "Expect:" \
	    -H "If-Match: $etag" -H "Content-Type: text/calendar" \
	    --data-binary @j-new.ics "$URL$J.ics") &&
	case $code in 201|204) ;; *) echo "PUT: $code"; false ;; esac &&
	export CALLLOG_NOW=2026-11-22T17:00:00Z &&
	sync_dev laptop &&
	jid=$(on laptop export --format json | jq -r ".cases[].calls[] | select(.uuid == \"$J\") | .id") &&
	expect_exit 0 on laptop edit --call "$jid" --rep Fay &&
	sync_dev laptop &&
	curl -s -f "$URL$J.ics" >j2.ics &&
	grep -q "^X-CALLLOG-REP:Fay" j2.ics &&
	unfold j2.ics | grep -qx "X-JTX-COLOR:-16711936"
'

test_expect_success 'after everything, both journals are the same' '
	sync_dev phone && sync_dev laptop && sync_dev phone &&
	same_content
'

test_expect_success 'a second sync with nothing changed writes nothing on either side' '
	for dev in laptop phone; do
		before=$(cd "$dev-dir" && ls -li --time-style=full-iso) &&
		hist=$(on $dev history --json | jq length) &&
		db_snapshot "$dev" "$TRASH/$dev.db" &&
		expect_exit 0 on $dev sync "$TRASH/$dev-dir" &&
		out_contains "nothing to do" &&
		test "$(cd "$dev-dir" && ls -li --time-style=full-iso)" = "$before" &&
		test "$(on $dev history --json | jq length)" = "$hist" &&
		db_unchanged "$dev" "$TRASH/$dev.db" &&
		vs $dev sync &&
		! grep -E "Copying|Deleting" vs.out || return 1
	done
'

test_done
