#!/bin/sh
# Nothing lost, hidden or falsified: a journal is never removed under
# another process, readers create none, no output option can replace it,
# the exit status says whether a change was kept, a failed listing never
# looks complete, an import is all or nothing under a real write failure,
# computed dates stay readable, and another program's SQLite file is left
# exactly as it was.
. "$(dirname "$0")/lib.sh"

# no_journal_files PATH: neither the journal nor anything SQLite or
# calllog would keep beside it exists.
no_journal_files() {
	for _f in "$1" "$1-wal" "$1-shm" "$1-journal"; do
		test_path_is_missing "$_f" || return 1
	done
	_left=$(ls -A "$(dirname "$1")" | grep -F "$(basename "$1")." || true)
	test -z "$_left" && return 0
	echo "files left beside the journal: $_left"
	return 1
}

# --- readers never create a journal ---------------------------------------

mkdir -p none
NONE=$TRASH/none/journal.db

for c in "open" "open --json" "log" "log --json" "search refund" \
    "search --json refund" "numbers" "numbers amex" "prep billing" "ical" \
    "export" "export --format csv" "remind --dry-run" "remind"; do
	test_expect_success "'$c' on a missing journal: exit 0, an empty result, no file" '
		expect_exit 0 cl --db "$NONE" $1 &&
		test_must_be_empty err &&
		no_journal_files "$NONE"
	' "$c"
done

test_expect_success 'open says there are no cases; JSON listings are empty' '
	expect_exit 0 cl --db "$NONE" open &&
	out_contains "no open cases" &&
	expect_exit 0 cl --db "$NONE" log --json &&
	jq_is length 0 &&
	expect_exit 0 cl --db "$NONE" export &&
	jq_is ".cases | length" 0
'

for c in "show 1" "dossier 1" "log --case 1"; do
	test_expect_success "'$c' on a missing journal: no such case (1), no file" '
		expect_exit 1 cl --db "$NONE" $1 &&
		check_err_line "no case 1" &&
		no_journal_files "$NONE"
	' "$c"
done

for c in "doctor" "backup $TRASH/b.db"; do
	test_expect_success "'$c' on a missing journal: there is none yet (1)" '
		expect_exit 1 cl --db "$NONE" $1 &&
		check_err_line "no journal at" &&
		no_journal_files "$NONE" &&
		test_path_is_missing "$TRASH/b.db"
	' "$c"
done

test_expect_success 'ical -o and --vdir on a missing journal write only their output' '
	expect_exit 0 cl --db "$NONE" ical -o "$TRASH/none.ics" &&
	grep -q "^BEGIN:VCALENDAR" "$TRASH/none.ics" &&
	expect_exit 0 cl --db "$NONE" ical --vdir "$TRASH/none-vdir" &&
	no_journal_files "$NONE"
'

test_expect_success 'a refused first write leaves no file, not even a temporary one' '
	expect_exit 2 cl --db "$NONE" add --org amex --reason billing \
		--promise x --promised-by 3000-01-01 &&
	expect_exit 1 cl --db "$NONE" add --case 7 --rep Ann &&
	no_journal_files "$NONE"
'

test_expect_success 'the first write starts the journal, 0600, whole' '
	expect_exit 0 cl --db "$NONE" add --org amex --reason billing &&
	mode_is 600 "$NONE" &&
	test "$(sqlite3 "$NONE" "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 "$NONE" "PRAGMA journal_mode")" = wal &&
	test "$(sqlite3 "$NONE" "SELECT count(*) FROM cases")" = 1 &&
	test -z "$(ls -A none | grep -v "^journal.db")"
'

# A first command that fails while a second one writes: the failing one
# used to remove the journal it had started, and with it the second's
# acknowledged call.  The first holds the journal while it reads its note
# from standard input, which arrives (invalid) only after the second has
# begun.
test_expect_success 'a failing first command never takes a concurrent write with it' '
	for i in 1 2 3; do
		db="$TRASH/race$i.db" &&
		{ { sleep 1; printf "\377\n"; } |
		  cl --db "$db" add --org First --reason billing --note - \
			>first.out 2>first.err & } &&
		first=$! &&
		sleep 0.3 &&
		expect_exit 0 cl --db "$db" add --org Second --reason billing \
			--rep "second $i" &&
		out_contains "recorded call" &&
		{ wait $first; test $? = 2; } &&
		grep -q "not valid UTF-8" first.err &&
		test "$(sqlite3 "$db" "SELECT rep FROM calls")" = "second $i" ||
		return 1
	done
'

# --- no output option overwrites the journal -------------------------------

