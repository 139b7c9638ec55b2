#!/bin/sh
# t0830: attachments travel through `calllog sync` (DESIGN.md, "Evidence"):
# a small file is an ATTACH (base64, FMTTYPE, FILENAME) on its call's or
# case's item and arrives on the other journal with the same SHA-256; a
# file over [sync] attach_max travels as its hash and name only, and the
# other journal says so; an ATTACH a client adds (a photo from jtx Board)
# becomes an attachment, under the folder's rules: bounded, base64
# checked (reported by file and property, never the value), text
# redacted; an ATTACH by URI is a client's line, kept; syncs settle.  The
# last test carries an ATTACH through a real Radicale with vdirsyncer.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	test_bail "/usr/bin/python3 cannot import icalendar" \
	    "(Debian: python3-icalendar; contrib/install-deps test)"
fi

python3 - <<'PY' || test_bail "cannot make the test files"
import struct, zlib
def png(name, rgb):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\x00" + rgb * 3 for _ in range(3))
    open(name, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR",
        struct.pack(">IIBBBBB", 3, 3, 8, 2, 0, 0, 0)) +
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
png("receipt.png", b"\x20\x90\xe0")
png("phone-photo.png", b"\xe0\x10\x30")
open("terms.txt", "w").write("Refund terms: 30 days. TERMS_M4K\n")
PY
head -c 1500000 /dev/urandom >statement.bin

LAPTOP=$TRASH/laptop.db
PHONE=$TRASH/phone.db
DIR=$TRASH/cal

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }
pho() { CALLLOG_DB=$PHONE "$CALLLOG" "$@"; }
sha() { sha256sum "$1" | cut -d" " -f1; }

# unfold FILE: the content lines, unfolded, without CR.
unfold() {
	tr -d '\r' <"$1" | awk '/^[ \t]/ { line = line substr($0, 2); next }
	    { if (NR > 1) print line; line = $0 } END { print line }'
}

# attaches FILE: each ATTACH python3-icalendar finds in FILE's item, as
# "FMTTYPE FILENAME SHA256" of its decoded bytes.
attaches() {
	/usr/bin/python3 - "$1" <<'PY'
import sys, hashlib, base64, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
for c in cal.walk():
    if c.name not in ("VTODO", "VJOURNAL"):
        continue
    a = c.get("ATTACH")
    for p in (a if isinstance(a, list) else [a] if a is not None else []):
        if p.params.get("VALUE") != "BINARY":
            continue
        data = base64.b64decode(str(p), validate=True)
        print(p.params["FMTTYPE"], p.params["FILENAME"],
            hashlib.sha256(data).hexdigest())
PY
}

# add_attach FILE LINE...: a client's edit of FILE's item: the lines
# (folded at 75 octets, CRLF) before its END:VJOURNAL.
add_attach() {
	/usr/bin/python3 - "$@" <<'PY'
import sys
path, lines = sys.argv[1], sys.argv[2:]
def fold(l):
    out, first = [], True
    while len(l) > (75 if first else 74):
        n = 75 if first else 74
        out.append(l[:n]); l = l[n:]; first = False
    out.append(l)
    return "\r\n ".join(out) + "\r\n"
text = open(path, newline="").read()
i = text.index("END:VJOURNAL\r\n")
open(path, "w", newline="").write(text[:i] + "".join(fold(l) for l in lines) + text[i:])
PY
}

b64() { base64 -w0 "$1"; }

test_expect_success 'the laptop attaches files and sync writes them on the items' '
	CALLLOG_NOW=2026-11-20T10:00:00 && export CALLLOG_NOW &&
	expect_exit 0 lap add --org Chase --reason billing --title "Double charge" \
	    --note "first call" &&
	expect_exit 0 lap attach 1 receipt.png --call 1 &&
	expect_exit 0 lap attach 1 terms.txt &&
	expect_exit 0 lap attach 1 statement.bin --call 1 &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "2 written" &&
	CASE=$(lap show 1 --json | jq -r .uuid) &&
	CALL=$(lap show 1 --json | jq -r ".calls_list[0].uuid") &&
	attaches "$DIR/$CALL.ics" >call.att &&
	echo "image/png receipt.png $(sha receipt.png)" >expect &&
	test_cmp expect call.att &&
	attaches "$DIR/$CASE.ics" >case.att &&
	echo "text/plain terms.txt $(sha terms.txt)" >expect &&
	test_cmp expect case.att &&
	unfold "$DIR/$CALL.ics" | grep "^X-CALLLOG-ATTACHMENT" >large &&
	grep -q "FILENAME=\"statement.bin\"" large &&
	grep -q "X-CALLLOG-SIZE=1500000:$(sha statement.bin)\$" large &&
	! grep -q "^ATTACH.*statement" "$DIR/$CALL.ics" &&
	test "$(wc -c <"$DIR/$CALL.ics")" -lt 10000
