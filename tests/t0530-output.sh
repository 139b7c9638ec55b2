#!/bin/sh
# Output conventions: colour only on a terminal (and never in JSON, never
# with NO_COLOR), a pager only on a terminal, tables sized to the terminal
# by display width.
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
: >none.steps

test_expect_success 'a journal with an overdue case and one to escalate' '
	expect_exit 0 cl add --org amex --reason billing --follow-up 2026-11-19 &&
	expect_exit 0 cl add --org "東京銀行 Crédit" --reason general \
	    --title "長い題名のケース — a title long enough to need cutting on an eighty column terminal, surely" \
	    --follow-up +3d &&
	expect_exit 0 cl add --case 2 --note again &&
	expect_exit 0 cl add --case 2 --note "and again"
'

test_expect_success 'piped: no colour, no pager' '
	CALLLOG_PAGER="sed s/^/PAGED:/" cl open >out &&
	! grep -q "$ESC" out &&
	! grep -q PAGED: out
'

test_expect_success '--color=always colours overdue red and escalation yellow' '
	cl --color=always open >out &&
	grep "^1 " out | grep -q "${ESC}\[31m" &&
	grep "^2 " out | grep -q "${ESC}\[33m"
'

test_expect_success 'JSON is never coloured, even with --color=always' '
	cl --color=always open --json >out &&
	! grep -q "$ESC" out &&
	jq_is length 2
'

test_expect_success 'a bad --color is bad usage' '
	expect_exit 2 cl --color=sometimes open &&
	check_err_line "--color"
'

test_expect_success 'on a terminal: colour, through the pager' '
	CALLLOG_PAGER="sed s/^/PAGED:/" $DRIVE none.steps -- "$CALLLOG" open >out &&
	grep -q "^PAGED:1 " out &&
	grep -q "${ESC}\[31m" out
'

test_expect_success 'on a terminal with NO_COLOR: no colour' '
	NO_COLOR=1 CALLLOG_PAGER=cat $DRIVE none.steps -- "$CALLLOG" open >out &&
	grep -q "^1 " out &&
	! grep -q "${ESC}\[3" out
'

test_expect_success '--no-pager on a terminal skips the pager' '
	CALLLOG_PAGER="sed s/^/PAGED:/" $DRIVE none.steps -- "$CALLLOG" --no-pager open >out &&
	grep -q "^1 " out &&
	! grep -q PAGED: out
'

# The pseudo-terminal reports no size, so the table falls back to 80
# columns: every line must fit, measured in display columns.
test_expect_success 'on a terminal the table fits 80 columns by display width' '
	CALLLOG_PAGER=cat $DRIVE none.steps -- "$CALLLOG" --color=never open >out &&
	grep -q "…" out &&
	/usr/bin/python3 -c "
import sys, unicodedata
bad = 0
for line in open(\"out\", encoding=\"utf-8\"):
    line = line.rstrip(\"\\r\\n\")
    w = sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in line)
    if w > 80:
        print(\"too wide (%d): %s\" % (w, line)); bad = 1
sys.exit(bad)
"
'

test_expect_success 'piped, nothing is cut' '
	cl open >out &&
	grep -q "surely" out
'

test_done
