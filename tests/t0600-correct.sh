#!/bin/sh
# t0600: putting the record right (DESIGN.md, "Correcting the record"):
# the common slips refused with the journal unchanged and a message that
# says what to do; organizations by name, alias and prefix, typos
# refused; edit, delete, undo and history; cases listed by status; cases
# named by uuid prefix.

. "$(dirname "$0")/lib.sh"

# refused CODE WORD COMMAND...: refused with CODE, one line naming WORD,
# nothing printed and nothing written.
refused() {
	_code=$1 _word=$2 &&
	shift 2 &&
	db_snapshot before &&
	expect_exit "$_code" "$@" &&
	check_err_line "$_word" &&
	test_must_be_empty out &&
	db_unchanged before
}

test_expect_success 'a journal: a dispute with Amex, a resolved case, two branches' '
	expect_exit 0 cl add --org amex --reason dispute --title "Skyline charge" \
		--rep Dana --ref DSP-1 --note "first call" --outcome follow-up &&
	expect_exit 0 cl add --org "Chase Bank" --reason account \
		--outcome resolved --note "address fixed" &&
	expect_exit 0 cl add --org "Branch 1" --reason general --note hi &&
	expect_exit 0 cl add --org "American Airlines" --reason travel \
		--note "lost bag" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .status resolved
'

test_expect_success 'add --case with none of a call'"'"'s fields is refused, pointing to edit' '
	refused 2 "calllog edit 1" cl add --case 1 &&
	refused 2 "calllog edit 1" cl add --case 1 --title "New title" &&
	refused 2 "calllog edit 1" cl add --case 1 --account 1005 &&
	refused 2 "calllog edit 1" cl add --case 1 --priority high \
		--follow-up +2d
'

test_expect_success 'a call on a resolved case is refused without --reopen' '
	refused 2 --reopen cl add --case 2 --note "called again" &&
	refused 2 --reopen cl add --case 2 --outcome info --note "fyi"
'

test_expect_success 'with --reopen it reopens, and the old resolution goes, as with reopen' '
	expect_exit 1 cl resolve 2 &&
	check_err_line "already resolved" &&
	expect_exit 0 cl reopen 2 &&
	expect_exit 0 cl resolve 2 --note "all done" &&
	expect_exit 0 cl add --case 2 --reopen --note "not fixed after all" &&
	out_contains "reopened case 2" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .status open &&
	jq_is ".resolution == null" true &&
	jq_is "[.events[].kind]" "[\"reopen\",\"resolve\",\"reopen\"]"
'

test_expect_success 'an organization that is a near miss is refused with did you mean' '
	refused 2 "did you mean '"'"'American Express'"'"'" \
		cl add --org amx --reason billing --note x &&
	refused 2 "did you mean '"'"'American Express'"'"'" \
		cl add --org "Amercan Express" --reason billing --note x &&
	refused 2 "did you mean '"'"'Chase Bank'"'"'" \
		cl add --org "Chsae Bank" --reason billing --note x &&
	check_err_line --new-org
'

test_expect_success 'an ambiguous prefix is refused, listing the candidates' '
	refused 2 "could be" cl add --org American --reason billing --note x &&
	check_err_line "American Express" &&
	check_err_line "American Airlines"
'

test_expect_success 'names that differ in their digits are never typos' '
	expect_exit 0 cl add --org "Branch 2" --reason general --note x &&
	out_contains "(Branch 2, general)"
'

test_expect_success '--new-org insists on a new organization' '
	expect_exit 0 cl add --org amx --new-org --reason billing --note x &&
	out_contains "(amx, billing)"
'

test_expect_success 'an alias, a prefix and an exact name in any case file together' '
	expect_exit 0 cl add --org AMEX --reason billing --note a &&
	out_contains "(American Express, billing)" &&
	expect_exit 0 cl add --org "american e" --reason billing --note b &&
	out_contains "(American Express, billing)" &&
	expect_exit 0 cl add --org chase --reason billing --note c &&
	out_contains "(Chase Bank, billing)" &&
	expect_exit 0 cl add --org "branch 1" --reason billing --note d &&
	out_contains "(Branch 1, billing)"
