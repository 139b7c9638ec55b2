#!/bin/sh
# The directory of numbers (shipped and one's own, with what calls taught)
# and the prep card.
TESTDIR=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/lib.sh"

test_expect_success 'the shipped American Express directory is complete' '
	expect_exit 0 cl numbers --json &&
	jq_is "map(select(.org == \"American Express\")) | length" 11 &&
	jq_is "[.[] | select(.purpose == \"fraud\") | .number]" \
	    "[\"+18005284800\",\"+18556932213\"]" &&
	jq_is "[.[] | select(.purpose == \"rewards\") | .number]" "[\"+18002973276\"]" &&
	jq_is "[.[] | select(.purpose == \"international\") | .note]" \
	    "[\"collect, for US card members abroad\"]" &&
	jq_is "[.[] | .source] | unique" "[\"shipped\"]"
'

test_expect_success 'numbers are shown in national format in the table' '
	expect_exit 0 cl numbers amex &&
	out_contains "1-800-528-2122" &&
	out_contains "1-630-694-9750"
'

test_expect_success 'organizations match by alias and prefix, case-insensitively' '
	expect_exit 0 cl numbers AMEX --json && jq_is length 11 &&
	expect_exit 0 cl numbers "american ex" --json && jq_is length 11 &&
	expect_exit 0 cl numbers zzz --json && jq_is length 0
'

test_expect_success 'purposes match by prefix and alias: lost and stolen find the lost or stolen line' '
	expect_exit 0 cl numbers amex lost --json &&
	jq_is "[.[].number]" "[\"+18005284800\"]" &&
	expect_exit 0 cl numbers amex stolen --json &&
	jq_is "[.[].purpose]" "[\"lost-stolen\"]" &&
	expect_exit 0 cl numbers amex collect --json &&
	jq_is "[.[].purpose]" "[\"international\"]" &&
	expect_exit 0 cl numbers amex road --json &&
	jq_is length 2
'

test_expect_success 'numbers add files one of your own, shown with the shipped ones' '
	expect_exit 0 cl numbers add "Chase" claims "1-800-935-9935" --note "card claims" &&
	out_contains "added 1-800-935-9935" &&
	expect_exit 0 cl numbers chase --json &&
	jq_is "[.[] | [.org, .purpose, .number, .note, .source]]" \
	    "[[\"Chase\",\"claims\",\"+18009359935\",\"card claims\",\"yours\"]]"
'

test_expect_success 'numbers add rejects a bad number and changes nothing' '
	db_snapshot before &&
	expect_exit 2 cl numbers add Chase general 12345 &&
	check_err_line "phone number" &&
	db_unchanged before
'

test_expect_success 'numbers rm removes your number; shipped ones cannot be removed' '
	expect_exit 0 cl numbers rm chase claims &&
	expect_exit 0 cl numbers chase --json && jq_is length 0 &&
	db_snapshot before &&
	expect_exit 1 cl numbers rm amex general &&
	check_err_line "shipped" &&
	db_unchanged before
'

test_expect_success 'each number shows what your calls to it taught' '
	expect_exit 0 cl add --org amex --reason lost --number 1-800-528-4800 \
	    --ivr "\"lost card\"" --hold 2m --when 2026-11-18 &&
	expect_exit 0 cl add --case 1 --number "(800) 528-4800" --ivr "0, agent" \
	    --hold 10m --when 2026-11-19 &&
	expect_exit 0 cl add --case 1 --number 18005284800 --hold 4m --when 2026-11-19T12:00:00Z &&
	expect_exit 0 cl numbers amex lost --json &&
	jq_is ".[0].calls" 3 &&
	jq_is ".[0].median_hold_seconds" 240 &&
	jq_is ".[0].ivr" "0, agent" &&
	jq_is ".[0].last_call" "2026-11-19T14:00:00Z"
'

test_expect_success 'prep: checklist, the number, the menu path, and the warning about secrets' '
	expect_exit 0 cl prep stolen --org amex &&
	out_contains "have ready" &&
	out_contains "when you noticed the card missing" &&
	out_contains "security code and your SSN" &&
	out_contains "never stores" &&
	out_contains "1-800-528-4800" &&
	out_contains "menu path that reached a human: 0, agent"
'

test_expect_success 'prep lists the open cases with that organization, their refs and promises' '
	expect_exit 0 cl add --org amex --reason billing --title "Skyline charge" \
	    --rep Dana --ref DSP-1 --promise "temporary credit" --promised-by 2026-11-25 &&
	expect_exit 0 cl prep billing --org amex --json &&
	jq_is .reason billing &&
	jq_is ".numbers[0].number" "+18005282122" &&
	jq_is "[.open_cases[].id] | sort" "[1,2]" &&
	jq_is "[.open_cases[] | select(.id == 2) | .refs[]]" "[\"DSP-1\"]" &&
	jq_is "[.open_cases[] | select(.id == 2) | .last_rep]" "[\"Dana\"]" &&
	jq_is "[.open_cases[] | select(.id == 2) | .open_promise]" "[\"temporary credit\"]" &&
	jq_is "[.have_ready[] | select(test(\"receipts\"))] | length" 1