test_expect_success 'a journal to protect' '
	expect_exit 0 cl add --org amex --reason billing --title protect \
		--note "must survive" &&
	expect_exit 0 cl add --case 1 --rep Kim &&
	ln "$CALLLOG_DB" hard-link.db &&
	ln -s "$CALLLOG_DB" soft-link.db &&
	ln -s "$CALLLOG_DB-wal" soft-link-wal &&
	mkdir sub &&
	db_snapshot protect
'

for dest in '$CALLLOG_DB' '$CALLLOG_DB-wal' '$CALLLOG_DB-shm' \
    '$CALLLOG_DB-journal' hard-link.db soft-link.db soft-link-wal \
    'sub/../journal.db' '$TRASH/./journal.db-wal'; do
	for c in "export -o" "export --format csv -o" "dossier 1 --format txt -o" \
	    "ical -o" "ical --events -o" "backup"; do
		test_expect_success "$c $dest: refused (2), the journal untouched" '
			eval "dest=$2" &&
			expect_exit 2 cl $1 "$dest" &&
			check_err_line "journal" &&
			db_unchanged protect &&
			test "$(sqlite3 "$CALLLOG_DB" "PRAGMA integrity_check")" = ok
		' "$c" "$dest"
	done
done

test_expect_success 'an output beside the journal, named like it, is fine' '
	expect_exit 0 cl export -o "$CALLLOG_DB.json" &&
	expect_exit 0 cl backup "$CALLLOG_DB.bak" &&
	db_unchanged protect
'

# --- the exit status tells the truth ----------------------------------------

for c in "add --case 1 --rep Lee" "add --org Citi --reason billing" \
    "resolve 1" "escalate 1" "followup 1 +3d" \
    "numbers add Citi general 1-800-950-5114"; do
	test_expect_success "$c with its report unwritable: exit 1, nothing kept" '
		expect_exit 1 sh -c "exec \"\$0\" \"\$@\" >/dev/full" \
			"$CALLLOG" $1 &&
		check_err_line "cannot write" &&
		db_unchanged protect
	' "$c"
done

test_expect_success 'the same command with a writable report: exit 0, kept' '
	expect_exit 0 cl add --case 1 --rep Lee &&
	out_contains "recorded call 3" &&
	db_snapshot protect
'

test_expect_success 'a first write whose report fails leaves no journal' '
	expect_exit 1 sh -c "exec \"\$0\" \"\$@\" >/dev/full" "$CALLLOG" \
		--db "$TRASH/full.db" add --org amex --reason billing &&
	no_journal_files "$TRASH/full.db"
'

# --- computed dates stay dates calllog can read back ------------------------

test_expect_success 'a promise at the last date: its follow-up would pass it (2), nothing kept' '
	expect_exit 2 cl add --case 1 --promise "refund" \
		--promised-by 2999-12-31 &&
	check_err_line "after 2999-12-31" &&
	db_unchanged protect
'

test_expect_success 'a date past the last one is refused as input' '
	for d in 3000-01-01 9999-12-31 "10000-01-01"; do
		expect_exit 2 cl add --case 1 --follow-up "$d" &&
		check_err_line "$d" || return 1
	done &&
	db_unchanged protect
'

test_expect_success 'reopening at the end of time: the default follow-up would pass it (2)' '
	expect_exit 0 cl add --org Late --reason general --outcome resolved &&
	db_snapshot late &&
	expect_exit 2 env CALLLOG_NOW=2999-12-30T00:00:00Z "$CALLLOG" reopen 2 &&
	check_err_line "after 2999-12-31" &&
	db_unchanged late &&
	expect_exit 2 env CALLLOG_NOW=2999-12-30T00:00:00Z "$CALLLOG" add \
		--org Later --reason general &&
	db_unchanged late
'

test_expect_success 'the latest dates kept export, import and reach iCalendar' '
	expect_exit 0 cl add --org Far --reason general \
		--promise "eventually" --promised-by 2999-12-29 \
		--follow-up 2999-12-31 &&
	expect_exit 0 cl export -o far.json &&
	expect_exit 0 cl --db far.db import far.json &&
	expect_exit 0 cl ical -o far.ics &&
	! grep -q "00000000T000000" far.ics &&
	grep -q "^DUE:29991231T" far.ics &&
	db_snapshot protect
'

# --- a failed listing is never a well-formed document -----------------------

