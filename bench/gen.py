#!/usr/bin/python3
"""gen.py: build a realistic calllog journal of N cases and about 10 N calls.

    gen.py --calllog ./calllog --cases N --out build-bench/journal-N.db
           [--now 2026-11-20T15:00:00Z] [--taskdata DIR] [--meta FILE]

The journal's schema is made by calllog itself (`calllog --db X open`
applies its migrations); this script then fills it with Python's sqlite3
module, through the schema's triggers, so the full-text index is built the
way calllog's own writes build it.  Everything is pseudo-random from a
seed that depends on N only, so the same N gives the same journal.

What a journal looks like (see bench/README.md):
  - cases opened evenly over the 3 years before --now, with ~40
    organizations (a few dominate), the 9 reasons, titles naming merchants,
    trips or cards; about 10% unresolved, most of them recent;
  - 1 to 19 calls a case (10 on average; fewer for a case opened lately),
    half a day to 10 days apart, from the day the case was opened; ids in time order, as a person records them, so a
    case's calls are scattered through the table;
  - notes of about 100 characters, a representative, a department, an IVR
    path, reference numbers on about 70% of calls, promises on a quarter;
  - case_events for escalations, some resolutions and rescheduled
    follow-ups.
With --taskdata, the same N as Taskwarrior pending tasks (pending.data in
Taskwarrior 2.6's FF4 format), from the same titles and notes.
"""
import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone

DAY = 86400
YEARS = 3

ORGS = [  # (name, weight, numbers)
    ("American Express", 20, ["+18005282122", "+18005284800", "+18552972977"]),
    ("Chase", 10, ["+18009359935", "+18004326111"]),
    ("Citibank", 8, ["+18009502328"]),
    ("Bank of America", 8, ["+18004321000"]),
    ("Wells Fargo", 6, ["+18008693557"]),
    ("Capital One", 6, ["+18772837332"]),
    ("Discover", 5, ["+18003472683"]),
    ("Delta Air Lines", 4, ["+18002211212"]),
    ("United Airlines", 4, ["+18008648331"]),
    ("American Airlines", 3, ["+18004337300"]),
    ("Comcast", 5, ["+18009346489"]),
    ("Verizon", 5, ["+18009220204"]),
    ("AT&T", 4, ["+18002882020"]),
    ("T-Mobile", 3, ["+18009378997"]),
    ("PG&E", 3, ["+18007435000"]),
    ("Con Edison", 2, ["+18007522333"]),
    ("State Farm", 3, ["+18007326784"]),
    ("Geico", 3, ["+18008613280"]),
    ("Allstate", 2, ["+18002557828"]),
    ("Progressive", 2, ["+18007764737"]),
    ("Amazon", 4, ["+18882804331"]),
    ("PayPal", 3, ["+18882211161"]),
    ("Apple", 2, ["+18006927753"]),
    ("Marriott", 2, ["+18005352233"]),
    ("Hilton", 2, ["+18004458667"]),
    ("Expedia", 2, ["+18663978233"]),
    ("Hertz", 1, ["+18006543131"]),
    ("USPS", 1, ["+18002758777"]),
    ("FedEx", 1, ["+18004633339"]),
    ("UPS", 1, ["+18007425877"]),
    ("IRS", 1, ["+18008291040"]),
    ("Social Security", 1, ["+18007721213"]),
    ("Aetna", 1, ["+18008723862"]),
    ("Kaiser Permanente", 1, ["+18004644000"]),
    ("Spectrum", 2, ["+18558607328"]),
    ("Sallie Mae", 1, ["+18004724243"]),
    ("Crédit Agricole", 1, ["+33969399191"]),
    ("Barclays", 1, ["+18772779494"]),
    ("Synchrony", 1, ["+18664194096"]),
    ("U.S. Bank", 1, ["+18008722657"]),
]

REASONS = [("billing", 30), ("account", 15), ("lost-card", 8), ("fraud", 8),
           ("travel", 10), ("rewards", 8), ("activation", 5),
           ("business", 4), ("general", 12)]

OUTCOMES_MID = [("follow-up", 35), ("callback", 15), ("transferred", 15),
                ("dropped", 8), ("info", 20), (None, 7)]
CHANNELS = [("phone", 80), ("chat", 12), ("message", 5), ("letter", 2),
            ("in-person", 1)]
DEPARTMENTS = ["Billing", "Disputes", "Card Services", "Fraud Prevention",
               "Customer Care", "Travel Services", "Membership Rewards",
               "Account Services", "Technical Support", "Claims",
               "Retention", "Collections", "Loyalty", "Escalations"]
