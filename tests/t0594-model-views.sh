#!/bin/sh
# t0594: the edit form and show's JSON are the declaration's (src/field.c,
# src/xfer.c), not lists of their own: the form has a line for every
# field of a case and of a call that has an option, and no other; show
# --json has every key the export writes for a case and a call but the
# few its contract never had (DESIGN.md), so a field added to the model
# reaches both without a line in src/edit_form.c or src/view.c.
DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

TAB=$(printf '\t')
: >none.steps

# The editor keeps a copy of the form and changes nothing.
cat >ed.sh <<'EOF'
#!/bin/sh
cp "$1" form
EOF
chmod +x ed.sh

# form_fields ARGS...: the fields on edit ARGS's form, sorted, in got.
form_fields() {
	rm -f form &&
	VISUAL=$TRASH/ed.sh expect_exit 0 $DRIVE none.steps -- \
	    "$CALLLOG" edit "$@" &&
	test -s form &&
	grep -v "^#" form | cut -d: -f1 | sort -u >got
}

# declared KIND: the options of KIND's fields, sorted, in want.
declared() {
	awk -F "$TAB" -v k="$1" '$1 == k && $12 != "-" { print $12 }' \
	    fields.tsv | sort >want &&
	test "$(wc -l <want)" -ge 8
}

test_expect_success 'a case and a call with every field set' '
	expect_exit 0 cl add --org amex --reason billing --title Refund \
	    --account 1234 --priority high --amount 418.20 --merchant Shop \
	    --charged 2026-11-01 --number +12125550123 --department Billing \
	    --rep Dana --ref R-1 --when "2026-11-20 09:00" --duration 20m \
	    --hold 5m --ivr "1, 2" --channel phone --outcome follow-up \
	    --promise "a refund" --promised-by 2026-11-25 --note "first" \
	    --credited 10 &&
	expect_exit 0 cl promise 1 --kept --note "it came" &&
	expect_exit 0 "$CALLLOG" __fields &&
	cp out fields.tsv
'

test_expect_success 'the case form: a line for every case field with an option' '
	declared case &&
	form_fields 1 &&
	test_cmp want got
'

test_expect_success 'the call form: a line for every call field with an option' '
	declared call &&
	form_fields --call 1 &&
	test_cmp want got
'

# keys FILTER OMIT: the keys FILTER selects from out, sorted, less OMIT's.
keys() {
	jq -r "$1 | keys[]" out | grep -vxF -e calls -e events -e notes \
	    -e attachments $2 | sort
}

test_expect_success 'show --json has every key the export has for a case' '
	expect_exit 0 cl export --format json &&
	keys ".cases[0]" "-e followup_seq -e stage_at" >export.case &&
	test "$(wc -l <export.case)" -ge 18 &&
	expect_exit 0 cl show 1 --json &&
	keys . "" >show.case &&
	comm -23 export.case show.case >missing &&
	test_must_be_empty missing
'

test_expect_success 'and for a call' '
	expect_exit 0 cl export --format json &&
	keys ".cases[0].calls[0]" "-e promise_status -e promise_marked
	    -e promise_note -e follow_up" >export.call &&
	test "$(wc -l <export.call)" -ge 18 &&
	expect_exit 0 cl show 1 --json &&
	keys ".calls_list[0]" "" >show.call &&
	comm -23 export.call show.call >missing &&
	test_must_be_empty missing
'

test_done
