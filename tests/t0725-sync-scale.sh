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
	jq_is "[.[].id] | sort | map(tostring) | join(\",\")" "2,4" &&
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

test_done
