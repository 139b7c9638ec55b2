#!/usr/bin/python3
"""bench.py: the calllog benchmark driver (make bench, make bench-quick).

For each journal size N it measures, over repeated runs on a warm cache,
the median wall time and the peak RSS of calllog's commands, of the
"floor" -- the sqlite3 shell replaying the very SQL statements calllog ran,
with the same bound values -- and of the equivalent Taskwarrior 2.6
commands on N pending tasks; then writes bench/RESULTS.md.

Every process is started by build-bench/spawn (bench/spawn.c), which reads
the clock around fork..wait4 and takes ru_maxrss from wait4: a child
forked from Python would report Python's own memory as its peak.

Runs: --warmup unmeasured runs, then --runs measured runs per command
(11 by default), calllog and its floor interleaved so that a change of load
hits both.  Writing commands (add) run on a throwaway copy of the journal
made once per command and size, which grows by one call per run (at most
a few dozen rows on top of ~10 N calls; accepted).  Taskwarrior's add and
annotate likewise run on a copy of its data.
"""
import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-20T15:00:00Z"

# Targets of the issue, at the largest N (100,000 cases): the commands
# that must be instant, the calendar, and memory.
TARGET_MS = 10.0
TARGET_FLOOR_RATIO = 2.0
TARGET_ICAL_MS = 150.0
TARGET_RSS_MB = 10.0
# A word that a fifth of the generated calls mention (gen.py's notes and
# titles): with --limit it must cost at most TARGET_COMMON_RATIO times a
# search of a rare word, the merchant's name of `search word`.
COMMON_WORD = "refund"
# The folder `calllog sync` keeps, made in the command's scratch directory.
SYNC_DIR = "<scratch>/vdir"
TARGET_COMMON_RATIO = 2.0
# A sync with nothing changed (issue 23): its peak memory, whatever the
# journal's size, and its time against the SQL floor plus reading the
# folder's directory (every name and its stat, which finding the changed
# files needs).
TARGET_SYNC_RSS_MB = 32.0
TARGET_SYNC_RATIO = 1.5


def log(msg):
    sys.stderr.write("bench: %s\n" % msg)
    sys.stderr.flush()


class Runner:
    def __init__(self, spawn, env):
        self.spawn = spawn
        self.env = env

    def once(self, argv, stdin="/dev/null", stdout="/dev/null", env=None):
        """(wall ms, peak RSS MB, exit status) of one run."""
        out = subprocess.run([self.spawn, "-i", stdin, "-o", stdout, "-e",
                              stdout + ".err" if stdout != "/dev/null"
                              else "/dev/null", "--"] + argv,
                             env=env or self.env, capture_output=True,
                             text=True, check=True).stdout.split()
        return int(out[0]) / 1000.0, int(out[1]) / 1024.0, int(out[2])


def median(xs):
    return statistics.median(xs) if xs else None


def sha(paths):
    h = hashlib.sha1()
    for p in paths:
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:12]


def journal_for(n, calllog, work):
    """The cached journal of n cases (and its Taskwarrior data): made once
    per size, generator and schema."""
    schema = sorted(os.path.join(ROOT, "schema", f) for f in
                    os.listdir(os.path.join(ROOT, "schema"))
                    if re.match(r"\d{3}_.*\.sql$", f))
    key = sha(schema + [os.path.join(ROOT, "bench", "gen.py")])
    d = os.path.join(work, "N%d-%s" % (n, key))
    meta = os.path.join(d, "meta.json")
    if not os.path.exists(meta):
        for old in os.listdir(work):
            if old.startswith("N%d-" % n):
                shutil.rmtree(os.path.join(work, old))
        log("generating a journal of %d cases (cached in %s)" % (n, d))
        os.makedirs(d, mode=0o700)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench",
                        "gen.py"), "--calllog", calllog, "--cases", str(n),
                        "--now", NOW, "--out", os.path.join(d, "journal.db"),
                        "--taskdata", os.path.join(d, "taskdata"),
                        "--meta", meta + ".tmp"], check=True)
        os.replace(meta + ".tmp", meta)
    with open(meta) as f:
        m = json.load(f)
    m["dir"] = d
    m["db"] = os.path.join(d, "journal.db")
    m["schema_files"] = [os.path.basename(s) for s in schema]
    return m


