#!/bin/sh
# t0700: `calllog sync DIR` between two journals sharing one folder, as
# two devices do once vdirsyncer has carried the folder between them
# (DESIGN.md, "Sync across devices"): what each writes is read by the
# other and by python3-icalendar, a record changed on both sides merges
# field by field, deletions travel, another client's journal entry becomes
# a call, unknown lines survive, a bad or half-written item is skipped
# whole, and a sync with nothing to do writes nothing.  t0710 does the same
# through a real Radicale server; t0720 kills sync midway.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	test_bail "/usr/bin/python3 cannot import icalendar" \
	    "(Debian: python3-icalendar; contrib/install-deps test)"
fi

LAPTOP=$TRASH/laptop.db
PHONE=$TRASH/phone.db
DIR=$TRASH/cal

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }
pho() { CALLLOG_DB=$PHONE "$CALLLOG" "$@"; }

# same_journals: both journals export the same records (journal_norm).
same_journals() {
	lap export --format json | journal_norm >lap.json &&
	pho export --format json | journal_norm >pho.json &&
	test_cmp lap.json pho.json
}

# parse FILE: python3-icalendar reads it; prints KIND UID SUMMARY.
parse() {
	/usr/bin/python3 - "$1" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
items = [c for c in cal.walk() if c.name in ("VTODO", "VJOURNAL")]
assert len(items) == 1, "%d items" % len(items)
print(items[0].name, items[0]["UID"], items[0].get("SUMMARY", ""))
EOF
}

# mtimes: the folder's files with their modification times.
mtimes() {
	( cd "$DIR" && stat -c '%n %Y.%y %i' -- * ) | sort
}

