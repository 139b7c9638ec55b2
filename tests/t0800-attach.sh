#!/bin/sh
# t0800: files kept with a case (DESIGN.md, "Evidence"): attach, list and
# get them back byte for byte; every refusal writes nothing; text is
# redacted like notes, anything else kept as given and said so; history,
# undo and --purge cover them (the bytes leave the file and its WAL);
# backup holds them; doctor checks their hashes.
. "$(dirname "$0")/lib.sh"

# A 2x2 PNG, a small PDF and a text with a card number, made here.
python3 - <<'PY' || test_bail "cannot make the test files"
import struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
raw = b"".join(b"\x00" + b"\x10\x80\xf0" * 2 for _ in range(2))
open("shot.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR",
    struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) +
    chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open("statement.pdf", "wb").write(b"%PDF-1.4\n1 0 obj<<>>endobj\n"
    b"% PDFMARK_K2R9 statement line 42.17\ntrailer<<>>\n%%EOF\n")
open("letter.txt", "w").write("Dear customer, card 5500 0000 0000 0004 "
    "and SSN 078-05-1120 on file. TXTMARK_Z8Q4\n")
PY

sha() { sha256sum "$1" | cut -d" " -f1; }

# cl_on DB ARG...: calllog on another journal (an assignment before a
# shell function would outlive the call).
cl_on() {
	(CALLLOG_DB=$1 && export CALLLOG_DB && shift && cl "$@")
}

test_expect_success 'attach keeps several files in one change, says what each is' '
	expect_exit 0 cl add --org "Harbor Bank" --reason billing \
	    --note "disputed 42.17" &&
	expect_exit 0 cl attach 1 shot.png statement.pdf --note "from the app" &&
	out_contains "attached shot.png as attachment 1 (image/png" &&
	out_contains "attached statement.pdf as attachment 2 (application/pdf" &&
	out_contains "statement.pdf is kept as given" &&
	expect_exit 0 cl history 1 &&
	out_contains "attached 2 files to case 1 (attachments 1 to 2)"
'

test_expect_success 'attachments --json gives the contract fields, sizes and hashes' '
	expect_exit 0 cl attachments 1 --json &&
	jq_is "length" 2 &&
	jq_is ".[0] | [.id, .case, .call, .name, .media_type]" \
	    "[1,1,null,\"shot.png\",\"image/png\"]" &&
	jq_is ".[1].size" "$(wc -c <statement.pdf)" &&
	jq_is ".[1].sha256" "$(sha statement.pdf)" &&
	jq_is ".[0].added" "2026-11-20T15:00:00Z"
'

test_expect_success 'attachment get gives the bytes back, by id or hash prefix' '
	expect_exit 0 cl attachment get 2 -o back.pdf &&
	cmp back.pdf statement.pdf &&
	h=$(sha shot.png) &&
	expect_exit 0 cl attachment get "$(echo "$h" | cut -c1-8)" &&
	cmp out shot.png &&
	expect_exit 2 cl attachment get abc &&
	check_err_line "at least 4 hex"
'

test_expect_success 'a text file is redacted like a note before it is kept' '
	expect_exit 0 cl attach 1 letter.txt &&
	grep -q "removed before storing" err &&
	expect_exit 0 cl attachment get 3 &&
	out_contains "card ending 0004" &&
	out_lacks "5500 0000 0000 0004" &&
	out_lacks "078-05-1120" &&
	! grep -a -q -F "5500 0000 0000 0004" "$CALLLOG_DB"
'

test_expect_success 'the same bytes attached twice are stored once' '
	cp shot.png again.png &&
	expect_exit 0 cl attach 1 again.png &&
	test "$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM blobs")" = 3 &&
	expect_exit 0 cl attachments --json &&
	jq_is ".[3].sha256 == .[0].sha256" true
'

test_expect_success 'empty, directory, FIFO, device, missing, too large: refused, nothing written' '
	db_snapshot before &&
	: >empty.txt && mkdir adir && mkfifo afifo &&
	expect_exit 2 cl attach 1 empty.txt && check_err_line "is empty" &&
	expect_exit 2 cl attach 1 adir && check_err_line "is a directory" &&
	expect_exit 2 cl attach 1 afifo && check_err_line "not a regular file" &&
	expect_exit 2 cl attach 1 /dev/null && check_err_line "not a regular file" &&
	expect_exit 1 cl attach 1 shot.png no-such.pdf &&
	check_err_line "no-such.pdf" &&
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[attach]\nmax_size = 1K\n" >"$XDG_CONFIG_HOME/calllog/config" &&
	head -c 1025 /dev/urandom >big.bin &&
	expect_exit 2 cl attach 1 shot.png big.bin &&
	check_err_line "over the limit of 1024" &&
	head -c 1024 /dev/urandom >fits.bin &&
	rm "$XDG_CONFIG_HOME/calllog/config" &&
	db_unchanged before
'

test_expect_success 'a bad max_size is refused, naming the setting' '
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[attach]\nmax_size = lots\n" >"$XDG_CONFIG_HOME/calllog/config" &&
	expect_exit 2 cl attach 1 shot.png &&
	check_err_line "max_size" &&
	rm "$XDG_CONFIG_HOME/calllog/config"
