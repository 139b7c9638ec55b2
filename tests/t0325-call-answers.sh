#!/bin/sh
# The guided call checks each answer when it is given (DESIGN.md,
# "Interface contract"; issue 24, class 6): a case that is not a number,
# does not exist or is resolved is said at once and asked again, not after
# every question; Enter on the case question does not open a second case
# about a problem already open with that organization; an outcome is a
# name's prefix (f is follow-up) and an alias is never taken by a prefix
# (h is not hung-up, i.e. dropped).
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

# steps FILE ANSWER...: a guided call's steps, each ANSWER a step line; the
# timer's four prompts are answered first.
steps() {
	_f=$1 && shift &&
	{ printf "%s\n" "expect number you will dial" "send" "expect dialing" \
	    "send" "expect human answers" "send" "expect hang up" "send" &&
	  printf "%s\n" "$@"; } >"$_f"
}

# The questions after the case, answered plainly; OUTCOME is sent as given.
rest() {
	printf "%s\n" "expect department" "send" "expect menu path" "send" \
	    "expect representative" "send $1" "expect reference" "send" \
	    "expect outcome" "send $2" "expect promise" "send" \
	    "expect next follow-up" "send" "expect >" "send"
}

test_expect_success 'a journal: open and resolved cases with two organizations' '
	expect_exit 0 cl add --org "Delta Air Lines" --new-org --reason travel \
	    --title "Refund" --rep Ann &&
	expect_exit 0 cl add --org "Delta Air Lines" --reason billing \
	    --title "Seat fee" --rep Bo &&
	expect_exit 0 cl add --org "Chase" --new-org --reason billing \
	    --title "Old one" --outcome resolved
'

test_expect_success 'a case that is not a number, missing or resolved is said at once and asked again' '
	db_snapshot before &&
	steps bad.steps "expect open case" "send A" "expect is not a number" \
	    "expect open case" "send 9" "expect no case 9" \
	    "expect open case" "send 3" "expect case 3 is resolved" \
	    "expect open case" "ctrl-c" &&
	expect_exit 130 $DRIVE bad.steps -- "$CALLLOG" call Delta travel &&
	out_lacks department &&
	out_lacks representative &&
	db_unchanged before
'

test_expect_success 'after a wrong answer the right one is taken, and the call recorded on it' '
	steps fix.steps "expect open case" "send 77" "expect no case 77" \
	    "expect open case" "send 2" &&
	rest Cy follow-up >>fix.steps &&
	expect_exit 0 $DRIVE fix.steps -- "$CALLLOG" call Delta travel &&
	out_contains "recorded call 4 on case 2" &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".calls_list[-1].rep" Cy
'

test_expect_success 'Enter adds to the one open case about the same reason, and says so' '
	steps same.steps "expect Enter: case 1, open about travel" "send" &&
	rest Di "" >>same.steps &&
	expect_exit 0 $DRIVE same.steps -- "$CALLLOG" call delta travel &&
	out_contains "recorded call 5 on case 1" &&
	out_lacks "opened case" &&
	expect_exit 0 cl cases --json &&
	jq_is length 3
'

test_expect_success 'with open cases about other things only, Enter opens a new case' '
	steps other.steps "expect open case" "send" "expect few words" \
	    "send Lost bag" &&
	rest Ed "" >>other.steps &&
	expect_exit 0 $DRIVE other.steps -- "$CALLLOG" call delta account &&
	out_contains "opened case 4 (Delta Air Lines, account)" &&
	expect_exit 0 cl show 4 --json &&
	jq_is .title "Lost bag"
'

test_expect_success 'with several open cases about the reason, Enter asks which' '
	expect_exit 0 cl add --org Delta --reason travel --title "Second trip" \
	    --rep Fay &&
	steps several.steps "expect several are open about this" "send" \
	    "expect 2 open cases with delta are about travel" \
	    "expect open case" "send new" "expect few words" "send Third" &&
	rest Gus "" >>several.steps &&
	expect_exit 0 $DRIVE several.steps -- "$CALLLOG" call delta travel &&
	out_contains "opened case 6" &&
	expect_exit 0 cl show 6 --json &&
	jq_is .title Third
'

test_expect_success 'an outcome is read when given: f is follow-up, h is asked again' '
	steps outcome.steps "expect open case" "send 4" \
	    "expect department" "send" "expect menu path" "send" \
	    "expect representative" "send Hal" "expect reference" "send" \
	    "expect outcome" "send h" "expect hung-up" \
	    "expect outcome" "send t" "expect promise" "send" \
	    "expect next follow-up" "send" "expect >" "send" &&
	expect_exit 0 $DRIVE outcome.steps -- "$CALLLOG" call delta account &&
	expect_exit 0 cl show 4 --json &&
	jq_is ".calls_list[-1].outcome" transferred
'

test_expect_success 'a name past its limit is said when given, and asked again' '
	long=$(printf "%0201d" 0 | tr 0 x) &&
	steps long.steps "expect open case" "send new" \
	    "expect few words" "send $long" "expect --title is" \
	    "expect few words" "send Short" \
	    "expect department" "send" "expect menu path" "send" \
	    "expect representative" "send $long" "expect --rep is" \
	    "expect representative" "send Jo" "expect reference" "send" \
	    "expect outcome" "send" "expect promise" "send" \
	    "expect next follow-up" "send" "expect >" "send" &&
	expect_exit 0 $DRIVE long.steps -- "$CALLLOG" call Zeta &&
	out_contains "recorded call" &&
	expect_exit 0 cl log --json &&
	jq_is ".[0].rep" Jo
'

test_expect_success 'add: f is follow-up, h and fix are refused naming the alias' '
	expect_exit 0 cl add --case 4 --outcome f --note x &&
	expect_exit 0 cl show 4 --json &&
	jq_is ".calls_list[-1].outcome" follow-up &&
	expect_exit 0 cl add --case 4 --outcome E --note x &&
	expect_exit 0 cl show 4 --json &&
	jq_is ".calls_list[-1].outcome" escalated &&
	db_snapshot before &&
	expect_exit 2 cl add --case 4 --outcome h --note x &&
	check_err_line "'"'hung-up'"' (dropped)" &&
	expect_exit 2 cl add --case 4 --outcome fix --note x &&
	check_err_line "'"'fixed'"' (resolved)" &&
	expect_exit 2 cl add --org amex --reason b --note x &&
	check_err_line "'"'billing'"' or '"'business'"'" &&
	db_unchanged before &&
	expect_exit 0 cl add --case 4 --outcome hung-up --note x &&
	expect_exit 0 cl add --org amex --reason disputes --note x &&
	expect_exit 0 cl add --org amex --reason acc --note x
'

test_expect_success 'a follow-up already past is accepted in the guided call with a warning' '
	steps past.steps "expect open case" "send 4" \
	    "expect department" "send" "expect menu path" "send" \
	    "expect representative" "send Ivy" "expect reference" "send" \
	    "expect outcome" "send" "expect promise" "send" \
	    "expect next follow-up" "send last monday" \
	    "expect is already past" "expect >" "send" &&
	expect_exit 0 $DRIVE past.steps -- "$CALLLOG" call delta account &&
	out_contains "next follow-up Mon 2026-11-16 09:00" &&
	expect_exit 0 cl show 4 --json &&
	jq_is .next_followup 2026-11-16T14:00:00Z
'

test_done
