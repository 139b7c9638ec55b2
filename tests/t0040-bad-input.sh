#!/bin/sh
# t0040: bad input and failures.  Each is refused with the exit status the
# contract gives (2 bad usage or input, 1 failure), one line on standard
# error, "calllog: ...", that names what was wrong, nothing on standard
# output, and the journal exactly as it was.

. "$(dirname "$0")/lib.sh"

NL='
'
BAD_UTF8=$(printf 'Jos\377')
OVERLONG=$(printf 'caf\300\251')
ESC_REP=$(printf 'Dana\033[31m')
NL_REP="Dana${NL}Smith"
BEL_NOTE=$(printf 'ring\007ring')

test_expect_success 'set up: a journal with an open and a resolved case' '
	cl add --org amex --reason dispute --title "Skyline charge" \
		--number 1-800-528-2122 --rep Dana --ref DSP-1 \
		--follow-up 2026-12-01 >/dev/null &&
	cl add --org "Chase Bank" --reason account --outcome resolved \
		>/dev/null &&
	cl show 2 --json >out &&
	jq_is .status resolved &&
	printf "caf\303 \377 au lait\n" >bad-utf8.txt &&
	head -c 70000 /dev/zero | tr "\\0" x >big-note.txt &&
	test "$(wc -c <big-note.txt)" = 70000 &&
	BIG_NOTE=$(cat big-note.txt) &&
	mkdir adir &&
	od -An -tx1 -N 3000 /dev/urandom >notadb.txt &&
	cp notadb.txt notadb.orig
'

# refuses CODE WORD STDIN COMMAND [ARG...]: COMMAND, given STDIN (a file,
# or - for none), exits CODE with one "calllog:" line containing WORD,
# prints nothing, and leaves the journal alone.
refuses() {
	_code=$1 _word=$2 _stdin=$3
	shift 3
	test_expect_success "refused with $_code: $(printf '%s' "$*" |
		LC_ALL=C tr -c '[:print:]' '?' | cut -c 1-70)" '
		code=$1 word=$2 stdin=$3 &&
		shift 3 &&
		db_snapshot before &&
		if test "$stdin" = -
		then
			expect_exit "$code" "$@"
		else
			expect_exit "$code" "$@" <"$stdin"
		fi &&
		check_err_line "$word" &&
		test_must_be_empty out &&
		db_unchanged before
	' "$_code" "$_word" "$_stdin" "$@"
}

# The table: exit status | a word the message must contain | standard input
# | the command, as shell words (variables are expanded).
while IFS='|' read -r code word stdin command; do
	case $code in
	'#'* | '') continue ;;
	esac
	eval "set -- $command"
	# shellcheck disable=SC2086
	refuses $code "$(printf '%s\n' "$word" | sed 's/^ *//; s/ *$//')" $stdin "$@"
