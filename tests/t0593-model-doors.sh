#!/bin/sh
# t0593: every declared field (src/field.c, as `calllog __fields` lists
# them) passes through the doors built from the declaration: the export
# writes its key, sync writes its property into the record's item, and a
# second journal that syncs the folder exports the same records.  A field
# left out of sync's SQL (src/store_sync_sql.c) or of the export's tables
# (src/xfer.c) fails here.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

TAB=$(printf '\t')
DIR=$TRASH/folder
OTHER=$TRASH/other.db
# A call's follow_up (the follow-up asked for when it was recorded) is a
# column the journal keeps for its own history (src/field_table.c), not a
# field: sync does not carry it.
own='walk(if type == "object" then del(.follow_up) else . end)'

# The declared fields of kind $1 that an export file holds, as
# "json-key property" lines (a call's or event's case has no key: the
# record is written inside its case).
declared() {
	awk -F "$TAB" -v k="$1" '$1 == k && $11 != "-" { print $11, $10 }' \
	    fields.tsv
}

# A jq test that key $1 is unset: null, or a list without values.
unset_() {
	echo "(.\"$1\" == null or .\"$1\" == [])"
}

# The export's records of kind $1, one JSON object a line.
records() {
	case $1 in
	case) jq -c ".cases[] | del(.calls, .events, .notes, .attachments)" \
	    export.json ;;
	call) jq -c ".cases[].calls[]" export.json ;;
	event) jq -c ".cases[].events[]" export.json ;;
	esac
}

test_expect_success 'a journal with every declared field set' '
	CALLLOG_NOW=2026-11-20T10:00:00 &&
	export CALLLOG_NOW &&
	expect_exit 0 cl add --org amex --reason billing --title Refund \
	    --account 1234 --priority high --amount 418.20 --merchant Shop \
	    --charged 2026-11-01 --number +12125550123 --department Billing \
	    --rep Dana --ref R-1 --ref R-2 --when "2026-11-20 09:00" \
	    --duration 20m --hold 5m --ivr "1, 2" --channel phone --inbound \
	    --outcome follow-up --promise "a refund" --promised-by 2026-11-25 \
	    --note "first call" --credited 10 --follow-up 2026-11-27 &&
	expect_exit 0 cl promise 1 --kept --note "it came" &&
	expect_exit 0 cl escalate 1 --level supervisor --note "sup" &&
	expect_exit 0 cl followup 1 2026-11-30 --note "wait" &&
	expect_exit 0 cl add --org Delta --reason travel --title Bag &&
	expect_exit 0 cl resolve 2 --note "found it" &&
	expect_exit 0 "$CALLLOG" __fields &&
	cp out fields.tsv &&
	expect_exit 0 cl export --format json &&
	cp out export.json &&
	test "$(declared call | wc -l)" -ge 19
'

test_expect_success 'the export has every declared key, each set in some record' '
	for k in case call event; do
		records $k >recs.$k &&
		test -s recs.$k &&
		declared $k | while read -r key prop; do
			jq -e "has(\"$key\")" recs.$k | grep -qv true &&
			{ echo "$k.$key is missing from an export"; return 1; }
			jq -e "$(unset_ "$key") | not" recs.$k | grep -q true ||
			{ echo "no $k has $key set"; return 1; }
		done || return 1
	done
'

test_expect_success 'sync writes every field that is set as its property' '
	expect_exit 0 cl sync "$DIR" &&
	for k in case call event; do
		while read -r rec; do
			uuid=$(printf "%s\n" "$rec" | jq -r .uuid) &&
			item=$(grep -l "^UID:$uuid" "$DIR"/*.ics) &&
			declared $k | while read -r key prop; do
				printf "%s\n" "$rec" |
				    jq -e "$(unset_ "$key")" >/dev/null && continue
				grep -q "^$prop[:;]" "$item" ||
				{ echo "$k.$key: no $prop in $item"; return 1; }
			done || return 1
		done <recs.$k || return 1
	done
'

test_expect_success 'a journal that syncs the folder exports the same records' '
	CALLLOG_DB=$OTHER expect_exit 0 cl sync "$DIR" &&
	jq "$own" export.json | journal_norm >mine.json &&
	CALLLOG_DB=$OTHER expect_exit 0 cl export --format json &&
	jq "$own" out | journal_norm >theirs.json &&
	test_cmp mine.json theirs.json
'

# The same through an update of the records the other journal holds.
test_expect_success 'and again once every field a command edits has changed' '
	CALLLOG_NOW=2026-11-21T10:00:00 &&
	expect_exit 0 cl edit 1 --org citi --reason fraud --title Refund2 \
	    --account 5678 --priority low --amount 500 --merchant Shop2 \
	    --charged 2026-11-02 &&
	expect_exit 0 cl edit --call 1 --number +12125550199 \
	    --department Claims --rep Lee --ref R-3 --when "2026-11-20 08:00" \
	    --duration 30m --hold 6m --ivr 3 --channel chat \
	    --outcome callback --promise "a credit" --promised-by 2026-11-26 \
	    --note "edited" --credited 20 &&
	expect_exit 0 cl promise 1 --broken --call 1 --note "it did not" &&
	expect_exit 0 cl followup 1 2026-12-01 --note "later" &&
	expect_exit 0 cl export --format json &&
	jq "$own" out | journal_norm >mine.json &&
	expect_exit 0 cl sync "$DIR" &&
	CALLLOG_DB=$OTHER expect_exit 0 cl sync "$DIR" &&
	CALLLOG_DB=$OTHER expect_exit 0 cl export --format json &&
	jq "$own" out | journal_norm >theirs.json &&
	test_cmp mine.json theirs.json
'

test_done
