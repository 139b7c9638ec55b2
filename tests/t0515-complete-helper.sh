#!/bin/sh
# t0515: `calllog __complete WORD...`, the helper the shell completions
# call: what it prints for each kind of word, that it filters by the word
# being completed, that it never creates or changes a journal, and that it
# stays out of the command list.

. "$(dirname "$0")/lib.sh"

# comp WORD...: `calllog __complete WORD...` into ./out, nothing on stderr.
comp() {
	expect_exit 0 cl __complete "$@" &&
	test_must_be_empty err
}

# is LINE...: ./out is exactly the LINEs, in this order.
is() {
	printf '%s\n' "$@" >want &&
	test_cmp want out
}

test_expect_success 'no journal: commands and options still, no journal made' '
	comp "" &&
	cl help | awk "/^commands:/ { on = 1; next } on && /^\$/ { exit }
	    on { print \$1 }" >cmds &&
	cut -f 1 out >got &&
	test_cmp cmds got &&
	grep -q "^add	record a call" out &&
	comp sh &&
	is "show	one case and the timeline of its calls" &&
	comp show "" &&
	test_must_be_empty out &&
	comp add --org "" &&
	test_must_be_empty out &&
	test_path_is_missing "$CALLLOG_DB"
'

test_expect_success 'a journal: two open cases and a resolved one' '
	cl add --org amex --reason billing --title "Skyline Tickets charge" &&
	cl add --org "Acme Bank" --reason lost &&
	cl add --org amex --reason travel --title "Lost bag" &&
	cl resolve 3 &&
	cl numbers add "Acme Bank" general 1-800-555-0100 >/dev/null
'

test_expect_success 'options: before the command, and a command'"'"'s own' '
	comp - &&
	cut -f 1 out >got &&
	printf "%s\n" --db --color --no-pager --version --help >want &&
	test_cmp want got &&
	comp add --rea &&
	cut -f 1 out >got &&
	echo --reason >want &&
	test_cmp want got &&
	comp escalate -- &&
	cut -f 1 out >got &&
	printf "%s\n" --note --level --help >want &&
	test_cmp want got
'

test_expect_success 'enumerated values: reason, outcome, channel, level, format, color' '
	comp add --reason "" &&
	is lost-card billing account activation fraud travel rewards business general &&
	comp add -r fr &&
	is fraud &&
	comp add --outcome res &&
	is resolved &&
	comp add --channel "" &&
	is phone chat message letter in-person &&
	comp escalate 1 --level "" &&
	is supervisor complaint regulator &&
	comp export --format "" &&
	is json csv &&
	comp --color "" &&
	is auto always never &&
	comp open --color n &&
	is never &&
	comp add --reason=bi &&
	is --reason=billing &&
	comp prep b &&
	is billing business
'

test_expect_success 'case ids: open, resolved, all, with what each is' '
	comp resolve "" &&
	is "2	Acme Bank, lost-card" "1	American Express: Skyline Tickets charge" &&
	comp reopen "" &&
	is "3	American Express: Lost bag (resolved)" &&
	comp show "" &&
	cut -f 1 out | sort >got &&
	printf "1\n2\n3\n" >want &&
	test_cmp want got &&
	comp add --case "" &&
	cut -f 1 out | sort >got &&
	printf "1\n2\n" >want &&
	test_cmp want got &&
	comp log --case 3 &&
	is "3	American Express: Lost bag (resolved)"
'

test_expect_success 'organizations and the numbers of the one on the line' '
	comp add --org "" &&
	grep -qx "American Express" out &&
	grep -qx "Acme Bank" out &&
	test "$(sort out | uniq -d)" = "" &&
	comp add --org Ac &&
	is "Acme Bank" &&
	comp add --org "Acme Bank" --number "" &&
	is "1-800-555-0100	Acme Bank, general" &&
	comp add -o amex --number 1-800-528-2 &&
	is "1-800-528-2122	American Express, general" &&
	comp numbers "" &&
	head -n 2 out | cut -f 1 >got &&
	printf "add\nrm\n" >want &&
	test_cmp want got &&
	comp numbers rm "Acme Bank" general "" &&
	is "1-800-555-0100	Acme Bank, general"
'

test_expect_success 'global options after the command, --db on the line, files' '
	cl --db other.db add --org Delta --reason travel &&
	comp --db other.db show "" &&
	is "1	Delta, travel" &&
	comp show --db=other.db "" &&
	is "1	Delta, travel" &&
	comp --db "" &&
	is :file &&
	comp backup x &&
	is :file &&
	comp --db none.db show "" &&
	test_must_be_empty out &&
	test_path_is_missing none.db
'

test_expect_success 'an argument after -- or a negative offset is positional' '
	comp followup -3d "" &&
	head -n 1 out | grep -x now &&
	comp followup 1 tom &&
	is tomorrow &&
	comp search -- --r &&
	test_must_be_empty out
'

test_expect_success '__complete writes nothing and is not a listed command' '
	db_snapshot before &&
	comp show "" &&
	comp add --org "" &&
	db_unchanged before &&
	expect_exit 0 cl help &&
	out_lacks __complete &&
	expect_exit 2 cl __complet &&
	check_err_line "is not a calllog command"
'

test_done
