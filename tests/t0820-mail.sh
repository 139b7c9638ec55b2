#!/bin/sh
# t0820: `calllog mail FILE.eml|- [--case ID]` (DESIGN.md, Evidence): an
# email from the organization becomes a contact by message in the case's
# timeline, its text read from real MIME (any charset, quoted-printable,
# base64, HTML-only, forwarded) and redacted, and the message is kept as
# an exhibit; a broken message is refused in one line, nothing written.
# The messages are tests/data/mail/, written to look like what banks and
# airlines send.

TESTDIR=$(cd "$(dirname "$0")" && pwd)
MAIL=$TESTDIR/data/mail
DRIVE="/usr/bin/python3 $TESTDIR/pty-drive.py"
. "$TESTDIR/lib.sh"

# sql QUERY: one value from the journal.
sql() {
	sqlite3 -batch "$CALLLOG_DB" "$1"
}

# notes N: call N's notes, into ./notes.
notes() {
	cl show "$(sql "SELECT case_id FROM calls WHERE id = $1")" --json |
	    jq -r ".calls_list[] | select(.id == $1) | .notes" >notes
}

notes_have() {
	grep -F -e "$1" notes >/dev/null && return 0
	echo "expected the notes to contain '$1'"
	test_show_file notes notes
	return 1
}

notes_lack() {
	grep -F -e "$1" notes >/dev/null || return 0
	echo "expected the notes not to contain '$1'"
	test_show_file notes notes
	return 1
}

test_expect_success 'a journal: Chase with a reference, Delta, Sparkasse' '
	expect_exit 0 cl add --org Chase --reason billing --ref CHB-40213 &&
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel &&
	expect_exit 0 cl add --org "Sparkasse Koeln" --reason billing &&
	expect_exit 0 cl add --org "United Airlines" --reason travel
'

test_expect_success 'multipart/alternative: the plain text, found by its reference' '
	expect_exit 0 cl mail "$MAIL/chase-alternative.eml" &&
	out_contains "recorded email from Chase Card Services <no-reply@alertsp.chase.com>" &&
	out_contains "as call 5 on case 1" &&
	grep -F "removed before storing" err | grep -F "SSN" >/dev/null &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[-1].channel" message &&
	jq_is ".calls_list[-1].started" 2026-12-01T19:30:00Z &&
	jq_is ".calls_list[-1].rep" "Chase Card Services" &&
	jq_is ".calls_list[-1].refs" "[\"CHB-40213\"]" &&
	test "$(sql "SELECT direction FROM calls WHERE id = 5")" = inbound &&
	notes 5 &&
	notes_have "Email: Your dispute — next steps" &&
	notes_have "Your reference number is CHB-40213" &&
	notes_lack "HTML part" &&
	notes_have "break it with a soft line break somewhere in the middle" &&
	notes_lack "=20" && notes_lack "= " &&
	notes_lack "4111 1111 1111 1111" &&
	notes_have "card ending 1111" &&
	notes_lack "078-05-1120"
'

test_expect_success 'show and the dossier say they wrote, not that they called' '
	expect_exit 0 cl show 1 &&
	out_contains "call 5, message (they wrote)" &&
	out_lacks "they called" &&
	for f in txt md html; do
		expect_exit 0 cl dossier 1 --format $f &&
		out_contains "they wrote" && out_lacks "they called" || return 1
	done
'

test_expect_success 'the message is kept, redacted, as an attachment on that call' '
	test "$(sql "SELECT name || \" \" || media_type || \" \" || case_id || \" \" || call_id FROM attachments")" = \
	    "chase-alternative.eml message/rfc822 1 5" &&
	test "$(sql "SELECT count(*) FROM blobs WHERE CAST(data AS TEXT) LIKE \"%Your dispute%\" OR CAST(data AS TEXT) LIKE \"%CHB-40213%\"")" = 1 &&
	test "$(sql "SELECT count(*) FROM blobs WHERE CAST(data AS TEXT) LIKE \"%4111 1111 1111 1111%\" OR CAST(data AS TEXT) LIKE \"%078-05-1120%\"")" = 0
