#!/bin/sh
# t0300: `search TEXT`, full-text search over calls and cases: what it
# finds, in which order, reference numbers, Unicode, text that looks like
# FTS5 syntax, --json and --limit, and the index kept by the schema's
# triggers (also for a journal made before the index existed).

# Before lib.sh moves into the test's directory.
SCHEMA_DIR=$(cd "$(dirname "$0")/../schema" && pwd)

. "$(dirname "$0")/lib.sh"

CALL_FIELDS='["id","uuid","case","started","channel","number","department",
	"ivr","rep","refs","hold_seconds","duration_seconds","outcome","promise",
	"promised_by","notes"]'

# The call ids of search's table on ./out, in order: "1 4 2".
calls_are() {
	_got=$(awk '/^STARTED/ { t = 1; next } t && NF { printf "%s%s", s, $3; s = " " }
	    END { print "" }' out)
	test "$_got" = "$1" && return 0
	echo "expected the table's calls to be '$1', got '$_got'"
	test_show_file stdout out
	return 1
}

# found EXPECTED TEXT...: search --json for TEXT finds the calls EXPECTED
# (a JSON array of ids, sorted), and says nothing on standard error.
found() {
	_want=$1
	shift
	expect_exit 0 cl search --json "$@" &&
	test_must_be_empty err &&
	jq_is "[.[].id] | sort" "$_want"
}

LONG_NOTES="Called about the rental car from last week. The agent checked the
contract, the fuel policy, the insurance options and the toll transponder,
then read back the return time, the mileage at pickup and at drop-off, the
damage report that was signed at the counter, the late fee schedule, the
loyalty number on file, and finally mentioned that the zephyr upgrade was
not charged. She will look at the deposit hold and the second driver fee,
and call back about the cleaning charge after the branch answers her."

test_expect_success 'set up: six cases, seven calls' '
	cl add --org amex --reason dispute --title "Skyline Tickets charge" \
		--rep "Dana Okafor" --department "Billing disputes" \
		--ref DSP-20931 --when "2026-11-10 09:00" \
		--note "Crédit temporaire promis; refund within three days" \
		>/dev/null &&
	cl add --case 1 --rep Marco --when "2026-11-12 09:00" \
		--note "line dropped; asked for a supervisor" >/dev/null &&
	cl add --org "Chase Bank" --reason account --title "Address change" \
		--rep Kim --ivr "0, representative" --promise "callback tomorrow" \
		--when "2026-11-13 09:00" \
		--note "客服 说 退款 😀 then ÉCOLE, then the cafe" >/dev/null &&
	cl add --org "Delta Air Lines" --reason travel --when "2026-11-18 09:00" \
		--note "They quoted DSP-20931 from the amex dispute by mistake" \
		>/dev/null &&
	cl add --org Comcast --reason general --title "Zephyr modem return" \
		--when "2026-11-05 09:00" >/dev/null &&
	cl add --org Verizon --reason general --ref ZEPHYR-7 \
		--when "2026-11-06 09:00" >/dev/null &&
	cl add --org Hertz --reason travel --when "2026-11-19 09:00" \
		--note "$LONG_NOTES" >/dev/null &&
	expect_exit 0 cl log --json &&
	jq_is length 7
'

test_expect_success 'words in notes, rep, department, ivr, promise, title and org are found' '
	found "[1]" refund &&
	found "[2]" supervisor &&
	found "[1]" okafor &&
	found "[1]" disputes &&
	found "[3]" representative &&
	found "[3]" callback &&
	found "[1,2]" skyline &&
	found "[3]" chase &&
	found "[1,2]" American &&
	found "[]" nothing-like-this
'

test_expect_success 'search in text: a table with the match marked by [ ]' '
	expect_exit 0 cl search refund &&
	test_must_be_empty err &&
	head -n 1 out | grep "^STARTED  *CALL  *CASE  *ORG  *MATCH" &&
	calls_are 1 &&
	grep "^2026-11-10 09:00  *1  *1  *American Express  .*\[refund\]" out &&
	expect_exit 0 cl search nothing-like-this &&
	test "$(cat out)" = "no calls match '"'"'nothing-like-this'"'"'"
'

test_expect_success 'every word must match, in one argument or several' '
	found "[1]" "refund three" &&
	found "[1]" refund three &&
	found "[]" "refund supervisor" &&
	found "[]" refund supervisor &&
	found "[2]" "line dropped" &&
	found "[2]" "  line   dropped  "
'

test_expect_success 'the last word also matches as a prefix' '
	found "[1]" refu &&
	found "[1,2]" skyl &&
	found "[2]" "line drop"
'

test_expect_success 'a reference number or title ranks above long notes that mention it' '
	expect_exit 0 cl search --json zephyr &&
	jq_is "[.[].case]" "[5,4,6]" &&
	jq_is "[.[].match] | unique" "[\"text\"]" &&
	expect_exit 0 cl search zephyr &&
	calls_are "6 5 7"
'

test_expect_success 'a reference number goes to its case, whose calls come first' '
	expect_exit 0 cl search DSP-20931 &&
	test "$(head -n 1 out)" = "reference DSP-20931 is on case 1 (American Express, billing): calllog show 1" &&
	calls_are "1 2 4" &&
	grep "^2026-11-12 09:00  *2  *1 .*DSP-20931" out &&
	expect_exit 0 cl search --json DSP-20931 &&
	jq_is "[.[].id]" "[1,2,4]" &&
	jq_is "[.[].match]" "[\"reference\",\"reference\",\"text\"]" &&
	jq_is ".[1].snippet == null" true &&
	jq_is ".[0].snippet" "[DSP-20931]"
'

test_expect_success 'a reference number in lower case, with a space or without its dash' '
	expect_exit 0 cl search dsp-20931 &&
	head -n 1 out | grep "^reference DSP-20931 is on case 1 " &&
	expect_exit 0 cl search "dsp 20931" &&
	head -n 1 out | grep "^reference DSP-20931 is on case 1 " &&
	calls_are "1 2 4" &&
	expect_exit 0 cl search --json dsp20931 &&
	jq_is "[.[].id]" "[2,1]" &&
	expect_exit 0 cl search DSP-2093 &&
	out_lacks "reference" &&
	calls_are "1 4"
'

test_expect_success 'accents are found both ways, case-insensitively' '
	found "[1]" credit &&
	found "[1]" CRÉDIT &&
	found "[1]" crédit &&
	found "[3]" école &&
	found "[3]" ecole &&
	found "[3]" café
'

test_expect_success 'a CJK word, and an emoji that matches nothing' '
	found "[3]" 退款 &&
	expect_exit 0 cl search 退款 &&
	out_contains "[退款]" &&
	found "[]" 😀 &&
	expect_exit 0 cl search 😀 &&
	out_contains "no calls match" &&
	found "[3]" "退款 😀"
'

test_expect_success 'FTS5 syntax in the text is only text, never an error' '
	for text in "\"" "*" AND OR NOT "NEAR(" "NEAR(refund supervisor)" "-" \
		"fraud AND" "refund AND" "AND refund" "NOT refund" "(" ")" ":" \
		"^" "notes:refund" "refund\"" "\"refund" "refund*" "{refund}" \
		"'"'"'" "refund OR supervisor" "+refund" "\"\""
	do
		expect_exit 0 cl search -- "$text" &&
		test_must_be_empty err &&
		expect_exit 0 cl search --json -- "$text" &&
		test_must_be_empty err &&
		jq_is type array || return 1
	done &&
	found "[1]" "refund\"" &&
	found "[1]" "(refund)" &&
	found "[]" "refund AND" &&
	found "[1]" -- -refund
'

test_expect_success 'search --json: the fields of show'"'"'s calls_list, plus org and snippet' '
	expect_exit 0 cl search --json skyline &&
	jq_is "[.[] | $CALL_FIELDS + [\"org\", \"snippet\", \"match\"] - keys | length] | add" 0 &&
	jq_is "[.[].org] | unique" "[\"American Express\"]" &&
	jq_is "[.[].snippet | test(\"\\\\[Skyline\\\\]\")] | unique" "[true]" &&
	jq -S "[.[] | del(.org, .snippet, .match)] | sort_by(.id)" out >from-search &&
	expect_exit 0 cl show 1 --json &&
	jq -S "[.calls_list[]] | sort_by(.id)" out >from-show &&
	test_cmp from-show from-search
'

test_expect_success 'search --limit N: the N best' '
	expect_exit 0 cl search --json --limit 2 zephyr &&
	jq_is "[.[].case]" "[5,4]" &&
	expect_exit 0 cl search --limit 1 zephyr &&
	calls_are 6 &&
	expect_exit 0 cl search --json --limit 1 DSP-20931 &&
	jq_is "[.[].id]" "[1]" &&
	expect_exit 2 cl search --limit 0 zephyr &&
	check_err_line "--limit" &&
	expect_exit 2 cl search --limit x zephyr &&
	check_err_line "--limit"
'

test_expect_success 'an empty or blank TEXT is bad usage' '
	expect_exit 2 cl search "" &&
	check_err_line "nothing to search for" &&
	expect_exit 2 cl search "   " "	" &&
	check_err_line "nothing to search for" &&
	expect_exit 2 cl search --json "" &&
	check_err_line "nothing to search for" &&
	test_must_be_empty out &&
	expect_exit 2 cl search &&
	check_err_line "missing argument"
'

test_expect_success 'a search leaves the database unchanged' '
	db_snapshot before &&
	cl search refund >/dev/null &&
	cl search --json DSP-20931 >/dev/null &&
	cl search "\"" >/dev/null &&
	db_unchanged before
'

test_expect_success 'a resolved case'"'"'s calls are still found' '
	expect_exit 0 cl resolve 2 --note "address updated" &&
	expect_exit 0 cl show 2 --json &&
	jq_is .status resolved &&
	found "[3]" école
'

test_expect_success 'a new title finds the case'"'"'s calls, old and new' '
	expect_exit 0 cl add --case 4 --title "Gateway router return" \
		--when "2026-11-20 08:00" --note "sent it back" &&
	found "[5,8]" gateway &&
	found "[6,7]" zephyr &&
	found "[8]" "router sent"
'

# FTS5's own check that the index and the text it holds agree.
INTEGRITY="INSERT INTO call_search (call_search) VALUES ('integrity-check')"

test_expect_success 'the index agrees with its content after all that' '
	sqlite3 "$CALLLOG_DB" "$INTEGRITY" &&
	test "$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM call_search")" = 8
