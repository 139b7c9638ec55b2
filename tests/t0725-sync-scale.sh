#!/bin/sh
# t0725: `calllog sync DIR` as the folder grows and other apps prune it
# (DESIGN.md, "Sync across devices"): every record a sync deletes here is
# named in its report, and undo brings it all back; `[sync]
# resolved_within` keeps only open and recently resolved cases in the
# folder, and a record outside the bound is deleted nowhere by its
# absence.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

LAPTOP=$TRASH/laptop.db
PHONE=$TRASH/phone.db
DIR=$TRASH/cal

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }
pho() { CALLLOG_DB=$PHONE "$CALLLOG" "$@"; }

# completed_todos: the folder's files that hold a completed VTODO, as a
# phone app's "clear completed" picks them.
completed_todos() {
	grep -l "^STATUS:COMPLETED" "$DIR"/*.ics | while read -r f; do
		grep -q "^BEGIN:VTODO" "$f" && echo "$f"
	done
}

test_expect_success 'a phone app clears completed: each case, call and
	event deleted here is named, and undo brings them all back' '
	CALLLOG_NOW=2026-11-02T09:00:00 &&
	export CALLLOG_NOW &&
	lap add --org amex --reason billing --title "Double charge" \
	    --rep Lee --note "first" >/dev/null &&
	lap add --case 1 --rep Kim --note "second" >/dev/null &&
	lap add --org Delta --reason travel --title "Lost bag" >/dev/null &&
	lap add --org Citi --reason account >/dev/null &&
	lap add --org Chase --reason fraud --title "Still open" >/dev/null &&
	lap add --org Hertz --reason billing --title "Toll fee" >/dev/null &&
	lap add --org Aetna --reason billing --title "Claim" >/dev/null &&
	lap resolve 1 --note "refunded" >/dev/null &&
	lap resolve 3 >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	lap export --format json | journal_norm >before.json &&
	completed_todos >cleared &&
	test "$(wc -l <cleared)" -eq 2 &&
	xargs rm <cleared &&
	CALLLOG_NOW=2026-11-03T09:00:00 &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "deleted here: case 1 \"Double charge\"" &&
	out_contains "deleted here: call 1 of case 1 \"Double charge\"" &&
	out_contains "deleted here: call 2 of case 1 \"Double charge\"" &&
	out_contains "deleted here: event 1 of case 1 \"Double charge\"" &&
	out_contains "deleted here: case 3 (Citi)" &&
	out_contains "deleted here: call 4 of case 3 (Citi)" &&
	out_contains "deleted here: event 2 of case 3 (Citi)" &&
	out_lacks "case 2 " && out_lacks "case 4 " &&
	out_contains "7 deleted here" &&
	out_contains "\`calllog undo\` brings back" &&
	test "$(grep -c "^deleted here: " out)" -eq 7 &&
	lap cases --json >out &&
	jq_is "[.[].id] | sort | map(tostring) | join(\",\")" "2,4,5,6" &&
	expect_exit 0 lap undo &&
	lap export --format json | journal_norm >after.json &&
	test_cmp before.json after.json
'

test_expect_success 'after undo the next sync puts the cases back in the
	folder, and another device keeps them' '
	expect_exit 0 lap sync "$DIR" &&
	out_lacks "deleted here:" &&
	test "$(completed_todos | wc -l)" -eq 2 &&
	expect_exit 0 pho sync "$DIR" &&
	pho export --format json | journal_norm >pho.json &&
	lap export --format json | journal_norm >lap.json &&
	test_cmp lap.json pho.json
'

test_expect_success 'a call deleted in the folder is named with its case' '
	f=$(grep -l "^X-CALLLOG-REP:Kim" "$DIR"/*.ics) &&
	rm "$f" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "deleted here: call 2 of case 1 \"Double charge\"" &&
	test "$(grep -c "^deleted here: " out)" -eq 1
'

test_expect_success 'a sync with nothing changed reads no item: a file
	garbled in place, its time, size and inode kept, goes unread' '
	expect_exit 0 lap sync "$DIR" &&
	f=$(grep -l "^SUMMARY:Still open" "$DIR"/*.ics) &&
	was=$(stat -c "%y %s %i" "$f") &&
	tr "A-Za-z0-9" "x" <"$f" >garbled &&
	cat garbled >"$f" &&
	touch -d "$(echo "$was" | cut -d" " -f1-3)" "$f" &&
	test "$(stat -c "%y %s %i" "$f")" = "$was" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do" &&
	test_must_be_empty err &&
	touch "$f" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 skipped" &&
	check_err_line "skipped"
'

# Two more journals with a folder of their own, each with its own
# configuration: the laptop keeps cases resolved within 30 days, the
# tablet as well, the desktop every case.
BDIR=$TRASH/bounded
mkdir -p lapconf/calllog tabconf/calllog deskconf/calllog &&
printf "[sync]\nresolved_within = 30d\n" >lapconf/calllog/config &&
printf "[sync]\nresolved_within = 720h\n" >tabconf/calllog/config
blap() { CALLLOG_DB=$TRASH/blap.db XDG_CONFIG_HOME=$TRASH/lapconf \
    "$CALLLOG" "$@"; }
btab() { CALLLOG_DB=$TRASH/btab.db XDG_CONFIG_HOME=$TRASH/tabconf \
    "$CALLLOG" "$@"; }
bdesk() { CALLLOG_DB=$TRASH/bdesk.db XDG_CONFIG_HOME=$TRASH/deskconf \
    "$CALLLOG" "$@"; }

# uids_in DIR: the record uuids the folder holds, sorted.
uids_in() {
	sed -n "s/^UID:\([0-9a-f-]*\).*/\1/p" "$1"/*.ics | tr -d "\r" | sort
}

