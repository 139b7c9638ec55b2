#!/usr/bin/python3
"""consistency.py: build journals from generated histories of promises,
credits and their reversals, notes (with and without a credit), calls
deleted and moved between cases, undos of those, resolutions, reopenings
and marks, in USD, JPY and KWD, then check that every view of each case
tells the same story (issue 24, "one truth").

    consistency.py CALLLOG SEED [JOURNALS [CASES]]

Reproducible: the same seed gives the same histories, and the seed is
printed first.  Run by tests/t0616-consistency.sh, in its scratch
directory, with TZ and the rest of the environment lib.sh sets.  For each
case at each clock it checks, against the generator's own record (what was
marked, credited, recorded) and the rule of DESIGN.md:

  - each promise's status and whether it was marked by hand, in
    `show --json`, `open --json` and the dossier in txt, md and html, and
    that each promise belongs to a call the case holds;
  - the sum credited and the amount outstanding (exact decimal strings in
    the case's currency) and the count of contacts (calls only, never
    notes; the dossier's "Calls" fact and its statement's "I contacted
    ... N times" and "... contacted me N times") in the same views and
    in `cases --json` and `export --format json` (its calls and notes);
  - show's notes_list: the notes made, and their credits;
  - `remind --dry-run`: an escalation notice exactly when `show` suggests
    escalating, a broken promise named only when one is broken, and
    nothing to escalate for a case credited in full.
Exit status 0 when all agree; else each disagreement is printed.
"""
import copy
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
        self.cases = []             # Case, in the order opened
        self.calls = {}             # call id -> its credit, whether inbound
        self.marks = {}             # call id -> kept|broken|withdrawn
        self.refused = []           # corrections the journal refused
        self.errors = []            # follow-ups wrong after a correction
        self.followups = 0          # follow-ups checked after one

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


# A currency's digits after the point, and amounts in dispute in its
# smallest unit.
CURRENCIES = {"USD": (2, (10000, 25050, 64210)), "JPY": (0, (15000, 98765)),
              "KWD": (3, (12345, 250500))}


class Case:
    """What the generator did to one case: the oracle.  A call's mark and
    credit travel with the call (ids are never reused), so they are kept
    in the journal's calls, not here."""

    def __init__(self, cid, amount, cur):
        self.id = cid
        self.amount = amount        # smallest unit, or None
        self.cur = cur              # USD for a case without money
        self.calls = set()          # the ids of its calls
        self.notes = []             # each note's credit, 0: none
        self.resolved = False

    def credited(self, calls):
        return sum(calls[k]["credit"] for k in self.calls) + sum(self.notes)


def money(c, cur="USD"):
    d = CURRENCIES[cur][0]
    if d == 0:
        return "%d" % c
    return "%s%d.%0*d" % ("-" if c < 0 else "", abs(c) // 10 ** d, d,
                          abs(c) % 10 ** d)


def given(c, cur, rng):
    """An amount as a person types it: "-3.00", "-JPY 10", "JPY -10",
    "1.500 KWD"."""
    if cur == "USD":
        return money(c)
    sign, form = "-" if c < 0 else "", rng.random()
    if form < 0.35:
        return "%s%s %s" % (sign, cur, money(abs(c), cur))
    if form < 0.55:
        return "%s %s%s" % (cur, sign, money(abs(c), cur))
    return "%s%s %s" % (sign, money(abs(c), cur), cur)


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
    credit = 0
    if rng.random() < 0.6:
        args += ["--promise", "promise %d" % rng.randint(1, 99)]
        by = deadline(rng, j.now)
        if by:
            args += ["--promised-by", by]
    have = c.credited(j.calls)
    if c.amount and rng.random() < 0.4:
        rest = c.amount - have
        credit = rest if rng.random() < 0.5 else rng.randint(1, max(1, rest))
    elif have > 0 and rng.random() < 0.25:
        credit = -rng.randint(1, have)      # a credit reversed
    if credit:
        args += ["--credited", given(credit, c.cur, rng)]
    inbound = rng.random() < 0.2
    if inbound:
        args.append("--inbound")
    if rng.random() < 0.2:
        args += ["--outcome", "resolved"]
    if c.resolved:
        args.append("--reopen")
    if rng.random() < 0.5:
        args += ["--follow-up", deadline(rng, j.now + datetime.timedelta(
            days=3)) or "in 2 days"]
    p = j.run(*args)
    k = int(re.search(r"recorded call (\d+)", p.stdout).group(1))
    j.calls[k] = {"credit": credit, "inbound": inbound}
    # The follow-up asked for, as the journal took it (a date alone is
    # 09:00); none when the call resolved the case.
    m = re.search(r"next follow-up \w+ (\d{4}-\d\d-\d\d \d\d:\d\d)", p.stdout)
    if "--follow-up" in args and m:
        j.calls[k]["follow_up"] = datetime.datetime.strptime(
            m.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=ZONE).timestamp()
    c.calls.add(k)
    c.resolved = "--outcome" in args