'

test_expect_success 'an exact name wins over a prefix of a longer one' '
	expect_exit 0 cl add --org "Chase" --new-org --reason general --note e &&
	expect_exit 0 cl add --org chase --reason general --note f &&
	out_contains "(Chase, general)"
'

test_expect_success 'edit changes a case, and edit then undo gives the same export' '
	expect_exit 0 cl export &&
	mv out before.json &&
	CALLLOG_NOW=2026-11-21T15:00:00Z expect_exit 0 cl edit 1 \
		--title "Skyline Tickets charge" --account 1005 --priority high &&
	out_contains "edited case 1" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .title "Skyline Tickets charge" &&
	jq_is .account 1005 &&
	jq_is .updated 2026-11-21T15:00:00Z &&
	expect_exit 0 cl undo &&
	out_contains "undid change" &&
	out_contains "edited case 1" &&
	expect_exit 0 cl export &&
	cmp before.json out
'

test_expect_success 'edit --call changes a call; --ref replaces the list' '
	expect_exit 0 cl edit --call 1 --rep "Dana R." --ref NEW-1 --ref NEW-2 \
		--note "first call, corrected" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[0].rep" "Dana R." &&
	jq_is ".calls_list[0].refs" "[\"NEW-1\",\"NEW-2\"]" &&
	jq_is ".calls_list[0].notes" "first call, corrected"
'

test_expect_success 'history shows each field'"'"'s old and new value' '
	expect_exit 0 cl history 1 &&
	out_contains "edit" &&
	out_contains "rep: \"Dana\" -> \"Dana R.\"" &&
	out_contains "notes: \"first call\" -> \"first call, corrected\"" &&
	expect_exit 0 cl history --json --limit 1 &&
	jq_is ".[0].command" edit &&
	jq_is "[.[0].rows[] | select(.table == \"calls\") | .old.rep, .new.rep]" \
		"[\"Dana\",\"Dana R.\"]"
'

test_expect_success 'a bad edit is refused and writes nothing' '
	refused 2 "12.345" cl edit 1 --amount 12.345 &&
	refused 2 "--call N" cl edit 1 --rep Bob &&
	refused 2 "calllog edit 1" cl edit --call 1 --title x &&
	refused 2 "did you mean" cl edit 1 --org "Chsae Bank" &&
	refused 1 "no case 99" cl edit 99 --title x &&
	refused 2 "nothing to change" cl edit 1
'

