#!/bin/sh
# t0614: one truth for promises and escalation (issue 24, classes 1 and 2;
# DESIGN.md, "Money and promises" and "Escalation policy"): a promise's
# status and whether to escalate are decided once, and `open`, `remind`,
# `show`, `ical` and the dossier in each format say the same.

. "$(dirname "$0")/lib.sh"

# at UTC-TIME: the clock for the commands that follow (New York is UTC-5
# in November).
at() {
	CALLLOG_NOW=$1
}

# dossiers ID: the case's dossier in each format, as d.txt, d.md, d.html.
dossiers() {
	for _f in txt md html; do
		expect_exit 0 cl dossier "$1" --format "$_f" &&
		cp out "d.$_f" || return 1
	done
}

# open_case ID: the case's object from `open --json`, into ./out.
open_case() {
	expect_exit 0 cl open --json &&
	jq ".[] | select(.id == $1)" out >open.json &&
	mv open.json out
}

# remind_about ID: the notice `remind --dry-run` would give for case ID
# (its lines, up to the next notice), into ./out.
remind_about() {
	expect_exit 0 cl remind --dry-run &&
	awk -v id="case $1," '
		/^would notify/ { if (keep) printf "%s", b; b = ""; keep = 0 }
		{ b = b $0 "\n"; if (index($0, id)) keep = 1 }
		END { if (keep) printf "%s", b }
	' out >remind.txt &&
	mv remind.txt out
}

test_expect_success 'a promise marked kept is kept in open, remind, show and the dossier' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "Delta Air Lines" --new-org --reason travel \
		--rep Sam --promise "a travel voucher" --promised-by 2026-11-06 &&
	at 2026-11-07T14:00:00Z &&
	expect_exit 0 cl promise 1 --kept --note "voucher came by email" &&
	at 2026-11-12T15:00:00Z &&
	open_case 1 &&
	jq_is "any(.escalate_reasons[]; . == \"promise_broken\")" false &&
	jq_is ".promises[0].status" kept &&
	jq_is ".promises[0].marked" true &&
	remind_about 1 &&
	out_lacks "promise broken" &&
	out_lacks "a broken promise" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".promises[0].status" kept &&
	jq_is ".escalate_suggested" false &&
	dossiers 1 &&
	grep -F "kept (marked by me):** a travel voucher" d.md &&
	grep -F "data-status=\"kept\" data-marked" d.html &&
	grep -E "^  kept +a travel voucher" d.txt
'

test_expect_success 'a promise marked withdrawn or broken by hand is honoured everywhere' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "Hertz" --new-org --reason travel \
		--promise "waive the fee" --promised-by "2026-11-20 17:00" &&
	expect_exit 0 cl add --org "Avis" --new-org --reason billing \
		--promise "call me back" --promised-by "2026-11-25" &&
	at 2026-11-04T15:00:00Z &&
	expect_exit 0 cl promise 2 --withdrawn &&
	expect_exit 0 cl promise 3 --broken &&
	at 2026-11-22T15:00:00Z &&
	open_case 2 &&
	jq_is "any(.escalate_reasons[]; . == \"promise_broken\")" false &&
	jq_is ".promises[0].status" withdrawn &&
	jq_is ".open_promise" null &&
	open_case 3 &&
	jq_is ".promises[0].status" broken &&
	jq_is "any(.escalate_reasons[]; . == \"promise_broken\")" true &&
	remind_about 2 &&
	out_lacks "promise broken" &&
	remind_about 3 &&
	out_contains "promise broken"
'

test_expect_success 'a deadline given as a date means the end of that day' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "United" --new-org --reason travel \
		--promise "refund the bag fee" --promised-by 2026-11-09 &&
	expect_exit 0 cl show 4 --json &&
	jq_is ".promises[0].by" 2026-11-10T04:59:59Z &&
	expect_exit 0 cl show 4 &&
	out_contains "refund the bag fee by 2026-11-09: open" &&
	at 2026-11-09T21:30:00Z &&
	expect_exit 0 cl resolve 4 &&
	at 2026-11-12T15:00:00Z &&
	expect_exit 0 cl show 4 --json &&
	jq_is ".promises[0].status" kept &&
	dossiers 4 &&
	grep -F "kept:** refund the bag fee" d.md &&
	grep -F "due 2026-11-09" d.md &&
	grep -F "data-status=\"kept\"" d.html &&
	grep -E "^  kept +refund the bag fee" d.txt
