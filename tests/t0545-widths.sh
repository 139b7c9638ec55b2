#!/bin/sh
# Tables at any width (issue 17): every listing reads well from 60
# columns up.  At COLUMNS=60, 80, 120 and 200, and on a pseudo-terminal
# of 80 and 60 columns, no line is wider than the width; ids and the
# 16-character follow-up time are never cut; the least useful columns go
# before the organization, reason and status are cut; an organization
# stands in by its alias or a configured short name; a cell of several
# reference numbers says how many ('DSP-20931 +2'); show and prep wrap at
# words.  Piped with no COLUMNS, and in --json, nothing changes.
TESTDIR=$(cd "$(dirname "$0")" && pwd)
. "$TESTDIR/lib.sh"
PY=/usr/bin/python3

# widest FILE: the display width of FILE's widest line (colours aside).
cat >widest.py <<\EOF2
import re, sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub("\x1b\\[[0-9;]*m", "", text).replace("\r", "")
def width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in line)
print(max([width(l) for l in text.split("\n")] + [0]))
EOF2
widest() {
	"$PY" widest.py "$1"
}
fits() {
	test "$(widest "$1")" -le "$2" || {
		echo "wider than $2:"; cat "$1"; return 1; }
}

# pty_run FILE COLS COMMAND [ARG...]: COMMAND on a pseudo-terminal COLS
# columns wide, its output in FILE.
pty_run() {
	"$PY" "$TESTDIR/pty-run.py" "$@"
}

NEXT="2026-11-25 10:00"
test_expect_success 'a journal of long names, titles, references and menus' '
	expect_exit 0 cl add --org amex --reason dispute \
	    --title "Skyline Tickets charge of October, billed twice" \
	    --number 1-800-528-2122 --rep "Dana (ID 4471)" \
	    --ivr "0, \"representative\", then 2 for disputes and say \"supervisor\"" \
	    --ref DSP-20931 --ref SUP-88123 --ref CLM-2026111800000003 \
	    --hold 18m --duration 34m --outcome follow-up --when -16d \
	    --promise "temporary credit within two billing cycles" \
	    --promised-by -3d --follow-up "$NEXT" \
	    --note "They said the credit would show within two billing cycles and that a supervisor would call back" &&
	expect_exit 0 cl add --case 1 --rep Lee --outcome follow-up --when -2d \
	    --follow-up "$NEXT" &&
	expect_exit 0 cl add --case 1 --rep Kim --outcome dropped --when -1d \
	    --follow-up "$NEXT" &&
	expect_exit 0 cl add --new-org --org "Verizon Wireless Business" \
	    --reason lost --title "Stolen phone, replacement to the hotel" \
	    --ref VZ-1 --outcome callback &&
	expect_exit 0 cl open &&
	grep -q "escalate: supervisor" out
'

for w in 60 80 120 200; do
	test_expect_success "COLUMNS=$w: no listing is wider" '
		for cmd in open log numbers cases "search supervisor" \
		    "show 1" "prep billing --org amex"; do
			COLUMNS=$1 expect_exit 0 cl $cmd &&
			fits out $1 || return 1
		done
	' $w
	test_expect_success "COLUMNS=$w: ids and the follow-up time whole" '
		COLUMNS=$1 expect_exit 0 cl open &&
		grep -q "^1 .*$NEXT" out &&
		grep -q "^ID  *ORG .*NEXT FOLLOW-UP" out &&
		COLUMNS=$1 expect_exit 0 cl log &&
		grep -q "^2026-11-04 10:00  1  *1  " out
	' $w
	test_expect_success "COLUMNS=$w: short values never cut; refs say how many" '
		COLUMNS=$1 expect_exit 0 cl open &&
		out_lacks "Americ…" && out_lacks "superv…" &&
		out_lacks "lost-c…" && out_lacks "escal…" &&
		grep -q "supervisor" out &&
		COLUMNS=$1 expect_exit 0 cl log &&
		out_lacks "DSP-…" && out_lacks "DSP-2…" &&
		grep -E -q "DSP-20931( \\+2|, SUP-88123( \\+1|, CLM-2026111800000003))" out
	' $w
done

test_expect_success 'at 60 the alias stands in for the organization' '
	COLUMNS=60 expect_exit 0 cl open &&
	grep -q "^1   *amex " out &&
	COLUMNS=60 expect_exit 0 cl log &&
	grep -q "DSP-20931 +2" out &&
	COLUMNS=60 expect_exit 0 cl numbers amex &&
	grep -q "^amex  *general  *1-800-528-2122" out