'

test_expect_success 'HTML only, base64: tags, script and style dropped, entities read' '
	expect_exit 0 cl mail "$MAIL/delta-html-only.eml" &&
	out_contains "on case 2" &&
	notes 6 &&
	notes_have "Your refund of \$412.30 for ticket 0062345678901 has been issued & will post in 7–10 days." &&
	notes_have "Confirmation code: HX7Q2M" &&
	notes_have "© Delta Air Lines, Inc." &&
	notes_lack "<" && notes_lack "hidden" && notes_lack "color:red" &&
	notes_lack "&amp;" &&
	# paragraphs stay apart
	test "$(grep -c . notes)" -ge 4
'

test_expect_success 'an attached PDF; ISO-8859 text and encoded subject and sender' '
	expect_exit 0 cl mail "$MAIL/bank-pdf.eml" &&
	out_contains "recorded email from Sparkasse Köln" &&
	out_contains "on case 3" &&
	out_contains "in the message: Kontoauszug.pdf (application/pdf, 325 bytes)" &&
	notes 7 &&
	notes_have "Email: Ihre Rückerstattung" &&
	notes_have "Ihre Rückerstattung über 89,00 € wurde veranlaßt." &&
	notes_have "Kontoauszug.pdf (application/pdf"
'

test_expect_success 'Shift_JIS and windows-1252 bodies become UTF-8' '
	expect_exit 0 cl mail "$MAIL/sjis.eml" --case 2 &&
	notes 8 &&
	notes_have "Email: 払い戻しのご案内" &&
	notes_have "払い戻し番号 ANA-5521 の手続きが完了しました。" &&
	expect_exit 0 cl mail "$MAIL/cp1252.eml" &&
	out_contains "on case 4" &&
	notes 9 &&
	notes_have "voucher of €150 is “ready” – use it by June."
'

test_expect_success 'a forwarded message: its headers and text, its sender picks the case' '
	expect_exit 0 cl mail "$MAIL/forwarded.eml" &&
	out_contains "from Pat Example <pat@example.org>" &&
	out_contains "on case 2" &&
	notes 10 &&
	notes_have "Keeping this for the refund case." &&
	notes_have "Forwarded message" &&
	notes_have "From: \"Delta Air Lines\" <DeltaAirLines@t.delta.com>" &&
	notes_have "Confirmation code: HX7Q2M"
'

test_expect_success 'the organization by the sender domain; a message from standard input' '
	cat >domain.eml <<-\EOF &&
	From: Card Services <alerts@chase.com>
	Subject: Statement ready
	Date: Mon, 07 Dec 2026 06:00:00 -0500
	Content-Type: text/plain; charset=us-ascii

	Your statement is ready.
	EOF
	expect_exit 0 cl mail - <domain.eml &&
	out_contains "on case 1" &&
	out_contains "kept message.eml as attachment"
'

test_expect_success 'a message file named with a card number is kept under its redacted name' '
	sed "s/Statement ready/Statement for the card/" domain.eml \
	    >"stmt 4111 1111 1111 1111.eml" &&
	expect_exit 0 cl mail --case 1 "stmt 4111 1111 1111 1111.eml" &&
	out_contains "kept stmt card ending 1111.eml as attachment" &&
	grep -q "removed before storing: a card number" err &&
	test "$(sql "SELECT count(*) FROM attachments WHERE name = \"stmt card ending 1111.eml\"")" = 1 &&
	test "$(sql "SELECT count(*) FROM attachments WHERE name LIKE \"%4111%\"")" = 0 &&
	! grep -a -q "4111 1111 1111 1111" "$CALLLOG_DB" &&
	expect_exit 0 cl undo
'

