#!/bin/sh
# t0100: `remind` through the real libnotify to a recording notification
# server (python3-dbusmock's notification_daemon template) on a private
# session bus: what arrives, how urgent, once per due time, --dry-run, quiet
# hours, and what happens with no bus, no server or a server that never
# answers (DESIGN.md, "Interface contract"; TESTING.md, "Desktop
# notifications").
#
# The whole script runs inside one private bus: started without one, it
# runs itself again under dbus-run-session with tests/session-bus.conf (no
# service directories, so nothing installed can be auto-started).

. "$(dirname "$0")/notify-lib.sh"

test_expect_success 'the private bus has no notification server of its own' '
	test -n "$DBUS_SESSION_BUS_ADDRESS" &&
	! name_owned "$NAME"
'

test_expect_success 'the mock notification server starts on it' '
	mock_start &&
	clear_calls &&
	notes &&
	nq length 0
'

# Case 1: a lost card, follow-up due yesterday at 09:00 (30 h ago), with
# everything that must stay off the screen.
test_expect_success 'a follow-up due yesterday: remind sends one notification' '
	use_db main &&
	expect_exit 0 cl add --org amex --reason lost-card \
		--number 1-800-528-2122 --account 7306 \
		--ref REF-55501 --ref 88442211 --rep "Dana 4471" \
		--note "gate code zebra-42, call back after lunch" \
		--follow-up 2026-11-19 &&
	remind_sends 1
'

test_expect_success 'it comes from calllog and says whom to follow up with' '
	nq ".[0].app" calllog &&
	nq ".[0].summary | contains(\"American Express\")" true &&
	nq ".[0].summary | contains(\"Follow up\")" true
'

test_expect_success 'its body has the reason, "case 1" and the number to call' '
	nq ".[0].body | contains(\"lost-card\")" true &&
	nq ".[0].body | contains(\"case 1\")" true &&
	nq ".[0].body | contains(\"1-800-528-2122\")" true
'

test_expect_success 'it shows no notes, account digits, references or rep' '
	grep -F "American Express" notes.txt >/dev/null &&
	notes_lack zebra &&
	notes_lack "call back after lunch" &&
	notes_lack 7306 &&
	notes_lack REF-55501 &&
	notes_lack 88442211 &&
	notes_lack "Dana"
'

test_expect_success 'a lost card is critical (urgency byte 2)' '
	nq ".[0].hints.urgency" 2
'

test_expect_success 'the second run sends nothing and says nothing is due' '
	remind_sends_nothing &&
	sent_is 1
'

test_expect_success 'a rescheduled follow-up is not due before its new date' '
	expect_exit 0 cl followup 1 2026-11-23 &&
	CALLLOG_NOW=2026-11-23T13:59:00Z &&
	remind_sends_nothing
'

test_expect_success 'once the new date has passed it is sent, once' '
	CALLLOG_NOW=2026-11-23T15:00:00Z &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Follow up\")" true &&
	nq ".[0].summary | contains(\"American Express\")" true &&
	nq ".[0].body | contains(\"2026-11-23\")" true &&
	remind_sends_nothing
'

# Now is Friday 2026-11-20 10:00 in New York.
test_expect_success 'urgency: normal just after the due time, critical a day later' '
	use_db urgency &&
	expect_exit 0 cl add --org Citibank --reason billing \
		--number 1-800-950-5114 --follow-up "2026-11-20 09:00" &&
	expect_exit 0 cl add --org "Wells Fargo" --reason billing \
		--number 1-800-869-3557 --follow-up "2026-11-17 09:00" &&
	expect_exit 0 cl add --org "Capital One" --reason fraud \
		--number 1-800-227-4825 --follow-up "2026-11-20 09:30" &&
	remind_sends 3 &&
	nq "map(select(.summary | contains(\"Citibank\")) | .hints.urgency)" \
		"[1]" &&
	nq "map(select(.summary | contains(\"Wells Fargo\")) | .hints.urgency)" \
		"[2]" &&
	nq "map(select(.summary | contains(\"Capital One\")) | .hints.urgency)" \
		"[2]"
'

test_expect_success 'two calls are not yet a reason to escalate' '
	use_db escalate &&
	expect_exit 0 cl add --org Chase --reason billing \
		--number 1-800-935-9935 --outcome follow-up \
		--follow-up 2026-11-27 &&
	expect_exit 0 cl add --case 1 --outcome transferred &&
	remind_sends_nothing
'

test_expect_success 'a third call without resolution: an escalation notification' '
	expect_exit 0 cl add --case 1 --outcome dropped &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Escalate\")" true &&
	nq ".[0].summary | contains(\"Chase\")" true &&
	nq ".[0].body | contains(\"case 1\")" true &&
	remind_sends_nothing
