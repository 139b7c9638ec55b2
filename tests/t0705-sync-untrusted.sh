#!/bin/sh
# t0705: the sync folder is untrusted (DESIGN.md, "Sync across devices",
# "DIR is untrusted"): a UID names one record of one kind, and the file
# that owns it; a folder that lost most of what it held is refused,
# whatever new items it also holds; merges settle in one sync, keep what
# either side changed, and undo puts back what was there before.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

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

# records NAME: keep the laptop's records and history (not the sync
# state, which a skipped item is remembered in) for records_unchanged.
records() {
	lap export --format json >"$1.exp" &&
	lap history --json >"$1.hist"
}

records_unchanged() {
	lap export --format json >"$1.exp2" &&
	lap history --json >"$1.hist2" &&
	test_cmp "$1.exp" "$1.exp2" &&
	test_cmp "$1.hist" "$1.hist2"
}

# settled: a sync of the laptop now finds nothing to do, says nothing
# on standard error, and neither the journal nor the folder changes.
settled() {
	ls -l --time-style=+%s.%N "$DIR" >settle.ls &&
	lap history --json >settle.hist &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do" &&
	test_must_be_empty err &&
	ls -l --time-style=+%s.%N "$DIR" >settle.ls2 &&
	lap history --json >settle.hist2 &&
	test_cmp settle.ls settle.ls2 &&
	test_cmp settle.hist settle.hist2
}

# retag FILE UID: FILE's UID line set to UID, on standard output.
retag() {
	sed "s/^UID:.*/UID:$2\r/" "$1"
}

# item UUID: the file of a record calllog wrote.
item() {
	echo "$DIR/$1.ics"
}

test_expect_success 'setup: two cases, their calls and an event, synced' '
	CALLLOG_NOW=2026-11-20T10:00:00 &&
	export CALLLOG_NOW &&
	lap add --org amex --reason billing --title "Refund" --note first \
	    --rep Ann >/dev/null &&
	lap add --case 1 --note second --rep Bob >/dev/null &&
	lap escalate 1 --note "asked for a supervisor" >/dev/null &&
	lap add --org Delta --reason travel --title "Lost bag" --note bag \
	    >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "6 written" &&
	expect_exit 0 pho sync "$DIR" &&
	same_journals
'

CA=$(lap show 1 --json | jq -r .uuid)
CB=$(lap show 2 --json | jq -r .uuid)
K1=$(lap log --case 1 --json | jq -r ".[] | select(.rep == \"Ann\") | .uuid")
K2=$(lap log --case 1 --json | jq -r ".[] | select(.rep == \"Bob\") | .uuid")
EV=$(sqlite3 "$LAPTOP" "SELECT uuid FROM case_events LIMIT 1")

test_expect_success 'a to-do with a call'"'"'s UID is reported and changes nothing' '
	retag "$(item "$CB")" "$K1" >"$DIR/todo-call.ics" &&
	records todo &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "todo-call.ics: skipped" err &&
	out_contains "1 skipped" &&
	records_unchanged todo &&
	settled &&
	lap doctor >/dev/null
'

test_expect_success 'an entry with a case'"'"'s or a call'"'"'s UID, of another kind: the same' '
	retag "$(item "$K2")" "$CA" >"$DIR/note-case.ics" &&
	retag "$(item "$EV")" "$K2" >"$DIR/event-call.ics" &&
	retag "$(item "$K2")" "$EV" >"$DIR/call-event.ics" &&
	records cross &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "note-case.ics: skipped" err &&
	grep -F "event-call.ics: skipped" err &&
	grep -F "call-event.ics: skipped" err &&
	out_contains "3 skipped" &&
	! grep -F "$CA" err &&
	records_unchanged cross &&
	settled
'

test_expect_success 'a device new to the folder takes the records, not the impostors' '
	cp -r "$DIR" fresh.d &&
	expect_exit 0 env CALLLOG_DB=$TRASH/fresh.db "$CALLLOG" sync fresh.d &&
	grep -F "todo-call.ics: skipped" err &&
	grep -F "note-case.ics: skipped" err &&
	CALLLOG_DB=$TRASH/fresh.db "$CALLLOG" export --format json |
	    journal_norm >fresh.json &&
	lap export --format json | journal_norm >lap.json &&
	test_cmp lap.json fresh.json
'

test_expect_success 'a second file with a case'"'"'s UID: reported, the case kept as its own file has it' '
	sed -e "s/^SUMMARY:.*/SUMMARY:Hijacked\r/" \
	    -e "s/^X-CALLLOG-TITLE:.*/X-CALLLOG-TITLE:Hijacked\r/" \
	    "$(item "$CB")" >"$DIR/copy-b.ics" &&
	records copy &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "copy-b.ics: skipped" err &&
	records_unchanged copy &&
	lap show 2 --json >out && jq_is .title "Lost bag" &&
	settled &&
	sed -i -e "s/^X-CALLLOG-TITLE:.*/X-CALLLOG-TITLE:Bag found\r/" \
	    -e "s/^SUMMARY:.*/SUMMARY:Bag found\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261121T100000Z\r/" \
	    "$(item "$CB")" &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	lap show 2 --json >out && jq_is .title "Bag found" &&
	settled &&
	lap show 2 --json >out && jq_is .title "Bag found" &&
	sed -i "s/Hijacked/Hijacked again/" "$DIR/copy-b.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "copy-b.ics: skipped" err &&
	lap show 2 --json >out && jq_is .title "Bag found" &&
	settled
