#!/bin/sh
# t0612: money is exact at every door (DESIGN.md, "Money and promises",
# last bullet): every output shows an amount with its currency's decimals
# (JPY none, KWD three, USD two), a call's credit too; import reads an
# amount by its currency's decimals and refuses, never rescales, one that
# does not fit; a case's credits add up exactly past 2^53 minor units; sync
# holds an amount, a hold and a length to the limits typed input has; an
# extreme value a journal was edited to is shown without overflowing.

DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3

# refused WORD COMMAND...: exit 2, one line naming WORD, nothing written.
refused() {
	_word=$1 &&
	shift &&
	db_snapshot before &&
	expect_exit 2 "$@" &&
	check_err_line "$_word" &&
	db_unchanged before
}

test_expect_success 'cases in yen, dinars and dollars, with credits' '
	expect_exit 0 cl add --org Rakuten --new-org --reason billing \
	    --amount "20000 JPY" --credited "1500 JPY" &&
	expect_exit 0 cl add --org Zain --new-org --reason billing \
	    --amount "12.345 KWD" --credited "1.2 KWD" &&
	expect_exit 0 cl add --org Chase --new-org --reason billing \
	    --amount 418.2 --credited 100
'

test_expect_success 'show --json: a call credit has its case currency decimals' '
	expect_exit 0 cl show 1 --json &&
	jq_is "[.amount, .credited, .outstanding, .calls_list[0].credited] | join(\" \")" \
	    "20000 1500 18500 1500" &&
	expect_exit 0 cl show 2 --json &&
	jq_is "[.amount, .credited, .outstanding, .calls_list[0].credited] | join(\" \")" \
	    "12.345 1.200 11.145 1.200" &&
	expect_exit 0 cl show 3 --json &&
	jq_is ".calls_list[0].credited" "100.00"
'

test_expect_success 'show: a call credit in its currency decimals, not 15.00' '
	expect_exit 0 cl show 1 &&
	out_contains "20000 JPY disputed, 1500 credited, 18500 outstanding" &&
	grep -E "^ +credited +1500 JPY$" out &&
	out_lacks "15.00" &&
	expect_exit 0 cl show 2 &&
	grep -E "^ +credited +1\.200 KWD$" out
'

test_expect_success 'open and the dossier: outstanding in the currency decimals' '
	expect_exit 0 cl open &&
	out_contains "18500 JPY" &&
	out_contains "11.145 KWD" &&
	for f in txt md html; do
		expect_exit 0 cl dossier 1 --format $f &&
		out_contains "1500" && out_lacks "15.00" &&
		out_lacks "185.00" || return 1
	done
'

test_expect_success 'export json: a call credit in its case currency decimals' '
	expect_exit 0 cl export &&
	jq_is "[.cases[] | .calls[0].credited] | join(\" \")" \
	    "1500 1.200 100.00"
'

test_expect_success 'export csv: amount, credited and currency columns' '
	expect_exit 0 cl export --format csv &&
	"$PY" - out >got <<-\EOF &&
	import csv, sys
	for r in csv.DictReader(open(sys.argv[1], newline="")):
	    print(r["case_id"], r["amount"], r["credited"], r["currency"])
	EOF
	printf "%s\n" "1 20000 1500 JPY" "2 12.345 1.200 KWD" \
	    "3 418.20 100.00 USD" >want &&
	test_cmp want got
'

test_expect_success 'history shows an amount with its currency decimals' '
	expect_exit 0 cl edit 3 --amount 500.5 &&
	expect_exit 0 cl edit --call 2 --credited "2.25 KWD" &&
	expect_exit 0 cl history &&
	out_contains "amount: 418.20 USD -> 500.50 USD" &&
	out_contains "credited: 1.200 KWD -> 2.250 KWD"
'

# The scripted editor keeps a copy of the form and changes nothing.
cat >ed.sh <<'EOF'
#!/bin/sh
cp "$1" form.txt
exit 0
EOF
chmod +x ed.sh
: >none.steps

