#!/bin/sh
# t0618: the ledger of credits, notes, ids never reused, and calls moved or
# deleted (DESIGN.md, "Money and promises", "Correcting the record"):
# a credit may be reversed; what the person saw on a statement is a note,
# in the timeline and the ledger but never a contact; a deleted record's
# number is never given to another; and a case that loses or gains a call
# reads as if the call had always been where it now is, which is checked
# against a twin journal where it was recorded there in the first place.

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)

. "$(dirname "$0")/lib.sh"

# refused CODE WORD COMMAND...: one error line naming WORD, nothing
# printed, nothing written.
refused() {
	_code=$1 _word=$2 &&
	shift 2 &&
	db_snapshot before &&
	expect_exit "$_code" "$@" &&
	check_err_line "$_word" &&
	test_must_be_empty out &&
	db_unchanged before
}

# id_of WHAT: the id the last command printed for "opened case N" or
# "recorded call N".
id_of() {
	sed -n "s/^$1 \\([0-9][0-9]*\\).*/\\1/p" out | head -n 1
}

# figures ID FILE: what a case's listing and show say of its state and
# money, from show --json, into FILE.
figures() {
	expect_exit 0 cl show "$1" --json &&
	jq -S "{status, escalation, next_followup, calls, last_call, amount,
	    currency, credited, outstanding}" out >"$2"
}

test_expect_success 'a credit reversed is recorded, and the outstanding amount follows the ledger' '
	while IFS="|" read -r amount credits credited outstanding; do
		expect_exit 0 cl add --org "Ledger $amount" --new-org \
			--reason billing --amount "$amount" --note opened &&
		id=$(id_of "opened case") &&
		for c in $credits; do
			expect_exit 0 cl add --case "$id" --credited "$c" \
				--note "credit $c" || return 1
		done &&
		expect_exit 0 cl show "$id" --json &&
		jq_is ".credited + \" \" + .outstanding" "$credited $outstanding" &&
		jq_is "[.calls_list[].credited | select(. != null)] | length" \
			"$(echo $credits | wc -w)" ||
		return 1
	done <<-EOF
	642.10|642.10 -200|442.10|200.00
	99.99|-10 30.01|20.01|79.98
	1,000|250 -250 -100|-100.00|1100.00
	EOF
'

test_expect_success 'a reversal in the dossier and the timeline says so' '
	expect_exit 0 cl add --org "Reversal Bank" --new-org --reason billing \
		--amount 80 --credited 80 --note "refund promised" &&
	id=$(id_of "opened case") &&
	expect_exit 0 cl add --case "$id" --credited "-\$80" --note "taken back" &&
	expect_exit 0 cl dossier "$id" --format txt &&
	out_contains "80.00 USD reversed" &&
	expect_exit 0 cl show "$id" &&
	out_contains "-80.00 USD"
'

test_expect_success 'a zero or malformed reversal is refused, nothing written' '
	refused 2 "amount" cl add --case 1 --credited -0 --note x &&
	refused 2 "amount" cl add --case 1 --credited "- -5" --note x &&
	refused 2 "amount" cl add --case 1 --credited "-abc" --note x
'