test_expect_success 'a card number inside an encoded part: its redacted text is kept, not the original' '
	b=$(printf "Your card 5500 0000 0000 0004 was replaced.\n" | base64) &&
	printf "From: Chase <no-reply@chase.com>\nSubject: Card CHB-40213\nDate: Mon, 07 Dec 2026 07:00:00 -0500\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n%s\n" "$b" >enc.eml &&
	expect_exit 0 cl mail enc.eml &&
	out_contains "kept message.txt" &&
	test "$(sql "SELECT count(*) FROM blobs WHERE CAST(data AS TEXT) LIKE \"%$b%\" OR CAST(data AS TEXT) LIKE \"%5500 0000 0000 0004%\"")" = 0 &&
	test "$(sql "SELECT count(*) FROM blobs WHERE CAST(data AS TEXT) LIKE \"%card ending 0004 was replaced%\"")" = 1
'

test_expect_success 'history shows the email; undo removes the call and the exhibit' '
	calls=$(sql "SELECT count(*) FROM calls") &&
	atts=$(sql "SELECT count(*) FROM attachments") &&
	sed "s/Voucher issued/Voucher reissued/" "$MAIL/cp1252.eml" >again.eml &&
	expect_exit 0 cl mail again.eml --case 4 &&
	expect_exit 0 cl history 4 &&
	out_contains "recorded email as call" &&
	expect_exit 0 cl undo &&
	test "$(sql "SELECT count(*) FROM calls")" = "$calls" &&
	test "$(sql "SELECT count(*) FROM attachments")" = "$atts"
'

test_expect_success 'the same message twice is refused, naming the first' '
	db_snapshot twice &&
	expect_exit 2 cl mail "$MAIL/cp1252.eml" &&
	check_err_line "already recorded on case 4 as call 9 (attachment" &&
	db_unchanged twice &&
	# on another case it is another record
	expect_exit 0 cl mail "$MAIL/cp1252.eml" --case 3 &&
	expect_exit 0 cl undo
'

test_expect_success 'a message over [attach] max_size is refused' '
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[attach]\nmax_size = 1K\n" >"$XDG_CONFIG_HOME/calllog/config" &&
	db_snapshot max &&
	expect_exit 2 cl mail "$MAIL/chase-alternative.eml" --case 1 &&
	check_err_line "larger than 1.0 KB, the largest attachment kept" &&
	expect_exit 2 cl mail - --case 1 <"$MAIL/chase-alternative.eml" &&
	check_err_line "larger than 1.0 KB" &&
	db_unchanged max &&
	rm "$XDG_CONFIG_HOME/calllog/config"
'

test_expect_success 'a resolved case takes an email only with --reopen' '
	expect_exit 0 cl resolve 3 &&
	sed "s/Ihre R=FCckerstattung/Nachtrag/" "$MAIL/bank-pdf.eml" >late.eml &&
	db_snapshot resolved &&
	expect_exit 2 cl mail late.eml --case 3 &&
	check_err_line "reopen" &&
	db_unchanged resolved &&
	expect_exit 0 cl mail late.eml --case 3 --reopen &&
	expect_exit 0 cl show 3 --json &&
	jq_is .status open
'

test_expect_success 'the shell completes a file name for mail' '
	cl __complete mail "" >out &&
	test "$(cat out)" = ":file"
'

test_expect_success 'delete --purge of the email: its text and the kept message leave the file and its WAL' '
	printf "From: Chase <no-reply@chase.com>\nSubject: Letter QZXV-PURGE-7781\nDate: Mon, 07 Dec 2026 07:00:00 -0500\n\nBody QZXV-BODY-7781 for case CHB-40213.\n" >purge.eml &&
	expect_exit 0 cl mail purge.eml &&
	call=$(sed -n "s/.* as call \([0-9]*\) on case.*/\1/p" out) &&
	grep -a -q QZXV-BODY-7781 "$CALLLOG_DB" "$CALLLOG_DB-wal" &&
	expect_exit 0 cl delete --call "$call" --purge --yes &&
	! grep -a -q QZXV "$CALLLOG_DB" &&
	! { test -e "$CALLLOG_DB-wal" && grep -a -q QZXV "$CALLLOG_DB-wal"; }
