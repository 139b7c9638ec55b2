#!/bin/sh
# t0500: the manual pages say what the binary does.  calllog(1) has a
# section for every command `calllog help` lists, naming every option
# `calllog COMMAND -h` prints, and its examples run; calllog.conf(5) has
# every setting `calllog config` shows, with the binary's defaults, and
# each is accepted from a file; both are clean under mandoc's linter; and
# help, -h and --version agree with each other.
#
# Options are looked for in the roff source, where --promised-by is
# written \-\-promised\-by; a match must end there (--promise is not found
# in \-\-promised\-by).

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)
MAN1=$TOP/man/calllog.1
MAN5=$TOP/man/calllog.conf.5

. "$(dirname "$0")/lib.sh"

CONFIG=$XDG_CONFIG_HOME/calllog/config

# The commands, in the order `calllog help` lists them.
commands() {
	cl help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	    on && /^  [a-z]/ { print $1 }'
}

# The long options `calllog CMD -h` prints, but --help; with "short", the
# short ones as "-c --case".
long_options() {
	cl "$1" -h | awk -v short="${2-}" '/^ *-/ {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^--[a-z0-9]/)
				break
		if (i > NF || $i == "--help")
			next
		if (short == "")
			print $i
		else if ($1 ~ /^-[^-],$/)
			print substr($1, 1, 2) " " $i
	}'
}

# The options before the command, from the first line of `calllog help`:
# "[--db PATH] [--color WHEN] [--no-pager]".
global_options() {
	cl help | awk 'NR == 1 {
		s = $0
		while (match(s, /\[--[a-z0-9-]+/)) {
			print substr(s, RSTART + 1, RLENGTH - 1)
			s = substr(s, RSTART + RLENGTH)
		}
	}'
}