done <<'EOF'
# Dates that are not dates.
2 | 2026-02-30     | - | cl add --case 1 --when 2026-02-30
2 | tomorow        | - | cl add --case 1 --follow-up tomorow
2 | yesterdayish   | - | cl followup 1 yesterdayish
2 | 2026-13-01     | - | cl add --case 1 --promised-by 2026-13-01
2 | 25:00          | - | cl add --case 1 --when "2026-11-20 25:00"
2 | +3x            | - | cl add --case 1 --follow-up +3x
2 | lastweek       | - | cl log --since lastweek
2 | 2026-02-29     | - | cl add --org amex --reason billing --when 2026-02-29
# Durations.
2 | ten minutes    | - | cl add --case 1 --duration "ten minutes"
2 | 5x             | - | cl add --case 1 --hold 5x
2 | 1:75:00        | - | cl add --case 1 --duration 1:75:00
2 | -5m            | - | cl add --case 1 --duration -5m
2 | hold           | - | cl add --case 1 --hold 20m --duration 10m
# Phone numbers.
2 | 12345          | - | cl add --case 1 --number 12345
2 | 028-528-2122   | - | cl add --case 1 --number 028-528-2122
2 | extension      | - | cl add --case 1 --number "1-800-528-2122 x123456789"
2 | 5a             | - | cl add --case 1 --number "800 528 2122 ext 5a"
2 | an extension follows | - | cl add --case 1 --number "1-800-FLOWERS-NOW 5"
2 | 1-800-528-21223344 | - | cl add --case 1 --number 1-800-528-21223344
# No such case: a failure, not bad input.
1 | 999            | - | cl show 999
1 | 999            | - | cl add --case 999 --note x
1 | 999            | - | cl resolve 999
1 | 999            | - | cl reopen 999
1 | 999            | - | cl followup 999 tomorrow
1 | 999            | - | cl escalate 999
1 | 999            | - | cl log --case 999
# Ids that are not numbers.
2 | abc            | - | cl show abc
2 | abc            | - | cl add --case abc
2 | 1x             | - | cl resolve 1x
2 | one            | - | cl reopen one
2 | 1.5            | - | cl followup 1.5 tomorrow
2 | x              | - | cl escalate x
2 | abc            | - | cl log --case abc
# Names that are not in the lists, or match several.
2 | complaint      | - | cl add --org amex --reason complaint
2 | maybe          | - | cl add --case 1 --outcome maybe
2 | fax            | - | cl add --case 1 --channel fax
2 | reason         | - | cl add --org amex --reason a
2 | hung-up        | - | cl add --case 1 --outcome h
2 | boss           | - | cl escalate 1 --level boss
# A new case needs --org and --reason.
2 | --org          | - | cl add --reason billing
2 | --reason       | - | cl add --org amex
2 | --org          | - | cl add
2 | org            | - | cl add --org "" --reason billing
# Options and arguments.
2 | --colour       | - | cl add --case 1 --colour red
2 | --bogus        | - | cl open --bogus
2 | --bogus        | - | cl --bogus open
2 | frobnicate     | - | cl frobnicate
2 | --case         | - | cl add --case
2 | missing        | - | cl show
2 | missing        | - | cl followup 1
2 | missing        | - | cl resolve
2 | too many       | - | cl show 1 2
2 | account        | - | cl add --case 1 --account abcd
# Text that is not UTF-8, or holds control characters.
2 | UTF-8          | - | cl add --case 1 --rep "$BAD_UTF8"
2 | UTF-8          | - | cl add --org "$BAD_UTF8" --reason billing
2 | UTF-8          | - | cl add --case 1 --note "$OVERLONG"
2 | UTF-8          | - | cl show "$BAD_UTF8"
2 | UTF-8          | bad-utf8.txt | cl add --case 1 --note -
2 | control        | - | cl add --case 1 --rep "$ESC_REP"
2 | control        | - | cl add --case 1 --rep "$NL_REP"
2 | control        | - | cl add --case 1 --note "$BEL_NOTE"
# Too much text.
2 | note           | - | cl add --case 1 --note "$BIG_NOTE"
2 | note           | big-note.txt | cl add --case 1 --note -
# --limit is a positive whole number.
2 | limit          | - | cl open --limit 0
2 | limit          | - | cl open --limit -5
2 | limit          | - | cl log --limit abc
2 | limit          | - | cl log --limit 10x
# The clock.
2 | CALLLOG_NOW    | - | env CALLLOG_NOW=soon "$CALLLOG" open
2 | CALLLOG_NOW    | - | env CALLLOG_NOW=2026-02-30T10:00:00Z "$CALLLOG" add --case 1
# Database paths that cannot be a journal.
1 | adir           | - | cl --db adir open
1 | x.db           | - | cl --db notadb.txt/x.db open
EOF

test_expect_success 'a bad date: the message names it and shows accepted forms' '
	expect_exit 2 cl add --case 1 --when someday &&
	check_err_line someday &&
	check_err_line tomorrow &&
	check_err_line 2026-
'

test_expect_success 'a rejected command does not create a database' '
	expect_exit 2 cl --db fresh.db add --org amex --reason billing \
		--when 2026-02-30 &&
	test_path_is_missing fresh.db &&
	expect_exit 2 cl --db fresh.db show abc &&
	test_path_is_missing fresh.db
'

test_expect_success 'a file that is not a database: refused (1), left alone' '
	expect_exit 1 cl --db notadb.txt open &&
	check_err_line database &&
	test_must_be_empty out &&
	cmp notadb.orig notadb.txt &&
	expect_exit 1 cl --db notadb.txt add --org amex --reason billing &&
	check_err_line database &&
	test_must_be_empty out &&
	cmp notadb.orig notadb.txt &&
	test_path_is_missing notadb.txt-wal &&
	test_path_is_missing notadb.txt-journal
'

test_expect_success 'a database from a newer calllog: refused (1), left alone' '
	sqlite3 newer.db "PRAGMA user_version=99; CREATE TABLE t(x);" &&
	db_snapshot newer newer.db &&
	expect_exit 1 cl --db newer.db open &&
	check_err_line newer &&
	test_must_be_empty out &&
	expect_exit 1 cl --db newer.db add --org amex --reason billing &&
	check_err_line newer &&
	test_must_be_empty out &&
	db_unchanged newer newer.db &&
	test "$(sqlite3 newer.db "PRAGMA user_version")" = 99
'

if test "$(id -u)" = 0; then
	test_skip 'a read-only database: a write is refused (1)' \
		'running as root: permissions do not apply'
else
	test_expect_success 'a read-only database: a write is refused (1)' '
		db_snapshot before &&
		chmod 444 "$CALLLOG_DB" &&
		expect_exit 1 cl add --case 1 --rep Kim &&
		chmod 600 "$CALLLOG_DB" &&
		check_err_line read-only &&
		test_must_be_empty out &&
		db_unchanged before
	'
	chmod 600 "$CALLLOG_DB"
fi

test_expect_success 'after all that, the journal still works' '
	expect_exit 0 cl add --case 1 --rep Kim &&
	expect_exit 0 cl show 1 --json &&
	jq_is .calls 2
'

test_done