test_expect_success 'the first sync writes a file per case, call and event' '
	CALLLOG_NOW=2026-11-20T10:00:00 &&
	export CALLLOG_NOW &&
	expect_exit 0 lap add --org amex --reason billing --title "Refund" \
	    --ref SUP-88 --ref CLM-1 --note "first call" --amount 418.20 \
	    --promise "credit in 5 days" --promised-by 2026-11-25 &&
	expect_exit 0 lap escalate 1 --note "asked for a supervisor" &&
	expect_exit 0 lap add --org Delta --reason travel --title "Lost bag" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "5 written" &&
	test "$(ls "$DIR" | wc -l)" -eq 5 &&
	for f in "$DIR"/*.ics; do parse "$f" >>parsed || return 1; done &&
	test "$(grep -c "^VTODO" parsed)" -eq 2 &&
	test "$(grep -c "^VJOURNAL" parsed)" -eq 3 &&
	grep "^VTODO .* Refund$" parsed
'

# Each journal numbers its cases its own way: the other device names them
# by uuid (a prefix is enough).
U1=$(lap show 1 --json | jq -r .uuid)
U2=$(lap show 2 --json | jq -r .uuid)


test_expect_success 'the other journal reads them all: the same records' '
	expect_exit 0 pho sync "$DIR" &&
	out_contains "5 read" &&
	same_journals &&
	pho show "$U1" --json >out &&
	jq_is ".title" "Refund" &&
	jq_is "[.calls_list[0].refs[]] | join(\",\")" "SUP-88,CLM-1"
'

test_expect_success 'a second sync with nothing changed writes nothing' '
	mtimes >before &&
	lap history --json >hist.before &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do" &&
	expect_exit 0 pho sync "$DIR" &&
	out_contains "nothing to do" &&
	mtimes >after &&
	test_cmp before after &&
	lap history --json >hist.after &&
	test_cmp hist.before hist.after
'

# libical misfolds a property of 295 or 296 octets (and every 74 on):
# notes of every length around those come through whole.
test_expect_success 'notes of any length are folded right and read back' '
	for n in $(seq 280 300) $(seq 355 375); do
		note=$(head -c "$n" /dev/zero | tr "\0" n) &&
		lap add --case 2 --note "$note" >/dev/null || return 1
	done &&
	lap sync "$DIR" >/dev/null &&
	! grep -l "$(printf "\r\r")" "$DIR"/*.ics &&
	! grep -lx "$(printf " \r")" "$DIR"/*.ics &&
	! grep -lx " " "$DIR"/*.ics &&
	for f in "$DIR"/*.ics; do parse "$f" >/dev/null || return 1; done &&
	pho sync "$DIR" >/dev/null &&
	pho log --case "$U2" --json >out &&
	jq_is "[.[].notes // empty | length] | sort | join(\",\")" \
	    "$( (seq 280 300; seq 355 375) | sort -n | paste -sd,)" &&
	same_journals
'

test_expect_success 'a run under another time zone rewrites nothing' '
	mtimes >before &&
	TZ=Asia/Tokyo lap sync "$DIR" >out &&
	out_contains "nothing to do" &&
	mtimes >after &&
	test_cmp before after
'

test_expect_success 'a case found by uuid prefix on either device' '
	expect_exit 0 pho show "$(uuid_prefix "$U2" 8)" --json &&
	jq_is ".title" "Lost bag"
'

test_expect_success 'different fields edited on each side: both kept' '
	CALLLOG_NOW=2026-11-21T09:00:00 lap edit 2 --account 1234 >/dev/null &&
	CALLLOG_NOW=2026-11-21T09:30:00 pho edit "$U2" --priority high \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	same_journals &&
	lap show 2 --json >out &&
	jq_is ".account + \" \" + .priority" "1234 high"
'

test_expect_success 'the same field edited on both: the later wins, the
	other is in the history' '
	CALLLOG_NOW=2026-11-22T10:00:00 pho edit "$U1" --title "Refund 418" \
	    >/dev/null &&
	CALLLOG_NOW=2026-11-22T08:00:00 lap edit 1 --title "Refund (early)" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	expect_exit 0 pho sync "$DIR" &&
	out_contains "title changed on both sides" &&
	lap sync "$DIR" >/dev/null &&
	same_journals &&
	lap show 1 --json >out &&
	jq_is ".title" "Refund 418" &&
	lap history 1 >out &&
	out_contains "Refund (early)" &&
	pho history "$U1" >out &&
	out_contains "Refund (early)"
'

test_expect_success 'the later edit wins whichever side syncs first' '
	CALLLOG_NOW=2026-11-23T10:00:00 lap edit 2 --title "Bag, later" \
	    >/dev/null &&
	CALLLOG_NOW=2026-11-23T08:00:00 pho edit "$U2" --title "Bag, earlier" \
	    >/dev/null &&
	pho sync "$DIR" >/dev/null && lap sync "$DIR" >/dev/null &&
	pho sync "$DIR" >/dev/null &&
	same_journals &&
	pho show "$U2" --json >out &&
	jq_is ".title" "Bag, later" &&
	pho history "$U2" >out &&
	out_contains "Bag, earlier"
'

test_expect_success 'calls on the same case on both sides: all kept' '
	CALLLOG_NOW=2026-11-24T10:00:00 lap add --case 1 --rep Dana \
	    --note "laptop call" >/dev/null &&
	CALLLOG_NOW=2026-11-24T11:00:00 pho add --case "$U1" --rep Lee \
	    --note "phone call" >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	same_journals &&
	lap log --case 1 --json >out &&
	jq_is "[.[].rep // empty] | sort | join(\",\")" "Dana,Lee"
'

test_expect_success 'resolved on one side, a call on the other: both kept' '
	CALLLOG_NOW=2026-11-25T10:00:00 lap resolve 2 --note "bag found" \
	    >/dev/null &&
	CALLLOG_NOW=2026-11-25T09:00:00 pho add --case "$U2" --note "still looking" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	same_journals &&
	pho show "$U2" --json >out &&
	jq_is ".status" "resolved" &&
	pho log --case "$U2" --json >out &&
	jq_is "[.[].notes // empty] | index(\"still looking\") != null" \
	    true
'

test_expect_success 'a deleted call travels; its file goes' '
	n=$(ls "$DIR" | wc -l) &&
	call=$(pho log --case "$U1" --json | jq -r ".[] |
	    select(.rep == \"Lee\") | .id") &&
	uuid=$(pho log --case "$U1" --json | jq -r ".[] |
	    select(.rep == \"Lee\") | .uuid") &&
	pho delete --call "$call" >/dev/null &&
	pho sync "$DIR" >out &&
	out_contains "1 deleted there" &&
	test_path_is_missing "$DIR/$uuid.ics" &&
	lap sync "$DIR" >out &&
	out_contains "1 deleted here" &&
	same_journals &&
	test "$(ls "$DIR" | wc -l)" -eq $((n - 1))
'

test_expect_success 'deleted on one side, changed on the other: kept' '
	CALLLOG_NOW=2026-11-26T10:00:00 lap add --org Chase --reason fraud \
	    --title "Skimmed" >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	id=$(pho open --json | jq -r ".[] | select(.org == \"Chase\")
	    | .id") &&
	pho delete "$id" >/dev/null &&
	CALLLOG_NOW=2026-11-26T11:00:00 lap edit 3 --title "Skimmed card" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	expect_exit 0 pho sync "$DIR" &&
	out_contains "restored" &&
	lap sync "$DIR" >/dev/null &&
	same_journals &&
	pho open --json >out &&
	jq_is "[.[] | select(.org == \"Chase\") | .title] | join(\",\")" \
	    "Skimmed card"
'

test_expect_success 'a deleted case travels with its calls and events' '
	n=$(ls "$DIR" | wc -l) &&
	lap add --org Citi --reason account --title "Gone soon" \
	    --note "x" >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	test "$(ls "$DIR" | wc -l)" -eq $((n + 2)) &&
	id=$(pho open --json | jq -r ".[] | select(.org == \"Citi\")
	    | .id") &&
	pho delete "$id" >/dev/null &&
	pho sync "$DIR" >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "2 deleted here" &&
	same_journals &&
	test "$(ls "$DIR" | wc -l)" -eq "$n"
'

case1=
test_expect_success 'a journal entry another client made under a case
	becomes a call, redacted' '
	case1=$(lap show 1 --json | jq -r .uuid) &&
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 "PRODID:-//jtx//EN" \
	    "X-WR-CALNAME:Phone\, calls" \
	    BEGIN:VJOURNAL "UID:jtx-7731@phone.example" \
	    DTSTAMP:20261127T160000Z DTSTART:20261127T155000Z \
	    "SUMMARY:Called from the phone" \
	    "DESCRIPTION:new card 4111 1111 1111 1111 on its way\\, 7 days" \
	    "RELATED-TO;RELTYPE=PARENT:$case1" "X-JTX-COLOR:-16777216" \
	    "X-FOO;X-P=\"a,b\";Y=c:hello\\, world" BEGIN:VALARM \
	    ACTION:DISPLAY TRIGGER:-PT5M DESCRIPTION:x END:VALARM \
	    END:VJOURNAL BEGIN:X-JTX-META "" X-JTX-A:1 END:X-JTX-META \
	    END:VCALENDAR >"$DIR/jtx-note.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes != null) | .notes |
	    select(startswith(\"Called from the phone\"))] | length" 1 &&
	jq_is "[.[].notes // empty] | map(test(\"4111 1111\")) | any" \
	    false &&
	jq_is "[.[].notes // empty] | map(test(\"card ending 1111\"))
	    | any" true &&
	! grep -q "4111 1111" "$DIR/jtx-note.ics" &&
	grep -q "^UID:jtx-7731@phone.example" "$DIR/jtx-note.ics" &&
	pho sync "$DIR" >/dev/null &&
	same_journals
'

test_expect_success 'its unknown lines survive calllog rewriting it' '
	call=$(lap log --case 1 --json | jq -r ".[] |
	    select(.notes != null) | select(.notes |
	    startswith(\"Called from\")) | .id") &&
	CALLLOG_NOW=2026-11-27T10:00:00 lap edit --call "$call" --rep Sam \
	    >/dev/null &&
	lap sync "$DIR" >out &&
	grep -q "^X-CALLLOG-REP:Sam" "$DIR/jtx-note.ics" &&
	for l in "X-JTX-COLOR:-16777216" "X-FOO;X-P=\"a,b\";Y=c:hello\\, world" \
	    BEGIN:VALARM TRIGGER:-PT5M END:VALARM "X-WR-CALNAME:Phone\, calls" \
	    BEGIN:X-JTX-META X-JTX-A:1 END:X-JTX-META; do
		tr -d "\r" <"$DIR/jtx-note.ics" | grep -qxF -e "$l" || {
			echo "lost: $l"; return 1; }
	done &&
	# the calendar'"'"'s own lines stay outside the entry, where they stood
	tr -d "\r" <"$DIR/jtx-note.ics" | grep -x -e "X-WR-CALNAME:.*" \
	    -e "BEGIN:VJOURNAL" -e "END:VJOURNAL" -e "BEGIN:X-JTX-META" \
	    -e "END:VCALENDAR" >order &&
	printf "%s\n" "X-WR-CALNAME:Phone\, calls" BEGIN:VJOURNAL END:VJOURNAL \
	    BEGIN:X-JTX-META END:VCALENDAR >order.want &&
	test_cmp order.want order &&
	parse "$DIR/jtx-note.ics" >out &&
	out_contains "VJOURNAL jtx-7731@phone.example"
'

test_expect_success 'a note under no case, or another to-do, is left alone' '
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VTODO \
	    UID:shopping-1 SUMMARY:Milk END:VTODO END:VCALENDAR \
	    >"$DIR/other.ics" &&
	cp "$DIR/other.ics" other.before &&
	lap export --format json >exp.before &&
	expect_exit 0 lap sync "$DIR" &&
	lap export --format json >exp.after &&
	test_cmp exp.before exp.after &&
	test_cmp other.before "$DIR/other.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do"
'

test_expect_success 'another client'"'"'s item, deleted, is forgotten' '
	rm "$DIR/other.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_items
	    WHERE name = '"'"'other.ics'"'"'")" = 0
'

# bad_item NAME WHY CONTENT: the item is reported by name and skipped
# whole; the journal is as it was, and the rest still syncs.
bad_item() {
	printf "%s" "$3" >"$DIR/$1" &&
	db_snapshot bad "$LAPTOP" &&
	expect_exit 0 lap sync "$DIR" &&
	{ grep -F -e "$1: skipped" err >/dev/null &&
	  grep -F -e "$1" err | grep -F -e "$2" >/dev/null || {
		echo "expected $1 skipped: $2"; test_show_file stderr err
		return 1; }; } &&
	db_unchanged bad "$LAPTOP" &&
	rm -f "$DIR/$1"
}

good_call() {
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    "UID:$1" DTSTAMP:20261128T100000Z DTSTART:20261128T100000Z \
	    "RELATED-TO;RELTYPE=PARENT:$case1" "$2" END:VJOURNAL END:VCALENDAR
}

test_expect_success 'a half-written item is skipped whole' '
	good_call half-1 "DESCRIPTION:cut short" >whole &&
	bad_item half.ics "cut short" "$(head -c 150 whole)"
'

test_expect_success 'items without a required field, or unreadable, are skipped whole' '
	ours="X-CALLLOG-CHANNEL:phone${LF}X-CALLLOG-DIRECTION:outbound" &&
	bad_item nochannel.ics "no channel" "$(good_call bad-6 \
	    "X-CALLLOG-OUTCOME:info")" &&
	bad_item time.ics "bad DTSTART" "$(good_call bad-2 "$ours" |
	    sed "s/^DTSTART:.*/DTSTART:99991301T000000Z/")" &&
	bad_item utf8.ics "not UTF-8" "$(good_call bad-4 \
	    "DESCRIPTION:caf$(printf "\351")")" &&
	bad_item junk.ics "not iCalendar" "hello" &&
	bad_item pair.ics "do not pair" "$(good_call bad-7 "$ours" |
	    sed "s/^END:VJOURNAL/BEGIN:X-A\r\nEND:X-B\r\n&/")" &&
	bad_item pair2.ics "not iCalendar" "$(good_call bad-8 "$ours" |
	    sed "s/^END:VCALENDAR/BEGIN:X-OPEN/")${LF}END:VCALENDAR"