'

# refused NAME FILE EXIT MESSAGE: mail FILE exits EXIT with one line
# holding MESSAGE, and the journal is as it was.
refused() {
	db_snapshot "$1" &&
	expect_exit "$3" cl mail "$2" --case 1 &&
	check_err_line "$4" &&
	db_unchanged "$1"
}

test_expect_success 'broken messages: a clear error, nothing written' '
	refused nodate "$MAIL/no-date.eml" 2 "it has no Date header" &&
	refused charset "$MAIL/bad-charset.eml" 2 "charset '"'"'x-no-such-charset-42'"'"', which this system cannot read" &&
	refused b64 "$MAIL/truncated-base64.eml" 2 "base64 part '"'"'s.pdf'"'"' is cut short" &&
	refused notmail "$MAIL/not-mail.txt" 2 "is not an email message" &&
	refused utf8 "$MAIL/wrong-utf8.eml" 2 "not valid utf-8" &&
	: >empty.eml && refused empty empty.eml 2 "it is empty" &&
	mkdir adir && refused dir adir 2 "is a directory" &&
	refused missing nothere.eml 1 "cannot open nothere.eml" &&
	printf "From: a@b.c\nDate: someday\n\nx\n" >baddate.eml &&
	refused baddate baddate.eml 2 "Date header cannot be read" &&
	printf "Date: Mon, 07 Dec 2026 07:00:00 -0500\nSubject: x\n\nx\n" >nofrom.eml &&
	refused nofrom nofrom.eml 2 "no sender" &&
	printf "From: a@b.c\nDate: Mon, 07 Dec 2026 07:00:00 -0500\n\nx\000y\n" >nul.eml &&
	refused nul nul.eml 2 "NUL bytes" &&
	truncate -s 26M big.eml && refused big big.eml 2 "larger than 25.0 MB"
'

test_expect_success 'base64 with a character outside its alphabet is refused' '
	printf "From: a@b.c\nDate: Mon, 07 Dec 2026 07:00:00 -0500\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVsbG8g*29ybGQ=\n" >bad64.eml &&
	refused bad64 bad64.eml 2 "cut short or damaged"
'

test_expect_success 'nested deeper than the bound is refused' '
	{ printf "From: a@b.c\nDate: Mon, 07 Dec 2026 07:00:00 -0500\n" &&
	  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf "Content-Type: multipart/mixed; boundary=b%s\n\n--b%s\n" $i $i
	  done &&
	  printf "Content-Type: text/plain\n\ndeep\n" ; } >deep.eml &&
	refused deep deep.eml 2 "nested deeper than"
'

test_expect_success 'no case named in the message: refused, pointing to --case' '
	printf "From: Someone <x@nowhere.example>\nSubject: hello\nDate: Mon, 07 Dec 2026 07:00:00 -0500\n\nNothing here.\n" >none.eml &&
	db_snapshot none &&
	expect_exit 2 cl mail none.eml &&
	check_err_line "give --case ID" &&
	db_unchanged none
'

test_expect_success 'two cases of the organization: refused off a terminal, naming both' '
	expect_exit 0 cl add --org Chase --reason fraud &&
	printf "From: Chase <no-reply@chase.com>\nSubject: Update\nDate: Mon, 07 Dec 2026 07:00:00 -0500\n\nAn update on your account.\n" >two.eml &&
	db_snapshot two &&
	expect_exit 2 cl mail two.eml </dev/null &&
	check_err_line "could be about case 1 (Chase, billing) or case 5 (Chase, fraud); give --case ID" &&
	db_unchanged two &&
	# a reference number still names one of them
	sed "s/An update/CHB-40213: an update/" two.eml >ref.eml &&
	expect_exit 0 cl mail ref.eml </dev/null &&
	out_contains "on case 1"