# A statement prints a reversal with its currency first ("KWD -1.250",
# "$-20"): the minus after the currency is a reversal too, at add, note
# and edit alike, and two minus signs or a minus zero are still refused.
test_expect_success 'a reversal written with its currency first is a reversal at every door' '
	expect_exit 0 cl add --org "Gulf Bank" --new-org --reason billing \
		--amount "KWD 12.500" --credited "KWD 5.250" --note opened &&
	id=$(id_of "opened case") &&
	call=$(id_of "recorded call") &&
	expect_exit 0 cl note "$id" "statement: credit reversed" \
		--credited "KWD -1.250" &&
	expect_exit 0 cl add --case "$id" --credited "KWD−0.500" --note back &&
	expect_exit 0 cl show "$id" --json &&
	jq_is ".credited + \" \" + .outstanding" "3.500 9.000" &&
	expect_exit 0 cl add --org "Dollar Bank" --new-org --reason billing \
		--amount 100 --credited 60 --note opened &&
	id=$(id_of "opened case") &&
	call=$(id_of "recorded call") &&
	expect_exit 0 cl edit --call "$call" --credited "\$-20" &&
	expect_exit 0 cl note "$id" "seen" --credited "USD - 5" &&
	expect_exit 0 cl show "$id" --json &&
	jq_is ".credited + \" \" + .outstanding" "-25.00 125.00" &&
	refused 2 "amount" cl add --case "$id" --credited "-USD -5" --note x &&
	refused 2 "amount" cl add --case "$id" --credited "USD -0" --note x &&
	refused 2 "amount" cl add --case "$id" --credited "USD 5-" --note x &&
	refused 2 "amount" cl edit "$id" --amount "USD -5"
'

test_expect_success 'note: a credit seen on a statement joins the ledger, not the contacts' '
	export CALLLOG_NOW=2026-11-10T15:00:00Z &&
	expect_exit 0 cl add --org "Delta Air Lines" --new-org --reason travel \
		--amount 318.40 --rep Kim --note "asked for the refund" &&
	id=$(id_of "opened case") &&
	CALLLOG_NOW=2026-11-12T15:00:00Z expect_exit 0 cl add --case "$id" \
		--rep Lee --note "refund confirmed" &&
	expect_exit 0 cl show "$id" --json &&
	jq_is ".calls" 2 &&
	expect_exit 0 cl note "$id" "Refund on the December statement" \
		--credited 300 --at "2026-11-20 10:00" &&
	out_contains "not counted as a contact" &&
	expect_exit 0 cl note "$id" "Letter from customer relations arrived" \
		--at "2026-11-22" &&
	expect_exit 0 cl show "$id" --json &&
	jq_is ".calls" 2 &&
	jq_is ".calls_list | length" 2 &&
	jq_is ".credited + \" \" + .outstanding" "300.00 18.40" &&
	jq_is "[.notes_list[] | .text]" "[\"Refund on the December statement\",\"Letter from customer relations arrived\"]" &&
	jq_is ".notes_list[0].credited + \" \" + .notes_list[0].at" \
		"300.00 2026-11-20T15:00:00Z" &&
	jq_is ".notes_list[1].credited" null &&
	expect_exit 0 cl open --json &&
	jq_is ".[] | select(.id == $id) | .calls" 2 &&
	expect_exit 0 cl show "$id" &&
	out_contains "Refund on the December statement" &&
	out_contains "not a contact"
'

test_expect_success 'note: in every dossier format, and the dossier still counts two contacts' '
	for f in txt md html; do
		expect_exit 0 cl dossier "$id" --format $f &&
		out_contains "Refund on the December statement" &&
		out_contains "Letter from customer relations arrived" &&
		out_contains "not a contact" &&
		tr "\n" " " <out | sed "s/  */ /g" >flat &&
		grep -q "contacted Delta Air Lines 2 times" flat || {
			echo "the $f dossier does not say 2 contacts"
			test_show_file stdout out
			return 1
		}
	done
'

test_expect_success 'note: a case with no money yet takes the credit'"'"'s currency; another is refused' '
	expect_exit 0 cl add --org "Airline EU" --new-org --reason travel \
		--note "refund asked" &&
	eu=$(id_of "opened case") &&
	expect_exit 0 cl note "$eu" "Refund seen" --credited "EUR 120.50" &&
	expect_exit 0 cl show "$eu" --json &&
	jq_is ".credited + \" \" + .currency" "120.50 EUR" &&
	refused 2 "EUR" cl note "$eu" "wrong currency" --credited "USD 5" &&
	refused 2 "amount" cl note "$eu" "bad" --credited "5.123" &&
	refused 1 "no case 999" cl note 999 "nowhere" &&
	refused 2 "text" cl note "$eu" "" &&
	refused 2 "the day after never" cl note "$eu" "when" \
		--at "the day after never"