'

test_expect_success 'prep for an organization with no number on file says how to add one' '
	expect_exit 0 cl prep general --org "Acme Insurance" &&
	out_contains "no number on file" &&
	out_contains "numbers add"
'

test_expect_success 'prep with an unknown reason is bad input' '
	expect_exit 2 cl prep nonsense &&
	check_err_line "reason"
'

# Listing only reads: it must not queue behind a writer; adding must.
test_expect_success 'numbers lists while another process writes; numbers add waits' '
	with_write_lock 0 timeout 10 "$CALLLOG" numbers amex &&
	out_contains "1-800-528" &&
	with_write_lock 124 timeout 2 "$CALLLOG" numbers add amex travel \
	    800-555-0142 &&
	expect_exit 0 cl numbers add amex travel 800-555-0142
'

test_expect_success 'the usual hold is a true median: an even count takes the mean of the middle two' '
	expect_exit 0 cl numbers add "Globex Bank" general 1-888-555-0170 &&
	expect_exit 0 cl add --org "Globex Bank" --new-org --reason general \
	    --number 1-888-555-0170 --hold 61s --when 2026-11-10 &&
	expect_exit 0 cl add --case 3 --number 1-888-555-0170 --hold 2m --when 2026-11-11 &&
	expect_exit 0 cl numbers globex --json &&
	jq_is ".[0].median_hold_seconds" 91 &&
	expect_exit 0 cl add --case 3 --number 1-888-555-0170 --hold 95m --when 2026-11-12 &&
	expect_exit 0 cl add --case 3 --number 1-888-555-0170 --hold 1m --when 2026-11-13 &&
	expect_exit 0 cl numbers globex --json &&
	jq_is ".[0].median_hold_seconds" 91 &&
	expect_exit 0 cl add --case 3 --number 1-888-555-0170 --hold 3h --when 2026-11-14 &&
	expect_exit 0 cl add --case 3 --number 1-888-555-0170 --hold 4m --when 2026-11-15 &&
	expect_exit 0 cl numbers globex --json &&
	jq_is ".[0].median_hold_seconds" 180 &&
	expect_exit 0 cl numbers globex &&
	out_contains "3m" &&
	expect_exit 0 cl prep general --org globex &&
	out_contains "usual hold: 3m over 6 calls"
'

# One table of purposes and their words: a reason, a synonym, a plural
# or another case finds the same line, for numbers, prep and call alike.
test_expect_success 'numbers ORG REASON: a reason or synonym finds its line, else the general one' '
	expect_exit 0 cl numbers amex Disputes --json &&
	jq_is "[.[].number]" "[\"+18005282122\"]" &&
	expect_exit 0 cl numbers amex dispute &&
	out_contains "no billing number on file for American Express; its general line:" &&
	out_contains "1-800-528-2122" &&
	expect_exit 0 cl numbers amex "Lost Card" --json &&
	jq_is "[.[].purpose] | unique" "[\"lost-stolen\"]" &&
	expect_exit 0 cl numbers amex unauthorised --json &&
	jq_is "[.[].number]" "[\"+18005284800\",\"+18556932213\"]" &&
	expect_exit 0 cl numbers amex claims --json &&
	jq_is length 0
'

test_expect_success 'numbers add under a synonym files it under the purpose, found by every word' '
	expect_exit 0 cl numbers add amex Disputes 1-800-555-0143 &&
	out_contains "for American Express, billing" &&
	for word in billing dispute DISPUTES charges chargeback; do
		expect_exit 0 cl numbers amex "$word" --json &&
		jq_is "[.[].number]" "[\"+18005550143\"]" || return 1
	done &&
	expect_exit 0 cl numbers add "Initrode Insurance" Claims 1-888-555-0101 &&
	expect_exit 0 cl numbers initrode claim --json &&
	jq_is "[.[] | [.purpose, .number]]" "[[\"claims\",\"+18885550101\"]]"
'

test_expect_success 'prep REASON offers your number filed under a synonym' '
	expect_exit 0 cl prep billing --org amex --json &&
	jq_is "[.numbers[].number]" "[\"+18005550143\"]" &&
	expect_exit 0 cl prep disputes --org amex --json &&
	jq_is .reason billing &&
	jq_is "[.numbers[].number]" "[\"+18005550143\"]" &&
	expect_exit 0 cl prep "stolen card" --org amex --json &&
	jq_is .reason lost-card &&
	jq_is "[.numbers[].number]" "[\"+18005284800\"]" &&
	expect_exit 0 cl prep account --org amex --json &&
	jq_is "[.numbers[].number]" "[\"+18005282122\"]"
