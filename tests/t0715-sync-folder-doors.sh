#!/bin/sh
# t0715: what `calllog sync DIR` and `ical --vdir DIR` read from a folder
# a server or another client writes into (DESIGN.md, "DIR is untrusted"):
# the lines calllog keeps of a client's are redacted like notes, in the
# journal and in the file written back, and bounded; warnings name the file
# and the property, never a value; a symbolic link is never followed; two
# syncs of one folder take turns; sync and ical --vdir refuse each other's
# folders; a time in a spring-forward gap is read as RFC 5545 says and an
# impossible date is refused.

. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/sync-lib.sh"

LAPTOP=$TRASH/laptop.db
PHONE=$TRASH/phone.db
DIR=$TRASH/cal
REM=$TRASH/reminders

lap() { CALLLOG_DB=$LAPTOP "$CALLLOG" "$@"; }
pho() { CALLLOG_DB=$PHONE "$CALLLOG" "$@"; }

# no_secrets FILE...: none of the files holds one of the secrets this test
# plants (the cards below, the SSN, the security code 737), in any form the
# planted lines give them or a writer could fold them into: digits apart by
# the separators people paste, an escaped or a folded line break. The files
# are read as raw bytes (a journal, its WAL). It looks for the planted
# secrets, not for any Luhn-valid run: a journal holds numbers of its own
# (a file's mtime in nanoseconds beside its size, a uuid's digit groups)
# that pass for a card's, and a check that read them as leaks failed with
# the clock.
no_secrets() {
	/usr/bin/python3 - "$@" <<'EOF'
import re, sys
cards = ["4111111111111111", "5555555555554444", "378282246310005",
         "4000056655665556", "6011111111111117", "4012888888881881"]
bad = []
for path in sys.argv[1:]:
    try:
        text = open(path, "rb").read().decode("latin-1")
    except FileNotFoundError:
        continue
    text = re.sub(r"\r?\n[ \t]", "", text)
    for m in re.finditer(r"\d(?:(?:[ \t.\-/]|\\n|\r?\n)?\d){12,}", text):
        digits = re.sub(r"\\n|\D", "", m.group(0))
        bad += ["%s: card %s" % (path, c) for c in cards if c in digits]
    for m in re.finditer(r"123-45-6789|CVV 737", text):
        bad.append("%s: %s" % (path, m.group(0)))
for b in sorted(set(bad)):
    print(b)
sys.exit(1 if bad else 0)
EOF
}

# entry FILE UID LINE...: another client's journal entry under case $case1,
# the LINEs inside it; "^LINE" goes before it, at the calendar's level.
entry() {
	_f=$1 _u=$2
	shift 2
	{
		printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:-//phone//x
		for _l; do
			case $_l in ^*) printf "%s\r\n" "${_l#^}" ;; esac
		done
		printf "%s\r\n" BEGIN:VJOURNAL "UID:$_u" \
		    DTSTAMP:20261120T100000Z DTSTART:20261120T100000Z \
		    "RELATED-TO;RELTYPE=PARENT:$case1"
		for _l; do
			case $_l in ^*) ;; *) printf "%s\r\n" "$_l" ;; esac
		done
		printf "%s\r\n" END:VJOURNAL END:VCALENDAR
	} >"$DIR/$_f"
}

# folder_state DIR: names, sizes and contents' sums of a folder's files.
folder_state() {
	( cd "$1" && for f in * .[!.]*; do
		test -e "$f" || test -L "$f" || continue
		printf "%s %s\n" "$f" "$(cat -- "$f" 2>/dev/null | cksum)"
	done )
}

