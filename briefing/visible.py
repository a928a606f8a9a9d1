"""Show any text with its invisible characters made visible, so a name read from input is shown
as it really is.

A file name may hold any byte but "/" and NUL: a newline, an escape sequence (``ESC[31m``) or a
bidi override (U+202E) would forge a line, recolour a terminal or reorder what a person reads;
dropping them instead shows a name that does not exist on disk. :func:`printable` shows each such
character as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``), the way Python's ``repr`` does.
The CLI (``briefing.cli.terminal``) and the renderers (file names in the Markdown, HTML and PDF
sources appendix) share it; the JSON output keeps the real name.
"""

from __future__ import annotations

import unicodedata

__all__ = ["printable", "unsafe"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def unsafe(char: str) -> bool:
    """Control characters (C0, DEL, C1), format characters (bidi controls, zero-width), line and
    paragraph separators, private-use and surrogate code points (Unicode categories Cc, Cf, Zl,
    Zp, Co, Cs)."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs")


def printable(text: object) -> str:
    """``text`` with every control or format character shown as an escape; other text unchanged.

    A backslash is doubled only when the text has something to escape, so ordinary Windows-style
    paths read as they are while an escaped name cannot be confused with a real one.
    """
    value = str(text)
    if not any(unsafe(c) for c in value):
        return value
    return "".join(_escape(c) if unsafe(c) or c == "\\" else c for c in value)


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