test_expect_success 'the edit form shows a call credit with its currency' '
	VISUAL=$TRASH/ed.sh expect_exit 0 $DRIVE none.steps -- "$CALLLOG" \
	    edit --call 1 &&
	grep -E "^credited: *1500 JPY$" form.txt &&
	VISUAL=$TRASH/ed.sh expect_exit 0 $DRIVE none.steps -- "$CALLLOG" \
	    edit 2 &&
	grep -E "^amount: *12\.345 KWD$" form.txt
'

# import_one AMOUNT CURRENCY CREDITED: a file of one case (ids and uuids
# new) with that amount and currency, and a call credited so much (JSON
# values, null included), from export.json.
import_one() {
	jq --argjson a "$1" --argjson c "$2" --argjson k "$3" \
	    '.cases = [.cases[0] | .id = 90 | .amount = $a | .currency = $c |
	    .uuid = "00000000-0000-4000-8000-000000000090" |
	    .calls = [.calls[0] | .id = 91 | .credited = $k |
	    .uuid = "00000000-0000-4000-8000-000000000091"] | .events = []] |
	    .directory = [] | .reminders_sent = []' export.json >one.json
}

test_expect_success 'import reads an amount by its currency decimals' '
	cl export >export.json &&
	while read -r amount cur credited want_a want_k; do
		rm -f j1.db &&
		import_one "$amount" "$cur" "$credited" &&
		CALLLOG_DB=$TRASH/j1.db expect_exit 0 cl import one.json &&
		CALLLOG_DB=$TRASH/j1.db expect_exit 0 cl show 90 --json &&
		jq_is "[.amount, .calls_list[0].credited] | join(\" \")" \
		    "$want_a $want_k" || return 1
	done <<-\EOF
	"418.2" "USD" "418" 418.20 418.00
	"7" "USD" "0.5" 7.00 0.50
	"1500" "JPY" "12" 1500 12
	"1.234" "KWD" "0.5" 1.234 0.500
	"100000000000" "USD" "99999999999.99" 100000000000.00 99999999999.99
	"10000000000000" "JPY" "1" 10000000000000 1
	"10000000000" "KWD" "9999999999.999" 10000000000.000 9999999999.999
	EOF
'

test_expect_success 'import refuses decimals past the currency, never rescales' '
	rm -f j1.db &&
	CALLLOG_DB=$TRASH/j1.db expect_exit 0 cl open &&
	while read -r amount cur credited word; do
		import_one "$amount" "$cur" "$credited" &&
		CALLLOG_DB=$TRASH/j1.db refused "$word" cl import one.json ||
		return 1
	done <<-\EOF
	"100.00" "JPY" null cases[0].amount
	"1500" "JPY" "1.5" cases[0].calls[0].credited
	"1.2345" "KWD" null cases[0].amount
	"418.205" "USD" null cases[0].amount
	"418.2" null null cases[0].amount
	null null "5.00" cases[0].calls[0].credited
	"100000000000.01" "USD" null cases[0].amount
	"10000000000001" "JPY" null cases[0].amount
	"999999999999999999" "USD" null cases[0].amount
	"5" "USD" "100000000000.01" cases[0].calls[0].credited
	EOF
'

test_expect_success 'import refuses an amount without its currency key' '
	import_one "\"418.20\"" null null &&
	jq "del(.cases[0].currency)" one.json >nocur.json &&
	CALLLOG_DB=$TRASH/j1.db refused "currency" cl import nocur.json
'

test_expect_success 'a file from before money (no money keys) still imports' '
	import_one null null null &&
	jq "del(.cases[0].amount, .cases[0].currency, .cases[0].merchant,
	    .cases[0].charged, .cases[0].calls[0].credited)" one.json >old.json &&
	rm -f j1.db &&
	CALLLOG_DB=$TRASH/j1.db expect_exit 0 cl import old.json &&
	CALLLOG_DB=$TRASH/j1.db expect_exit 0 cl show 90 --json &&
	jq_is "[.amount, .currency, .calls_list[0].credited] | tostring" \
	    "[null,null,null]"
