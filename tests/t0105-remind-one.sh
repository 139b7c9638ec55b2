#!/bin/sh
# t0105: reminders a person keeps enabled (issue 17).  Through the real
# libnotify to the recording notification server of t0100 (notify-lib.sh):
# at most one notification per case and run, leading with its most urgent
# reason (regulator > complaint > supervisor > broken promise > overdue
# follow-up > due follow-up) and listing the others in its body; a themed
# icon; critical only for an escalation step, a lost card or fraud, or a
# reason more than a day late; every reason folded in is recorded, so none
# is sent again, while a new one is; the complaint and regulator steps name
# whom to contact; and a dry run in quiet hours says they would be held.

. "$(dirname "$0")/notify-lib.sh"

test_expect_success 'the mock notification server starts' '
	mock_start
'

# add_three_reasons ORG: a new billing case with ORG whose one call, on
# the 10th, promised a refund by the 17th and set a follow-up for the 18th.
add_three_reasons() {
	expect_exit 0 cl add --org "$1" --reason billing \
		--when "2026-11-10 10:00" --number 1-800-935-9935 \
		--promise "refund the late fee" --promised-by 2026-11-17 \
		--follow-up 2026-11-18
}

# Now is Friday 2026-11-20 10:00 in New York.  One call on the 10th, a
# promise broken on the 17th, a follow-up due on the 18th: a follow-up
# two days late, a broken promise and a supervisor escalation, all at once.
test_expect_success 'three reasons on one case: one notification' '
	use_db three &&
	add_three_reasons Chase &&
	remind_sends 1
'

test_expect_success 'it leads with the most urgent: escalate to a supervisor' '
	nq ".[0].summary" "Escalate with Chase: ask for a supervisor"
'

test_expect_success 'the broken promise and the late follow-up are in its body' '
	nq ".[0].body | contains(\"promise broken, was due 2026-11-17\\n\")" \
		true &&
	nq ".[0].body | contains(\"follow-up due 2026-11-18 09:00\")" true &&
	nq ".[0].body | contains(\"case 1, open 10d\")" true &&
	nq ".[0].body | contains(\"1-800-935-9935\")" true &&
	notes_lack "refund the late fee"
'

test_expect_success 'it has a themed icon, and is critical (an escalation step)' '
	nq ".[0].icon" dialog-warning &&
	nq ".[0].hints.urgency" 2
'

test_expect_success 'all three reasons are recorded as sent; the next run sends nothing' '
	sent_is 3 &&
	remind_sends_nothing
'

# A call the next day sets a new follow-up; once it is due, it alone is
# new: one notification about it, the old reasons not repeated.
test_expect_success 'a new reason later: one new notification, about it alone' '
	expect_exit 0 cl add --case 1 --outcome callback \
		--follow-up "2026-11-23 09:00" &&
	CALLLOG_NOW=2026-11-23T14:30:00Z &&
	remind_sends 1 &&
	nq ".[0].summary" "Follow up with Chase" &&
	nq ".[0].body | contains(\"follow-up due 2026-11-23 09:00\")" true &&
	notes_lack "promise broken" &&
	notes_lack "Escalate" &&
	sent_is 4
'

test_expect_success 'a follow-up just due: normal urgency, appointment-soon' '
	nq ".[0].hints.urgency" 1 &&
	nq ".[0].icon" appointment-soon &&
	remind_sends_nothing
'

test_expect_success 'a follow-up days late: critical, appointment-missed' '
	use_db late &&
	expect_exit 0 cl add --org Citibank --reason billing \
		--number 1-800-950-5114 --follow-up "2026-11-17 09:00" &&
	remind_sends 1 &&
	nq ".[0].summary" "Follow up with Citibank" &&
	nq ".[0].body | contains(\"case 1, open today\")" true &&
	nq ".[0].hints.urgency" 2 &&
	nq ".[0].icon" appointment-missed
'

test_expect_success 'several cases: one notification each' '
	use_db several &&
	add_three_reasons Discover &&
	add_three_reasons Synchrony &&
	add_three_reasons Barclays &&
	remind_sends 3 &&
	nq "map(.summary) | sort | join(\",\")" \
		"Escalate with Barclays: ask for a supervisor,Escalate with Discover: ask for a supervisor,Escalate with Synchrony: ask for a supervisor" &&
	sent_is 9
'

test_expect_success '--dry-run shows the same one notification per case' '
	use_db dry &&
	add_three_reasons Chase &&
	expect_exit 0 cl remind --dry-run &&
	test "$(grep -c "^would notify" out)" = 1 &&
	out_contains "would notify (critical): Escalate with Chase: ask for a supervisor" &&
	grep -qx "    also: promise broken, was due 2026-11-17" out &&
	out_contains "    also: follow-up due 2026-11-18 09:00" &&
	out_lacks "held"
