#!/bin/sh
# export writes the whole journal as JSON that import reads back without
# loss, and its calls as RFC 4180 CSV; import checks everything before it
# writes anything, redacts like add, and on bad input names the record and
# field and imports nothing.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! test -x "$PY"; then
	test_bail "the CSV tests need $PY (Debian's python3)"
fi

# Every kind of text that breaks naive writers: accents, CJK, emoji,
# quotes, commas, semicolons, and newlines where free text allows them.
ORG='Crédit "Mutuel", 東京; 🏦'
TITLE='Frais "inconnus", 料金; 💳 ça'
DEPT='Litiges, "niveau 2"; 客服'
IVR='0, "représentant"; 2'
REP='Zoë "Z" Ōtani, ID 7; 🙂'
PROMISE='remboursement, "sous 5 jours"; 返金'
NOTE1='première ligne, "citée"; 東京
deuxième ligne 🎉, fin'
NOTE2='a "quote", a comma; a semicolon
and a line, in 日本語'
ESC_NOTE='trois appels, "rien"; 三
vraiment'

A=$TRASH/a.db
B=$TRASH/b.db
OTHER=$TRASH/other.db

test_expect_success 'a journal with every field, in every script' '
	expect_exit 0 cl add --org "$ORG" --reason dispute --title "$TITLE" \
	    --account 1234 --number 1-800-528-2122 --department "$DEPT" \
	    --ivr "$IVR" --rep "$REP" --ref "DSP-1, \"a\"; b" --ref "参照-2" \
	    --when "2026-11-10 09:30" --duration 34m --hold 18m \
	    --outcome follow-up --promise "$PROMISE" --promised-by 2026-11-14 \
	    --note "$NOTE1" &&
	expect_exit 0 cl add --case 1 --when "2026-11-12 10:00" --channel chat \
	    --inbound --rep "$REP" --note "$NOTE2" --outcome escalated &&
	expect_exit 0 cl followup 1 2026-11-27 --note "$ESC_NOTE" &&
	expect_exit 0 cl add --org amex --reason lost --title "carte perdue, «vite»" \
	    --number +442079460958 --outcome resolved --note "$NOTE2" &&
	expect_exit 0 cl reopen 2 --note "$ESC_NOTE" &&
	expect_exit 0 cl add --case 2 --outcome callback --ref "R;3" &&
	expect_exit 0 cl add --org "$ORG" --reason travel --note "$NOTE1" &&
	expect_exit 0 cl resolve 3 --note "$ESC_NOTE" &&
	expect_exit 0 cl escalate 1 --note "$ESC_NOTE" &&
	expect_exit 0 cl numbers add "$ORG" claims 1-800-555-0199 \
	    --note "after 6pm, \"collect\"; 夜" &&
	# Marking a reminder sent needs a notification server (t0100 does
	# that for real); the row is what matters here.
	sqlite3 "$CALLLOG_DB" "INSERT INTO reminders_sent VALUES
	    (1, '"'"'followup'"'"', 1795000000, 1795000100)" &&
	cl backup "$A" >/dev/null &&
	expect_exit 0 cl show 1 --json &&
	jq_is "[.events[].kind] | sort" "[\"escalate\",\"escalate\",\"followup\"]"
'

test_expect_success 'export --json: one document, every record and field' '
	expect_exit 0 cl export &&
	test_must_be_empty err &&
	cp out a.json &&
	jq_is ".format, .version, .exported" "calllog-export${LF}1${LF}2026-11-20T15:00:00Z" &&
	jq_is "[.cases[].id]" "[1,2,3]" &&
	jq_is "[.cases[].calls | length] | add" 5 &&
	jq_is ".cases[0].title" "$TITLE" &&
	jq_is ".cases[0].calls[0].notes" "$NOTE1" &&
	jq_is ".cases[0].calls[0].refs" "[\"DSP-1, \\\"a\\\"; b\",\"参照-2\"]" &&
	jq_is ".cases[0].calls[1].direction" inbound &&
	jq_is ".cases[0] | [.priority, .followup_seq > 0, (.stage_at | type)]" \
	    "[\"normal\",true,\"string\"]" &&
	jq_is ".cases[2] | [.status, .resolution]" "[\"resolved\",$(jq -n --arg s "$ESC_NOTE" "\$s" -c)]" &&
	jq_is "[.cases[].events[].kind] | sort" \
	    "[\"escalate\",\"escalate\",\"followup\",\"reopen\",\"resolve\"]" &&
	jq_is ".cases[0].events[0] | keys" \
	    "[\"at\",\"due\",\"id\",\"kind\",\"level\",\"note\",\"updated\",\"uuid\"]" &&
	jq_is ".directory | length" 1 &&
	jq_is ".reminders_sent[0].case_uuid == .cases[0].uuid" true