'

test_expect_success 'note: its text passes the redaction door like a call'"'"'s notes' '
	expect_exit 0 cl note "$eu" "Card 4111 1111 1111 1111 was credited" &&
	expect_exit 0 cl show "$eu" --json &&
	jq_is "[.notes_list[].text | test(\"4111 1111 1111 1111\")] | any" false &&
	expect_exit 0 cl export &&
	! grep -q "4111 1111 1111 1111" out
'

test_expect_success 'note: history shows it, undo takes it and its credit back' '
	expect_exit 0 cl note "$id" "Second refund seen" --credited 18.40 &&
	nid=$(sed -n "s/.*(note \\([0-9]*\\)).*/\\1/p" out) &&
	expect_exit 0 cl show "$id" --json &&
	jq_is ".outstanding" "0.00" &&
	expect_exit 0 cl history "$id" &&
	out_contains "note $nid: added" &&
	expect_exit 0 cl undo &&
	out_contains "note $nid" &&
	expect_exit 0 cl show "$id" --json &&
	jq_is ".outstanding + \" \" + (.notes_list | length | tostring)" \
		"18.40 2" &&
	expect_exit 0 cl doctor
'

test_expect_success 'export and import keep notes and reversed credits without loss' '
	expect_exit 0 cl export &&
	mv out first.json &&
	jq -e "[.cases[].notes[]] | length >= 3" first.json >/dev/null &&
	jq -e "[.cases[].calls[].credited | select(. != null and startswith(\"-\"))] | length >= 3" first.json >/dev/null &&
	CALLLOG_DB=$PWD/copy.db expect_exit 0 cl import first.json &&
	out_contains " notes" &&
	CALLLOG_DB=$PWD/copy.db expect_exit 0 cl export &&
	jq -S "del(.exported)" first.json >a.json &&
	jq -S "del(.exported)" out >b.json &&
	test_cmp a.json b.json &&
	CALLLOG_DB=$PWD/copy.db expect_exit 0 cl show "$id" --json &&
	jq_is ".credited + \" \" + (.notes_list | length | tostring)" \
		"300.00 2"
'

test_expect_success 'an export from before notes (no "notes" member) still imports' '
	jq "del(.cases[].notes)" first.json >old.json &&
	CALLLOG_DB=$PWD/old.db expect_exit 0 cl import old.json
'

# newer NEW OLD WHAT: id NEW was given after OLD was deleted: it must be
# a new number, never OLD again.
newer() {
	test -n "$1" && test -n "$2" && test "$1" -gt "$2" && return 0
	echo "expected a new $3 number after $3 $2 was deleted, got '$1'"
	return 1
}

test_expect_success 'ids are never reused: the newest call and case deleted' '
	export CALLLOG_NOW=2026-12-01T15:00:00Z &&
	export CALLLOG_DB=$PWD/ids.db &&
	expect_exit 0 cl add --org Amex --reason billing --note one &&
	c1=$(id_of "opened case") && k1=$(id_of "recorded call") &&
	expect_exit 0 cl add --case "$c1" --note two &&
	k2=$(id_of "recorded call") &&
	expect_exit 0 cl add --case "$c1" --note three &&
	k3=$(id_of "recorded call") &&
	expect_exit 0 cl delete --call "$k3" &&
	expect_exit 0 cl add --case "$c1" --note four &&
	k4=$(id_of "recorded call") &&
	newer "$k4" "$k3" call &&
	expect_exit 0 cl add --org Citi --new-org --reason billing --note c &&
	c2=$(id_of "opened case") &&
	expect_exit 0 cl delete "$c2" --yes &&
	expect_exit 0 cl add --org Chase --new-org --reason billing --note c &&
	c3=$(id_of "opened case") &&
	newer "$c3" "$c2" case &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl add --org Wells --new-org --reason billing --note w &&
	newer "$(id_of "opened case")" "$c3" case
