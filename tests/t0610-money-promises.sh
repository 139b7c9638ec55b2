#!/bin/sh
# t0610: money and promises (DESIGN.md, "Money and promises"): amounts as
# people type them, kept exactly and given as decimal strings; credits that
# add up; promises open, broken, kept, or marked by hand; and the dossier
# of a disputed charge telling the truth about all of it.

. "$(dirname "$0")/lib.sh"

# said TEXT: the text of ./out, its lines joined as a reader reads a
# wrapped paragraph, holds TEXT.
said() {
	tr "\n" " " <out | sed "s/  */ /g" | grep -qF "$1" && return 0
	echo "expected the text to say: $1"
	test_show_file stdout out
	return 1
}

# refused CODE WORD COMMAND...: as in t0600.
refused() {
	_code=$1 _word=$2 &&
	shift 2 &&
	db_snapshot before &&
	expect_exit "$_code" "$@" &&
	check_err_line "$_word" &&
	test_must_be_empty out &&
	db_unchanged before
}

test_expect_success 'amounts as people type them: minor units, ISO code, decimal strings' '
	n=0 &&
	while IFS="|" read -r given amount currency; do
		n=$((n + 1)) &&
		expect_exit 0 cl add --org "Shop $n" --new-org --reason billing \
			--note x --amount "$given" &&
		expect_exit 0 cl show "$n" --json &&
		jq_is ".amount == \"$amount\" and .currency == \"$currency\"" true ||
		return 1
	done <<-EOF
	418.20|418.20|USD
	\$418.20|418.20|USD
	418.20 USD|418.20|USD
	EUR 50|50.00|EUR
	1,234.56|1234.56|USD
	0.05|0.05|USD
	1500 JPY|1500|JPY
	EOF
'

test_expect_success 'bad amounts are refused and nothing is written' '
	while read -r bad; do
		refused 2 "amount" cl add --org Shop --new-org --reason billing \
			--note x --amount "$bad" || return 1
	done <<-EOF
	abc
	-5
	0
	418.205
	12,34
	5 dollars
	USD 5 EUR
	EOF
'

test_expect_success 'the default currency comes from the configuration' '
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[money]\ncurrency = EUR\n" >"$XDG_CONFIG_HOME/calllog/config" &&
	expect_exit 0 cl add --org Bahn --new-org --reason travel --note x \
		--amount 89.90 &&
	expect_exit 0 cl cases --org Bahn --json &&
	jq_is ".[0].amount + \" \" + .[0].currency" "89.90 EUR" &&
	rm "$XDG_CONFIG_HOME/calllog/config"
'

