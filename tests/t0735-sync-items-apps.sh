#!/bin/sh
# t0735: items as apps write them (DESIGN.md, "Sync across devices":
# "Servers, vdirsyncer and apps replace files whole..."): a client's own
# SUMMARY of a call and a DTSTART it set are kept, a note without DTSTART
# gets none; when calllog moves DUE the item stays valid (RFC 5545
# 3.8.2.3: DTSTART not after DUE, both of one value type) and an all-day
# DUE stays all-day; `ical --vdir` items have UIDs of their own, so a
# sync folder and a reminder folder live on one server, and an older
# reminder folder (the case's uuid as UID) is upgraded without losing
# what a client did to it.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	test_bail "/usr/bin/python3 cannot import icalendar" \
	    "(Debian: python3-icalendar; contrib/install-deps test)"
fi

LAPTOP=$TRASH/laptop.db
DIR=$TRASH/cal
REM=$TRASH/rem
CALLLOG_NOW=2026-12-01T10:00:00
TZ=America/New_York
export CALLLOG_NOW TZ

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }

# uids FOLDER: the UIDs of the folder's items, one a line, sorted.
uids() {
	for _f in "$1"/*.ics; do
		tr -d '\r' <"$_f" | sed -n 's/^UID://p'
	done | sort
}

# fnv FILE: the FNV-1a hash `ical --vdir` remembers of a file it wrote.
fnv() {
	/usr/bin/python3 -c 'import sys
h = 14695981039346656037
for b in open(sys.argv[1], "rb").read():
    h = ((h ^ b) * 1099511628211) % 2**64
print("%016x" % h)' "$1"
}

# rfc_check FILE: python3-icalendar reads the file, and its VTODO keeps
# RFC 5545 3.8.2.3: DTSTART and DUE of one value type, DTSTART not after
# DUE.  Prints what is wrong.
rfc_check() {
	/usr/bin/python3 - "$1" <<'EOF'
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
for c in cal.walk():
    if c.name == "VTODO" and "DTSTART" in c and "DUE" in c:
        s, d = c["DTSTART"].dt, c["DUE"].dt
        sd = not isinstance(s, datetime.datetime)
        dd = not isinstance(d, datetime.datetime)
        if sd != dd:
            sys.exit("DTSTART %r and DUE %r: not of one value type" % (s, d))
        if s > d:
            sys.exit("DTSTART %r after DUE %r" % (s, d))
EOF
}

# prop FILE NAME: the item's NAME lines (parameters too), unfolded, its
# alarms' aside.
prop() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import re, sys
text = re.sub(r"\r?\n[ \t]", "", open(sys.argv[1]).read())
depth = 0
for line in text.splitlines():
    if line.startswith("BEGIN:"):
        depth += 1
    elif line.startswith("END:"):
        depth -= 1
    elif depth == 2 and re.match(re.escape(sys.argv[2]) + "[;:]", line, re.I):
        print(line)
EOF
}

# item_file UID: the sync folder's file of the item UID.
item_file() {
	grep -l "^UID:$1" "$DIR"/*.ics
}

# call_id UUID: the journal's id of call UUID.
call_id() {
	lap log --json | jq -r ".[] | select(.uuid == \"$1\") | .id"
}

# jtx FILE UID SUMMARY [DTSTART]: a journal entry as jtx Board writes it
# under case U1 (without DTSTART: a note).
jtx() {
	{
		printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 \
		    "PRODID:+//IDN bitfire.at//ical4android (at.techbee.jtx)" \
		    BEGIN:VJOURNAL "UID:$2" DTSTAMP:20261201T120000Z \
		    CREATED:20261201T120000Z LAST-MODIFIED:20261201T120000Z \
		    SEQUENCE:0 "SUMMARY:$3" \
		    "DESCRIPTION:They said the card is blocked." \
		    STATUS:FINAL CLASS:PUBLIC "RELATED-TO;RELTYPE=PARENT:$U1" \
		    "X-JTX-COLOR:-16738680" &&
		if test -n "$4"; then printf "%s\r\n" "DTSTART:$4"; fi &&
		printf "%s\r\n" END:VJOURNAL END:VCALENDAR
	} >"$1"
}

test_expect_success 'a case with a follow-up, in a sync folder and a reminder folder' '
	expect_exit 0 lap add --org Chase --reason fraud --title "Card stolen" \
	    --follow-up 2026-12-04 &&
	expect_exit 0 lap add --org Delta --reason travel --follow-up 2026-12-05 &&
	expect_exit 0 lap sync "$DIR" &&
	expect_exit 0 lap ical --vdir "$REM" &&
	U1=$(lap show 1 --json | jq -r .uuid) &&
	U2=$(lap show 2 --json | jq -r .uuid) &&
	test -n "$U1" && test -n "$U2"
'

test_expect_success 'ical --vdir: no item has a case uuid as its UID' '
	uids "$REM" >rem-uids &&
	uids "$DIR" >sync-uids &&
	test -s rem-uids && test -s sync-uids &&
	comm -12 rem-uids sync-uids >both &&
	test_must_be_empty both &&
	grep -x "$U1-followup" rem-uids &&
	! grep -x "$U1" rem-uids &&
	! grep -x "$U2" rem-uids &&
	test -f "$REM/$U1-followup.ics" &&
	# plain `ical` output says the same
	expect_exit 0 lap ical -o cal.ics &&
	! tr -d "\r" <cal.ics | grep -x "UID:$U1"
'

if command -v radicale >/dev/null 2>&1 && command -v curl >/dev/null 2>&1
then
	test_expect_success 'both folders PUT into one Radicale calendar: no 409' '
		radicale_start &&
		URL=http://127.0.0.1:$PORT/user/cal/ &&
		test "$(curl -s -o /dev/null -w "%{http_code}" -X MKCALENDAR \
		    "$URL")" = 201 &&
		# each folder under hrefs of its own, new items as vdirsyncer
		# uploads them (If-None-Match: *)
		for f in "$DIR"/*.ics "$REM"/*.ics; do
			href=$(basename "$(dirname "$f")")-$(basename "$f") &&
			code=$(curl -s -o put.out -w "%{http_code}" -X PUT \
			    -H "Content-Type: text/calendar" \
			    -H "If-None-Match: *" \
			    --data-binary "@$f" "$URL$href") &&
			echo "$code $href" >>puts &&
			case $code in 201|204) ;; *) cat put.out; false ;; esac ||
			return 1
		done &&
		cat puts &&
		test "$(wc -l <puts)" -eq $(($(ls "$DIR" | wc -l) + $(ls "$REM" | wc -l))) &&
		# the server holds them all, each as it was sent
		for f in "$DIR"/*.ics "$REM"/*.ics; do
			href=$(basename "$(dirname "$f")")-$(basename "$f") &&
			curl -s -f "$URL$href" | tr -d "\r" |
			    sed -n "s/^UID://p" >got-uid &&
			tr -d "\r" <"$f" | sed -n "s/^UID://p" >want-uid &&
			test_cmp want-uid got-uid || return 1
		done
	'
else
	test_skip 'both folders PUT into one Radicale calendar: no 409' \
	    "radicale or curl is not installed (contrib/install-deps)"
fi

# --- a client's title of a call, a note without DTSTART (issue 23, 3) ---

test_expect_success 'jtx Board: an entry and a note under the case become calls' '
	jtx "$DIR/jtx-entry.ics" jtx-entry-1@techbee.at "Called Chase again" \
	    20261201T163000Z &&
	jtx "$DIR/jtx-note.ics" jtx-note-2@techbee.at "Note: ask for Ms Ortiz" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "2 added here" &&
	lap log --json >log.json &&
	KE=$(jq -r ".[] | select(.notes // \"\" | startswith(\"Called Chase again\")) | .uuid" log.json) &&
	KN=$(jq -r ".[] | select(.notes // \"\" | startswith(\"Note: ask\")) | .uuid" log.json) &&
	test -n "$KE" && test -n "$KN" &&
	jq -e ".[] | select(.uuid == \"$KE\") | .started == \"2026-12-01T16:30:00Z\"" log.json &&
	KN_STARTED=$(jq -r ".[] | select(.uuid == \"$KN\") | .started" log.json)
'

test_expect_success 'edited here: the entry keeps its title, the note gets no DTSTART' '
	CALLLOG_NOW=2026-12-01T12:00:00 &&
	expect_exit 0 lap edit --call "$(call_id "$KE")" --outcome info &&
	expect_exit 0 lap edit --call "$(call_id "$KN")" --outcome callback &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$DIR/jtx-entry.ics" SUMMARY >got &&
	echo "SUMMARY:Called Chase again" >want &&
	test_cmp want got &&
	prop "$DIR/jtx-entry.ics" DESCRIPTION >got &&
	echo "DESCRIPTION:They said the card is blocked." >want &&
	test_cmp want got &&
	prop "$DIR/jtx-entry.ics" DTSTART >got &&
	echo "DTSTART:20261201T163000Z" >want &&
	test_cmp want got &&
	grep -q "^X-CALLLOG-OUTCOME:info" "$DIR/jtx-entry.ics" &&
	prop "$DIR/jtx-note.ics" SUMMARY >got &&
	echo "SUMMARY:Note: ask for Ms Ortiz" >want &&
	test_cmp want got &&
	prop "$DIR/jtx-note.ics" DTSTART >got &&
	test_must_be_empty got &&
	grep -q "^X-CALLLOG-OUTCOME:callback" "$DIR/jtx-note.ics" &&
	# the journal still has the calls as they were
	lap log --json >log.json &&
	jq -e ".[] | select(.uuid == \"$KE\") | .notes == \"Called Chase again\n\nThey said the card is blocked.\"" log.json &&
	jq -e ".[] | select(.uuid == \"$KN\") | .started == \"$KN_STARTED\"" log.json &&
	/usr/bin/python3 -c "import icalendar, sys
for f in sys.argv[1:]:
    icalendar.Calendar.from_ical(open(f, \"rb\").read())" "$DIR"/*.ics
'

test_expect_success 'a retitle on the phone is kept, not reverted' '
	sed -i -e "s/^SUMMARY:.*/SUMMARY:Called Chase a third time\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261201T180000Z\r/" \
	    -e "s/^SEQUENCE:.*/SEQUENCE:5\r/" "$DIR/jtx-entry.ics" &&
	CALLLOG_NOW=2026-12-01T14:00:00 &&
	expect_exit 0 lap sync "$DIR" &&
	lap log --json >log.json &&
	jq -e ".[] | select(.uuid == \"$KE\") | .notes == \"Called Chase a third time\n\nThey said the card is blocked.\"" log.json &&
	prop "$DIR/jtx-entry.ics" SUMMARY >got &&
	echo "SUMMARY:Called Chase a third time" >want &&
	test_cmp want got &&
	# and once more after an edit here
	CALLLOG_NOW=2026-12-01T15:00:00 &&
	expect_exit 0 lap edit --call "$(call_id "$KE")" --rep Ortiz &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$DIR/jtx-entry.ics" SUMMARY >got &&
	test_cmp want got &&
	grep -q "^X-CALLLOG-REP:Ortiz" "$DIR/jtx-entry.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do"
'

test_expect_success 'a note moved here stays a note: its start travels in X-CALLLOG-STARTED' '
	CALLLOG_NOW=2026-12-01T16:00:00 &&
	expect_exit 0 lap edit --call "$(call_id "$KN")" --when "2026-11-30 08:15" &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$DIR/jtx-note.ics" DTSTART >got &&
	test_must_be_empty got &&
	# the phone edits the note; the start read back is the one moved here
	sed -i -e "s/^DESCRIPTION:.*/DESCRIPTION:Ms Ortiz is off on Mondays.\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261201T220000Z\r/" \
	    "$DIR/jtx-note.ics" &&
	CALLLOG_NOW=2026-12-01T18:00:00 &&
	expect_exit 0 lap sync "$DIR" &&
	lap log --json >log.json &&
	jq -e ".[] | select(.uuid == \"$KN\") | .started == \"2026-11-30T13:15:00Z\"" log.json &&
	jq -e ".[] | select(.uuid == \"$KN\") | .notes == \"Note: ask for Ms Ortiz\n\nMs Ortiz is off on Mondays.\"" log.json
'

# --- DTSTART and DUE as apps set them (issue 23, 4) ----------------------

test_expect_success 'an all-day DUE and DTSTART from an app: the follow-up at 09:00 there' '
	F1=$(item_file "$U1") &&
	test -n "$F1" &&
	sed -i -e "s/^DUE:.*/DUE;VALUE=DATE:20261210\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261201T235000Z\r/" \
	    -e "s/^BEGIN:VTODO\r\$/BEGIN:VTODO\r\nDTSTART;VALUE=DATE:20261208\r/" \
	    "$F1" &&
	prop "$F1" DTSTART | grep -q "VALUE=DATE:20261208" &&
	CALLLOG_NOW=2026-12-01T19:00:00 &&
	expect_exit 0 lap sync "$DIR" &&
	lap show 1 --json >show1 &&
	jq -e ".next_followup == \"2026-12-10T14:00:00Z\"" show1
'

test_expect_success 'written back, the DUE stays all-day while its day stays' '
	CALLLOG_NOW=2026-12-01T20:00:00 &&
	expect_exit 0 lap edit 1 --priority low &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "^PRIORITY:9" "$F1" &&
	prop "$F1" DUE >got &&
	echo "DUE;VALUE=DATE:20261210" >want &&
	test_cmp want got &&
	prop "$F1" DTSTART >got &&
	echo "DTSTART;VALUE=DATE:20261208" >want &&
	test_cmp want got &&
	rfc_check "$F1"
'

test_expect_success 'a time of day set here on that day is not lost to a date' '
	CALLLOG_NOW=2026-12-01T20:30:00 &&
	expect_exit 0 lap followup 1 "2026-12-10 16:45" &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$F1" DUE >got &&
	echo "DUE:20261210T214500Z" >want &&
	test_cmp want got &&
	rfc_check "$F1" &&
	# the time written is the one read back: nothing to do
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do"
'

test_expect_success 'calllog moves DUE: DTSTART follows its value type (RFC 5545)' '
	CALLLOG_NOW=2026-12-01T21:00:00 &&
	expect_exit 0 lap followup 1 "2026-12-11 14:30" &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$F1" DUE >got &&
	echo "DUE:20261211T193000Z" >want &&
	test_cmp want got &&
	prop "$F1" DTSTART >got &&
	grep -q "^DTSTART:[0-9]\{8\}T[0-9]\{6\}Z\$" got &&
	rfc_check "$F1" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do"
'

test_expect_success 'calllog moves DUE before DTSTART: DTSTART is not left after it' '
	sed -i -e "s/^DTSTART.*/DTSTART:20261209T150000Z\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261202T030000Z\r/" "$F1" &&
	CALLLOG_NOW=2026-12-01T23:00:00 &&
	expect_exit 0 lap sync "$DIR" &&
	rfc_check "$F1" &&
	CALLLOG_NOW=2026-12-02T08:00:00 &&
	expect_exit 0 lap followup 1 "2026-12-03 10:00" &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$F1" DUE >got &&
	echo "DUE:20261203T150000Z" >want &&
	test_cmp want got &&
	rfc_check "$F1" &&
	# a date DUE on another day than the app set: a DATE-TIME, valid
	sed -i -e "s/^DTSTART.*/DTSTART;VALUE=DATE:20261202\r/" \
	    -e "s/^DUE.*/DUE;VALUE=DATE:20261203\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261202T140000Z\r/" "$F1" &&
	CALLLOG_NOW=2026-12-02T10:00:00 &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$F1" DUE | grep -q "VALUE=DATE:20261203" &&
	CALLLOG_NOW=2026-12-02T11:00:00 &&
	expect_exit 0 lap followup 1 "2026-12-04 16:00" &&
	expect_exit 0 lap sync "$DIR" &&
	prop "$F1" DUE >got &&
	echo "DUE:20261204T210000Z" >want &&
	test_cmp want got &&
	rfc_check "$F1"
'

test_expect_success 'every item calllog wrote: python3-icalendar reads it, RFC 5545 holds' '
	n=0 &&
	for f in "$DIR"/*.ics; do
		rfc_check "$f" || { echo "in $f"; return 1; }
		n=$((n + 1))
	done &&
	test "$n" -ge 5
'

# A folder an older calllog kept: the follow-up's file named after the
# case and holding its uuid as UID, the journal remembering it so.
test_expect_success 'an older reminder folder: follow-ups under the case uuid' '
	OLD=$TRASH/old &&
	expect_exit 0 lap ical --vdir "$OLD" &&
	for u in "$U1" "$U2"; do
		mv "$OLD/$u-followup.ics" "$OLD/$u.ics" &&
		sed -i "s/^UID:$u-followup\r\$/UID:$u\r/" "$OLD/$u.ics" &&
		grep -q "^UID:$u.\$" "$OLD/$u.ics" &&
		sqlite3 "$LAPTOP" "UPDATE vdir_files SET name = '"'"'$u.ics'"'"',
		    hash = '"'"'$(fnv "$OLD/$u.ics")'"'"' WHERE name =
		    '"'"'$u-followup.ics'"'"'" || return 1
	done &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM vdir_files WHERE name
	    LIKE '"'"'%-followup.ics'"'"'")" -eq 0 &&
	# a second run of that state changes nothing but the names
	cp "$OLD/$U1.ics" old1.ics
'

test_expect_success 'upgraded: a completion and a deletion made in the old files still apply' '
	sed -i -e "s/^STATUS:NEEDS-ACTION\r\$/STATUS:COMPLETED\r/" \
	    -e "s/^PRODID:.*/PRODID:-\/\/Example Phone\/\/Tasks 3\/\/EN\r/" \
	    "$OLD/$U1.ics" &&
	grep -q "^STATUS:COMPLETED" "$OLD/$U1.ics" &&
	rm "$OLD/$U2.ics" &&
	expect_exit 0 lap ical --vdir "$OLD" &&
	out_contains "case 1: follow-up done in a calendar; next follow-up" &&
	out_contains "case 2: follow-up reminder deleted from the calendar; dismissed" &&
	lap show 1 --json >show1 &&
	jq -e ".events[-1].note == \"follow-up done (completed in a calendar)\"" show1 &&
	test_path_is_missing "$OLD/$U1.ics" &&
	test_path_is_file "$OLD/$U1-followup.ics" &&
	grep -q "^UID:$U1-followup" "$OLD/$U1-followup.ics" &&
	grep -q "^STATUS:NEEDS-ACTION" "$OLD/$U1-followup.ics" &&
	# the dismissal goes on under the new name: not written back
	test_path_is_missing "$OLD/$U2-followup.ics" &&
	test_path_is_missing "$OLD/$U2.ics" &&
	old_seq=$(tr -d "\r" <old1.ics | sed -n "s/^SEQUENCE://p") &&
	new_seq=$(tr -d "\r" <"$OLD/$U1-followup.ics" | sed -n "s/^SEQUENCE://p") &&
	test "$new_seq" -gt "$old_seq"
'

test_expect_success 'upgraded: the next run rewrites nothing' '
	ls -li --time-style=full-iso "$OLD" >before &&
	expect_exit 0 lap ical --vdir "$OLD" &&
	out_contains "0 added, 0 updated, 0 removed" &&
	ls -li --time-style=full-iso "$OLD" >after &&
	test_cmp before after
'

test_done
