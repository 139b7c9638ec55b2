#!/bin/sh
# t0057: dates for when a call happened, and dates that are noticed
# (DESIGN.md, "Interface contract"; issue 24, class 7): the past in words
# ("last friday", "3 days ago", "this morning", "yesterday 3pm"); a
# follow-up or deadline already past is accepted with a one-line warning;
# confirmations name the weekday.
#
# The clock is Thursday 2026-11-26, 10:00 in New York (EST, UTC-5).

. "$(dirname "$0")/lib.sh"

CALLLOG_NOW=2026-11-26T15:00:00Z
export CALLLOG_NOW

n=0
# started_is WHEN UTC: a call recorded --when WHEN started at UTC.
started_is() {
	n=$((n + 1)) &&
	expect_exit 0 cl add --org amex --reason billing --note "call $n" \
	    --when "$1" &&
	test_must_be_empty err &&
	expect_exit 0 cl show "$n" --json &&
	jq_is ".calls_list[0].started" "$2"
}

test_expect_success 'the past in words: last weekday, days ago, this morning' '
	started_is "last friday" 2026-11-20T14:00:00Z &&
	started_is "Last Fri 10:15" 2026-11-20T15:15:00Z &&
	started_is "last thursday" 2026-11-19T14:00:00Z &&
	started_is "last wed 4:30pm" 2026-11-25T21:30:00Z &&
	started_is "3 days ago" 2026-11-23T15:00:00Z &&
	started_is "a week ago" 2026-11-19T15:00:00Z &&
	started_is "2 hours ago" 2026-11-26T13:00:00Z &&
	started_is "2 business days ago" 2026-11-24T15:00:00Z &&
	started_is "4 days ago 8am" 2026-11-22T13:00:00Z &&
	started_is "this morning" 2026-11-26T14:00:00Z &&
	started_is "yesterday 3pm" 2026-11-25T20:00:00Z &&
	started_is "yesterday afternoon" 2026-11-25T19:00:00Z &&
	started_is "last night" 2026-11-26T02:00:00Z
'

test_expect_success 'what is not a date in the past is still refused, naming the forms' '
	db_snapshot before &&
	for bad in "last week" "ago" "last" "2 hours ago 3pm" "last soonday"; do
		expect_exit 2 cl add --case 1 --note x --when "$bad" &&
		check_err_line "'"'last friday', '3 days ago'"'" || return 1
	done &&
	db_unchanged before
'

test_expect_success 'a follow-up already past is accepted, with one warning line' '
	expect_exit 0 cl add --org Delta --new-org --reason travel --note x \
	    --follow-up "last monday" &&
	out_contains "next follow-up Mon 2026-11-23 09:00" &&
	check_err_line "follow-up Mon 2026-11-23 09:00 is already past (3d ago)" &&
	expect_exit 0 cl show 14 --json &&
	jq_is .next_followup 2026-11-23T14:00:00Z &&
	expect_exit 0 cl followup 14 -2d &&
	check_err_line "is already past" &&
	expect_exit 0 cl followup 14 "today 9:00" &&
	check_err_line "follow-up Thu 2026-11-26 09:00 is already past" &&
	expect_exit 0 cl followup 14 tomorrow &&
	test_must_be_empty err
'

test_expect_success 'a deadline past is warned of; one today, or ahead, is not' '
	expect_exit 0 cl add --case 14 --promise refund --promised-by yesterday &&
	check_err_line "promised-by deadline Wed 2026-11-25" &&
	out_contains "promised by Wed 2026-11-25" &&
	expect_exit 0 cl add --case 14 --promise refund --promised-by today &&
	test_must_be_empty err &&
	expect_exit 0 cl add --case 14 --promise refund --promised-by +5d &&
	test_must_be_empty err
'

test_expect_success 'confirmations name the weekday: next fri said on a Thursday, a Saturday' '
	expect_exit 0 cl followup 14 "next fri" &&
	out_contains "case 14: next follow-up Fri 2026-11-27 09:00" &&
	expect_exit 0 cl followup 14 2026-11-28 &&
	out_contains "case 14: next follow-up Sat 2026-11-28 09:00" &&
	expect_exit 0 cl add --case 14 --note y --follow-up "dec 6 2pm" &&
	out_contains "next follow-up Sun 2026-12-06 14:00" &&
	expect_exit 0 cl resolve 14 &&
	expect_exit 0 cl reopen 14 &&
	grep "^reopened case 14; next follow-up [MTWFS][a-z][a-z] 2026-" out
'

test_done