'

# "Sent once" is kept by the stage's start, not the time remind ran: a
# later run, before anything else falls due, sends nothing again.
test_expect_success 'the escalation is not sent again hours or days later' '
	CALLLOG_NOW=2026-11-20T21:30:00Z &&
	remind_sends_nothing &&
	CALLLOG_NOW=2026-11-23T15:00:00Z &&
	remind_sends_nothing &&
	sent_is 1
'

# One notification per case and run (t0105 has the rest): the escalation
# leads, the broken promise is in its body.
test_expect_success 'a broken promise: one notification, escalate, the promise in it' '
	use_db promise &&
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel \
		--when "2026-11-10 10:00" --number 1-800-221-1212 \
		--promise "refund the fare" --promised-by 2026-11-17 \
		--follow-up 2026-11-30 &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Escalate\")" true &&
	nq ".[0].summary | contains(\"Delta Air Lines\")" true &&
	nq ".[0].body | test(\"promise broken, was due 2026-11-17\")" true &&
	sent_is 2 &&
	remind_sends_nothing
'

# The Desktop Notifications spec reads markup in the body only: a server
# that follows it (the mock's own "mock-notify", as GNOME Shell, Plasma,
# xfce4-notifyd) gets the summary as typed, or "AT&T" would show as
# "AT&amp;T".  dunst renders the summary's markup: it gets it escaped, and
# so does a server whose name cannot be read.  Either way it shows as typed
# (DESIGN, Privacy).  The body is escaped for all.
test_expect_success 'markup: Bank <&> "Co" arrives as typed in the summary of a spec server' '
	use_db markup &&
	expect_exit 0 cl add --org "Bank <&> \"Co\"" --reason general \
		--title "fees <waived> & \"refunded\"" \
		--number 1-800-555-0100 --follow-up "2026-11-20 09:00" &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Bank <&> \\\"Co\\\"\")" true &&
	nq ".[0].summary | contains(\"&amp;\")" false
'

# Whatever calllog puts in the body must be escaped: the body, read as the
# server reads it, is well-formed markup, and unescaped it has no stray
# entity left.
test_expect_success 'markup: the body is escaped for servers that read markup' '
	jq -r ".[0].body" notes.json >body.txt &&
	/usr/bin/python3 -c "
