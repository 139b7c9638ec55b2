"""pty-drive.py: run a command on a pseudo-terminal and answer its prompts.

    pty-drive.py SCRIPT -- COMMAND [ARG...]

SCRIPT is a file of steps, one a line:
    expect TEXT     wait (up to 10 s) until TEXT has appeared in the output
    send TEXT       type TEXT and Enter (TEXT may be empty)
    sleep SECONDS
    ctrl-c          send an interrupt (the terminal's VINTR character)
    ctrl-d          send end of file
The whole output is written to standard output; the exit status is the
command's (128 + N when a signal N ended it), or 124 when an expect timed
out.
"""
import os
import pty
import select
import sys
import time


def main():
    sep = sys.argv.index("--")
    steps = open(sys.argv[1], encoding="utf-8").read().splitlines()
    argv = sys.argv[sep + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    seen = b""

    def pump(timeout):
        nonlocal seen
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        seen += data
        return True

    pos = 0
    for step in steps:
        verb, _, arg = step.partition(" ")
        if verb == "expect":
            want = arg.encode()
            deadline = time.time() + 10
            while want not in seen[pos:]:
                if time.time() > deadline or not pump(0.1) and \
                        want not in seen[pos:]:
                    if time.time() > deadline:
                        sys.stdout.write(seen.decode(errors="replace"))
                        sys.stdout.write("\n[timed out expecting %r]\n" % arg)
                        os.kill(pid, 9)
                        os.waitpid(pid, 0)
                        return 124
            pos = seen.index(want, pos) + len(want)
        elif verb == "send":
            os.write(fd, arg.encode() + b"\r")
        elif verb == "sleep":
            end = time.time() + float(arg)
            while time.time() < end:
                pump(0.05)
        elif verb == "ctrl-c":
            os.write(fd, b"\x03")
        elif verb == "ctrl-d":
            os.write(fd, b"\x04")
    while pump(5):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode(errors="replace"))
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


sys.exit(main())