'

test_expect_success 'without --limit every match is listed' '
	i=0 &&
	while test $i -lt 40
	do
		i=$((i + 1)) &&
		cl --db big.db add --org "Org $i" --reason general \
			--note "widget number $i" >/dev/null || return 1
	done &&
	expect_exit 0 cl --db big.db search --json widget &&
	jq_is length 40 &&
	expect_exit 0 cl --db big.db search widget &&
	test "$(grep -c "\[widget\]" out)" = 40
'

# 300 calls that mention "gizmo" in their notes, recorded after the one
# call whose title names it (which bm25 ranks first).
cat >many-gizmos.sql <<\EOF
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO calls (uuid, case_id, started_at, notes, created_at, updated_at)
SELECT lower(hex(randomblob(16))), 2, 1763000000 + i,
    'the gizmo again, try ' || i, 1763000000 + i, 1763000000 + i FROM n;
EOF

test_expect_success 'with --limit, the best of the newest matches; without, the best of all' '
	cl --db many.db add --org Acme --reason general --title "Gizmo recall" \
		--when "2026-11-01 09:00" >/dev/null &&
	cl --db many.db add --org Acme --reason general --note "first try" \
		--when "2026-11-02 09:00" >/dev/null &&
	sqlite3 "$TRASH/many.db" <many-gizmos.sql &&
	expect_exit 0 cl --db many.db search --json gizmo &&
	jq_is length 301 &&
	jq_is ".[0].id" 1 &&
	expect_exit 0 cl --db many.db search --json --limit 5 gizmo &&
	jq_is length 5 &&
	jq_is "[.[].id | select(. < 53)]" "[]" &&
	expect_exit 0 cl --db many.db search --limit 5 gizmo &&
	test "$(grep -c "\[gizmo\]" out)" = 5 &&
	out_lacks "Gizmo recall" &&
	expect_exit 0 cl --db many.db search --json --limit 300 gizmo &&
	jq_is length 300 &&
	jq_is ".[0].id" 1
