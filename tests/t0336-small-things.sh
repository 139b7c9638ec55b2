#!/bin/sh
# t0336: small things the README promises (issue 24, class 8): prep
# reaches every line of the directory, international and roadside too;
# ical --vdir makes its folder and the folders above it; the Markdown
# dossier's statement, text for a complaint form, carries no entity or
# escape into what is pasted.

. "$(dirname "$0")/lib.sh"

test_expect_success 'prep international: the collect line for card members abroad' '
	expect_exit 0 cl prep international --org amex &&
	out_contains "1-623-492-5450  American Express, international" &&
	out_contains "about: international" &&
	expect_exit 0 cl prep abroad --json &&
	jq_is ".numbers[0].number" +16234925450 &&
	jq_is .purpose international &&
	expect_exit 0 cl prep roadside --org amex &&
	out_contains "1-855-327-1403" &&
	out_contains "1-630-694-9750" &&
	expect_exit 0 cl prep stolen --org amex &&
	out_contains "1-800-528-4800" &&
	expect_exit 2 cl prep nonsense &&
	check_err_line "nonsense"
'

test_expect_success 'prep international lists open cases of every reason' '
	expect_exit 0 cl add --org amex --reason billing --title "Hotel abroad" \
	    --note x &&
	expect_exit 0 cl prep international &&
	out_contains "Hotel abroad"
'

test_expect_success 'ical --vdir makes the folder and its missing parents, private' '
	expect_exit 0 cl ical --vdir "$TRASH/cal/home/calllog" &&
	test_path_is_file "$(ls "$TRASH"/cal/home/calllog/*.ics | head -n 1)" &&
	mode_is 700 "$TRASH/cal" &&
	mode_is 700 "$TRASH/cal/home/calllog" &&
	expect_exit 0 cl ical --vdir "$TRASH/cal/home/calllog/" &&
	out_contains "0 added" &&
	: >"$TRASH/plainfile" &&
	expect_exit 1 cl ical --vdir "$TRASH/plainfile/x" &&
	check_err_line "plainfile"
'

test_expect_success 'the Markdown statement is plain text: no entity, no escape' '
	expect_exit 0 cl add --org "Bank & Co" --new-org --reason billing \
	    --title "Fee \"twice\" it'"'"'s 5|6" --rep "Ann O'"'"'Neil" \
	    --promise "a *refund*" --promised-by 2026-11-18 --ref "R-1|2" &&
	expect_exit 0 cl dossier 2 --format md &&
	sed -n "/^## Statement/,/^## /p" out >statement &&
	grep "^    On " statement >line &&
	! grep "&#\|&quot;\|&amp;\|\\\\" line &&
	grep -F "“Fee \"twice\" it'"'"'s 5|6”" line &&
	grep -F "Ann O'"'"'Neil promised “a *refund*”" line &&
	grep -F "(reference R-1|2)" line &&
	grep -F "Bank & Co" line
'

test_done
