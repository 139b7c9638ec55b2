#!/usr/bin/python3
"""consistency.py: build journals from generated histories of promises,
credits, resolutions, reopenings and marks, then check that every view of
each case tells the same story (issue 24, "one truth").

    consistency.py CALLLOG SEED [JOURNALS [CASES]]

Reproducible: the same seed gives the same histories, and the seed is
printed first.  Run by tests/t0616-consistency.sh, in its scratch
directory, with TZ and the rest of the environment lib.sh sets.  For each
case at each clock it checks, against the generator's own record (what was
marked, credited, recorded) and the rule of DESIGN.md:

  - each promise's status and whether it was marked by hand, in
    `show --json`, `open --json` and the dossier in txt, md and html;
  - the amount outstanding and the count of contacts, in the same views;
  - `remind --dry-run`: an escalation notice exactly when `show` suggests
    escalating, a broken promise named only when one is broken, and
    nothing to escalate for a case credited in full.
Exit status 0 when all agree; else each disagreement is printed.
"""
import datetime
import json
import os
import random
import re
import subprocess
import sys

STATES = ("kept", "broken", "open", "no deadline", "withdrawn")
START = datetime.datetime(2026, 11, 2, 15, 0, tzinfo=datetime.timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


class Journal:
    def __init__(self, calllog, path):
        self.calllog = calllog
        self.path = path
        self.now = START
        self.log = []

    def run(self, *args, ok=(0,)):
        env = dict(os.environ, CALLLOG_DB=self.path,
                   CALLLOG_NOW=iso(self.now), NO_COLOR="1", COLUMNS="200")
        p = subprocess.run([self.calllog] + list(args), env=env,
                           capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
        self.log.append("%s %s -> %d" % (iso(self.now), " ".join(args),
                                         p.returncode))
        if p.returncode not in ok:
            raise RuntimeError("%s: exit %d: %s" % (
                " ".join(args), p.returncode, p.stderr.strip()))
        return p


class Case:
    """What the generator did to one case: the oracle."""

    def __init__(self, cid, amount):
        self.id = cid
        self.amount = amount        # cents, or None
        self.credited = 0           # cents
        self.calls = 0
        self.marks = {}             # call id -> kept|broken|withdrawn
        self.resolved = False


def cents(s):
    return int(round(float(s) * 100))


def money(c):
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)


def deadline(rng, now):
    """A deadline as a person gives it: a date alone, a date and a time,
    or none; before or after now."""
    day = (now + datetime.timedelta(days=rng.randint(-2, 6))).astimezone(
        ZONE)
    form = rng.random()
    if form < 0.45:
        return day.strftime("%Y-%m-%d")
    if form < 0.8:
        return day.strftime("%Y-%m-%d ") + rng.choice(
            ("08:30", "12:00", "16:45", "23:00"))
    return None


def add_call(j, c, rng):
    args = ["add", "--case", str(c.id), "--note", "call"]
    if rng.random() < 0.6:
        args += ["--promise", "promise %d" % rng.randint(1, 99)]
        by = deadline(rng, j.now)
        if by:
            args += ["--promised-by", by]
    if c.amount and rng.random() < 0.4:
        rest = c.amount - c.credited
        credit = rest if rng.random() < 0.5 else rng.randint(1, max(1, rest))
        if credit > 0:
            args += ["--credited", money(credit)]
    if rng.random() < 0.2:
        args.append("--inbound")
    if rng.random() < 0.2:
        args += ["--outcome", "resolved"]
    if c.resolved:
        args.append("--reopen")
    p = j.run(*args)
    c.calls += 1
    if "--credited" in args:
        c.credited += cents(args[args.index("--credited") + 1])
    c.resolved = "--outcome" in args


def mark(j, c, rng):
    how = rng.choice(("--kept", "--broken", "--withdrawn"))
    args = ["promise", str(c.id), how]
    if rng.random() < 0.5:
        args += ["--note", "marked %d" % rng.randint(1, 99)]
    p = j.run(*args, ok=(0, 1, 2))
    m = re.search(r"promise of call (\d+) (kept|broken|withdrawn)", p.stdout)
    if p.returncode == 0 and m:
        c.marks[int(m.group(1))] = m.group(2)


def history(j, c, rng):
    for _ in range(rng.randint(2, 7)):
        j.now += datetime.timedelta(hours=rng.randint(1, 40))
        r = rng.random()
        if r < 0.45:
            add_call(j, c, rng)
        elif r < 0.6 and not c.resolved:
            j.run("resolve", str(c.id))
            c.resolved = True
        elif r < 0.72 and c.resolved:
            j.run("reopen", str(c.id))
            c.resolved = False
        elif r < 0.9:
            mark(j, c, rng)
        else:
            j.run("escalate", str(c.id), ok=(0, 1))


def expected_status(c, p, case_json, now):
    """DESIGN.md's rule, written out again: the mark; else kept when the
    case stands resolved by the deadline; else broken once the deadline
    has passed (or the case was resolved after it); else open."""
    if p["call"] in c.marks:
        return c.marks[p["call"]], True
    by = epoch(p["by"]) if p["by"] else None
    res = epoch(case_json["resolved"]) if (
        case_json["status"] == "resolved" and case_json["resolved"]) else None
    if res is not None and (by is None or res <= by):
        return "kept", False
    if by is not None and (res is not None or by < now):
        return "broken", False
    return "open", False


def dossier_promises(fmt, text):
    """{call: (status, marked)} from a dossier, "no deadline" as open."""
    out = {}
    if fmt == "html":
        for m in re.finditer(r'<tr data-call="(\d+)" data-status="(\w+)"'
                             r'( data-marked="")?>', text):
            out[int(m.group(1))] = (m.group(2), bool(m.group(3)))
    elif fmt == "md":
        for m in re.finditer(r"^- \*\*(%s)( \(marked by me\))?:\*\* .*?, "
                             r"call (\d+)" % "|".join(STATES), text, re.M):
            out[int(m.group(3))] = (m.group(1), bool(m.group(2)))
    else:
        section = text.split("\nPromises\n--------\n", 1)[1].split(
            "\nTimeline\n", 1)[0]
        state = marked = None
        for line in section.splitlines():
            m = re.match(r"^  (%s)  " % "|".join(STATES), line)
            if m:
                state, marked = m.group(1), False
            elif line.strip() == "(marked by me)":
                marked = True
            m = re.search(r"made on call (\d+),", line)
            if m:
                out[int(m.group(1))] = (state, marked)
    return {k: ("open" if s == "no deadline" else s, mk)
            for k, (s, mk) in out.items()}


def dossier_fact(fmt, text, label):
    pat = {"txt": r"^  %s +(.+)$", "md": r"^- \*\*%s:\*\* (.+)$",
           "html": r'<th scope="row">%s</th><td>([^<]*)</td>'}[fmt]
    m = re.search(pat % label, text, re.M)
    if m is None:
        return None
    # Markdown escapes what it would read as markup: "\-0.01".
    return re.sub(r"\\(.)", r"\1", m.group(1).strip()) if fmt == "md" \
        else m.group(1).strip()


def remind_blocks(text):
    """{case id: the lines of its notice}."""
    blocks, cur = {}, []
    for line in text.splitlines() + ["would notify"]:
        if line.startswith("would notify") and cur:
            m = re.search(r", case (\d+),", "\n".join(cur))
            if m:
                blocks[int(m.group(1))] = "\n".join(cur)
            cur = []
        cur.append(line)
    return blocks


def check(j, cases, errors):
    now = j.now.timestamp()
    opened = {o["id"]: o for o in json.loads(j.run("open", "--json").stdout)}
    reminded = remind_blocks(j.run("remind", "--dry-run").stdout)
    for c in cases:
        where = "journal %s at %s, case %d" % (j.path, iso(j.now), c.id)
        show = json.loads(j.run("show", str(c.id), "--json").stdout)

        def bad(what):
            errors.append("%s: %s" % (where, what))

        want = {p["call"]: expected_status(c, p, show, now)
                for p in show["promises"]}
        got = {p["call"]: (p["status"], p["marked"]) for p in show["promises"]}
        if got != want:
            bad("show --json promises %s, the rule says %s" % (got, want))
        outstanding = money(c.amount - c.credited) if c.amount else None
        if show["outstanding"] != outstanding:
            bad("show --json outstanding %s, recorded %s" % (
                show["outstanding"], outstanding))
        if show["calls"] != c.calls:
            bad("show --json calls %s, recorded %d" % (show["calls"], c.calls))
        o = opened.get(c.id)
        if (o is None) != (show["status"] == "resolved"):
            bad("open --json lists it: %s; status %s" % (o is not None,
                                                         show["status"]))
        if o is not None:
            og = {p["call"]: (p["status"], p["marked"])
                  for p in o.get("promises", [])}
            for key in ("outstanding", "calls", "escalate_suggested",
                        "escalate_reasons", "resolve_suggested"):
                if o.get(key) != show.get(key):
                    bad("open --json %s %s, show %s" % (key, o.get(key),
                                                        show.get(key)))
            if og != got:
                bad("open --json promises %s, show %s" % (og, got))
        for fmt in ("txt", "md", "html"):
            d = j.run("dossier", str(c.id), "--format", fmt).stdout
            dp = dossier_promises(fmt, d)
            if dp != got:
                bad("dossier %s promises %s, show %s" % (fmt, dp, got))
            calls = dossier_fact(fmt, d, "Calls")
            if calls is None or int(calls.split(":")[0]) != show["calls"]:
                bad("dossier %s calls %s, show %s" % (fmt, calls,
                                                      show["calls"]))
            out = dossier_fact(fmt, d, "Outstanding")
            if out != (outstanding and outstanding + " USD"):
                bad("dossier %s outstanding %s, show %s" % (fmt, out,
                                                            outstanding))
        r = reminded.get(c.id, "")
        if ("Escalate with" in r) != show["escalate_suggested"]:
            bad("remind escalates: %s; show suggests: %s" % (
                "Escalate with" in r, show["escalate_suggested"]))
        broken = any(s == "broken" for s, _ in got.values())
        if "promise broken" in r and not broken:
            bad("remind names a broken promise; show has none")
        if "promise_broken" in show["escalate_reasons"] and not broken:
            bad("escalated for a broken promise; show has none")
        settled = bool(c.amount) and c.credited >= c.amount and \
            show["status"] != "resolved"
        if show.get("resolve_suggested") != settled or (
                settled and show["escalate_suggested"]):
            bad("credited in full: %s; resolve_suggested %s, escalate %s" % (
                settled, show.get("resolve_suggested"),
                show["escalate_suggested"]))


def main():
    calllog, seed = sys.argv[1], int(sys.argv[2])
    journals = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    ncases = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    print("seed %d" % seed)
    rng = random.Random(seed)
    errors, checked = [], 0
    for n in range(journals):
        j = Journal(calllog, os.path.abspath("consistency-%d.db" % n))
        cases, latest = [], START
        for i in range(ncases):
            amount = rng.choice((None, 10000, 25050, 64210))
            args = ["add", "--org", "Org %d-%d" % (n, i), "--new-org",
                    "--reason", "billing", "--note", "first"]
            if amount:
                args += ["--amount", money(amount)]
            j.run(*args)
            c = Case(i + 1, amount)
            c.calls = 1
            history(j, c, rng)
            cases.append(c)
            latest = max(latest, j.now)
            # The next case starts near where this one did, so that the
            # journal's cases overlap in time.
            j.now -= datetime.timedelta(hours=rng.randint(0, 60))
        # Each journal is looked at twice: soon after, and weeks later,
        # when deadlines have passed and the 14 days have run out.
        j.now = latest
        for later in (rng.randint(0, 72), rng.randint(300, 700)):
            j.now += datetime.timedelta(hours=later)
            check(j, cases, errors)
            checked += len(cases)
    for e in errors:
        print(e)
    print("%d case views checked, %d disagreements" % (checked, len(errors)))
    return 1 if errors else 0


try:
    from zoneinfo import ZoneInfo
    ZONE = ZoneInfo(os.environ.get("TZ", "America/New_York").lstrip(":"))
except ImportError:
    ZONE = datetime.datetime.now().astimezone().tzinfo
if __name__ == "__main__":
    sys.exit(main())
