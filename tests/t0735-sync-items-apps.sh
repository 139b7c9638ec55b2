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
