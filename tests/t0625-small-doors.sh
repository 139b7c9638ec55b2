#!/bin/sh
# t0625: the smaller doors (issue 22, class 9).  `undo` after a purge says
# so and changes nothing, every time, and never writes the purge's marker
# into a record; `edit`'s form, when the editor removes it, empties it,
# fills it with megabytes or is ended by a signal, gives one clear line,
# changes nothing and leaves no copy of the notes in $TMPDIR; journal text
# (an organization typed, or written by a sync folder) reaches the summary
# of a server that renders markup there (dunst) escaped, never as markup,
# and that of a server following the spec as typed; a uuid edited by hand
# into the journal is reported by sync, not read past its end (the ASan
# build of `make check-asan` runs this too).
#
# It runs inside a private session bus with a recording notification
# server (notify-lib.sh), for the notification tests.
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/notify-lib.sh"

: >none.steps

# --- undo after --purge ---------------------------------------------------

# undo_refused: undo exits 1 with one line naming the purge, and the
# journal is as it was.
undo_refused() {
	db_snapshot before_undo &&
	expect_exit 1 cl undo &&
	check_err_line "it purged the values it replaced" &&
	db_unchanged before_undo
}

test_expect_success 'a case edited, then edited again with --purge' '
	use_db purge &&
	expect_exit 0 cl add --org Acme --new-org --reason billing \
		--title "first title" --account 1234 --note "kept note" &&
	expect_exit 0 cl edit 1 --title "SECRET-TITLE-77" &&
	expect_exit 0 cl edit 1 --title "clean title" --account 99 --purge &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.title, .account]" "[\"clean title\",\"99\"]"
'

test_expect_success 'undo of a purged case edit refuses, changes nothing, and again' '
	undo_refused &&
	undo_refused &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.title, .account]" "[\"clean title\",\"99\"]" &&
	expect_exit 0 cl doctor
'

test_expect_success 'a change after the purge is undone; then undo stops at the purge' '
	expect_exit 0 cl add --case 1 --note "a later call" &&
	expect_exit 0 cl undo &&
	out_contains "recorded call 2 on case 1" &&
	undo_refused &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.calls, .title]" "[1,\"clean title\"]"
'

test_expect_success 'a call edited with --purge: undo refuses; the notes stay' '
	expect_exit 0 cl add --case 1 --rep Dana --note "pin is 4321" &&
	k=$(sed -n "s/^recorded call \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl edit --call "$k" --note "a pin was said" --rep Rob \
		--purge &&
	undo_refused &&
	undo_refused &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[-1] | [.notes, .rep]" "[\"a pin was said\",\"Rob\"]"
'

test_expect_success 'a call deleted with --purge: undo refuses, the call stays gone' '
	expect_exit 0 cl add --case 1 --note "to delete" &&
	k=$(sed -n "s/^recorded call \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl delete --call "$k" --purge --yes &&
	undo_refused &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.calls_list[].notes] | index(\"to delete\")" null
'

test_expect_success 'a case deleted with --purge: undo refuses, every time' '
	expect_exit 0 cl add --org Other --new-org --reason general \
		--title "GONE-TITLE" &&
	c=$(sed -n "s/^opened case \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl delete "$c" --purge --yes &&
	undo_refused &&
	undo_refused &&
	expect_exit 1 cl show "$c" &&
	expect_exit 0 cl history &&
	out_lacks GONE-TITLE
'

test_expect_success 'no record ever holds the marker "(purged)"' '
	test "$(sqlite3 -batch "$CALLLOG_DB" "SELECT count(*) FROM cases
	    WHERE title = '"'(purged)'"' OR account = '"'(purged)'"'")" = 0 &&
	test "$(sqlite3 -batch "$CALLLOG_DB" "SELECT count(*) FROM calls
	    WHERE notes = '"'(purged)'"' OR rep = '"'(purged)'"'")" = 0
'

# --- the editor's form ------------------------------------------------------

# The scripted editor does what ed.plan says, and notes the modes of the
# form and of its directory.
cat >ed.sh <<'EOF'
#!/bin/sh
stat -c %a "$1" >ed.mode
stat -c %a "$(dirname "$1")" >ed.dirmode
# calllog: the editor's parent, or its parent's (sh -c may fork)
p=$PPID
n=0
while test $n -lt 5 && test "$(cat /proc/$p/comm)" != calllog; do
	p=$(awk '{ print $4 }' /proc/$p/stat)
	n=$((n + 1))
done
case $(cat ed.plan) in
rm)	rm -f "$1" ;;
truncate) : >"$1" ;;
blank)	printf '# only a comment\n\n   \n' >"$1" ;;
big)	head -c 10485760 /dev/zero | tr '\0' x | fold -w 100 |
	    sed 's/^/note: /' >"$1" ;;
nul)	printf 'rep: Da\000na\n' >"$1" ;;
TERM|HUP)
	kill -$(cat ed.plan) "$p"
	sleep 3 ;;
