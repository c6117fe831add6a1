#!/usr/bin/env python3
"""Drive a command on a pseudo-terminal, for the tests of smsctl's prompts.

Usage: pty_drive.py SCRIPT.json -- CMD [ARGS...]

SCRIPT is a JSON list of steps: ["expect", REGEX] waits (up to 60 s, a generous
bound, never a synchronisation) until the output seen since the last expect
matches REGEX (ANSI escapes removed); ["noecho"] waits (same bound) until the
terminal no longer echoes (a hidden prompt is reading: what is typed before that
would be echoed, then flushed); ["send", TEXT] types TEXT. After the
steps, the rest of the output is read until the command exits. Everything the
command printed goes to stdout; the exit status is the command's (128+N for a
signal N), or 99 when an expected pattern never came (the output so far is
printed with the pattern, so the failing test shows both).
"""

import json
import os
import pty
import re
import select
import sys
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r")


def main():
    steps = json.load(open(sys.argv[1]))
    cmd = sys.argv[sys.argv.index("--") + 1 :]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    seen = b""
    start = 0

    def read(timeout):
        nonlocal seen
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        seen += chunk
        return True

    for step in steps:
        kind, arg = step[0], (step[1] if len(step) > 1 else None)
        if kind == "send":
            os.write(fd, arg.encode())
            continue
        if kind == "noecho":
            deadline = time.monotonic() + 60
            while termios.tcgetattr(fd)[3] & termios.ECHO:
                if time.monotonic() > deadline:
                    sys.stdout.write(ANSI.sub(b"", seen).decode("utf-8", "replace"))
                    sys.stdout.write("\n[pty_drive] the terminal kept echoing\n")
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    sys.exit(99)
                read(0.05)
            continue
        pattern = re.compile(arg.encode())
        deadline = time.monotonic() + 60
        while True:
            clean = ANSI.sub(b"", seen)
            m = pattern.search(clean, start)
            if m:
                # Later expects look only at what came after this match.
                start = m.end()
                break
            if time.monotonic() > deadline or not read(1):
                sys.stdout.write(ANSI.sub(b"", seen).decode("utf-8", "replace"))
                sys.stdout.write("\n[pty_drive] never saw: %s\n" % arg)
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                sys.exit(99)
    deadline = time.monotonic() + 120
    while read(1) and time.monotonic() < deadline:
        pass
    if time.monotonic() >= deadline:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(ANSI.sub(b"", seen).decode("utf-8", "replace"))
    if os.WIFSIGNALED(status):
        sys.exit(128 + os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


main()
