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

if test -z "${T0100_ON_PRIVATE_BUS-}" || test -z "${DBUS_SESSION_BUS_ADDRESS-}"
then
	for _tool in dbus-run-session gdbus /usr/bin/python3; do
		if ! command -v "$_tool" >/dev/null 2>&1; then
			echo "Bail out! the notification tests need '$_tool'" \
			    "(contrib/install-deps test installs dbus," \
			    "libglib2.0-bin and python3-dbusmock)"
			exit 1
		fi
	done
	if ! /usr/bin/python3 -c 'import dbusmock, dbus, gi' 2>/dev/null; then
		echo "Bail out! /usr/bin/python3 cannot import dbusmock, dbus" \
		    "and gi (Debian: python3-dbusmock)"
		exit 1
	fi
	# dbus-daemon's own chatter (a harmless "Failed to set fd limit" as
	# root) goes to a file; the script's standard error goes through fd 3.
	_bus_log=$(mktemp "${TMPDIR:-/tmp}/t0100-bus.XXXXXX") || exit 1
	T0100_ON_PRIVATE_BUS=1 dbus-run-session \
	    --config-file="$(dirname "$0")/session-bus.conf" -- \
	    sh "$0" "$@" 3>&2 2>"$_bus_log"
	_rc=$?
	grep -v 'Failed to set fd limit' "$_bus_log" >&2
	rm -f "$_bus_log"
	exit $_rc
fi
# Inside the private bus: our standard error back, and keep the bus's
# address, which lib.sh clears so that no test reaches a real desktop.
if { true >&3; } 2>/dev/null; then
	exec 2>&3 3>&-
fi
T0100_BUS=$DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/lib.sh"

DBUS_SESSION_BUS_ADDRESS=$T0100_BUS
export DBUS_SESSION_BUS_ADDRESS

NAME=org.freedesktop.Notifications
MOCK_PID=
HUNG_PID=

# Servers this script started are stopped before lib.sh's clean-up.
t0100_cleanup() {
	for _pid in $MOCK_PID $HUNG_PID; do
		kill "$_pid" 2>/dev/null
	done
	if test -n "${KEEP_TRASH-}"; then
		echo "# kept $TRASH" >&2
	else
		cd / && rm -rf "$TRASH"
	fi
}
trap t0100_cleanup EXIT

# name_owned NAME: someone owns NAME on the private bus.
name_owned() {
	gdbus call --session --dest org.freedesktop.DBus \
	    --object-path /org/freedesktop/DBus \
	    --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null |
	    grep -q true
}

# mock_start: the recording notification server, up and owning the name.
mock_start() {
	/usr/bin/python3 -m dbusmock --template notification_daemon \
	    >>"$TRASH/mock.log" 2>&1 </dev/null &
	MOCK_PID=$!
	gdbus wait --session --timeout 10 "$NAME" && return 0
	echo "the mock notification server did not come up"
	test_show_file "its log" "$TRASH/mock.log"
	return 1
}

# server_stop PID: stop a server this script started; wait until the name
# is free again.
server_stop() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	_ss_i=0
	while name_owned "$NAME"; do
		_ss_i=$((_ss_i + 1))
		if test "$_ss_i" -gt 100; then
			echo "$NAME is still owned 10 s after stopping $1"
			return 1
		fi
		sleep 0.1
	done
	return 0
}

mock_stop() {
	server_stop "$MOCK_PID" || return 1
	MOCK_PID=
}

