#!/bin/sh
# t0050: the command-line forms of dates, durations and phone numbers
# (DESIGN.md, "Interface contract"), read through `add` and given back by
# `show --json`; and help, --version and usage.
#
# The clock is Friday 2026-11-20, 10:00 in New York (EST, UTC-5), unless a
# test says otherwise.

. "$(dirname "$0")/lib.sh"

n=0

# follow_up_is FORM EXPECTED [NOW]: `add --follow-up FORM` (with the clock
# at NOW) gives the case next_followup EXPECTED.  Each gets a new journal.
follow_up_is() {
	n=$((n + 1))
	test_expect_success "--follow-up '$1' is $2${3:+ (now $3)}" '
		db=f$n.db &&
		now=${3:-$CALLLOG_NOW} &&
		expect_exit 0 env CALLLOG_NOW="$now" "$CALLLOG" --db "$db" \
			add --org Test --reason general --follow-up "$1" &&
		expect_exit 0 env CALLLOG_NOW="$now" "$CALLLOG" --db "$db" \
			show 1 --json &&
		jq_is .next_followup "$2"
	' "$@"
}

# when_is FORM EXPECTED: `add --when FORM` starts the call at EXPECTED.
when_is() {
	n=$((n + 1))
	test_expect_success "--when '$1' is $2" '
		db=w$n.db &&
		expect_exit 0 cl --db "$db" add --org Test --reason general \
			--when "$1" &&
		expect_exit 0 cl --db "$db" show 1 --json &&
		jq_is ".calls_list[0].started" "$2"
	' "$@"
}

# ISO 8601.
follow_up_is 2026-12-01T14:30:00Z 2026-12-01T14:30:00Z
when_is 2026-11-19T14:30:00Z 2026-11-19T14:30:00Z
follow_up_is '2026-12-01 14:30' 2026-12-01T19:30:00Z
when_is '2026-11-19 08:05' 2026-11-19T13:05:00Z
follow_up_is 2026-12-01 2026-12-01T14:00:00Z
when_is '2026-07-01 14:30' 2026-07-01T18:30:00Z
when_is 2026-07-01 2026-07-01T13:00:00Z
follow_up_is 2026-12-01T14:30:00-05:00 2026-12-01T19:30:00Z

# Offsets from now.
follow_up_is +3d 2026-11-23T15:00:00Z
follow_up_is 3d 2026-11-23T15:00:00Z
follow_up_is 2w 2026-12-04T15:00:00Z
follow_up_is +2w 2026-12-04T15:00:00Z
follow_up_is 36h 2026-11-22T03:00:00Z
follow_up_is +36h 2026-11-22T03:00:00Z
when_is -2d 2026-11-18T15:00:00Z
when_is -3h 2026-11-20T12:00:00Z
# Business days, from a Friday: Monday is the first.
follow_up_is 1bd 2026-11-23T15:00:00Z
follow_up_is 3bd 2026-11-25T15:00:00Z
follow_up_is 10bd 2026-12-04T15:00:00Z
follow_up_is 10d 2026-11-30T15:00:00Z
# ... and from a Wednesday.
follow_up_is 3bd 2026-11-23T15:00:00Z 2026-11-18T15:00:00Z
# A day is a calendar day: across the end of daylight saving time (Sunday
# 2026-11-01) the time of day is kept, while hours are hours.
follow_up_is +3d 2026-11-02T15:00:00Z 2026-10-30T14:00:00Z
follow_up_is 72h 2026-11-02T14:00:00Z 2026-10-30T14:00:00Z

# Words.
when_is now 2026-11-20T15:00:00Z
follow_up_is now 2026-11-20T15:00:00Z
follow_up_is today 2026-11-20T14:00:00Z
follow_up_is tomorrow 2026-11-21T14:00:00Z
follow_up_is monday 2026-11-23T14:00:00Z
follow_up_is wednesday 2026-11-25T14:00:00Z
follow_up_is saturday 2026-11-21T14:00:00Z
# Said on a Friday, "friday" is the next one, not today.
follow_up_is friday 2026-11-27T14:00:00Z
follow_up_is monday 2026-11-23T14:00:00Z 2026-11-18T15:00:00Z
follow_up_is tuesday 2026-11-24T14:00:00Z 2026-11-18T15:00:00Z
follow_up_is eow 2026-11-20T14:00:00Z 2026-11-18T15:00:00Z
follow_up_is eom 2026-11-30T14:00:00Z
follow_up_is eom 2026-12-31T14:00:00Z 2026-12-05T15:00:00Z
follow_up_is tomorrow 2026-12-01T14:00:00Z 2026-11-30T15:00:00Z

