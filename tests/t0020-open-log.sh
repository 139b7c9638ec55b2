#!/bin/sh
# t0020: `open` (unresolved cases, the most urgent first) and `log` (calls,
# newest first), their filters, --limit and --json.

. "$(dirname "$0")/lib.sh"

# The ids of the data rows of a table on ./out, one line: "5 2 3 1".
table_ids() {
	awk 'NR > 1 && NF { printf "%s%s", sep, $1; sep = " " } END { print "" }' out
}

# ids_are EXPECTED: the rows of the table on ./out, in order.
ids_are() {
	_got=$(table_ids)
	test "$_got" = "$1" && return 0
	echo "expected the table's ids to be '$1', got '$_got'"
	test_show_file stdout out
	return 1
}

CASE_FIELDS='["id","uuid","org","reason","title","status","opened","updated",
	"next_followup","escalation","escalate_suggested","calls","last_call"]'
CALL_FIELDS='["id","uuid","case","started","channel","number","department",
	"ivr","rep","refs","hold_seconds","duration_seconds","outcome","promise",
	"promised_by","notes"]'

test_expect_success 'an empty journal: open --json and log --json print []' '
	expect_exit 0 cl open --json &&
	jq_is . "[]" &&
	test "$(jq -s length out)" = 1 &&
	expect_exit 0 cl log --json &&
	jq_is . "[]" &&
	test "$(jq -s length out)" = 1
'

test_expect_success 'an empty journal: open and log say so in text' '
	expect_exit 0 cl open &&
	test -s out &&
	out_lacks "American Express" &&
	expect_exit 0 cl log &&
	test -s out
'

# Friday 2026-11-20, 10:00 in New York.  Cases are created in an order
# unlike their follow-ups', and calls at times unlike their ids' order.
test_expect_success 'set up: five cases, one resolved' '
	cl add --org amex --reason dispute --title "Skyline charge" \
		--number 1-800-528-2122 --rep Dana --ref DSP-1 --duration 34m \
		--outcome follow-up --when "2026-11-20 09:00" \
		--follow-up 2026-12-10 >/dev/null &&
	cl add --org "Chase Bank" --reason account --number 800-935-9935 \
		--when "2026-11-18 12:00" --follow-up 2026-11-25 >/dev/null &&
	cl add --org "Delta Air Lines" --reason travel --rep Kim \
		--when "2026-11-19 12:00" --follow-up 2026-12-01 >/dev/null &&
	cl add --org "American Express" --reason lost --outcome resolved \
		--when "2026-11-16 12:00" >/dev/null &&
	cl add --org Comcast --reason general --when "2026-11-17 12:00" \
		--follow-up 2026-11-21 >/dev/null &&
	cl add --case 1 --when "2026-11-15 12:00" --rep Marco \
		--outcome transferred --follow-up 2026-12-10 >/dev/null &&
	expect_exit 0 cl show 4 --json &&
	jq_is .status resolved &&
	expect_exit 0 cl log --json &&
	jq_is length 6
'

test_expect_success 'open --json lists unresolved cases by next follow-up' '
	expect_exit 0 cl open --json &&
	jq_is "[.[].id]" "[5,2,3,1]" &&
	jq_is "[.[].status] | index(\"resolved\")" null
'

test_expect_success 'open --json: each case has the contract fields' '
	expect_exit 0 cl open --json &&
	jq_is "[.[] | $CASE_FIELDS - keys | length] | add" 0 &&
	jq_is "[.[].escalate_suggested | type] | unique" "[\"boolean\"]" &&
	jq_is ".[] | select(.id == 1) | .calls" 2 &&
	jq_is ".[] | select(.id == 1) | .last_call" 2026-11-20T14:00:00Z &&
	jq_is ".[] | select(.id == 2) | .next_followup" 2026-11-25T14:00:00Z
'

test_expect_success 'open in text: the same order, the resolved case left out' '
	expect_exit 0 cl open &&
	ids_are "5 2 3 1" &&
	out_contains "Comcast" &&
	out_contains "Chase Bank" &&
	out_contains "Delta Air Lines" &&
	out_contains "Skyline charge" &&
	out_contains "2026-12-10" &&
	out_lacks "lost-card"
'

test_expect_success 'nothing is overdue yet' '
	expect_exit 0 cl open --overdue --json &&
	jq_is . "[]" &&
	expect_exit 0 cl open &&
	out_lacks overdue
'

# Monday 2026-11-23: Comcast's follow-up (Saturday) has passed.
test_expect_success 'when the clock passes a follow-up, that case is overdue and first' '
	CALLLOG_NOW=2026-11-23T15:00:00Z &&
	expect_exit 0 cl open --json &&
	jq_is "[.[].id]" "[5,2,3,1]" &&
	expect_exit 0 cl open --overdue --json &&
	jq_is "[.[].id]" "[5]" &&
	expect_exit 0 cl open &&
	ids_are "5 2 3 1" &&
	test "$(grep -c overdue out)" = 1 &&
	grep "^5 .*overdue" out