IVRS = ['0, "representative"', '1, 3, 0', '"agent", "agent"',
        '2, "billing question"', '*, 0, 0', '4, 1, "speak to someone"',
        '3, 2, 1, 0']
FIRST = ["Dana", "Marco", "Priya", "Luis", "Keisha", "Tom", "Aisha", "Wei",
         "Olga", "Sam", "Jordan", "Fatima", "Carlos", "Emily", "Raj", "Nina",
         "Omar", "Grace", "Ivan", "Maya", "Noah", "Zoe", "Hector", "Lena",
         "Kwame", "Sofia", "Ben", "Yuki", "Ahmed", "Chloé"]
REF_PREFIX = ["DSP", "CLM", "TKT", "CASE", "REF", "SR", "INC", "CNF"]
PROMISES = ["temporary credit", "call back within 48 hours",
            "replacement card by mail", "refund to the card",
            "supervisor to call back", "written confirmation by email",
            "waive the late fee", "escalate to the disputes team",
            "reissue the voucher", "credit of the points"]
CITIES = ["Chicago", "Denver", "Boston", "Seattle", "Austin", "Miami",
          "Lisbon", "Tokyo", "Paris", "Toronto", "Phoenix", "Atlanta"]
MERCH_A = ["Sky", "Blue", "North", "Bright", "Silver", "Golden", "Red",
           "Green", "Iron", "Maple", "Cedar", "Harbor", "River", "Stone",
           "Summit", "Pine", "Ocean", "Sun", "Moon", "Star"]
MERCH_B = ["line", "bird", "wind", "way", "field", "gate", "wood", "brook",
           "light", "crest", "ridge", "port", "view", "point", "dale",
           "works", "mart", "haven", "side", "stone"]
MERCH_C = ["Tickets", "Electronics", "Outfitters", "Cafe", "Hotels",
           "Airlines", "Books", "Pharmacy", "Fitness", "Market"]
# 400 merchants: each appears in about 1 in 1300 cases' titles, and so in
# all the calls of those cases; the benchmark searches one of them.
MERCHANTS = [a + b for a in MERCH_A for b in MERCH_B]

TITLES = {
    "billing": ["{m} {c} charge", "Double charge from {m}",
                "Disputed {m} {c} purchase", "{m} refund not credited",
                "Late fee on statement"],
    "account": ["Address change", "Autopay from new checking",
                "Add authorized user", "Statement delivery",
                "Credit limit increase"],
    "lost-card": ["Card lost in {city}", "Stolen wallet {city}",
                  "Card left at {m}"],
    "fraud": ["Unknown charges from {m}", "Fraud alert {city}",
              "Account takeover attempt"],
    "travel": ["Flight refund {city}", "Hotel booking {city}",
               "{m} {c} cancellation", "Trip insurance claim {city}"],
    "rewards": ["Points not posted for {m}", "Redeem points for travel",
                "Missing bonus offer"],
    "activation": ["Activate replacement card", "New card not working"],
    "business": ["Corporate card for new hire", "Business expense report",
                 "Employee card limit"],
    "general": ["Question about benefits", "Update phone on file",
                "Close old account", "Paperless statements"],
}

NOTE_BITS = [
    "asked for the {m} charge to be reversed",
    "rep confirmed the dispute is open",
    "waited on hold, then transferred to {d}",
    "they need receipts by email",
    "promised a callback tomorrow",
    "said the credit posts in 5 business days",
    "no record of my last call",
    "asked for a supervisor",
    "line dropped after 20 minutes",
    "got a new reference number",
    "card blocked, replacement ordered",
    "they will mail written confirmation",
    "merchant {m} says refund was issued",
    "statement still shows the charge",
    "verified identity with last four digits",
    "rep could not find the case",
    "fee waived as a courtesy",
    "escalation requested, ticket filed",
    "checking with {d} again next week",
    "points adjustment submitted",
]