# hung_start: a server that owns the name and never answers (no main loop:
# calls to it wait in its socket until the caller gives up).
hung_start() {
	/usr/bin/python3 -c '
import dbus, time
bus = dbus.SessionBus()
bus.request_name("org.freedesktop.Notifications",
                 dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
time.sleep(300)
' >>"$TRASH/hung.log" 2>&1 </dev/null &
	HUNG_PID=$!
	gdbus wait --session --timeout 10 "$NAME" && return 0
	echo "the silent server did not take the name"
	test_show_file "its log" "$TRASH/hung.log"
	return 1
}

hung_stop() {
	server_stop "$HUNG_PID" || return 1
	HUNG_PID=
}

# clear_calls: forget what the mock server recorded so far.
clear_calls() {
	gdbus call --session --dest "$NAME" \
	    --object-path /org/freedesktop/Notifications \
	    --method org.freedesktop.DBus.Mock.ClearCalls >/dev/null
}

# notes: the Notify calls the mock server recorded, read with gdbus, as a
# JSON array in ./notes.json: app, summary, body, hints (urgency as a
# number), ... and their text (summaries and bodies) in ./notes.txt.
notes() {
	if ! gdbus call --session --dest "$NAME" \
	    --object-path /org/freedesktop/Notifications \
	    --method org.freedesktop.DBus.Mock.GetCalls >calls.txt 2>calls.err
	then
		echo "GetCalls on the mock server failed:"
		test_show_file "stderr" calls.err
		return 1
	fi
	/usr/bin/python3 - calls.txt >notes.json 2>notes.err <<'EOF' || {
import json, sys
from gi.repository import GLib

text = open(sys.argv[1], encoding="utf-8").read().strip()
(calls,) = GLib.Variant.parse(None, text, None, None).unpack()
out = []
for _stamp, method, args in calls:
    if method != "Notify":
        continue
    app, replaces, icon, summary, body, actions, hints, timeout = args
    out.append({
        "app": app, "replaces_id": replaces, "icon": icon,
        "summary": summary, "body": body, "actions": actions,
        "hints": {k: v for k, v in hints.items()
                  if isinstance(v, (int, str))},
        "timeout": timeout,
    })
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
EOF
		echo "cannot read the recorded calls:"
		test_show_file "GetCalls" calls.txt
		test_show_file "stderr" notes.err
		return 1
	}
	jq -r '.[] | .summary, .body' notes.json >notes.txt
}

# nq FILTER EXPECTED: FILTER on the recorded notifications gives EXPECTED.
nq() {
	if ! _nq_got=$(jq -r -c "$1" notes.json 2>.jq-err); then
		echo "jq '$1' failed on notes.json:"
		sed 's/^/    /' .jq-err
		return 1
	fi
	test "$_nq_got" = "$2" && return 0
	echo "on the notifications the server received, jq '$1':"
	echo "    expected: $2"
	echo "    got:      $_nq_got"
	test_show_file "notifications" notes.json
	return 1
}

# notes_lack TEXT: no summary or body the server received contains TEXT.
notes_lack() {
	grep -F -e "$1" notes.txt >/dev/null || return 0
	echo "a notification shows '$1', and must not:"
	test_show_file "notifications" notes.json
	return 1
}

# use_db NAME: a scenario of its own: its own journal, the clock back at
# Friday 2026-11-20 10:00 in New York, no configuration file.
use_db() {
	CALLLOG_DB=$TRASH/$1.db
	CALLLOG_NOW=2026-11-20T15:00:00Z
	rm -f "$XDG_CONFIG_HOME/calllog/config"
}

# sent_is N: N rows in reminders_sent, the "sent once" record.
sent_is() {
	_si_got=$(sqlite3 -batch "$CALLLOG_DB" \
	    'SELECT count(*) FROM reminders_sent') || return 1
	test "$_si_got" = "$1" && return 0
	echo "expected $1 rows in reminders_sent, got $_si_got:"
	sqlite3 -batch "$CALLLOG_DB" 'SELECT * FROM reminders_sent'
	return 1
}

# remind_sends N: `remind` succeeds and the server receives N notifications.
remind_sends() {
	clear_calls &&
	expect_exit 0 cl remind &&
	test_must_be_empty err &&
	notes &&
	nq length "$1"
}

# remind_sends_nothing: `remind` succeeds, says nothing is due, sends none.
remind_sends_nothing() {
	clear_calls &&
	expect_exit 0 cl remind &&
	out_contains "nothing due" &&
	notes &&
	nq length 0
}

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

test_expect_success 'a broken promise: a promise reminder, and an escalation' '
	use_db promise &&
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel \
		--when "2026-11-10 10:00" --number 1-800-221-1212 \
		--promise "refund the fare" --promised-by 2026-11-17 \
		--follow-up 2026-11-30 &&
	remind_sends 2 &&
	nq "map(select(.summary | test(\"promise\"; \"i\")) |
		select(.summary | contains(\"Delta Air Lines\")) |
		.body | contains(\"2026-11-17\"))" "[true]" &&
	nq "map(select(.summary | contains(\"Escalate\")) |
		.summary | contains(\"Delta Air Lines\"))" "[true]" &&
	remind_sends_nothing
'

# The Desktop Notifications spec reads markup in the body only; the
# summary is plain text and must arrive as typed.
test_expect_success 'markup: Bank <&> "Co" arrives as typed in the summary' '
	use_db markup &&
	expect_exit 0 cl add --org "Bank <&> \"Co\"" --reason general \
		--title "fees <waived> & \"refunded\"" \
		--number 1-800-555-0100 --follow-up "2026-11-20 09:00" &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"Bank <&> \\\"Co\\\"\")" true
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
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[notify]\nquiet_hours = 22:00-08:00\n" \
		>"$XDG_CONFIG_HOME/calllog/config" &&
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

test_expect_success 'the mock server stops' '
	mock_stop
'

test_done
