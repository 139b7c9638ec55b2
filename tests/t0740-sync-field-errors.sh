#!/bin/sh
# t0740: one bad field never freezes an item (DESIGN.md, "Sync across
# devices": a field that fails its check is reported, file and property,
# never the value, and keeps the journal's value; the item's other fields
# apply and the journal's later changes go on being written); lines are
# unfolded before they are decoded; a skipped item is warned of once per
# version of its file; a second sync with nothing changed writes nothing.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

LAPTOP=$TRASH/laptop.db
PHONE=$TRASH/phone.db
DIR=$TRASH/cal
CR=$(printf "\r")
TAB=$(printf "\t")

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }
pho() { CALLLOG_DB=$PHONE "$CALLLOG" "$@"; }

same_journals() {
	lap export --format json | journal_norm >lap.json &&
	pho export --format json | journal_norm >pho.json &&
	test_cmp lap.json pho.json
}

# journal_bytes: the laptop's journal and its WAL, as bytes.
journal_bytes() {
	cat "$LAPTOP" "$LAPTOP-wal" 2>/dev/null | cksum
}

# settled: the next sync says nothing on standard error and writes
# nothing: not the folder, not one byte of the journal.
settled() {
	ls -l --time-style=+%s.%N "$DIR" >settle.ls &&
	journal_bytes >settle.db &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	ls -l --time-style=+%s.%N "$DIR" >settle.ls2 &&
	journal_bytes >settle.db2 &&
	test_cmp settle.ls settle.ls2 &&
	test_cmp settle.db settle.db2
}

# set_prop FILE PROP VALUE: FILE's PROP line (the first) set to VALUE,
# and its LAST-MODIFIED to a later time, as an app saving it would.
set_prop() {
	awk -v p="$2" -v v="$3" -v cr="$CR" '
	    !done && index($0, p ":") == 1 { print p ":" v cr; done = 1; next }
	    /^LAST-MODIFIED:/ { print "LAST-MODIFIED:20261121T120000Z" cr; next }
	    { print }' "$1" >"$1.new" && mv "$1.new" "$1"
}

test_expect_success 'setup: a case with an amount and a call, on two devices' '
	CALLLOG_NOW=2026-11-20T10:00:00 &&
	export CALLLOG_NOW &&
	lap add --org amex --reason billing --title "Refund" --note first \
	    --rep Ann --number +14155550123 >/dev/null &&
	lap edit 1 --amount "EUR 50" >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	expect_exit 0 pho sync "$DIR" &&
	same_journals
'

CA=$(lap show 1 --json | jq -r .uuid)
K1=$(lap log --case 1 --json | jq -r ".[0].uuid")
long=$(head -c 230 /dev/zero | tr "\0" L)

test_expect_success 'a title over the limit does not drop the completion saved with it' '
	CALLLOG_NOW=2026-11-21T11:00:00 pho resolve 1 --note "refunded" \
	    >/dev/null &&
	pho sync "$DIR" >/dev/null &&
	set_prop "$DIR/$CA.ics" SUMMARY "$long" &&
	set_prop "$DIR/$CA.ics" X-CALLLOG-TITLE "$long" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "$CA.ics: bad title (" err &&
	grep -F "200" err &&
	! grep -F "LLLL" err &&
	! grep -F "skipped" err &&
	lap show 1 --json >out &&
	jq_is .status resolved &&
	jq_is .resolution refunded &&
	jq_is .title Refund &&
	settled
'

test_expect_success 'the journal'"'"'s later changes go on being written to that file' '
	CALLLOG_NOW=2026-11-22T10:00:00 lap edit 1 --priority high >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 written" &&
	grep -F "X-CALLLOG-TITLE:Refund" "$DIR/$CA.ics" &&
	! grep -F "LLLL" "$DIR/$CA.ics" &&
	expect_exit 0 pho sync "$DIR" &&
	test_must_be_empty err &&
	pho show 1 --json >out &&
	jq_is .priority high &&
	same_journals
'

test_expect_success 'a title with a tab: refused, the reason edited with it taken' '
	set_prop "$DIR/$CA.ics" SUMMARY "Tab${TAB}bed" &&
	set_prop "$DIR/$CA.ics" X-CALLLOG-TITLE "Tab${TAB}bed" &&
	set_prop "$DIR/$CA.ics" X-CALLLOG-REASON "fraud" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "$CA.ics: bad title (" err &&
	! grep -F "Tab" err &&
	lap show 1 --json >out &&
	jq_is .reason fraud &&
	jq_is .title Refund &&
	settled
'

test_expect_success 'an amount out of range keeps the journal'"'"'s; the resolution saved with it is taken' '
	set_prop "$DIR/$CA.ics" X-CALLLOG-AMOUNT 99999999999999999999 &&
	set_prop "$DIR/$CA.ics" X-CALLLOG-RESOLUTION "paid back" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "$CA.ics: bad amount (X-CALLLOG-AMOUNT)" err &&
	! grep -F "99999" err &&
	lap show 1 --json >out &&
	jq_is .amount "$(pho show 1 --json | jq -r .amount)" &&
	jq_is .currency EUR &&
	jq_is .resolution "paid back" &&
	settled