def mark(j, c, rng):
    how = rng.choice(("--kept", "--broken", "--withdrawn"))
    args = ["promise", str(c.id), how]
    if rng.random() < 0.5:
        args += ["--note", "marked %d" % rng.randint(1, 99)]
    p = j.run(*args, ok=(0, 1, 2))
    m = re.search(r"promise of call (\d+) (kept|broken|withdrawn)", p.stdout)
    if p.returncode == 0 and m:
        j.marks[int(m.group(1))] = m.group(2)


def note(j, c, rng):
    """calllog note: seen or received, in the ledger, never a contact."""
    have = c.credited(j.calls)
    r, credit = rng.random(), 0
    if r < 0.4:
        credit = rng.randint(1, c.amount or 5000)
    elif r < 0.7 and have > 0:
        credit = -rng.randint(1, have)
    args = ["note", str(c.id), "statement line %d" % rng.randint(1, 99)]
    if credit:
        args += ["--credited", given(credit, c.cur, rng)]
    j.run(*args)
    c.notes.append(credit)


def settle(j, cases):
    """A delete, a move or an undo can resolve or reopen a case: the
    generator follows what the journal says, to know when --reopen is
    needed."""
    for c in cases:
        c.resolved = json.loads(j.run("show", str(c.id), "--json").stdout)[
            "status"] == "resolved"


def correct(j, c, rng):
    """Delete one of the case's calls, or move one to another case of the
    journal in the same currency, or from one to this case; sometimes
    undone at once."""
    others = [o for o in j.cases if o is not c and o.cur == c.cur]
    src = c
    if others and rng.random() < 0.3:
        src = rng.choice(others)
    if not src.calls:
        return
    k = rng.choice(sorted(src.calls))
    dst = c if src is not c else (rng.choice(others) if others else None)
    saved = copy.deepcopy((j.cases, j.calls, j.marks))
    if dst is None or rng.random() < 0.4:
        p = j.run("delete", "--call", str(k), "--yes", ok=(0, 1, 2))
        if p.returncode == 0:
            src.calls.discard(k)
            del j.calls[k]
            j.marks.pop(k, None)
    else:
        p = j.run("edit", "--call", str(k), "--case", str(dst.id),
                  ok=(0, 1, 2))
        if p.returncode == 0:
            src.calls.discard(k)
            dst.calls.add(k)
    what = j.log[-1]
    if p.returncode != 0:
        j.refused.append("%s: %s" % (what, p.stderr.strip()))
        return
    if rng.random() < 0.3:
        j.run("undo")
        restore(j, saved)
    settle(j, j.cases)
    for x in {src, dst} - {None}:
        check_followup(j, x, what)


def check_followup(j, c, what):
    """Right after a delete or a move: when the case's newest call asked
    for a follow-up and nothing after it resolved, reopened or set one,
    that follow-up is the case's (DESIGN.md: as if the call had always
    been where it now is)."""
    show = json.loads(j.run("show", str(c.id), "--json").stdout)
    if show["status"] == "resolved" or not show["calls_list"]:
        return
    k = max(show["calls_list"], key=lambda k: (k["started"], k["id"]))
    f = j.calls[k["id"]].get("follow_up")
    if f is None or any(e["kind"] in ("resolve", "reopen", "followup") and
                        e["at"] >= k["started"] for e in show["events"]):
        return
    j.followups += 1
    if show["next_followup"] != iso(datetime.datetime.fromtimestamp(
            f, datetime.timezone.utc)):
        j.errors.append("journal %s at %s, case %d: after %s, next "
                        "follow-up %s; call %d, the newest, asked for %s" % (
                            j.path, iso(j.now), c.id, what,
                            show["next_followup"], k["id"],
                            iso(datetime.datetime.fromtimestamp(
                                f, datetime.timezone.utc))))


def restore(j, saved):
    cases, j.calls, j.marks = saved
    for c, was in zip(j.cases, cases):
        c.__dict__.update(was.__dict__)


def history(j, c, rng):
    for _ in range(rng.randint(2, 7)):
        j.now += datetime.timedelta(hours=rng.randint(1, 40))
        r = rng.random()
        if r < 0.33:
            add_call(j, c, rng)
        elif r < 0.41:
            saved = copy.deepcopy((j.cases, j.calls, j.marks))
            note(j, c, rng)
            if rng.random() < 0.2:
                j.run("undo")
                restore(j, saved)
        elif r < 0.58:
            correct(j, c, rng)
        elif r < 0.65 and not c.resolved:
            j.run("resolve", str(c.id))
            c.resolved = True
        elif r < 0.75 and c.resolved:
            j.run("reopen", str(c.id))
            c.resolved = False
        elif r < 0.9:
            mark(j, c, rng)
        else:
            j.run("escalate", str(c.id), ok=(0, 1))


