#!/bin/sh
# t0060: the figures each case keeps from its calls (schema/004_summary.sql:
# count, calls this stage, last call, newest number, representative and
# promise, references).  Every writer must keep them equal to what the
# calls say: calllog's commands, import, another program writing with
# sqlite3, and the migration of an older journal.  The oracle below is
# written independently of the schema's view, so a mistake in one is not
# hidden by the same mistake in the other.
SCHEMA_DIR=$(cd "$(dirname "$0")/../schema" && pwd)
. "$(dirname "$0")/lib.sh"

cat >oracle.sql <<\EOF
WITH ranked AS (
	SELECT k.*, row_number() OVER (PARTITION BY case_id
	    ORDER BY started_at DESC, id DESC) AS rn FROM calls k),
firsts AS (
	SELECT k.case_id, r.ref, min(printf('%020d %020d %06d',
	    k.started_at, k.id, r.pos)) AS seen
	FROM calls k JOIN call_refs r ON r.call_id = k.id
	GROUP BY k.case_id, r.ref)
SELECT 'case ' || c.id || ' is stale' FROM cases c WHERE
	c.ncalls <> (SELECT count(*) FROM ranked WHERE case_id = c.id)
	OR c.stage_calls <> (SELECT count(*) FROM ranked
	    WHERE case_id = c.id AND started_at >= c.stage_at)
	OR c.last_call_at IS NOT (SELECT started_at FROM ranked
	    WHERE case_id = c.id AND rn = 1)
	OR c.last_number IS NOT (SELECT number FROM ranked
	    WHERE case_id = c.id AND number IS NOT NULL ORDER BY rn LIMIT 1)
	OR c.last_rep IS NOT (SELECT rep FROM ranked
	    WHERE case_id = c.id AND rep IS NOT NULL ORDER BY rn LIMIT 1)
	OR c.last_promise IS NOT (SELECT promise FROM ranked
	    WHERE case_id = c.id AND coalesce(promise, promised_by) IS NOT NULL
	    ORDER BY rn LIMIT 1)
	OR c.last_promised_by IS NOT (SELECT promised_by FROM ranked
	    WHERE case_id = c.id AND coalesce(promise, promised_by) IS NOT NULL
	    ORDER BY rn LIMIT 1)
	OR c.refs IS NOT (SELECT group_concat(ref, char(31)) FROM
	    (SELECT ref FROM firsts WHERE case_id = c.id ORDER BY seen));
EOF

# figures_true [DB]: every case of DB agrees with the oracle, and there is
# at least one case, so that an empty journal cannot pass.
figures_true() {
	_db=${1:-$CALLLOG_DB}
	_stale=$(sqlite3 -batch "$_db" <oracle.sql) || return 1
	if test -n "$_stale"; then
		echo "$_stale"
		sqlite3 -batch "$_db" "SELECT id, ncalls, stage_calls,
		    last_call_at, last_number, last_rep, last_promise,
		    last_promised_by, replace(refs, char(31), ',') FROM cases"
		return 1
	fi
	test "$(sqlite3 "$_db" "SELECT count(*) FROM cases")" -gt 0
}

# figures ID: the stored figures of case ID, references joined by commas.
figures() {
	sqlite3 -batch "$CALLLOG_DB" "SELECT ncalls, stage_calls, last_number,
	    last_rep, last_promise, replace(refs, char(31), ',')
	    FROM cases WHERE id = $1"
}

test_expect_success 'a new case: one call, its number, rep and references' '
	expect_exit 0 cl add --org amex --reason dispute --title "Skyline" \
		--number 800-555-0101 --rep Ann --ref A-1 --when -3d &&
	test "$(figures 1)" = "1|1|+18005550101|Ann||A-1" &&
	figures_true
'

test_expect_success 'the newest call by time wins, not the newest written' '
	expect_exit 0 cl add --case 1 --rep Bob --ref B-2 --ref A-1 \
		--promise "refund the charge" --promised-by +2d --when -1d &&
	# Written last, but made before the call with Bob.
	expect_exit 0 cl add --case 1 --number 800-555-0199 --rep Cy \
		--ref C-3 --when -2d &&
	test "$(figures 1)" = \
		"3|3|+18005550199|Bob|refund the charge|A-1,C-3,B-2" &&
	figures_true &&
	expect_exit 0 cl show 1 --json &&
	jq_is .calls 3 &&
	jq_is "(.calls_list | map(.started) | max) == .last_call" true
'

test_expect_success 'escalating starts a stage: its calls are counted afresh' '
	expect_exit 0 cl escalate 1 &&
	test "$(figures 1 | cut -d"|" -f1-2)" = "3|0" &&
	expect_exit 0 cl add --case 1 --rep Dee &&
	test "$(figures 1 | cut -d"|" -f1-2,4)" = "4|1|Dee" &&
	# A day on, so that the reopened stage begins after the last call
	# (a call made at the very moment a stage begins belongs to it).
	CALLLOG_NOW=2026-11-21T15:00:00Z &&
	expect_exit 0 cl resolve 1 &&
	expect_exit 0 cl reopen 1 &&
	test "$(figures 1 | cut -d"|" -f1-2)" = "4|0" &&
	figures_true