'

test_expect_success 'a device whose clock is behind: one round and both agree' '
	CALLLOG_NOW=2026-11-29T12:00:00 pho edit "$U2" --merchant "Late clock" \
	    >/dev/null &&
	pho sync "$DIR" >/dev/null && lap sync "$DIR" >/dev/null &&
	CALLLOG_NOW=2026-11-29T09:00:00 lap edit 2 --account 9876 >/dev/null &&
	lap show 2 --json >out &&
	jq_is .updated "2026-11-29T17:00:00Z" &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	same_journals &&
	pho show "$U2" --json >out &&
	jq_is .merchant "Late clock" && jq_is .account "9876"
'

test_expect_success 'a clock set a year ahead does not win every merge after it' '
	CALLLOG_NOW=2027-11-29T12:00:00 lap edit 2 --merchant "Wrong clock" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	CALLLOG_NOW=2026-11-29T13:00:00 lap edit 2 --title "Earlier edit" \
	    >/dev/null &&
	lap show 2 --json >out &&
	jq_is .updated "2026-11-29T18:00:00Z" &&
	CALLLOG_NOW=2026-11-29T14:00:00 pho edit "$U2" --title "Later edit" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	same_journals &&
	lap show 2 --json >out &&
	jq_is .title "Later edit"
'