'

test_expect_success 'the phone gets the small files, same bytes; the large one is named' '
	expect_exit 0 pho sync "$DIR" &&
	out_contains "statement.bin (1.4 MB, sha256 $(sha statement.bin | cut -c1-12)) is on another device" &&
	expect_exit 0 pho attachments --json &&
	jq_is "[.[] | .name] | sort | join(\",\")" "receipt.png,terms.txt" &&
	jq_is ".[] | select(.name == \"receipt.png\") | .sha256" "$(sha receipt.png)" &&
	jq_is ".[] | select(.name == \"receipt.png\") | .call" 1 &&
	jq_is ".[] | select(.name == \"terms.txt\") | .call" null &&
	jq_is ".[] | select(.name == \"receipt.png\") | .media_type" image/png &&
	expect_exit 0 pho attachment get "$(sha receipt.png)" -o got.png &&
	cmp receipt.png got.png
'

test_expect_success 'syncs with nothing changed write nothing, on both' '
	ls -l --time-style=full-iso "$DIR" >before &&
	for i in 1 2; do
		expect_exit 0 lap sync "$DIR" && out_contains "nothing to do" &&
		expect_exit 0 pho sync "$DIR" && out_contains "nothing to do" ||
		return 1
	done &&
	ls -l --time-style=full-iso "$DIR" >after &&
	test_cmp before after
'

test_expect_success 'an attachment added on the phone reaches the laptop' '
	printf "Chat transcript: agent promised a refund. CHAT_7Q\n" >chat.txt &&
	expect_exit 0 pho attach 1 chat.txt --call 1 &&
	expect_exit 0 pho sync "$DIR" && out_contains "1 written" &&
	expect_exit 0 lap sync "$DIR" &&
	expect_exit 0 lap attachments --json &&
	jq_is ".[] | select(.name == \"chat.txt\") | .sha256" "$(sha chat.txt)" &&
	expect_exit 0 lap sync "$DIR" && out_contains "nothing to do" &&
	expect_exit 0 pho sync "$DIR" && out_contains "nothing to do"
'

test_expect_success 'a client ATTACH (jtx Board photo) becomes an attachment; text is redacted' '
	printf "Your card 4111 1111 1111 1111 was refunded. CARDTXT_P2\n" >card.txt &&
	add_attach "$DIR/$CALL.ics" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=image/png;X-FILENAME=IMG_2041.png:$(b64 phone-photo.png)" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=text/plain;FILENAME=note.txt:$(b64 card.txt)" \
	    "ATTACH;FMTTYPE=application/pdf;VALUE=URI:https://example.com/letter.pdf" &&
	expect_exit 0 lap sync "$DIR" &&
	expect_exit 0 lap attachments --json &&
	jq_is ".[] | select(.name == \"IMG_2041.png\") | .sha256" "$(sha phone-photo.png)" &&
	jq_is ".[] | select(.name == \"IMG_2041.png\") | .media_type" image/png &&
	jq_is ".[] | select(.name == \"IMG_2041.png\") | .call" 1 &&
	N=$(jq -r ".[] | select(.name == \"note.txt\") | .id" out) &&
	expect_exit 0 lap attachment get "$N" -o note.got &&
	grep -q CARDTXT_P2 note.got &&
	! grep -q "4111 1111 1111 1111" note.got &&
	! grep -q "1111 1111" note.got &&
	unfold "$DIR/$CALL.ics" | grep -q "^ATTACH;FMTTYPE=application/pdf;VALUE=URI:https://example.com/letter.pdf" &&
	! unfold "$DIR/$CALL.ics" | grep -q "$(b64 card.txt)" &&
	attaches "$DIR/$CALL.ics" >call.att &&
	grep -q "^text/plain note.txt $(sha note.got)\$" call.att &&
	grep -q "^image/png IMG_2041.png $(sha phone-photo.png)\$" call.att &&
	expect_exit 0 lap sync "$DIR" && out_contains "nothing to do"
'

test_expect_success 'the other journal takes them too, and the devices settle' '
	expect_exit 0 pho sync "$DIR" &&
	expect_exit 0 lap sync "$DIR" &&
	expect_exit 0 pho sync "$DIR" &&
	for i in 1 2; do
		expect_exit 0 lap sync "$DIR" && out_contains "nothing to do" &&
		expect_exit 0 pho sync "$DIR" && out_contains "nothing to do" ||
		return 1
	done &&
	lap attachments --json | jq -r "[.[] | .sha256] | sort | .[]" >lap.sha &&
	pho attachments --json | jq -r "[.[] | select(.name != \"statement.bin\") | .sha256] | sort | .[]" >pho.sha &&
	lap attachments --json | jq -r "[.[] | select(.name != \"statement.bin\") | .sha256] | sort | .[]" >lap.sha &&
	test_cmp lap.sha pho.sha &&
	test "$(wc -l <pho.sha)" = 5