def floor_script(trace, out, fresh_ids):
    """The sqlite3 script replaying a trace.  With fresh_ids (a writing
    command replayed again and again on one copy), a uuid bound to an
    INSERT is made anew each run, and a row id the trace made earlier is
    looked up as the newest row of its table."""
    rowids = {}
    lines = []
    uuid = re.compile(r"^\.parameter set \?\d+ \"'[0-9a-f]{8}-[0-9a-f]{4}-"
                      r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'\"$")
    param = re.compile(r"^(\.parameter set \?\d+ )(-?\d+)$")
    with open(trace) as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^-- rowid (\w+) (\d+)$", line)
            if m:
                rowids.setdefault(int(m.group(2)), m.group(1))
                continue
            if fresh_ids:
                if uuid.match(line):
                    line = line.split('"')[0] + "lower(hex(randomblob(16)))"
                m = param.match(line)
                if m and int(m.group(2)) in rowids:
                    line = "%s(SELECT(max(rowid))FROM(%s))" % (
                        m.group(1), rowids[int(m.group(2))])
            lines.append(line)
    tmp = "%s.tmp-%d" % (out, os.getpid())
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, out)
    return sum(1 for ln in lines if ln and not ln.startswith("."))


def commands(m, n):
    """(key, calllog args, writes, Taskwarrior args or None, note)."""
    mid = max(1, n // 2)
    return [
        ("add", ["add", "--org", "amex", "--reason", "billing", "--title",
                 "Skyline Tickets charge", "--number", "1-800-528-2122",
                 "--ivr", '0, "representative"', "--rep", "Dana (ID 4471)",
                 "--ref", "DSP-20931", "--hold", "18m", "--duration", "34m",
                 "--outcome", "follow-up", "--promise", "temporary credit",
                 "--promised-by", "+3d", "--note",
                 "Asked for the Skyline charge to be reversed; rep "
                 "confirmed the dispute is open; they need receipts."],
         True, ["add", "American Express: Skyline Tickets charge. Asked "
                "for the Skyline charge to be reversed", "project:amex",
                "due:+3d"], "a new case and its first call"),
        ("add --case", ["add", "--case", str(m["add_case"]), "--rep",
                        "Marco", "--ref", "TKT-4471", "--outcome",
                        "transferred", "--note",
                        "Line dropped after the transfer; calling back "
                        "tomorrow morning with the receipts."],
         True, [str(mid), "annotate", "Line dropped after the transfer; "
                "calling back tomorrow morning"],
         "a call on an open case (Taskwarrior: annotate a task)"),
        ("open", ["open"], False, None,
         "every unresolved case (%d)" % m["open"]),
        ("open --limit 25", ["open", "--limit", "25"], False,
         ["next", "limit:25"], "the 25 most urgent"),
        ("show", ["show", str(m["show_case"])], False, [str(mid), "info"],
         "a case of 10 calls"),
        ("log --since -7d", ["log", "--since", "-7d"], False, None,
         "the last week's calls"),
        ("search word", ["search", m["word"]], False,
         ["/%s/" % m["word"], "list"], "a merchant's name"),
        ("search ref", ["search", m["ref"]], False, None,
         "a reference number"),
        ("search common --limit 25",
         ["search", COMMON_WORD, "--limit", "25"], False,
         ["/%s/" % COMMON_WORD, "list", "limit:25"],
         "a word in a fifth of the calls, the 25 shown"),
        ("ical", ["ical"], False, ["export"],
         "all open cases (Taskwarrior: export all tasks)"),
        ("remind --dry-run", ["remind", "--dry-run"], False, None,
         "what is due"),
        # On a copy of the journal, into a new folder: the run that checks
        # it works is the first full sync (kept as "first_*"), the
        # measured ones find nothing changed.
        ("sync", ["sync", SYNC_DIR], True, None,
         "nothing changed since the first sync (%s items in the folder)"
         % "{:,}".format(n + m["calls"] + m["events"])),
    ]


def measure_size(n, a, runner, tools, results):
    m = journal_for(n, a.calllog, a.work)
    # Per process: two runs at once (make bench and make bench-quick, or
    # two people) must not share copies, traces or outputs.
    scratch = os.path.join(a.work, "scratch-%d" % os.getpid())
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch, mode=0o700)
    tw_env = None
    if a.taskwarrior:
        twdir = os.path.join(m["dir"], "taskdata")
        rc = os.path.join(scratch, "taskrc")
        tw_env = dict(runner.env, TASKRC=rc)

        def taskrc(datadir):
            with open(rc, "w") as f:
                f.write("data.location=%s\nconfirmation=off\n"
                        "news.version=2.6.0\nhooks=off\n" % datadir)
    r = {"n": n, "meta": m, "load_before": os.getloadavg(), "rows": {},
         "started": datetime.now(timezone.utc).isoformat(
             timespec="seconds")}
    for key, args, writes, tw, note in commands(m, n):
        db = m["db"]
        if writes:
            db = os.path.join(scratch, "journal.db")
            for sfx in ("-wal", "-shm"):
                if os.path.exists(db + sfx):
                    os.unlink(db + sfx)
            shutil.copyfile(m["db"], db)
            os.chmod(db, 0o600)
        argv = [a.calllog, "--db", db] + [
            os.path.join(scratch, "vdir") if x == SYNC_DIR else x
            for x in args]
        row = {"note": note, "args": args}
        # One run to check it works and to see what it prints.
        outf = os.path.join(scratch, "out.txt")
        ms, mb, st = runner.once(argv, stdout=outf)
        with open(outf, "rb") as f:
            text = f.read()
        if key == "sync":
            # That run was the first full sync: one run, kept apart.
            written = re.search(rb"(\d+) written", text)
            row.update(first_ms=ms, first_rss=mb, first_exit=st,
                       first_written=int(written.group(1)) if written
                       else None, first_files=len(os.listdir(
                           os.path.join(scratch, "vdir"))) if st == 0
                       else None)
            log("N=%d sync (first) %8.1f s %5.1f MB, %s files written" % (
                n, ms / 1000, mb, row["first_written"]))
            ms, mb, st = runner.once(argv, stdout=outf)
            with open(outf, "rb") as f:
                text = f.read()
            if st == 0 and b"nothing to do" not in text:
                row["error"] = "a second sync did something: %s" % (
                    text.decode(errors="replace").strip()[:300])
                log("%s: %s" % (n, row["error"]))
        row["exit"] = st
        row["out_lines"] = text.count(b"\n")
        row["out_bytes"] = len(text)
        if key == "ical" and st == 0:
            ics = os.path.join(scratch, "calendar.ics")
            shutil.copyfile(outf, ics)
        if st != 0:
            with open(outf + ".err", errors="replace") as f:
                row["error"] = f.read().strip()[:300]
            log("%s: calllog %s exited %d: %s" % (n, key, st,
                                                   row["error"]))
        # The floor: the statements calllog ran, replayed by sqlite3.
        trace = os.path.join(scratch, "trace.sql")
        if os.path.exists(trace):
            os.unlink(trace)
        env = dict(runner.env, LD_PRELOAD=tools["sqltrace"],
                   SQLTRACE=trace)
        runner.once(argv, env=env)
        floor = os.path.join(a.work, "floor-N%d-%s.sql" % (
            n, key.replace(" ", "_").replace("-", "")))
        row["floor_statements"] = floor_script(trace, floor,
                                               writes and key != "sync")
        floor_argv = ["sqlite3", "-batch", "-init", "/dev/null", db]
        fms, fmb, fst = runner.once(floor_argv, stdin=floor,
                                    stdout=outf)
        if fst != 0:
            with open(outf + ".err", errors="replace") as f:
                row["floor_error"] = f.read().strip()[:300]
            log("%s: floor of %s exited %d: %s" % (
                n, key, fst, row["floor_error"]))
        t, rss, ft, frss = [], [], [], []
        for i in range(a.warmup + a.runs):
            ms, mb, st = runner.once(argv)
            fms, fmb, fst = runner.once(floor_argv, stdin=floor)
            if i >= a.warmup:
                t.append(ms)
                rss.append(mb)
                ft.append(fms)
                frss.append(fmb)
        row.update(ms=t, rss=rss, floor_ms=ft, floor_rss=frss)
        if key == "sync" and st == 0:
            r["rows"][key] = row
            sync_extra(n, a, runner, tools, m, r, row, argv, db, scratch)
        if key == "ical" and st == 0:
            row.update(libical_alone(tools["icalfloor"], ics, a))
        if tw and a.taskwarrior:
            twd = os.path.join(m["dir"], "taskdata")
            if writes:
                twd = os.path.join(scratch, "taskdata")
                shutil.rmtree(twd, ignore_errors=True)
                shutil.copytree(os.path.join(m["dir"], "taskdata"), twd)
            taskrc(twd)
            twargv = [tools["task"]] + ([] if writes else ["rc.gc=off"]) + tw
            ms, mb, st = runner.once(twargv, env=tw_env, stdout=outf)
            row["tw_args"] = " ".join(["task"] + tw)
            row["tw_exit"] = st
            tt, trss = [], []
            twruns = a.tw_runs if a.tw_runs else a.runs
            for i in range(a.tw_warmup + twruns):
                ms, mb, st = runner.once(twargv, env=tw_env)
                if i >= a.tw_warmup:
                    tt.append(ms)
                    trss.append(mb)
            row.update(tw_ms=tt, tw_rss=trss)
        r["rows"][key] = row
        log("N=%d %-17s calllog %8.2f ms %5.1f MB | floor %8.2f ms%s" % (
            n, key, median(t), max(rss), median(ft),
            " | task %8.1f ms %6.1f MB" % (median(row["tw_ms"]),
                                           max(row["tw_rss"]))
            if "tw_ms" in row else ""))
        if writes:
            shutil.rmtree(scratch)
            os.makedirs(scratch, mode=0o700)
    r["load_after"] = os.getloadavg()
    shutil.rmtree(scratch, ignore_errors=True)
    results.append(r)


