# lib.sh: the TAP library every tests/tNNNN-*.sh script sources, in the
# manner of git's t/test-lib.sh.
#
#	#!/bin/sh
#	. "$(dirname "$0")/lib.sh"
#
#	test_expect_success 'add prints the case id' '
#		expect_exit 0 cl add --org amex --reason billing &&
#		out_contains "case 1"
#	'
#	test_done
#
# Each script runs in a private temporary directory (removed on exit) with
# its own journal ($CALLLOG_DB), HOME and XDG directories, a pinned clock
# (CALLLOG_NOW, which a test may change) and TZ=America/New_York, so that
# nothing from the person running the tests leaks in and every output is
# stable.  The binary under test is $CALLLOG.
#
# A test body is eval'd in the script's shell (variables it sets are seen
# by later tests; "$@" in the body are the arguments given after it) with
# standard input from /dev/null.  Its commands must be joined with &&: the
# body is first run once behind a failing "(exit 117) &&", and a broken
# chain, which would let a failing assertion go unnoticed, fails the test.
# Helpers report what they expected and what they got; when a test fails,
# that report and the body are printed as "# " lines on standard error.

LF='
'

# Fail loudly, and stop prove too: nothing here can work without these.
test_bail() {
	echo "Bail out! $*"
	echo "$0: $*" >&2
	exit 1
}

if test -z "${CALLLOG-}"; then
	test_bail "CALLLOG is not set; run 'make check', or set CALLLOG to the" \
	    "calllog binary to test (e.g. CALLLOG=\$PWD/calllog)"
fi
case $CALLLOG in
/*) ;;
*) CALLLOG=$PWD/$CALLLOG ;;
esac
if ! test -f "$CALLLOG" || ! test -x "$CALLLOG"; then
	test_bail "CALLLOG='$CALLLOG' is not an executable file; build it" \
	    "with 'make calllog'"
fi
for _tool in jq sqlite3 cmp diff mktemp stat od; do
	command -v "$_tool" >/dev/null 2>&1 ||
	    test_bail "the tests need '$_tool', which is not on PATH"
done
export CALLLOG

TEST_NAME=$(basename "$0" .sh)
# The tests' own folder, for the helpers a script sources after this.
TEST_DIR=$(cd "$(dirname "$0")" && pwd)
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/calllog-$TEST_NAME.XXXXXX") ||
    test_bail "cannot create a temporary directory"
# KEEP_TRASH=1 keeps the directory for a look after a failure.
# test_at_exit CMD: CMD (eval'd) runs when the script ends, however it
# ends, before its directory goes: stopping a server is teardown, not a
# test, and must happen when a test in between fails too.
TEST_AT_EXIT_=:
test_at_exit() {
	TEST_AT_EXIT_="$1; $TEST_AT_EXIT_"
}
test_exit_() {
	(eval "$TEST_AT_EXIT_") >/dev/null 2>&1
	if test -n "${KEEP_TRASH-}"; then
		echo "# kept $TRASH" >&2
	else
		cd / && rm -rf "$TRASH"
	fi
}
trap test_exit_ EXIT
trap 'exit 130' HUP INT TERM
cd "$TRASH" || test_bail "cannot enter $TRASH"

# Nothing from the outside may pick the journal, the configuration, the
# clock or the desktop that notifications would reach.
for _var in $(env | sed -n 's/^\(CALLLOG_[A-Za-z0-9_]*\)=.*/\1/p'); do
	unset "$_var"
done
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME \
    XDG_RUNTIME_DIR XDG_DATA_DIRS XDG_CONFIG_DIRS \
    DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY LANG LANGUAGE COLUMNS

HOME=$TRASH/home
XDG_DATA_HOME=$HOME/.local/share
XDG_CONFIG_HOME=$HOME/.config
XDG_STATE_HOME=$HOME/.local/state
XDG_CACHE_HOME=$HOME/.cache
XDG_RUNTIME_DIR=$TRASH/run
XDG_DATA_DIRS=$TRASH/share
XDG_CONFIG_DIRS=$TRASH/etc-xdg
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" \
    "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" "$XDG_DATA_DIRS" \
    "$XDG_CONFIG_DIRS" && chmod 700 "$XDG_RUNTIME_DIR" ||
    test_bail "cannot create the test's home in $TRASH"
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME \
    XDG_RUNTIME_DIR XDG_DATA_DIRS XDG_CONFIG_DIRS

CALLLOG_DB=$TRASH/journal.db
CALLLOG_NOW=2026-11-20T15:00:00Z	# a Friday, 10:00 in New York
TZ=America/New_York
LC_ALL=C.UTF-8
export CALLLOG_DB CALLLOG_NOW TZ LC_ALL
# A typical umask, so that the modes calllog gives its files are its own
# doing and not the umask's (077 would hide a missing chmod).
umask 022

