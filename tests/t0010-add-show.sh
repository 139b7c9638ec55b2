#!/bin/sh
# t0010: `add` records a call (opening its case), and `show ID --json`
# gives back every field it was given (DESIGN.md, "Interface contract").

. "$(dirname "$0")/lib.sh"

ISO_Z='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
UUID='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

test_expect_success 'add opens a case and prints the case and call ids' '
	expect_exit 0 cl add --org amex --reason dispute &&
	out_contains "case 1" &&
	out_contains "call 1" &&
	expect_exit 0 cl add --org "Chase Bank" --reason general &&
	out_contains "case 2" &&
	out_contains "call 2" &&
	expect_exit 0 cl add --case 1 --note "called back" &&
	out_contains "call 3" &&
	out_contains "case 1" &&
	out_lacks "case 2" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls" 2 &&
	jq_is "[.calls_list[].id]" "[1,3]" &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".calls" 1 &&
	jq_is "[.calls_list[].id]" "[2]"
'

# One call with every flag add has; show must give each back.
test_expect_success 'add with every flag succeeds' '
	expect_exit 0 cl add --org amex --reason dispute \
		--title "Charge from Skyline Tickets not received" \
		--account 4111111111111111 --number 1-800-AXP-EARN \
		--department "Billing disputes" --rep "Dana (ID 4471)" \
		--ref DSP-20931 --ref CR-55120 --ref AB-1 \
		--when "2026-11-20 09:30" --duration 34m --hold 18m \
		--ivr "0, \"representative\", \"dispute a charge\"" \
		--channel phone --outcome follow-up \
		--promise "temporary credit while they investigate" \
		--promised-by 2026-11-25 --follow-up 2026-12-01 \
		--note "They need the merchant'"'"'s reply." \
		--note "Sent the receipt by the app." &&
	out_contains "case 3" &&
	out_contains "call 4"
'

test_expect_success 'show --json prints one JSON object' '
	expect_exit 0 cl show 3 --json &&
	test_must_be_empty err &&
	jq_is type object &&
	test "$(jq -s length out)" = 1
'

test_expect_success 'the call: id, uuid, case, started' '
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list | length" 1 &&
	jq_is ".calls_list[0].id" 4 &&
	jq_is ".calls_list[0].case" 3 &&
	jq_is ".calls_list[0].uuid | test(\"$UUID\")" true &&
	jq_is ".calls_list[0].started" 2026-11-20T14:30:00Z &&
	jq_is ".calls_list[0].started | test(\"$ISO_Z\")" true
'

test_expect_success 'the call: channel, number in E.164, department, ivr, rep' '
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list[0].channel" phone &&
	jq_is ".calls_list[0].number" +18002973276 &&
	jq_is ".calls_list[0].department" "Billing disputes" &&
	jq_is ".calls_list[0].ivr" "0, \"representative\", \"dispute a charge\"" &&
	jq_is ".calls_list[0].rep" "Dana (ID 4471)"
'

test_expect_success 'the call: refs keep the order they were given in' '
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list[0].refs" "[\"DSP-20931\",\"CR-55120\",\"AB-1\"]"
'

test_expect_success 'the call: hold and duration in seconds, outcome' '
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list[0].hold_seconds" 1080 &&
	jq_is ".calls_list[0].duration_seconds" 2040 &&
	jq_is ".calls_list[0].outcome" follow-up
'

test_expect_success 'the call: promise, promised_by (a date alone is the end of that day)' '
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list[0].promise" "temporary credit while they investigate" &&
	jq_is ".calls_list[0].promised_by" 2026-11-26T04:59:59Z
'

test_expect_success 'the call: repeated --note joins with a newline' '
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list[0].notes == \"They need the merchant'"'"'s reply.\nSent the receipt by the app.\"" true
'

test_expect_success 'the case: id, uuid, org, reason, title, status' '
	expect_exit 0 cl show 3 --json &&
	jq_is .id 3 &&
	jq_is ".uuid | test(\"$UUID\")" true &&
	jq_is ".uuid != .calls_list[0].uuid" true &&
	jq_is .org "American Express" &&
	jq_is .reason billing &&
	jq_is .title "Charge from Skyline Tickets not received" &&
	jq_is ".status | IN(\"open\", \"waiting\")" true
'

test_expect_success 'the case: opened, updated, next_followup, last_call in UTC' '
	expect_exit 0 cl show 3 --json &&
	jq_is .opened 2026-11-20T14:30:00Z &&
	jq_is .updated 2026-11-20T15:00:00Z &&
	jq_is .next_followup 2026-12-01T14:00:00Z &&
	jq_is .last_call 2026-11-20T14:30:00Z
'

test_expect_success 'the case: escalation, escalate_suggested (a bool), calls' '
	expect_exit 0 cl show 3 --json &&
	jq_is .escalation none &&
	jq_is ".escalate_suggested | type" boolean &&
	jq_is .escalate_suggested false &&
	jq_is .calls 1
'

test_expect_success '--account with a whole card number keeps the last four' '
	expect_exit 0 cl show 3 --json &&
	jq_is .account 1111 &&
	! sqlite3 "$CALLLOG_DB" .dump | grep 4111111111111111
'

test_expect_success '--account with four digits keeps them' '
	expect_exit 0 cl add --org "Chase Bank" --reason account --account 2004 &&
	expect_exit 0 cl show 4 --json &&
	jq_is .account 2004
'

test_expect_success 'the uuids differ from case to case and call to call' '
	cl show 1 --json >a.json &&
	cl show 3 --json >b.json &&
	test "$(jq -r .uuid a.json)" != "$(jq -r .uuid b.json)" &&
	test "$(jq -r ".calls_list[0].uuid" a.json)" != \
		"$(jq -r ".calls_list[1].uuid" a.json)"
'

test_expect_success 'absent values are null, refs an empty array' '
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel &&
	out_contains "case 5" &&
	expect_exit 0 cl show 5 --json &&
	jq_is ".title == null" true &&
	jq_is ".account == null" true &&
	jq_is ".calls_list[0] | [.number, .department, .ivr, .rep, .hold_seconds,
		.duration_seconds, .outcome, .promise, .promised_by, .notes]
		| map(. == null) | all" true &&
	jq_is ".calls_list[0].refs" "[]"