'

test_expect_success 'history N is one record; an undone delete gets its own number back' '
	export CALLLOG_DB=$PWD/ids2.db &&
	expect_exit 0 cl add --org Citi --new-org --reason billing --note c &&
	old=$(id_of "opened case") && call=$(id_of "recorded call") &&
	expect_exit 0 cl delete "$old" --yes &&
	expect_exit 0 cl add --org Chase --new-org --reason billing --note c &&
	new=$(id_of "opened case") &&
	newer "$new" "$old" case &&
	newer "$(id_of "recorded call")" "$call" call &&
	expect_exit 0 cl history "$old" --json &&
	jq_is "[.[].rows[] | (.old, .new) | objects | .org | strings] | unique" \
		"[\"Citi\"]" &&
	expect_exit 0 cl undo && expect_exit 0 cl undo &&
	expect_exit 0 cl cases --json &&
	jq_is "[.[] | [.id, .org]]" "[[$old,\"Citi\"]]" &&
	expect_exit 0 cl log --json &&
	jq_is "[.[].id]" "[$call]"
'

test_expect_success 'a note undone leaves its number unused' '
	expect_exit 0 cl note "$old" first &&
	n1=$(sed -n "s/.*(note \\([0-9]*\\)).*/\\1/p" out) &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl note "$old" again &&
	newer "$(sed -n "s/.*(note \\([0-9]*\\)).*/\\1/p" out)" "$n1" note
'

# A journal as calllog wrote it before ids were kept (schema 8), built from
# the schema files into FILE; call 7 and case 4 were deleted, so no record
# may get those numbers, and every existing id stays.
schema8() {
	for f in "$TOP"/schema/00[1-8]_*.sql; do
		cat "$f" && echo || return 1
	done >"$1" &&
	cat >>"$1" <<-\EOF
	UPDATE change_state SET change_id = 0;
	INSERT INTO cases (id, uuid, org, reason, opened_at, updated_at,
	    stage_at) VALUES
	    (2, 'a0000000-0000-4000-8000-000000000002', 'Amex', 'billing',
		1795000000, 1795000000, 1795000000),
	    (3, 'a0000000-0000-4000-8000-000000000003', 'Delta', 'travel',
		1795000000, 1795000000, 1795000000);
	INSERT INTO calls (id, uuid, case_id, started_at, notes, created_at,
	    updated_at, credited) VALUES
	    (5, 'b0000000-0000-4000-8000-000000000005', 2, 1795000000, 'x',
		1795000000, 1795000000, 10000),
	    (6, 'b0000000-0000-4000-8000-000000000006', 3, 1795000100, 'y',
		1795000100, 1795000100, NULL);
	INSERT INTO changes (id, at, command, summary) VALUES
	    (1, 1795000200, 'delete', 'deleted call 7'),
	    (2, 1795000300, 'delete', 'deleted case 4');
	INSERT INTO change_rows (change_id, tbl, row_id, case_id, op, old)
	    VALUES (1, 'calls', 7, 3, 'delete', '{}'),
		   (2, 'cases', 4, 4, 'delete', '{}');
	UPDATE change_state SET change_id = NULL;
	PRAGMA user_version = 8;
	PRAGMA application_id = 1129082727;
	EOF
}

test_expect_success 'a journal from before keeps its ids, and never gives a deleted one again' '
	export CALLLOG_DB=$PWD/old8.db &&
	schema8 schema8.sql &&
	sqlite3 -batch "$CALLLOG_DB" <schema8.sql >sqlite.out 2>&1 &&
	test_must_be_empty sqlite.out &&
	chmod 600 "$CALLLOG_DB" &&
	expect_exit 0 cl cases --json &&
	jq_is "[.[].id] | sort" "[2,3]" &&
	expect_exit 0 cl log --json &&
	jq_is "[.[].id] | sort" "[5,6]" &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".credited + \" \" + (.calls | tostring)" "100.00 1" &&
	expect_exit 0 cl add --case 3 --note z &&
	newer "$(id_of "recorded call")" 7 call &&
	expect_exit 0 cl add --org Chase --new-org --reason billing --note z &&
	newer "$(id_of "opened case")" 4 case &&
	expect_exit 0 cl doctor &&
	out_contains "schema version" &&
	expect_exit 0 cl add --case 2 --credited -40 --note reversed &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".credited" "60.00"