'

test_expect_success 'import into an empty journal keeps every id' '
	expect_exit 0 cl --db "$B" import a.json &&
	out_contains "imported 3 cases, 5 calls" &&
	test_must_be_empty err
'

test_expect_success 'show --json of every case is the same after the round trip' '
	for id in 1 2 3; do
		cl --db "$A" show $id --json >a.show &&
		cl --db "$B" show $id --json >b.show &&
		test_cmp a.show b.show || return 1
	done
'

test_expect_success 'open --json and log --json are the same too' '
	cl --db "$A" open --json >a.open && cl --db "$B" open --json >b.open &&
	test_cmp a.open b.open &&
	cl --db "$A" log --json >a.log && cl --db "$B" log --json >b.log &&
	test_cmp a.log b.log &&
	test "$(jq length a.log)" = 5
'

test_expect_success 'exporting the imported journal gives the same file but the time' '
	CALLLOG_NOW=2026-12-24T08:00:00Z cl --db "$B" export >b.json &&
	test "$(jq -r .exported a.json)" = 2026-11-20T15:00:00Z &&
	test "$(jq -r .exported b.json)" = 2026-12-24T08:00:00Z &&
	jq "del(.exported)" a.json >a.rest && jq "del(.exported)" b.json >b.rest &&
	test_cmp a.rest b.rest
'

test_expect_success 'export -o writes the same document to a private file' '
	expect_exit 0 cl export -o "$TRASH/file.json" &&
	test_must_be_empty out &&
	mode_is 600 "$TRASH/file.json" &&
	test_cmp a.json "$TRASH/file.json"
'

test_expect_success 'export -o replaces by renaming: a hard link keeps the old text' '
	echo "an old export" >"$TRASH/file.json" &&
	ln "$TRASH/file.json" "$TRASH/file-link" &&
	expect_exit 0 cl export -o "$TRASH/file.json" &&
	test_cmp a.json "$TRASH/file.json" &&
	test "$(cat "$TRASH/file-link")" = "an old export"
'

# check_csv FILE JSON: the CSV has the header of the issue, one row per
# call, and each text field as the JSON export has it, but for a field a
# spreadsheet would run as a formula (=, +, -, @, tab, CR first), which
# is made inert with a single quote before it (OWASP).
check_csv() {
	"$PY" - "$1" "$2" <<-\EOF
	import csv, json, sys
	raw = open(sys.argv[1], "rb").read()
	assert raw.endswith(b"\r\n"), "rows end in CRLF"
	assert raw.split(b"\n")[0].endswith(b"\r"), "the header ends in CRLF"
	rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
	header = ("call_id call_uuid case_id case_uuid org reason title status "
	    "started started_local channel direction number department ivr rep "
	    "refs hold_seconds duration_seconds outcome promise promised_by "
	    "notes amount credited currency").split()
	assert rows[0] == header, rows[0]
	doc = json.load(open(sys.argv[2], encoding="utf-8"))
	calls = [(c, k) for c in doc["cases"] for k in c["calls"]]
	assert len(rows) - 1 == len(calls), (len(rows), len(calls))
	for row, (c, k) in zip(rows[1:], calls):
	    r = dict(zip(header, row))
	    want = {"call_id": str(k["id"]), "call_uuid": k["uuid"],
	        "case_id": str(c["id"]), "org": c["org"], "title": c["title"] or "",
	        "started": k["started"], "number": k["number"] or "",
	        "department": k["department"] or "", "ivr": k["ivr"] or "",
	        "rep": k["rep"] or "", "refs": "; ".join(k["refs"]),
	        "promise": k["promise"] or "", "notes": k["notes"] or "",
	        "hold_seconds": "" if k["hold_seconds"] is None else str(k["hold_seconds"]),
	        "amount": c.get("amount") or "", "credited": k.get("credited") or "",
	        "currency": c.get("currency") or ""}
	    for f, v in want.items():
	        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
	            v = "'" + v
	        assert r[f] == v, (f, r[f], v)
	print(len(rows) - 1)
	EOF
}