# roff_section FILE SECTION [SUBSECTION]: the roff source of .SH SECTION
# (with its .SS lines), or of its .SS SUBSECTION (a command's name, or
# "[group]"; without the .SS line).
roff_section() {
	awk -v sh="$2" -v ss="${3-}" '
	function title(s) {
		sub(/^\.S[HS] +/, "", s)
		gsub(/"/, "", s)
		return s
	}
	/^\.SH/ { insh = title($0) == sh; inss = 0; next }
	/^\.SS/ {
		inss = insh && title($0) == ss
		if (insh && ss == "")
			print
		next
	}
	insh && (ss == "" || inss)' "$1"
}

# roff_has OPTION: standard input, roff source, names OPTION (written with
# \- for each -), not followed by more of a longer name.
roff_has() {
	awk -v opt="$1" '
	BEGIN {
		for (i = 1; i <= length(opt); i++) {
			c = substr(opt, i, 1)
			want = want (c == "-" ? "\\-" : c)
		}
	}
	{
		s = $0
		while ((i = index(s, want)) > 0) {
			rest = substr(s, i + length(want))
			if (rest !~ /^([a-zA-Z0-9_]|\\-)/) {
				found = 1
				exit
			}
			s = substr(s, i + 1)
		}
	}
	END { exit !found }'
}

# The text of roff source on standard input, for a shell: \- is -, \e is
# a backslash, \(aq and \(dq are quotes.
roff_text() {
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g'
}

# The lines between .nf and .fi of the roff source on standard input.
roff_displays() {
	awk '/^\.nf/ { on = 1; next } /^\.fi/ { on = 0; next } on'
}

test_expect_success 'calllog help, -h and --help: exit 0, the same commands' '
	expect_exit 0 cl help && test_must_be_empty err &&
	awk "/^commands:/ { on = 1; next } on && /^\$/ { exit } on" out >help.list &&
	test -s help.list &&
	expect_exit 0 cl -h && test_must_be_empty err &&
	awk "/^commands:/ { on = 1; next } on && /^\$/ { exit } on" out >h.list &&
	test_cmp help.list h.list &&
	expect_exit 0 cl --help &&
	awk "/^commands:/ { on = 1; next } on && /^\$/ { exit } on" out >h.list &&
	test_cmp help.list h.list
'

test_expect_success '--version: exit 0, "calllog VERSION", as the page footer says' '
	expect_exit 0 cl --version && test_must_be_empty err &&
	test "$(wc -l <out)" = 1 &&
	grep -E "^calllog [0-9]+\.[0-9]+\.[0-9]+\$" out &&
	version=$(cat out) &&
	head -n 1 "$MAN1" | grep -F "\"$version\"" &&
	head -n 1 "$MAN5" | grep -F "\"$version\""
'

for cmd in $(commands); do
	test_expect_success "help $cmd, $cmd -h and $cmd --help print the same usage" '
		expect_exit 0 cl help "$1" && test_must_be_empty err &&
		mv out help.out &&
		head -n 1 help.out | grep "^usage: calllog $1\\b" &&
		expect_exit 0 cl "$1" -h && test_must_be_empty err &&
		test_cmp help.out out &&
		expect_exit 0 cl "$1" --help && test_must_be_empty err &&
		test_cmp help.out out
	' "$cmd"
done

test_expect_success 'help of no such command: exit 2, one line' '
	expect_exit 2 cl help frobnicate &&
	check_err_line "frobnicate"
'

if command -v mandoc >/dev/null 2>&1; then
	for page in "$MAN1" "$MAN5"; do
		test_expect_success "mandoc -T lint: $(basename "$page") is clean" '
			{ mandoc -T lint -W warning "$1" >lint.out 2>&1 ||
			    { cat lint.out; false; }; } &&
			test_must_be_empty lint.out
		' "$page"
	done
else
	test_skip "mandoc -T lint: calllog.1 is clean" "mandoc not installed"
	test_skip "mandoc -T lint: calllog.conf.5 is clean" "mandoc not installed"
fi

test_expect_success 'calllog(1) has the sections a reader looks for, in order' '
	grep "^\.SH" "$MAN1" | sed "s/^\.SH *//; s/\"//g" >sections &&
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS "DATES AND DURATIONS" \
	    LIMITS PRIVACY ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"
	do
		grep -nx "$s" sections >>found || { echo "no section $s"; return 1; }
	done &&
	cut -d: -f1 found >lines && sort -n lines | test_cmp lines -
'

for cmd in $(commands); do
	test_expect_success "calllog(1) documents $cmd and all its options" '
		roff_section "$MAN1" COMMANDS "$1" >section &&
		{ test -s section || { echo "no .SS $1 in COMMANDS"; false; }; } &&
		{ grep "^\.B calllog $1\$" section ||
		    { echo "its synopsis does not start .B calllog $1"; false; }; } &&
		for o in $(long_options "$1"); do
			roff_has "$o" <section ||
			    { echo "$1: $o is not in its section"; return 1; }
		done &&
		long_options "$1" short | while read -r s l; do
			roff_has "$s, $l" <section ||
			    { echo "$1: not written as \"$s, $l\""; return 1; }
		done
	' "$cmd"
done

test_expect_success 'calllog(1) documents no command the binary lacks' '
	commands >cmds &&
	roff_section "$MAN1" COMMANDS | sed -n "s/^\.SS *//p" | tr -d "\"" >ss &&
	test -s ss &&
	while read -r c; do
		grep -qx "$c" cmds || { echo "section $c: no such command"; return 1; }
	done <ss &&
	test_cmp cmds ss
'

test_expect_success 'calllog(1) documents the options before the command' '
	roff_section "$MAN1" OPTIONS >section &&
	roff_section "$MAN1" SYNOPSIS >synopsis &&
	global_options >globals && test -s globals &&
	for o in $(cat globals) --version --help; do
		roff_has "$o" <section || { echo "OPTIONS lacks $o"; return 1; }
	done &&
	for o in $(cat globals); do
		roff_has "$o" <synopsis || { echo "SYNOPSIS lacks $o"; return 1; }
	done &&
	roff_has "-h" <section
'

test_expect_success 'calllog(1) ENVIRONMENT names every variable the source reads' '
	grep -ho "getenv(\"[A-Z_]*\")\|\"XDG_[A-Z_]*\"" "$TOP"/src/*.c |
	    sed "s/getenv(//; s/[()\"]//g" | sort -u >vars &&
	test -s vars &&
	roff_section "$MAN1" ENVIRONMENT >section &&
	for v in $(cat vars); do
		grep -q "$v" section || { echo "ENVIRONMENT lacks $v"; return 1; }
	done
'

test_expect_success 'calllog(1) EXAMPLES run as written' '
	roff_section "$MAN1" EXAMPLES | roff_displays | roff_text |
	    awk "/\\\\\$/ { buf = buf substr(\$0, 1, length(\$0) - 1); next }
		{ print buf \$0; buf = \"\" }" >examples &&
	grep "^calllog " examples >commands.sh &&
	test "$(wc -l <commands.sh)" -ge 10 &&
	for c in prep add open show followup escalate; do
		grep -q "^calllog $c " commands.sh ||
		    { echo "EXAMPLES lack calllog $c"; return 1; }
	done &&
	if cl help | grep -q "^  dossier "; then
		grep -q "^calllog dossier " commands.sh ||
		    { echo "EXAMPLES lack calllog dossier"; return 1; }
	fi &&
	mkdir -p bin home && ln -s "$CALLLOG" bin/calllog &&
	grep "^mkdir " examples >setup.sh &&
	HOME=$TRASH/home sh -e setup.sh &&
	while read -r c; do
		PATH=$TRASH/bin:$PATH HOME=$TRASH/home \
		    CALLLOG_DB=$TRASH/examples.db sh -c "$c" </dev/null \
		    >ran.out 2>ran.err ||
		    { echo "failed: $c"; cat ran.err; return 1; }
	done <commands.sh
'

# The settings of calllog.conf(5): "group key default", from each .SS
# "[group]" and its ".BI key" items, the default after "Default:".
roff_section "$MAN5" SETTINGS | awk '
	/^\.SS/ { group = $0; gsub(/^\.SS *"?\[|\]"?$/, "", group); next }
	/^\.BI / { key = $2; next }
	/^Default:/ { want = 1; next }
	want && /^\.B/ { v = $2; sub(/\.$/, "", v); gsub(/\\-/, "-", v)
		print group, key, v; want = 0 }' >settings.txt

test_expect_success 'calllog.conf(5) documents every setting calllog config shows' '
	test "$(wc -l <settings.txt)" -ge 5 &&
	expect_exit 0 cl config &&
	sed -n "s/^\([a-z_]*\)\.\([a-z_]*\) = .*/\1 \2/p" out >shown &&
	test -s shown &&
	while read -r g k; do
		grep -q "^$g $k " settings.txt ||
		    { echo "calllog.conf(5) lacks [$g] $k"; return 1; }
	done <shown
'

while read -r group key default; do
	test_expect_success "calllog.conf(5): [$group] $key, default $default" '
		rm -f "$CONFIG" &&
		expect_exit 0 cl config &&
		{ grep "^$1\.$2 = $3	# default\$" out ||
		    { echo "not the binary'"'"'s default:"; cat out; false; }; } &&
		mkdir -p "${CONFIG%/*}" &&
		printf "[%s]\n%s = %s\n" "$1" "$2" "$3" >"$CONFIG" &&
		expect_exit 0 cl config && test_must_be_empty err &&
		grep "^$1\.$2 = .*	# $CONFIG\$" out
	' "$group" "$key" "$default"
done <settings.txt

test_expect_success 'calllog.conf(5) EXAMPLES are accepted' '
	roff_section "$MAN5" EXAMPLES >section &&
	awk "/^\.nf/ { n++; on = 1; next } /^\.fi/ { on = 0; next }
	    on { print > (\"conf-example\" n) }" section &&
	test -s conf-example1 && test -s conf-example2 &&
	mkdir -p "${CONFIG%/*}" &&
	for f in conf-example*; do
		roff_text <"$f" >"$CONFIG" &&
		expect_exit 0 cl config && test_must_be_empty err ||
		{ echo "rejected:"; cat "$CONFIG"; cat err; return 1; }
	done
'

test_expect_success 'an unknown setting is an error naming the file, line and key' '
	printf "[escalation]\ndays_open = 3\nday_open = 4\n" >"$CONFIG" &&
	expect_exit 2 cl config &&
	check_err_line "$CONFIG:3:" &&
	check_err_line "day_open" &&
	expect_exit 2 cl open &&
	check_err_line "$CONFIG:3:"
'

test_expect_success 'an unknown group is an error naming the file and group' '
	printf "[followup]\ninterval = +3d\n[notifications]\nquiet_hours = none\n" \
	    >"$CONFIG" &&
	expect_exit 2 cl config &&
	check_err_line "$CONFIG:" &&
	check_err_line "[notifications] quiet_hours"
'

test_expect_success 'a bad value is an error saying what is accepted' '
	printf "[followup]\ninterval = 7d\n" >"$CONFIG" &&
	expect_exit 2 cl config &&
	check_err_line "$CONFIG:2:" &&
	check_err_line "+7d" &&
	rm -f "$CONFIG"
'

test_done
