#!/bin/sh
# Nothing raw reaches a terminal: with hostile text in every field — C0
# controls (ESC sequences that would clear the screen or retitle the
# window, written into the journal by another program), C1 controls (CSI
# U+009B, OSC U+009D) and bidirectional overrides and isolates, which add
# accepts — every command that shows journal text, run on a
# pseudo-terminal, writes no byte 0x1b, no C1 control and no bidi
# override, and shows the text escaped instead; tables cut short too.
TESTDIR=$(cd "$(dirname "$0")" && pwd)
. "$TESTDIR/lib.sh"
PY=/usr/bin/python3

# pty_run FILE COMMAND [ARG...]: run COMMAND on a pseudo-terminal 80
# columns wide, its output, byte for byte, in FILE; its exit status.
pty_run() {
	_pr_file=$1
	shift
	"$PY" "$TESTDIR/pty-run.py" "$_pr_file" 80 "$@"
}

# safe FILE: no ESC, no C1 control, no bidi control in FILE; with
# --sgr, ESC only in calllog's own colours (ESC [ digits ; m).
cat >safe.py <<\EOF
import re, sys
raw = open(sys.argv[1], "rb").read()
if len(sys.argv) > 2:
    raw = re.sub(rb"\x1b\[[0-9;]*m", b"", raw)
bad = []
if b"\x1b" in raw:
    bad.append("ESC at byte %d" % raw.index(b"\x1b"))
text = raw.decode("utf-8", errors="replace")
for i, ch in enumerate(text):
    c = ord(ch)
    if 0x80 <= c <= 0x9f or 0x202a <= c <= 0x202e or 0x2066 <= c <= 0x2069:
        bad.append("U+%04X at character %d" % (c, i))
        break
    if c < 0x20 and ch not in "\r\n\t\b":
        bad.append("C0 %#x at character %d" % (c, i))
        break
if bad:
    print("; ".join(bad))
    print(repr(text[:2000]))
    sys.exit(1)
EOF
safe() {
	"$PY" safe.py "$@"
}

# What add takes (C1 and bidi are valid UTF-8), and what only another
# program writing the journal could put there (ESC and the other C0).
ADDED=$(printf 'A\302\233'"2J\302\235"'0;t\342\200\256gnp.exe\342\201\246x\342\201\251\302\205')
RAWSQL="char(27)||']0;pwned'||char(7)||char(27)||'[2J'||char(8)||char(13)"
LONG="a long tail that no table of eighty columns can show whole, cut short"

test_expect_success 'a journal with hostile text in every field' '
	expect_exit 0 cl add --org "Org$ADDED" --reason billing \
	    --title "title$ADDED $LONG" --rep "rep$ADDED" \
	    --department "dept$ADDED" --ivr "ivr$ADDED" \
	    --ref "ref$ADDED" --promise "promise$ADDED" \
	    --promised-by 2026-11-19 --number 1-800-528-2122 \
	    --note "note$ADDED $LONG" --note "second line" &&
	expect_exit 0 cl escalate 1 --note "why$ADDED" &&
	expect_exit 0 cl numbers add "Org$ADDED" "claims$ADDED" 1-800-555-0199 \
	    --note "dir$ADDED" &&
	sqlite3 "$CALLLOG_DB" "
	    UPDATE cases SET title = title || $RAWSQL || '"'"'$LONG'"'"',
	        org = org || $RAWSQL;
	    UPDATE calls SET rep = rep || $RAWSQL, department = department ||
	        $RAWSQL, ivr = ivr || $RAWSQL, promise = promise || $RAWSQL,
	        notes = notes || $RAWSQL;
	    UPDATE call_refs SET ref = ref || $RAWSQL;
	    UPDATE case_events SET note = note || $RAWSQL WHERE note IS NOT NULL;
	    UPDATE directory SET org = org || $RAWSQL, note = note || $RAWSQL;" &&
	sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM calls WHERE
	    instr(notes, char(27)) > 0 AND instr(notes, char(155)) > 0" >n &&
	test "$(cat n)" = 1
'

# Each listing, and the dossier in each format, on the terminal: safe,
# and showing the text escaped (tables cut their cells at 80 columns, so
# only the start of an escape may show there).
for cmd in "open" "log" "search note" "search ref" "numbers" "numbers Org"; do
	test_expect_success "$cmd: nothing raw on a terminal" '
		NO_COLOR=1 pty_run tty.out "$CALLLOG" --no-pager $1 &&
		safe tty.out &&
		{ grep -q -F "\\" tty.out || grep -q "…" tty.out; }
	' "$cmd"