'

test_expect_success 'a file name with a control character is refused' '
	cp shot.png "$(printf "bad\033]0;x.png")" &&
	expect_exit 2 cl attach 1 "$(printf "bad\033]0;x.png")" &&
	check_err_line "control character"
'

test_expect_success 'a file name with a C1 control or bad UTF-8 is refused, nothing written' '
	db_snapshot before &&
	cp shot.png "$(printf "csi\302\233x.png")" &&
	expect_exit 2 cl attach 1 "$(printf "csi\302\233x.png")" &&
	check_err_line "U+009B" &&
	cp shot.png "$(printf "latin\351.png")" &&
	expect_exit 2 cl attach 1 "$(printf "latin\351.png")" &&
	check_err_line "not valid UTF-8" &&
	db_unchanged before
'

test_expect_success 'a file name holding a card number is kept redacted, and said' '
	printf "\211PNG-like bytes NAMECARD_OK\n" >"scan 4111 1111 1111 1111.bin" &&
	expect_exit 0 cl attach 1 "scan 4111 1111 1111 1111.bin" &&
	out_contains "attached scan card ending 1111.bin as attachment" &&
	out_lacks "4111 1111" &&
	check_err_line "removed before storing: a card number" &&
	expect_exit 0 cl attachments 1 --json &&
	jq_is "[.[] | select(.name | test(\"scan\")) | .name] | .[]" \
	    "scan card ending 1111.bin" &&
	! grep -a -q "4111 1111 1111 1111" "$CALLLOG_DB" &&
	if test -e "$CALLLOG_DB-wal"; then
		! grep -a -q "4111 1111 1111 1111" "$CALLLOG_DB-wal"
	fi &&
	expect_exit 0 cl undo
'

test_expect_success '--call puts the file on one of the case'"'"'s calls, not another'"'"'s' '
	expect_exit 0 cl add --org "Other Air" --reason travel --note x &&
	expect_exit 2 cl attach 1 fits.bin --call 2 &&
	check_err_line "call 2 is on case 2" &&
	expect_exit 0 cl attach 1 fits.bin --call 1 &&
	expect_exit 0 cl attachments 1 --json &&
	jq_is "[.[] | select(.name == \"fits.bin\") | .call]" "[1]"
'

test_expect_success 'undo removes an attach; history shows it' '
	expect_exit 0 cl undo &&
	out_contains "attach" &&
	expect_exit 0 cl attachments 1 --json &&
	jq_is "[.[].name] | index(\"fits.bin\")" null
'

test_expect_success 'backup holds the files' '
	expect_exit 0 cl backup copy.db &&
	expect_exit 0 cl_on "$TRASH/copy.db" attachment get 2 -o fromcopy.pdf &&
	cmp fromcopy.pdf statement.pdf
'

test_expect_success 'export and import bring the files back byte for byte' '
	expect_exit 0 cl export -o all.json &&
	jq -e ".cases[0].attachments | length == 4" all.json >/dev/null &&
	expect_exit 0 cl_on "$TRASH/other.db" import all.json &&
	out_contains "4 attachments" &&
	expect_exit 0 cl_on "$TRASH/other.db" attachments 1 --json &&
	cp out other.json &&
	expect_exit 0 cl attachments 1 --json &&
	jq -c "[.[] | [.id, .call, .name, .media_type, .size, .sha256, .added, .note]]" out >mine &&
	jq -c "[.[] | [.id, .call, .name, .media_type, .size, .sha256, .added, .note]]" other.json >theirs &&
	test_cmp mine theirs &&
	expect_exit 0 cl_on "$TRASH/other.db" attachment get 2 -o other.pdf &&
	cmp other.pdf statement.pdf
'

test_expect_success 'import refuses bytes that do not match their hash, or too many of them' '
	jq ".cases[0].attachments[1].data[0] |= (.[0:8] + \"QUFB\" + .[12:])" \
	    all.json >tampered.json &&
	expect_exit 2 cl_on "$TRASH/third.db" import tampered.json &&
	check_err_line "attachments[1].data: its SHA-256" &&
	test_path_is_missing third.db &&
	jq ".cases[0].attachments[1].data[0] |= . + \"QUFB\"" all.json >longer.json &&
	expect_exit 2 cl_on "$TRASH/third.db" import longer.json &&
	check_err_line "attachments[1].data" &&
	jq ".cases[0].attachments[1].name = \"../../etc/x.pdf\"" all.json >path.json &&
	expect_exit 2 cl_on "$TRASH/third.db" import path.json &&
	check_err_line "attachments[1].name" &&
	jq ".cases[0].attachments[1].name = \"csi\u009bx.pdf\"" all.json >c1.json &&
	expect_exit 2 cl_on "$TRASH/third.db" import c1.json &&
	check_err_line "attachments[1].name contains a control character (U+009B)" &&
	test_path_is_missing third.db
'

