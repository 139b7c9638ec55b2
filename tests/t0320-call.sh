#!/bin/sh
# The guided call, driven through a pseudo-terminal: a whole call is
# recorded with its hold and duration timed; Ctrl-C or Ctrl-D at any stage
# leaves the journal exactly as it was; off a terminal it points to add.
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

test_expect_success 'off a terminal: exit 2, pointing to add, nothing written' '
	expect_exit 0 cl add --org amex --reason billing --title earlier &&
	db_snapshot before &&
	expect_exit 2 cl call amex lost </dev/null &&
	check_err_line "calllog add" &&
	db_unchanged before
'

cat >whole.steps <<'STEPS'
expect number you will dial [1-800-528-4800]
send
expect dialing
send
expect human answers
sleep 1.5
send
expect hang up
sleep 1.2
send
expect open case
send
expect few words
send Replacement card
expect department
send Card services
expect menu path
send "lost card"
expect representative
send Kim 4471
expect reference numbers
send LST-1, LST-2
expect outcome
send call
expect promise
send new card by mail
expect promised by
send tomorow
expect cannot read date
expect promised by
send 2026-11-23
expect next follow-up
send
expect empty line
expect >
send card was 4111 1111 1111 1111
expect >
send Ünïcode note ✓
expect >
send
STEPS

test_expect_success 'a whole guided call is recorded as one call' '
	expect_exit 0 $DRIVE whole.steps -- "$CALLLOG" call amex lost &&
	out_contains "have ready" &&
	out_contains "never stores" &&
	out_contains "recorded call 2 on case 2" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .org "American Express" &&
	jq_is .reason lost-card &&
	jq_is .title "Replacement card" &&
	jq_is ".calls_list | length" 1 &&
	jq_is ".calls_list[0].number" "+18005284800" &&
	jq_is ".calls_list[0].rep" "Kim 4471" &&
	jq_is ".calls_list[0].department" "Card services" &&
	jq_is ".calls_list[0].ivr" "\"lost card\"" &&
	jq_is ".calls_list[0].refs" "[\"LST-1\",\"LST-2\"]" &&
	jq_is ".calls_list[0].outcome" callback &&
	jq_is ".calls_list[0].promise" "new card by mail" &&
	jq_is ".calls_list[0].promised_by" "2026-11-24T04:59:59Z" &&
	jq_is ".calls_list[0].notes" "card was card ending 1111
Ünïcode note ✓" &&
	jq_is ".calls_list[0].hold_seconds >= 1" true &&
	jq_is ".calls_list[0].duration_seconds >= 2" true &&
	jq_is ".calls_list[0].duration_seconds > .calls_list[0].hold_seconds" true
'

test_expect_success 'a guided call can be added to an open case' '
	printf "%s\n" "expect number you will dial" "send 1-800-528-2122" \
	    "expect dialing" "send" "expect human answers" "send" \
	    "expect hang up" "send" "expect open case" "send 1" \
	    "expect department" "send" "expect menu path" "send" \
	    "expect representative" "send Lee" "expect reference" "send" \
	    "expect outcome" "send" "expect promise" "send" \
	    "expect next follow-up" "send" "expect >" "send" >case.steps &&
	expect_exit 0 $DRIVE case.steps -- "$CALLLOG" call amex billing &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list | length" 2 &&
	jq_is ".calls_list[1].rep" Lee &&
	jq_is ".calls_list[1].outcome" follow-up
'

# Interrupt at each stage: the prompt before dialing, while dialing, on
# hold, in the middle of the questions, and in the notes.
for stage in "number you will dial" "dialing" "human answers" \
    "representative" ">"; do
	test_expect_success "Ctrl-C at '$stage' leaves nothing written" '
		db_snapshot before &&
		{ for s in "expect number you will dial" "send" "expect dialing" \
		    "send" "expect human answers" "send" "expect hang up" "send" \
		    "expect open case" "send new" "expect few words" "send x" \
		    "expect department" "send" "expect menu path" "send" \
		    "expect representative" "send Ann" "expect reference" "send" \
		    "expect outcome" "send" "expect promise" "send" \
		    "expect next follow-up" "send" "expect >" "send a note"; do
			case $s in "expect $1") echo "$s"; echo ctrl-c; break ;; esac
			echo "$s"
		done; } >int.steps &&
		expect_exit 130 $DRIVE int.steps -- "$CALLLOG" call amex lost &&
		out_contains "call not recorded" &&
		db_unchanged before
	' "$stage"