test_expect_success 'export --format csv: RFC 4180, read back by python csv' '
	expect_exit 0 cl export --format csv &&
	test_must_be_empty err &&
	test "$(check_csv out a.json)" = 5 &&
	grep -q "^1,.*,2026-11-10 09:30," out
'

test_expect_success 'a field with a comma, a quote and a newline round-trips' '
	cl export --format csv >calls.csv &&
	"$PY" -c "import csv,sys; r=list(csv.DictReader(open(\"calls.csv\",newline=\"\"))); sys.stdout.write(r[0][\"notes\"])" >got &&
	printf "%s" "$NOTE1" >want &&
	test_cmp want got
'

test_expect_success 'export --format with anything else is bad usage' '
	expect_exit 2 cl export --format xml &&
	check_err_line "--format" &&
	test_must_be_empty out
'

# A journal with a case of its own, for the bad files to bounce off.
test_expect_success 'another journal, not empty' '
	expect_exit 0 cl --db "$OTHER" add --org chase --reason general --note keep
'

# bad_import NAME MESSAGE: importing NAME.json into the other journal exits
# 2 with one line containing MESSAGE and changes nothing; into a journal
# that did not exist it leaves no file behind.
bad_import() {
	db_snapshot before "$OTHER" &&
	expect_exit 2 cl --db "$OTHER" import "$1.json" &&
	check_err_line "import $1.json: $2" &&
	test_must_be_empty out &&
	db_unchanged before "$OTHER" &&
	expect_exit 2 cl --db "$TRASH/new-$1.db" import "$1.json" &&
	check_err_line "$2" &&
	test_path_is_missing "$TRASH/new-$1.db"
}

test_expect_success 'truncated JSON: exit 2, where it stopped' '
	head -c 900 a.json >truncated.json &&
	bad_import truncated "not valid JSON at line"
'

test_expect_success 'a wrong type names the record and field' '
	jq ".cases[2].calls[0].duration_seconds = \"1h\"" a.json >wrongtype.json &&
	bad_import wrongtype "cases[2].calls[0].duration_seconds: expected a whole number"
'

test_expect_success 'an unknown field is refused' '
	jq ".cases[1].calls[1].mood = \"fine\"" a.json >unknown.json &&
	bad_import unknown "cases[1].calls[1].mood: unknown field"
'

test_expect_success 'a missing field is refused' '
	jq "del(.cases[0].events[1].note)" a.json >missing.json &&
	bad_import missing "cases[0].events[1].note: missing"
'

test_expect_success 'an enum takes only the stored names, not add aliases' '
	jq ".cases[1].reason = \"stolen\"" a.json >badenum.json &&
	bad_import badenum "cases[1].reason: unknown reason '"'"'stolen'"'"'"
'

test_expect_success 'a uuid twice in the file names both records' '
	jq ".cases[2].calls[0].uuid = .cases[0].calls[1].uuid" a.json >twice.json &&
	bad_import twice "cases[2].calls[0].uuid: the same uuid as cases[0].calls[1]"
'

test_expect_success 'a uuid already in the journal names the record there' '
	jq ".cases[1].uuid = \"$(sqlite3 "$OTHER" "SELECT uuid FROM cases")\"" \
	    a.json >taken.json &&
	db_snapshot before "$OTHER" &&
	expect_exit 2 cl --db "$OTHER" import taken.json &&
	check_err_line "cases[1].uuid: " &&
	grep -q "already in the journal, as case 1" err &&
	db_unchanged before "$OTHER"
'

test_expect_success 'invalid UTF-8 is refused' '
	printf "{\"format\": \"calllog-export\", \"version\": 1, \"cases\": [{\"org\": \"caf\351\"}]}" >badutf8.json &&
	bad_import badutf8 "not valid JSON at line 1, column"
'

test_expect_success 'a note over add'"'"'s limit is refused' '
	jq ".cases[0].calls[1].notes = (\"x\" * 65537)" a.json >bignote.json &&
	bad_import bignote "cases[0].calls[1].notes is too long (65537 bytes, at most 65536)"
