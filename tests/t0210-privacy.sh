#!/bin/sh
# Sensitive data never lands on disk: card numbers, SSNs and security codes
# given in any free-text field are gone from the journal file, its WAL and
# a backup, and add says what it removed.
. "$(dirname "$0")/lib.sh"

CARD=4111111111111111
AMEX=378282246310005
SSN=123-45-6789

# Every form of the secrets that must not be found in a file's bytes.
absent_from() {
	# A file that is not there holds no secret, and proves nothing.
	test -s "$1" || { echo "$1 is missing or empty"; return 1; }
	for secret in "$CARD" "4111 1111 1111 1111" "4111-1111-1111-1111" \
	    "4111  1111  1111  1111" "3782 - 822463 - 10005" \
	    "$AMEX" "3782 822463 10005" "$SSN" "123456789" "CVV 987" \
	    "CSC: 4321"; do
		if grep -a -q -F -e "$secret" "$1"; then
			echo "'$secret' found in $1"
			return 1
		fi
	done
}

test_expect_success 'secrets in every free-text field of add are removed' '
	expect_exit 0 cl add --org amex --reason fraud \
	    --title "charges on 4111 1111 1111 1111" \
	    --rep "agent read back $AMEX" \
	    --department "fraud desk, SSN $SSN asked" \
	    --ivr "entered 4111-1111-1111-1111 then 0" \
	    --ref "3782 822463 10005" --ref R-1 \
	    --promise "new card, not $CARD" \
	    --note "card $CARD CVV 987" \
	    --note "security code 555, CSC: 4321, SSN $SSN" &&
	check_err_line "removed before storing" &&
	grep -q "card number" err && grep -q SSN err && grep -q "security code" err
'

test_expect_success 'only the last four digits are kept, in place of the number' '
	expect_exit 0 cl show 1 --json &&
	jq_is .title "charges on card ending 1111" &&
	jq_is ".calls_list[0].refs[0]" "card ending 0005" &&
	jq_is ".calls_list[0].notes" "card ending 1111 CVV [security code removed]
security code [security code removed], CSC: [security code removed], SSN [SSN removed]"
'

test_expect_success 'a card typed with wider gaps between its groups is a card too' '
	expect_exit 0 cl add --case 1 \
	    --note "typed 4111  1111  1111  1111, then 3782 - 822463 - 10005" &&
	check_err_line "removed before storing" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[1].notes" "typed card ending 1111, then card ending 0005"
'

test_expect_success 'the journal file holds none of the secrets' '
	absent_from "$CALLLOG_DB"
'

# Keep the WAL in place: a reader holding a transaction open (until the
# file "hold" goes, however slow the add) stops the last writer from
# checkpointing it away.
test_expect_success 'nor does its write-ahead log, caught while a reader holds it' '
	: >hold &&
	{ (echo "BEGIN; SELECT count(*) FROM calls;"
	   while test -e hold; do sleep 0.1; done) |
	    sqlite3 "$CALLLOG_DB" >/dev/null & } &&
	sleep 0.5 &&
	expect_exit 0 cl add --case 1 --note "again $CARD and $SSN" \
	    --rep "CVV 987" &&
	test_path_is_file "$CALLLOG_DB-wal" &&
	test -s "$CALLLOG_DB-wal" &&
	absent_from "$CALLLOG_DB-wal" &&
	rm hold &&
	wait
'

test_expect_success 'nor a backup' '
	expect_exit 0 cl backup "$TRASH/copy.db" &&
	absent_from "$TRASH/copy.db" &&
	test "$(sqlite3 "$TRASH/copy.db" "SELECT count(*) FROM calls")" = 3
'

test_expect_success 'notes given on standard input are redacted too' '
	printf "read it: %s\n" "$CARD" >note.txt &&
	expect_exit 0 cl add --case 1 --note - <note.txt &&
	check_err_line "card number" &&
	absent_from "$CALLLOG_DB"
'

test_expect_success 'resolve, escalate and followup notes are redacted' '
	expect_exit 0 cl escalate 1 --note "they asked for $CARD" &&
	expect_exit 0 cl followup 1 tomorrow --note "SSN $SSN" &&
	expect_exit 0 cl resolve 1 --note "refund to $AMEX" &&
	absent_from "$CALLLOG_DB" &&
	expect_exit 0 cl show 1 --json &&
	jq_is .resolution "refund to card ending 0005"
'

test_expect_success 'a 16-digit reference that fails Luhn is kept as given' '
	expect_exit 0 cl add --org amex --reason billing --ref 4111111111111112 &&
	test_must_be_empty err &&
	expect_exit 0 cl show 2 --json &&
	jq_is ".calls_list[0].refs[0]" 4111111111111112
'

# People say which card before or after pasting it: the stored text must
# not read "card ending 0005 ending 0005".
test_expect_success 'words around a card that say it already are not said twice' '
	expect_exit 0 cl add --org "Hooli Bank" --new-org --reason billing \
	    --title "card ending 0004 5105-1051-0510-5100" \
	    --ref "ending in 5105105105105100" \
	    --note "Card ending 6011 0009 9013 9424 was declined" \
	    --note "paid with 3782 822463 10005, ending in 0005." \
	    --note "last four:	5555	5555	5555	4444" \
	    --note "card number 4012888888881881 (card ending 1881)" &&
	check_err_line "removed before storing" &&
	case=$(sed -n "s/^opened case \([0-9]*\).*/\1/p" out) &&
	expect_exit 0 cl show "$case" --json &&
	jq_is .title "card ending 0004 card ending 5100" &&
	jq_is ".calls_list[0].refs[0]" "ending in 5100" &&
	jq_is ".calls_list[0].notes" "Card ending 9424 was declined
paid with card ending in 0005.
last four:	4444
card number (card ending 1881)" &&
	! grep -E "ending( in)? ([0-9]{4}) ending" out &&
	expect_exit 0 cl add --case "$case" \
	    --note "card ending 9424 6011 0009 9013 9424, again" &&
	expect_exit 0 cl show "$case" --json &&
	jq_is ".calls_list[1].notes" "card ending 9424, again"
'

test_expect_success 'the journal is created private: 0600 file, 0700 directory' '
	export CALLLOG_DB="$TRASH/new/dir/j.db" &&
	expect_exit 0 cl add --org amex --reason general &&
	mode_is 600 "$CALLLOG_DB" &&
	mode_is 700 "$TRASH/new/dir" &&
	mode_is 700 "$TRASH/new"
'

test_done
