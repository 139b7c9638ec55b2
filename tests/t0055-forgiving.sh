#!/bin/sh
# t0055: forgiving input (issue 17): "did you mean" for a mistyped command
# or option, bare calllog, global options after the command, a negative
# offset as an argument, dates in words with times, and the configured
# order of numeric dates.
#
# The clock is Friday 2026-11-20, 10:00 in New York (EST, UTC-5).

. "$(dirname "$0")/lib.sh"

CONF=$XDG_CONFIG_HOME/calllog/config

test_expect_success 'bare calllog prints the usage on standard error, exit 2' '
	expect_exit 2 cl &&
	test_must_be_empty out &&
	head -n 1 err | grep "^usage: calllog " &&
	grep "^  add " err &&
	grep "calllog COMMAND -h" err
'

test_expect_success 'a mistyped command: did you mean' '
	expect_exit 2 cl ad &&
	check_err_line "'"'ad'"' is not a calllog command; did you mean '"'add'"'?" &&
	expect_exit 2 cl shwo 1 &&
	check_err_line "did you mean '"'show'"'?" &&
	expect_exit 2 cl re &&
	check_err_line "did you mean '"'resolve', 'reopen' or 'remind'"'?" &&
	expect_exit 2 cl frobnicate &&
	check_err_line "'"'frobnicate'"' is not a calllog command; see '"'calllog help'"'" &&
	test_path_is_missing "$CALLLOG_DB"
'

test_expect_success 'help with a mistyped command: the same did you mean' '
	expect_exit 2 cl help ad &&
	check_err_line "'"'ad'"' is not a calllog command; did you mean '"'add'"'?" &&
	expect_exit 2 cl help shwo &&
	check_err_line "did you mean '"'show'"'?" &&
	expect_exit 2 cl help nubmers &&
	check_err_line "did you mean '"'numbers'"'?" &&
	expect_exit 2 cl help frobnicate &&
	check_err_line "'"'frobnicate'"' is not a calllog command; see '"'calllog help'"'" &&
	test_must_be_empty out &&
	expect_exit 0 cl help add &&
	out_contains "--org"
'

test_expect_success 'a mistyped option: did you mean' '
	expect_exit 2 cl add --org amex --reason billing --refs X-1 &&
	check_err_line "unknown option '"'--refs'"' for '"'add'"'; did you mean '"'--ref'"'?" &&
	expect_exit 2 cl add --org amex --reason billing --re X &&
	check_err_line "did you mean '"'--reopen', '--reason', '--rep' or '--ref'"'?" &&
	expect_exit 2 cl open --jsno &&
	check_err_line "did you mean '"'--json'"'?" &&
	expect_exit 2 cl --colour never open &&
	check_err_line "unknown option '"'--colour'"'; did you mean '"'--color'"'?" &&
	expect_exit 2 cl open --zzzzzz &&
	check_err_line "see '"'calllog open -h'"'" &&
	test_path_is_missing "$CALLLOG_DB"
'

test_expect_success 'global options after the command: --db, --color, --no-pager' '
	expect_exit 0 cl add --org amex --reason billing --db after.db &&
	test_path_is_missing "$CALLLOG_DB" &&
	expect_exit 0 cl open --json --db after.db &&
	jq_is length 1 &&
	expect_exit 0 cl open --db=after.db --no-pager --color never --json &&
	jq_is length 1 &&
	expect_exit 0 cl open --color=never --db after.db &&
	out_contains "American Express" &&
	expect_exit 2 cl open --color sometimes &&
	check_err_line "--color" &&
	expect_exit 2 cl open --db &&
	check_err_line "missing value after '"'--db'"'"
'

test_expect_success 'an option value that looks like a global option stays a value' '
	expect_exit 0 cl --db v.db add --org amex --reason billing --note --db &&
	expect_exit 0 cl --db v.db show 1 --json &&
	jq_is ".calls_list[0].notes" "--db" &&
	expect_exit 0 cl --db v.db search -- --no-pager &&
	test_path_is_missing "$CALLLOG_DB"
'