'

# another client's journal entry under case 1
entry() {
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    "UID:$1" DTSTAMP:20261121T100000Z DTSTART:20261121T100000Z \
	    "RELATED-TO;RELTYPE=PARENT:$CA" "DESCRIPTION:$2" END:VJOURNAL \
	    END:VCALENDAR
}

test_expect_success 'two new files with one UID: one is taken, for good' '
	entry twin-1@phone.example "the one" >"$DIR/twin-a.ics" &&
	entry twin-1@phone.example "the other" >"$DIR/twin-b.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 added here" &&
	grep -F "twin-b.ics: skipped" err &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"the one\")] | length" 1 &&
	jq_is "[.[] | select(.notes == \"the other\")] | length" 0 &&
	settled && settled &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"the one\")] | length" 1
'

test_expect_success 'an item moved to another name is the same record' '
	mv "$(item "$K1")" "$DIR/moved-call.ics" &&
	records moved &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "0 deleted here" &&
	test_must_be_empty err &&
	records_unchanged moved &&
	settled &&
	test_path_is_missing "$(item "$K1")"
'

test_expect_success 'the other device agrees, and later syncs never fail' '
	expect_exit 0 pho sync "$DIR" &&
	expect_exit 0 lap sync "$DIR" &&
	expect_exit 0 pho sync "$DIR" &&
	same_journals &&
	lap doctor >/dev/null && pho doctor >/dev/null
'

# (its LAST-MODIFIED after the case's last change: the call touches it)
test_expect_success 'a call another client edited settles in one sync' '
	sed -i -e "s/^X-CALLLOG-REP:.*/X-CALLLOG-REP:Zed\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261120T160000Z\r/" \
	    "$(item "$K2")" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 read" &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.uuid == \"$K2\") | .rep] | join(\",\")" Zed &&
	settled &&
	expect_exit 0 pho sync "$DIR" &&
	same_journals &&
	settled
'

test_expect_success 'a clock set a year ahead does not come back once corrected' '
	CALLLOG_NOW=2027-11-20T10:00:00 lap edit 2 --merchant "Wrong clock" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	lap edit 2 --merchant "Right clock" >/dev/null &&
	lap show 2 --json >out && jq_is .updated "2026-11-20T15:00:00Z" &&
	lap sync "$DIR" >/dev/null &&
	expect_exit 0 pho sync "$DIR" &&
	out_contains "1 read" &&
	expect_exit 0 pho sync "$DIR" &&
	out_contains "nothing to do" &&
	settled &&
	same_journals &&
	pho show "$CB" --json >out &&
	jq_is .updated "2026-11-20T15:00:00Z" && jq_is .merchant "Right clock"
'