test_count=0
test_failed=0

# Run a body with "$@" as its positional parameters.  A function of its
# own, so that "return 1" in a body ends only the body.
test_run_body_() {
	_test_body=$1
	shift
	eval "$_test_body"
}

# Print the file $2 under the heading $1, for a failure report.
test_show_file() {
	if test -s "$2"; then
		echo "$1:"
		sed 's/^/    /' "$2"
		test -z "$(tail -c 1 "$2")" || echo "    (no newline at end)"
	else
		echo "$1: (empty)"
	fi
}

# TEST_TIMER=1 (prove -v) follows each test with its wall time, "# 812 ms
# - TITLE", to find where a slow file spends it.
test_timer_() {
	test -n "${TEST_TIMER-}" || return 0
	_test_now=$(date +%s%N)
	test -z "${_test_t0-}" ||
	    echo "# $(((_test_now - _test_t0) / 1000000)) ms - $_test_title"
	_test_t0=$_test_now
}

# test_expect_success TITLE BODY [ARG...]: one TAP test.
test_expect_success() {
	_test_title=$1
	_test_code=$2
	shift 2
	_test_t0=
	test_timer_
	test_count=$((test_count + 1))
	test_run_body_ "(exit 117) && $_test_code$LF(exit \$?)" "$@" \
	    >/dev/null 2>&1 </dev/null
	_test_lint=$?
	cd "$TRASH" || test_bail "cannot return to $TRASH"
	if test "$_test_lint" != 117; then
		echo "not ok $test_count - $_test_title"
		test_failed=$((test_failed + 1))
		{
			echo "#   failed test $test_count: $_test_title"
			echo "#   its body has a broken &&-chain (or a syntax error),"
			echo "#   so an assertion in it could fail unnoticed:"
			printf '%s\n' "$_test_code" | sed 's/^/#     /'
		} >&2
		return 1
	fi
	test_run_body_ "$_test_code" "$@" >"$TRASH/.test-report" 2>&1 \
	    </dev/null
	_test_rc=$?
	cd "$TRASH" || test_bail "cannot return to $TRASH"
	if test "$_test_rc" = 0; then
		echo "ok $test_count - $_test_title"
		test_timer_
		return 0
	fi
	echo "not ok $test_count - $_test_title"
	test_timer_
	test_failed=$((test_failed + 1))
	{
		echo "#   failed test $test_count: $_test_title"
		sed 's/^/#   /' "$TRASH/.test-report"
		echo "#   the test was:"
		printf '%s\n' "$_test_code" | sed 's/^/#     /'
	} >&2
	return 1
}

# test_skip TITLE REASON: a test that cannot run here, said honestly.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # skip $2"
}

# The plan, after the tests; non-zero when any failed.
test_done() {
	echo "1..$test_count"
	if test "$test_failed" -gt 0; then
		echo "# $TEST_NAME: failed $test_failed of $test_count" >&2
		exit 1
	fi
	exit 0
}

# The binary under test.
cl() {
	"$CALLLOG" "$@"
}

# expect_exit CODE COMMAND [ARG...]: run COMMAND with its standard output
# in ./out and its standard error in ./err, and check its exit status.
# CODE is a case pattern: 2, or [12] for either.
expect_exit() {
	_ee_want=$1
	shift
	"$@" >out 2>err
	_ee_got=$?
	case $_ee_got in
	$_ee_want)
		return 0 ;;
	esac
	echo "expected exit status $_ee_want, got $_ee_got from: $*"
	test_show_file "stdout" out
	test_show_file "stderr" err
	return 1
}

# check_err_line SUBSTRING: ./err is exactly one line, "calllog: ...",
# containing SUBSTRING.
check_err_line() {
	_ce_lines=$(wc -l <err)
	_ce_records=$(awk 'END { print NR }' err)
	_ce_first=$(head -n 1 err)
	_ce_why=
	if test "$_ce_lines" -ne 1 || test "$_ce_records" -ne 1; then
		_ce_why="expected exactly one line on stderr"
	else
		case $_ce_first in
		"calllog: "?*) ;;
		*) _ce_why="expected the line to start with 'calllog: '" ;;
		esac
	fi
	if test -z "$_ce_why"; then
		case $_ce_first in
		*"$1"*) return 0 ;;
		esac
		_ce_why="expected the message to contain '$1'"
	fi
	echo "$_ce_why"
	test_show_file "stderr" err
	return 1
}