'

test_expect_success 'several overdue cases: the earliest follow-up first, then the rest' '
	CALLLOG_NOW=2026-11-20T15:00:00Z &&
	expect_exit 0 cl followup 1 2026-11-22 &&
	CALLLOG_NOW=2026-11-26T15:00:00Z &&
	expect_exit 0 cl open --overdue --json &&
	jq_is "[.[].id]" "[5,1,2]" &&
	expect_exit 0 cl open --json &&
	jq_is "[.[].id]" "[5,1,2,3]" &&
	expect_exit 0 cl open &&
	ids_are "5 1 2 3" &&
	test "$(grep -c overdue out)" = 3
'
CALLLOG_NOW=2026-11-26T15:00:00Z

test_expect_success 'open --org: by prefix, case-insensitively' '
	expect_exit 0 cl open --org del --json &&
	jq_is "[.[].id]" "[3]" &&
	expect_exit 0 cl open --org DELTA --json &&
	jq_is "[.[].id]" "[3]" &&
	expect_exit 0 cl open --org "chase b" --json &&
	jq_is "[.[].id]" "[2]" &&
	expect_exit 0 cl open --org c --json &&
	jq_is "[.[].id]" "[5,2]"
'

test_expect_success 'open --org: by alias, and the resolved amex case stays out' '
	expect_exit 0 cl open --org amex --json &&
	jq_is "[.[].id]" "[1]" &&
	expect_exit 0 cl open --org AMEX --json &&
	jq_is "[.[].id]" "[1]" &&
	expect_exit 0 cl open --org american --json &&
	jq_is "[.[].id]" "[1]"
'

test_expect_success 'open --org in text, and an org that matches nothing' '
	expect_exit 0 cl open --org amex &&
	ids_are 1 &&
	expect_exit 0 cl open --org "Nobody Inc" --json &&
	jq_is . "[]" &&
	expect_exit 0 cl open --org "Nobody Inc" &&
	out_lacks Comcast &&
	out_lacks "American Express"
'

test_expect_success 'open --limit N: the N most urgent' '
	expect_exit 0 cl open --limit 2 --json &&
	jq_is "[.[].id]" "[5,1]" &&
	expect_exit 0 cl open --limit 1 &&
	ids_are 5 &&
	expect_exit 0 cl open --limit 100 --json &&
	jq_is "[.[].id]" "[5,1,2,3]" &&
	expect_exit 0 cl open --overdue --limit 1 --json &&
	jq_is "[.[].id]" "[5]"
'

test_expect_success 'log --json: every call, newest first' '
	expect_exit 0 cl log --json &&
	jq_is "[.[].id]" "[1,3,2,5,4,6]" &&
	jq_is "[.[].started]" "[\"2026-11-20T14:00:00Z\",\"2026-11-19T17:00:00Z\",\"2026-11-18T17:00:00Z\",\"2026-11-17T17:00:00Z\",\"2026-11-16T17:00:00Z\",\"2026-11-15T17:00:00Z\"]"
'

test_expect_success 'log --json: calls have the fields of show, plus org' '
	expect_exit 0 cl log --json &&
	jq_is "[.[] | $CALL_FIELDS + [\"org\"] - keys | length] | add" 0 &&
	jq_is ".[0].org" "American Express" &&
	jq_is ".[0].case" 1 &&
	jq_is ".[0].number" +18005282122 &&
	jq_is ".[0].rep" Dana &&
	jq_is ".[0].refs" "[\"DSP-1\"]" &&
	jq_is ".[0].duration_seconds" 2040 &&
	jq_is ".[0].outcome" follow-up &&
	jq_is ".[] | select(.id == 2) | .org" "Chase Bank" &&
	jq_is ".[] | select(.id == 4) | .outcome" resolved
'

test_expect_success 'log --json calls match show --json calls_list' '
	expect_exit 0 cl show 1 --json &&
	jq -S "[.calls_list[]] | sort_by(.id)" out >from-show &&
	expect_exit 0 cl log --case 1 --json &&
	jq -S "[.[] | del(.org)] | sort_by(.id)" out >from-log &&
	test_cmp from-show from-log
'

test_expect_success 'log --case: only that case, newest first' '
	expect_exit 0 cl log --case 1 --json &&
	jq_is "[.[].id]" "[1,6]" &&
	expect_exit 0 cl log --case 3 --json &&
	jq_is "[.[].id]" "[3]"
'

test_expect_success 'log --org: prefix and alias, resolved cases included' '
	expect_exit 0 cl log --org amex --json &&
	jq_is "[.[].id]" "[1,4,6]" &&
	expect_exit 0 cl log --org ch --json &&
	jq_is "[.[].id]" "[2]" &&
	expect_exit 0 cl log --org COMCAST --json &&
	jq_is "[.[].id]" "[5]"
