#!/bin/sh
# t0810: a case's files in its dossier (DESIGN.md, "Evidence"): Exhibit 1,
# 2, ... in timeline order in every format, with name, date, size and
# SHA-256; small images inline in the HTML, a huge one never copied in;
# --bundle writes one zip of the dossier and the exhibits under their
# numbers, and its HTML, opened in headless Chromium, shows the image.
. "$(dirname "$0")/lib.sh"

# A 40x40 PNG of one colour (#1080F0), a PNG over the 2 MB inline limit,
# a PDF and a text file.
python3 - <<'PY' || test_bail "cannot make the test files"
import os, struct, zlib
def png(w, h, rgb, extra=b""):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + extra + chunk(b"IEND", b""))
open("chat.png", "wb").write(png(40, 40, (0x10, 0x80, 0xF0)))
# A private chunk of noise makes it large without changing the picture.
def big():
    d = os.urandom(2300000)
    return struct.pack(">I", len(d)) + b"zzZz" + d + struct.pack(">I", zlib.crc32(b"zzZz" + d))
open("huge.png", "wb").write(png(8, 8, (200, 10, 10), big()))
open("refund.pdf", "wb").write(b"%PDF-1.4\n% refund letter\ntrailer<<>>\n%%EOF\n")
open("notes.txt", "w").write("Agent said the refund posts in 5 days.\n")
PY

sha() { sha256sum "$1" | cut -d" " -f1; }

test_expect_success 'a case with calls and files' '
	CALLLOG_NOW=2026-11-02T15:00:00Z expect_exit 0 cl add --org "Sky Air" \
	    --reason travel --note "flight cancelled" &&
	CALLLOG_NOW=2026-11-03T15:00:00Z expect_exit 0 cl attach 1 refund.pdf &&
	CALLLOG_NOW=2026-11-05T15:00:00Z expect_exit 0 cl add --case 1 \
	    --rep Dana --note "refund promised" &&
	CALLLOG_NOW=2026-11-06T15:00:00Z expect_exit 0 cl attach 1 chat.png \
	    notes.txt --call 2 &&
	CALLLOG_NOW=2026-11-01T15:00:00Z expect_exit 0 cl attach 1 huge.png
'

# Timeline order: huge.png (added Nov 1), refund.pdf (Nov 3), then the
# two on call 2 (Nov 5), whatever order they were attached in.
test_expect_success 'text: exhibits numbered in timeline order, with size and hash' '
	expect_exit 0 cl dossier 1 --format txt &&
	awk "/^Timeline/,/^Exhibits/" out >timeline &&
	grep -n "Exhibit [0-9]:" timeline | sed "s/.*\(Exhibit [0-9]: [a-z.]*\).*/\1/" >order &&
	printf "%s\n" "Exhibit 1: huge.png" "Exhibit 2: refund.pdf" \
	    "Exhibit 3: chat.png" "Exhibit 4: notes.txt" >want &&
	test_cmp want order &&
	test "$(grep -n "Exhibit 2: refund.pdf" timeline | cut -d: -f1)" -lt \
	    "$(grep -n "Call 2" timeline | cut -d: -f1)" &&
	test "$(grep -n "Exhibit 3: chat.png" timeline | cut -d: -f1)" -gt \
	    "$(grep -n "Call 2" timeline | cut -d: -f1)" &&
	out_contains "$(sha refund.pdf)" &&
	out_contains "on call 2" &&
	sed -n "/^Exhibits/,\$p" out >list &&
	grep -q "Exhibit 4  *notes.txt; text/plain" list
'

test_expect_success 'markdown lists the exhibits in the timeline and apart' '
	expect_exit 0 cl dossier 1 --format md &&
	out_contains "## Exhibits" &&
	out_contains "Exhibit 3: chat.png" &&
	out_contains "4. notes.txt" &&
	out_contains "SHA-256 \`$(sha chat.png)\`"
'

test_expect_success 'html: the small image inline, the huge one only named' '
	expect_exit 0 cl dossier 1 --format html -o d.html &&
	grep -q "src=\"data:image/png;base64," d.html &&
	test "$(grep -o "data:image/png" d.html | wc -l)" = 1 &&
	test "$(wc -c <d.html)" -lt 500000 &&
	grep -q "Exhibit 1: huge.png" d.html
'

test_expect_success 'bundle: the dossier and every exhibit under its number, byte for byte' '
	CALLLOG_CHROMIUM=none expect_exit 0 cl dossier 1 --bundle case1.zip &&
	grep -q "HTML only" err &&
	python3 - "$(sha huge.png)" "$(sha refund.pdf)" "$(sha chat.png)" \
	    "$(sha notes.txt)" <<-PY
	import hashlib, re, sys, zipfile
	z = zipfile.ZipFile("case1.zip")
	names = z.namelist()
	want = ["dossier.html", "exhibits/01-huge.png", "exhibits/02-refund.pdf",
	        "exhibits/03-chat.png", "exhibits/04-notes.txt"]
	assert names == want, names
	for n, h in zip(want[1:], sys.argv[1:]):
	    assert hashlib.sha256(z.read(n)).hexdigest() == h, n
	html = z.read("dossier.html").decode()
	links = set(re.findall(r"<a href=\"([^\"]+)\"", html))
	assert links == set(want[1:]), links
	PY
'

test_expect_success 'a bundle over an existing file replaces it whole; refused options' '
	echo old >case2.zip &&
	CALLLOG_CHROMIUM=none expect_exit 0 cl dossier 1 --bundle case2.zip &&
	python3 -c "import zipfile; zipfile.ZipFile(\"case2.zip\").testzip()" &&
	expect_exit 2 cl dossier 1 --bundle x.zip -o d.txt &&
	check_err_line "without -o" &&
	test_path_is_missing x.zip &&
	expect_exit 2 cl dossier 1 --bundle "$CALLLOG_DB" &&
	check_err_line "journal"
'

CHROMIUM=$(command -v chromium || command -v chromium-browser) || CHROMIUM=
if test -n "$CHROMIUM"; then
	test_expect_success 'bundle with Chromium: a PDF, and the HTML shows the image' '
		expect_exit 0 cl dossier 1 --bundle full.zip &&
		mkdir full && (cd full && python3 -c "import zipfile; zipfile.ZipFile(\"../full.zip\").extractall()") &&
		test_path_is_file full/dossier.pdf &&
		head -c 5 full/dossier.pdf | grep -q "%PDF-" &&
		sed "s|</body>|<script>addEventListener(\"load\", () => document.body.setAttribute(\"data-probe\", [...document.images].map(i => i.complete + \":\" + i.naturalWidth + \"x\" + i.naturalHeight).join(\" \")))</script></body>|" \
		    full/dossier.html >full/probe.html &&
		timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
			--disable-quic --no-first-run \
			--disable-background-networking \
			--disable-component-update --disable-sync \
			--user-data-dir="$TRASH/chrome" --virtual-time-budget=5000 \
			--dump-dom "file://$TRASH/full/probe.html" >dom 2>chrome.log &&
		grep -o "data-probe=\"[^\"]*\"" dom >probe &&
		grep -qx "data-probe=\"true:40x40\"" probe
	'
else
	test_skip 'bundle with Chromium: a PDF, and the HTML shows the image' \
	    "chromium (Debian: chromium) missing"
fi

test_done
