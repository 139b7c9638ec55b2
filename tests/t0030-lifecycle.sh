#!/bin/sh
# t0030: a case's life, with the clock pinned and moved on day by day: calls,
# rescheduled follow-ups, the escalation policy (3 calls, 14 days, a broken
# promise), escalation levels, resolving and reopening.  Everything is
# checked through --json.

. "$(dirname "$0")/lib.sh"

# on DATE: the clock reads DATE at 10:00 in New York (EST in November).
on() {
	CALLLOG_NOW=${1}T15:00:00Z
}

# show_case ID: `show ID --json` into ./out.
show_case() {
	expect_exit 0 cl show "$1" --json
}

# open_ids EXPECTED: the ids `open --json` lists.
open_ids() {
	expect_exit 0 cl open --json &&
	jq_is "[.[].id]" "$1"
}

# Monday 2026-11-02.
test_expect_success 'day 0: a billing dispute opens, and a second case' '
	on 2026-11-02 &&
	expect_exit 0 cl add --org amex --reason dispute \
		--title "Skyline Tickets charge" --number 1-800-528-2122 \
		--rep Dana --ref DSP-20931 --outcome follow-up \
		--follow-up 2026-11-04 &&
	out_contains "case 1" &&
	expect_exit 0 cl add --org "Chase Bank" --reason account \
		--follow-up 2026-12-31 &&
	out_contains "case 2"
'

test_expect_success 'day 0: the dispute is open, due on day 2, nothing to escalate' '
	show_case 1 &&
	jq_is .status open &&
	jq_is .reason billing &&
	jq_is .opened 2026-11-02T15:00:00Z &&
	jq_is .next_followup 2026-11-04T14:00:00Z &&
	jq_is .escalation none &&
	jq_is .escalate_suggested false &&
	jq_is .escalate_reasons "[]" &&
	jq_is .calls 1
'

test_expect_success 'day 1: followup ID +2d reschedules the follow-up' '
	on 2026-11-03 &&
	expect_exit 0 cl followup 1 +2d &&
	show_case 1 &&
	jq_is .next_followup 2026-11-05T15:00:00Z &&
	jq_is .updated 2026-11-03T15:00:00Z
'

test_expect_success 'day 1: followup ID DATE reschedules it again' '
	expect_exit 0 cl followup 1 2026-11-05 &&
	out_contains "2026-11-05" &&
	show_case 1 &&
	jq_is .next_followup 2026-11-05T14:00:00Z &&
	jq_is .status open &&
	jq_is .calls 1 &&
	open_ids "[1,2]"
'

test_expect_success 'day 2: a second call, still nothing to escalate' '
	on 2026-11-04 &&
	expect_exit 0 cl add --case 1 --rep Marco --outcome transferred \
		--duration 45m --hold 31m &&
	show_case 1 &&
	jq_is .calls 2 &&
	jq_is .last_call 2026-11-04T15:00:00Z &&
	jq_is .escalate_suggested false &&
	jq_is .escalate_reasons "[]"
'

test_expect_success 'day 3: the third call without resolution suggests escalating' '
	on 2026-11-05 &&
	expect_exit 0 cl add --case 1 --rep "Priya, disputes" \
		--outcome follow-up &&
	show_case 1 &&
	jq_is .calls 3 &&
	jq_is .escalate_suggested true &&
	jq_is ".escalate_reasons | index([\"calls\"]) != null" true &&
	jq_is .escalation none
'

test_expect_success 'day 3: open marks the case to escalate, and only it' '
	expect_exit 0 cl open --json &&
	jq_is "[.[] | select(.escalate_suggested) | .id]" "[1]" &&
	expect_exit 0 cl open &&
	grep "^1 .*escalat" out &&
	! grep "^2 .*escalat" out
'

test_expect_success 'day 4: escalate ID asks for a supervisor' '
	on 2026-11-06 &&
	expect_exit 0 cl escalate 1 --note "Three calls and no credit" &&
	out_contains supervisor &&
	show_case 1 &&
	jq_is .escalation supervisor &&
	jq_is .status escalated &&
	jq_is .updated 2026-11-06T15:00:00Z
'

test_expect_success 'day 4: escalating starts a new stage: no suggestion any more' '
	show_case 1 &&
	jq_is .escalate_suggested false &&
	jq_is .escalate_reasons "[]" &&
	jq_is .calls 3 &&
	open_ids "[1,2]"
'

test_expect_success 'day 5: a call with outcome escalated raises the level by one' '
	on 2026-11-07 &&
	expect_exit 0 cl add --case 1 --rep "Supervisor Lee" --outcome escalated &&
	show_case 1 &&
	jq_is .escalation complaint &&
	jq_is .status escalated &&
	jq_is .calls 4 &&
	jq_is .escalate_suggested false
'

test_expect_success 'day 6: a promise, due at the end of day 8' '
	on 2026-11-08 &&
	expect_exit 0 cl add --case 1 --rep "Lee" --outcome follow-up \
		--promise "credit of 418.20 posted" --promised-by 2026-11-10 &&
	show_case 1 &&
	jq_is ".calls_list[-1].promise" "credit of 418.20 posted" &&
	jq_is ".calls_list[-1].promised_by" 2026-11-11T04:59:59Z &&
	jq_is .escalate_suggested false &&
	jq_is .escalation complaint
'

test_expect_success 'day 7: the promise is not due yet' '
	on 2026-11-09 &&
	show_case 1 &&
	jq_is .escalate_suggested false &&
	jq_is .escalate_reasons "[]"
'