INT)	kill -INT 0 ;;
edit)	sed -i 's/^rep: .*/rep: Edited Rep/' "$1" ;;
esac
exit 0
EOF
chmod +x ed.sh
mkdir tmp

# edit_run PLAN STATUS: edit --call 1 with the editor doing PLAN exits
# STATUS, and leaves $TMPDIR empty.  (An edit that would show the form
# again and again is stopped after 20 s, as status 124.)
edit_run() {
	echo "$1" >ed.plan &&
	rm -f ed.mode ed.dirmode &&
	TMPDIR=$TRASH/tmp VISUAL=$TRASH/ed.sh expect_exit "$2" timeout 20 $DRIVE \
		none.steps -- "$CALLLOG" edit --call 1 &&
	test "$(ls -A tmp)" = ""
}

# edit_with PLAN STATUS: edit_run, and the journal is as it was.
edit_with() {
	db_snapshot before_edit &&
	edit_run "$1" "$2" &&
	db_unchanged before_edit
}

test_expect_success 'the form is 0600, in a directory of its own (0700)' '
	use_db edit &&
	expect_exit 0 cl add --org Acme --new-org --reason billing \
		--rep Dana --note "the notes of the call" &&
	edit_run edit 0 &&
	test "$(cat ed.mode)" = 600 &&
	test "$(cat ed.dirmode)" = 700 &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[0].rep" "Edited Rep"
'

test_expect_success 'the editor removes the form: exit 1, one line, nothing changed' '
	edit_with rm 1 &&
	grep -q "calllog: the form is gone" out &&
	test "$(grep -c "^calllog: " out)" = 1
'

test_expect_success 'the editor empties the form: exit 2, one line, nothing changed' '
	edit_with truncate 2 &&
	grep -q "calllog: the form came back empty" out &&
	test "$(grep -c "^calllog: " out)" = 1 &&
	edit_with blank 2 &&
	grep -q "calllog: the form came back empty" out
'

test_expect_success 'the editor writes 10 MB: exit 2, one line, nothing changed' '
	edit_with big 2 &&
	grep -q "calllog: the form came back larger than" out &&
	test "$(grep -c "^calllog: " out)" = 1
'

test_expect_success 'a NUL byte in the form: exit 2, nothing changed' '
	edit_with nul 2 &&
	grep -q "calllog: the form came back with a NUL byte" out
'

test_expect_success 'SIGTERM to calllog while the editor runs: no form left' '
	edit_with TERM 143
'

test_expect_success 'SIGHUP to calllog while the editor runs: no form left' '
	edit_with HUP 129
'

test_expect_success 'an editor ended by SIGINT ends calllog so, no form left' '
	edit_with INT 130
'

# --- notifications ----------------------------------------------------------

# The mock answers GetServerInformation as dunst, which renders markup in
# the summary (with "markup = full"); t0100 has the spec's servers.
test_expect_success 'the notification server starts, as dunst' '
	mock_start &&
	mock_server_is dunst
'

# summary_inert: the one notification's summary holds no markup: every
# "<" and "&" arrives escaped.
summary_inert() {
	nq ".[0].summary | contains(\"<\")" false &&
	nq ".[0].summary | test(\"&(?!(lt|gt|amp|quot|apos);)\")" false &&
	nq ".[0].body | contains(\"<\")" false
}