'

# twin_check SCENARIO: scenario lines "when|case|options" build journal
# "real" and journal "twin"; in "real", the call marked "X" is recorded on
# case A and then deleted (X:del) or moved to case B (X:mv); in "twin" it
# is recorded where it ends (nowhere, or B) in the first place.  Both
# cases must then read the same in both journals.
twin_check() {
	rm -f real.db twin.db &&
	for db in real twin; do
		CALLLOG_NOW=2026-11-02T14:00:00Z CALLLOG_DB=$PWD/$db.db \
			expect_exit 0 cl add --org Alpha --new-org --reason billing \
			--amount 500 --note "A opened" &&
		CALLLOG_NOW=2026-11-02T14:00:00Z CALLLOG_DB=$PWD/$db.db \
			expect_exit 0 cl add --org Beta --new-org --reason billing \
			--amount 500 --note "B opened" || return 1
	done &&
	xcall= &&
	while IFS="|" read -r when where opts; do
		test -n "$when" || continue
		case $where in
		X:del) real=1 twin= ;;
		X:mv) real=1 twin=2 ;;
		*) real=$where twin=$where ;;
		esac
		CALLLOG_NOW=$when CALLLOG_DB=$PWD/real.db expect_exit 0 \
			eval "cl add --case $real $opts" || return 1
		case $where in X:*) xcall=$(id_of "recorded call") ;; esac
		if test -n "$twin"; then
			CALLLOG_NOW=$when CALLLOG_DB=$PWD/twin.db \
				expect_exit 0 eval "cl add --case $twin $opts" ||
				return 1
		fi
	done <<-EOF &&
	$1
	EOF
	test -n "$xcall" &&
	case "$1" in
	*X:del*) CALLLOG_NOW=$2 CALLLOG_DB=$PWD/real.db \
		expect_exit 0 cl delete --call "$xcall" ;;
	*) CALLLOG_NOW=$2 CALLLOG_DB=$PWD/real.db \
		expect_exit 0 cl edit --call "$xcall" --case 2 ;;
	esac &&
	for c in 1 2; do
		CALLLOG_NOW=$2 CALLLOG_DB=$PWD/real.db figures $c real.$c &&
		CALLLOG_NOW=$2 CALLLOG_DB=$PWD/twin.db figures $c twin.$c &&
		test_cmp twin.$c real.$c || return 1
	done &&
	CALLLOG_DB=$PWD/real.db expect_exit 0 cl doctor
}

test_expect_success 'deleting a call: its case reads as if it had never been made' '
	unset CALLLOG_DB &&
	twin_check "
2026-11-03T15:00:00Z|1|--rep Ana --note plain
2026-11-05T15:00:00Z|X:del|--promise refund --promised-by 2026-11-25 --note promised" \
		2026-11-06T12:00:00Z &&
	twin_check "
2026-11-03T15:00:00Z|1|--outcome callback --note waiting
2026-11-04T15:00:00Z|X:del|--outcome resolved --credited 500 --note done" \
		2026-11-05T12:00:00Z &&
	twin_check "
2026-11-03T15:00:00Z|1|--note plain
2026-11-04T15:00:00Z|X:del|--outcome escalated --note supervisor" \
		2026-11-05T12:00:00Z &&
	twin_check "