'

test_expect_success 'bad base64 and an oversized ATTACH are refused, by file and property; the rest applies' '
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[attach]\nmax_size = 1K\n" >"$XDG_CONFIG_HOME/calllog/config" &&
	head -c 2000 /dev/urandom >over.bin &&
	printf "%%PDF-1.4\n%% card 4111 1111 1111 1111\n%%%%EOF\n" >card.pdf &&
	add_attach "$DIR/$CALL.ics" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=image/png;FILENAME=broken.png:SECRETVALUE1234!" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=image/png;FILENAME=cut.png:$(b64 phone-photo.png | cut -c1-41)" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FILENAME=over.bin:$(b64 over.bin)" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=application/pdf;FILENAME=card.pdf:$(b64 card.pdf)" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FILENAME=small.txt:$(printf "fine, small TXT_OK9\n" | base64 -w0)" &&
	expect_exit 0 lap sync "$DIR" &&
	test "$(grep -c "$CALL.ics: ATTACH: not taken" err)" = 4 &&
	grep -q "not base64" err && grep -q "cut short" err &&
	grep -q "max_size" err && grep -q "cannot redact" err &&
	! grep -q "4111" err && ! grep -q "4111" out &&
	! grep -q SECRETVALUE "$DIR/$CALL.ics" &&
	! grep -q "$(b64 card.pdf | cut -c1-40)" "$DIR/$CALL.ics" &&
	! grep -q SECRETVALUE err && ! grep -q SECRETVALUE out &&
	expect_exit 0 lap attachments --json &&
	jq_is "[.[] | select(.name == \"small.txt\")] | length" 1 &&
	jq_is "[.[] | select(.name == \"broken.png\" or .name == \"cut.png\" or .name == \"over.bin\" or .name == \"card.pdf\")] | length" 0 &&
	rm "$XDG_CONFIG_HOME/calllog/config" &&
	expect_exit 0 lap sync "$DIR" && out_contains "nothing to do" &&
	test ! -s err
'

# An item read but skipped later in the sync (a call whose case is not
# here yet) is read again on every run: what its files brought is still
# said once per version of its file, like all else said of it.
test_expect_success 'a refused ATTACH on an item skipped until its case comes is said once' '
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 "PRODID:-//jtx//EN" \
	    BEGIN:VJOURNAL "UID:jtx-wait@phone" "DTSTAMP:20261121T080000Z" \
	    "DTSTART:20261121T080000Z" "SUMMARY:Called" \
	    "RELATED-TO:0b6c2a0e-9c1d-4c57-9a55-1f0c1f3f4e11" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FILENAME=w.bin:QUJDRA" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FILENAME=n.txt:$(printf "card 4111 1111 1111 1111\n" | base64 -w0)" \
	    END:VJOURNAL END:VCALENDAR >"$DIR/waiting.ics" &&
	expect_exit 0 lap sync "$DIR" &&
	test "$(grep -c "waiting.ics: ATTACH: not taken: its base64 is cut short" err)" = 1 &&
	test "$(grep -c "removed before storing" err)" = 1 &&
	grep -q "skipped: its case 0b6c2a0e is not in the journal" err &&
	! grep -q 4111 err &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	expect_exit 0 lap sync "$DIR" &&
	test_must_be_empty err &&
	rm "$DIR/waiting.ics"
'

# A file name is a client's text like any other: what redaction takes out
# of a note it takes out of a name, at this door as at attach, mail and
# import; the item is written again with the name as kept.
test_expect_success 'an ATTACH whose FILENAME holds a card number is kept under its redacted name' '
	printf "\001\002\003 scan bytes SCAN_OK7\n" >scan.bin &&
	add_attach "$DIR/$CALL.ics" \
	    "ATTACH;ENCODING=BASE64;VALUE=BINARY;FILENAME=\"scan 4111 1111 1111 1111.bin\":$(b64 scan.bin)" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "removed before storing: a card number" err &&
	! grep -q "4111 1111" err && ! grep -q "4111 1111" out &&
	expect_exit 0 lap attachments --json &&
	jq_is ".[] | select(.sha256 == \"$(sha scan.bin)\") | .name" \
	    "scan card ending 1111.bin" &&
	! unfold "$DIR/$CALL.ics" | grep -q "4111 1111" &&
	unfold "$DIR/$CALL.ics" | grep -q "FILENAME=\"scan card ending 1111.bin\"" &&
	! grep -a -q "4111 1111 1111 1111" "$LAPTOP" &&
	if test -e "$LAPTOP-wal"; then ! grep -a -q "4111 1111 1111 1111" "$LAPTOP-wal"; fi &&
	expect_exit 0 lap sync "$DIR" && out_contains "nothing to do" &&
	test_must_be_empty err
