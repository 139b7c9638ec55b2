# notify-lib.sh: what the notification tests (t0100, t0105) share.  Sourced
# instead of lib.sh, it runs the script again inside a private session bus
# (dbus-run-session with tests/session-bus.conf: no service directories,
# so nothing installed can be auto-started), sources lib.sh there, and
# gives helpers to start python3-dbusmock's notification_daemon template
# (or a server that never answers) and to read what the server received:
#
#	. "$(dirname "$0")/notify-lib.sh"
#	test_expect_success '...' '
#		mock_start && remind_sends 1 && nq ".[0].app" calllog
#	'

if test -z "${NOTIFY_ON_PRIVATE_BUS-}" || test -z "${DBUS_SESSION_BUS_ADDRESS-}"
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
	_bus_log=$(mktemp "${TMPDIR:-/tmp}/notify-bus.XXXXXX") || exit 1
	NOTIFY_ON_PRIVATE_BUS=1 dbus-run-session \
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
NOTIFY_BUS=$DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/lib.sh"

DBUS_SESSION_BUS_ADDRESS=$NOTIFY_BUS
export DBUS_SESSION_BUS_ADDRESS

NAME=org.freedesktop.Notifications
MOCK_PID=
HUNG_PID=

# Servers this script started are stopped when it ends (lib.sh's
# test_at_exit), not by a test.
test_at_exit 'for _pid in $MOCK_PID $HUNG_PID; do kill "$_pid"; done'

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

# mock_server_is NAME [FAILS]: the mock server's GetServerInformation
# names it NAME from now on (the template's own answer is "mock-notify", a
# server that follows the spec), after failing the next FAILS calls, as a
# server whose information cannot be read.  dbusmock's AddMethod replaces
# the method at run time.
mock_server_is() {
	# The count of calls is kept under a name of this replacement's own.
	_msi_n=fails_$(date +%s%N)
	gdbus call --session --dest "$NAME" \
	    --object-path /org/freedesktop/Notifications \
	    --method org.freedesktop.DBus.Mock.AddMethod \
	    org.freedesktop.Notifications GetServerInformation "" ssss "
self.$_msi_n = getattr(self, '$_msi_n', 0) + 1
if self.$_msi_n <= ${2:-0}:
    raise dbus.exceptions.DBusException('no information',
        name='org.freedesktop.DBus.Error.Failed')
ret = ('$1', 'some vendor', '1.0', '1.2')" >/dev/null
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

# quiet_hours RANGE: a configuration file with [notify] quiet_hours = RANGE
# (use_db removes it again).
quiet_hours() {
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[notify]\nquiet_hours = %s\n" "$1" \
	    >"$XDG_CONFIG_HOME/calllog/config"
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