2026-11-03T15:00:00Z|1|--note plain
2026-11-04T15:00:00Z|X:del|--credited -20 --rep Zed --note old
2026-11-06T15:00:00Z|1|--outcome callback --note later" \
		2026-11-07T12:00:00Z &&
	twin_check "
2026-11-03T15:00:00Z|1|--outcome callback --note plain
2026-11-04T15:00:00Z|X:del|--follow-up 2026-11-30 --note asked" \
		2026-11-05T12:00:00Z
'

test_expect_success 'moving a call: both cases read as if it had always been on the new one' '
	twin_check "
2026-11-03T15:00:00Z|1|--note a1
2026-11-03T16:00:00Z|2|--note b1
2026-11-04T15:00:00Z|X:mv|--outcome resolved --credited 500 --note done" \
		2026-11-05T12:00:00Z &&
	twin_check "
2026-11-03T15:00:00Z|2|--note b1
2026-11-04T15:00:00Z|1|--promise callback --promised-by 2026-11-20 --note a1
2026-11-05T15:00:00Z|X:mv|--outcome escalated --credited 120.55 --note up" \
		2026-11-06T12:00:00Z &&
	twin_check "
2026-11-03T15:00:00Z|X:mv|--credited 75 --note early
2026-11-04T15:00:00Z|1|--note a1
2026-11-05T15:00:00Z|2|--outcome callback --note b1" \
		2026-11-06T12:00:00Z
'

# A follow-up asked for on a call (add --follow-up) is kept with the call,
# so the case's next follow-up is worked out again exactly, whether the
# call deleted or moved was the newest activity or not.  2026-11-16 is a
# Monday, 2026-11-27 a Friday; a date alone is 09:00 (14:00Z).
test_expect_success 'a deleted or moved call: the follow-ups asked for on the others stand' '
	unset CALLLOG_DB &&
	twin_check "
2026-11-03T15:00:00Z|1|--follow-up 2026-11-16 --note monday
2026-11-04T15:00:00Z|X:del|--follow-up 2026-11-27 --note friday" \
		2026-11-05T12:00:00Z &&
	grep -q "\"next_followup\": \"2026-11-16T14:00:00Z\"" real.1 &&
	twin_check "
2026-11-03T15:00:00Z|X:del|--follow-up 2026-11-30 --note far
2026-11-04T15:00:00Z|1|--rep Ana --note later" \
		2026-11-05T12:00:00Z &&
	grep -q "\"next_followup\": \"2026-11-09T14:00:00Z\"" real.1 &&
	twin_check "
2026-11-02T15:00:00Z|2|--note b0
2026-11-03T15:00:00Z|X:mv|--follow-up 2026-11-16 --note monday
2026-11-04T15:00:00Z|1|--follow-up 2026-11-27 --note friday" \
		2026-11-05T12:00:00Z &&
	grep -q "\"next_followup\": \"2026-11-16T14:00:00Z\"" real.2 &&
	grep -q "\"next_followup\": \"2026-11-27T14:00:00Z\"" real.1 &&
	twin_check "
2026-11-03T15:00:00Z|X:mv|--follow-up 2026-11-16 --note monday
2026-11-04T15:00:00Z|2|--note b1
2026-11-05T15:00:00Z|1|--note a1" \
		2026-11-06T12:00:00Z &&
	grep -q "\"next_followup\": \"2026-11-16T14:00:00Z\"" real.2
'