test_expect_success 'import keeps a file name holding a card number redacted' '
	jq ".cases[0].attachments[1].name = \"stmt 4111-1111-1111-1111.pdf\"" \
	    all.json >named.json &&
	expect_exit 0 cl_on "$TRASH/fourth.db" import named.json &&
	grep -q "removed before storing: a card number" err &&
	expect_exit 0 cl_on "$TRASH/fourth.db" attachments 1 --json &&
	jq_is ".[1].name" "stmt card ending 1111.pdf" &&
	! grep -a -q "4111-1111-1111-1111" "$TRASH/fourth.db"
'

test_expect_success 'export --format csv --attachments lists the files, not their bytes' '
	expect_exit 0 cl export --format csv --attachments &&
	head -n 1 out | grep -q "^attachment_id,attachment_uuid,case_id,call_id,name,media_type,size,sha256," &&
	grep -q ",statement.pdf,application/pdf,$(wc -c <statement.pdf),$(sha statement.pdf)," out &&
	test "$(wc -l <out)" = 5
'

test_expect_success 'doctor checks every file against its hash' '
	cp "$CALLLOG_DB" spoiled.db &&
	expect_exit 0 cl doctor &&
	out_contains "ok: attached files match their SHA-256" &&
	sqlite3 spoiled.db "UPDATE blobs SET data = CAST(replace(CAST(data AS TEXT),
	    \"42.17\", \"24.71\") AS BLOB) WHERE sha256 = \"$(sha statement.pdf)\"" &&
	expect_exit 1 cl_on "$TRASH/spoiled.db" doctor &&
	grep -q "problem: the attached file with SHA-256 $(sha statement.pdf | cut -c1-16)" out &&
	expect_exit 1 cl_on "$TRASH/spoiled.db" attachment get 2 -o bad.pdf &&
	check_err_line "do not match" &&
	test_path_is_missing bad.pdf
'

test_expect_success 'delete --purge erases the bytes from the file and its WAL' '
	cat "$CALLLOG_DB" "$CALLLOG_DB-wal" 2>/dev/null | grep -a -q PDFMARK_K2R9 &&
	cat "$CALLLOG_DB" "$CALLLOG_DB-wal" 2>/dev/null | grep -a -q TXTMARK_Z8Q4 &&
	expect_exit 0 cl delete 1 --yes --purge &&
	sqlite3 "$CALLLOG_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	for f in "$CALLLOG_DB" "$CALLLOG_DB-wal"; do
		test ! -e "$f" || ! grep -a -q -e PDFMARK_K2R9 -e TXTMARK_Z8Q4 \
		    -e IHDR "$f" || { echo "found in $f"; return 1; }
	done &&
	test "$(sqlite3 "$CALLLOG_DB" "SELECT count(*) FROM blobs")" = 0
'

test_expect_success 'the journal shrinks back after a large file is purged' '
	expect_exit 0 cl add --org "Size Co" --reason billing --note x &&
	sqlite3 "$CALLLOG_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	small=$(wc -c <"$CALLLOG_DB") &&
	head -c 3000000 /dev/urandom >photo.bin &&
	expect_exit 0 cl attach 3 photo.bin &&
	sqlite3 "$CALLLOG_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	test "$(wc -c <"$CALLLOG_DB")" -gt $((small + 3000000)) &&
	expect_exit 0 cl delete 3 --yes --purge &&
	test "$(wc -c <"$CALLLOG_DB")" -lt $((small + 100000))
'

test_expect_success 'delete --attachment: undo brings it back; --purge erases its bytes' '
	printf "%%PDF-1.4\n%% ONEMARK_P3X7 a letter sent twice\n" >one.pdf &&
	cp one.pdf copy.pdf &&
	printf "%%PDF-1.4\n%% SOLEMARK_W5J2 only once\n" >sole.pdf &&
	expect_exit 0 cl attach 2 one.pdf copy.pdf sole.pdf &&
	cat "$CALLLOG_DB" "$CALLLOG_DB-wal" | grep -a -q SOLEMARK_W5J2 &&
	ids=$(cl attachments 2 --json | jq -r "map(.id) | join(\" \")") &&
	set -- $ids &&
	expect_exit 0 cl delete --attachment "$3" &&
	out_contains "deleted attachment $3" &&
	expect_exit 0 cl undo &&
	expect_exit 0 cl attachment get "$3" -o sole.back &&
	cmp sole.back sole.pdf &&
	expect_exit 2 cl delete --attachment "$3" --purge &&
	check_err_line "--yes" &&
	expect_exit 0 cl delete --attachment "$3" --yes --purge &&
	expect_exit 0 cl delete --attachment "$1" --yes --purge &&
	sqlite3 "$CALLLOG_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	! cat "$CALLLOG_DB" "$CALLLOG_DB-wal" 2>/dev/null | grep -a -q SOLEMARK_W5J2 &&
	expect_exit 0 cl attachment get "$2" -o copy.back &&
	cmp copy.back one.pdf &&
	expect_exit 1 cl delete --attachment 999 &&
	check_err_line "no attachment 999" &&
	expect_exit 2 cl delete 2 --attachment "$2" &&
	check_err_line "one of them"
'

test_done