'

test_expect_success 'a one-line field with a newline is refused' '
	jq ".cases[0].calls[0].rep = \"two\\nlines\"" a.json >newline.json &&
	bad_import newline "cases[0].calls[0].rep contains a control character"
'

test_expect_success 'a time that is not UTC ISO 8601 is refused' '
	jq ".cases[0].calls[0].promised_by = \"tomorrow\"" a.json >badtime.json &&
	bad_import badtime "cases[0].calls[0].promised_by: cannot read time" &&
	jq ".cases[1].opened = \"2026-02-30T10:00:00Z\"" a.json >badday.json &&
	bad_import badday "cases[1].opened: cannot read time"
'

test_expect_success 'a number that is not E.164 is refused' '
	jq ".directory[0].number = \"1-800-555-0199\"" a.json >badnumber.json &&
	bad_import badnumber "directory[0].number: "
'

test_expect_success 'a reminder about a case not in the file is refused' '
	jq ".reminders_sent[0].case_uuid = .cases[0].calls[0].uuid" a.json \
	    >orphan.json &&
	bad_import orphan "reminders_sent[0].case_uuid: no case in the file"
'

test_expect_success 'an object with a key twice is refused' '
	sed "0,/\"org\": /s//\"org\": \"x\", \"org\": /" a.json >dupkey.json &&
	bad_import dupkey "not valid JSON"
'

test_expect_success 'version 2 is refused with what to do' '
	jq ".version = 2" a.json >v2.json &&
	bad_import v2 "version: 2 is from a newer calllog" &&
	grep -q "upgrade calllog" err
'

test_expect_success 'a file that is not an export is refused' '
	echo "[]" >array.json &&
	bad_import array "not a calllog export"
'

test_expect_success 'a missing file is a failure (exit 1), nothing created' '
	expect_exit 1 cl --db "$TRASH/none.db" import nosuch.json &&
	check_err_line "cannot read '"'"'nosuch.json'"'"'" &&
	test_path_is_missing "$TRASH/none.db"
'

test_expect_success 'importing the same file twice fails on the uuids, changes nothing' '
	db_snapshot before "$B" &&
	expect_exit 2 cl --db "$B" import a.json &&
	check_err_line "cases[0].uuid: " &&
	grep -q "already in the journal" err &&
	db_unchanged before "$B"
'

test_expect_success 'import redacts a card number in notes and says so' '
	jq ".cases[1].calls[0].notes = \"read 4111 1111 1111 1111 to them\"" \
	    a.json >card.json &&
	expect_exit 0 cl --db "$TRASH/card.db" import card.json &&
	check_err_line "removed before storing: a card number" &&
	grep -q "cases\[1\].calls\[0\].notes" err &&
	expect_exit 0 cl --db "$TRASH/card.db" show 2 --json &&
	jq_is ".calls_list[0].notes" "read card ending 1111 to them" &&
	! grep -a -q "4111 1111 1111 1111" "$TRASH/card.db"
'

test_expect_success 'into a journal that is not empty: new ids, same records' '
	jq "(.. | objects | select(has(\"uuid\")) | .uuid) |= (\"f\" + .[1:])
	    | .reminders_sent[].case_uuid |= (\"f\" + .[1:])
	    | .directory = []" a.json >fresh.json &&
	expect_exit 0 cl --db "$OTHER" import - <fresh.json &&
	out_contains "imported 3 cases, 5 calls" &&
	out_contains "cases 2 to 4" &&
	cl --db "$A" show 1 --json >a.show &&
	expect_exit 0 cl --db "$OTHER" show 2 --json &&
	jq_is "[.id, ([.calls_list[].case] | unique)]" "[2,[2]]" &&
	jq "del(.id, .uuid, .calls_list[].id, .calls_list[].uuid,
	    .calls_list[].case, .events[].uuid, .promises[].call)" a.show >a.norm &&
	jq "del(.id, .uuid, .calls_list[].id, .calls_list[].uuid,
	    .calls_list[].case, .events[].uuid, .promises[].call)" out >b.norm &&
	test_cmp a.norm b.norm &&
	test "$(sqlite3 "$OTHER" "SELECT case_id FROM reminders_sent")" = 2
'

test_done