test_expect_success 'delete then undo brings back the case with its calls, refs and events' '
	expect_exit 0 cl escalate 1 --note "asked for a supervisor" &&
	expect_exit 0 cl export &&
	mv out before.json &&
	expect_exit 0 cl delete 1 &&
	out_contains "undo" &&
	expect_exit 1 cl show 1 &&
	expect_exit 0 cl search NEW-1 --json &&
	jq_is length 0 &&
	expect_exit 0 cl undo &&
	out_contains "deleted case 1" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[0].refs" "[\"NEW-1\",\"NEW-2\"]" &&
	jq_is "[.events[].kind]" "[\"escalate\"]" &&
	jq_is .calls 1 &&
	expect_exit 0 cl search NEW-1 --json &&
	jq_is "[.[].id]" "[1]" &&
	expect_exit 0 cl export &&
	cmp before.json out
'

test_expect_success 'delete --call, and undo again reaches the change before' '
	expect_exit 0 cl add --case 1 --note "by mistake" &&
	k=$(sed -n "s/^recorded call \([0-9]*\) .*/\1/p" out) &&
	expect_exit 0 cl delete --call "$k" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .calls 1 &&
	expect_exit 0 cl undo &&
	out_contains "deleted call $k" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .calls 2 &&
	expect_exit 0 cl undo &&
	out_contains "recorded call $k" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .calls 1 &&
	expect_exit 1 cl delete --call "$k" &&
	check_err_line "no call $k"
'

test_expect_success 'undo says so when nothing is left' '
	cp "$CALLLOG_DB" keep.db &&
	for i in $(seq 1 40); do cl undo >/dev/null 2>&1 || break; done &&
	expect_exit 1 cl undo &&
	check_err_line "nothing to undo" &&
	expect_exit 0 cl cases --json &&
	jq_is length 0 &&
	cp keep.db "$CALLLOG_DB" && rm -f "$CALLLOG_DB-wal" "$CALLLOG_DB-shm"
'

test_expect_success 'cases lists resolved cases too, newest activity first' '
	expect_exit 0 cl resolve 3 &&
	expect_exit 0 cl cases --json &&
	jq_is "[.[].id] | length" 12 &&
	expect_exit 0 cl cases --status resolved --json &&
	jq_is "[.[].id]" "[3]" &&
	expect_exit 0 cl cases --status open --org chase --json &&
	jq_is "[.[].org] | unique" "[\"Chase\",\"Chase Bank\"]" &&
	expect_exit 0 cl cases --limit 2 --json &&
	jq_is length 2 &&
	expect_exit 0 cl cases &&
	out_contains "resolved" &&
	expect_exit 2 cl cases --status closed
'

test_expect_success 'a case by its uuid or a unique prefix of it' '
	expect_exit 0 cl show 1 --json &&
	uuid=$(jq -r .uuid out) &&
	expect_exit 0 cl show "$uuid" --json &&
	jq_is .id 1 &&
	expect_exit 0 cl show "$(uuid_prefix "$uuid" 8)" --json &&
	jq_is .id 1 &&
	expect_exit 0 cl followup "$(uuid_prefix "$uuid" 6)" +3d &&
	out_contains "case 1" &&
	expect_exit 1 cl show ffff0000 &&
	check_err_line "no case has a uuid" &&
	expect_exit 2 cl show abc
'

test_expect_success 'a uuid that starts with digits: the digits alone are a local id' '
	db="$PWD/digits.db" &&
	CALLLOG_DB="$db" expect_exit 0 cl add --org amex --reason dispute \
	    --title "Digits first" &&
	sqlite3 "$db" "UPDATE cases SET uuid =
	    '"'"'12345678-9abc-4def-8123-456789abcdef'"'"'" &&
	CALLLOG_DB="$db" expect_exit 1 cl show 12345678 &&
	check_err_line "no case 12345678" &&
	CALLLOG_DB="$db" expect_exit 0 cl show 12345678- --json &&
	jq_is .title "Digits first" &&
	CALLLOG_DB="$db" expect_exit 0 cl show 12345678-9a --json &&
	jq_is .id 1
'

test_expect_success 'a change made outside calllog is in the history too, and undone' '
	sqlite3 "$CALLLOG_DB" "UPDATE cases SET title = '"'"'by hand'"'"' WHERE id = 1" &&
	expect_exit 0 cl history --limit 1 &&
	out_contains "(outside calllog)" &&
	out_contains "title: \"Skyline charge\" -> \"by hand\"" &&
	expect_exit 0 cl doctor &&
	out_contains "ok: the history of changes matches the journal" &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl show 1 --json &&
	jq_is .title "Skyline charge"
'

test_expect_success 'doctor finds a history that no longer ends in the journal as it is' '
	sqlite3 "$CALLLOG_DB" "UPDATE change_rows SET new = json_set(new,
	    '"'"'$.title'"'"', '"'"'forged'"'"') WHERE tbl = '"'"'cases'"'"'
	    AND row_id = 1 AND new IS NOT NULL" &&
	expect_exit 1 cl doctor &&
	out_contains "history of 1 row of cases (first: 1)"
'

test_done