import sys, xml.dom.minidom
body = open(\"body.txt\", encoding=\"utf-8\").read()
try:
    xml.dom.minidom.parseString(\"<markup>\" + body + \"</markup>\")
except Exception as e:
    sys.exit(\"the body is not well-formed markup (%s): %r\" % (e, body))
" &&
	nq ".[0].body | test(\"&(?!(lt|gt|amp|quot|apos|#[0-9]+);)\")" false &&
	nq ".[0].body | contains(\"<\")" false
'

# summary_of_att SERVER [FAILS]: with the mock answering as SERVER (after
# failing FAILS times), a case for "AT&T <b>x</b>" is notified; its summary
# is in ./summary.txt, and its body is escaped.
summary_of_att() {
	use_db "att-$1-${2:-0}" &&
	mock_server_is "$@" &&
	expect_exit 0 cl add --new-org --org "AT&T <b>x</b>" --reason billing \
		--title "fees & <i>charges</i>" --follow-up "2026-11-20 09:00" &&
	remind_sends 1 &&
	jq -r ".[0].summary" notes.json >summary.txt &&
	nq ".[0].body | contains(\"<\")" false &&
	nq ".[0].body | test(\"&(?!(lt|gt|amp|quot|apos|#[0-9]+);)\")" false
}

test_expect_success 'markup: AT&T <b>x</b> arrives as typed in the summary of mock-notify' '
	summary_of_att mock-notify &&
	grep -F "AT&T <b>x</b>" summary.txt
'

test_expect_success 'markup: AT&T <b>x</b> arrives escaped in the summary of dunst' '
	summary_of_att dunst &&
	grep -F "AT&amp;T &lt;b&gt;x&lt;/b&gt;" summary.txt &&
	! grep -F "<" summary.txt
'

# libnotify asks the server again before it shows: a server that fails
# once and then answers "mock-notify" is one whose name calllog could not
# read.
test_expect_success 'markup: escaped in the summary when the server name cannot be read' '
	summary_of_att mock-notify 1 &&
	grep -F "AT&amp;T &lt;b&gt;x&lt;/b&gt;" summary.txt &&
	! grep -F "<" summary.txt
'

test_expect_success 'markup: the mock answers as mock-notify again' '
	mock_server_is mock-notify
'

test_expect_success '--dry-run prints "would notify", sends and records nothing' '
	use_db dryrun &&
	expect_exit 0 cl add --org "Bank of America" --reason account \
		--number 1-800-432-1000 --follow-up "2026-11-20 09:00" &&
	db_snapshot dryrun &&
	clear_calls &&
	expect_exit 0 cl remind --dry-run &&
	out_contains "would notify" &&
	out_contains "Bank of America" &&
	notes &&
	nq length 0 &&
	db_unchanged dryrun &&
	expect_exit 0 cl remind --dry-run &&
	out_contains "would notify"
'

# A dry run only reads: it must not queue behind a writer (30 s) or hold
# its output back.  timeout(1) turns waiting into a failure.
test_expect_success '--dry-run runs while another process holds the write lock' '
	with_write_lock 0 timeout 10 "$CALLLOG" remind --dry-run &&
	out_contains "would notify"
'

test_expect_success 'a real run after the dry run still sends it' '
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Bank of America\")" true
'

# 22:00-08:00 local; 2026-11-21T04:30Z is 23:30 on the 20th in New York.
test_expect_success 'quiet hours: nothing sent at 23:30, said so, exit 0' '
	use_db quiet &&
	quiet_hours 22:00-08:00 &&
	expect_exit 0 cl add --org "US Bank" --reason general \
		--number 1-800-872-2657 --follow-up "2026-11-20 09:00" &&
	db_snapshot quiet &&
	CALLLOG_NOW=2026-11-21T04:30:00Z &&
	clear_calls &&
	expect_exit 0 cl remind &&
	test_must_be_empty err &&
	out_contains "quiet hours" &&
	notes &&
	nq length 0 &&
	db_unchanged quiet
'

test_expect_success 'quiet hours: still nothing at 07:30 the next morning' '
	CALLLOG_NOW=2026-11-21T12:30:00Z &&
	clear_calls &&
	expect_exit 0 cl remind &&
	out_contains "quiet hours" &&
	notes &&
	nq length 0 &&
	db_unchanged quiet
'

test_expect_success 'quiet hours: sent at 08:30, once they are over' '
	CALLLOG_NOW=2026-11-21T13:30:00Z &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"US Bank\")" true
'

test_expect_success 'no server: exit 1, one error line, nothing marked' '
	use_db failures &&
	expect_exit 0 cl add --org Discover --reason billing \
		--number 1-800-347-2683 --follow-up "2026-11-20 09:00" &&
	mock_stop &&
	db_snapshot noserver &&
	expect_exit 1 cl remind &&
	check_err_line "notification" &&
	db_unchanged noserver &&
	sent_is 0
'

test_expect_success 'the next run, with a server, delivers it' '
	mock_start &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Discover\")" true &&
	sent_is 1
'

test_expect_success 'no session bus at all: exit 1, one error line, nothing marked' '
	expect_exit 0 cl add --org Synchrony --reason account \
		--number 1-866-419-4096 --follow-up "2026-11-20 09:00" &&
	db_snapshot nobus &&
	clear_calls &&
	(
		DBUS_SESSION_BUS_ADDRESS=unix:path=$TRASH/no-bus-here &&
		export DBUS_SESSION_BUS_ADDRESS &&
		expect_exit 1 cl remind
	) &&
	check_err_line "notification" &&
	db_unchanged nobus &&
	sent_is 1 &&
	notes &&
	nq length 0
'

test_expect_success 'the next run, on the bus, delivers it' '
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Synchrony\")" true &&
	sent_is 2
'

# libnotify has no timeout and would wait 2 x 25 s; DESIGN.md bounds a
# delivery at 10 s.  A functional limit, measured in whole seconds.
test_expect_success 'a server that never answers: remind exits 1 within 10 s' '
	expect_exit 0 cl add --org Barclays --reason general \
		--number 1-888-232-0780 --follow-up "2026-11-20 09:00" &&
	mock_stop &&
	hung_start &&
	db_snapshot hung &&
	t_start=$(date +%s) &&
	expect_exit 1 cl remind &&
	t_end=$(date +%s) &&
	elapsed=$((t_end - t_start)) &&
	echo "remind took $elapsed s" &&
	test_show_file "its stderr" err &&
	test "$elapsed" -lt 10
'

test_expect_success 'a server that never answers: one error line, nothing marked' '
	check_err_line "notification" &&
	db_unchanged hung &&
	sent_is 2
'

test_expect_success 'after it, a server that answers gets the reminder' '
	{ test -z "$HUNG_PID" || hung_stop; } &&
	{ test -n "$MOCK_PID" || mock_start; } &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Barclays\")" true &&
	sent_is 3
'

test_done
