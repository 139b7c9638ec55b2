#!/bin/sh
# The CSV export opened as a person's spreadsheet opens it: LibreOffice
# Calc, headless, converting it back to CSV.  No cell is run as a formula,
# whatever the journal's text began with, and phone numbers stay text.
. "$(dirname "$0")/lib.sh"

SOFFICE=$(command -v soffice || command -v libreoffice) || SOFFICE=

# calc FILE.csv: what LibreOffice makes of the file, as CSV in out/FILE.csv.
calc() {
	rm -rf lo && mkdir lo &&
	HOME=$TRASH/lo-home "$SOFFICE" --headless --norestore \
	    "-env:UserInstallation=file://$TRASH/lo-profile" \
	    --convert-to csv --outdir lo "$1" >lo.log 2>&1 &&
	test -s "lo/$(basename "$1")"
}

if test -z "$SOFFICE"; then
	test_skip 'CSV opened by LibreOffice' \
	    'no soffice (Debian: libreoffice-calc-nogui; make deps-test)'
	test_done
fi

# Each cell as typed, after the single quote that made it inert: a formula
# would have left 3, 1, 9, 8 or a link's text.
cat >check.py <<\EOF
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 2, rows
first = rows[0] if rows[0]["call_id"] == "1" else rows[1]
second = rows[1] if first is rows[0] else rows[0]
# Each cell as typed, after the single quote that made it inert:
# a formula would have left 3, 1, 9, 8 or a link's text.
want = {"title": "'=1+2", "department": "'-2+3", "ivr": "'@SUM(1,2)",
    "promise": "'=HYPERLINK(\"http://example.com\",\"x\")",
    "refs": "'=3*3", "rep": "'+1 555 0100"}
for k, v in want.items():
    assert first[k] == v, (k, first[k], v)
assert first["notes"].startswith("'\t=4+4"), first["notes"]
assert second["rep"] == "'=cmd|\" /C calc\"!A0", second["rep"]
# Phone numbers are text, whole: not 18005282122 as a number.
assert first["number"] == "'+18005282122", first["number"]
assert second["number"] == "'+442079460958", second["number"]
EOF

test_expect_success 'a journal whose text begins as formulas do' '
	expect_exit 0 cl add --org amex --reason billing \
	    --title "=1+2" --rep "+1 555 0100" --department "-2+3" \
	    --ivr "@SUM(1,2)" --promise "=HYPERLINK(\"http://example.com\",\"x\")" \
	    --ref "=3*3" --number 1-800-528-2122 \
	    --note "$(printf "\\t=4+4")" --note "ok" &&
	expect_exit 0 cl add --case 1 --rep "=cmd|\" /C calc\"!A0" \
	    --number "+44 20 7946 0958"
'

test_expect_success 'the CSV export, opened in LibreOffice Calc, runs no formula' '
	cl export --format csv >calls.csv &&
	calc calls.csv &&
	/usr/bin/python3 check.py lo/calls.csv
'

test_expect_success 'without the quote, Calc would have run them (the test can tell)' '
	printf "a,b\r\n=1+2,+18005282122\r\n" >raw.csv &&
	calc raw.csv &&
	grep -q "^3,18005282122" lo/raw.csv
'

test_done
