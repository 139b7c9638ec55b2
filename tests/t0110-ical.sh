#!/bin/sh
# t0110: `calllog ical` read by parsers and clients nobody here wrote:
# python3-icalendar, ical.js (Thunderbird's parser), khal, todoman and
# calcurse; stable UIDs, SEQUENCE, --events, the --vdir mirror and the
# atomic -o (DESIGN.md, "Interface contract"; TESTING.md, "Calendar files").
#
# todoman and calcurse exit 0 even when they could not read a file, so
# what they show is checked, never their exit status.

# lib.sh moves into a temporary directory: make ICALJS_DIR absolute first.
case ${ICALJS_DIR-} in
''|/*) ;;
*) ICALJS_DIR=$PWD/$ICALJS_DIR ;;
esac

. "$(dirname "$0")/lib.sh"

if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	test_bail "/usr/bin/python3 cannot import icalendar" \
	    "(Debian: python3-icalendar; contrib/install-deps test)"
fi

# Where ical.js is, or why it cannot be used.
ICALJS=
if test -z "${ICALJS_DIR-}"; then
	ICALJS_WHY="ICALJS_DIR is not set (make check sets it)"
elif ! test -f "$ICALJS_DIR/node_modules/ical.js/package.json"; then
	ICALJS_WHY="no $ICALJS_DIR/node_modules/ical.js"
elif ! command -v node >/dev/null 2>&1; then
	ICALJS_WHY="node is not on PATH"
else
	ICALJS=$ICALJS_DIR/node_modules/ical.js
fi
TODOMAN=$(command -v todoman || command -v todo) || TODOMAN=

# --- helpers -------------------------------------------------------------

# ics.py FILE: what python3-icalendar reads in FILE, as JSON: the
# calendars, and each VTODO or VEVENT with its fields (times in UTC, ISO
# 8601 with Z) and how many times some properties occur; plus what the raw
# bytes look like (CRLF, line lengths, UTF-8 kept whole when folding).
cat >ics.py <<'EOF'
import datetime, json, re, sys
import icalendar

raw = open(sys.argv[1], "rb").read()
report = {"bare_newlines": raw.replace(b"\r\n", b"").count(b"\n"),
          "ends_with_crlf": raw.endswith(b"\r\n"),
          "long_lines": [], "broken_utf8_lines": []}
lines = raw.split(b"\r\n")
if lines and lines[-1] == b"":
    lines.pop()
for l in lines:
    if len(l) > 75:
        report["long_lines"].append(l.decode("utf-8", "replace"))
    try:
        l.decode("utf-8")
    except UnicodeDecodeError:
        report["broken_utf8_lines"].append(repr(l))

# Unfold, then count properties per component, keyed by UID.
logical = []
for l in lines:
    if l[:1] in (b" ", b"\t") and logical:
        logical[-1] += l[1:]
    else:
        logical.append(l)
raw_props = {}
stack = []
for l in logical:
    s = l.decode("utf-8", "replace")
    name = re.split("[;:]", s, 1)[0].upper()
    value = s.split(":", 1)[1] if ":" in s else ""
    if name == "BEGIN":
        stack.append({"type": value, "props": {}})
    elif name == "END":
        comp = stack.pop()
        if comp["type"] in ("VTODO", "VEVENT"):
            uid = comp["props"].get("UID", [""])[0].split(":", 1)[-1]
            raw_props[uid] = comp["props"]
    elif stack:
        stack[-1]["props"].setdefault(name, []).append(s)

def utc(comp, name):
    if comp.get(name) is None:
        return None
    t = comp.decoded(name)
    if not isinstance(t, datetime.datetime) or t.utcoffset() is None:
        return "not a UTC time: %r" % (t,)
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

def text(comp, name):
    v = comp.get(name)
    return None if v is None else str(v)

cals = icalendar.Calendar.from_ical(raw, multiple=True)
report["calendars"] = [{"version": text(c, "VERSION"),
                        "prodid": text(c, "PRODID")} for c in cals]
items = []
for cal in cals:
    for c in cal.walk():
        if c.name not in ("VTODO", "VEVENT"):
            continue
        uid = text(c, "UID")
        props = raw_props.get(uid, {})
        cats = c.get("CATEGORIES")
        cats = cats if isinstance(cats, list) else [cats] if cats else []
        items.append({
            "type": c.name, "uid": uid,
            "summary": text(c, "SUMMARY"),
            "description": text(c, "DESCRIPTION"),
            "due": utc(c, "DUE"), "dtstart": utc(c, "DTSTART"),
            "dtend": utc(c, "DTEND"),
            "raw_due": props.get("DUE"), "raw_dtstart": props.get("DTSTART"),
            "dtstamp": [p.split(":", 1)[1] for p in props.get("DTSTAMP", [])],
            "sequence": c.get("SEQUENCE"),
            "priority": c.get("PRIORITY"),
            "categories": [[str(x) for x in v.cats] for v in cats],
            "categories_lines": len(props.get("CATEGORIES", [])),
            "related_to": [str(v) for v in (c.get("RELATED-TO")
                if isinstance(c.get("RELATED-TO"), list)
                else [c.get("RELATED-TO")] if c.get("RELATED-TO") else [])],
            "alarms": [{"action": text(a, "ACTION"),
                        "trigger": a["TRIGGER"].to_ical().decode()
                            if a.get("TRIGGER") is not None else None,
                        "description": text(a, "DESCRIPTION")}
                       for a in c.subcomponents if a.name == "VALARM"],
        })
report["items"] = items
json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
EOF

# icaljs.mjs ICALJS FILE: the same, as ical.js reads FILE.
cat >icaljs.mjs <<'EOF'
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { default: ICAL } = await import(
    pathToFileURL(process.argv[2] + "/dist/ical.js").href);
const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[3],
    "utf8")));
const utc = (comp, name) => {
	const t = comp.getFirstPropertyValue(name);
	if (t === null)
		return null;
	if (!t.zone || t.zone.tzid !== "UTC")
		return "not a UTC time: " + t.toString();
	return t.toJSDate().toISOString().replace(/\.000Z$/, "Z");
};
const items = [];
for (const c of root.getAllSubcomponents()) {
	if (c.name !== "vtodo" && c.name !== "vevent")
		continue;
	items.push({
		type: c.name.toUpperCase(),
		uid: c.getFirstPropertyValue("uid"),
		summary: c.getFirstPropertyValue("summary"),
		description: c.getFirstPropertyValue("description"),
		due: utc(c, "due"), dtstart: utc(c, "dtstart"),
		dtend: utc(c, "dtend"),
		dtstamp: c.getAllProperties("dtstamp").map(p =>
		    p.getFirstValue().toString()),
		sequence: c.getFirstPropertyValue("sequence"),
		categories: c.getAllProperties("categories").map(p =>
		    p.getValues()),
		categories_lines: c.getAllProperties("categories").length,
		related_to: c.getAllProperties("related-to").map(p =>
		    p.getFirstValue()),
		alarms: c.getAllSubcomponents("valarm").map(a => ({
			action: a.getFirstPropertyValue("action"),
			trigger: a.getFirstProperty("trigger") ?
			    a.getFirstProperty("trigger").toICALString() : null,
			description: a.getFirstPropertyValue("description"),
		})),
	});
}
console.log(JSON.stringify({ calendars: [{
	version: root.getFirstPropertyValue("version"),
	prodid: root.getFirstPropertyValue("prodid") }], items }, null, 1));
EOF

# parse_py FILE: ./py.json is what python3-icalendar read in FILE.
parse_py() {
	/usr/bin/python3 ics.py "$1" >py.json 2>py.err && return 0
	echo "python3-icalendar could not read $1:"
	test_show_file "stderr" py.err
	test_show_file "$1" "$1"
	return 1
}

# parse_js FILE: ./js.json is what ical.js read in FILE.
parse_js() {
	node icaljs.mjs "$ICALJS" "$1" >js.json 2>js.err && return 0
	echo "ical.js could not read $1:"
	test_show_file "stderr" js.err
	test_show_file "$1" "$1"
	return 1
}

# open_cases: ./open.json is `calllog open --json`, the expected values.
open_cases() {
	"$CALLLOG" open --json >open.json 2>open.err && return 0
	echo "calllog open --json failed:"
	test_show_file "stderr" open.err
	return 1
}

# iq JSON FILTER EXPECTED: FILTER on JSON (with $open, the open cases, and
# $now, CALLLOG_NOW) gives EXPECTED, strings raw, the rest compact.
iq() {
	if ! _iq_got=$(jq -r -c --slurpfile o open.json \
	    --arg now "$CALLLOG_NOW" "\$o[0] as \$open | $2" "$1" \
	    2>.jq-err); then
		echo "jq '$2' failed on $1:"
		sed 's/^/    /' .jq-err
		return 1
	fi
	test "$_iq_got" = "$3" && return 0
	echo "jq '$2' on $1:"
	echo "    expected: $3"
	echo "    got:      $_iq_got"
	return 1
}

# The checks every parser's view of the to-do calendar must pass.

# uids_match JSON: one item per open case's follow-up and one per
# escalation deadline, each UID once.
uids_match() {
	iq "$1" '[.items[].uid] as $got |
	    [$open[] | .uuid + "-followup", .uuid + "-escalation"] as $want |
	    {missing: ($want - $got), extra: ($got - $want),
	     twice: ($got | group_by(.) | map(select(length > 1) | .[0]))}' \
	    '{"missing":[],"extra":[],"twice":[]}'
}

# dues_match JSON FIELD: the follow-up's FIELD (due or dtstart) is the
# case's next_followup, in UTC.
dues_match() {
	iq "$1" "[\$open[] as \$c | {case: \$c.id, want: \$c.next_followup,
	    got: [.items[] | select(.uid == \$c.uuid + \"-followup\") | .$2]} |
	    select(.got != [.want])]" '[]'
}

# summaries_name_org JSON: every item's SUMMARY holds its case's
# organization exactly.
summaries_name_org() {
	iq "$1" '[$open[] as $c | .items[] |
	    select(.uid | startswith($c.uuid)) |
	    select(.summary | contains($c.org) | not) |
	    {uid, summary, org: $c.org}]' '[]' &&
	iq "$1" "[.items[] | select(.summary |
	    contains(\"$ORG1\"))] | length" 2
}

# one_categories JSON: exactly one CATEGORIES property on each item, and
# it says calllog.
one_categories() {
	iq "$1" '[.items[] | select(.categories_lines != 1 or
	    (.categories[0] | index("calllog")) == null) |
	    {uid, categories}]' '[]'
}

# related_ok JSON: escalation items point at their case, follow-ups not.
related_ok() {
	iq "$1" '[.items[] | select(.uid | endswith("-escalation")) |
	    select(.related_to != [.uid | rtrimstr("-escalation")]) |
	    {uid, related_to}]' '[]' &&
	iq "$1" '[.items[] | select(.uid | endswith("-escalation") | not) |
	    select(.related_to != []) | {uid, related_to}]' '[]'
}

# alarms_ok JSON: each item has an alarm, each alarm is ACTION:DISPLAY
# with a TRIGGER and the DESCRIPTION RFC 5545 requires for DISPLAY.
alarms_ok() {
	iq "$1" '[.items[] | select((.alarms | length) == 0 or
	    any(.alarms[]; .action != "DISPLAY" or .trigger == null or
	    .description == null)) | {uid, alarms}]' '[]'
}

# local_time ISO: the local "YYYY-MM-DD HH:MM" of a UTC time.
local_time() {
	date -d "$1" '+%Y-%m-%d %H:%M'
}

# vdir_stat DIR: name, inode and modification time of each .ics file.
vdir_stat() {
	(cd "$1" && for _f in *.ics; do
		test -e "$_f" && stat -c '%n %i %y' "$_f"
	done)
}

# has_line FILE LINE: FILE has LINE as a whole line.
has_line() {
	grep -F -x -e "$2" "$1" >/dev/null && return 0
	echo "expected a line '$2' in $1"
	test_show_file "$1" "$1"
	return 1
}

# --- the journal ---------------------------------------------------------

ORG1='Crédit Agricole; Bank, Inc. 東京'
# Now is Friday 2026-11-20 10:00 in New York (15:00Z).
test_expect_success 'a journal: five cases, one escalated, one resolved' '
	printf "%s\n" "kiwi-first-line of the note" \
		"second line; with, punctuation: \"quoted\"" >note.txt &&
	expect_exit 0 cl add --org "$ORG1" --reason billing \
		--title "double charge, \"hotel\"; twice" --account 4321 \
		--number 1-212-555-0147 --rep "Agent 7" \
		--ref CA-2026-0042 --ref "ZX;9,1" --note - \
		--follow-up "2026-11-25 14:30" <note.txt &&
	expect_exit 0 cl add --org amex --reason lost-card \
		--number 1-800-528-4800 --ref LC-1001 \
		--promise "send a replacement card" --promised-by 2026-11-24 &&
	expect_exit 0 cl add --org Chase --reason fraud \
		--number 1-800-935-9935 --ref CH-77 --follow-up 2026-11-27 &&
	expect_exit 0 cl escalate 3 --level supervisor \
		--note "asked for a supervisor" &&
	expect_exit 0 cl add --org "Delta Air Lines" --reason travel \
		--number 1-800-221-1212 --ref DL-9 --outcome resolved &&
	expect_exit 0 cl add --org Comcast --reason general \
		--number 1-800-934-6489 --ref CC-5 \
		--follow-up "2026-12-02 10:15" &&
	open_cases &&
	iq open.json "[\$open[].id]" "[2,1,3,5]" &&
	iq open.json "[\$open[] | select(.id == 1) | .org == \"$ORG1\"]" \
		"[true]" &&
	iq open.json "[\$open[] | select(.id == 3) | .status]" "[\"escalated\"]" &&
	expect_exit 0 cl show 4 --json &&
	jq_is .status resolved &&
	UUID4=$(jq -r .uuid out) &&
	test -n "$UUID4"
'

# --- ical -o, read by python3-icalendar ----------------------------------

test_expect_success 'ical -o cal.ics writes the calendar; stdout gives the same' '
	expect_exit 0 cl ical -o cal.ics &&
	test_must_be_empty err &&
	test -s cal.ics &&
	expect_exit 0 cl ical &&
	test_cmp cal.ics out
'

test_expect_success 'python3-icalendar reads one VCALENDAR with 8 VTODOs' '
	parse_py cal.ics &&
	iq py.json ".calendars | length" 1 &&
	iq py.json ".calendars[0].version" 2.0 &&
	iq py.json ".calendars[0].prodid | test(\"calllog\")" true &&
	iq py.json "[.items[] | select(.type == \"VTODO\")] | length" 8 &&
	iq py.json "[.items[] | select(.type != \"VTODO\")] | length" 0
'

test_expect_success 'lines end in CRLF, fold at 75 octets, keep UTF-8 whole' '
	iq py.json .bare_newlines 0 &&
	iq py.json .ends_with_crlf true &&
	iq py.json .long_lines "[]" &&
	iq py.json .broken_utf8_lines "[]"
'

test_expect_success 'UIDs: uuid-followup and uuid-escalation, never the case uuid (sync'"'"'s); each once' '
	uids_match py.json
'

test_expect_success 'a follow-up is DUE, in UTC, at the case next_followup' '
	dues_match py.json due &&
	iq py.json "[.items[].raw_due[] | select(test(\"^DUE:[0-9]{8}T[0-9]{6}Z\$\") | not)]" "[]"
'

# DESIGN.md: escalate after 14 days in a stage, or when a promise is
# broken, whichever comes first; a deadline given as a date ends that day
# (04:59:59Z in New York in winter), and the escalation is due once it
# has passed, at midnight.
test_expect_success 'an escalation is due as the promise passes, else 14 days on' '
	iq py.json "[\$open[] as \$c | .items[] |
		select(.uid == \$c.uuid + \"-escalation\") |
		{case: \$c.id, due,
		 want: (if \$c.open_promise_by then (\$c.open_promise_by |
			fromdateiso8601 + 1 | todateiso8601) else
			(\$c.opened | fromdateiso8601 + 14 * 86400 |
			todateiso8601) end)} |
		select(.due != .want)]" "[]" &&
	iq py.json "[\$open[] | select(.id == 2) | .open_promise_by]" \
		"[\"2026-11-25T04:59:59Z\"]" &&
	iq py.json "[.items[] | select(.uid | endswith(\"-escalation\")) |
		.due | select(. == \"2026-11-25T05:00:00Z\")] | length" 1
'

test_expect_success 'SUMMARY gives back the organization exactly' '
	summaries_name_org py.json &&
	iq py.json "[.items[] | select(.uid | endswith(\"-escalation\")) |
		select(.summary | contains(\"Escalate\") | not) | .uid]" "[]"
'

test_expect_success 'DESCRIPTION has the number and the reference numbers' '
	U1=$(jq -r ".[] | select(.id == 1) | .uuid" open.json) &&
	U2=$(jq -r ".[] | select(.id == 2) | .uuid" open.json) &&
	iq py.json "[.items[] | select(.uid | startswith(\"$U1\")) |
		.description | (split(\"\n\") | index(\"Call: 1-212-555-0147\")
		!= null) and contains(\"CA-2026-0042\") and
		contains(\"ZX;9,1\")]" "[true,true]" &&
	iq py.json "[.items[] | select(.uid | startswith(\"$U2\")) |
		.description | contains(\"1-800-528-4800\") and
		contains(\"LC-1001\")]" "[true,true]"
'

test_expect_success 'DESCRIPTION has no notes and no account digits' '
	iq py.json "[.items[] | select(.description |
		contains(\"kiwi\") or contains(\"punctuation\") or
		contains(\"4321\") or contains(\"asked for a\")) | .uid]" "[]"
'

test_expect_success 'exactly one CATEGORIES line on each item' '
	one_categories py.json
'

test_expect_success 'DTSTAMP on each item, the pinned now, in UTC' '
	iq py.json "[.items[] | select(.dtstamp != [\"20261120T150000Z\"]) |
		{uid, dtstamp}]" "[]"
'

test_expect_success 'RELATED-TO on escalation items points at the case' '
	related_ok py.json
'

test_expect_success 'each item has a VALARM with ACTION:DISPLAY' '
	alarms_ok py.json
'

test_expect_success 'the resolved case is not in the calendar' '
	iq py.json "[.items[] | select(.uid | startswith(\"$UUID4\"))]" "[]" &&
	! grep -e Delta -e DL-9 cal.ics
'

# --- ical.js -------------------------------------------------------------

if test -n "$ICALJS"; then
	test_expect_success 'ical.js reads the same 8 VTODOs and UIDs' '
		parse_js cal.ics &&
		iq js.json "[.items[] | select(.type == \"VTODO\")] | length" 8 &&
		iq js.json ".calendars[0].version" 2.0 &&
		uids_match js.json
	'
	test_expect_success 'ical.js: DUE in UTC, SUMMARY, DESCRIPTION' '
		dues_match js.json due &&
		summaries_name_org js.json &&
		iq js.json "[.items[] | select(.description |
			contains(\"ZX;9,1\"))] | length" 2
	'
	test_expect_success 'ical.js: CATEGORIES, DTSTAMP, RELATED-TO, VALARM' '
		one_categories js.json &&
		iq js.json "[.items[] | select(.dtstamp |
			length != 1 or .[0] != \"2026-11-20T15:00:00Z\") |
			{uid, dtstamp}]" "[]" &&
		related_ok js.json &&
		alarms_ok js.json
	'
else
	test_skip 'ical.js reads the same 8 VTODOs and UIDs' \
	    "ical.js not installed: $ICALJS_WHY"
	test_skip 'ical.js: DUE in UTC, SUMMARY, DESCRIPTION' \
	    "ical.js not installed: $ICALJS_WHY"
	test_skip 'ical.js: CATEGORIES, DTSTAMP, RELATED-TO, VALARM' \
	    "ical.js not installed: $ICALJS_WHY"
fi

# --- stable UIDs, SEQUENCE -----------------------------------------------

test_expect_success 'a later export has the same UIDs (and a new DTSTAMP)' '
	jq -c "[.items[] | {uid, sequence}] | sort" py.json >uids1.json &&
	(
		CALLLOG_NOW=2026-11-20T17:30:00Z &&
		expect_exit 0 cl ical -o cal2.ics
	) &&
	parse_py cal2.ics &&
	jq -c "[.items[] | {uid, sequence}] | sort" py.json >uids2.json &&
	test_cmp uids1.json uids2.json &&
	iq py.json "[.items[].dtstamp[]] | unique" "[\"20261120T173000Z\"]"
'

# --- --events, khal, calcurse --------------------------------------------

test_expect_success '--events gives VEVENTs with DTSTART at the follow-up' '
	expect_exit 0 cl ical --events -o events.ics &&
	parse_py events.ics &&
	iq py.json "[.items[] | select(.type == \"VEVENT\")] | length" 8 &&
	iq py.json "[.items[] | select(.type != \"VEVENT\")] | length" 0 &&
	uids_match py.json &&
	dues_match py.json dtstart &&
	iq py.json "[.items[] | select(.dtstart == null or .dtend == null or
		.dtend <= .dtstart) | {uid, dtstart, dtend}]" "[]" &&
	summaries_name_org py.json &&
	one_categories py.json &&
	alarms_ok py.json
'

if test -n "$ICALJS"; then
	test_expect_success 'ical.js reads the events: DTSTART in UTC' '
		parse_js events.ics &&
		iq js.json "[.items[] | select(.type == \"VEVENT\")] | length" 8 &&
		dues_match js.json dtstart &&
		summaries_name_org js.json
	'
else
	test_skip 'ical.js reads the events: DTSTART in UTC' \
	    "ical.js not installed: $ICALJS_WHY"
fi

# expected_agenda: "local-start summary" of every item, from py.json.
expected_agenda() {
	jq -r '.items[] | "\(.dtstart) \(.summary)"' py.json |
	while read -r _start _summary; do
		printf '%s %s\n' "$(local_time "$_start")" "$_summary"
	done | sort
}

if command -v khal >/dev/null 2>&1; then
	test_expect_success 'khal import --batch takes the events; khal list shows them' '
		parse_py events.ics &&
		mkdir -p khal-cal &&
		cat >khal.conf <<-EOF &&
		[calendars]
		[[calllog]]
		path = $TRASH/khal-cal
		type = calendar
		[locale]
		timeformat = %H:%M
		dateformat = %Y-%m-%d
		longdateformat = %Y-%m-%d
		datetimeformat = %Y-%m-%d %H:%M
		longdatetimeformat = %Y-%m-%d %H:%M
		local_timezone = America/New_York
		default_timezone = America/New_York
		[default]
		default_calendar = calllog
		[sqlite]
		path = $TRASH/khal.db
		EOF
		expect_exit 0 khal -c khal.conf import --batch events.ics &&
		test "$(ls khal-cal | wc -l)" = 8 &&
		expect_exit 0 khal -c khal.conf list --format "{start} {title}" \
			--day-format "" 2026-11-20 2026-12-31 &&
		grep . out | sort >khal-agenda &&
		expected_agenda >want-agenda &&
		test_cmp want-agenda khal-agenda &&
		grep -F -e "$ORG1" khal-agenda | grep "^2026-11-25 14:30 "
	'
else
	test_skip 'khal import --batch takes the events; khal list shows them' \
	    "khal is not installed"
fi

if command -v calcurse >/dev/null 2>&1; then
	test_expect_success 'calcurse imports the to-dos' '
		mkdir cc-todo &&
		expect_exit 0 calcurse -D cc-todo -i cal.ics &&
		out_contains "8 todos" &&
		expect_exit 0 calcurse -D cc-todo -t &&
		parse_py cal.ics &&
		jq -r ".items[] | \"\(.priority). \(.summary)\"" py.json |
			sort >want-todo &&
		grep -v "^to do:" out | sort >calcurse-todo &&
		test_cmp want-todo calcurse-todo
	'
	test_expect_success 'calcurse imports the events at their local times' '
		parse_py events.ics &&
		mkdir cc-apt &&
		expect_exit 0 calcurse -D cc-apt -i events.ics &&
		out_contains "8 apps" &&
		expect_exit 0 calcurse -D cc-apt -Q --filter-type apt \
			--from 11/20/2026 --days 45 \
			--format-apt "%(start:%Y-%m-%d %H:%M) %m\n" &&
		grep "^2026-" out | sort >calcurse-agenda &&
		expected_agenda >want-agenda &&
		test_cmp want-agenda calcurse-agenda
	'
else
	test_skip 'calcurse imports the to-dos' "calcurse is not installed"
	test_skip 'calcurse imports the events at their local times' \
	    "calcurse is not installed"
fi

# --- --vdir and todoman --------------------------------------------------

VDIR=$TRASH/cals/calllog

test_expect_success '--vdir writes one file per item, named by its UID' '
	mkdir cals &&
	expect_exit 0 cl ical --vdir "$VDIR" &&
	out_contains "8 added, 0 updated, 0 removed" &&
	parse_py cal.ics &&
	jq -r ".items[].uid + \".ics\"" py.json | sort >want-files &&
	ls "$VDIR" | sort >got-files &&
	test_cmp want-files got-files &&
	for f in $(cat got-files); do
		parse_py "$VDIR/$f" &&
		iq py.json "[.items[].uid + \".ics\"]" "[\"$f\"]" &&
		iq py.json ".calendars | length" 1 || return 1
	done
'

# todoman_list: ./todo.json is what todoman shows of the vdir.
todoman_list() {
	cat >todoman-config.py <<-EOF
	path = "$TRASH/cals/*"
	date_format = "%Y-%m-%d"
	time_format = "%H:%M"
	default_list = "calllog"
	cache_path = "$TRASH/todoman-cache.sqlite3"
	EOF
	"$TODOMAN" -c todoman-config.py --porcelain list >todo.json 2>todo.err &&
	    jq -e 'type == "array"' todo.json >/dev/null && return 0
	echo "todoman failed:"
	test_show_file "stdout" todo.json
	test_show_file "stderr" todo.err
	return 1
}

if test -n "$TODOMAN"; then
	test_expect_success 'todoman shows each follow-up with its due' '
		todoman_list &&
		iq todo.json "length" 8 &&
		iq todo.json "[\$open[] as \$c | {case: \$c.id,
			want: (\$c.next_followup | fromdateiso8601),
			got: [.[] | select(.summary | startswith(\"Follow up\")) |
				select(.summary | contains(\$c.org)) | .due]} |
			select(.got != [.want])]" "[]" &&
		iq todo.json "[.[] | select(.summary | contains(\"$ORG1\"))] |
			length" 2 &&
		iq todo.json "[.[] | select(.completed)] | length" 0
	'
else
	test_skip 'todoman shows each follow-up with its due' \
	    "todoman is not installed"
fi

test_expect_success 'a second --vdir run adds and updates nothing, touches no file' '
	echo "my own notes" >"$VDIR/notes.txt" &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//handmade//EN\r\nBEGIN:VEVENT\r\nUID:dentist-2026@example.org\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:20261201T150000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" \
		>"$VDIR/other.ics" &&
	vdir_stat "$VDIR" >stat1 &&
	(
		CALLLOG_NOW=2026-11-20T16:00:00Z &&
		expect_exit 0 cl ical --vdir "$VDIR"
	) &&
	out_contains "0 added, 0 updated, 0 removed" &&
	vdir_stat "$VDIR" >stat2 &&
	test_cmp stat1 stat2 &&
	test -f "$VDIR/notes.txt" &&
	test -f "$VDIR/other.ics"
'

test_expect_success 'followup raises SEQUENCE and moves DUE in ical -o' '
	open_cases &&
	U1=$(jq -r ".[] | select(.id == 1) | .uuid" open.json) &&
	parse_py cal.ics &&
	seq1=$(jq -r ".items[] | select(.uid == \"$U1-followup\") | .sequence" py.json) &&
	expect_exit 0 cl followup 1 "2026-11-28 11:00" &&
	open_cases &&
	iq open.json "[\$open[] | select(.id == 1) | .next_followup]" \
		"[\"2026-11-28T16:00:00Z\"]" &&
	expect_exit 0 cl ical -o cal3.ics &&
	parse_py cal3.ics &&
	uids_match py.json &&
	dues_match py.json due &&
	seq2=$(jq -r ".items[] | select(.uid == \"$U1-followup\") | .sequence" py.json) &&
	echo "SEQUENCE $seq1 -> $seq2" &&
	test "$seq2" -gt "$seq1"
'

test_expect_success '--vdir after the reschedule updates that case, no other' '
	U1=$(jq -r ".[] | select(.id == 1) | .uuid" open.json) &&
	vdir_stat "$VDIR" | grep -v "^$U1" >stat1 &&
	expect_exit 0 cl ical --vdir "$VDIR" &&
	out_contains "0 added" &&
	out_contains "0 removed" &&
	! out_contains " 0 updated" &&
	vdir_stat "$VDIR" | grep -v "^$U1" >stat2 &&
	test_cmp stat1 stat2 &&
	parse_py "$VDIR/$U1-followup.ics" &&
	iq py.json ".items[0].due" 2026-11-28T16:00:00Z &&
	iq py.json ".items[0].sequence > $seq1" true
'

test_expect_success 'resolving a case removes its follow-up file; others stay' '
	open_cases &&
	U5=$(jq -r ".[] | select(.id == 5) | .uuid" open.json) &&
	test -f "$VDIR/$U5-followup.ics" &&
	test -f "$VDIR/$U5-escalation.ics" &&
	expect_exit 0 cl resolve 5 --note "credit applied" &&
	vdir_stat "$VDIR" | grep -v "^$U5" >stat1 &&
	expect_exit 0 cl ical --vdir "$VDIR" &&
	out_contains "0 added, 0 updated" &&
	out_contains "6 in all" &&
	! test -e "$VDIR/$U5-followup.ics" &&
	vdir_stat "$VDIR" | grep -v "^$U5" >stat2 &&
	test_cmp stat1 stat2 &&
	test "$(cat "$VDIR/notes.txt")" = "my own notes" &&
	grep Dentist "$VDIR/other.ics"
'

test_expect_success '... and its escalation file: the folder mirrors open cases' '
	{
		! test -e "$VDIR/$U5-escalation.ics" ||
		{ echo "$U5-escalation.ics, of resolved case 5, is still there"
		  false; }
	} &&
	out_contains "2 removed" &&
	ls "$VDIR" | grep "\.ics\$" | grep -v -x other.ics | sort >got-files &&
	open_cases &&
	jq -r ".[] | .uuid + \"-followup.ics\", .uuid + \"-escalation.ics\"" open.json |
		sort >want-files &&
	test_cmp want-files got-files
'

if test -n "$TODOMAN"; then
	test_expect_success 'todoman follows: the resolved case is gone, the new due shown' '
		todoman_list &&
		iq todo.json "[.[] | select(.summary | contains(\"Comcast\"))]" \
			"[]" &&
		iq todo.json "[.[] | select(.summary | startswith(\"Follow up\")) |
			select(.summary | contains(\"$ORG1\")) | .due]" \
			"[$(date -d 2026-11-28T16:00:00Z +%s)]"
	'
else
	test_skip 'todoman follows: the resolved case is gone, the new due shown' \
	    "todoman is not installed"
fi

# Another client's item in the same folder, named as Thunderbird and many
# CalDAV servers name theirs (a lowercase UUID): not calllog's to remove.
test_expect_success 'a foreign to-do named by a UUID is not removed' '
	F=0f8e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nBEGIN:VTODO\r\nUID:$F\r\nDTSTAMP:20261101T120000Z\r\nSUMMARY:Buy milk\r\nEND:VTODO\r\nEND:VCALENDAR\r\n" \
		>"$VDIR/$F.ics" &&
	expect_exit 0 cl ical --vdir "$VDIR" &&
	out_contains "0 removed" &&
	test -f "$VDIR/$F.ics"
'

# --- -o replaces atomically ----------------------------------------------

test_expect_success '-o replaces the file by renaming: mode 0600, no temp left' '
	mkdir out-dir &&
	echo "an old calendar" >out-dir/cal.ics &&
	chmod 644 out-dir/cal.ics &&
	ln out-dir/cal.ics out-dir/old-link &&
	expect_exit 0 cl ical -o out-dir/cal.ics &&
	test_must_be_empty err &&
	mode_is 600 out-dir/cal.ics &&
	test "$(cat out-dir/old-link)" = "an old calendar" &&
	printf "%s\n" cal.ics old-link >want-ls &&
	ls -A out-dir >got-ls &&
	test_cmp want-ls got-ls &&
	parse_py out-dir/cal.ics &&
	iq py.json ".items | length" 6
'

test_expect_success '--vdir replaces a changed item by renaming: a hard link keeps the old text' '
	expect_exit 0 cl ical --vdir vd-link &&
	open_cases &&
	U2=$(jq -r ".[] | select(.id == 2) | .uuid" open.json) &&
	ln "vd-link/$U2-followup.ics" vd-old &&
	cp vd-old vd-old.copy &&
	expect_exit 0 cl followup 2 2026-12-09 &&
	expect_exit 0 cl ical --vdir vd-link &&
	! out_contains " 0 updated" &&
	test_cmp vd-old.copy vd-old &&
	! cmp -s vd-old "vd-link/$U2-followup.ics" &&
	grep -q "^DUE:20261209T140000Z" "vd-link/$U2-followup.ics"
'

# A lock held on the folder itself, as `sync` holds it: the run waits for
# it instead of writing among another's half-renamed files.
test_expect_success '--vdir takes turns: it waits for a run holding the folder' '
	rm -f vd-held vd-order &&
	{ flock vd-link sh -c ": >vd-held; sleep 1; echo released >vd-order" & } &&
	n=0 && while ! test -f vd-held; do
		n=$((n + 1)) && test $n -lt 50 || return 1
		sleep 0.1
	done &&
	expect_exit 0 cl ical --vdir vd-link &&
	echo vdir >>vd-order &&
	wait &&
	printf "%s\n" released vdir >want-order &&
	test_cmp want-order vd-order
'

# The folder is untrusted: a file's name is its writer's to choose, and a
# message names it redacted, as sync's do.
test_expect_success '--vdir refuses a folder of sync by a file named without its card number' '
	mkdir vd-card &&
	printf "BEGIN:VCALENDAR\r\nX-CALLLOG-KIND:case\r\nEND:VCALENDAR\r\n" \
	    >vd-card/4111-1111-1111-1111.ics &&
	expect_exit 1 cl ical --vdir vd-card &&
	check_err_line "is a folder of \`calllog sync\` (card ending 1111.ics)" &&
	! grep -q 4111 err &&
	test "$(ls -A vd-card)" = 4111-1111-1111-1111.ics
'

test_expect_success '-o into a missing folder: exit 1, one line, nothing made' '
	mkdir empty &&
	expect_exit 1 cl ical -o empty/no-such-dir/cal.ics &&
	check_err_line "no-such-dir" &&
	test -z "$(ls -A empty)"
'

test_done
