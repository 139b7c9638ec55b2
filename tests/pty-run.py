"""pty-run.py: run a command on a pseudo-terminal of a given width.

    pty-run.py FILE COLS COMMAND [ARG...]

The command's whole output, byte for byte, goes to FILE; the exit status
is the command's (128 when a signal ended it).  For commands that ask
nothing; pty-drive.py answers prompts.
"""
import fcntl
import os
import pty
import struct
import sys
import termios

out, cols, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
seen = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    seen += data
_, status = os.waitpid(pid, 0)
open(out, "wb").write(seen)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128)
