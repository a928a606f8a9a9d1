"""Terminal hygiene: nothing read from an input (a file name, a title, a reason) may steer the terminal.

A file name may hold any byte but "/" and NUL: a newline can forge a line of the CLI's own output
("\\nfailed: ..."), an escape sequence can clear the screen or recolour text, a bidi override can
reorder what a person reads. Every string the CLI prints from data goes through ``printable``
(``briefing.visible``, shared with the renderers), which shows such characters as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``), the way Python's
``repr`` does. JSON output is escaped the same way with ``json_text``, and a reader that closes
the pipe early (``briefing sources --json | head -1``) ends the run quietly (``quiet_pipe``).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from briefing.visible import printable, unsafe

__all__ = ["EXIT_BROKEN_PIPE", "json_text", "printable", "quiet_pipe"]

EXIT_BROKEN_PIPE = 141
"""What a shell reports for a program ended by SIGPIPE (128 + 13): the reader stopped reading."""


def json_text(value: Any) -> str:
    """Indented JSON that keeps readable non-ASCII text but escapes every control or format
    character as ``\\uXXXX`` (valid JSON, and inert on a terminal)."""
    raw = json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(json.dumps(c)[1:-1] if unsafe(c) and c != "\n" else c for c in raw)


def quiet_pipe() -> int:
    """Call when writing to stdout raised ``BrokenPipeError``: silence the interpreter's final flush
    (Python's documented recipe: point stdout at /dev/null) and give the SIGPIPE exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests): nothing to silence
        pass
    return EXIT_BROKEN_PIPE