'

test_expect_success 'the editor shows a date deadline as the date, and keeps it' '
	cat >ed.sh <<-\EOF &&
	#!/bin/sh
	cp "$1" form.txt
	sed -i "s/^rep: .*/rep: Kim/" "$1"
	EOF
	chmod +x ed.sh &&
	: >none.steps &&
	VISUAL=$TRASH/ed.sh expect_exit 0 /usr/bin/python3 \
		"$TEST_DIR/pty-drive.py" none.steps -- "$CALLLOG" edit --call 4 &&
	grep -x "promised-by: 2026-11-09" form.txt &&
	expect_exit 0 cl show 4 --json &&
	jq_is ".calls_list[0].rep" Kim &&
	jq_is ".promises[0].by" 2026-11-10T04:59:59Z
'

test_expect_success 'a time of day given with the deadline is kept as given' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "Verizon" --new-org --reason billing \
		--promise "a callback" --promised-by "2026-11-09 14:00" &&
	expect_exit 0 cl show 5 --json &&
	jq_is ".promises[0].by" 2026-11-09T19:00:00Z &&
	expect_exit 0 cl add --case 5 --note again \
		--promise "a letter" --promised-by "tomorrow 9am" &&
	expect_exit 0 cl show 5 --json &&
	jq_is ".promises[1].by" 2026-11-03T14:00:00Z
'

test_expect_success 'a case resolved by mistake and reopened keeps no promise' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "Comcast" --new-org --reason billing \
		--promise "credit the outage" --promised-by 2026-11-08 &&
	at 2026-11-03T15:00:00Z &&
	expect_exit 0 cl resolve 6 &&
	at 2026-11-03T15:05:00Z &&
	expect_exit 0 cl reopen 6 --note "resolved the wrong case" &&
	at 2026-11-12T15:00:00Z &&
	expect_exit 0 cl show 6 --json &&
	jq_is ".promises[0].status" broken &&
	open_case 6 &&
	jq_is ".promises[0].status" broken &&
	dossiers 6 &&
	grep -F "broken:** credit the outage" d.md &&
	! grep -F "kept:**" d.md &&
	grep -F "data-status=\"broken\"" d.html &&
	grep -E "^  broken +credit the outage" d.txt &&
	! grep -E "^  kept " d.txt
'

test_expect_success 'no time of 0 is shown as a date; marks and notes are in every format' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "Sprint" --new-org --reason account \
		--promise "unlock the phone" --promised-by 2026-11-05 &&
	expect_exit 0 cl add --case 7 --note "asked again" \
		--promise "a written apology" &&
	expect_exit 0 cl promise 7 --call 8 --kept \
		--note "unlocked in the store" &&
	expect_exit 0 cl promise 7 --broken --note "no letter came" &&
	at 2026-11-12T15:00:00Z &&
	dossiers 7 &&
	! grep -E "19(69|70)" d.txt d.md d.html &&
	grep -F "unlocked in the store" d.txt &&
	grep -F "unlocked in the store" d.md &&
	grep -F "unlocked in the store" d.html &&
	grep -F "no letter came" d.md &&
	grep -F "(marked by me)" d.txt &&
	test "$(grep -c "marked by me" d.html)" -ge 2 &&
	expect_exit 0 cl show 7 &&
	out_contains "unlocked in the store" &&
	out_contains "(marked by hand)" &&
	expect_exit 0 cl show 7 --json &&
	jq_is "[.promises[].note]" "[\"unlocked in the store\",\"no letter came\"]"
'

