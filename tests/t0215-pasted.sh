#!/bin/sh
# Card numbers, SSNs and security codes as people paste them (the table in
# tests/data/pasted-forms.tsv) reach no file calllog writes — the journal,
# its WAL, a backup, an export — whichever way they come in: add, numbers
# add, import or the guided call; the last four digits are kept.  Real
# references are kept as given.  Redaction happens before the write lock
# is waited for.
TESTDIR=$(cd "$(dirname "$0")" && pwd)
DRIVE="/usr/bin/python3 $TESTDIR/pty-drive.py"
. "$TESTDIR/lib.sh"
PY=/usr/bin/python3

# forms/N.form (the text as pasted), N.secret (its digits), N.kept (what
# must be stored instead), N.line (present when it fits on one line).
"$PY" - "$TESTDIR/data/pasted-forms.tsv" <<-\EOF || test_bail "cannot read the table of forms"
	import codecs, os, sys
	os.mkdir("forms")
	n = 0
	for line in open(sys.argv[1], encoding="ascii"):
	    if line.startswith("#") or not line.strip():
	        continue
	    form, secret, kept = [f.strip() for f in line.rstrip("\n").split(" | ")]
	    form = codecs.decode(form, "unicode_escape")
	    n += 1
	    for ext, v in (("form", form), ("secret", secret), ("kept", kept)):
	        open("forms/%d.%s" % (n, ext), "w", encoding="utf-8").write(v)
	    if "\n" not in form and "\t" not in form:
	        open("forms/%d.line" % n, "w").close()
	EOF
NFORMS=$(ls forms/*.form | wc -l)

# absent_from FILE...: no form as pasted, nor its secret's digits (when
# they are more than a code's few), in any of the files.
absent_from() {
	for _f in "$@"; do
		test -f "$_f" || { echo "no file $_f"; return 1; }
		for _i in $(seq 1 "$NFORMS"); do
			_form=$(cat "forms/$_i.form")
			_secret=$(cat "forms/$_i.secret")
			if grep -a -q -F -e "$_form" "$_f"; then
				echo "form $_i ('$_form') found in $_f"
				return 1
			fi
			if test ${#_secret} -gt 4 &&
			    grep -a -q -F -e "$_secret" "$_f"; then
				echo "the digits of form $_i ($_secret) found in $_f"
				return 1
			fi
		done
	done
}

# The call that ./out says was recorded, as show --json has it.  (Calls
# made at the pinned clock's same second have no newest one.)
recorded_call() {
	_id=$(sed -n "s/.*recorded call \([0-9]*\) .*/\1/p" out | tail -n 1) &&
	test -n "$_id" &&
	cl show 1 --json | jq ".calls_list[] | select(.id == $_id)"
}

test_expect_success 'the table holds at least 30 pasted forms' '
	test "$NFORMS" -ge 30
'

test_expect_success 'a case to add to, and a reader that keeps the WAL' '
	expect_exit 0 cl add --org amex --reason fraud --note start &&
	: >hold &&
	{ (echo "BEGIN; SELECT count(*) FROM calls;"
	   while test -e hold; do sleep 0.1; done) |
	    sqlite3 "$CALLLOG_DB" >/dev/null & } &&
	sleep 0.3
'

# Free text takes every form; one-line fields the forms that fit one line,
# each in turn.
test_expect_success 'add: every form, in every kind of field, is stored redacted' '
	set -- note rep department ivr promise ref title &&
	for i in $(seq 1 "$NFORMS"); do
		form=$(cat forms/$i.form) &&
		kept=$(cat forms/$i.kept) &&
		field=note &&
		if test -e forms/$i.line; then
			shift_by=$((i % 7)) && field=$(eval echo \${$((shift_by + 1))})
		fi &&
		case $field in
		title) expect_exit 0 cl add --case 1 --title "$form" --rep x ;;
		*) expect_exit 0 cl add --case 1 "--$field" "$form" ;;
		esac &&
		check_err_line "removed before storing" &&
		id=$(sed -n "s/^recorded call \([0-9]*\) .*/\1/p" out) &&
		cl show 1 --json >case.json || return 1
		case $field in
		title) jq -r .title case.json ;;
		ref) jq -r ".calls_list[] | select(.id == $id) | .refs[0]" case.json ;;
		note) jq -r ".calls_list[] | select(.id == $id) | .notes" case.json ;;
		*) jq -r ".calls_list[] | select(.id == $id) | .$field" case.json ;;
		esac >got &&
		grep -q -F -e "$kept" got || {
			echo "form $i in --$field: stored $(cat got), not $kept"
			return 1
		}
	done
'