def expected_status(marks, p, case_json, now):
    """DESIGN.md's rule, written out again: the mark; else kept when the
    case stands resolved by the deadline; else broken once the deadline
    has passed (or the case was resolved after it); else open."""
    if p["call"] in marks:
        return marks[p["call"]], True
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


def contacts_said(fmt, text, org):
    """(mine, theirs) from the dossier's statement: "I opened a case",
    "I contacted ORG [N times]", "ORG contacted me N time(s)"."""
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text))
    if fmt == "md":
        flat = re.sub(r"\\(.)", r"\1", flat)
    mine = theirs = None
    if re.search(r"I opened a case with %s about" % re.escape(org), flat):
        mine = 0
    m = re.search(r"I contacted %s( (\d+) times)? about" % re.escape(org),
                  flat)
    if m:
        mine = int(m.group(2)) if m.group(2) else 1
    m = re.search(r"%s contacted me (\d+) times?\." % re.escape(org), flat)
    theirs = int(m.group(1)) if m else 0
    return mine, theirs


def check_export(j, cases, bad_for):
    """export --format json: each case's calls and notes, and so its
    credits, are the oracle's."""
    ex = {x["id"]: x for x in json.loads(
        j.run("export", "--format", "json").stdout)["cases"]}
    for c in cases:
        bad = bad_for(c)
        x = ex.get(c.id)
        if x is None:
            bad("export has no case")
            continue
        ids = {k["id"] for k in x["calls"]}
        if ids != c.calls:
            bad("export calls %s, recorded %s" % (sorted(ids),
                                                  sorted(c.calls)))
        got = [k["credited"] for k in x["calls"] + x.get("notes", [])
               if k["credited"] is not None]
        want = [money(v, c.cur) for v in
                [j.calls[k]["credit"] for k in sorted(c.calls)] + c.notes
                if v]
        if sorted(got) != sorted(want):
            bad("export credits %s, recorded %s" % (sorted(got),
                                                    sorted(want)))