test_expect_success 'a move is one change: undo puts both cases back as they were' '
	export CALLLOG_DB=$PWD/move.db &&
	expect_exit 0 cl add --org Amex --reason billing --amount 90 --note a &&
	expect_exit 0 cl add --org Visa --new-org --reason billing --amount 90 \
		--note b &&
	expect_exit 0 cl add --case 1 --outcome resolved --credited 90 \
		--ref R-77 --note "was Visa" &&
	k=$(id_of "recorded call") &&
	u=$(expect_exit 0 cl show 2 --json && jq -r .uuid out) &&
	for c in 1 2; do
		expect_exit 0 cl show $c --json && mv out before.$c || return 1
	done &&
	expect_exit 0 cl edit --call "$k" --case "$(uuid_prefix "$u" 6)" &&
	out_contains "moved call $k from case 1 to case 2" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".status + \" \" + (.calls | tostring) + \" \" + .outstanding" \
		"open 1 90.00" &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".status + \" \" + (.calls | tostring) + \" \" + .outstanding" \
		"resolved 2 0.00" &&
	expect_exit 0 cl search R-77 --json &&
	jq_is ".[0].case" 2 &&
	expect_exit 0 cl history 2 &&
	out_contains "call $k: changed" &&
	expect_exit 0 cl undo &&
	out_contains "moved call $k" &&
	for c in 1 2; do
		expect_exit 0 cl show $c --json &&
		test_cmp before.$c out || return 1
	done &&
	expect_exit 0 cl doctor
'

test_expect_success 'a move that cannot be made is refused, nothing written' '
	expect_exit 0 cl add --org Bahn --new-org --reason travel \
		--amount "EUR 40" --note e &&
	eur=$(id_of "opened case") &&
	refused 2 "currency" cl edit --call "$k" --case "$eur" &&
	refused 1 "no case 99" cl edit --call "$k" --case 99 &&
	refused 2 "valid id" cl edit --call "$k" --case 2x &&
	refused 2 "already on case" cl edit --call "$k" --case 1 &&
	refused 2 "--call" cl edit 1 --case 2 &&
	refused 1 "no call 999" cl edit --call 999 --case 2
'

test_expect_success 'doctor finds credits that do not add up, and its repair puts them right' '
	export CALLLOG_DB=$PWD/move.db &&
	expect_exit 0 cl note 2 "credit seen" --credited 5 &&
	sqlite3 -batch "$CALLLOG_DB" "UPDATE change_state SET change_id = 0;
	    UPDATE cases SET credited = 1 WHERE id = 2;
	    UPDATE change_state SET change_id = NULL" &&
	expect_exit 1 cl doctor &&
	out_contains "differ from their calls" &&
	repair=$(sed -n "s/.*run: sqlite3 [^ ]* //p" out | sed "s/^.//; s/.\$//") &&
	sqlite3 -batch "$CALLLOG_DB" "$repair" &&
	expect_exit 0 cl doctor &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".credited" "5.00"
'

# DESIGN: a purged change cannot be undone; undo says so and changes
# nothing (t0625 has the refusal's wording); the purge itself leaves the
# journal sound and the purged text gone from the file.
test_expect_success 'a purged delete or edit of a call: undo refuses, the journal stays sound' '
	export CALLLOG_DB=$PWD/purge.db CALLLOG_NOW=2026-11-02T15:00:00Z &&
	expect_exit 0 cl add --org Amex --reason billing --note first &&
	CALLLOG_NOW=2026-11-03T15:00:00Z expect_exit 0 cl add --case 1 \
		--outcome resolved --note "PIN 9988 said aloud" &&
	k=$(id_of "recorded call") &&
	CALLLOG_NOW=2026-11-04T15:00:00Z expect_exit 0 cl delete --call "$k" \
		--purge --yes &&
	out_contains "case 1 is now open" &&
	expect_exit 0 cl doctor &&
	db_snapshot p1 &&
	expect_exit 1 cl undo &&
	check_err_line "cannot undo change" &&
	db_unchanged p1 &&
	CALLLOG_NOW=2026-11-05T15:00:00Z expect_exit 0 cl edit --call 1 \
		--note "account password hunter2" &&
	CALLLOG_NOW=2026-11-05T16:00:00Z expect_exit 0 cl edit --call 1 \
		--note "clean" --purge &&
	expect_exit 0 cl doctor &&
	db_snapshot p2 &&
	expect_exit 1 cl undo &&
	db_unchanged p2 &&
	! grep -q hunter2 "$CALLLOG_DB"
'

test_done