test_expect_success 'day 9: the promise was broken: escalation is suggested' '
	on 2026-11-11 &&
	show_case 1 &&
	jq_is .escalate_suggested true &&
	jq_is .escalate_reasons "[\"promise_broken\"]" &&
	expect_exit 0 cl open --json &&
	jq_is ".[] | select(.id == 1) | .escalate_suggested" true
'

test_expect_success 'day 9: resolve ID --note resolves the case' '
	expect_exit 0 cl resolve 1 --note "credit posted at last" &&
	show_case 1 &&
	jq_is .status resolved &&
	jq_is ".next_followup == null" true &&
	jq_is .escalate_suggested false &&
	jq_is .updated 2026-11-11T15:00:00Z &&
	expect_exit 0 cl show 1 &&
	out_contains "credit posted at last"
'

test_expect_success 'day 9: a resolved case is not in open, but its calls stay in log' '
	open_ids "[2]" &&
	expect_exit 0 cl open &&
	! grep "^1 " out &&
	expect_exit 0 cl log --case 1 --json &&
	jq_is length 5
'

test_expect_success 'resolving a resolved case fails (1) and changes nothing' '
	db_snapshot before &&
	expect_exit 1 cl resolve 1 --note again &&
	check_err_line resolved &&
	test_must_be_empty out &&
	db_unchanged before
'

test_expect_success 'day 10: reopen ID puts it back in open with a follow-up' '
	on 2026-11-12 &&
	expect_exit 0 cl reopen 1 &&
	show_case 1 &&
	jq_is ".status != \"resolved\"" true &&
	jq_is ".next_followup > \"2026-11-12T15:00:00Z\"" true &&
	open_ids "[1,2]"
'

test_expect_success 'reopening a case that is not resolved fails (1) and changes nothing' '
	db_snapshot before &&
	expect_exit 1 cl reopen 1 &&
	check_err_line resolved &&
	test_must_be_empty out &&
	expect_exit 1 cl reopen 2 &&
	check_err_line resolved &&
	db_unchanged before
'

test_expect_success 'escalate --level regulator skips ahead' '
	expect_exit 0 cl escalate 1 --level regulator &&
	show_case 1 &&
	jq_is .escalation regulator &&
	jq_is .status escalated
'

test_expect_success 'escalating beyond a regulator fails (1) and changes nothing' '
	db_snapshot before &&
	expect_exit 1 cl escalate 1 &&
	check_err_line regulator &&
	test_must_be_empty out &&
	db_unchanged before
'

test_expect_success 'a call with outcome escalated beyond a regulator fails (1); the call is not kept' '
	db_snapshot before &&
	expect_exit 1 cl add --case 1 --outcome escalated --rep Nobody &&
	check_err_line regulator &&
	db_unchanged before &&
	show_case 1 &&
	jq_is .calls 5
'

test_expect_success 'a case open 13 days: nothing to escalate' '
	on 2026-11-15 &&
	show_case 2 &&
	jq_is .escalate_suggested false &&
	jq_is .escalate_reasons "[]"
'

test_expect_success 'a case open 14 days: escalation suggested for days_open' '
	on 2026-11-16 &&
	show_case 2 &&
	jq_is .escalate_suggested true &&
	jq_is .escalate_reasons "[\"days_open\"]" &&
	jq_is .status open &&
	jq_is .escalation none
'

test_expect_success 'an outcome of resolved on a new case resolves it' '
	expect_exit 0 cl add --org Comcast --reason general --outcome resolved &&
	out_contains "case 3" &&
	show_case 3 &&
	jq_is .status resolved &&
	jq_is ".next_followup == null" true &&
	jq_is .escalate_suggested false &&
	expect_exit 0 cl open --json &&
	jq_is "[.[].id] | index([3])" null
'

test_expect_success 'an outcome of resolved on a later call resolves the case' '
	expect_exit 0 cl add --org Verizon --reason billing \
		--follow-up 2026-11-20 &&
	out_contains "case 4" &&
	show_case 4 &&
	jq_is .status open &&
	jq_is .next_followup 2026-11-20T14:00:00Z &&
	on 2026-11-17 &&
	expect_exit 0 cl add --case 4 --outcome res &&
	show_case 4 &&
	jq_is .status resolved &&
	jq_is ".next_followup == null" true &&
	jq_is .calls 2 &&
	expect_exit 0 cl open --json &&
	jq_is "[.[].id] | index([4])" null
'

test_expect_success 'escalate --level complaint skips the supervisor' '
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel &&
	out_contains "case 5" &&
	expect_exit 0 cl escalate 5 --level complaint &&
	out_contains complaint &&
	show_case 5 &&
	jq_is .escalation complaint &&
	jq_is .status escalated
'

test_expect_success 'escalate to a level below the current one fails and changes nothing' '
	db_snapshot before &&
	expect_exit "[12]" cl escalate 5 --level supervisor &&
	check_err_line complaint &&
	db_unchanged before
'

test_expect_success 'escalate without --level goes to the next level, then no further' '
	expect_exit 0 cl escalate 5 &&
	show_case 5 &&
	jq_is .escalation regulator &&
	db_snapshot before &&
	expect_exit 1 cl escalate 5 &&
	check_err_line regulator &&
	db_unchanged before
'

test_expect_success 'an outcome of escalated on a new case asks for a supervisor' '
	expect_exit 0 cl add --org Chase --reason fraud --outcome escalated &&
	out_contains "case 6" &&
	show_case 6 &&
	jq_is .escalation supervisor &&
	jq_is .status escalated
'

test_done