def sync_extra(n, a, runner, tools, m, r, row, argv, db, scratch):
    """Beside the `sync` row: reading the folder's directory alone (every
    name and its stat, as find does it), and the row of a sync after one
    change (a case's title edited before each run, not timed)."""
    vdir = os.path.join(scratch, "vdir")
    dargv = ["find", vdir, "-maxdepth", "1", "-name", "*.ics", "-printf",
             "%T@ %s %i\n"]
    dt = []
    for i in range(a.warmup + a.runs):
        ms, mb, st = runner.once(dargv)
        if i >= a.warmup:
            dt.append(ms)
    row["dir_ms"] = dt

    def edit(i):
        runner.once([a.calllog, "--db", db, "edit", str(m["show_case"]),
                     "--title", "Title changed %d" % i])
    one = {"note": "one case's title changed since the last sync",
           "args": ["sync", SYNC_DIR]}
    outf = os.path.join(scratch, "out.txt")
    edit(0)
    ms, mb, st = runner.once(argv, stdout=outf)
    with open(outf, "rb") as f:
        text = f.read()
    if st == 0 and b"1 written" not in text:
        one["error"] = "it did not write one item: %s" % (
            text.decode(errors="replace").strip()[:300])
    one.update(exit=st, out_lines=text.count(b"\n"), out_bytes=len(text))
    trace = os.path.join(scratch, "trace.sql")
    if os.path.exists(trace):
        os.unlink(trace)
    edit(1)
    runner.once(argv, env=dict(runner.env, LD_PRELOAD=tools["sqltrace"],
                               SQLTRACE=trace))
    floor = os.path.join(a.work, "floor-N%d-sync_one.sql" % n)
    one["floor_statements"] = floor_script(trace, floor, False)
    floor_argv = ["sqlite3", "-batch", "-init", "/dev/null", db]
    t, rss, ft, frss = [], [], [], []
    for i in range(a.warmup + a.runs):
        edit(2 + i)
        ms, mb, st = runner.once(argv)
        fms, fmb, fst = runner.once(floor_argv, stdin=floor)
        if i >= a.warmup:
            t.append(ms)
            rss.append(mb)
            ft.append(fms)
            frss.append(fmb)
    one.update(ms=t, rss=rss, floor_ms=ft, floor_rss=frss)
    r["rows"]["sync one change"] = one
    log("N=%d sync: directory alone %8.2f ms; after one change %8.2f ms "
        "%5.1f MB | floor %8.2f ms" % (n, median(dt), median(t), max(rss),
                                       median(ft)))