test_expect_success 'numbers add: forms in ORG, PURPOSE and --note are stored redacted' '
	for i in $(seq 1 "$NFORMS"); do
		test -e forms/$i.line || continue
		form=$(cat forms/$i.form) &&
		kept=$(cat forms/$i.kept) &&
		num=$(printf "1-800-555-%04d" "$i") &&
		case $((i % 3)) in
		0) expect_exit 0 cl numbers add "Bank $i" claims "$num" --note "$form" ;;
		1) expect_exit 0 cl numbers add "$form" claims "$num" ;;
		2) expect_exit 0 cl numbers add "Bank $i" "$form" "$num" ;;
		esac &&
		check_err_line "removed before storing" &&
		cl numbers --json >dir.json &&
		jq -e --arg n "+1800555$(printf %04d "$i")" --arg k "$kept" \
		    "[.[] | select(.number == \$n) | (.org, .purpose, .note)
		    | select(. != null) | ascii_downcase
		    | contains(\$k | ascii_downcase)] | any" dir.json \
		    >/dev/null || { echo "form $i: $kept not stored"; return 1; }
	done
'

test_expect_success 'import: forms in a file are stored redacted' '
	export_src="$TRASH/src.db" &&
	for i in $(seq 1 "$NFORMS"); do
		cl --db "$export_src" add --org "Import Bank" --reason general \
		    --note placeholder >/dev/null || return 1
	done &&
	cl --db "$export_src" export >src.json &&
	"$PY" - <<-\EOF &&
	import json
	doc = json.load(open("src.json", encoding="utf-8"))
	calls = [k for c in doc["cases"] for k in c["calls"]]
	for i, k in enumerate(calls, 1):
	    form = open("forms/%d.form" % i, encoding="utf-8").read()
	    k["notes"] = form
	    if "\n" not in form and "\t" not in form:
	        k["rep"] = form
	        k["refs"] = [form]
	json.dump(doc, open("imp.json", "w", encoding="utf-8"), ensure_ascii=False)
	EOF
	expect_exit 0 cl import imp.json &&
	grep -q "removed before storing" err &&
	cl export >all.json &&
	"$PY" - <<-\EOF
	import json, os
	doc = json.load(open("all.json", encoding="utf-8"))
	calls = [k for c in doc["cases"] if c["org"] == "Import Bank"
	         for k in c["calls"]]
	for i, k in enumerate(calls, 1):
	    kept = open("forms/%d.kept" % i, encoding="utf-8").read()
	    assert kept in k["notes"], (i, k["notes"], kept)
	    if os.path.exists("forms/%d.line" % i):
	        assert kept in k["rep"], (i, k["rep"], kept)
	        assert kept in k["refs"][0], (i, k["refs"], kept)
	EOF
'

# call_steps FIRST LAST: the answers of a guided call on case 1, with
# forms as answers, and the forms FIRST..LAST that fit a line as note
# lines, then a card split over two note lines.  (A dozen forms a call:
# the call keeps no more answers than about twenty, issue 12.)
call_steps() {
	echo "expect number you will dial"; echo "send"
	echo "expect dialing"; echo "send"
	echo "expect human answers"; echo "send"
	echo "expect hang up"; echo "send"
	echo "expect open case"; echo "send 1"
	echo "expect department"; echo "send $(cat forms/2.form)"
	echo "expect menu path"; echo "send $(cat forms/3.form)"
	echo "expect representative"; echo "send $(cat forms/5.form)"
	echo "expect reference numbers"; echo "send R-1"
	echo "expect outcome"; echo "send info"
	echo "expect promise"; echo "send $(cat forms/9.form)"
	echo "expect promised by"; echo "send"
	echo "expect next follow-up"; echo "send"
	echo "expect empty line"
	for _i in $(seq "$1" "$2"); do
		test -e forms/$_i.line || continue
		echo "expect >"; echo "send $(cat forms/$_i.form)"
	done 2>/dev/null
	echo "expect >"; echo "send split 4111 1111"
	echo "expect >"; echo "send 1111 1111 end"
	echo "expect >"; echo "send"
}

# check_call FIRST LAST: the call just recorded kept the last four of
# each form, and nothing else of them.
check_call() {
	out_contains "recorded call" &&
	recorded_call >last.json &&
	jq -r .notes last.json >notes &&
	for _i in $(seq "$1" "$2"); do
		test -e forms/$_i.line || continue
		grep -q -F -e "$(cat forms/$_i.kept)" notes ||
		    { echo "note $_i: $(cat forms/$_i.kept) not in"; cat notes
		      return 1; }
	done &&
	grep -q -F "split card ending 1111" notes &&
	for _f in department:2 ivr:3 rep:5 promise:9; do
		jq -e ".${_f%:*} | contains(\"$(cat forms/${_f#*:}.kept)\")" \
		    last.json >/dev/null || { echo "${_f%:*} not redacted"
		    cat last.json; return 1; }
	done
}

test_expect_success 'call: forms typed as answers are stored redacted' '
	third=$(((NFORMS + 2) / 3)) &&
	for first in 1 $((third + 1)) $((2 * third + 1)); do
		last=$((first + third - 1)) &&
		call_steps $first $last >call.steps &&
		expect_exit 0 $DRIVE call.steps -- "$CALLLOG" call amex &&
		check_call $first $last || return 1
	done &&
	absent_from "$CALLLOG_DB"
