"""Terminal hygiene: nothing read from an input (a file name, a title, a reason) may steer the terminal.

A file name may hold any byte but "/" and NUL: a newline can forge a line of the CLI's own output
("\\nfailed: ..."), an escape sequence can clear the screen or recolour text, a bidi override can
reorder what a person reads. Every string the CLI prints from data goes through ``printable``
(``briefing.visible``, shared with the renderers), which shows such characters as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``), the way Python's
``repr`` does. JSON output is escaped the same way with ``json_text``, and a reader that closes
the pipe early (``briefing sources --json | head -1``, or ``build ... 2>&1 | head -1`` for stderr)
makes the command end quietly with exit code 141 (``quiet_pipe``, ``pipe_closed``).
"""

from __future__ import annotations

import json
import os
import select
import stat
import sys
from typing import Any

from briefing.visible import printable, unsafe

__all__ = ["EXIT_BROKEN_PIPE", "json_text", "note_closed_pipe", "pipe_closed", "printable", "quiet_pipe"]

EXIT_BROKEN_PIPE = 141
"""What a shell reports for a program ended by SIGPIPE (128 + 13): the reader stopped reading."""


def json_text(value: Any) -> str:
    """Indented JSON that keeps readable non-ASCII text but escapes every control or format
    character as ``\\uXXXX`` (valid JSON, and inert on a terminal)."""
    raw = json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(json.dumps(c)[1:-1] if unsafe(c) and c != "\n" else c for c in raw)


_closed: list[bool] = []
"""Non-empty once a reader of stdout or stderr was found gone (``note_closed_pipe``)."""


def note_closed_pipe() -> None:
    """Call when writing to stdout or stderr raised ``BrokenPipeError``: point both at /dev/null
    (Python's documented recipe, so nothing more fails, not even the interpreter's final flush)
    and remember it, so that the command ends with ``EXIT_BROKEN_PIPE`` (``pipe_closed``). The run
    itself goes on: a build whose summary nobody reads still writes its files."""
    _closed.append(True)
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to silence
            pass


def pipe_closed() -> bool:
    """Whether a reader of stdout or stderr stopped reading: a write failed with ``BrokenPipeError``,
    or a pipe's reading end is closed now although everything fitted in the pipe (Linux and macOS
    report that as ``POLLERR`` on the writing end)."""
    if _closed:
        return True
    fds = []
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                fds.append(fd)
        except (OSError, ValueError, AttributeError):
            continue
    if not fds or not hasattr(select, "poll"):
        return False
    poller = select.poll()
    for fd in fds:
        poller.register(fd, 0)  # POLLERR and POLLHUP are always reported
    return any(event & select.POLLERR for _fd, event in poller.poll(0))


def quiet_pipe() -> int:
    """Call when a reader left (``BrokenPipeError``): silence stdout and stderr, give the SIGPIPE code."""
    note_closed_pipe()
    return EXIT_BROKEN_PIPE