'

# Escalated to a supervisor on the 20th; 15 days on, the next step is the
# formal complaint.
test_expect_success 'complaint step, no channel on file: says to ask for the process' '
	use_db complaint &&
	expect_exit 0 cl add --org "Wells Fargo" --reason billing \
		--when "2026-11-02 10:00" --number 1-800-869-3557 \
		--follow-up 2027-01-15 &&
	expect_exit 0 cl escalate 1 &&
	CALLLOG_NOW=2026-12-05T15:00:00Z &&
	expect_exit 0 cl remind --dry-run &&
	out_contains "Escalate with Wells Fargo: file a formal complaint" &&
	out_contains "complaint: no channel on file; ask for the formal complaint process" &&
	out_contains "call 1-800-869-3557"
'

test_expect_success 'complaint step: the notification names the complaint channel you added' '
	expect_exit 0 cl numbers add "Wells Fargo" complaint 1-800-555-0142 \
		--note "formal complaints line" &&
	remind_sends 1 &&
	nq ".[0].summary" "Escalate with Wells Fargo: file a formal complaint" &&
	nq ".[0].body | contains(\"complaint: Wells Fargo 1-800-555-0142, formal complaints line\")" \
		true &&
	nq ".[0].hints.urgency" 2 &&
	nq ".[0].icon" dialog-warning
'

test_expect_success 'the directory ships the CFPB as the regulator' '
	expect_exit 0 cl numbers --json &&
	jq_is "map(select(.purpose == \"regulator\")) |
		map([.org, .number, .note, .source])" \
		"[[\"Consumer Financial Protection Bureau\",\"+18554112372\",\"consumerfinance.gov/complaint\",\"shipped\"]]"
'

# A US card: the last step is the regulator, and for the +1 country the
# shipped one is the CFPB.
test_expect_success 'regulator step for a US card case names the CFPB, its number and site' '
	use_db regulator &&
	expect_exit 0 cl add --org amex --reason billing \
		--when "2026-11-02 10:00" --number 1-800-528-2122 \
		--follow-up 2027-01-15 &&
	expect_exit 0 cl escalate 1 --level complaint &&
	CALLLOG_NOW=2026-12-05T15:00:00Z &&
	remind_sends 1 &&
	nq ".[0].summary" \
		"Escalate with American Express: contact the regulator" &&
	nq ".[0].body | contains(\"regulator: Consumer Financial Protection Bureau 1-855-411-2372, consumerfinance.gov/complaint\")" \
		true &&
	nq ".[0].hints.urgency" 2 &&
	nq ".[0].icon" dialog-warning &&
	remind_sends_nothing
'

test_expect_success 'an organization'"'"'s own regulator, added by you, comes first' '
	use_db ownregulator &&
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel \
		--when "2026-11-02 10:00" --number 1-800-221-1212 \
		--follow-up 2027-01-15 &&
	expect_exit 0 cl numbers add "Delta Air Lines" regulator 1-800-555-0177 \
		--note "aviation consumer protection" &&
	expect_exit 0 cl escalate 1 --level complaint &&
	CALLLOG_NOW=2026-12-05T15:00:00Z &&
	remind_sends 1 &&
	nq ".[0].body | contains(\"regulator: Delta Air Lines 1-800-555-0177, aviation consumer protection\")" \
		true &&
	notes_lack "Consumer Financial Protection Bureau"
'

# 22:00-08:00 local; 2026-11-21T04:30Z is 23:30 on the 20th in New York.
test_expect_success '--dry-run in quiet hours says they would be held, and until when' '
	use_db quiet &&
	quiet_hours 22:00-08:00 &&
	add_three_reasons "Fifth Third" &&
	db_snapshot quiet &&
	CALLLOG_NOW=2026-11-21T04:30:00Z &&
	clear_calls &&
	expect_exit 0 cl remind --dry-run &&
	test_must_be_empty err &&
	out_contains "would notify" &&
	out_contains "quiet hours until 2026-11-21 08:00: 1 reminder would be held" &&
	notes &&
	nq length 0 &&
	db_unchanged quiet
'

test_expect_success '--dry-run after quiet hours says nothing of holding' '
	CALLLOG_NOW=2026-11-21T13:30:00Z &&
	expect_exit 0 cl remind --dry-run &&
	out_contains "would notify" &&
	out_lacks "held"
'

test_done
