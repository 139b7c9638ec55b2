#!/usr/bin/python3
"""mailbench.py: `calllog mail` of a 2 MB message, wall ms and peak MB.

    mailbench.py CALLLOG SPAWN WORKDIR [--runs N]

The message is what a bank sends with a statement, made large: a
multipart/alternative of a quoted-printable text part and a base64 HTML
part, and a base64 PDF, 2 MB in all.  Each run records it on a fresh copy
of a one-case journal (so every run does the same work: parse, convert,
redact, keep the .eml), started by bench/spawn so the figures are
calllog's own.  Prints one line and writes WORKDIR/mail.txt.
"""
import base64
import os
import quopri
import random
import shutil
import subprocess
import sys

SIZE = 2 * 1024 * 1024


def message():
    rnd = random.Random(26)
    words = ("statement balance payment dispute refund merchant credit "
             "posted pending account reference Chase card services "
             "ACME STORE amount due minimum").split()
    para = lambda n: " ".join(rnd.choice(words) for _ in range(n))
    text = "\n\n".join(para(60) for _ in range(1100)) + \
        "\nReference CHB-40213.\n"
    html = "<html><body>" + "".join("<p>%s &amp; %s</p>" % (para(30),
                                    para(10)) for _ in range(700)) + \
        "</body></html>"
    pdf = bytes(rnd.getrandbits(8) for _ in range(400 * 1024))
    parts = [
        b"From: Chase Card Services <no-reply@alertsp.chase.com>\n"
        b"To: pat@example.org\nSubject: =?UTF-8?B?" +
        base64.b64encode("Your statement — December".encode()) +
        b"?=\nDate: Tue, 01 Dec 2026 14:30:00 -0500\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed; boundary=mix\n\n--mix\n"
        b"Content-Type: multipart/alternative; boundary=alt\n\n--alt\n"
        b"Content-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n",
        quopri.encodestring(text.encode()),
        b"\n--alt\nContent-Type: text/html; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\n",
        base64.encodebytes(html.encode()),
        b"--alt--\n--mix\nContent-Type: application/pdf; name=s.pdf\n"
        b"Content-Disposition: attachment; filename=statement.pdf\n"
        b"Content-Transfer-Encoding: base64\n\n",
        base64.encodebytes(pdf), b"--mix--\n"]
    msg = b"".join(parts)
    # Pad the PDF part's neighbour, the preamble, to exactly 2 MB.
    pad = SIZE - len(msg)
    if pad > 0:
        msg = msg.replace(b"\n\n--mix\n", b"\n\n" + b"x" * (pad - 1) +
                          b"\n--mix\n", 1)
    return msg


def main():
    calllog, spawn, work = sys.argv[1:4]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) \
        if "--runs" in sys.argv else 5
    d = os.path.join(work, "mail-%d" % os.getpid())
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d, mode=0o700)
    eml = os.path.join(d, "statement.eml")
    with open(eml, "wb") as f:
        f.write(message())
    env = dict(os.environ, CALLLOG_NOW="2026-12-06T12:00:00Z", TZ="UTC",
               XDG_CONFIG_HOME=d)
    base = os.path.join(d, "base.db")
    subprocess.run([calllog, "--db", base, "add", "--org", "Chase",
                    "--reason", "billing", "--ref", "CHB-40213"], env=env,
                   check=True, capture_output=True)
    ms, mb = [], []
    for _ in range(runs):
        db = os.path.join(d, "journal.db")
        for sfx in ("", "-wal", "-shm"):
            if os.path.exists(db + sfx):
                os.unlink(db + sfx)
        shutil.copyfile(base, db)
        out = subprocess.run([spawn, "-e", os.path.join(d, "err"), "--",
                              calllog, "--db", db, "mail", eml], env=env,
                             check=True, capture_output=True,
                             text=True).stdout.split()
        if out[2] != "0":
            with open(os.path.join(d, "err")) as f:
                sys.exit("mailbench: calllog mail exited %s: %s" %
                         (out[2], f.read().strip()))
        ms.append(int(out[0]) / 1000.0)
        mb.append(int(out[1]) / 1024.0)
    ms.sort()
    line = ("mail of a %.1f MB message: %.1f ms (median of %d), peak %.1f MB"
            % (os.path.getsize(eml) / 1048576.0, ms[len(ms) // 2], runs,
               max(mb)))
    print(line)
    with open(os.path.join(work, "mail.txt"), "w") as f:
        f.write(line + "\n")
    shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