'

test_expect_success 'none of it is in the journal file' '
	absent_from "$CALLLOG_DB"
'

test_expect_success 'nor in its write-ahead log, kept by the reader' '
	test -s "$CALLLOG_DB-wal" &&
	absent_from "$CALLLOG_DB-wal" &&
	rm hold &&
	wait
'

test_expect_success 'nor in a backup, nor in either export' '
	expect_exit 0 cl backup "$TRASH/copy.db" &&
	cl export >export.json &&
	cl export --format csv >export.csv &&
	absent_from "$TRASH/copy.db" export.json export.csv
'

# Claim and ticket numbers that pass Luhn, or fail it, but start as no
# card network does for their length: stored and found as given.
test_expect_success 'real references are kept unchanged, and searchable' '
	for ref in 2026111000009 CLM-2026111800000003 2026111800000003 \
	    9999999999999995 "7000 0000 0000 0006" 1Z999AA10123456784 \
	    "DE89 3704 0044 0532 0130 00" 4111111111111112 \
	    "3400 0000 0000 0000" 0000000000000000 "TKT 8888 8888 8888 8888"; do
		expect_exit 0 cl add --case 1 --ref "$ref" --note "about $ref" &&
		test_must_be_empty err &&
		recorded_call >last.json &&
		jq -e --arg r "$ref" ".refs[0] == \$r and
		    .notes == (\"about \" + \$r)" last.json >/dev/null ||
		    { echo "$ref was not kept"; cat last.json; return 1; }
	done &&
	expect_exit 0 cl search CLM-2026111800000003 &&
	out_contains "CLM-2026111800000003" &&
	expect_exit 0 cl search 2026111000009 &&
	out_contains "2026111000009"
'

# The shapes that made the old scanner cubic, at the largest note size:
# correct in whole.  (How fast is make bench's to say, not a test's.)
test_expect_success 'a hostile note of the largest size is redacted in whole' '
	"$PY" -c "
import sys
unit = \"4111 - 1111 - 1111 - 1111 - \"
sys.stdout.write((unit * (65536 // len(unit))))" >big.txt &&
	expect_exit 0 cl add --case 1 --note - <big.txt &&
	check_err_line "card numbers" &&
	recorded_call | jq -r .notes >stored &&
	! grep -q "4111" stored &&
	test "$(grep -o "card ending 1111" stored | wc -l)" -eq \
	    $((65536 / 28))
'

# While another process holds the write lock, add has read all of its
# note from standard input (the file offset of its fd 0 is the file's
# size): the text is read, and redacted, before the lock is waited for.
test_expect_success 'standard input is read and redacted before the write lock is waited for' '
	hold_write_lock &&
	{ "$CALLLOG" add --case 1 --note - <big.txt >bg.out 2>bg.err & } &&
	pid=$! &&
	size=$(wc -c <big.txt) &&
	n=0 && pos=0 &&
	while test "$pos" != "$size" && test $n -lt 100; do
		pos=$(sed -n "s/^pos:[[:space:]]*//p" /proc/$pid/fdinfo/0 \
		    2>/dev/null)
		n=$((n + 1))
		sleep 0.1
	done &&
	release_write_lock &&
	wait $pid &&
	grep -q "recorded call" bg.out &&
	{ test "$pos" = "$size" ||
	  { echo "add read ${pos:-0} of $size bytes while the lock was held"
	    false; }; }
'

test_expect_success 'import reads and redacts its file before the write lock too' '
	cl --db "$TRASH/third.db" add --org "Third Bank" --reason general \
	    --note placeholder >/dev/null &&
	cl --db "$TRASH/third.db" export >third.json &&
	"$PY" -c "
import json
d = json.load(open(\"third.json\"))
d[\"cases\"][0][\"calls\"][0][\"notes\"] = \"card 4111 1111 1111 1111 \" * 2000
json.dump(d, open(\"third.json\", \"w\"))" &&
	hold_write_lock &&
	{ "$CALLLOG" import - <third.json >bg.out 2>bg.err & } &&
	pid=$! &&
	size=$(wc -c <third.json) &&
	n=0 && pos=0 &&
	while test "$pos" != "$size" && test $n -lt 100; do
		pos=$(sed -n "s/^pos:[[:space:]]*//p" /proc/$pid/fdinfo/0 \
		    2>/dev/null)
		n=$((n + 1))
		sleep 0.1
	done &&
	sleep 0.5 &&
	release_write_lock &&
	wait $pid &&
	grep -q "imported 1 case" bg.out &&
	grep -q "removed before storing" bg.err &&
	{ test "$pos" = "$size" ||
	  { echo "import read ${pos:-0} of $size bytes while the lock was held"
	    false; }; } &&
	absent_from "$CALLLOG_DB"
'

test_done