'

test_expect_success '[sync] attach_max: a file of that size goes inline, one byte more by hash' '
	mkdir -p "$XDG_CONFIG_HOME/calllog" &&
	printf "[sync]\nattach_max = 2K\n" >"$XDG_CONFIG_HOME/calllog/config" &&
	head -c 2048 /dev/urandom >fits.bin &&
	head -c 2049 /dev/urandom >over2k.bin &&
	expect_exit 0 lap add --case 1 --note "second call" &&
	K=$(lap show 1 --json | jq -r ".calls_list[] | select(.notes == \"second call\") | .uuid") &&
	expect_exit 0 lap attach 1 fits.bin over2k.bin --call 2 &&
	expect_exit 0 lap sync "$DIR" &&
	attaches "$DIR/$K.ics" >k.att &&
	echo "application/octet-stream fits.bin $(sha fits.bin)" >expect &&
	test_cmp expect k.att &&
	unfold "$DIR/$K.ics" | grep -q "^X-CALLLOG-ATTACHMENT;.*FILENAME=\"over2k.bin\";X-CALLLOG-SIZE=2049:$(sha over2k.bin)\$" &&
	expect_exit 0 pho sync "$DIR" &&
	out_contains "over2k.bin (2.0 KB, sha256 $(sha over2k.bin | cut -c1-12)) is on another device" &&
	expect_exit 0 pho attachments --json &&
	jq_is ".[] | select(.name == \"fits.bin\") | .sha256" "$(sha fits.bin)" &&
	jq_is "[.[] | select(.name == \"over2k.bin\")] | length" 0 &&
	rm "$XDG_CONFIG_HOME/calllog/config"
'

# Through a real server: the laptop's folder goes up to Radicale with
# vdirsyncer, a third device's folder comes down from it, and a fresh
# journal syncing that folder gets the file, byte for byte.
if ! command -v "${SYNC_SERVER:-radicale}" >/dev/null 2>&1 ||
    ! command -v vdirsyncer >/dev/null 2>&1 ||
    ! command -v curl >/dev/null 2>&1; then
	test_skip "an ATTACH survives ${SYNC_SERVER:-radicale} and vdirsyncer" \
	    "${SYNC_SERVER:-radicale}, vdirsyncer or curl is not installed (contrib/install-deps)"
	test_done
fi

# vs DEVICE ARGS...: DEVICE's vdirsyncer, its output in vs.out.
vs() {
	VDIRSYNCER_CONFIG=$TRASH/vs-$1/config && export VDIRSYNCER_CONFIG &&
	shift &&
	vdirsyncer "$@" >vs.out 2>&1 || { sed "s/^/    /" vs.out; return 1; }
}

test_expect_success 'an ATTACH survives Radicale and vdirsyncer' '
	dav_start &&
	for dev in lap tab; do
		mkdir -p "vs-$dev" &&
		if test $dev = lap; then d=$DIR; else d=$TRASH/tab-dir; mkdir -p "$d"; fi &&
		printf "%s\n" "[general]" \
		    "status_path = \"$TRASH/vs-$dev/status/\"" \
		    "[pair cal]" "a = \"local\"" "b = \"remote\"" \
		    "collections = null" "conflict_resolution = \"b wins\"" \
		    "[storage local]" "type = \"filesystem\"" \
		    "path = \"$d/\"" "fileext = \".ics\"" \
		    "[storage remote]" "type = \"caldav\"" "url = \"$URL\"" \
		    >"vs-$dev/config" &&
		{ yes | vs $dev discover; } || return 1
	done &&
	vs lap sync &&
	curl -s -f "$URL$CALL.ics" >served.ics &&
	attaches served.ics >served.att &&
	grep -q "^image/png receipt.png $(sha receipt.png)\$" served.att &&
	vs tab sync &&
	CALLLOG_DB=$TRASH/tablet.db && export CALLLOG_DB &&
	expect_exit 0 "$CALLLOG" sync "$TRASH/tab-dir" &&
	expect_exit 0 "$CALLLOG" attachments --json &&
	jq_is ".[] | select(.name == \"receipt.png\") | .sha256" "$(sha receipt.png)" &&
	jq_is ".[] | select(.name == \"IMG_2041.png\") | .sha256" "$(sha phone-photo.png)" &&
	expect_exit 0 "$CALLLOG" sync "$TRASH/tab-dir" && out_contains "nothing to do" &&
	unset CALLLOG_DB
'

test_done