def check(j, cases, errors):
    now = j.now.timestamp()
    opened = {o["id"]: o for o in json.loads(j.run("open", "--json").stdout)}
    listed = {o["id"]: o for o in json.loads(j.run("cases", "--json").stdout)}
    reminded = remind_blocks(j.run("remind", "--dry-run").stdout)

    def bad_for(c):
        where = "journal %s at %s, case %d" % (j.path, iso(j.now), c.id)
        return lambda what: errors.append("%s: %s" % (where, what))

    check_export(j, cases, bad_for)
    for c in cases:
        bad = bad_for(c)
        show = json.loads(j.run("show", str(c.id), "--json").stdout)
        want = {p["call"]: expected_status(j.marks, p, show, now)
                for p in show["promises"]}
        got = {p["call"]: (p["status"], p["marked"]) for p in show["promises"]}
        if got != want:
            bad("show --json promises %s, the rule says %s" % (got, want))
        if not set(got) <= c.calls:
            bad("show --json promises of calls %s; the case holds %s" % (
                sorted(got), sorted(c.calls)))
        credit = c.credited(j.calls)
        credited = money(credit, c.cur) if credit else None
        outstanding = money(c.amount - credit, c.cur) if c.amount else None
        ncalls = len(c.calls)
        theirs = sum(1 for k in c.calls if j.calls[k]["inbound"])
        for key, value in (("credited", credited),
                           ("outstanding", outstanding), ("calls", ncalls)):
            if show[key] != value:
                bad("show --json %s %s, recorded %s" % (key, show[key],
                                                        value))
        if c.amount and show["currency"] != c.cur:
            bad("show --json currency %s, recorded %s" % (show["currency"],
                                                          c.cur))
        notes = [n.get("credited") for n in show.get("notes_list", [])]
        if sorted(x for x in notes if x) != sorted(
                money(v, c.cur) for v in c.notes if v) or \
                len(notes) != len(c.notes):
            bad("show --json notes_list credits %s, recorded %s" % (
                notes, c.notes))
        views = [("cases --json", listed.get(c.id))]
        o = opened.get(c.id)
        if (o is None) != (show["status"] == "resolved"):
            bad("open --json lists it: %s; status %s" % (o is not None,
                                                         show["status"]))
        if o is not None:
            views.append(("open --json", o))
            og = {p["call"]: (p["status"], p["marked"])
                  for p in o.get("promises", [])}
            if og != got:
                bad("open --json promises %s, show %s" % (og, got))
        for name, v in views:
            if v is None:
                bad("%s does not list it" % name)
                continue
            for key in ("status", "credited", "outstanding", "calls",
                        "currency", "escalate_suggested", "escalate_reasons",
                        "resolve_suggested"):
                if v.get(key) != show.get(key):
                    bad("%s %s %s, show %s" % (name, key, v.get(key),
                                               show.get(key)))
        for fmt in ("txt", "md", "html"):
            d = j.run("dossier", str(c.id), "--format", fmt).stdout
            dp = dossier_promises(fmt, d)
            if dp != got:
                bad("dossier %s promises %s, show %s" % (fmt, dp, got))
            calls = dossier_fact(fmt, d, "Calls")
            want_calls = str(ncalls) if not theirs else \
                "%d: %d by me, %d by them" % (ncalls, ncalls - theirs, theirs)
            if calls != want_calls:
                bad("dossier %s calls %s, recorded %s" % (fmt, calls,
                                                          want_calls))
            said = contacts_said(fmt, d, show["org"])
            if said != (ncalls - theirs, theirs):
                bad("dossier %s statement: contacted %s, recorded %s" % (
                    fmt, said, (ncalls - theirs, theirs)))
            for label, value in (("Outstanding", outstanding),
                                 ("Credited", credited or (
                                     c.amount and money(0, c.cur)))):
                f = dossier_fact(fmt, d, label)
                if f != (value and value + " " + c.cur):
                    bad("dossier %s %s %s, recorded %s" % (fmt, label, f,
                                                           value))
        r = reminded.get(c.id, "")
        if ("Escalate with" in r) != show["escalate_suggested"]:
            bad("remind escalates: %s; show suggests: %s" % (
                "Escalate with" in r, show["escalate_suggested"]))
        broken = any(s == "broken" for s, _ in got.values())
        if "promise broken" in r and not broken:
            bad("remind names a broken promise; show has none")
        if "promise_broken" in show["escalate_reasons"] and not broken:
            bad("escalated for a broken promise; show has none")
        settled = bool(c.amount) and credit >= c.amount and \
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
    errors, checked, refused, made, followups = [], 0, [], {}, 0
    for n in range(journals):
        j = Journal(calllog, os.path.abspath("consistency-%d.db" % n))
        latest = START
        for i in range(ncases):
            cur = rng.choice(sorted(CURRENCIES))
            amount = rng.choice((None,) + CURRENCIES[cur][1])
            args = ["add", "--org", "Org %d-%d" % (n, i), "--new-org",
                    "--reason", "billing", "--note", "first"]
            if amount:
                args += ["--amount", given(amount, cur, rng)]
            else:
                cur = "USD"
            p = j.run(*args)
            c = Case(int(re.search(r"opened case (\d+)", p.stdout).group(1)),
                     amount, cur)
            k = int(re.search(r"recorded call (\d+)", p.stdout).group(1))
            j.calls[k] = {"credit": 0, "inbound": False}
            c.calls.add(k)
            j.cases.append(c)
            history(j, c, rng)
            latest = max(latest, j.now)
            # The next case starts near where this one did, so that the
            # journal's cases overlap in time.
            j.now -= datetime.timedelta(hours=rng.randint(0, 60))
        # Each journal is looked at twice: soon after, and weeks later,
        # when deadlines have passed and the 14 days have run out.
        j.now = latest
        for later in (rng.randint(0, 72), rng.randint(300, 700)):
            j.now += datetime.timedelta(hours=later)
            check(j, j.cases, errors)
            checked += len(j.cases)
        refused += j.refused
        errors += j.errors
        followups += j.followups
        for line in j.log:
            what = line.split(" ")[1:3]
            what = " ".join(what) if what[0] in ("edit", "delete") else \
                what[0]
            if "--credited -" in line or "--credited -" in line:
                made["reversal"] = made.get("reversal", 0) + 1
            if what not in ("show", "dossier", "export", "open", "remind",
                            "cases"):
                made[what] = made.get(what, 0) + 1
    for r in refused:
        print("refused (not counted): %s" % r)
    print("made: %s" % ", ".join("%d %s" % (n, what)
                                 for what, n in sorted(made.items())))
    for e in errors:
        print(e)
    print("%d case views checked, %d follow-ups after a correction, "
          "%d disagreements" % (checked, followups, len(errors)))
    return 1 if errors else 0


try:
    from zoneinfo import ZoneInfo
    ZONE = ZoneInfo(os.environ.get("TZ", "America/New_York").lstrip(":"))
except ImportError:
    ZONE = datetime.datetime.now().astimezone().tzinfo
if __name__ == "__main__":
    sys.exit(main())
