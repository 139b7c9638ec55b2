#!/bin/sh
# The configuration file: defaults and their sources, each setting taking
# effect, and a bad line named by file and line.
. "$(dirname "$0")/lib.sh"

CONF=$XDG_CONFIG_HOME/calllog/config
mkdir -p "$XDG_CONFIG_HOME/calllog"

test_expect_success 'without a file: the defaults, each said to be one' '
	expect_exit 0 cl config &&
	out_contains "not present; defaults in force" &&
	out_contains "followup.interval = +7d	# default" &&
	out_contains "escalation.days_open = 14	# default" &&
	out_contains "escalation.calls = 3	# default" &&
	out_contains "notify.quiet_hours = none	# default" &&
	out_contains "phone.country = 1	# default"
'

test_expect_success 'settings from the file are shown with their source' '
	printf "# mine\n[escalation]\ndays_open = 5\ncalls = 0\n[followup]\ninterval = +3d\n[notify]\nquiet_hours = 21:30-07:00\n[phone]\ncountry = 44\n" >"$CONF" &&
	expect_exit 0 cl config &&
	out_contains "escalation.days_open = 5	# $CONF" &&
	out_contains "escalation.calls = 0	# $CONF" &&
	out_contains "followup.interval = +3d	# $CONF" &&
	out_contains "notify.quiet_hours = 21:30-07:00	# $CONF" &&
	out_contains "phone.country = 44	# $CONF"
'

test_expect_success 'the follow-up interval and the country take effect' '
	expect_exit 0 cl add --org "Barclays" --reason general --number "020 7946 0958" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .next_followup "2026-11-23T15:00:00Z" &&
	jq_is ".calls_list[0].number" "+442079460958"
'

test_expect_success 'the escalation thresholds take effect (calls = 0 is off)' '
	expect_exit 0 cl add --case 1 --note again &&
	expect_exit 0 cl add --case 1 --note "and again" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .escalate_suggested false &&
	CALLLOG_NOW=2026-11-25T15:00:00Z cl show 1 --json >out &&
	jq_is .escalate_suggested true &&
	jq_is .escalate_reasons "[\"days_open\"]"
'

test_expect_success 'a line that is not a setting: file and line named, exit 2' '
	printf "[escalation]\ndays_open = 5\n\nthis is junk\n" >"$CONF" &&
	db_snapshot before &&
	expect_exit 2 cl open &&
	check_err_line "$CONF:4:" &&
	db_unchanged before
'

test_expect_success 'a bad value: file, line, setting and what is accepted' '
	printf "[notify]\n# quiet\nquiet_hours = late\n" >"$CONF" &&
	expect_exit 2 cl config &&
	check_err_line "$CONF:3: [notify] quiet_hours" &&
	grep -q "HH:MM-HH:MM" err
'

test_expect_success 'an unknown setting is an error, not silently ignored' '
	printf "[escalation]\ndayz_open = 5\n" >"$CONF" &&
	expect_exit 2 cl config &&
	check_err_line "$CONF:2: unknown setting [escalation] dayz_open"
'

test_expect_success 'every setting rejects nonsense' '
	for kv in "followup interval 7" "followup interval -2d" \
	    "escalation days_open -1" "escalation calls many" \
	    "phone country 0" "phone country +44" "notify quiet_hours 25:00-07:00"; do
		set -- $kv &&
		printf "[%s]\n%s = %s\n" "$1" "$2" "$3" >"$CONF" &&
		expect_exit 2 cl config &&
		check_err_line "$CONF:2:" || return 1
	done
'

test_expect_success 'a file over 1 MiB is refused whole, not read in part' '
	{ printf "[escalation]\ndays_open = 5\n" &&
	  head -c 1048576 /dev/zero | tr "\\0" "#"; } >"$CONF" &&
	expect_exit 2 cl config &&
	check_err_line "$CONF: larger than"
'

# Its errors are numbered from the text GKeyFile parsed, not from second
# and third readings of a file that may have changed in between.  (Leak
# detection is off for this one run: LeakSanitizer cannot work under
# ptrace.)
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	test_expect_success 'the file is read once, even to number an error' '
		printf "[escalation]\ndays_open = 5\ncalls = many\n" >"$CONF" &&
		expect_exit 2 env ASAN_OPTIONS=detect_leaks=0 \
		    strace -f -e trace=open,openat -o trace "$CALLLOG" config &&
		check_err_line "$CONF:3: [escalation] calls" &&
		grep -c -F -e "\"$CONF\"" trace >count &&
		echo 1 >expect &&
		test_cmp expect count
	'
else
	test_skip "the file is read once" "SKIP: strace is missing or cannot trace here"
fi

test_expect_success 'help works whatever the configuration says' '
	printf "junk\n" >"$CONF" &&
	expect_exit 0 cl help &&
	expect_exit 0 cl --version &&
	rm "$CONF"
'

test_done
