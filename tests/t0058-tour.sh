#!/bin/sh
# t0058: the README's tour runs as written (issue 24, class 8).  The
# commands and their shown output are read from README.md itself, from
# the sections "A short tour" and "Putting the record right", so the tour
# cannot drift from what calllog does.
#
# The convention, which the README's tour states: an indented line
# "$ calllog ..." is a command (a line ending in "\" continues it); the
# indented lines after it, up to a blank line or the next command, are
# what it prints, standard output then standard error, compared with
# spaces and line breaks collapsed (the README wraps long lines); a line
# that is only a "# comment" is not output.  A command shown with no
# output must succeed; one whose output begins "calllog: " must fail with
# that message and change nothing.  The clock and zone are the
# CALLLOG_NOW=... TZ=... the tour's text gives.

README=$(cd "$(dirname "$0")/.." && pwd)/README.md
. "$(dirname "$0")/lib.sh"

cat >tour.py <<'PY'
import re, sys

text = open(sys.argv[1], encoding="utf-8").read()
body = text.split("\n## A short tour\n", 1)[1].split("\n## Before ", 1)[0]
env = re.search(r"`(CALLLOG_NOW=\S+)\s+(TZ=\S+)`", body.replace("\n", " "))
open("tour.env", "w").write("%s\n%s\n" % env.groups() if env else "")
n, cmd, out, cont = 0, None, [], False

def flush():
    global cmd, out
    if cmd is not None:
        open("cmd.%d" % n, "w").write(cmd + "\n")
        open("want.%d" % n, "w").write(" ".join(" ".join(out).split()))
    cmd, out = None, []

for line in body.split("\n"):
    if not line.startswith("    "):
        flush()
        cont = False
        continue
    s = line[4:]
    if cont:
        cmd += "\n" + s
        cont = s.endswith("\\")
    elif s.startswith("$ calllog "):
        flush()
        n += 1
        cmd = s[2:]
        cont = s.endswith("\\")
    elif s.lstrip().startswith("#") or cmd is None:
        continue
    else:
        out.append(s)
flush()
print(n)
PY

test_expect_success 'the tour is found in README.md, with its clock' '
	count=$(/usr/bin/python3 tour.py "$README") &&
	test "$count" -ge 15 &&
	grep -x "CALLLOG_NOW=2026-11-23T15:00:00Z" tour.env &&
	grep -x "TZ=America/New_York" tour.env
'

# The document the tour attaches, as a bank's statement would be: a PDF
# (its bytes, and so its hash, fixed).
printf '%%PDF-1.4\n%% Statement, November 2026: SKYLINE TICKETS 418.20\n%%%%EOF\n' \
    >statement.pdf

# The email the tour takes in, as American Express would send it: its
# reference number is the one the tour's first call recorded.
cat >reply.eml <<\EOF
From: American Express <DoNotReply@welcome.americanexpress.com>
To: you@example.org
Subject: Your dispute DSP-20931: temporary credit
Date: Mon, 23 Nov 2026 09:12:00 -0500
Message-ID: <dsp20931.1@americanexpress.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

We have applied a temporary credit of $418.20 while we review the charge
from Skyline Tickets. Reference DSP-20931.
EOF

mkdir bin && ln -s "$CALLLOG" bin/calllog
export PATH="$TRASH/bin:$PATH"
test -s tour.env && export $(cat tour.env)

# run_step N: command N as the README gives it, its output compared.
run_step() {
	want=$(cat "want.$1") &&
	db_snapshot before 2>/dev/null || : &&
	{ sh "cmd.$1" >out 2>err; echo $? >rc; } &&
	got=$(cat out err | tr -s " \n\t" "   " | sed "s/^ //; s/ $//") &&
	case $want in
	"calllog: "*)
		test "$(cat rc)" != 0 || { echo "expected a failure"; return 1; }
		db_unchanged before ;;
	*)
		test "$(cat rc)" = 0 || {
			echo "exit $(cat rc)"; cat err; return 1; } ;;
	esac &&
	if test -n "$want" && test "$got" != "$want"; then
		printf "README shows:\n  %s\ncalllog prints:\n  %s\n" "$want" "$got"
		return 1
	fi
}

i=1
while test -f "cmd.$i"; do
	title=$(head -n 1 "cmd.$i" | sed "s/ *#.*//; s/ *\\\\$//")
	test_expect_success "README tour step $i: $title" "
		run_step $i
	"
	i=$((i + 1))
done

test_done