test_expect_success 'a call changed in the folder keeps its case, deleted there, alive' '
	lap add --org Chase --reason fraud --title Skimmed --note skim \
	    --rep Ann >/dev/null &&
	lap sync "$DIR" >/dev/null && pho sync "$DIR" >/dev/null &&
	CC=$(lap cases --json | jq -r ".[] | select(.title == \"Skimmed\") |
	    .uuid") &&
	KC=$(lap log --case "$CC" --json | jq -r ".[0].uuid") &&
	sed -i -e "s/^X-CALLLOG-REP:.*/X-CALLLOG-REP:Yara\r/" \
	    -e "s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261120T150000Z\r/" \
	    "$(item "$KC")" &&
	rm "$(item "$CC")" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "0 deleted here" &&
	lap log --case "$CC" --json >out &&
	jq_is "[.[].rep] | join(\",\")" Yara &&
	test_path_is_file "$(item "$CC")" &&
	test_path_is_file "$(item "$KC")" &&
	settled &&
	expect_exit 0 pho sync "$DIR" &&
	same_journals
'

test_expect_success 'a note first seen under no case becomes a call once given one' '
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    UID:loose-1@phone.example DTSTAMP:20261120T100000Z \
	    DTSTART:20261120T100000Z "DESCRIPTION:a loose note" END:VJOURNAL \
	    END:VCALENDAR >"$DIR/loose.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"a loose note\")] | length" 0 &&
	entry loose-1@phone.example "a loose note" >"$DIR/loose.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 added here" &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"a loose note\")] | length" 1 &&
	settled &&
	expect_exit 0 pho sync "$DIR" &&
	same_journals
'

# A change that updated a row and then deleted it, recorded by the
# schema's own history triggers as any command's is.
test_expect_success 'undo of a change that updated a row, then deleted it: the row as before' '
	lap add --org Citi --reason account --title Undone --note "as it was" \
	    --rep Ann >/dev/null &&
	k=$(lap log --json | jq -r ".[] | select(.notes == \"as it was\") |
	    .id") &&
	lap log --json >before.log &&
	sqlite3 "$LAPTOP" "PRAGMA foreign_keys = ON;
	    INSERT INTO changes (at, command) VALUES (1795000000, '"'"'edit'"'"');
	    UPDATE change_state SET change_id = last_insert_rowid();
	    UPDATE calls SET rep = '"'"'Changed'"'"', notes = '"'"'changed'"'"'
	        WHERE id = $k;
	    DELETE FROM calls WHERE id = $k;
	    UPDATE change_state SET change_id = NULL;" &&
	lap log --json >out &&
	jq_is "[.[] | select(.id == $k)] | length" 0 &&
	expect_exit 0 lap undo &&
	lap log --json >after.log &&
	test_cmp before.log after.log
'

# A journal of its own for the deletion guard: five cases and their
# calls, ten items.
BIG=$TRASH/big.db
GDIR=$TRASH/guard
big() { CALLLOG_DB=$BIG "$CALLLOG" "$@"; }

test_expect_success 'guard setup: ten items' '
	for i in 1 2 3 4 5; do
		big add --org "Org $i" --reason billing --note "call $i" \
		    >/dev/null || return 1
	done &&
	expect_exit 0 big sync "$GDIR" &&
	out_contains "10 written" &&
	mkdir held
'

# hide N: move the items of N cases (and of their calls) out of the
# folder; unhide puts them back.
hide() {
	for u in $(big cases --json | jq -r ".[].uuid" | sort | head -n "$1"); do
		for f in $(grep -l -F "$u" "$GDIR"/*.ics); do
			mv "$f" held/ || return 1
		done
	done
}
unhide() {
	mv held/*.ics "$GDIR"/
}

test_expect_success 'a folder emptied that got one new entry is refused' '
	mv "$GDIR"/*.ics held/ &&
	CALLLOG_DB=$TRASH/other.db "$CALLLOG" add --org Citi --reason account \
	    >/dev/null &&
	CALLLOG_DB=$TRASH/other.db "$CALLLOG" sync "$GDIR" >/dev/null &&
	test "$(ls "$GDIR" | wc -l)" -eq 2 &&
	db_snapshot emptied "$BIG" &&
	expect_exit 1 big sync "$GDIR" &&
	check_err_line "--force-delete" &&
	db_unchanged emptied "$BIG" &&
	test "$(ls "$GDIR" | wc -l)" -eq 2 &&
	rm "$GDIR"/*.ics && unhide
'

# A case's calls go with it: a folder that lost only the cases' items
# deletes as much here as one that lost them all.
test_expect_success 'the items of three cases gone, their calls left: six records, refused' '
	for u in $(big cases --json | jq -r ".[].uuid" | sort | head -n 3); do
		mv "$GDIR/$u.ics" held/ || return 1
	done &&
	test "$(ls held | wc -l)" -eq 3 &&
	db_snapshot cases "$BIG" &&
	expect_exit 1 big sync "$GDIR" &&
	check_err_line "would delete 6 of the 10" &&
	db_unchanged cases "$BIG" &&
	unhide &&
	expect_exit 0 big sync "$GDIR" && out_contains "nothing to do"
'

test_expect_success 'six of ten items gone: refused; four: the deletion travels' '
	hide 3 &&
	db_snapshot six "$BIG" &&
	expect_exit 1 big sync "$GDIR" &&
	check_err_line "would delete 6 of the 10" &&
	db_unchanged six "$BIG" &&
	unhide && hide 2 &&
	expect_exit 0 big sync "$GDIR" &&
	out_contains "4 deleted here" &&
	big cases --json >out && jq_is length 3 &&
	rm held/*.ics
'

test_expect_success 'every case item gone, every call item left: refused' '
	for u in $(big cases --json | jq -r ".[].uuid"); do
		mv "$GDIR/$u.ics" held/ || return 1
	done &&
	db_snapshot calls-left "$BIG" &&
	expect_exit 1 big sync "$GDIR" &&
	check_err_line "would delete 6 of the 6" &&
	db_unchanged calls-left "$BIG" &&
	unhide
'

test_expect_success 'every item gone: refused; --force-delete: obeyed' '
	mv "$GDIR"/*.ics held/ &&
	db_snapshot all "$BIG" &&
	expect_exit 1 big sync "$GDIR" &&
	check_err_line "--force-delete" &&
	db_unchanged all "$BIG" &&
	expect_exit 0 big sync --force-delete "$GDIR" &&
	out_contains "6 deleted here" &&
	big cases --json >out && jq_is length 0
'

test_done