test_expect_success 'an organization typed with markup reaches the summary escaped' '
	use_db markup_typed &&
	expect_exit 0 cl add --new-org \
		--org "<a href=\"http://evil.example/x\">Pay</a> <b>Bank</b>" \
		--reason billing --title "fees & <i>charges</i>" \
		--follow-up "2026-11-20 09:00" &&
	remind_sends 1 &&
	summary_inert &&
	nq ".[0].summary | contains(\"&lt;a href=&quot;http://evil.example/x&quot;&gt;Pay&lt;/a&gt; &lt;b&gt;Bank\")" true
'

test_expect_success 'an organization written by a sync folder reaches it escaped' '
	use_db markup_synced &&
	mkdir -p folder &&
	cat >folder/client-1.ics <<-\EOF &&
	BEGIN:VCALENDAR
	PRODID:-//another client//EN
	VERSION:2.0
	BEGIN:VTODO
	UID:client-item-0001@example.org
	DTSTAMP:20261119T100000Z
	CREATED:20261119T100000Z
	LAST-MODIFIED:20261119T100000Z
	SUMMARY:fees
	STATUS:NEEDS-ACTION
	DUE:20261119T090000Z
	X-CALLLOG-ORG:<a href="http://evil.example/y">Call now</a> &amp; <u>Co</u>
	X-CALLLOG-REASON:billing
	X-CALLLOG-STATUS:open
	X-CALLLOG-ESCALATION:none
	X-CALLLOG-STAGE-AT:20261119T100000Z
	END:VTODO
	END:VCALENDAR
	EOF
	expect_exit 0 cl sync folder &&
	out_contains "1 added here" &&
	remind_sends 1 &&
	summary_inert &&
	nq ".[0].summary | contains(\"&lt;a href=&quot;http://evil.example/y&quot;&gt;Call now&lt;/a&gt; &amp;amp; &lt;u&gt;Co\")" true
'

# A server that follows the spec shows the summary as plain text: the
# organization the folder wrote arrives as it stands in the journal.
test_expect_success 'to a server that follows the spec it arrives as typed' '
	use_db markup_synced_spec &&
	mock_server_is mock-notify &&
	expect_exit 0 cl sync folder &&
	out_contains "1 added here" &&
	remind_sends 1 &&
	nq ".[0].summary | contains(\"<a href=\\\"http://evil.example/y\\\">Call now</a> &amp; <u>Co</u>\")" true &&
	nq ".[0].body | contains(\"<\")" false
'

# --- uuids edited by hand ---------------------------------------------------

# sync_refuses_uuid: sync exits 1 with one line, and the journal is as it
# was (a file it wrote before it stopped is one the next sync reads).
sync_refuses_uuid() {
	rm -rf vdir && mkdir vdir &&
	db_snapshot before_sync &&
	expect_exit 1 cl sync vdir &&
	check_err_line "is not a uuid" &&
	db_unchanged before_sync
}

test_expect_success 'a case uuid cut short by hand: sync says so; the rest reads it' '
	use_db uuid &&
	expect_exit 0 cl add --org Acme --new-org --reason billing \
		--note "a call" --follow-up 2026-11-25 &&
	sqlite3 -batch "$CALLLOG_DB" "UPDATE cases SET uuid = '"'abc'"'" &&
	sync_refuses_uuid &&
	test "$(ls -A vdir)" = "" &&
	expect_exit 0 cl show 1 &&
	expect_exit 0 cl export --format json &&
	expect_exit 0 cl ical &&
	expect_exit 0 cl cases
'

test_expect_success 'a case uuid made longer by hand: sync says so' '
	sqlite3 -batch "$CALLLOG_DB" "UPDATE cases SET uuid =
	    '"'0b1c2d3e-0000-4000-8000-000000000001ffff'"'" &&
	sync_refuses_uuid &&
	expect_exit 0 cl show 1
'

test_expect_success 'a call uuid that is not one: sync says so' '
	sqlite3 -batch "$CALLLOG_DB" "UPDATE cases SET uuid =
	    '"'0b1c2d3e-0000-4000-8000-000000000001'"';
	    UPDATE calls SET uuid = '"'x'"'" &&
	sync_refuses_uuid &&
	expect_exit 0 cl show 1 &&
	expect_exit 0 cl export --format json
'

test_done