'

test_expect_success 'a reference is found as search finds it, and only as a word of its own' '
	printf "From: Billing <billing@example.com>\nSubject: about chb 40213\nDate: Mon, 07 Dec 2026 08:00:00 -0500\n\nThanks.\n" >spaced.eml &&
	expect_exit 0 cl mail spaced.eml </dev/null &&
	out_contains "on case 1" &&
	expect_exit 0 cl show 1 --json &&
	jq_is ".calls_list[-1].refs" "[\"CHB-40213\"]" &&
	printf "From: Billing <billing@example.com>\nSubject: about CHB-402139 and XCHB-40213\nDate: Mon, 07 Dec 2026 08:00:00 -0500\n\nThanks.\n" >longer.eml &&
	db_snapshot longer &&
	expect_exit 2 cl mail longer.eml </dev/null &&
	check_err_line "no case" &&
	db_unchanged longer
'

test_expect_success 'two cases of the organization: asked on a terminal' '
	printf "%s\n" "expect Which case?" "send 9" "expect Answer one of" \
	    "expect Which case?" "send 5" >ask.steps &&
	$DRIVE ask.steps -- "$CALLLOG" mail two.eml >pty.out &&
	grep -F "could be about case 1 (Chase, billing) or case 5" pty.out &&
	grep -F "on case 5" pty.out &&
	expect_exit 0 cl show 5 --json &&
	jq_is ".calls_list[-1].channel" message
'

test_expect_success 'asked on a terminal: no answer records nothing' '
	sed "s/An update/Another update/" two.eml >three.eml &&
	printf "%s\n" "expect Which case?" "send" >none.steps &&
	db_snapshot noanswer &&
	! $DRIVE none.steps -- "$CALLLOG" mail three.eml >pty.out &&
	grep -F "no case chosen; nothing was recorded" pty.out &&
	db_unchanged noanswer
'

test_expect_success 'HTML only with its charset in a <meta>, not in its header' '
	expect_exit 0 cl mail "$MAIL/iberia-meta-charset.eml" --case 2 &&
	call=$(sed -n "s/.* as call \([0-9]*\) on case.*/\1/p" out) &&
	notes "$call" &&
	notes_have "Su reembolso de 95,00 € está en camino. Referencia IB-88120."
'

test_expect_success 'an HTML entity naming a control character does not reach the journal' '
	printf "From: Delta <noreply@delta.com>\nSubject: x\nDate: Mon, 07 Dec 2026 08:00:00 -0500\nContent-Type: text/html; charset=utf-8\n\n<p>red &#27;[31mtext&#27;[0m &#128;&#x9b;done &#0; &#1114112;</p>\n" >ctl.eml &&
	expect_exit 0 cl mail ctl.eml --case 2 &&
	call=$(sed -n "s/.* as call \([0-9]*\) on case.*/\1/p" out) &&
	test "$(sql "SELECT instr(notes, char(27)) + instr(notes, char(128)) + instr(notes, char(155)) FROM calls WHERE id = $call")" = 0 &&
	test "$(sql "SELECT instr(notes, \"red [31mtext[0m done\") > 0 FROM calls WHERE id = $call")" = 1
'

test_expect_success 'an attached file name with controls or bad bytes is shown clean' '
	printf "From: a@b.example\nDate: Mon, 07 Dec 2026 07:00:00 -0500\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee file\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"bad\033[31m\377name.pdf\"\n\nxx\n--b--\n" >fname.eml &&
	expect_exit 0 cl mail fname.eml --case 2 &&
	out_contains "recorded email from a@b.example of" &&
	out_contains "in the message: bad[31m" &&
	! grep -q "$(printf "\033")" out &&
	call=$(sed -n "s/.* as call \([0-9]*\) on case.*/\1/p" out) &&
	test "$(sql "SELECT instr(notes, char(27)) FROM calls WHERE id = $call")" = 0
'

test_done
