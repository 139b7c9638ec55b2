#!/usr/bin/python3
"""attachbench: files kept in the journal (issue 26), measured.

    attachbench.py CALLLOG SPAWN OUT

Times (median wall ms, peak RSS MB) `attach` of a 1 MB and a 20 MB file,
`dossier --bundle` of a case with 30 exhibits (HTML only, and with the PDF
when Chromium is found), and the journal's size before, after attaching 20
MB and after purging it.  Writes the table to OUT (bench.py appends it to
RESULTS.md).  Target: attaching 20 MB holds no more memory than attaching
1 MB, but for a small buffer (under 4 MB more), and the purged journal is
back within 64 KB of its size before.
"""
import os, shutil, statistics, struct, subprocess, sys, tempfile, zlib

calllog, spawn, out = sys.argv[1:4]
RUNS = 5
work = tempfile.mkdtemp(prefix="attachbench-")
env = {k: v for k, v in os.environ.items() if not k.startswith("CALLLOG_")}
env.update(HOME=work, XDG_CONFIG_HOME=work + "/config", TZ="UTC",
           CALLLOG_NOW="2026-11-20T15:00:00Z")


def run(argv, db, extra=None):
    e = dict(env, CALLLOG_DB=db, **(extra or {}))
    r = subprocess.run([spawn, "--", calllog] + argv, env=e, check=True,
                       capture_output=True, text=True).stdout.split()
    if int(r[2]) != 0:
        sys.exit("attachbench: calllog %s exited %s" % (argv, r[2]))
    return int(r[0]) / 1000.0, int(r[1]) / 1024.0


def fresh(name):
    db = os.path.join(work, name + ".db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(db + s):
            os.remove(db + s)
    run(["add", "--org", "Bench Bank", "--reason", "billing", "--note",
         "x"], db)
    return db


def blob(path, size):
    with open(path, "wb") as f:
        f.write(os.urandom(size))


def size_of(db):
    subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE)"],
                   check=True, capture_output=True)
    return os.path.getsize(db)


def png(path, w, h):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + \
            struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\x00" + os.urandom(3 * w) for _ in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
            ">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT",
            zlib.compress(raw)) + chunk(b"IEND", b""))


rows, verdicts = [], []
attach = {}
for mb in (1, 20):
    t, m = [], []
    for i in range(RUNS):
        db = fresh("a%d-%d" % (mb, i))
        f = os.path.join(work, "f%d-%d.bin" % (mb, i))
        blob(f, mb * 1024 * 1024)
        w, r = run(["attach", "1", f], db)
        t.append(w)
        m.append(r)
    attach[mb] = (statistics.median(t), statistics.median(m))
    rows.append(("attach of a %d MB file" % mb, attach[mb][0],
                 attach[mb][1]))
grow = attach[20][1] - attach[1][1]
verdicts.append("peak RSS, 20 MB file minus 1 MB file: %.1f MB (target "
                "under 4 MB): %s" % (grow, "PASS" if grow < 4 else "MISS"))

db = fresh("size")
before = size_of(db)
f = os.path.join(work, "size.bin")
blob(f, 20 * 1024 * 1024)
run(["attach", "1", f], db)
full = size_of(db)
run(["delete", "1", "--yes", "--purge"], db)
after = size_of(db)
verdicts.append("journal: %d KB, %d KB with 20 MB attached, %d KB after "
                "delete --purge: %s" % (before // 1024, full // 1024,
                after // 1024, "PASS" if after <= before + 65536
                else "MISS"))

db = fresh("bundle")
files = []
for i in range(10):
    p = os.path.join(work, "shot%02d.png" % i)
    png(p, 200, 150)
    files.append(p)
    p = os.path.join(work, "letter%02d.pdf" % i)
    with open(p, "wb") as fh:
        fh.write(b"%PDF-1.4\n" + os.urandom(200 * 1024) + b"\n%%EOF\n")
    files.append(p)
    p = os.path.join(work, "note%02d.txt" % i)
    with open(p, "w") as fh:
        fh.write("Agent said the refund posts in 5 days.\n" * 100)
    files.append(p)
run(["attach", "1"] + files, db)
for label, extra in (("HTML only", {"CALLLOG_CHROMIUM": "none"}),
                     ("HTML and PDF", None)):
    if extra is None and not (shutil.which("chromium") or
                              shutil.which("chromium-browser")):
        continue
    t, m = [], []
    for i in range(RUNS if extra else 1):
        w, r = run(["dossier", "1", "--bundle",
                    os.path.join(work, "b.zip")], db, extra)
        t.append(w)
        m.append(r)
    rows.append(("dossier --bundle, 30 exhibits, %s" % label,
                 statistics.median(t), statistics.median(m)))

with open(out, "w") as f:
    f.write("%-44s %10s %8s\n" % ("", "ms", "peak MB"))
    for name, ms, mb in rows:
        f.write("%-44s %10.1f %8.1f\n" % (name, ms, mb))
    for v in verdicts:
        f.write(v + "\n")
shutil.rmtree(work)
with open(out) as f:
    sys.stdout.write(f.read())
