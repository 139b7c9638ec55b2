#!/bin/sh
# t0592: the model is declared once (src/field.c, src/field_table.c).
# Every column of every table of a new journal is declared (a field, or a
# column the journal keeps itself) or listed below as no record's, and
# every declared column is in the journal; the history records exactly
# the columns the declaration marks; a journal upgraded from version 12
# ends with the same history triggers as a new one (schema/013_history.sql
# replaces the hand-written ones of 005, 009, 010 and 011); and a change
# of a promise's note alone is one change of the history, which undo
# takes back alone (DESIGN.md, "Money and promises").

. "$(dirname "$0")/lib.sh"

TAB=$(printf '\t')
SCHEMA_DIR=$TEST_DIR/../schema

# The tables that hold no record of a case, call, event, note or
# attachment, and why; each with all of its columns, so that a column
# added to one of them is a decision too.
NOT_RECORDS='
blobs id sha256 size data
	an attachment'"'"'s bytes, by their hash: not history (010_attachments)
call_search refs title org rep department ivr promise notes
	the search index (FTS5) over the calls, rebuilt from them
call_search_config k v
	FTS5 shadow table
call_search_content id c0 c1 c2 c3 c4 c5 c6 c7
	FTS5 shadow table
call_search_data id block
	FTS5 shadow table
call_search_docsize id sz
	FTS5 shadow table
call_search_idx segid term pgno
	FTS5 shadow table
change_rows id change_id tbl row_id pos case_id op old new
	the history itself
change_state one change_id
	the change a command has open (005_history)
changes id at command summary undone_at purged
	the history itself
directory id uuid org purpose number note updated_at
	the numbers directory: no door checks it field by field yet
org_aliases alias org
	names a person gave an organization (add --org)
reminders_sent case_id kind due_at sent_at
	which reminders went out: the policy'"'"'s state, not a record
sqlite_sequence name seq
	SQLite'"'"'s own (AUTOINCREMENT)
sync_dirs id path
	sync'"'"'s folders (007_sync)
sync_items dir name uid rec kind mtime size inode sequence fp base extra
	sync'"'"'s state of each item of a folder
sync_warned dir name version
	the items sync has warned about once (012_sync_warned)
vdir_files dir name case_uuid kind hash due_at sequence level dismissed_due
	ical --vdir'"'"'s state of each file of a folder (006_vdir)
'

test_expect_success 'a new journal, and the declaration of its columns' '
	expect_exit 0 cl add --org amex --reason billing --title Refund \
	    --amount 10 --rep Dana --ref R-1 --promise "a refund" \
	    --promised-by 2026-03-10 &&
	expect_exit 0 "$CALLLOG" __fields columns &&
	cp out columns.tsv &&
	test "$(wc -l <columns.tsv)" -gt 60
'

test_expect_success 'every column of every table is declared or listed' '
	sqlite3 "$CALLLOG_DB" "SELECT m.name, p.name FROM sqlite_master m,
	    pragma_table_info(m.name) p WHERE m.type = '"'"'table'"'"'" |
	    tr "|" " " | sort >journal &&
	test "$(wc -l <journal)" -gt 150 &&
	{ cut -f 1,2 columns.tsv | tr "$TAB" " "
	  printf "%s\n" "$NOT_RECORDS" | grep -v "^$TAB" | grep . |
	    while read -r t cols; do
		for c in $cols; do echo "$t $c"; done
	    done
	} | sort >declared &&
	comm -23 journal declared >undeclared &&
	test_must_be_empty undeclared &&
	comm -13 journal declared >missing &&
	test_must_be_empty missing
'

# The keys of the JSON of each table's newest recorded row are what the
# journal's triggers write.
test_expect_success 'the history records the columns the declaration marks' '
	for t in cases calls call_refs; do
		awk -F "$TAB" -v t=$t '"'"'$1 == t && $4 == "yes" { print $2 }'"'"' \
		    columns.tsv >want.$t &&
		sqlite3 "$CALLLOG_DB" "SELECT new FROM change_rows
		    WHERE tbl = '"'"'$t'"'"' ORDER BY id DESC LIMIT 1" |
		    jq -r "keys_unsorted[]" >got.$t &&
		test_cmp want.$t got.$t || return 1
	done
'

# A journal at version 12 as the migrations before 013 leave it, made by
# sqlite3 from schema/ (the calllog of that version ran the same SQL).
test_expect_success 'a journal from version 12 ends with the same triggers' '
	for f in "$SCHEMA_DIR"/0*.sql; do
		case $(basename "$f") in
		01[3-9]_*|0[2-9]?_*) ;;
		*) cat "$f" || return 1 ;;
		esac
	done >upto12.sql &&
	grep -q "CREATE TABLE sync_warned" upto12.sql &&
	! grep -q "DROP TRIGGER IF EXISTS" upto12.sql &&
	sqlite3 old.db <upto12.sql &&
	sqlite3 old.db "PRAGMA user_version = 12;
	    PRAGMA application_id = 1129082727" &&
	CALLLOG_DB=$PWD/old.db expect_exit 0 cl cases &&
	test "$(sqlite3 old.db "PRAGMA user_version")" = 13 &&
	trig="SELECT name, tbl_name, sql FROM sqlite_master
	    WHERE type = '"'"'trigger'"'"' ORDER BY name" &&
	sqlite3 old.db "$trig" >old.triggers &&
	sqlite3 "$CALLLOG_DB" "$trig" >new.triggers &&
	test "$(grep -c "_history_[abd][iud] " new.triggers)" -ge 18 &&
	test_cmp new.triggers old.triggers
'

test_expect_success 'a note of a promise changed alone: history shows it, undo takes it back alone' '
	expect_exit 0 cl promise 1 --kept --note "first note" &&
	expect_exit 0 cl promise 1 --kept --call 1 --note "second note" &&
	expect_exit 0 cl history --limit 1 &&
	out_contains "promise_note: \"first note\" -> \"second note\"" &&
	out_lacks "promise_status" &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".promises[0].note" "first note" &&
	jq_is ".promises[0].status" "kept" &&
	expect_exit 0 cl doctor &&
	out_contains "ok: the history of changes matches the journal"
'

test_done