'

test_expect_success 'the export of amounts at the limits imports back byte for byte' '
	for n in 4 5 6; do rm -f j$n.db; done &&
	CALLLOG_DB=$TRASH/j4.db expect_exit 0 cl add --org A --new-org \
	    --reason billing --amount "100,000,000,000.00 USD" \
	    --credited 99999999999.99 &&
	CALLLOG_DB=$TRASH/j4.db expect_exit 0 cl add --case 1 --credited 0.01 &&
	CALLLOG_DB=$TRASH/j4.db expect_exit 0 cl add --org B --new-org \
	    --reason billing --amount "10000000000000 JPY" --credited "1 JPY" &&
	CALLLOG_DB=$TRASH/j4.db expect_exit 0 cl add --org C --new-org \
	    --reason billing --amount "10000000000 KWD" \
	    --credited "0.001 KWD" &&
	CALLLOG_DB=$TRASH/j4.db cl export >first.json &&
	CALLLOG_DB=$TRASH/j5.db expect_exit 0 cl import first.json &&
	CALLLOG_DB=$TRASH/j5.db cl export >second.json &&
	test_cmp first.json second.json &&
	jq -r "[.cases[] | .amount, .calls[].credited] | join(\" \")" \
	    second.json >got &&
	echo "100000000000.00 99999999999.99 0.01 10000000000000 1 10000000000.000 0.001" >want &&
	test_cmp want got
'

test_expect_success 'typed amounts past the limit are refused' '
	refused amount cl add --org D --new-org --reason billing \
	    --amount 100000000000.01 &&
	refused amount cl add --org D --new-org --reason billing \
	    --amount "10000000000001 JPY" &&
	refused amount cl add --case 3 --credited 100000000000.01
'

test_expect_success 'credits add up exactly past 2^53 minor units' '
	"$PY" - export.json >many.json <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	c = d["cases"][2]
	c["id"] = 80; c["uuid"] = "00000000-0000-4000-8000-000000000080"
	c["amount"] = "100000000000.00"; c["currency"] = "USD"; c["events"] = []
	k0 = c["calls"][0]
	calls = []
	# 1000 credits of 99999999999.99 and one of 0.01: an odd sum past
	# 2^53, which a floating-point sum cannot hold.
	for i in range(1001):
	    k = dict(k0, id=1000 + i,
	             uuid="00000000-0000-4000-8000-%012d" % (1000 + i),
	             credited="99999999999.99" if i < 1000 else "0.01")
	    calls.append(k)
	c["calls"] = calls
	d["cases"] = [c]; d["directory"] = []; d["reminders_sent"] = []
	json.dump(d, sys.stdout)
	EOF
	rm -f j7.db &&
	CALLLOG_DB=$TRASH/j7.db expect_exit 0 cl import many.json &&
	CALLLOG_DB=$TRASH/j7.db expect_exit 0 cl show 80 --json &&
	jq_is "[.credited, .outstanding] | join(\" \")" \
	    "99999999999990.01 -99899999999990.01" &&
	CALLLOG_DB=$TRASH/j7.db expect_exit 0 cl dossier 80 &&
	out_contains "99999999999990.01"
'

# A folder item: sync_item UID LINES... is a call on case 1 (uuid in
# $case1) from another device.
sync_call() {
	_uid=$1 &&
	shift &&
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    "UID:$_uid" DTSTAMP:20261128T100000Z DTSTART:20261128T100000Z \
	    "RELATED-TO;RELTYPE=PARENT:$case1" X-CALLLOG-CHANNEL:phone \
	    X-CALLLOG-DIRECTION:outbound "$@" END:VJOURNAL END:VCALENDAR
}