'

test_expect_success 'log --since DATE: calls at or after it' '
	expect_exit 0 cl log --since 2026-11-18 --json &&
	jq_is "[.[].id]" "[1,3,2]" &&
	expect_exit 0 cl log --since "2026-11-19 12:00" --json &&
	jq_is "[.[].id]" "[1,3]" &&
	expect_exit 0 cl log --since "2026-11-19 12:01" --json &&
	jq_is "[.[].id]" "[1]" &&
	expect_exit 0 cl log --since 2026-11-21 --json &&
	jq_is . "[]"
'

test_expect_success 'log filters combine' '
	expect_exit 0 cl log --org amex --since 2026-11-16 --json &&
	jq_is "[.[].id]" "[1,4]" &&
	expect_exit 0 cl log --case 1 --since 2026-11-16 --json &&
	jq_is "[.[].id]" "[1]"
'

test_expect_success 'log --limit N: the N newest' '
	expect_exit 0 cl log --limit 2 --json &&
	jq_is "[.[].id]" "[1,3]" &&
	expect_exit 0 cl log --limit 1 --org amex --json &&
	jq_is "[.[].id]" "[1]"
'

test_expect_success 'log in text: newest first, number in national format' '
	expect_exit 0 cl log &&
	test "$(awk "NR == 2 { print \$3 }" out)" = 1 &&
	ids_are "2026-11-20 2026-11-19 2026-11-18 2026-11-17 2026-11-16 2026-11-15" &&
	grep "^2026-11-20 09:00 .*American Express.*1-800-528-2122.*Dana" out &&
	grep "^2026-11-18 12:00 .*Chase Bank.*1-800-935-9935" out &&
	out_contains "transferred" &&
	out_contains "DSP-1" &&
	out_lacks "+18005282122"
'

test_expect_success 'log --limit in text' '
	expect_exit 0 cl log --limit 2 &&
	ids_are "2026-11-20 2026-11-19"
'

test_expect_success 'log --case in text' '
	expect_exit 0 cl log --case 3 &&
	ids_are 2026-11-19 &&
	out_contains "Delta Air Lines" &&
	out_lacks "Comcast"
'

# No default limit: a long journal comes out whole.
test_expect_success 'set up: a journal of 120 cases' '
	i=0 &&
	while test $i -lt 120
	do
		i=$((i + 1)) &&
		cl --db big.db add --org "Org $i" --reason general \
			--follow-up "+${i}d" >/dev/null || return 1
	done &&
	test "$(sqlite3 big.db "SELECT count(*) FROM cases")" = 120
'

test_expect_success 'open --json without --limit is complete' '
	expect_exit 0 cl --db big.db open --json &&
	jq_is length 120 &&
	jq_is "[.[].id] == [range(1; 121)]" true
'

test_expect_success 'log --json without --limit is complete' '
	expect_exit 0 cl --db big.db log --json &&
	jq_is length 120
'

test_expect_success 'open in text without --limit is complete' '
	expect_exit 0 cl --db big.db open &&
	test "$(table_ids | wc -w)" = 120
'

test_expect_success 'open --limit on a long journal' '
	expect_exit 0 cl --db big.db open --json --limit 7 &&
	jq_is "[.[].id]" "[1,2,3,4,5,6,7]"
'

# A new case's age reads "today" (its local date is today's), never "0s";
# in a zone where midnight came in between, the hours since.
test_expect_success 'a case opened today is "today" old in open and show' '
	export CALLLOG_DB="$TRASH/age.db" CALLLOG_NOW=2026-11-20T15:00:00Z &&
	expect_exit 0 cl add --org "Initech Mobile" --new-org --reason account \
	    --title "new plan" --when "2026-11-20T14:59:30Z" &&
	expect_exit 0 cl add --org "Initech Mobile" --reason account \
	    --title "early bird" --when "2026-11-20T05:10:00Z" &&
	expect_exit 0 cl add --org "Initech Mobile" --reason account \
	    --title "late night" --when "2026-11-20T04:50:00Z" &&
	expect_exit 0 cl open --no-pager &&
	grep "new plan  *today " out &&
	grep "early bird  *today " out &&
	grep "late night  *10h " out &&
	out_lacks " 0s " &&
	expect_exit 0 cl show 1 &&
	out_contains "2026-11-20 09:59 (today), 1 call" &&
	expect_exit 0 cl show 3 &&
	out_contains "(10h ago)" &&
	(TZ=Asia/Tokyo && export TZ && expect_exit 0 cl open --no-pager) &&
	grep "new plan  *30s " out &&
	grep "early bird  *9h50m " out &&
	(CALLLOG_NOW=2026-11-21T15:00:00Z && expect_exit 0 cl open --no-pager) &&
	grep "new plan  *1d " out &&
	unset CALLLOG_DB
'

test_done