# The case imported to start a journal (fill() removes it).
SEED_CASE = {
    "id": 1, "uuid": "00000000-0000-4000-8000-000000000000", "org": "Seed",
    "reason": "general", "title": None, "account": None, "status": "open",
    "priority": "normal", "opened": "2026-01-01T00:00:00Z",
    "updated": "2026-01-01T00:00:00Z", "next_followup": None,
    "followup_seq": 0, "escalation": "none",
    "stage_at": "2026-01-01T00:00:00Z", "resolved": None,
    "resolution": None, "amount": None, "currency": None, "merchant": None,
    "charged": None, "events": [], "calls": []}


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def uuid4(rng):
    h = "%032x" % rng.getrandbits(128)
    h = h[:12] + "4" + h[13:16] + "89ab"[int(h[16], 16) & 3] + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def note(rng, merchant, dept):
    """About 100 characters of the things people write down."""
    parts, n = [], 0
    while n < 90:
        s = rng.choice(NOTE_BITS).format(m=merchant, d=dept or "billing")
        parts.append(s)
        n += len(s) + 2
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def parse_now(s):
    return int(datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=timezone.utc).timestamp())


def make_cases(rng, n, now):
    """The cases and their calls, as plain tuples in time order."""
    org_pairs = [(i, w) for i, (_, w, _) in enumerate(ORGS)]
    span = YEARS * 365 * DAY
    cases = []
    for _ in range(n):
        opened = now - span + int(rng.random() * (span - DAY))
        cases.append(opened)
    cases.sort()
    out_cases, out_calls, events = [], [], []
    for cid, opened in enumerate(cases, 1):
        ev0 = len(events)
        org_i = wchoice(rng, org_pairs)
        org, _, numbers = ORGS[org_i]
        reason = wchoice(rng, REASONS)
        merchant = rng.choice(MERCHANTS)
        title = rng.choice(TITLES[reason]).format(
            m=merchant, c=rng.choice(MERCH_C), city=rng.choice(CITIES))
        age = now - opened
        # About 10% unresolved: most cases opened in the last 90 days,
        # and a few forgotten older ones.
        unresolved = rng.random() < (0.60 if age < 90 * DAY else 0.056)
        # 1 to 19 calls, half a day to 10 days apart; a case opened
        # lately has had only the calls that fit before now.
        times, t = [opened], opened
        for _ in range(rng.randint(1, 19) - 1):
            t += rng.randint(DAY // 2, 10 * DAY)
            if t >= now - 60:
                break
            times.append(t)
        ncalls = len(times)
        escalation = 0
        stage_at = opened
        promise = promised_by = None
        outcome = None
        for j, started in enumerate(times):
            last = j == ncalls - 1
            if last and not unresolved:
                outcome = "resolved"
            elif rng.random() < 0.04 and escalation < 3:
                outcome = "escalated"
            else:
                outcome = wchoice(rng, OUTCOMES_MID)
            if outcome == "escalated":
                escalation += 1
                stage_at = started
                events.append((cid, started, "escalate",
                               ["supervisor", "complaint", "regulator"]
                               [escalation - 1], None,
                               "asked for the next level"))
            dept = rng.choice(DEPARTMENTS) if rng.random() < 0.7 else None
            if rng.random() < 0.25:
                promise = rng.choice(PROMISES)
                promised_by = started + rng.randint(2, 10) * DAY
                p = (promise, promised_by)
            else:
                p = (None, None)
            nrefs = 0
            x = rng.random()
            if x < 0.6:
                nrefs = 1
            elif x < 0.7:
                nrefs = 2
            refs = ["%s-%d" % (rng.choice(REF_PREFIX),
                               rng.randint(10000, 99999999))
                    for _ in range(nrefs)]
            hold = rng.randint(0, 2400) if rng.random() < 0.8 else None
            duration = ((hold or 0) + rng.randint(60, 3000)
                        if rng.random() < 0.9 else None)
            rep = None
            if rng.random() < 0.8:
                rep = rng.choice(FIRST)
                if rng.random() < 0.5:
                    rep += " (ID %d)" % rng.randint(1000, 9999)
            out_calls.append([
                started, cid, wchoice(rng, CHANNELS),
                "inbound" if rng.random() < 0.1 else "outbound",
                rng.choice(numbers) if rng.random() < 0.9 else None,
                dept, rng.choice(IVRS) if rng.random() < 0.5 else None,
                rep, hold, duration, outcome, p[0], p[1],
                note(rng, merchant, dept), refs])
        last_call = times[-1]
        if unresolved:
            status = ("escalated" if escalation else
                      "waiting" if outcome == "callback" or
                      (promised_by and promised_by > stage_at) else "open")
            # Follow-ups from two months overdue (a neglected case) to
            # three weeks ahead.
            nf = now + rng.randint(-60 * DAY, 21 * DAY)
            nf = max(nf, last_call + 3600)
            resolved_at = None
            resolution = None
        else:
            status, nf = "resolved", None
            resolved_at = last_call
            resolution = "credited" if rng.random() < 0.3 else None
            if rng.random() < 0.3:
                events.append((cid, last_call + 600, "resolve", None, None,
                               resolution))
        if rng.random() < 0.05:
            events.append((cid, last_call + 300, "followup", None,
                           last_call + 7 * DAY, None))
        # Updated when last touched: calllog touches a case with each
        # call (created a minute after it started) and each event on it.
        touched = max([opened, last_call + 60] +
                      [e[1] for e in events[ev0:]])
        account = ("%04d" % rng.randint(0, 9999)
                   if rng.random() < 0.7 else None)
        priority = ("high" if reason in ("lost-card", "fraud") else
                    "low" if rng.random() < 0.1 else "normal")
        out_cases.append((
            cid, uuid4(rng), org, reason, title, account, status, priority,
            opened, touched, nf, ncalls, ["none",
            "supervisor", "complaint", "regulator"][escalation], stage_at,
            resolved_at, resolution, merchant))
    out_calls.sort(key=lambda k: (k[0], k[1]))
    return out_cases, out_calls, events


def fill(db, cases, calls, events, rng):
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -262144")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("BEGIN")
    # The seed case main() imported to make the journal, and its history.
    # Its removal is recorded as a change, removed too; the fill below is
    # then recorded as before, as one change "(outside calllog)".
    for t in ("call_refs", "calls", "case_events", "cases", "change_rows",
              "changes"):
        con.execute("DELETE FROM " + t)
    con.execute("UPDATE change_state SET change_id = NULL")
    con.executemany(
        "INSERT INTO cases (id, uuid, org, reason, title, account, status,"
        " priority, opened_at, updated_at, next_followup_at, followup_seq,"
        " escalation, stage_at, resolved_at, resolution)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (c[:16] for c in cases))
    # The reference numbers go in just before their call, so that the
    # call's insert trigger indexes them in one FTS5 write, as
    # `calllog add` does it in one transaction; the ref triggers find no
    # row yet and change nothing.
    def call_rows():
        for i, k in enumerate(calls, 1):
            started = k[0]
            yield (i, uuid4(rng), k[1], started, k[2], k[3], k[4], k[5],
                   k[6], k[7], k[8], k[9], k[10], k[11], k[12], k[13],
                   started + 60, started + 60, k[14])
    ins_call = ("INSERT INTO calls (id, uuid, case_id, started_at, channel,"
                " direction, number, department, ivr, rep, hold_seconds,"
                " duration_seconds, outcome, promise, promised_by, notes,"
                " created_at, updated_at) VALUES"
                " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
    ins_ref = "INSERT INTO call_refs (call_id, pos, ref) VALUES (?,?,?)"
    cur = con.cursor()
    for row in call_rows():
        for pos, ref in enumerate(row[18]):
            cur.execute(ins_ref, (row[0], pos, ref))
        cur.execute(ins_call, row[:18])
    con.executemany(
        "INSERT INTO case_events (uuid, case_id, at, kind, level, due_at,"
        " note, updated_at) VALUES (?,?,?,?,?,?,?,?)",
        ((uuid4(rng), e[0], e[1], e[2], e[3], e[4], e[5], e[1])
         for e in sorted(events, key=lambda e: e[1])))
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def write_tasks(taskdir, cases, calls_by_case, rng, now):
    """N pending Taskwarrior tasks: the same titles and a note each."""
    os.makedirs(taskdir, exist_ok=True)
    with open(os.path.join(taskdir, "pending.data"), "w") as f:
        for c in cases:
            cid, org, title, opened = c[0], c[2], c[4], c[8]
            text = "%s: %s. %s" % (org, title, calls_by_case.get(cid, ""))
            text = text.replace('"', "'").replace("[", "(").replace("]", ")")
            text = text.replace("\\", "/")
            project = "".join(ch for ch in org.lower() if ch.isalnum())
            fields = ['description:"%s"' % text[:160],
                      'entry:"%d"' % opened, 'modified:"%d"' % opened,
                      'project:"%s"' % project, 'status:"pending"',
                      'uuid:"%s"' % uuid4(rng)]
            if c[10]:
                fields.append('due:"%d"' % c[10])
            if c[7] == "high":
                fields.append('priority:"H"')
            fields.sort()
            f.write("[" + " ".join(fields) + "]\n")
    for name in ("completed.data", "undo.data", "backlog.data"):
        open(os.path.join(taskdir, name), "w").close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calllog", required=True)
    ap.add_argument("--cases", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--now", default="2026-11-20T15:00:00Z")
    ap.add_argument("--taskdata")
    ap.add_argument("--meta")
    a = ap.parse_args()
    now = parse_now(a.now)
    rng = random.Random(0xCA11 + a.cases)
    tmp = a.out + ".tmp"
    # calllog keeps journals in a private folder, and doctor checks it.
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    os.chmod(os.path.dirname(os.path.abspath(a.out)), 0o700)
    for sfx in ("", "-wal", "-shm"):
        if os.path.exists(tmp + sfx):
            os.unlink(tmp + sfx)
    env = dict(os.environ, CALLLOG_NOW=a.now, TZ="UTC")
    t0 = time.perf_counter()
    # A one-case import, the case then removed by fill(): `open` no
    # longer starts a journal, and a new journal is linked into place only
    # once it holds a case or a number, so an empty import leaves no file.
    empty = tmp + ".seed.json"
    with open(empty, "w") as f:
        json.dump({"format": "calllog-export", "version": 1,
                   "exported": a.now, "cases": [SEED_CASE], "directory": [],
                   "reminders_sent": []}, f)
    subprocess.run([a.calllog, "--db", tmp, "import", empty], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    os.unlink(empty)
    cases, calls, events = make_cases(rng, a.cases, now)
    t1 = time.perf_counter()
    fill(tmp, cases, calls, events, rng)
    t2 = time.perf_counter()
    doctor = subprocess.run([a.calllog, "--db", tmp, "doctor"], env=env,
                            capture_output=True, text=True)
    if doctor.returncode != 0:
        sys.stderr.write(doctor.stdout + doctor.stderr)
        sys.exit("gen.py: calllog doctor failed on the generated journal")
    t3 = time.perf_counter()
    # What the driver needs to pick its arguments: a busy open case, a
    # reference number and a merchant word that exist in this journal.
    con = sqlite3.connect(tmp)
    meta = {"cases": a.cases, "now": a.now,
            "calls": con.execute("SELECT count(*) FROM calls").fetchone()[0],
            "refs": con.execute(
                "SELECT count(*) FROM call_refs").fetchone()[0],
            "events": con.execute(
                "SELECT count(*) FROM case_events").fetchone()[0],
            "open": con.execute("SELECT count(*) FROM cases WHERE status"
                                " <> 'resolved'").fetchone()[0]}
    mid = a.cases // 2
    meta["show_case"] = con.execute(
        "SELECT case_id FROM calls WHERE case_id >= ? GROUP BY case_id"
        " HAVING count(*) BETWEEN 9 AND 11 ORDER BY case_id LIMIT 1",
        (mid,)).fetchone()[0]
    meta["add_case"] = con.execute(
        "SELECT id FROM cases WHERE status <> 'resolved' ORDER BY id DESC"
        " LIMIT 1").fetchone()[0]
    meta["ref"] = con.execute(
        "SELECT r.ref FROM call_refs r JOIN calls k ON k.id = r.call_id"
        " WHERE k.case_id >= ? ORDER BY k.case_id, r.call_id LIMIT 1",
        (mid,)).fetchone()[0]
    meta["word"] = cases[mid][16]
    meta["db_bytes"] = os.path.getsize(tmp)
    con.close()
    meta["seconds"] = {"generate": round(t1 - t0, 2),
                       "insert_with_triggers": round(t2 - t1, 2),
                       "doctor": round(t3 - t2, 2)}
    if a.taskdata:
        first_note = {}
        for k in calls:
            first_note.setdefault(k[1], k[13])
        write_tasks(a.taskdata, cases, first_note, rng, now)
        meta["seconds"]["taskdata"] = round(time.perf_counter() - t3, 2)
    for sfx in ("-wal", "-shm"):
        if os.path.exists(tmp + sfx):
            os.unlink(tmp + sfx)
    os.replace(tmp, a.out)
    if a.meta:
        with open(a.meta, "w") as f:
            json.dump(meta, f, indent=1)
    print("gen.py: %d cases, %d calls, %d refs, %d open, %.1f MB in %.1f s"
          " (insert %.1f s)" % (a.cases, meta["calls"], meta["refs"],
                                meta["open"], meta["db_bytes"] / 1e6,
                                time.perf_counter() - t0, t2 - t1))


if __name__ == "__main__":
    main()