test_expect_success 'sync refuses an amount, a hold or a length past the limits, field by field' '
	rm -rf cal && mkdir cal &&
	expect_exit 0 cl sync cal &&
	case1=$(cl show 3 --json | jq -r .uuid) &&
	n=0 &&
	while read -r line word; do
		n=$((n + 1)) &&
		sync_call "00000000-0000-4000-8000-0000000001$(printf %02d $n)" \
		    "$line" >cal/bad$n.ics &&
		expect_exit 0 cl sync cal &&
		# The field is left out, said by file and property, never
		# its value; the new call is taken without it.
		grep -F "bad$n.ics: $word (" err |
		    grep -F "not taken from the folder" ||
		{ test_show_file stderr err; return 1; } &&
		! grep -F "${line#*:}" err &&
		cl export --format json >exp.json &&
		jq -e --arg u "00000000-0000-4000-8000-0000000001$(printf %02d $n)" \
		    "[.cases[].calls[] | select(.uuid == \$u)] | length == 1" \
		    exp.json >/dev/null &&
		! grep -F "${line#*:}" exp.json &&
		rm cal/bad$n.ics || return 1
	done <<-\EOF
	X-CALLLOG-CREDITED:999999999999999999 bad credited
	X-CALLLOG-CREDITED:10000000000001 bad credited
	X-CALLLOG-HOLD:999999999999999999 bad hold
	X-CALLLOG-DURATION:604801 bad duration
	EOF
'

test_expect_success 'sync takes a credit at the limit, in its case decimals' '
	sync_call 00000000-0000-4000-8000-000000000199 \
	    X-CALLLOG-CREDITED:10000000000000 X-CALLLOG-DURATION:604800 \
	    >cal/good.ics &&
	expect_exit 0 cl sync cal &&
	expect_exit 0 cl show 3 --json &&
	jq_is "[.calls_list[].credited | select(. != null)] | sort | join(\" \")" \
	    "100.00 100000000000.00"
'

test_expect_success 'a sync of a case amount past the limit is refused' '
	f=$(grep -l "^X-CALLLOG-AMOUNT:50050" cal/*.ics) &&
	sed -i "s/^X-CALLLOG-AMOUNT:.*/X-CALLLOG-AMOUNT:999999999999999999\r/;
	    s/^LAST-MODIFIED:.*/LAST-MODIFIED:20261121T000000Z\r/" "$f" &&
	db_snapshot bad &&
	CALLLOG_NOW=2026-11-21T12:00:00Z expect_exit 0 cl sync cal &&
	grep -F "bad amount (X-CALLLOG-AMOUNT)" err |
	    grep -F "not taken from the folder" &&
	! grep -F 999999999999999999 err &&
	u=$(sed -n "s/^UID:\(.*\)\r\$/\1/p" "$f") &&
	expect_exit 0 cl show "$u" --json &&
	jq_is .amount 500.50
'

test_expect_success 'extreme stored values are shown without overflowing' '
	rm -f j8.db &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl add --org E --new-org \
	    --reason billing --amount 5 --credited 1 -d 5m --hold 1m &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl add --case 1 --credited 1 \
	    -d 5m --hold 1m &&
	sqlite3 "$TRASH/j8.db" "UPDATE calls SET hold_seconds = 9000000000000000000,
	    duration_seconds = 9100000000000000000,
	    credited = 4600000000000000000;
	    UPDATE cases SET amount = -9000000000000000000" &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl show 1 --json &&
	jq_is .outstanding "-92233720368547758.08" &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl open &&
	out_contains "-92233720368547758.08 USD" &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl dossier 1 &&
	grep "Total on hold" out >hold &&
	! grep -e "-" hold &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl export &&
	CALLLOG_DB=$TRASH/j8.db expect_exit 0 cl export --format csv
'

test_done