'

test_expect_success 'calendars and reminders show the kept figures' '
	expect_exit 0 cl followup 1 +1d &&
	expect_exit 0 cl ical &&
	# Unfold before looking, as a calendar reader does.
	tr -d "\r" <out | sed -e ":a;N;\$!ba;s/\n //g" >unfolded &&
	grep -q "Last spoke to: Dee" unfolded &&
	grep -q "Reference numbers: A-1\\\\, C-3\\\\, B-2" unfolded &&
	grep -q "Call: 1-800-555-0199" unfolded
'

test_expect_success 'another program moves and deletes calls: the triggers follow' '
	expect_exit 0 cl add --org chase --reason billing --rep Eve --ref E-5 &&
	sqlite3 "$CALLLOG_DB" "UPDATE calls SET case_id = 2 WHERE rep = '\''Bob'\''" &&
	figures_true &&
	test "$(figures 2 | cut -d"|" -f1,4,6)" = "2|Eve|B-2,A-1,E-5" &&
	sqlite3 "$CALLLOG_DB" "PRAGMA foreign_keys = ON; DELETE FROM calls WHERE rep = '\''Cy'\''" &&
	figures_true &&
	sqlite3 "$CALLLOG_DB" "UPDATE call_refs SET ref = '\''Z-9'\'' WHERE ref = '\''A-1'\''" &&
	figures_true &&
	sqlite3 "$CALLLOG_DB" "DELETE FROM call_refs WHERE ref = '\''E-5'\''" &&
	figures_true &&
	test "$(figures 2 | cut -d"|" -f6)" = "B-2,Z-9"
'

test_expect_success 'import rebuilds the figures of what it brings' '
	expect_exit 0 cl export --format json &&
	mv out journal.json &&
	expect_exit 0 cl --db copy.db import journal.json &&
	figures_true copy.db &&
	expect_exit 0 cl open --json &&
	mv out open-before.json &&
	expect_exit 0 cl --db copy.db open --json &&
	cmp open-before.json out
'

test_expect_success 'doctor finds stale figures, and its fix works' '
	expect_exit 0 cl doctor &&
	out_contains "ok: case figures match their calls" &&
	sqlite3 "$CALLLOG_DB" "UPDATE cases SET ncalls = 40, refs = NULL" &&
	expect_exit 1 cl doctor &&
	out_contains "the call figures of 2 cases (case 1 first) differ" &&
	fix=$(sed -n "s/.*differ from their calls; run: //p" out) &&
	test -n "$fix" &&
	eval "$fix" &&
	figures_true &&
	expect_exit 0 cl doctor
'

# A journal of schema 3, as calllog left it before the figures were kept:
# two cases, three calls, references on two of them.
cat >v3-rows.sql <<\EOF
PRAGMA user_version = 3;
INSERT INTO cases (id, uuid, org, reason, title, opened_at, updated_at,
    stage_at, escalation) VALUES
    (1, 'u-case-1', 'Citibank', 'billing', 'Annual fee', 1763000000,
     1763000000, 1763050000, 'supervisor'),
    (2, 'u-case-2', 'Delta', 'travel', 'Cancelled flight', 1763000000,
     1763000000, 1763000000, 'none');
INSERT INTO calls (id, uuid, case_id, started_at, number, rep, promise,
    created_at, updated_at) VALUES
    (1, 'u-call-1', 1, 1763000000, '+18009504311', 'Priya', 'waive it',
     1763000000, 1763000000),
    (2, 'u-call-2', 1, 1763100000, NULL, 'Sam', NULL, 1763100000,
     1763100000),
    (3, 'u-call-3', 2, 1763000500, '+18002211212', NULL, NULL, 1763000500,
     1763000500);
INSERT INTO call_refs (call_id, pos, ref) VALUES
    (1, 0, 'CB-7781'), (2, 0, 'CB-9000'), (2, 1, 'CB-7781');
EOF

test_expect_success 'a journal from before the figures gets them on first use' '
	cat "$SCHEMA_DIR/001_journal.sql" "$SCHEMA_DIR/002_search.sql" \
		"$SCHEMA_DIR/003_speed.sql" v3-rows.sql | sqlite3 v3.db &&
	test "$(sqlite3 v3.db "PRAGMA user_version")" = 3 &&
	expect_exit 0 cl --db v3.db open --json &&
	jq_is "[.[] | [.id, .calls]]" "[[2,1],[1,2]]" &&
	test "$(sqlite3 v3.db "PRAGMA user_version")" -ge 4 &&
	figures_true v3.db &&
	test "$(sqlite3 v3.db "SELECT stage_calls, last_number, last_rep,
	    last_promise, replace(refs, char(31), \",\") FROM cases
	    WHERE id = 1")" = "1|+18009504311|Sam|waive it|CB-7781,CB-9000"
'

test_done