test_expect_success 'credits add up, and what is outstanding is what is left' '
	expect_exit 0 cl add --org amex --reason dispute --title "Skyline charge" \
		--amount 418.20 --merchant "Skyline Tickets" --charged 2026-11-01 \
		--rep Dana --promise "a provisional credit" \
		--promised-by 2026-11-23 --note "disputed the charge" &&
	id=$(sed -n "s/^opened case \\([0-9]*\\) .*/\\1/p" out) &&
	pcall=$(sed -n "s/^recorded call \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl add --case "$id" --credited 100 --note "partial credit" &&
	expect_exit 0 cl add --case "$id" --credited "\$50.10" --note "more" &&
	expect_exit 0 cl show "$id" --json &&
	jq_is "[.amount, .currency, .credited, .outstanding]" \
		"[\"418.20\",\"USD\",\"150.10\",\"268.10\"]" &&
	jq_is ".merchant" "Skyline Tickets" &&
	jq_is "[.calls_list[].credited]" "[null,\"100.00\",\"50.10\"]" &&
	expect_exit 0 cl show "$id" &&
	out_contains "418.20 USD disputed, 150.10 credited, 268.10 outstanding"
'

test_expect_success 'a credit in another currency is refused' '
	refused 2 "in USD" cl add --case "$id" --credited "EUR 5" --note x
'

test_expect_success 'open has an amount column only when an open case has an amount' '
	expect_exit 0 cl open --org amex &&
	out_contains "OUTSTANDING" &&
	out_contains "268.10 USD" &&
	CALLLOG_DB=$TRASH/other.db expect_exit 0 cl add --org Acme --reason general \
		--note x &&
	CALLLOG_DB=$TRASH/other.db expect_exit 0 cl open &&
	out_lacks "OUTSTANDING"
'

test_expect_success 'a promise is open until its deadline, then broken while unresolved' '
	CALLLOG_NOW=2026-11-22T15:00:00Z expect_exit 0 cl show "$id" --json &&
	jq_is "[.promises[] | [.text, .status, .marked, .call]]" \
		"[[\"a provisional credit\",\"open\",false,$pcall]]" &&
	CALLLOG_NOW=2026-11-24T15:00:00Z expect_exit 0 cl show "$id" --json &&
	jq_is "[.promises[].status]" "[\"broken\"]"
'

test_expect_success 'promise --kept marks it by hand and does not resolve the case' '
	expect_exit 0 cl promise "$id" --kept --note "credit posted" &&
	out_contains "kept" &&
	CALLLOG_NOW=2026-11-24T15:00:00Z expect_exit 0 cl show "$id" --json &&
	jq_is "[.promises[] | [.status, .marked, .note]]" \
		"[[\"kept\",true,\"credit posted\"]]" &&
	jq_is "[.status, .resolved]" "[\"open\",null]"
'

test_expect_success 'promise refuses what it cannot do, writing nothing' '
	refused 1 "no open promise" cl promise "$id" --broken &&
	refused 2 "one of" cl promise "$id" --kept --broken &&
	refused 2 "one of" cl promise "$id" &&
	refused 1 "made no promise" cl promise "$id" --broken --call 1
'

test_expect_success 'a marked promise can be marked again with --call, and undone' '
	expect_exit 0 cl promise "$id" --withdrawn --call "$pcall" &&
	expect_exit 0 cl show "$id" --json &&
	jq_is "[.promises[].status]" "[\"withdrawn\"]" &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl show "$id" --json &&
	jq_is "[.promises[].status]" "[\"kept\"]"
'

test_expect_success 'export and import carry money and marks exactly' '
	expect_exit 0 cl export &&
	mv out exported.json &&
	CALLLOG_DB=$TRASH/copy.db expect_exit 0 cl import exported.json &&
	CALLLOG_DB=$TRASH/copy.db expect_exit 0 cl export &&
	jq "del(.exported)" exported.json >a.json &&
	jq "del(.exported)" out >b.json &&
	cmp a.json b.json &&
	jq_is "[.cases[] | select(.title == \"Skyline charge\") | .calls[].credited]" \
		"[null,\"100.00\",\"50.10\"]"
'

test_expect_success 'the dossier of a case with a blank call removed, an amount and a credit' '
	expect_exit 0 cl add --org "Chase Bank" --reason dispute \
		--title "Double charge" --amount 80 --note "first call" \
		--when "2026-11-10 10:00" &&
	c=$(sed -n "s/^opened case \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl add --case "$c" --rep Sam \
		--when "2026-11-12 10:00" &&
	blank=$(sed -n "s/^recorded call \\([0-9]*\\) .*/\\1/p" out) &&
	expect_exit 0 cl add --case "$c" --inbound --channel letter \
		--note "their letter" --credited 30 --when "2026-11-14 10:00" &&
	expect_exit 0 cl add --case "$c" --rep Lee --note "called again" \
		--when "2026-11-16 10:00" &&
	expect_exit 0 cl dossier "$c" --format txt &&
	out_contains "I contacted Chase Bank 3 times" &&
	expect_exit 0 cl delete --call "$blank" &&
	CALLLOG_NOW=2026-11-21T15:00:00Z expect_exit 0 cl edit --call "$((blank + 2))" \
		--rep "Lee (ID 9)" &&
	expect_exit 0 cl dossier "$c" --format txt &&
	said "Between 10 November 2026 and 16 November 2026 I contacted Chase Bank 2 times" &&
	said "Chase Bank contacted me 1 time." &&
	said "The amount in dispute is 80.00 USD; 30.00 USD has been credited, leaving 50.00 USD outstanding." &&
	said "Calls 3: 2 by me, 1 by them" &&
	said "Lee (ID 9)" &&
	out_lacks "Sam" &&
	said "the record of the call of 16 November 2026 was corrected on 21 November 2026" &&
	expect_exit 0 cl dossier "$c" --format md &&
	out_contains "Outstanding" &&
	expect_exit 0 cl dossier "$id" --format txt &&
	said "I record this promise as kept"
'

test_done
