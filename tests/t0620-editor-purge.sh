#!/bin/sh
# t0620: edit with no options on a terminal opens $EDITOR on a form (driven
# through a pseudo-terminal with a scripted editor); --purge leaves no
# trace of the old text in the database file or its WAL; a journal from
# before the history carries forward.
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
SCHEMA=$(cd "$(dirname "$0")/../schema" && pwd)
. "$(dirname "$0")/lib.sh"

: >none.steps

# The scripted editor: each run does what the next line of ed.plan says,
# and keeps a copy of the form it was given.
cat >ed.sh <<'EOF'
#!/bin/sh
n=$(($(cat ed.count 2>/dev/null || echo 0) + 1))
echo $n >ed.count
cp "$1" "form.$n"
cmd=$(sed -n "${n}p" ed.plan)
test -n "$cmd" && sed -i "$cmd" "$1"
exit 0
EOF
chmod +x ed.sh

# edit_on_terminal PLAN ARGS...: run edit ARGS on a terminal with the
# editor doing PLAN (sed commands, one a run).
edit_on_terminal() {
	printf "%s\n" "$1" >ed.plan &&
	rm -f ed.count form.* &&
	shift &&
	VISUAL=$TRASH/ed.sh expect_exit 0 $DRIVE none.steps -- "$CALLLOG" edit "$@"
}

test_expect_success 'a case to edit' '
	expect_exit 0 cl add --org amex --reason dispute --title "Skyline" \
		--rep Dana --ref R-1 --note "first line${LF}second line"
'

test_expect_success 'the editor shows the case as a form; a change is saved' '
	edit_on_terminal "s/^title: .*/title: Skyline Tickets charge/" 1 &&
	out_contains "edited case 1" &&
	grep -q "^title: Skyline$" form.1 &&
	grep -q "^org: American Express$" form.1 &&
	expect_exit 0 cl show 1 --json &&
	jq_is .title "Skyline Tickets charge"
'

test_expect_success 'a bad field reopens the editor with the error on top, edits kept' '
	edit_on_terminal "s/^amount: .*/amount: lots/;s/^merchant: .*/merchant: Skyline Tickets/
