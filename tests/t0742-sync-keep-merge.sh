#!/bin/sh
# t0742: two rules of sync (DESIGN.md, "Sync across devices") that the
# suite let go unchecked, each held by a test that fails without it:
# a case deleted in the folder while one of its calls changed there is
# kept, and written again, with the change (sync.c, keep_or_delete); and a
# record merged from the folder carries the later of the two sides' times
# (syncrec.c, sync_merge), whichever side is later, so that both journals
# agree on it and the next sync rewrites nothing.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

LAPTOP=$TRASH/laptop.db
PHONE=$TRASH/phone.db
DIR=$TRASH/cal

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }
pho() { CALLLOG_DB=$PHONE "$CALLLOG" "$@"; }

test_expect_success 'two cases, each with a call, in the folder' '
	mkdir "$DIR" &&
	CALLLOG_NOW=2026-11-26T10:00:00 lap add --org Citi --reason account \
	    --title Stays >/dev/null &&
	CALLLOG_NOW=2026-11-26T10:00:00 lap add --org Chase --reason fraud \
	    --title Skimmed --rep Dana --note first >/dev/null &&
	CALLLOG_NOW=2026-11-26T10:00:00 expect_exit 0 lap sync "$DIR" &&
	out_contains "4 written" &&
	CASE=$(lap show 2 --json | jq -r .uuid) &&
	CALL=$(lap log --case 2 --json | jq -r ".[0].uuid") &&
	test_path_is_file "$DIR/$CASE.ics" &&
	test_path_is_file "$DIR/$CALL.ics"
'

# Another client deleted the case's to-do but changed its call's entry:
# deleting the case here would take the call, and the change, with it.
test_expect_success 'a case deleted in the folder, its call changed there: kept' '
	rm "$DIR/$CASE.ics" &&
	sed "s/^DESCRIPTION:first/DESCRIPTION:changed there/
	    s/^LAST-MODIFIED:[0-9TZ]*/LAST-MODIFIED:20261126T120000Z/" \
	    "$DIR/$CALL.ics" >item && mv item "$DIR/$CALL.ics" &&
	grep -q "^DESCRIPTION:changed there" "$DIR/$CALL.ics" &&
	CALLLOG_NOW=2026-11-26T13:00:00 expect_exit 0 lap sync "$DIR" &&
	out_contains "deleted in the folder but has calls new or changed: kept" &&
	out_contains "0 deleted here" &&
	expect_exit 0 lap show "$CASE" --json &&
	jq_is .title Skimmed &&
	expect_exit 0 lap log --case "$CASE" --json &&
	jq_is "[.[].notes] | join(\",\")" "changed there" &&
	test_path_is_file "$DIR/$CASE.ics"
'

test_expect_success 'the other journal reads the folder: the same records' '
	CALLLOG_NOW=2026-11-26T13:00:00 expect_exit 0 pho sync "$DIR" &&
	out_contains "4 added here" &&
	lap export --format json | journal_norm >lap.json &&
	pho export --format json | journal_norm >pho.json &&
	test_cmp lap.json pho.json
'

# merge_round DAY PHONE_HOUR LAPTOP_HOUR ACCOUNT TITLE UPDATED: on DAY the
# phone edits the case's account at PHONE_HOUR and the laptop its title
# at LAPTOP_HOUR; the phone syncs first, so the laptop merges the folder's
# version with its own.  Both journals end with both edits and the later
# time, UPDATED, and the next sync of each has nothing to do.
merge_round() {
	CALLLOG_NOW=$1T$2:00:00 pho edit "$CASE" --account "$4" >/dev/null &&
	CALLLOG_NOW=$1T$3:00:00 lap edit "$CASE" --title "$5" >/dev/null &&
	CALLLOG_NOW=$1T13:00:00 pho sync "$DIR" >/dev/null &&
	CALLLOG_NOW=$1T13:00:00 lap sync "$DIR" >/dev/null &&
	expect_exit 0 lap show "$CASE" --json &&
	jq_is ".title + \" \" + .account + \" \" + .updated" "$5 $4 $6" &&
	CALLLOG_NOW=$1T13:00:00 pho sync "$DIR" >/dev/null &&
	expect_exit 0 pho show "$CASE" --json &&
	jq_is ".title + \" \" + .account + \" \" + .updated" "$5 $4 $6" &&
	CALLLOG_NOW=$1T14:00:00 expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do" &&
	CALLLOG_NOW=$1T14:00:00 expect_exit 0 pho sync "$DIR" &&
	out_contains "nothing to do"
}

# (Times are New York's: noon is 17:00 UTC.)
test_expect_success 'merged from the folder: the later time, the journal'"'"'s' '
	merge_round 2026-11-27 11 12 1111 "Skimmed card" 2026-11-27T17:00:00Z
'

test_expect_success 'merged from the folder: the later time, the folder'"'"'s' '
	merge_round 2026-11-28 12 11 2222 "Skimmed twice" 2026-11-28T17:00:00Z
'

test_done