done
for cmd in "show 1" "prep billing --org Org" "dossier 1" \
    "dossier 1 --format md" "dossier 1 --format html"; do
	test_expect_success "$cmd: nothing raw on a terminal" '
		NO_COLOR=1 pty_run tty.out "$CALLLOG" --no-pager $1 &&
		safe tty.out &&
		grep -q -F "\\u202e" tty.out
	' "$cmd"
done

test_expect_success 'a table cell cut short is escaped, never half a control' '
	NO_COLOR=1 pty_run tty.out "$CALLLOG" --no-pager open &&
	safe tty.out &&
	grep -q "…" tty.out
'

test_expect_success 'piped, a table shows its cells whole and escaped' '
	expect_exit 0 cl log &&
	safe out &&
	grep -q -F "\\u202e" out &&
	grep -q -F "\\x1b]0;pwned\\x07" out
'

test_expect_success 'in colour, only calllog'"'"'s own colours are escapes' '
	pty_run tty.out "$CALLLOG" --no-pager --color=always open &&
	grep -q -F "$(printf "\033[31m")" tty.out &&
	safe tty.out --sgr &&
	pty_run tty.out "$CALLLOG" --no-pager --color=always show 1 &&
	safe tty.out --sgr
'

test_expect_success 'through the pager too' '
	CALLLOG_PAGER="cat -v" pty_run tty.out "$CALLLOG" show 1 &&
	! grep -q "\\^\\[\\]0;pwned" tty.out &&
	grep -q -F "\\x1b]0;pwned" tty.out
'

test_expect_success 'the report of add on a terminal' '
	NO_COLOR=1 pty_run tty.out "$CALLLOG" add --org "New$ADDED" \
	    --reason general &&
	safe tty.out &&
	grep -q -F "opened case" tty.out
'

test_expect_success 'an error quotes its input escaped' '
	{ pty_run tty.out "$CALLLOG" --no-pager show "$(printf "1\033]0;x\007\302\233")" || :; } &&
	safe tty.out &&
	grep -q -F "calllog:" tty.out &&
	expect_exit 2 cl add --org amex --reason billing \
	    --when "$(printf "\033[2Jtomorrow\342\200\256")" &&
	safe err &&
	grep -q -F "\\x1b[2J" err
'

test_expect_success 'JSON escapes them too, losslessly' '
	expect_exit 0 cl show 1 --json &&
	safe out &&
	jq -r .title out >title &&
	grep -q -F "$(printf "\302\233")" title &&
	grep -q -F "$(printf "\033")" title
'

# A colour sequence that wraps nothing (a colour switched on and straight
# off, or off when none is on) is noise that some terminals and logs show.
cat >spans.py <<\EOF
import re, sys
raw = open(sys.argv[1], "rb").read()
bad, on, last = [], False, None
for m in re.finditer(rb"\x1b\[([0-9;]*)m", raw):
    reset = m.group(1) in (b"", b"0")
    if reset and not on:
        bad.append("a reset with no colour on at byte %d" % m.start())
    if last is not None and last == m.start() and on:
        bad.append("a colour that wraps nothing at byte %d" % m.start())
    on, last = not reset, m.end()
if on:
    bad.append("a colour left on at the end")
if bad:
    print("; ".join(bad))
    print(repr(raw[:3000]))
    sys.exit(1)
EOF

test_expect_success 'in colour, no colour sequence wraps nothing' '
	export CALLLOG_DB="$TRASH/spans.db" &&
	expect_exit 0 cl add --org "Umbrella Air" --new-org --reason travel \
	    --title "lost bag" --follow-up 2026-11-25 &&
	expect_exit 0 cl add --org "Umbrella Air" --reason travel \
	    --title "refund" --follow-up 2026-11-19 &&
	expect_exit 0 cl add --org "Umbrella Air" --reason travel \
	    --title "seat" --promise "call back" --promised-by 2026-11-18 &&
	expect_exit 0 cl add --case 1 --note "second call" &&
	expect_exit 0 cl add --case 1 --note "third call" &&
	for args in "show 1" "show 2" "show 3" open "open --org umb" log \
	    "cases" "prep travel --org umb"; do
		pty_run tty.out "$CALLLOG" --no-pager --color=always $args &&
		"$PY" spans.py tty.out || return 1
	done &&
	pty_run tty.out "$CALLLOG" --no-pager --color=always show 2 &&
	grep -q -F "$(printf "\033[31m, overdue\033[m")" tty.out &&
	pty_run tty.out "$CALLLOG" --no-pager --color=always show 1 &&
	grep -q -F "$(printf "\033[33mask for a supervisor")" tty.out &&
	unset CALLLOG_DB
'

test_done