# A journal of 40 cases, each with a call of a long note (a page of its own),
# then one page of the calls table, and one of the cases table, broken in
# the middle: listings stop there.
test_expect_success 'a journal with a broken page in the middle' '
	CALLLOG_DB=$TRASH/broken.db &&
	long=$(printf "word %.0s" $(seq 1 500)) &&
	for i in $(seq 1 40); do
		cl add --org "Org $i" --reason billing \
			--title "case $i $(printf "x%.0s" $(seq 1 150))" \
			--note "$long $i" >/dev/null || return 1
	done &&
	cp broken.db whole.db &&
	page=$(sqlite3 broken.db "SELECT pageno FROM dbstat
		WHERE name = '\''calls'\'' AND pagetype = '\''leaf'\''
		ORDER BY pageno LIMIT 1 OFFSET 25") &&
	printf "\377\377\377\377\377\377\377\377" | dd of=broken.db bs=1 \
		seek=$(( (page - 1) * 4096 )) conv=notrunc 2>/dev/null &&
	cp whole.db broken-cases.db &&
	page=$(sqlite3 broken-cases.db "SELECT pageno FROM dbstat
		WHERE name = '\''cases'\'' AND pagetype = '\''leaf'\''
		ORDER BY pageno LIMIT 1 OFFSET 1") &&
	printf "\377\377\377\377\377\377\377\377" | dd of=broken-cases.db bs=1 \
		seek=$(( (page - 1) * 4096 )) conv=notrunc 2>/dev/null
'

# not_json: ./out is not a JSON document jq accepts (and is there).
not_json() {
	test_path_is_file out || return 1
	if jq -e . out >/dev/null 2>&1; then
		echo "the output of a failed listing is a well-formed document:"
		head -c 300 out
		return 1
	fi
}

for c in "export" "log --json" "search --json word"; do
	test_expect_success "'$c' stopped by a broken calls page: exit 1, not a document" '
		expect_exit 1 cl --db broken.db $1 &&
		check_err_line "not a valid calllog database" &&
		test -s out &&
		not_json
	' "$c"
done

for c in "open --json" "prep billing --json" "export"; do
	test_expect_success "'$c' stopped by a broken cases page: exit 1, not a document" '
		expect_exit 1 cl --db broken-cases.db $1 &&
		check_err_line "not a valid calllog database" &&
		not_json
	' "$c"
done

test_expect_success 'export --format csv stopped midway: a strict CSV reader refuses it' '
	expect_exit 1 cl --db broken.db export --format csv &&
	test -s out &&
	! /usr/bin/python3 -c "import csv, sys
list(csv.reader(open(sys.argv[1], newline=\"\"), strict=True))" out 2>/dev/null &&
	tail -n 1 out | grep -q "incomplete"
'

test_expect_success 'import refuses the export of a broken journal' '
	expect_exit 1 cl --db broken.db export &&
	cp out partial.json &&
	expect_exit 2 cl --db "$TRASH/from-partial.db" import partial.json &&
	no_journal_files "$TRASH/from-partial.db"
'

test_expect_success 'export -o of a broken journal leaves no file' '
	expect_exit 1 cl --db broken.db export -o "$TRASH/never.json" &&
	test_path_is_missing "$TRASH/never.json"
'

# --- import is all or nothing under a real write failure ----------------------

# 400 cases as 400 adds make them (an organization, a title, a reference
# and a note of 300 characters each), made from one add's export and
# imported at once: 400 adds, each its own process and transaction, took
# 19 s, and what is tested is the import of their export, below.
test_expect_success 'an export of 400 cases to import' '
	CALLLOG_DB=$TRASH/source.db &&
	expect_exit 0 cl --db "$TRASH/one.db" add --org "Bank 1" \
	    --reason billing --title "dispute 1" --ref REF-1 --note "n 1" &&
	expect_exit 0 cl --db "$TRASH/one.db" export -o one.json &&
	/usr/bin/python3 - <<-\EOF &&
	import json, uuid
	doc = json.load(open("one.json"))
	tmpl, cases = doc["cases"][0], []
	for i in range(1, 401):
	    c = json.loads(json.dumps(tmpl))
	    c["id"], c["uuid"] = i, str(uuid.uuid4())
	    c["org"], c["title"] = "Bank %d" % (i % 7), "dispute %d" % i
	    k = c["calls"][0]
	    k["id"], k["uuid"] = i, str(uuid.uuid4())
	    k["refs"], k["notes"] = ["REF-%d" % i], "n" * 300 + " %d" % i
	    cases.append(c)
	doc["cases"] = cases
	json.dump(doc, open("many.json", "w"))
	EOF
	expect_exit 0 cl import many.json &&
	out_contains "imported 400 cases" &&
	expect_exit 0 cl export -o big.json &&
	test "$(jq ".cases | length" big.json)" = 400
'

test_expect_success 'import into a journal stopped by a file size limit: exit 1, nothing kept' '
	CALLLOG_DB=$TRASH/target.db &&
	expect_exit 0 cl add --org Existing --reason general --rep Pat &&
	db_snapshot target &&
	for limit in 200 400 700; do
		expect_exit 1 sh -c "ulimit -f $limit; exec \"\$0\" \"\$@\"" \
			"$CALLLOG" import big.json &&
		check_err_line "failed" &&
		db_unchanged target || return 1
	done &&
	expect_exit 0 cl doctor
'

test_expect_success 'import into a new journal stopped by a file size limit: no file' '
	expect_exit 1 sh -c "ulimit -f 600; exec \"\$0\" \"\$@\"" \
		"$CALLLOG" --db "$TRASH/fresh.db" import big.json &&
	no_journal_files "$TRASH/fresh.db"
'

test_expect_success 'without the limit the same import succeeds' '
	expect_exit 0 cl import big.json &&
	out_contains "imported 400 cases" &&
	test "$(sqlite3 target.db "SELECT count(*) FROM cases")" = 401
'

test_expect_success 'ids near 2^63 in a file are renumbered, and later ids stay small' '
	/usr/bin/python3 -c "import json
d = json.load(open(\"big.json\"))
d[\"cases\"][0][\"id\"] = 9223372036854775000
d[\"cases\"][1][\"id\"] = 9223372036854775001
d[\"cases\"][0][\"calls\"][0][\"id\"] = 9223372036854775806
json.dump(d, open(\"huge.json\", \"w\"))" &&
	grep -q 9223372036854775806 huge.json &&
	expect_exit 0 cl --db "$TRASH/huge.db" import huge.json &&
	out_contains "renumbered" &&
	expect_exit 0 cl --db "$TRASH/huge.db" add --org Next --reason general &&
	out_contains "opened case 401" &&
	test "$(sqlite3 huge.db "SELECT max(id) FROM calls")" -le 1000
'

test_expect_success 'ids an export really has are kept in an empty journal' '
	expect_exit 0 cl --db "$TRASH/same.db" import big.json &&
	test "$(sqlite3 same.db "SELECT group_concat(id) FROM
		(SELECT id FROM cases ORDER BY id LIMIT 3)")" = "1,2,3"
'

# --- another program's SQLite file is never changed ---------------------------

for v in 0 1 3 4 99; do
	test_expect_success "a foreign database at user_version $v: refused (1), byte for byte unchanged" '
		rm -f foreign.db* &&
		sqlite3 foreign.db "CREATE TABLE cases (x); CREATE TABLE notes (y);
			INSERT INTO notes VALUES (1); PRAGMA user_version = $1" &&
		cp foreign.db foreign.copy &&
		for c in open "add --org amex --reason billing" doctor export \
		    "numbers add amex general 1-800-528-2122"; do
			expect_exit 1 cl --db foreign.db $c &&
			check_err_line "another program" &&
			cmp foreign.db foreign.copy &&
			test_path_is_missing foreign.db-wal &&
			test_path_is_missing foreign.db-journal || return 1
		done &&
		test "$(sqlite3 foreign.db "PRAGMA journal_mode")" = delete
	' "$v"
done

# Reading through a read-write connection is enough to change a WAL
# database: the last connection to close checkpoints its log into it.
test_expect_success 'a foreign WAL database with an unsaved log: neither file changes' '
	rm -f fwal.db* gwal.db* &&
	sqlite3 fwal.db "PRAGMA journal_mode = WAL; CREATE TABLE notes (x);
		INSERT INTO notes VALUES (1)" >/dev/null &&
	{ (echo "PRAGMA wal_autocheckpoint = 0; INSERT INTO notes VALUES (2);"
	   echo ".shell touch wal.ready"; sleep 3) | sqlite3 fwal.db & } &&
	holder=$! &&
	n=0 && until test -e wal.ready; do
		n=$((n + 1)) && test $n -lt 100 && sleep 0.05 || return 1
	done &&
	cp fwal.db gwal.db && cp fwal.db-wal gwal.db-wal &&
	{ kill $holder 2>/dev/null; wait $holder 2>/dev/null; true; } &&
	test -s gwal.db-wal &&
	cp gwal.db gwal.copy && cp gwal.db-wal gwal.copy-wal &&
	for c in open "add --org amex --reason billing" doctor; do
		expect_exit 1 cl --db gwal.db $c &&
		check_err_line "another program" &&
		cmp gwal.db gwal.copy && cmp gwal.db-wal gwal.copy-wal ||
		return 1
	done
'

test_expect_success 'a database marked by another application id is refused too' '
	rm -f foreign.db* &&
	sqlite3 foreign.db "PRAGMA application_id = 1234; CREATE TABLE t (x)" &&
	cp foreign.db foreign.copy &&
	expect_exit 1 cl --db foreign.db open &&
	check_err_line "another program" &&
	cmp foreign.db foreign.copy
'

test_expect_success 'a journal is marked as calllog'\''s own' '
	test "$(sqlite3 "$TRASH/journal.db" "PRAGMA application_id")" = \
		"$(printf "%d" 0x434c6f67)"
'

test_done