test_expect_success 'other date options take the same forms' '
	expect_exit 0 cl --db dates.db add --org Test --reason general \
		--when -2d --promised-by tomorrow --follow-up 10bd &&
	expect_exit 0 cl --db dates.db show 1 --json &&
	jq_is ".calls_list[0].started" 2026-11-18T15:00:00Z &&
	jq_is ".calls_list[0].promised_by" 2026-11-22T04:59:59Z &&
	jq_is .next_followup 2026-12-04T15:00:00Z &&
	expect_exit 0 cl --db dates.db followup 1 monday &&
	expect_exit 0 cl --db dates.db show 1 --json &&
	jq_is .next_followup 2026-11-23T14:00:00Z &&
	expect_exit 0 cl --db dates.db followup 1 +36h &&
	expect_exit 0 cl --db dates.db show 1 --json &&
	jq_is .next_followup 2026-11-22T03:00:00Z &&
	expect_exit 0 cl --db dates.db log --since -3d --json &&
	jq_is length 1 &&
	expect_exit 0 cl --db dates.db log --since -1d --json &&
	jq_is length 0
'

test_expect_success 'times are shown in the local zone' '
	expect_exit 0 cl --db dates.db show 1 &&
	out_contains "2026-11-18 10:00" &&
	out_contains "2026-11-21 22:00" &&
	expect_exit 0 cl --db dates.db log &&
	out_contains "2026-11-18 10:00" &&
	expect_exit 0 env TZ=UTC "$CALLLOG" --db dates.db log &&
	out_contains "2026-11-18 15:00" &&
	expect_exit 0 env TZ=UTC "$CALLLOG" --db dates.db show 1 --json &&
	jq_is ".calls_list[0].started" 2026-11-18T15:00:00Z
'

test_expect_success 'TZ decides how a local date is read' '
	expect_exit 0 env TZ=Europe/Paris "$CALLLOG" --db paris.db add \
		--org Test --reason general --when "2026-11-19 14:30" \
		--follow-up 2026-12-01 &&
	expect_exit 0 cl --db paris.db show 1 --json &&
	jq_is ".calls_list[0].started" 2026-11-19T13:30:00Z &&
	jq_is .next_followup 2026-12-01T08:00:00Z
'

# Durations.
n=0
while read -r form seconds; do
	n=$((n + 1))
	test_expect_success "--duration '$form' is $seconds s" '
		db=duration$n.db &&
		expect_exit 0 cl --db "$db" add --org Test --reason general \
			--duration "$1" &&
		expect_exit 0 cl --db "$db" show 1 --json &&
		jq_is ".calls_list[0].duration_seconds" "$2"
	' "$form" "$seconds"
done <<'EOF'
25m 1500
1h10m 4200
90s 90
1:05:00 3900
1h 3600
2h5m30s 7530
EOF

test_expect_success '--hold takes the same forms' '
	expect_exit 0 cl --db hold.db add --org Test --reason general \
		--hold 1:05:00 --duration 1h10m &&
	expect_exit 0 cl --db hold.db add --case 1 --hold 90s &&
	expect_exit 0 cl --db hold.db show 1 --json &&
	jq_is "[.calls_list[].hold_seconds]" "[3900,90]" &&
	jq_is "[.calls_list[].duration_seconds]" "[4200,null]"
'

# Phone numbers: as typed, and as stored.
n=0
while IFS='|' read -r typed e164; do
	n=$((n + 1))
	test_expect_success "--number '$typed' is $e164" '
		db=phone$n.db &&
		expect_exit 0 cl --db "$db" add --org Test --reason general \
			--number "$1" &&
		expect_exit 0 cl --db "$db" show 1 --json &&
		jq_is ".calls_list[0].number" "$2"
	' "$typed" "$e164"