# The database's content, or a note that there is none.  What a sync
# remembers having warned of (sync_warned: a skipped file is warned of
# once per version) is no content: a skipped item changes nothing else.
test_db_dump_() {
	if test -e "$1"; then
		sqlite3 -batch "$1" .dump 'PRAGMA user_version' 2>&1 |
		    grep -v "^INSERT INTO sync_warned "
	else
		echo "(no database at $1)"
	fi
}

# db_snapshot NAME [DB]: keep the content of DB ($CALLLOG_DB by default)
# for db_unchanged.
db_snapshot() {
	test_db_dump_ "${2:-$CALLLOG_DB}" >"$1.dump"
}

# db_unchanged NAME [DB]: DB has the content db_snapshot NAME saw.
db_unchanged() {
	test_db_dump_ "${2:-$CALLLOG_DB}" >"$1.now"
	cmp -s "$1.dump" "$1.now" && return 0
	echo "the database changed, and should not have:"
	diff -u "$1.dump" "$1.now" | head -n 40
	return 1
}

# uuid_prefix UUID N: its first N characters, or more until one is not a
# digit (digits alone are always a local id, never a uuid prefix).
uuid_prefix() {
	_up_n=$2
	while expr "$(echo "$1" | cut -c1-$_up_n)" : '[0-9]*$' >/dev/null; do
		_up_n=$((_up_n + 1))
	done
	echo "$1" | cut -c1-$_up_n
}

# jq_is FILTER EXPECTED: FILTER on ./out gives EXPECTED, strings raw and
# everything else as compact JSON (several results: one a line).  Compare
# with == in the filter when a string must be told from null.
jq_is() {
	if ! _jq_got=$(jq -r -c "$1" out 2>.jq-err); then
		echo "jq '$1' failed on ./out:"
		sed 's/^/    /' .jq-err
		test_show_file "stdout" out
		return 1
	fi
	test "$_jq_got" = "$2" && return 0
	echo "jq '$1' on ./out:"
	echo "    expected: $2"
	echo "    got:      $_jq_got"
	return 1
}

# out_contains TEXT / out_lacks TEXT: ./out has (or has not) TEXT in a line.
# Either fails when there is no ./out: a missing file proves nothing.
out_contains() {
	grep -F -e "$1" out >/dev/null && return 0
	echo "expected stdout to contain '$1'"
	test_show_file "stdout" out
	return 1
}

out_lacks() {
	test_path_is_file out || return 1
	grep -F -e "$1" out >/dev/null || return 0
	echo "expected stdout not to contain '$1'"
	test_show_file "stdout" out
	return 1
}

# test_must_be_empty FILE
test_must_be_empty() {
	test -f "$1" && ! test -s "$1" && return 0
	echo "expected '$1' to be empty"
	test_show_file "$1" "$1"
	return 1
}

# test_cmp EXPECTED ACTUAL: the files are the same.
test_cmp() {
	diff -u "$1" "$2" && return 0
	echo "(above: how '$2' differs from '$1')"
	return 1
}

# hold_write_lock [DB]: another process takes DB's write lock and keeps it
# until release_write_lock; returns once the lock is held (-bail: a failed
# BEGIN never reports it held).
hold_write_lock() {
	rm -f .locked &&
	: >.holding &&
	{ (echo "BEGIN IMMEDIATE;"
	   echo ".shell touch .locked"
	   while test -e .holding; do sleep 0.05; done
	   echo "COMMIT;") | sqlite3 -bail "${1:-$CALLLOG_DB}" >/dev/null & } &&
	_lock_pid=$! &&
	_n=0 &&
	while ! test -e .locked; do
		_n=$((_n + 1))
		test $_n -lt 200 || { echo "sqlite3 never took the lock"; return 1; }
		sleep 0.05
	done
}

release_write_lock() {
	rm -f .holding .locked
	wait "$_lock_pid"
}

# with_write_lock CODE COMMAND [ARG...]: expect_exit CODE COMMAND while
# another process holds the journal's write lock, released whatever the
# outcome, so that a failure cannot leave later tests waiting on it.
with_write_lock() {
	hold_write_lock || { release_write_lock; return 1; }
	expect_exit "$@"
	_rc=$?
	release_write_lock
	return $_rc
}

# test_path_is_file PATH / test_path_is_missing PATH
test_path_is_file() {
	test -f "$1" && return 0
	echo "expected a file at '$1', there is none"
	return 1
}

test_path_is_missing() {
	test -e "$1" || test -L "$1" || return 0
	echo "expected nothing at '$1', but it exists:"
	ls -ld "$1"
	return 1
}

# file_mode PATH: the permission bits, as 600.
file_mode() {
	stat -c %a "$1"
}

# mode_is MODE PATH
mode_is() {
	_mi_got=$(file_mode "$2") || return 1
	test "$_mi_got" = "$1" && return 0
	echo "expected mode $1 on '$2', got $_mi_got"
	return 1
}