s/^amount: .*/amount: \$418.20/" 1 &&
	test "$(cat ed.count)" = 2 &&
	head -n 1 form.2 | grep -q "^# error: .*lots" &&
	grep -q "^merchant: Skyline Tickets$" form.2 &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.amount, .merchant]" "[\"418.20\",\"Skyline Tickets\"]"
'

test_expect_success 'quitting without a change changes nothing' '
	db_snapshot before &&
	edit_on_terminal "" 1 &&
	out_contains "nothing changed" &&
	db_unchanged before
'

test_expect_success 'giving up after an error changes nothing' '
	db_snapshot before &&
	printf "%s\n" "s/^reason: .*/reason: nonsense/" "" >ed.plan &&
	rm -f ed.count &&
	VISUAL=$TRASH/ed.sh expect_exit 0 $DRIVE none.steps -- "$CALLLOG" edit 1 &&
	out_contains "nothing changed" &&
	db_unchanged before
'

test_expect_success 'a call as a form: notes line by line, refs replaced' '
	edit_on_terminal "s/^rep: .*/rep: Dana (ID 4471)/;s/^note: second line/note: second line, corrected/;s/^ref: R-1/ref: R-2/" --call 1 &&
	grep -q "^note: first line$" form.1 &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[0] | [.rep, .refs[0]]" "[\"Dana (ID 4471)\",\"R-2\"]" &&
	jq_is ".calls_list[0].notes == \"first line\nsecond line, corrected\"" \
		true &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[0].rep" "Dana"
'

test_expect_success 'off a terminal, edit without options says what to do' '
	db_snapshot before &&
	expect_exit 2 cl edit 1 &&
	check_err_line "terminal" &&
	db_unchanged before
'

# in_files TEXT: how many of the database file and its WAL hold TEXT
# ("no journal" when there is no database file, which holds nothing and
# proves nothing).
in_files() {
	test -f "$CALLLOG_DB" || { echo "no journal"; return 1; }
	n=0
	for f in "$CALLLOG_DB" "$CALLLOG_DB-wal"; do
		test -f "$f" && grep -q -a -F "$1" "$f" && n=$((n + 1))
	done
	echo $n
}

test_expect_success 'without --purge, an edited note stays in the history and the file' '
	expect_exit 0 cl add --case 1 --note "acct pin hint KEEPME-7731" &&
	expect_exit 0 cl edit --call 2 --note "a harmless note" &&
	test "$(in_files KEEPME-7731)" -ge 1 &&
	expect_exit 0 cl history 1 &&
	out_contains KEEPME-7731
'

# reader_open, reader_close: another connection keeps the journal open
# meanwhile, so that the WAL is not removed when calllog closes it (as it
# is when calllog is the last connection): what calllog leaves in the WAL
# is then there to be seen.
reader_open() {
	rm -f reader.fifo && mkfifo reader.fifo &&
	{ sqlite3 "$CALLLOG_DB" <reader.fifo >/dev/null & } &&
	exec 9>reader.fifo &&
	echo "SELECT count(*) FROM cases;" >&9
}

reader_close() {
	exec 9>&-
	wait
}

test_expect_success 'edit --purge removes the old text from history, database and WAL' '
	reader_open &&
	expect_exit 0 cl add --case 1 --note "my password is HUNTER2-SECRET" &&
	grep -q -a -F HUNTER2-SECRET "$CALLLOG_DB-wal" &&
	k=$(sed -n "s/^recorded call \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl edit --call "$k" --note "a password was said" --purge &&
	test -f "$CALLLOG_DB-wal" &&
	test "$(in_files HUNTER2-SECRET)" = 0 &&
	reader_close &&
	out_contains purged &&
	test "$(in_files HUNTER2-SECRET)" = 0 &&
	expect_exit 0 cl history 1 &&
	out_lacks HUNTER2-SECRET &&
	out_contains "(purged)" &&
	expect_exit 0 cl search HUNTER2 --json &&
	jq_is length 0 &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[-1].notes" "a password was said" &&
	expect_exit 0 cl doctor
'

test_expect_success 'delete --purge needs --yes, and then leaves no trace' '
	expect_exit 0 cl add --org "Acme" --reason general \
		--note "account PURGEME-4242" --ref PURGEREF-1 &&
	c=$(sed -n "s/^opened case \\([0-9]*\\) .*/\\1/p" out) &&
	db_snapshot before &&
	expect_exit 2 cl delete "$c" --purge &&
	check_err_line "--yes" &&
	db_unchanged before &&
	reader_open &&
	expect_exit 0 cl delete "$c" --purge --yes &&
	test -f "$CALLLOG_DB-wal" &&
	test "$(in_files PURGEME-4242)" = 0 &&
	test "$(in_files PURGEREF-1)" = 0 &&
	reader_close &&
	test "$(in_files PURGEME-4242)" = 0 &&
	test "$(in_files PURGEREF-1)" = 0 &&
	test "$(in_files Acme)" = 0 &&
	expect_exit 0 cl history &&
	out_contains "deleted case $c and purged it" &&
	db_snapshot purged &&
	expect_exit 1 cl undo &&
	check_err_line "deleted case $c and purged it): it purged" &&
	db_unchanged purged &&
	expect_exit 1 cl show "$c" &&
	test "$(in_files PURGEME-4242)" = 0 &&
	expect_exit 0 cl doctor
'

test_expect_success 'a journal from before the history is carried forward' '
	cat "$SCHEMA/001_journal.sql" "$SCHEMA/002_search.sql" \
	    "$SCHEMA/003_speed.sql" "$SCHEMA/004_summary.sql" |
	    sqlite3 old.db && chmod 600 old.db &&
	sqlite3 old.db "PRAGMA user_version = 4;
	    INSERT INTO cases (uuid, org, reason, opened_at, updated_at, stage_at)
	    VALUES ('"'"'0b1c2d3e-0000-4000-8000-000000000001'"'"', '"'"'Old Bank'"'"',
	    '"'"'billing'"'"', 1790000000, 1790000000, 1790000000);
	    INSERT INTO calls (uuid, case_id, started_at, notes, created_at, updated_at)
	    VALUES ('"'"'0b1c2d3e-0000-4000-8000-000000000002'"'"', 1, 1790000000,
	    '"'"'old note'"'"', 1790000000, 1790000000)" &&
	expect_exit 0 cl --db old.db show 0b1c --json &&
	jq_is "[.org, .calls, .amount]" "[\"Old Bank\",1,null]" &&
	expect_exit 0 cl --db old.db edit 1 --amount 20 &&
	expect_exit 0 cl --db old.db undo &&
	expect_exit 0 cl --db old.db doctor &&
	out_contains "schema version $(ls "$SCHEMA"/[0-9][0-9][0-9]_*.sql | wc -l) (latest)"
'

test_done