'

test_expect_success 'a bad phone number on a call: the notes edited with it are taken' '
	set_prop "$DIR/$K1.ics" X-CALLLOG-NUMBER "+1 call me" &&
	set_prop "$DIR/$K1.ics" DESCRIPTION "second thoughts" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "$K1.ics: bad number (X-CALLLOG-NUMBER)" err &&
	! grep -F "call me" err &&
	lap log --case 1 --json >out &&
	jq_is ".[0].notes" "second thoughts" &&
	jq_is ".[0].number" "+14155550123" &&
	settled
'

# entry FILE UID LINE...: a client's journal entry under case 1.
entry() {
	_f=$1 _u=$2
	shift 2
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    "UID:$_u" DTSTAMP:20261123T100000Z "RELATED-TO:$CA" "$@" \
	    END:VJOURNAL END:VCALENDAR >"$DIR/$_f"
}

test_expect_success 'a new entry with a bad rep is taken without it; one with a bad start is skipped, said once' '
	entry rep.ics rep-1@phone DTSTART:20261123T100000Z \
	    "DESCRIPTION:rep was odd" "X-CALLLOG-CHANNEL:phone" \
	    "X-CALLLOG-DIRECTION:outbound" "X-CALLLOG-REP:a${TAB}b" &&
	entry start.ics start-1@phone DTSTART:20261399T100000Z \
	    "DESCRIPTION:never" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "rep.ics: bad rep (X-CALLLOG-REP)" err &&
	grep -F "start.ics: skipped" err &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"rep was odd\")] | length" 1 &&
	jq_is "[.[] | select(.notes == \"rep was odd\")][0].rep" null &&
	jq_is "[.[] | select(.notes == \"never\")] | length" 0 &&
	settled
'

test_expect_success 'a fold between the bytes of one character is read' '
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    UID:fold-1@phone DTSTAMP:20261123T110000Z \
	    DTSTART:20261123T110000Z "RELATED-TO:$CA" \
	    "DESCRIPTION:the caf$(printf "\303")" " $(printf "\251") said so" \
	    END:VJOURNAL END:VCALENDAR >"$DIR/fold.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"the café said so\")] | length" 1 &&
	settled
'

test_expect_success 'bytes that are not UTF-8 once unfolded are still refused' '
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    UID:fold-2@phone DTSTAMP:20261123T110000Z \
	    DTSTART:20261123T120000Z "RELATED-TO:$CA" \
	    "DESCRIPTION:half $(printf "\303")" " x" \
	    END:VJOURNAL END:VCALENDAR >"$DIR/fold2.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "fold2.ics: skipped: not UTF-8" err &&
	settled &&
	rm "$DIR/fold2.ics"
'

test_expect_success 'a skipped item is warned of once per version of its file' '
	printf "hello\r\n" >"$DIR/junk.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "junk.ics: skipped" err &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	out_contains "2 skipped" &&
	printf "hello again\r\n" >"$DIR/junk.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "junk.ics: skipped" err &&
	settled &&
	said=$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_warned") &&
	rm "$DIR/junk.ics" "$DIR/start.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_warned")" = \
	    $((said - 2))
'

test_expect_success 'an entry whose case is not here yet: said once, taken when the case comes' '
	pho add --org Citi --reason account --title "Later" >/dev/null &&
	later=$(pho cases --json | jq -r ".[] | select(.title == \"Later\") | .uuid") &&
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:x BEGIN:VJOURNAL \
	    UID:early-1@phone DTSTAMP:20261123T100000Z \
	    DTSTART:20261123T100000Z "RELATED-TO:$later" \
	    "DESCRIPTION:ahead of its case" END:VJOURNAL END:VCALENDAR \
	    >"$DIR/early.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "is not in the journal" err &&
	settled &&
	pho sync "$DIR" >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	lap log --case "$later" --json >out &&
	jq_is "[.[] | select(.notes == \"ahead of its case\")] | length" 1
'

test_expect_success 'a second sync with nothing changed writes nothing: after a deletion, after a new case' '
	pho sync "$DIR" >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	settled &&
	lap add --org Citi --reason account --title "Short" --note "to go" \
	    >/dev/null &&
	lap sync "$DIR" >/dev/null &&
	gone=$(lap log --json | jq -r ".[] | select(.notes == \"to go\") | .uuid") &&
	rm "$DIR/$gone.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 deleted here" &&
	settled &&
	pho add --org Delta --reason travel --title "Bag" >/dev/null &&
	pho sync "$DIR" >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	lap cases --json >out &&
	jq_is "[.[] | select(.title == \"Bag\")] | length" 1 &&
	settled
'

test_expect_success 'an item whose UID holds a card number is skipped, the number kept nowhere' '
	entry card.ics 4111111111111111 DTSTART:20261124T100000Z \
	    "DESCRIPTION:called" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -F "card.ics: skipped" err &&
	! grep -F 4111111111111111 err out &&
	! grep -a -F 4111111111111111 "$LAPTOP" "$LAPTOP-wal" &&
	lap log --case 1 --json >out &&
	jq_is "[.[] | select(.notes == \"called\")] | length" 0 &&
	settled
'

test_done