'

test_expect_success 'numbers rm by any word of the purpose' '
	expect_exit 0 cl numbers rm amex charge &&
	out_contains "removed 1 number" &&
	expect_exit 0 cl prep billing --org amex --json &&
	jq_is "[.numbers[].number]" "[\"+18005282122\"]"
'

# Extensions, however they are written, are kept with the number and
# shown wherever it is: numbers, prep, the call's card, add and show.
test_expect_success 'numbers add keeps an extension, in any of its spellings' '
	expect_exit 0 cl numbers add "Massive Dynamic" general "1-800-555-0188 ext 5" &&
	out_contains "added 1-800-555-0188 ext. 5 for Massive Dynamic, general" &&
	expect_exit 0 cl numbers add "Massive Dynamic" fraud "(888) 555-0199 x12" &&
	expect_exit 0 cl numbers add "Massive Dynamic" travel "888-555-0177,,3" &&
	expect_exit 0 cl numbers add "Massive Dynamic" rewards "8885550166;40" &&
	expect_exit 0 cl numbers add "Massive Dynamic" business "888 555 0155 Ext. 7" &&
	expect_exit 0 cl numbers add "Massive Dynamic" account "888-555-0144 extension 2468" &&
	expect_exit 0 cl numbers massive --json &&
	jq_is "[.[] | [.purpose, .number, .extension, .display]] | sort" \
	    "[[\"account\",\"+18885550144\",\"2468\",\"1-888-555-0144 ext. 2468\"],[\"business\",\"+18885550155\",\"7\",\"1-888-555-0155 ext. 7\"],[\"fraud\",\"+18885550199\",\"12\",\"1-888-555-0199 ext. 12\"],[\"general\",\"+18005550188\",\"5\",\"1-800-555-0188 ext. 5\"],[\"rewards\",\"+18885550166\",\"40\",\"1-888-555-0166 ext. 40\"],[\"travel\",\"+18885550177\",\"3\",\"1-888-555-0177 ext. 3\"]]" &&
	expect_exit 0 cl numbers amex --json &&
	jq_is "[.[] | .extension] | unique" "[null]" &&
	expect_exit 0 cl numbers massive &&
	out_contains "1-888-555-0199 ext. 12" &&
	expect_exit 2 cl numbers add "Massive Dynamic" general "1-800-555-0188 ext 123456789" &&
	check_err_line "extension"
'

test_expect_success 'prep and the call card show the extension to dial' '
	expect_exit 0 cl prep fraud --org massive &&
	out_contains "1-888-555-0199 ext. 12  Massive Dynamic, fraud" &&
	expect_exit 0 cl prep fraud --org massive --json &&
	jq_is "[.numbers[] | [.number, .extension]]" "[[\"+18885550199\",\"12\"]]" &&
	printf "%s\n" "expect number you will dial [1-888-555-0199 ext. 12]" \
	    "ctrl-c" >ext.steps &&
	expect_exit 130 /usr/bin/python3 "$TESTDIR/pty-drive.py" ext.steps -- \
	    "$CALLLOG" call massive fraud
'

test_expect_success 'a call to an extension: add --number keeps it, show and log show it' '
	expect_exit 0 cl add --org massive --reason fraud --number "888-555-0199 x12" \
	    --hold 3m --ivr "2, agent" &&
	case=$(sed -n "s/^opened case \\([0-9]*\\).*/\\1/p" out) &&
	expect_exit 0 cl show "$case" --json &&
	jq_is ".calls_list[0].number" "+18885550199" &&
	jq_is ".calls_list[0].extension" "12" &&
	expect_exit 0 cl show "$case" &&
	out_contains "1-888-555-0199 ext. 12" &&
	expect_exit 0 cl log --case "$case" --json &&
	jq_is ".[0].extension" "12" &&
	expect_exit 0 cl add --case "$case" --number 1-888-555-0199 --note "main line" &&
	expect_exit 0 cl show "$case" --json &&
	jq_is "[.calls_list[] | .extension]" "[\"12\",null]" &&
	expect_exit 0 cl numbers massive fraud --json &&
	jq_is ".[0].calls" 1 &&
	jq_is ".[0].ivr" "2, agent"
'

test_expect_success 'an extension survives export and import' '
	expect_exit 0 cl export &&
	cp out journal.json &&
	CALLLOG_DB="$TRASH/copy.db" expect_exit 0 cl import journal.json &&
	CALLLOG_DB="$TRASH/copy.db" expect_exit 0 cl numbers massive fraud --json &&
	jq_is "[.[] | [.number, .extension]]" "[[\"+18885550199\",\"12\"]]" &&
	CALLLOG_DB="$TRASH/copy.db" expect_exit 0 cl log --org massive --json &&
	jq_is "[.[] | .extension]" "[null,\"12\"]"
'

test_done