done <<'EOF'
1-800-528-2122|+18005282122
(800) 528-2122|+18005282122
800.528.2122|+18005282122
8005282122|+18005282122
+1 800 528 2122|+18005282122
1-800-AXP-EARN|+18002973276
1-800-FLOWERS|+18003569377
1-800-axp-earn|+18002973276
+44 20 7946 0958|+442079460958
EOF

test_expect_success 'numbers are shown in national format in text' '
	expect_exit 0 cl add --org amex --reason general \
		--number "(800) 528-2122" &&
	expect_exit 0 cl add --case 1 --number 1-800-AXP-EARN &&
	expect_exit 0 cl show 1 &&
	out_contains 1-800-528-2122 &&
	out_contains 1-800-297-3276 &&
	out_lacks +18005282122 &&
	out_lacks +18002973276 &&
	expect_exit 0 cl log &&
	out_contains 1-800-528-2122 &&
	out_contains 1-800-297-3276 &&
	out_lacks +18005282122
'

test_expect_success 'an international number stays international in text' '
	expect_exit 0 cl add --org "Barclays UK" --reason general \
		--number "+44 20 7946 0958" &&
	expect_exit 0 cl show 2 &&
	out_contains +44 &&
	out_lacks 1-442
'

# Help, version, usage.
test_expect_success 'calllog --version prints the version and exits 0' '
	expect_exit 0 cl --version &&
	test_must_be_empty err &&
	test "$(wc -l <out)" = 1 &&
	grep "^calllog [0-9][0-9]*\.[0-9]" out
'

test_expect_success 'calllog help lists the commands and exits 0' '
	expect_exit 0 cl help &&
	test_must_be_empty err &&
	out_contains "usage: calllog" &&
	for c in add open show log resolve reopen followup escalate help
	do
		grep "^  *$c  *[a-z]" out || return 1
	done
'

test_expect_success 'calllog -h and --help print the same usage, exit 0' '
	expect_exit 0 cl -h &&
	test_must_be_empty err &&
	out_contains "usage: calllog" &&
	out_contains "add" &&
	expect_exit 0 cl --help &&
	out_contains "usage: calllog"
'

test_expect_success 'calllog add -h prints the options of add and exits 0' '
	expect_exit 0 cl add -h &&
	test_must_be_empty err &&
	out_contains "usage: calllog add" &&
	for o in --case --org --reason --title --account --number \
		--department --rep --ref --when --duration --hold --ivr \
		--channel --outcome --promise --promised-by --follow-up --note
	do
		grep -e "$o " -e "$o\$" out >/dev/null || {
			echo "add -h does not mention $o" &&
			return 1
		}
	done
'

test_expect_success 'COMMAND -h and help COMMAND, for every command, exit 0' '
	for c in add open show log resolve reopen followup escalate
	do
		expect_exit 0 cl "$c" -h &&
		grep "usage: calllog $c" out &&
		expect_exit 0 cl "$c" --help &&
		grep "usage: calllog $c" out &&
		expect_exit 0 cl help "$c" &&
		grep "usage: calllog $c" out || return 1
	done
'

test_expect_success 'help and -h do not touch the database' '
	(
		CALLLOG_DB=$TRASH/untouched/journal.db &&
		cl help >/dev/null &&
		cl add -h >/dev/null &&
		cl --version >/dev/null
	) &&
	test_path_is_missing untouched
'

test_expect_success 'calllog alone exits 2, printing nothing on stdout' '
	expect_exit 2 cl &&
	test_must_be_empty out &&
	test -s err
'

test_expect_success 'calllog alone: the usage and the commands, on standard error' '
	expect_exit 2 cl &&
	head -n 1 err | grep "^usage: calllog " &&
	grep "^  help " err
'

test_expect_success 'help for an unknown command exits 2' '
	expect_exit 2 cl help frobnicate &&
	check_err_line frobnicate &&
	test_must_be_empty out
'

test_done