test_expect_success 'an entry under a case not here yet: skipped, not counted added, taken when the case comes' '
	pho add --org Citi --reason account --title "Not synced yet" >/dev/null &&
	later=$(pho cases --json | jq -r ".[] | select(.title == \"Not synced yet\") | .uuid") &&
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    UID:early-1 DTSTAMP:20261128T100000Z DTSTART:20261128T100000Z \
	    "RELATED-TO;RELTYPE=PARENT:$later" "DESCRIPTION:ahead of its case" \
	    END:VJOURNAL END:VCALENDAR >"$DIR/early.ics" &&
	db_snapshot early "$LAPTOP" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains " 0 added here" &&
	out_contains " 1 skipped" &&
	check_err_line "its case ${later%%-*} is not in the journal" &&
	db_unchanged early "$LAPTOP" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains " 1 skipped" &&
	test_must_be_empty err &&
	pho sync "$DIR" >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains " 0 skipped" &&
	lap log --case "$later" --json >out &&
	jq_is "[.[] | select(.notes == \"ahead of its case\")] | length" 1 &&
	pho sync "$DIR" >/dev/null &&
	same_journals
'

test_expect_success 'the folder of ical --vdir reminders is refused' '
	lap ical --vdir rem >/dev/null &&
	db_snapshot rem "$LAPTOP" &&
	expect_exit 1 lap sync rem &&
	check_err_line "reminders" &&
	db_unchanged rem "$LAPTOP"