test_expect_success 'a negative offset is a date, not an option' '
	expect_exit 0 cl --db n.db add --org amex --reason billing &&
	expect_exit 0 cl --db n.db followup 1 -3d &&
	expect_exit 0 cl --db n.db show 1 --json &&
	jq_is .next_followup 2026-11-17T15:00:00Z &&
	expect_exit 2 cl --db n.db followup 1 -3x &&
	check_err_line "cannot read date '"'-3x'"'" &&
	expect_exit 0 cl --db n.db log --since -3d --json &&
	jq_is length 1
'

n=0
# follow_up_is FORM EXPECTED: `add --follow-up FORM` sets next_followup.
follow_up_is() {
	n=$((n + 1))
	test_expect_success "--follow-up '$1' is $2" '
		expect_exit 0 cl --db "f$n.db" add --org Test --reason general \
			--follow-up "$1" &&
		expect_exit 0 cl --db "f$n.db" show 1 --json &&
		jq_is .next_followup "$2"
	' "$@"
}

follow_up_is "tomorrow 14:00" 2026-11-21T19:00:00Z
follow_up_is "fri 2pm" 2026-11-27T19:00:00Z
follow_up_is "+2d 14:00" 2026-11-22T19:00:00Z
follow_up_is "next tuesday" 2026-11-24T14:00:00Z
follow_up_is "in 3 days" 2026-11-23T15:00:00Z
follow_up_is "dec 3" 2026-12-03T14:00:00Z
follow_up_is "3 dec 2026" 2026-12-03T14:00:00Z
follow_up_is "december 3 2pm" 2026-12-03T19:00:00Z
follow_up_is "12/3" 2026-12-03T14:00:00Z
follow_up_is "12/3/2026 9:30am" 2026-12-03T14:30:00Z
follow_up_is "2:30 pm tomorrow" 2026-11-21T19:30:00Z
follow_up_is "tomorrow noon" 2026-11-21T17:00:00Z
follow_up_is "next week" 2026-11-23T14:00:00Z
follow_up_is "in a week" 2026-11-27T15:00:00Z
follow_up_is "thurs 10am" 2026-11-26T15:00:00Z

test_expect_success 'a bad date in words: one line naming it and the forms' '
	expect_exit 2 cl add --org Test --reason general --follow-up "dec 33" &&
	check_err_line "cannot read date '"'dec 33'"'" &&
	grep -q "12/3 (month/day)" err &&
	grep -q "tomorrow 14:00" err &&
	test_path_is_missing "$CALLLOG_DB"
'

test_expect_success '[dates] order = dmy reads 3/12 as 3 December' '
	mkdir -p "${CONF%/*}" &&
	printf "[dates]\norder = dmy\n" >"$CONF" &&
	expect_exit 0 cl config &&
	out_contains "dates.order = dmy	# $CONF" &&
	expect_exit 0 cl --db d.db add --org Test --reason general \
		--follow-up 3/12 &&
	expect_exit 0 cl --db d.db show 1 --json &&
	jq_is .next_followup 2026-12-03T14:00:00Z &&
	expect_exit 0 cl --db d.db followup 1 12/3 &&
	expect_exit 0 cl --db d.db show 1 --json &&
	jq_is .next_followup 2027-03-12T14:00:00Z &&
	expect_exit 2 cl --db d.db followup 1 12/31 &&
	check_err_line "3/12 (day/month)" &&
	printf "[dates]\norder = ymd\n" >"$CONF" &&
	expect_exit 2 cl config &&
	check_err_line "$CONF:2: [dates] order" &&
	grep -q "mdy" err &&
	rm "$CONF" &&
	expect_exit 0 cl config &&
	out_contains "dates.order = mdy	# default"
'

test_expect_success 'a reason, channel or outcome in the plural means it' '
	expect_exit 0 cl --db pl.db add --org amex --reason disputes \
	    --channel calls --outcome callbacks &&
	expect_exit 0 cl --db pl.db show 1 --json &&
	jq_is ".reason + \" \" + .calls_list[0].channel + \" \" +
	    .calls_list[0].outcome" "billing phone callback" &&
	expect_exit 2 cl --db pl.db add --org amex --reason bills &&
	check_err_line "unknown reason '"'"'bills'"'"'"
'

test_done