def libical_alone(icalfloor, ics, a):
    """What libical alone takes to build and serialise calllog's items:
    bench/icalfloor.c times its loop itself, so its own start-up and the
    untimed parse of the input are not counted."""
    ms, items = [], 0
    for i in range(a.warmup + a.runs):
        p = subprocess.run([icalfloor, ics], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, check=True)
        words = p.stderr.split()
        items = int(words[0])
        if i >= a.warmup:
            ms.append(float(words[2]))
    return {"libical_ms": ms, "libical_items": items}


def startup(runner, a, tools):
    """What starting each program costs, before any work."""
    rows = []
    for label, argv in (("fork+exec+wait of /bin/true (the launcher)",
                         ["/bin/true"]),
                        ("sqlite3 :memory: 'SELECT 1'",
                         ["sqlite3", "-batch", "-init", "/dev/null",
                          ":memory:", "SELECT 1"]),
                        ("calllog --version", [a.calllog, "--version"]),
                        ("task --version", [tools["task"], "--version"])
                        if a.taskwarrior else (None, None)):
        if label is None:
            continue
        t, rss = [], []
        for i in range(a.warmup + a.runs):
            ms, mb, st = runner.once(argv)
            if i >= a.warmup:
                t.append(ms)
                rss.append(mb)
        rows.append((label, median(t), max(rss)))
    return rows


def machine():
    def cpu():
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        return platform.processor() or "unknown"

    def mem():
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return "%.1f GiB" % (int(line.split()[1]) / 1048576)
        return "unknown"

    def ver(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True,
                                  timeout=30).stdout.strip().split("\n")[0]
        except (OSError, subprocess.SubprocessError):
            return "not found"
    return {"nproc": os.cpu_count(), "cpu": cpu(), "ram": mem(),
            "kernel": platform.release(),
            "sqlite": ver(["sqlite3", "--version"]).split()[0],
            "python": platform.python_version(),
            "task": ver(["task", "--version"])}