'

test_expect_success 'defaults: the call started now, by phone; the case is open' '
	expect_exit 0 cl show 5 --json &&
	jq_is ".calls_list[0].started" 2026-11-20T15:00:00Z &&
	jq_is ".calls_list[0].channel" phone &&
	jq_is .opened 2026-11-20T15:00:00Z &&
	jq_is .status open &&
	jq_is .escalation none &&
	jq_is .escalate_suggested false &&
	jq_is .calls 1 &&
	jq_is .last_call 2026-11-20T15:00:00Z
'

test_expect_success 'an open case carries a next follow-up even when none was given' '
	expect_exit 0 cl show 5 --json &&
	jq_is ".next_followup | test(\"$ISO_Z\")" true &&
	jq_is ".next_followup > \"2026-11-20T15:00:00Z\"" true
'

test_expect_success 'amex, AMEX and American Express file under one organization' '
	expect_exit 0 cl add --org AMEX --reason general &&
	out_contains "case 6" &&
	expect_exit 0 cl add --org "american express" --reason general &&
	out_contains "case 7" &&
	expect_exit 0 cl show 6 --json &&
	jq_is .org "American Express" &&
	expect_exit 0 cl show 7 --json &&
	jq_is .org "American Express"
'

test_expect_success 'another organization is kept as typed' '
	expect_exit 0 cl show 2 --json &&
	jq_is .org "Chase Bank" &&
	expect_exit 0 cl show 5 --json &&
	jq_is .org "Delta Air Lines"
'

# Reason as typed, and what it must become.
n=0
while read -r typed reason; do
	n=$((n + 1))
	test_expect_success "reason '$typed' means $reason" '
		expect_exit 0 cl --db "reason$n.db" add --org Test --reason "$1" &&
		expect_exit 0 cl --db "reason$n.db" show 1 --json &&
		jq_is .reason "$2"
	' "$typed" "$reason"
done <<'EOF'
dispute billing
stolen lost-card
bill billing
lost lost-card
lost-card lost-card
fra fraud
trav travel
rew rewards
bus business
gen general
activation activation
acc account
EOF

# Outcome as typed, and what it must become.
while read -r typed outcome; do
	n=$((n + 1))
	test_expect_success "outcome '$typed' means $outcome" '
		expect_exit 0 cl --db "outcome$n.db" add --org Test \
			--reason general --outcome "$1" &&
		expect_exit 0 cl --db "outcome$n.db" show 1 --json &&
		jq_is ".calls_list[0].outcome" "$2"
	' "$typed" "$outcome"
done <<'EOF'
res resolved
resolved resolved
fol follow-up
follow-up follow-up
cal callback
tr transferred
dr dropped
esc escalated
inf info
info info
EOF

test_expect_success 'each channel is kept' '
	for ch in chat message letter in-person phone
	do
		cl --db "channel-$ch.db" add --org Test --reason general \
			--channel "$ch" >/dev/null &&
		cl --db "channel-$ch.db" show 1 --json >out &&
		jq_is ".calls_list[0].channel" "$ch" || return 1
	done