'

test_expect_success 'at 200 the whole names and references show' '
	COLUMNS=200 expect_exit 0 cl open &&
	grep -q "American Express  *billing" out &&
	COLUMNS=200 expect_exit 0 cl log &&
	grep -q "DSP-20931, SUP-88123, CLM-2026111800000003" out
'

test_expect_success 'a configured short name stands in too' '
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[short-names]\nVerizon Wireless Business = Verizon\n" \
	    >"$XDG_CONFIG_HOME/calllog/config" &&
	COLUMNS=60 expect_exit 0 cl open &&
	grep -q "^2   *Verizon  " out &&
	expect_exit 0 cl config &&
	grep -q "short-names.Verizon Wireless Business = Verizon" out &&
	rm "$XDG_CONFIG_HOME/calllog/config"
'

test_expect_success 'numbers wraps the menu path whole at 60' '
	COLUMNS=60 expect_exit 0 cl numbers amex general &&
	fits out 60 &&
	grep -q "representative" out && grep -q "supervisor" out &&
	out_lacks "…"
'

test_expect_success 'show and prep wrap at words under their label' '
	COLUMNS=60 expect_exit 0 cl show 1 &&
	grep -q "^      notes     They said" out &&
	grep -q "^                [a-z]" out &&
	COLUMNS=60 expect_exit 0 cl prep billing --org amex &&
	grep -q "^    [a-z]" out
'

test_expect_success 'piped with no COLUMNS, cells are whole as before' '
	expect_exit 0 cl open &&
	grep -q "Skyline Tickets charge of October, billed twice" out &&
	grep -q "American Express  *billing" out &&
	out_lacks "…" &&
	expect_exit 0 cl show 1 &&
	grep -q "They said the credit would show within two billing cycles and that a supervisor would call back" out
'

test_expect_success 'lines of a multi-line value stay under their label, wrapped or not' '
	expect_exit 0 cl add --case 1 --note "$(printf "first line\nsecond line\n\nafter a blank")" &&
	for w in "" 60 200; do
		COLUMNS=$w expect_exit 0 cl show 1 &&
		grep -q "^      notes     first line$" out &&
		grep -q "^                second line$" out &&
		grep -q "^                after a blank$" out &&
		out_lacks "^second line" || return 1
	done
'

test_expect_success 'history wraps a long change under its field' '
	long="A title long enough to need two lines at sixty columns, and then some" &&
	cl edit 1 --title "$long" >/dev/null &&
	COLUMNS=60 expect_exit 0 cl history --limit 1 &&
	fits out 60 &&
	grep -q "^    title: " out && grep -q "^      [a-z]" out &&
	expect_exit 0 cl history --limit 1 &&
	grep -q "^    title: .*$long" out &&
	cl undo >/dev/null
'

test_expect_success 'JSON is the same at any width' '
	for cmd in open log numbers "show 1" "prep billing"; do
		expect_exit 0 cl $cmd --json && mv out want &&
		COLUMNS=60 expect_exit 0 cl $cmd --json &&
		cmp out want || return 1
	done
'

for w in 80 60; do
	test_expect_success "a terminal of $w columns: open, log, numbers fit" '
		for cmd in open log numbers "show 1"; do
			NO_COLOR=1 pty_run tty.out $1 "$CALLLOG" --no-pager $cmd &&
			fits tty.out $1 || return 1
		done &&
		NO_COLOR=1 pty_run tty.out $1 "$CALLLOG" --no-pager open &&
		grep -q "$NEXT" tty.out &&
		! grep -q "superv…" tty.out &&
		NO_COLOR=1 pty_run tty.out $1 "$CALLLOG" --no-pager log &&
		grep -q "DSP-20931 +2" tty.out
	' $w
done

test_expect_success 'in colour, the widths are those of the text' '
	pty_run tty.out 60 "$CALLLOG" --no-pager --color=always open &&
	fits tty.out 60
'

test_expect_success 'COLUMNS wins over the terminal' '
	COLUMNS=200 pty_run tty.out 60 "$CALLLOG" --no-pager log &&
	grep -q "DSP-20931, SUP-88123, CLM-2026111800000003" tty.out
'

test_done