# uuids TOOL: a journal's case, call and event uuids, sorted.
uuids() {
	"$@" export --format json | jq -r ".cases[] | .uuid,
	    (.calls // [])[].uuid, (.events // [])[].uuid" | sort
}

test_expect_success '[sync] resolved_within: config reads it, refuses
	what is no span' '
	expect_exit 0 blap config &&
	out_contains "sync.resolved_within = 30d	# $TRASH/lapconf" &&
	expect_exit 0 btab config &&
	out_contains "sync.resolved_within = 30d	# " &&
	expect_exit 0 bdesk config &&
	out_contains "sync.resolved_within = all	# default" &&
	for v in 30 -3d 0d 3y "" 99999999d; do
		printf "[sync]\nresolved_within = %s\n" "$v" \
		    >deskconf/calllog/config &&
		expect_exit 2 bdesk config &&
		check_err_line "[sync] resolved_within = " || return 1
	done &&
	printf "[sync]\nresolved_within = all\n" >deskconf/calllog/config &&
	expect_exit 0 bdesk config &&
	out_contains "sync.resolved_within = all	# $TRASH/deskconf"
'

test_expect_success 'the folder holds open cases and those resolved
	within the bound, with their calls; the journal keeps the rest' '
	CALLLOG_NOW=2026-08-01T10:00:00 &&
	blap add --org amex --reason billing --title "Old dispute" \
	    --rep Ann >/dev/null &&
	blap add --case 1 --rep Bo >/dev/null &&
	blap resolve 1 --note "settled" >/dev/null &&
	CALLLOG_NOW=2026-10-25T10:00:00 &&
	blap add --org Delta --reason travel --title "Recent bag" >/dev/null &&
	blap resolve 2 >/dev/null &&
	blap add --org Chase --reason fraud --title "Open one" >/dev/null &&
	CALLLOG_NOW=2026-11-01T10:00:00 &&
	expect_exit 0 blap sync "$BDIR" &&
	out_lacks "deleted here:" &&
	uids_in "$BDIR" >folder &&
	uuids blap >all &&
	test "$(wc -l <all)" -eq 9 &&
	test "$(wc -l <folder)" -eq 5 &&
	u1=$(blap export --format json | jq -r ".cases[] |
	    select(.id == 1) | .uuid") &&
	! grep -q "$u1" folder &&
	expect_exit 0 blap sync "$BDIR" &&
	out_contains "nothing to do"
'

test_expect_success 'a journal with the same bound gets what is in the
	folder and deletes nothing it keeps outside it' '
	expect_exit 0 btab sync "$BDIR" &&
	uuids btab >tab &&
	test_cmp folder tab &&
	CALLLOG_NOW=2026-11-10T10:00:00 &&
	expect_exit 0 btab sync "$BDIR" &&
	out_contains "nothing to do"
'

test_expect_success 'a case that leaves the bound leaves the folder, and
	is deleted nowhere' '
	CALLLOG_NOW=2026-12-01T10:00:00 &&
	export CALLLOG_NOW &&
	expect_exit 0 blap sync "$BDIR" &&
	out_contains "3 items of cases resolved before the bound" &&
	out_contains "0 deleted here, 0 deleted there" &&
	out_lacks "deleted here:" &&
	test "$(uids_in "$BDIR" | wc -l)" -eq 2 &&
	uuids blap >now && test_cmp all now &&
	expect_exit 0 btab sync "$BDIR" &&
	out_lacks "deleted here:" &&
	uuids btab >tab && test_cmp folder tab &&
	expect_exit 0 blap sync "$BDIR" &&
	out_contains "nothing to do" &&
	expect_exit 0 btab sync "$BDIR" &&
	out_contains "nothing to do"
'

test_expect_success 'a case past the bound whose file another app
	removed first: still deleted nowhere' '
	blap add --org Wells --reason billing --title "Short one" \
	    >/dev/null &&
	blap resolve "$(blap cases --json | jq -r ".[] |
	    select(.title == \"Short one\") | .id")" >/dev/null &&
	expect_exit 0 blap sync "$BDIR" &&
	expect_exit 0 btab sync "$BDIR" &&
	uuids blap >all && uuids btab >tab &&
	CALLLOG_NOW=2027-01-15T10:00:00 &&
	f=$(grep -l "^SUMMARY:Short one" "$BDIR"/*.ics) &&
	grep -q "^BEGIN:VTODO" "$f" && rm "$f" &&
	expect_exit 0 blap sync "$BDIR" &&
	out_lacks "deleted here:" &&
	out_contains "2 items of cases resolved before the bound" &&
	uuids blap >now && test_cmp all now &&
	expect_exit 0 btab sync "$BDIR" &&
	out_lacks "deleted here:" &&
	uuids btab >now && test_cmp tab now &&
	test "$(uids_in "$BDIR" | wc -l)" -eq 2
'

test_expect_success 'reopened here, an old case comes back to the folder
	with its calls, and the other journal takes the reopening' '
	expect_exit 0 blap reopen 1 &&
	expect_exit 0 blap sync "$BDIR" &&
	out_lacks "deleted here:" &&
	uids_in "$BDIR" >folder &&
	grep -q "$u1" folder &&
	test "$(wc -l <folder)" -eq 7 &&
	expect_exit 0 btab sync "$BDIR" &&
	btab cases --json >out &&
	jq_is "[.[] | select(.title == \"Old dispute\") | .status] |
	    join(\",\")" open &&
	blap export --format json | journal_norm >l.json &&
	btab export --format json | journal_norm >t.json &&
	jq -S ".cases[] | select(.title == \"Old dispute\")" l.json >l1 &&
	jq -S ".cases[] | select(.title == \"Old dispute\")" t.json >t1 &&
	test_cmp l1 t1
'

test_expect_success 'resolved again on the tablet, reopened far later
	there: the laptop follows both ways' '
	btab resolve "$(btab cases --json | jq -r ".[] |
	    select(.title == \"Old dispute\") | .id")" >/dev/null &&
	expect_exit 0 btab sync "$BDIR" &&
	expect_exit 0 blap sync "$BDIR" &&
	blap cases --json >out &&
	jq_is "[.[] | select(.id == 1) | .status] | join(\",\")" resolved &&
	uuids blap >all &&
	CALLLOG_NOW=2027-03-01T10:00:00 &&
	expect_exit 0 btab sync "$BDIR" &&
	out_contains "6 items of cases resolved before the bound" &&
	expect_exit 0 blap sync "$BDIR" &&
	out_lacks "deleted here:" &&
	test "$(uids_in "$BDIR" | wc -l)" -eq 2 &&
	uuids blap >now && test_cmp all now &&
	id=$(btab cases --json | jq -r ".[] |
	    select(.title == \"Old dispute\") | .id") &&
	expect_exit 0 btab reopen "$id" &&
	expect_exit 0 btab sync "$BDIR" &&
	expect_exit 0 blap sync "$BDIR" &&
	blap cases --json >out &&
	jq_is "[.[] | select(.id == 1) | .status] | join(\",\")" open
'

# Journals sharing a folder should have the same bound (DESIGN.md, "Sync
# across devices"): one with a wider bound cannot tell a case the other
# dropped from one deleted by an app, and takes it as deleted there, each
# record named, undo bringing it back.
test_expect_success 'a journal with a wider bound takes the narrower
	journal removals as deletions, names each, and undo brings them back' '
	for i in 1 2 3 4 5 6 7 8; do
		bdesk add --org Citi --reason account --title "Open $i" \
		    >/dev/null || return 1
	done &&
	expect_exit 0 bdesk sync "$BDIR" &&
	uuids bdesk >desk &&
	test "$(wc -l <desk)" -eq "$(uids_in "$BDIR" | wc -l)" &&
	id=$(bdesk cases --json | jq -r ".[] |
	    select(.title == \"Old dispute\") | .id") &&
	expect_exit 0 bdesk resolve "$id" &&
	expect_exit 0 bdesk sync "$BDIR" &&
	expect_exit 0 blap sync "$BDIR" &&
	CALLLOG_NOW=2027-04-01T10:00:00 &&
	expect_exit 0 blap sync "$BDIR" &&
	out_contains "left the folder" &&
	uuids bdesk >desk &&
	expect_exit 0 bdesk sync "$BDIR" &&
	out_contains "deleted here: case $id \"Old dispute\"" &&
	out_contains "\`calllog undo\` brings back" &&
	expect_exit 0 bdesk undo &&
	uuids bdesk >now && test_cmp desk now
'

test_done