def fmt(x, digits=1):
    if x is None:
        return "—"
    if x >= 100:
        return "%.0f" % x
    return ("%%.%df" % digits) % x


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return "%.1f×" % (a / b)


def libs(calllog):
    try:
        out = subprocess.run(["ldd", calllog], capture_output=True,
                             text=True).stdout
        return len([ln for ln in out.splitlines() if "=>" in ln or
                    ln.strip().startswith("/")])
    except OSError:
        return None


def write_results(path, results, boot, a, mach, t_total):
    L = []
    w = L.append
    sizes = [r["n"] for r in results]
    w("# calllog benchmark results\n")
    when = results[0].get("started", "")[:16].replace("T", " ")
    w("Measured by `%s` (bench/bench.py), starting %s UTC%s. Do not edit: "
      "run it again.\n" % ("make bench-quick" if sizes == [1000] else
                           "make bench", when, ", in %.0f s" % t_total
                           if t_total else ""))
    w("## Machine\n")
    w("| | |\n|---|---|")
    w("| CPU | %s, %s cores (nproc) |" % (mach["cpu"], mach["nproc"]))
    w("| RAM | %s |" % mach["ram"])
    w("| kernel | Linux %s |" % mach["kernel"])
    w("| SQLite | %s (the sqlite3 shell and libsqlite3 of Debian) |" %
      mach["sqlite"])
    w("| Taskwarrior | %s |" % (mach["task"] if a.taskwarrior else
                                "not measured (--no-taskwarrior)"))
    w("| load average (1 min) | %s |" % ", ".join(
        "N=%d: %.2f before, %.2f after" % (r["n"], r["load_before"][0],
                                           r["load_after"][0])
        for r in results))
    w("| runs | %d warm-up, then %d measured per command (Taskwarrior: %d "
      "and %d); medians; peak RSS is the largest of the measured runs |\n"
      % (a.warmup, a.runs, a.tw_warmup, a.tw_runs or a.runs))
    w("A busy machine (load average above the 2 cores) inflates every "
      "figure; compare the ratios, taken from interleaved runs, rather "
      "than the times of two different days.\n")
    w("## How it is measured\n")
    w("- **calllog**: `./calllog --db JOURNAL COMMAND`, standard output to "
      "/dev/null, `CALLLOG_NOW=%s`, `TZ=UTC`, an empty "
      "`XDG_CONFIG_HOME`. `add` runs on a throwaway copy of the journal "
      "made once per command and size: it grows by one call (and case) "
      "per run, a few dozen rows on ~10 N calls." % NOW)
    w("- **floor**: `sqlite3 -batch JOURNAL < floor.sql`, where floor.sql "
      "is every SQL statement that command of calllog ran, captured as it "
      "ran (bench/sqltrace.c, an LD_PRELOAD shim) with its bound values "
      "set as the same `?N` parameters, so the plans are calllog's. It "
      "is the SQLite work of the command plus the start of the sqlite3 "
      "shell: what a C program doing calllog's queries needs at least. "
      "The scripts are kept in build-bench/floor-*.sql. Setting the "
      "parameters costs the shell a little per statement, so for a "
      "command that runs thousands of small queries (`remind`, one per "
      "due reminder) the replay is slower than calllog itself: a ratio "
      "below 1× means that.")
    w("- **Taskwarrior** %s: N pending tasks written directly as "
      "pending.data (FF4), a private TASKRC (`confirmation=off`, "
      "`hooks=off`), `rc.gc=off` for reads; add and annotate on a copy "
      "of the data." % mach["task"])
    w("- **Peak RSS** is ru_maxrss from wait4, in MiB (`MB` below). "
      "Processes are started by bench/spawn.c, so no launcher's memory "
      "is counted in them.\n")
    w("## Start-up alone\n")
    w("| program | median ms | peak RSS MB |\n|---|---:|---:|")
    for label, ms, mb in boot:
        w("| %s | %s | %s |" % (label, fmt(ms, 2), fmt(mb)))
    nl = libs(a.calllog)
    if nl:
        w("\ncalllog loads %d shared libraries (`ldd ./calllog`).\n" % nl)
    else:
        w("")
    for r in results:
        m = r["meta"]
        w("## N = %s cases\n" % "{:,}".format(r["n"]))
        w("%s calls, %s reference numbers, %s case events, %s unresolved "
          "cases; %.0f MB journal (schema %s). Generated in %.0f s, of "
          "which %.0f s inserting through the schema's triggers.\n" % (
              "{:,}".format(m["calls"]), "{:,}".format(m["refs"]),
              "{:,}".format(m["events"]), "{:,}".format(m["open"]),
              m["db_bytes"] / 1e6, ", ".join(m["schema_files"]),
              sum(m["seconds"].values()),
              m["seconds"]["insert_with_triggers"]))
        w("| command | what | output lines | calllog ms | calllog MB | "
          "floor ms | floor MB | calllog ÷ floor | Taskwarrior | task ms "
          "| task MB | task ÷ calllog |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
        for key, row in r["rows"].items():
            cm = median(row["ms"])
            fm = median(row["floor_ms"])
            tm = median(row.get("tw_ms", []))
            bad = ""
            if row["exit"] != 0:
                bad = " **(exit %d: %s)**" % (row["exit"],
                                              row.get("error", ""))
            elif "error" in row:
                bad = " **(%s)**" % row["error"]
            if "floor_error" in row:
                bad += " **(floor failed: %s)**" % row["floor_error"]
            what = row["note"]
            if key not in ("add", "add --case"):
                what += ": `calllog %s`" % " ".join(row["args"])
            w("| `%s` | %s%s | %d | %s | %s | %s | %s | %s | %s | %s | %s "
              "| %s |" % (
                  key, what, bad, row["out_lines"], fmt(cm, 2),
                  fmt(max(row["rss"])), fmt(fm, 2),
                  fmt(max(row["floor_rss"])), ratio(cm, fm),
                  "`%s`" % row["tw_args"] if "tw_args" in row else
                  "not measured: no equivalent" if a.taskwarrior else
                  "not measured (--no-taskwarrior)",
                  fmt(tm), fmt(max(row["tw_rss"])) if "tw_rss" in row
                  else "—", ratio(tm, cm)))
        w("")
    firsts = [r for r in results if "first_ms" in r["rows"].get("sync", {})]
    if firsts:
        w("## First full sync\n")
        w("`calllog sync DIR` into an empty folder from a copy of the "
          "journal: one run, every case, call and event written as an "
          "item (then the `sync` rows above: nothing changed).\n")
        w("| N | exit | seconds | files written | files in the folder | "
          "peak MB |")
        w("|---:|---:|---:|---:|---:|---:|")
        for r in firsts:
            row = r["rows"]["sync"]
            w("| %s | %d | %s | %s | %s | %s |" % (
                "{:,}".format(r["n"]), row["first_exit"],
                fmt(row["first_ms"] / 1000, 2),
                "{:,}".format(row["first_written"])
                if row["first_written"] is not None else "—",
                "{:,}".format(row["first_files"])
                if row["first_files"] is not None else "—",
                fmt(row["first_rss"])))
        w("")
    if len(results) > 1:
        w("## Growth with N\n")
        w("Median ms of calllog (and of the floor) at each size; the last "
          "column is how much the time grows for 10× the journal: 1× "
          "means it does not depend on the journal's size, 10× that it "
          "grows in proportion to it.\n")
        hdr = "| command | " + " | ".join(
            "N=%s" % "{:,}".format(r["n"]) for r in results) + \
            " | ×10 N (last step) |"
        w(hdr)
        w("|---|" + "---:|" * (len(results) + 1))
        for key in results[-1]["rows"]:
            cells, last = [], []
            for r in results:
                row = r["rows"].get(key)
                if row is None:
                    cells.append("—")
                    continue
                cm, fm = median(row["ms"]), median(row["floor_ms"])
                cells.append("%s (%s)" % (fmt(cm, 2), fmt(fm, 2)))
                last.append(cm)
            grow = ratio(last[-1], last[-2]) if len(last) > 1 else "—"
            w("| `%s` | %s | %s |" % (key, " | ".join(cells), grow))
        tw_keys = [k for k, row in results[-1]["rows"].items()
                   if "tw_ms" in row]
        if tw_keys:
            w("\nTaskwarrior, median ms (peak MB):\n")
            w("| command | " + " | ".join(
                "N=%s" % "{:,}".format(r["n"]) for r in results) + " |")
            w("|---|" + "---:|" * len(results))
            for key in tw_keys:
                cells = []
                for r in results:
                    row = r["rows"].get(key, {})
                    cells.append("%s (%s)" % (
                        fmt(median(row.get("tw_ms", []))),
                        fmt(max(row["tw_rss"])) if "tw_rss" in row
                        else "—"))
                w("| `%s` | %s |" % (results[-1]["rows"][key]["tw_args"],
                                     " | ".join(cells)))
        w("")
    big = results[-1]
    w("## Targets (N = %s)\n" % "{:,}".format(big["n"]))
    if big["n"] != 100000:
        w("The targets are set at N = 100,000; this run's largest journal "
          "is N = %s, so the verdicts below are indicative only "
          "(`make bench` measures 100,000).\n" % "{:,}".format(big["n"]))
    cv = next((ms for label, ms, mb in boot
               if label.startswith("calllog")), None)
    cvm = next((mb for label, ms, mb in boot
                if label.startswith("calllog")), None)
    w("| target | measured | verdict | where the time goes |")
    w("|---|---:|---|---|")

    def why(row, limit_ms):
        cm, fm = median(row["ms"]), median(row["floor_ms"])
        parts = []
        if cv is not None:
            parts.append("start-up %s ms" % fmt(cv, 2))
        parts.append("SQL (floor) %s ms" % fmt(fm, 2))
        parts.append("rest of calllog %s ms" % fmt(
            max(cm - fm - (cv or 0) + boot_sqlite, 0.0), 2))
        return ", ".join(parts)
    boot_sqlite = next((ms for label, ms, mb in boot
                        if label.startswith("sqlite3")), 0.0)
    for key in ("add", "add --case", "open", "open --limit 25", "show",
                "search word", "search ref"):
        row = big["rows"].get(key)
        if row is None:
            continue
        cm, fm = median(row["ms"]), median(row["floor_ms"])
        ok = cm <= TARGET_MS
        w("| `%s` ≤ %.0f ms | %s ms | %s | %s |" % (
            key, TARGET_MS, fmt(cm, 2), "PASS" if ok else "MISS",
            why(row, TARGET_MS)))
        ok = cm <= TARGET_FLOOR_RATIO * fm
        w("| `%s` ≤ %.0f× floor | %.2f× | %s | calllog %s ms, floor %s ms |"
          % (key, TARGET_FLOOR_RATIO, cm / fm, "PASS" if ok else "MISS",
             fmt(cm, 2), fmt(fm, 2)))
    row, rare = (big["rows"].get("search common --limit 25"),
                 big["rows"].get("search word"))
    if row and rare:
        cm, rm = median(row["ms"]), median(rare["ms"])
        w("| `search common --limit 25` ≤ %.0f× `search word` | %.2f× | "
          "%s | common word %s ms, rare word %s ms |" % (
              TARGET_COMMON_RATIO, cm / rm,
              "PASS" if cm <= TARGET_COMMON_RATIO * rm else "MISS",
              fmt(cm, 2), fmt(rm, 2)))
    row = big["rows"].get("ical")
    if row:
        cm = median(row["ms"])
        reason = why(row, TARGET_ICAL_MS)
        if row.get("libical_ms"):
            reason += (", of which libical alone (bench/icalfloor.c: the "
                       "same %s items built and serialised, nothing else) "
                       "%s ms" % ("{:,}".format(row["libical_items"]),
                                  fmt(median(row["libical_ms"]), 2)))
        w("| `ical` (%s open cases) ≤ %.0f ms | %s ms | %s | %s |" % (
            "{:,}".format(big["meta"]["open"]), TARGET_ICAL_MS, fmt(cm, 2),
            "PASS" if cm <= TARGET_ICAL_MS else "MISS", reason))
    for key in ("sync", "sync one change"):
        row = big["rows"].get(key)
        if row is None:
            continue
        mb = max(row["rss"])
        w("| `%s` peak RSS ≤ %.0f MB | %s MB | %s | the journal's size "
          "does not count (issue 23) |" % (
              key, TARGET_SYNC_RSS_MB, fmt(mb), "PASS"
              if mb <= TARGET_SYNC_RSS_MB else "MISS"))
        if key == "sync" and row.get("dir_ms"):
            cm, fm = median(row["ms"]), median(row["floor_ms"])
            dm = median(row["dir_ms"])
            w("| `sync` ≤ %.1f× (floor + directory) | %.2f× | %s | "
              "calllog %s ms, floor %s ms, reading the folder's directory "
              "(`find -printf`, every name and its stat) %s ms |" % (
                  TARGET_SYNC_RATIO, cm / (fm + dm), "PASS"
                  if cm <= TARGET_SYNC_RATIO * (fm + dm) else "MISS",
                  fmt(cm, 2), fmt(fm, 2), fmt(dm, 2)))
    for key, row in big["rows"].items():
        mb = max(row["rss"])
        w("| `%s` peak RSS ≤ %.0f MB | %s MB | %s | %s |" % (
            key, TARGET_RSS_MB, fmt(mb), "PASS" if mb <= TARGET_RSS_MB
            else "MISS", "calllog --version alone: %s MB; floor %s MB" % (
                fmt(cvm), fmt(max(row["floor_rss"])))))
    verdicts = [ln for ln in L if ln.startswith("| `") and
                ("| PASS |" in ln or "| MISS |" in ln)]
    w("\n%d of %d targets pass." % (
        sum("| PASS |" in ln for ln in verdicts), len(verdicts)))
    w("\n\"start-up\" is `calllog --version` (loading its libraries and "
      "exiting); \"SQL (floor)\" is the replay of its statements by "
      "sqlite3, whose own start-up (%s ms) is inside it; the rest is "
      "what calllog does besides: formatting, libical, policy, "
      "output.\n" % fmt(boot_sqlite, 2))
    # make bench-redact ran just before (bench/redactbench.c).
    redact = os.path.join(ROOT, "build-bench", "redact.txt")
    if os.path.exists(redact):
        w("## Redaction of the most hostile note (issue 12)\n")
        w("`make bench-redact`: each pattern fills a note of the largest "
          "size (64 KB); median of 7 runs. Target: the worst under 50 ms.\n")
        w("```")
        with open(redact) as f:
            w(f.read().rstrip("\n"))
        w("```\n")
    attach = os.path.join(ROOT, "build-bench", "attach.txt")
    if os.path.exists(attach):
        w("## Files kept in the journal (issue 26)\n")
        w("`make bench-attach` (bench/attachbench.py): medians of 5 runs "
          "(the PDF, 1).\n")
        w("```")
        with open(attach) as f:
            w(f.read().rstrip("\n"))
        w("```\n")
    notes = os.path.join(ROOT, "bench", "ANALYSIS.md")
    if os.path.exists(notes):
        with open(notes) as f:
            w(f.read().rstrip("\n") + "\n")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(L))
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--tw-runs", type=int, default=0,
                    help="measured Taskwarrior runs (default: --runs)")
    ap.add_argument("--tw-warmup", type=int, default=1)
    ap.add_argument("--calllog", default=os.path.join(ROOT, "calllog"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench",
                                                  "RESULTS.md"))
    ap.add_argument("--no-taskwarrior", dest="taskwarrior",
                    action="store_false")
    ap.add_argument("--from-json", metavar="FILE",
                    help="write --out again from the RESULTS.json of an "
                    "earlier run (no measuring); for bench/ANALYSIS.md "
                    "edits")
    a = ap.parse_args()
    if a.from_json:
        with open(a.from_json) as f:
            saved = json.load(f)
        for k, v in saved.get("options", {}).items():
            setattr(a, k, v)
        write_results(a.out, saved["results"], saved["startup"], a,
                      saved["machine"], saved.get("seconds", 0))
        log("wrote %s from %s" % (os.path.relpath(a.out), a.from_json))
        return
    a.calllog = os.path.abspath(a.calllog)
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    os.chmod(a.work, 0o700)
    tools = {"spawn": os.path.join(a.work, "spawn"),
             "sqltrace": os.path.join(a.work, "sqltrace.so"),
             "icalfloor": os.path.join(a.work, "icalfloor"),
             "task": shutil.which("task")}
    for k in ("spawn", "sqltrace", "icalfloor"):
        if not os.path.exists(tools[k]):
            sys.exit("bench: %s is missing; run 'make bench'" % tools[k])
    if shutil.which("sqlite3") is None:
        sys.exit("bench: the sqlite3 shell is missing; run "
                 "'make bench-deps'")
    if a.taskwarrior and tools["task"] is None:
        log("Taskwarrior is not installed ('make bench-deps'); its "
            "figures are marked not measured")
        a.taskwarrior = False
    cfg = os.path.join(a.work, "xdg-config")
    os.makedirs(cfg, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "HOME": os.path.join(a.work, "home"), "LANG": "C.UTF-8",
           "TZ": "UTC", "CALLLOG_NOW": NOW, "XDG_CONFIG_HOME": cfg,
           "XDG_DATA_HOME": os.path.join(a.work, "xdg-data"),
           "NO_COLOR": "1"}
    os.makedirs(env["HOME"], exist_ok=True)
    runner = Runner(tools["spawn"], env)
    t0 = time.perf_counter()
    mach = machine()
    log("machine: %s, %s cores, load %.2f" % (mach["cpu"], mach["nproc"],
                                               os.getloadavg()[0]))
    boot = startup(runner, a, tools)
    results = []
    for n in [int(s) for s in a.sizes.split(",")]:
        measure_size(n, a, runner, tools, results)
    seconds = time.perf_counter() - t0
    # Beside the results, named after them: build-bench/RESULTS.json for
    # `make bench`, RESULTS-quick.json for `make bench-quick`.
    saved = os.path.join(a.work, os.path.splitext(os.path.basename(
        a.out))[0] + ".json")
    with open(saved, "w") as f:
        json.dump({"machine": mach, "startup": boot, "results": results,
                   "seconds": seconds, "options": {
                       k: getattr(a, k) for k in ("runs", "warmup",
                                                  "tw_runs", "tw_warmup",
                                                  "taskwarrior",
                                                  "calllog")}},
                  f, indent=1)
    write_results(a.out, results, boot, a, mach, seconds)
    log("wrote %s" % os.path.relpath(a.out))


if __name__ == "__main__":
    main()
