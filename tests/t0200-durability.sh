#!/bin/sh
# Nothing lost: calls whose add exited 0 survive SIGKILL at any moment, and
# concurrent writers queue instead of failing.  The figures are printed as
# TAP comments for the closing notes.
. "$(dirname "$0")/lib.sh"

KILLS=${CALLLOG_TEST_KILLS:-40}

test_expect_success 'a journal to write into' '
	expect_exit 0 cl add --org amex --reason billing --title durable
'

# Start adds in the background one after another and kill each after a
# random delay (0 to 6 ms: before, during or after its transaction).
# An add that printed its call id and exited 0 must be in the journal.
test_expect_success "$KILLS adds killed with SIGKILL at random points lose nothing confirmed" '
	: >confirmed &&
	i=0 &&
	while test $i -lt $KILLS; do
		i=$((i + 1)) &&
		{ ( cl add --case 1 --rep "rep$i" --note "kill test $i" \
		    >/dev/null 2>&1 && echo "$i" >>confirmed ) & } &&
		pid=$! &&
		delay=$(awk -v s="$i" "BEGIN { srand(s * 7919); printf \"%.3f\", rand() * 0.006 }") &&
		sleep "$delay" &&
		pkill -KILL -P "$pid" 2>/dev/null;
		wait "$pid" 2>/dev/null;
		true
	done &&
	expect_exit 0 sqlite3 "$CALLLOG_DB" "PRAGMA integrity_check" &&
	test "$(cat out)" = ok &&
	lost=0 &&
	for i in $(cat confirmed); do
		n=$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM calls WHERE rep = '\''rep$i'\''") &&
		if test "$n" != 1; then lost=$((lost + 1)); echo "call rep$i confirmed but missing"; fi
	done &&
	survived=$(wc -l <confirmed) &&
	echo "# kills: $KILLS, adds confirmed before the kill: $survived, rows lost: $lost" >&3 &&
	test "$lost" = 0 &&
	expect_exit 0 cl doctor
' 3>&1

test_expect_success 'the journal still takes writes after the kills' '
	expect_exit 0 cl add --case 1 --rep after &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.calls_list[] | select(.rep == \"after\")] | length" 1
'

# Four writers, 100 adds each, at once: all 400 land and none fails, so
# "database is locked" never reaches a person.
test_expect_success '4 processes adding 100 calls each at once: 400 calls, no failure' '
	export CALLLOG_DB="$TRASH/concurrent.db" &&
	expect_exit 0 cl open &&
	for p in 1 2 3 4; do
		( fails=0; i=0
		  while test $i -lt 100; do
			i=$((i + 1))
			cl add --org "Writer $p" --reason general --note "$p/$i" \
			    >/dev/null 2>>"err.$p" || fails=$((fails + 1))
		  done
		  echo $fails >"fails.$p" ) &
	done &&
	wait &&
	failures=$(cat fails.1 fails.2 fails.3 fails.4 | awk "{ s += \$1 } END { print s }") &&
	calls=$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM calls") &&
	echo "# concurrent adds: $calls of 400, failures: $failures" >&3 &&
	test "$failures" = 0 &&
	test "$calls" = 400 &&
	! grep -i locked err.1 err.2 err.3 err.4 &&
	expect_exit 0 cl doctor
' 3>&1

test_done