'

test_expect_success 'an organization alias finds the organization (amex, axp)' '
	found "[1,2,4]" amex &&
	found "[1,2,4]" AMEX &&
	found "[1,2]" axp &&
	found "[1,2]" "amex skyline" &&
	found "[1,2]" "skyline amex" &&
	found "[]" "amex nothing-like-this"
'

# A journal of schema 1, as calllog 0.1 left it: the migration to schema 2
# must index what was already there.
cat >old-rows.sql <<\EOF
PRAGMA user_version = 1;
INSERT INTO cases (id, uuid, org, reason, title, opened_at, updated_at,
    stage_at) VALUES (1, 'u-case-1', 'Citibank', 'billing',
    'Duplicate annual fee', 1763000000, 1763000000, 1763000000);
INSERT INTO calls (id, uuid, case_id, started_at, rep, notes, created_at,
    updated_at) VALUES (1, 'u-call-1', 1, 1763000000, 'Priya',
    'waived the quokka surcharge', 1763000000, 1763000000);
INSERT INTO call_refs (call_id, pos, ref) VALUES (1, 0, 'CB-7781');
EOF

# What another program (the import to come, or sqlite3 itself) writes
# once the index exists.
cat >other-writer.sql <<\EOF
INSERT INTO calls (id, uuid, case_id, started_at, notes, created_at,
    updated_at) VALUES (2, 'u-call-2', 1, 1763100000, 'the wombat form',
    1763100000, 1763100000);