'

test_expect_success 'a folder that cannot be written: the journal unchanged' '
	if test "$(id -u)" = 0; then
		echo "# (as root, permissions do not stop writes: checked by" \
		    "a file in the folder'"'"'s place)" &&
		echo x >notdir &&
		expect_exit 1 lap sync notdir &&
		check_err_line "not a folder"
	else
		lap add --org Citi --reason account --title "RO" >/dev/null &&
		db_snapshot ro "$LAPTOP" &&
		chmod 0555 "$DIR" &&
		expect_exit 1 lap sync "$DIR";
		rc=$?; chmod 0755 "$DIR"; test $rc = 0 &&
		db_unchanged ro "$LAPTOP"
	fi
'

test_expect_success 'a folder emptied of every item is refused, not obeyed' '
	mkdir keep && mv "$DIR"/*.ics keep/ &&
	db_snapshot empty "$LAPTOP" &&
	expect_exit 1 lap sync "$DIR" &&
	check_err_line "--force-delete" &&
	db_unchanged empty "$LAPTOP" &&
	mv keep/*.ics "$DIR"/ &&
	expect_exit 0 lap sync "$DIR"
'

test_expect_success '--force-delete: the deletion travels' '
	cp -r "$PHONE" phone2.db &&
	mkdir gone && CALLLOG_DB=$TRASH/phone2.db "$CALLLOG" sync gone \
	    >/dev/null &&
	rm gone/*.ics &&
	expect_exit 1 env CALLLOG_DB=$TRASH/phone2.db "$CALLLOG" sync gone &&
	expect_exit 0 env CALLLOG_DB=$TRASH/phone2.db "$CALLLOG" sync \
	    --force-delete gone &&
	CALLLOG_DB=$TRASH/phone2.db "$CALLLOG" cases --json >out &&
	jq_is "length" 0
'

test_done