test_expect_success 'escalation waits while the deadline the rep asked for is ahead' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "T-Mobile" --new-org --reason billing \
		--note "first call" &&
	at 2026-11-16T15:00:00Z &&
	expect_exit 0 cl add --case 8 --note "second call" \
		--promise "fix the bill" --promised-by 2026-11-19 &&
	at 2026-11-17T15:00:00Z &&
	open_case 8 &&
	jq_is .escalate_suggested false &&
	jq_is .escalate_reasons "[]" &&
	remind_about 8 &&
	out_lacks "Escalate" &&
	expect_exit 0 cl show 8 &&
	out_lacks "ask for a supervisor" &&
	at 2026-11-20T15:00:00Z &&
	open_case 8 &&
	jq_is .escalate_suggested true &&
	jq_is ".escalate_reasons | sort" "[\"days_open\",\"promise_broken\"]"
'

test_expect_success 'three calls with a deadline ahead: no escalation till it passes' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "AT&T" --new-org --reason billing --note 1 &&
	expect_exit 0 cl add --case 9 --note 2 &&
	expect_exit 0 cl add --case 9 --note 3 --promise "a credit" \
		--promised-by "2026-11-06 12:00" &&
	at 2026-11-05T15:00:00Z &&
	open_case 9 &&
	jq_is .escalate_suggested false &&
	at 2026-11-06T17:30:00Z &&
	open_case 9 &&
	jq_is ".escalate_reasons | sort" "[\"calls\",\"promise_broken\"]"
'

test_expect_success 'a case credited in full is not escalated; open suggests resolving it' '
	at 2026-11-01T15:00:00Z &&
	expect_exit 0 cl add --org "Capital One" --new-org --reason billing \
		--amount 318.45 --note "disputed" &&
	expect_exit 0 cl add --org "Discover" --new-org --reason billing \
		--amount 318.45 --note "disputed" &&
	at 2026-11-05T15:00:00Z &&
	expect_exit 0 cl add --case 10 --credited 118.45 --note "part" &&
	expect_exit 0 cl add --case 10 --credited 200 --note "rest" &&
	expect_exit 0 cl add --case 11 --credited 318.44 --note "all but a cent" &&
	at 2026-11-25T15:00:00Z &&
	open_case 10 &&
	jq_is .outstanding 0.00 &&
	jq_is .escalate_suggested false &&
	jq_is .resolve_suggested true &&
	open_case 11 &&
	jq_is .escalate_suggested true &&
	jq_is .resolve_suggested false &&
	expect_exit 0 cl open &&
	grep -E "^10 .*credited in full" out &&
	remind_about 10 &&
	out_lacks "Escalate" &&
	out_lacks "formal complaint" &&
	remind_about 11 &&
	out_contains "Escalate" &&
	expect_exit 0 cl ical &&
	! grep -F "Escalate with Capital One" out &&
	grep -F "Escalate with Discover" out
'

# jetblue_todo: the JetBlue case's escalation to-do from `ical`, as todo.ics.
jetblue_todo() {
	expect_exit 0 cl ical &&
	tr -d "\r" <out | awk "/^BEGIN:VTODO/ { t = \"\" } { t = t \$0 \"\\n\" }
		/^END:VTODO/ && t ~ /Escalate with JetBlue/ { printf \"%s\", t }" \
		>todo.ics &&
	grep -F "Escalate with JetBlue" todo.ics
}

test_expect_success 'the calendar does not escalate at a promise marked kept' '
	at 2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org "JetBlue" --new-org --reason travel \
		--promise "rebook me" --promised-by "2026-11-04 12:00" &&
	jetblue_todo &&
	grep -E "^DUE.*20261104T170001Z" todo.ics &&
	before=$(sed -n "s/^SEQUENCE://p" todo.ics) &&
	at 2026-11-03T15:00:00Z &&
	expect_exit 0 cl promise 12 --kept &&
	jetblue_todo &&
	! grep -E "^DUE.*20261104T" todo.ics &&
	grep -E "^DUE.*20261116T150000Z" todo.ics &&
	test "$(sed -n "s/^SEQUENCE://p" todo.ics)" -gt "${before:-0}"
'

test_done