test_expect_success 'setup: a journal synced with a folder' '
	CALLLOG_NOW=2026-11-20T10:00:00 &&
	export CALLLOG_NOW &&
	lap add --org amex --reason billing --title "Refund" \
	    --note "first call" >/dev/null &&
	lap add --org Delta --reason travel --title "Lost bag" >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	case1=$(lap cases --json | jq -r ".[] | select(.title == \"Refund\") |
	    .uuid") &&
	test -n "$case1"
'

test_expect_success 'a client s kept lines are redacted in the journal and the folder' '
	entry kept.ics kept-1@phone "DESCRIPTION:noted on the phone" \
	    "LOCATION:Desk 4111 1111 1111 1111" \
	    "COMMENT:SSN 123-45-6789 given" \
	    "CATEGORIES:work,5555-5555-5555-4444" \
	    "X-NOTE;X-P=\"3782 822463 10005\":the CVV 737 on the back" \
	    "X-SPLIT:4000 0566\\n5566 5556 over two lines" \
	    BEGIN:VALARM ACTION:DISPLAY TRIGGER:-PT5M \
	    "DESCRIPTION:card 6011.1111.1111.1117" END:VALARM \
	    "^X-WR-CALNAME:Cards 4012888888881881" &&
	# the ruler sees every planted secret before calllog reads them
	! no_secrets "$DIR/kept.ics" >planted &&
	test $(wc -l <planted) = 8 &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 added here" &&
	grep -F "kept.ics" err | grep -q "removed before storing" &&
	no_secrets err "$LAPTOP" "$LAPTOP-wal" "$DIR"/*.ics &&
	sqlite3 "$LAPTOP" "SELECT extra FROM sync_items WHERE name = \"kept.ics\"" \
	    >extra &&
	grep -q "^LOCATION:Desk card ending 1111" extra &&
	grep -q "^\\^X-WR-CALNAME:Cards card ending 1881" extra &&
	grep -q "^DESCRIPTION:card ending 1117" extra &&
	no_secrets extra &&
	# written back redacted, the lines still where they stood
	tr -d "\r" <"$DIR/kept.ics" | sed -n "/^BEGIN:VJOURNAL/,\$p" |
	    grep -q "^LOCATION:Desk card ending 1111" &&
	tr -d "\r" <"$DIR/kept.ics" | sed -n "1,/^BEGIN:VJOURNAL/p" |
	    grep -q "^X-WR-CALNAME:Cards card ending 1881" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "nothing to do"
'

test_expect_success 'a journal an older calllog filled keeps no raw line in what it writes' '
	sqlite3 "$LAPTOP" "UPDATE sync_items SET extra =
	    \"COMMENT:card 4111 1111 1111 1111\" || char(10) ||
	    \"^X-WR-CALNAME:5555 5555 5555 4444\" || char(10)
	    WHERE name = \"kept.ics\"" &&
	call=$(lap log --json | jq -r ".[] | select(.notes ==
	    \"noted on the phone\") | .id") &&
	lap edit --call "$call" --rep Sam >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "^X-CALLLOG-REP:Sam" "$DIR/kept.ics" &&
	grep -q "^COMMENT:card ending 1111" "$DIR/kept.ics" &&
	no_secrets "$DIR/kept.ics"
'

test_expect_success 'warnings name the file and the property, never quote the line' '
	entry noprop.ics noprop-1@phone "DESCRIPTION:x" \
	    "card 4111 1111 1111 1111 exp 12/29" &&
	entry outer.ics outer-1@phone "DESCRIPTION:x" \
	    "^SSN 123-45-6789 on the calendar" &&
	entry badtime.ics badtime-1@phone "DESCRIPTION:x" \
	    "COMPLETED:5555555555554444" &&
	# a file name is the server s to choose: neither said nor kept
	entry 4111-1111-1111-1111.ics named-1@phone "DESCRIPTION:by name" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "card ending 1111.ics: skipped: its name holds a number" err &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_items
	    WHERE name LIKE \"%4111%\"")" = 0 &&
	! lap log --json | grep -q "by name" &&
	grep -q "noprop.ics: skipped: a line that is no property" err &&
	grep -q "outer.ics: skipped: a line that is no property" err &&
	grep -q "badtime.ics: skipped: bad COMPLETED" err &&
	no_secrets err &&
	! grep -q "exp 12/29" err &&
	rm "$DIR/noprop.ics" "$DIR/outer.ics" "$DIR/badtime.ics" \
	    "$DIR/4111-1111-1111-1111.ics"
'

test_expect_success 'kept lines are bounded: an item over 64 KiB of them is skipped whole' '
	pad=$(head -c 60 /dev/zero | tr "\0" p) &&
	i=0 && set -- && while test $i -lt 1100; do
		set -- "$@" "X-PAD-$i:$pad" && i=$((i + 1)) || return 1
	done &&
	entry big.ics big-1@phone "DESCRIPTION:too big" "$@" &&
	cksum <"$DIR/big.ics" >big.before &&
	db_snapshot big "$LAPTOP" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "big.ics: skipped: over 64 KiB" err &&
	! grep -q "X-PAD" err &&
	cksum <"$DIR/big.ics" >big.after &&
	test_cmp big.before big.after &&
	db_unchanged big "$LAPTOP" &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_items
	    WHERE length(extra) > 65536")" = 0 &&
	rm "$DIR/big.ics" &&
	# under the bound: kept
	set -- && i=0 && while test $i -lt 800; do
		set -- "$@" "X-PAD-$i:$pad" && i=$((i + 1)) || return 1
	done &&
	entry fits.ics fits-1@phone "DESCRIPTION:fits" "$@" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 added here" &&
	grep -q "^X-PAD-799:" "$DIR/fits.ics"
'

test_expect_success 'delete --purge takes the kept lines of a case and its calls' '
	lap add --case "$case1" --note "another" >/dev/null &&
	entry mark.ics mark-1@phone "DESCRIPTION:marked" "X-MARK:purge-me" &&
	expect_exit 0 lap sync "$DIR" &&
	kept="extra LIKE \"%purge-me%\" OR extra LIKE \"%X-PAD-799%\"" &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_items
	    WHERE extra LIKE \"%purge-me%\"")" = 1 &&
	expect_exit 0 lap delete "$case1" --yes --purge &&
	test "$(sqlite3 "$LAPTOP" "SELECT count(*) FROM sync_items
	    WHERE $kept")" = 0 &&
	! grep -q "X-PAD-799" "$LAPTOP" &&
	! grep -q "purge-me" "$LAPTOP" &&
	expect_exit 0 lap sync "$DIR" &&
	! grep -l "purge-me" "$DIR"/*.ics &&
	! grep -l "X-PAD-799" "$DIR"/*.ics
'

test_expect_success 'setup: a new case for what follows' '
	lap add --org Citi --reason account --title "Links" \
	    --follow-up 2026-12-01 >/dev/null &&
	expect_exit 0 lap sync "$DIR" &&
	case1=$(lap cases --json | jq -r ".[] | select(.title == \"Links\") |
	    .uuid") &&
	test -n "$case1"
'

test_expect_success 'a symbolic link in the folder is never followed' '
	mkdir -p outside &&
	saved=$DIR && DIR=$TRASH/outside &&
	entry linked.ics linked-1@phone "DESCRIPTION:LINKED-SECRET" &&
	DIR=$saved &&
	ln -s ../outside/linked.ics "$DIR/link.ics" &&
	ln -s /etc/shadow "$DIR/shadow.ics" &&
	ln -s "$LAPTOP" "$DIR/journal.ics" &&
	ln -s "$TRASH/outside" "$DIR/dir.ics" &&
	ln -s nowhere "$DIR/dangling.ics" &&
	db_snapshot links "$LAPTOP" &&
	expect_exit 0 lap sync "$DIR" &&
	for f in link shadow journal dir dangling; do
		grep -q "$f.ics: skipped: a symbolic link, not followed" err || {
			echo "not reported: $f.ics"; return 1; }
	done &&
	test "$(grep -c "symbolic link" err)" = 5 &&
	! grep -q LINKED-SECRET err &&
	lap log --json >log.json &&
	! grep -q LINKED-SECRET log.json &&
	test -L "$DIR/link.ics" &&
	# said once, not on every run
	expect_exit 0 lap sync "$DIR" &&
	! grep -q "symbolic link" err &&
	out_contains "nothing to do" &&
	rm "$DIR"/link.ics "$DIR"/shadow.ics "$DIR"/journal.ics "$DIR"/dir.ics \
	    "$DIR"/dangling.ics
'

test_expect_success 'a record s file replaced by a link: not followed, the record kept' '
	name=$(grep -l "^UID:$case1" "$DIR"/*.ics) &&
	cp "$name" case.orig &&
	sed "s/^SUMMARY:.*/SUMMARY:Renamed through a link/" "$name" \
	    >outside/case.ics &&
	rm "$name" &&
	ln -s "$TRASH/outside/case.ics" "$name" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "$(basename "$name"): skipped: a symbolic link" err &&
	test "$(lap show "$case1" --json | jq -r .title)" = Links &&
	rm "$name" &&
	cp case.orig "$name" &&
	expect_exit 0 lap sync "$DIR" &&
	! grep -q "symbolic link" err &&
	test "$(lap show "$case1" --json | jq -r .title)" = Links
'

test_expect_success 'ical --vdir reads no reminder back through a link' '
	lap add --org Chase --reason billing --title "Reminded" \
	    --follow-up 2026-12-02 >/dev/null &&
	expect_exit 0 lap ical --vdir "$REM" &&
	rcase=$(lap cases --json | jq -r ".[] | select(.title == \"Reminded\") |
	    .uuid") &&
	sed "s/^STATUS:NEEDS-ACTION/STATUS:COMPLETED/" "$REM/$rcase-followup.ics" \
	    >outside/done.ics &&
	grep -q "^STATUS:COMPLETED" outside/done.ics &&
	rm "$REM/$rcase-followup.ics" &&
	ln -s "$TRASH/outside/done.ics" "$REM/$rcase-followup.ics" &&
	expect_exit 0 lap ical --vdir "$REM" &&
	grep -q "symbolic link, not followed" err &&
	! grep -q "follow-up done" out &&
	test "$(lap show "$rcase" --json | jq -r .next_followup)" = \
	    "2026-12-02T14:00:00Z" &&
	test -L "$REM/$rcase-followup.ics" &&
	rm "$REM/$rcase-followup.ics" && rm -r "$REM"
'

test_expect_success 'sync and ical --vdir refuse each other s folders, both ways' '
	folder_state "$DIR" >dir.before &&
	db_snapshot refuse "$LAPTOP" &&
	expect_exit 1 lap ical --vdir "$DIR" &&
	check_err_line "kept by \`calllog sync\`" &&
	db_unchanged refuse "$LAPTOP" &&
	# another journal: told by the folder s items
	expect_exit 1 pho ical --vdir "$DIR" &&
	check_err_line "is a folder of \`calllog sync\`" &&
	folder_state "$DIR" >dir.after &&
	test_cmp dir.before dir.after &&
	# and sync refuses the reminders of another journal s ical --vdir
	expect_exit 0 lap ical --vdir "$TRASH/rem2" &&
	folder_state "$TRASH/rem2" >rem.before &&
	pho cases --json >/dev/null &&
	db_snapshot phone "$PHONE" &&
	expect_exit 1 pho sync "$TRASH/rem2" &&
	check_err_line "holds the reminders of \`ical --vdir\`" &&
	db_unchanged phone "$PHONE" &&
	folder_state "$TRASH/rem2" >rem.after &&
	test_cmp rem.before rem.after &&
	expect_exit 0 lap ical --vdir "$TRASH/rem2" --events &&
	expect_exit 1 pho sync "$TRASH/rem2" &&
	check_err_line "holds the reminders of \`ical --vdir\`" &&
	# the sync folder still syncs
	expect_exit 0 lap sync "$DIR"
'

# journal_entry NAME DTSTART-LINE: another client's entry at that time.
timed() {
	entry "$1.ics" "$1@phone" "DESCRIPTION:time $1"
	sed -i "s|^DTSTART:20261120T100000Z|$2|" "$DIR/$1.ics"
}

started() {
	lap log --json | jq -r ".[] | select(.notes == \"time $1\") | .started"
}

test_expect_success 'a time in a spring-forward gap moves forward by the gap (RFC 5545)' '
	timed lon "DTSTART;TZID=Europe/London:20270328T013000" &&
	timed ny "DTSTART;TZID=America/New_York:20270314T023000" &&
	timed syd "DTSTART;TZID=Australia/Sydney:20271003T023000" &&
	timed akl "DTSTART;TZID=Pacific/Auckland:20270926T023000" &&
	timed lonsummer "DTSTART;TZID=Europe/London:20270701T120000" &&
	timed lonfall "DTSTART;TZID=Europe/London:20271031T013000" &&
	timed sydwinter "DTSTART;TZID=Australia/Sydney:20270701T090000" &&
	timed utc "DTSTART:20270328T013000Z" &&
	timed floating "DTSTART:20270314T023000" &&
	timed date "DTSTART;VALUE=DATE:20270314" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "10 added here" &&
	test "$(started lon)" = 2027-03-28T01:30:00Z &&
	test "$(started ny)" = 2027-03-14T07:30:00Z &&
	test "$(started syd)" = 2027-10-02T16:30:00Z &&
	test "$(started akl)" = 2027-09-25T14:30:00Z &&
	test "$(started lonsummer)" = 2027-07-01T11:00:00Z &&
	test "$(started lonfall)" = 2027-10-31T00:30:00Z &&
	test "$(started sydwinter)" = 2027-06-30T23:00:00Z &&
	test "$(started utc)" = 2027-03-28T01:30:00Z &&
	test "$(started floating)" = 2027-03-14T07:30:00Z &&
	test "$(started date)" = 2027-03-14T13:00:00Z
'

test_expect_success 'an impossible date is refused by file and property, not carried over' '
	timed feb30 "DTSTART;VALUE=DATE:20270230" &&
	timed feb29 "DTSTART;VALUE=DATE:20270229" &&
	timed month13 "DTSTART:20271301T100000Z" &&
	timed hour25 "DTSTART:20270101T250000Z" &&
	timed apr31 "DTSTART;TZID=Europe/London:20270431T100000" &&
	timed leap "DTSTART;VALUE=DATE:20280229" &&
	expect_exit 0 lap sync "$DIR" &&
	out_contains "1 added here" &&
	for f in feb30 feb29 month13 hour25 apr31; do
		grep -q "$f.ics: skipped: bad DTSTART$" err || {
			echo "not refused: $f"; return 1; }
	done &&
	! grep -q "2027" err &&
	test "$(started leap)" = 2028-02-29T14:00:00Z &&
	test -z "$(started feb30)" &&
	rm "$DIR"/feb30.ics "$DIR"/feb29.ics "$DIR"/month13.ics \
	    "$DIR"/hour25.ics "$DIR"/apr31.ics
'

test_expect_success 'a case s DUE on February 30 keeps the follow-up it had' '
	before=$(lap show "$case1" --json | jq -r .next_followup) &&
	name=$(grep -l "^UID:$case1" "$DIR"/*.ics) &&
	sed -i "s/^DUE:.*/DUE;VALUE=DATE:20270230\r/" "$name" &&
	grep -q "^DUE;VALUE=DATE:20270230" "$name" &&
	expect_exit 0 lap sync "$DIR" &&
	grep -q "$(basename "$name"): skipped: bad DUE$" err &&
	test "$(lap show "$case1" --json | jq -r .next_followup)" = "$before"
'

test_expect_success 'ical --vdir: a reminder moved to February 30 is not applied' '
	expect_exit 0 lap ical --vdir "$TRASH/rem3" &&
	before=$(lap show "$rcase" --json | jq -r .next_followup) &&
	sed -i "s/^DUE:.*/DUE:20270230T090000Z\r/" "$TRASH/rem3/$rcase-followup.ics" &&
	expect_exit 0 lap ical --vdir "$TRASH/rem3" &&
	grep -q "$rcase-followup.ics.: bad DUE; left as it is" err &&
	! grep -q "20270230" err &&
	! grep -q "moved in a calendar" out &&
	test "$(lap show "$rcase" --json | jq -r .next_followup)" = "$before"
'

# many FILE N PREFIX: an export of N new cases (each with a call) made
# from the one-case export FILE, every uuid fresh: a journal filled fast.
many() {
	/usr/bin/python3 - "$@" <<'EOF'
import json, sys, uuid
doc = json.load(open(sys.argv[1]))
tmpl, n, prefix = doc["cases"][0], int(sys.argv[2]), sys.argv[3]
cases, nid = [], 0
for i in range(n):
    c = json.loads(json.dumps(tmpl))
    c["id"], c["uuid"], c["title"] = i + 1, str(uuid.uuid4()), prefix + str(i)
    for k in c["calls"] + c.get("events", []):
        nid += 1
        k["id"], k["uuid"] = nid, str(uuid.uuid4())
    cases.append(c)
doc["cases"] = cases
json.dump(doc, sys.stdout)
EOF
}

# sync_bg NAME DB DIR [DELAY]: `sync DIR` of journal DB in the background,
# after DELAY seconds; its output in NAME.out and NAME.err, its exit status
# in NAME.rc once it is done.
sync_bg() {
	( sleep "${4:-0}"; CALLLOG_DB=$2 "$CALLLOG" sync "$3" >"$1.out" \
	    2>"$1.err"; echo $? >"$1.rc" ) &
}

# hold DIR SECONDS: another process holds the folder's lock a while;
# returns once it holds it (on a loaded machine, or beside other test
# files, the holder may take long to start).
hold() {
	rm -f held &&
	{ flock "$1" sh -c ': >held; exec sleep "$1"' sh "$2" & } &&
	_h=0 && until test -e held; do
		_h=$((_h + 1)) && test $_h -lt 200 || return 1
		sleep 0.05
	done
}

test_expect_success 'a sync waits for another one of the same folder' '
	command -v flock >/dev/null &&
	SHARED=$TRASH/shared &&
	expect_exit 0 lap sync "$SHARED" &&
	# another sync, holding the folder, midway through writing a file
	: >"$SHARED/.calllog-999999-1.tmp" &&
	hold "$SHARED" 3 &&
	sync_bg wait "$LAPTOP" "$SHARED" &&
	sleep 1 &&
	test_path_is_file "$SHARED/.calllog-999999-1.tmp" &&
	test_path_is_missing wait.rc &&
	wait &&
	test "$(cat wait.rc)" = 0 &&
	test_must_be_empty wait.err &&
	test_path_is_missing "$SHARED/.calllog-999999-1.tmp"
'

test_expect_success 'two journals syncing one folder at once, round after round' '
	rm -f one.db && CALLLOG_DB=one.db "$CALLLOG" add --org amex \
	    --reason billing --title one --note "a call" >/dev/null &&
	CALLLOG_DB=one.db "$CALLLOG" export --format json >one.json &&
	SHARED=$TRASH/shared2 && A=$TRASH/a.db && B=$TRASH/b.db &&
	round=1 && while test $round -le 4; do
		many one.json 150 "a$round-" >a.json &&
		many one.json 150 "b$round-" >b.json &&
		CALLLOG_DB=$A "$CALLLOG" import a.json >/dev/null &&
		CALLLOG_DB=$B "$CALLLOG" import b.json >/dev/null &&
		rm -f a.rc b.rc &&
		sync_bg a "$A" "$SHARED" &&
		sync_bg b "$B" "$SHARED" "0.$((round + 1))" &&
		wait &&
		test "$(cat a.rc) $(cat b.rc)" = "0 0" || {
			echo "round $round:"; cat a.err b.err; return 1; }
		test_must_be_empty a.err && test_must_be_empty b.err &&
		round=$((round + 1)) || return 1
	done &&
	CALLLOG_DB=$A "$CALLLOG" sync "$SHARED" >/dev/null &&
	CALLLOG_DB=$B "$CALLLOG" sync "$SHARED" >/dev/null &&
	CALLLOG_DB=$A "$CALLLOG" sync "$SHARED" >/dev/null &&
	CALLLOG_DB=$A "$CALLLOG" export --format json | journal_norm >a.norm &&
	CALLLOG_DB=$B "$CALLLOG" export --format json | journal_norm >b.norm &&
	test_cmp a.norm b.norm &&
	test "$(jq ".cases | length" a.norm)" = 1200 &&
	test "$(ls "$SHARED" | wc -l)" = 2400 &&
	! ls -A "$SHARED" | grep -q "^\\." &&
	CALLLOG_DB=$B "$CALLLOG" sync "$SHARED" >out &&
	out_contains "nothing to do"
'

test_expect_success 'one journal synced twice at once: both finish' '
	uuid=$(CALLLOG_DB=$A "$CALLLOG" show 1 --json | jq -r .uuid) &&
	CALLLOG_DB=$A "$CALLLOG" edit 1 --title "edited" >/dev/null &&
	rm -f a.rc b.rc &&
	sync_bg a "$A" "$SHARED" &&
	sync_bg b "$A" "$SHARED" &&
	wait &&
	test "$(cat a.rc) $(cat b.rc)" = "0 0" &&
	test_must_be_empty a.err && test_must_be_empty b.err &&
	CALLLOG_DB=$B "$CALLLOG" sync "$SHARED" >/dev/null &&
	test "$(CALLLOG_DB=$B "$CALLLOG" show "$uuid" --json | jq -r .title)" = \
	    edited
'

test_done