INSERT INTO call_refs (call_id, pos, ref) VALUES (2, 0, 'XR-1');
UPDATE calls SET notes = 'waived the numbat surcharge' WHERE id = 1;
UPDATE cases SET org = 'Citi' WHERE id = 1;
EOF

test_expect_success 'a journal from before the index: its calls are found' '
	cat "$SCHEMA_DIR/001_journal.sql" old-rows.sql | sqlite3 old.db &&
	test "$(sqlite3 old.db "PRAGMA user_version")" = 1 &&
	expect_exit 0 cl --db old.db search --json quokka &&
	jq_is "[.[].id]" "[1]" &&
	jq_is ".[0].org" Citibank &&
	jq_is ".[0].refs" "[\"CB-7781\"]" &&
	test "$(sqlite3 old.db "PRAGMA user_version")" -ge 2 &&
	expect_exit 0 cl --db old.db search "annual fee" &&
	calls_are 1 &&
	expect_exit 0 cl --db old.db search cb-7781 &&
	head -n 1 out | grep "^reference CB-7781 is on case 1 (Citibank, billing)"
'

test_expect_success 'rows another program writes are indexed by the triggers' '
	sqlite3 old.db <other-writer.sql &&
	expect_exit 0 cl --db old.db search --json wombat &&
	jq_is "[.[].id]" "[2]" &&
	expect_exit 0 cl --db old.db search --json xr-1 &&
	jq_is "[.[].id]" "[2,1]" &&
	jq_is "[.[].match] | unique" "[\"reference\"]" &&
	expect_exit 0 cl --db old.db search --json quokka &&
	jq_is . "[]" &&
	expect_exit 0 cl --db old.db search --json numbat &&
	jq_is "[.[].id]" "[1]" &&
	expect_exit 0 cl --db old.db search --json citi &&
	jq_is "[.[].id] | sort" "[1,2]" &&
	expect_exit 0 cl --db old.db search --json citibank &&
	jq_is . "[]" &&
	sqlite3 old.db "DELETE FROM call_refs WHERE call_id = 2;
	    DELETE FROM calls WHERE id = 2" &&
	expect_exit 0 cl --db old.db search --json wombat &&
	jq_is . "[]" &&
	sqlite3 old.db "$INTEGRITY"
'

test_done
