#!/bin/sh
# t0605: more of putting the record right (DESIGN.md, "Correcting the
# record"; issue 24, class 5): an organization filed with a typo can be
# put right with edit; deleting a case of several calls takes a yes;
# recording a call with a number the directory gives to another
# organization warns.
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

test_expect_success 'a journal with organizations filed with typos' '
	expect_exit 0 cl add --org "Delta Air Lnes" --new-org --reason travel \
	    --note "refund asked" &&
	expect_exit 0 cl add --org "Chase Bank" --new-org --reason billing \
	    --note one &&
	expect_exit 0 cl add --org "Chase Bank" --reason account --note two &&
	expect_exit 0 cl add --org "Wells Fargo Bnak" --new-org --reason fraud \
	    --note three &&
	expect_exit 0 cl add --org "Wells Fargo Bank" --new-org \
	    --reason billing --note four
'

test_expect_success 'edit --org with the name a case'"'"'s own typo misses is accepted' '
	expect_exit 0 cl edit 1 --org "Delta Air Lines" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .org "Delta Air Lines" &&
	expect_exit 0 cl history 1 &&
	out_contains "Delta Air Lnes" &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl edit 1 --org "delta air linez" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .org "delta air linez"
'

test_expect_success 'a near miss of another organization is still refused, naming it' '
	db_snapshot before &&
	expect_exit 2 cl edit 4 --org "Wells Fargo Bamk" &&
	check_err_line "did you mean '"'Wells Fargo Bank'"'" &&
	expect_exit 2 cl edit 1 --org "Chase Bnk" &&
	check_err_line "did you mean '"'Chase Bank'"'" &&
	db_unchanged before
'

test_expect_success 'a near miss of a name other cases share is a typo, not a fix' '
	db_snapshot before &&
	expect_exit 2 cl edit 2 --org "Chase Bamk" &&
	check_err_line "did you mean '"'Chase Bank'"'" &&
	db_unchanged before &&
	expect_exit 0 cl edit 2 --org "Chase Bamk" --new-org &&
	expect_exit 0 cl show 2 --json &&
	jq_is .org "Chase Bamk"
'

test_expect_success 'deleting a case of several calls off a terminal needs --yes' '
	expect_exit 0 cl add --case 3 --rep Kim --note again &&
	expect_exit 0 cl add --case 3 --rep Lou --note "and again" &&
	db_snapshot before &&
	expect_exit 2 cl delete 3 &&
	check_err_line "case 3 has 3 calls; add --yes" &&
	test_must_be_empty out &&
	db_unchanged before &&
	expect_exit 0 cl delete 3 --yes &&
	out_contains "deleted case 3" &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl show 3 --json &&
	jq_is .calls 3
'

test_expect_success 'a case of one call is deleted without asking' '
	expect_exit 0 cl delete 5 </dev/null &&
	out_contains "deleted case 5" &&
	expect_exit 0 cl undo
'

test_expect_success 'on a terminal delete asks: no keeps the case, y deletes it' '
	printf "%s\n" "expect delete case 3 (Chase Bank, 3 calls)? [y/N]" \
	    "send n" >no.steps &&
	db_snapshot before &&
	expect_exit 0 $DRIVE no.steps -- "$CALLLOG" delete 3 &&
	out_contains "case 3 not deleted" &&
	db_unchanged before &&
	printf "%s\n" "expect [y/N]" "send y" >yes.steps &&
	expect_exit 0 $DRIVE yes.steps -- "$CALLLOG" delete 3 &&
	out_contains "deleted case 3" &&
	expect_exit 1 cl show 3
'

test_expect_success 'a number the directory gives another organization warns, and is kept' '
	expect_exit 0 cl numbers add "Chase Bank" claims 1-800-935-9935 &&
	expect_exit 0 cl add --case 1 --number 1-800-935-9935 --note x &&
	out_contains "recorded call" &&
	check_err_line "1-800-935-9935 is Chase Bank'"'"'s number (claims) in the directory, not delta air linez'"'"'s" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[-1].number" +18009359935 &&
	expect_exit 0 cl add --org amex --reason travel --number "1-800-528-2122" \
	    --note y &&
	test_must_be_empty err &&
	expect_exit 0 cl add --org "Chase Bank" --new-org --reason travel \
	    --number "1-800-935-9935 ext 4" --note z &&
	test_must_be_empty err &&
	expect_exit 0 cl add --case 4 --number 1-800-AXP-EARN --note w &&
	check_err_line "American Express" &&
	expect_exit 0 cl add --case 4 --number 1-800-555-0100 --note v &&
	test_must_be_empty err
'

test_done