'

test_expect_success '--note - reads the note from standard input' '
	printf "from stdin\nline 2\n" >note.txt &&
	expect_exit 0 cl add --case 5 --note - <note.txt &&
	expect_exit 0 cl show 5 --json &&
	jq_is ".calls_list[-1].notes == \"from stdin\nline 2\"" true
'

test_expect_success '--note - joins with the other notes in order' '
	printf "middle\n" |
	expect_exit 0 cl add --case 5 --note first --note - --note last &&
	expect_exit 0 cl show 5 --json &&
	jq_is ".calls_list[-1].notes == \"first\nmiddle\nlast\"" true
'

test_expect_success 'a date without a time means 09:00 local (EST)' '
	expect_exit 0 cl add --case 5 --outcome follow-up \
		--follow-up 2026-12-01 &&
	expect_exit 0 cl show 5 --json &&
	jq_is .next_followup 2026-12-01T14:00:00Z
'

test_expect_success 'a deadline without a time means the end of that day (EDT in summer)' '
	expect_exit 0 cl add --case 5 --when 2026-07-01 \
		--promised-by 2026-07-03 &&
	expect_exit 0 cl show 5 --json &&
	jq_is "[.calls_list[] | select(.started == \"2026-07-01T13:00:00Z\")
		| .promised_by]" "[\"2026-07-04T03:59:59Z\"]"
'

test_expect_success 'card numbers, SSNs and security codes in notes are not stored' '
	expect_exit 0 cl add --case 2 \
		--note "card 4111 1111 1111 1111, SSN 123-45-6789, CVV 123" &&
	cat out err | grep -i "card" &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".calls_list[-1].notes | contains(\"1111\")" true &&
	! sqlite3 "$CALLLOG_DB" .dump | grep -e "4111 1111 1111 1111" \
		-e 123-45-6789 -e "CVV 123"
'

test_expect_success 'show prints the case and its timeline as text' '
	expect_exit 0 cl show 3 &&
	out_contains "American Express" &&
	out_contains "Charge from Skyline Tickets not received" &&
	out_contains "1-800-297-3276" &&
	out_contains "Dana (ID 4471)" &&
	out_contains "DSP-20931" &&
	out_contains "CR-55120" &&
	out_contains "Sent the receipt by the app." &&
	out_lacks "4111111111111111"
'

test_expect_success 'a new database is 0600 in a new 0700 directory' '
	CALLLOG_DB=$TRASH/new/sub/journal.db &&
	export CALLLOG_DB &&
	expect_exit 0 cl add --org amex --reason billing &&
	test_path_is_file "$TRASH/new/sub/journal.db" &&
	mode_is 600 "$TRASH/new/sub/journal.db" &&
	mode_is 700 "$TRASH/new/sub" &&
	mode_is 700 "$TRASH/new" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .org "American Express"
'
CALLLOG_DB=$TRASH/journal.db

test_expect_success 'without --db or CALLLOG_DB: $XDG_DATA_HOME/calllog/calllog.db' '
	db_snapshot main &&
	(
		unset CALLLOG_DB &&
		expect_exit 0 cl add --org amex --reason billing --title xdg
	) &&
	test_path_is_file "$XDG_DATA_HOME/calllog/calllog.db" &&
	mode_is 600 "$XDG_DATA_HOME/calllog/calllog.db" &&
	mode_is 700 "$XDG_DATA_HOME/calllog" &&
	test "$(sqlite3 "$XDG_DATA_HOME/calllog/calllog.db" \
		"SELECT count(*) FROM cases")" = 1 &&
	db_unchanged main &&
	(
		unset CALLLOG_DB &&
		expect_exit 0 cl show 1 --json
	) &&
	jq_is .title xdg
'

test_expect_success 'without XDG_DATA_HOME: ~/.local/share/calllog/calllog.db' '
	(
		unset CALLLOG_DB XDG_DATA_HOME &&
		HOME=$TRASH/home2 &&
		mkdir "$HOME" &&
		expect_exit 0 cl add --org amex --reason billing
	) &&
	mode_is 600 "$TRASH/home2/.local/share/calllog/calllog.db" &&
	mode_is 700 "$TRASH/home2/.local/share/calllog"
'

test_expect_success '--db overrides CALLLOG_DB' '
	db_snapshot main &&
	expect_exit 0 cl --db other.db add --org "Other Org" --reason general &&
	out_contains "case 1" &&
	test_path_is_file other.db &&
	db_unchanged main &&
	expect_exit 0 cl --db other.db show 1 --json &&
	jq_is .org "Other Org" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .org "American Express"
'

test_done
