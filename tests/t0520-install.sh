#!/bin/sh
# t0520: `make install` into a staging directory (DESTDIR, PREFIX=/usr)
# puts every file where a Debian-like desktop looks for it, the installed
# calllog works against a journal, and `make uninstall` takes every file
# away again.  The tree is built by make install itself, as a packager's
# would be.

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)

. "$(dirname "$0")/lib.sh"

DEST=$TRASH/dest
BIN=$DEST/usr/bin/calllog

# make TARGET...: make in the tree, with nothing inherited from a make
# that may be running the tests (its flags and variables).
make_tree() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" "$@" DESTDIR="$DEST" PREFIX=/usr >make.out 2>&1 || {
		echo "make $* failed:"
		tail -n 30 make.out
		return 1
	}
}

# installed PATH MODE [SOURCE]: DEST has a file at PATH, of MODE, the
# same as SOURCE in the tree when given.
installed() {
	test_path_is_file "$DEST$1" &&
	mode_is "$2" "$DEST$1" &&
	if test -n "${3-}"; then
		cmp "$TOP/$3" "$DEST$1" || {
			echo "$1 is not $3"
			return 1
		}
	fi
}

if ! command -v make >/dev/null 2>&1; then
	test_skip "make install and uninstall" "make is not installed"
	test_done
fi

test_expect_success 'make install DESTDIR=... PREFIX=/usr' '
	make_tree install &&
	test -d "$DEST/usr"
'

test_expect_success 'the binary, in /usr/bin, runs' '
	installed /usr/bin/calllog 755 &&
	expect_exit 0 "$BIN" --version &&
	grep -E "^calllog [0-9]+\.[0-9]+\.[0-9]+\$" out
'

test_expect_success 'the installed calllog records a call and lists it' '
	expect_exit 0 "$BIN" --db installed.db add --org amex --reason billing \
	    --title "Skyline charge" --number 1-800-528-2122 &&
	out_contains "opened case 1" &&
	expect_exit 0 "$BIN" --db installed.db open --json &&
	jq_is ".[0].org" "American Express" &&
	jq_is "length" 1
'

test_expect_success 'manual pages: calllog(1) and calllog.conf(5)' '
	installed /usr/share/man/man1/calllog.1 644 man/calllog.1 &&
	installed /usr/share/man/man5/calllog.conf.5 644 man/calllog.conf.5
'

test_expect_success 'completions for bash, zsh and fish' '
	installed /usr/share/bash-completion/completions/calllog 644 \
	    contrib/completion/calllog.bash &&
	installed /usr/share/zsh/site-functions/_calllog 644 \
	    contrib/completion/_calllog &&
	installed /usr/share/fish/vendor_completions.d/calllog.fish 644 \
	    contrib/completion/calllog.fish
'

test_expect_success 'the installed bash completion completes with the installed calllog' '
	PATH=$DEST/usr/bin:$PATH bash --norc --noprofile -c "
		. \"$DEST/usr/share/bash-completion/completions/calllog\" &&
		COMP_WORDS=(calllog sh) COMP_CWORD=1 &&
		_calllog calllog sh calllog &&
		printf \"%s\n\" \"\${COMPREPLY[@]}\"
	" >out 2>err &&
	test_must_be_empty err &&
	echo show >expect &&
	test_cmp expect out
'

test_expect_success 'systemd user units, the service running /usr/bin/calllog remind' '
	installed /usr/lib/systemd/user/calllog-remind.service 644 &&
	installed /usr/lib/systemd/user/calllog-remind.timer 644 \
	    contrib/systemd/calllog-remind.timer &&
	grep -x "ExecStart=/usr/bin/calllog remind" \
	    "$DEST/usr/lib/systemd/user/calllog-remind.service" &&
	! grep "@[A-Z]*@" "$DEST/usr/lib/systemd/user/calllog-remind.service" &&
	grep -x "WantedBy=timers.target" \
	    "$DEST/usr/lib/systemd/user/calllog-remind.timer"
'

# Persistent=true is ignored by systemd without OnCalendar=, and then a run
# missed while the laptop slept is never made up.
if command -v systemd-analyze >/dev/null 2>&1; then
	test_expect_success 'systemd-analyze verify accepts the installed units' '
		mkdir units &&
		sed "s|^ExecStart=/usr/bin/calllog|ExecStart=$BIN|" \
		    "$DEST/usr/lib/systemd/user/calllog-remind.service" \
		    >units/calllog-remind.service &&
		cp "$DEST/usr/lib/systemd/user/calllog-remind.timer" units/ &&
		expect_exit 0 systemd-analyze verify --man=no \
		    units/calllog-remind.timer units/calllog-remind.service &&
		! grep -v "^Failed to\|^Found\|Permission denied" err | grep . &&
		grep -x "Persistent=true" units/calllog-remind.timer &&
		cal=$(sed -n "s/^OnCalendar=//p" units/calllog-remind.timer) &&
		test -n "$cal" &&
		expect_exit 0 systemd-analyze calendar "$cal" &&
		out_contains "Next elapse"
	'
else
	test_skip 'systemd-analyze verify accepts the installed units' \
	    "systemd-analyze is not installed"
fi

test_expect_success 'the cron line, and no directory file beside the built-in one' '
	test_path_is_missing "$DEST/usr/share/calllog" &&
	installed /usr/share/doc/calllog/calllog.cron 644 &&
	grep -v "^#" "$DEST/usr/share/doc/calllog/calllog.cron" >cron.lines &&
	test "$(wc -l <cron.lines)" -eq 1 &&
	grep -q " /usr/bin/calllog remind " cron.lines &&
	! grep -q "@" cron.lines
'

# cron runs with PATH=/usr/bin:/bin: the line must name the calllog that
# was installed, wherever that is, never a bare or a build path.
test_expect_success 'the cron line names the installed calllog for any PREFIX or BINDIR' '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" install DESTDIR="$TRASH/opt" PREFIX=/opt/cl \
	    >make2.out 2>&1 &&
	cron="$TRASH/opt/opt/cl/share/doc/calllog/calllog.cron" &&
	grep -q " /opt/cl/bin/calllog remind " "$cron" &&
	test -x "$TRASH/opt/opt/cl/bin/calllog" &&
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" install DESTDIR="$TRASH/opt2" PREFIX=/opt/cl \
	    BINDIR="/home/me/bin" >make3.out 2>&1 &&
	grep -q " /home/me/bin/calllog remind " \
	    "$TRASH/opt2/opt/cl/share/doc/calllog/calllog.cron" &&
	sed -n "s/.* \([^ ]*\) remind .*/\1/p" "$cron" >cronbin &&
	test "$TRASH/opt$(cat cronbin)" = "$TRASH/opt/opt/cl/bin/calllog"
'

test_expect_success 'nothing is installed outside /usr' '
	(cd "$DEST" && find . ! -type d) >files &&
	test -s files &&
	! grep -v "^\./usr/" files
'

test_expect_success 'make uninstall leaves no file behind' '
	make_tree uninstall &&
	(cd "$DEST" && find . ! -type d) >left &&
	test_must_be_empty left
'

test_expect_success 'make uninstall again is harmless' '
	make_tree uninstall
'

test_done