done

test_expect_success 'Ctrl-D at a prompt gives up too' '
	db_snapshot before &&
	# Wait until libedit reads the terminal raw: a ^D typed while it is
	# still cooked belongs to the line discipline, not to calllog.
	printf "%s\n" "expect number you will dial" "send" "expect dialing" \
	    "sleep 0.5" "ctrl-d" >eof.steps &&
	expect_exit 130 $DRIVE eof.steps -- "$CALLLOG" call amex lost &&
	out_contains "call not recorded" &&
	db_unchanged before
'

# Every answer reaches the journal, however many: 45 references and 60
# note lines need far more than the 64 argument slots the answers once
# had, and a note line of "-" is text, not an order to read standard input
# (which is the terminal the person is typing on).
test_expect_success 'a call with 45 references and 60 note lines keeps them all, "-" as text' '
	refs=$(seq -f "BIG-%g" 1 45 | paste -sd, -) &&
	{ printf "%s\n" "expect number you will dial" "send" "expect dialing" \
	    "send" "expect human answers" "send" "expect hang up" "send" \
	    "expect open case" "send new" "expect few words" "send Many answers" \
	    "expect department" "send" "expect menu path" "send" \
	    "expect representative" "send Lee Many" "expect reference" \
	    "send $refs" "expect outcome" "send" "expect promise" "send" \
	    "expect next follow-up" "send" &&
	  for i in $(seq 1 60); do
		if test "$i" = 30; then line=-; else line="note line $i"; fi &&
		printf "%s\n" "expect >" "send $line" || return 1
	  done &&
	  printf "%s\n" "expect >" "send"; } >many.steps &&
	expect_exit 0 $DRIVE many.steps -- "$CALLLOG" call amex lost &&
	out_contains "recorded call" &&
	expect_exit 0 cl log --json &&
	jq_is "[.[] | select(.rep == \"Lee Many\")] | length" 1 &&
	jq_is ".[] | select(.rep == \"Lee Many\") | .refs | length" 45 &&
	jq_is ".[] | select(.rep == \"Lee Many\") | .refs[44]" BIG-45 &&
	jq_is ".[] | select(.rep == \"Lee Many\") | .notes | split(\"\n\") | length" 60 &&
	jq_is ".[] | select(.rep == \"Lee Many\") | .notes | split(\"\n\") | .[29]" - &&
	jq_is ".[] | select(.rep == \"Lee Many\") | .notes | split(\"\n\") | .[59]" "note line 60"
'

# The card names the open cases that "add to an open case" then offers,
# and the number filed under any word of the reason's purpose.
test_expect_success 'the card lists the open cases with the organization, and your number for the reason' '
	export CALLLOG_DB="$TRASH/card.db" &&
	expect_exit 0 cl numbers add amex Disputes 1-800-555-0177 &&
	expect_exit 0 cl add --org amex --reason billing --title "Gym fee twice" \
	    --rep "Ola (ID 12)" --follow-up 2026-11-25 &&
	expect_exit 0 cl add --org amex --reason travel --title "Hotel refund" &&
	expect_exit 0 cl resolve 2 &&
	expect_exit 0 cl add --org amex --reason lost --title "Lost at airport" \
	    --follow-up "2026-11-23 14:30" &&
	expect_exit 0 cl add --org "Vandelay Bank" --new-org --reason fraud \
	    --title "Other org" &&
	printf "%s\n" "expect number you will dial [1-800-555-0177]" \
	    "ctrl-c" >card.steps &&
	expect_exit 130 $DRIVE card.steps -- "$CALLLOG" call amex DISPUTES &&
	out_contains "open cases with American Express (this call may add to one):" &&
	out_contains "case 1: billing, Gym fee twice; next follow-up Wed 2026-11-25 09:00; last spoke to Ola (ID 12)" &&
	out_contains "case 3: lost-card, Lost at airport; next follow-up Mon 2026-11-23 14:30" &&
	out_lacks "Hotel refund" &&
	out_lacks "Other org" &&
	out_contains "call not recorded" &&
	printf "%s\n" "expect number you will dial" "ctrl-c" >none.steps &&
	expect_exit 130 $DRIVE none.steps -- "$CALLLOG" call "Kramerica Industries" &&
	out_contains "no open case with Kramerica Industries: this call opens one" &&
	unset CALLLOG_DB
'

test_done
