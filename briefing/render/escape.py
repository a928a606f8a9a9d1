"""Make source text inert in Markdown: it is shown exactly as text and can never become structure.

Articles are untrusted. A title, quote or party name that reaches the Markdown briefing must not
open a table cell, start a heading or list, emphasise, link (least of all to ``javascript:``),
embed HTML, or render as math. Every value from a source goes through :func:`md_text`; the only
links the briefing makes are http(s) URLs that pass :func:`safe_url`.

The result type :class:`Md` marks text as already escaped. The Markdown template refuses to output
anything else (see ``briefing.render.markdown``), so a forgotten filter is an error, not a hole.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit


class Md(str):
    """Text that is safe to place anywhere in a Markdown line, including a table cell."""

    __slots__ = ()


# Whitespace that would end a line or a table row in some renderer, plus every other run of
# whitespace: collapsed to one space so a cell or list item stays on its line.
_WHITESPACE = re.compile(r"\s+")
# Control characters (C0, DEL, C1) other than whitespace, which has already been collapsed.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Unicode format characters (category Cf): bidi embeddings, overrides and isolates, zero-width
# spaces and joiners, the soft hyphen, word joiners, the BOM, interlinear annotation and tag
# characters. They are invisible, and a right-to-left override displays a sentence reversed, so
# they never reach any output. ``tests/test_render_escape.py`` checks this list against
# ``unicodedata`` so that a Unicode update cannot slip one through.
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Every ASCII punctuation mark that CommonMark/GFM give a meaning
# inline: code, emphasis, links, images (also "!" just before a footnote mark), table cells,
# strikethrough, math, footnote brackets.
# "&" only where it would start an entity (so "R&D" and "Banking & Finance" stay as written and
# nothing is ever double-escaped), "<" by backslash (no tag can open), ">" needs nothing inline.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_INLINE = re.compile(r"([\\`*_\[\]|~$!<])")
# Block syntax that only matters at the start of a line: headings, quotes, lists, thematic
# breaks, setext underlines, ordered lists ("1." / "1)").
_LEADING = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)]))")
# Schemes that must never become links, even in renderers that linkify bare text.
_UNSAFE_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file)(\s*):")


def plain(text: str) -> str:
    """One line of printable text: whitespace runs collapsed, control and format characters dropped."""
    text = FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
    return _CONTROL.sub("", _WHITESPACE.sub(" ", text)).strip()


def md_text(text: str | None, *, empty: str = "—") -> Md:
    """Escape any source text for inline use; ``None`` or blank shows ``empty`` (escaped too)."""
    line = plain(text or "") or plain(empty)
    line = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", line))
    line = _UNSAFE_SCHEME.sub(r"\1\2\\:", line)
    line = _LEADING.sub(_escape_leading, line)
    return Md(line)


def md_fragment(text: str) -> Md:
    """Escape a piece of a longer line: like :func:`md_text`, but keeping its edge spaces.

    Only for text that never starts a line or a cell (the template puts something before it).
    """
    line = FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
    line = _CONTROL.sub("", _WHITESPACE.sub(" ", line))
    line = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", line))
    return Md(_UNSAFE_SCHEME.sub(r"\1\2\\:", line))


def _escape_leading(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL that can sit inside ``<...>``, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, URLs with spaces or angle
    brackets) is shown as escaped text by the caller and never becomes a link.
    """
    if not url:
        return None
    candidate = url.strip()
    if any(ch.isspace() or ch in "<>\"'`\\" or ord(ch) < 0x20 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    # A pipe is legal in a URL but would split a Markdown table cell.
    return candidate.replace("|", "%7C")


def md_link(url: str | None) -> Md:
    """An autolink for a safe URL; any other URL as inert text (or a dash when absent)."""
    safe = safe_url(url)
    if safe is None:
        return md_text(url)
    return Md(f"<{safe}>")


def md_number(value: int) -> Md:
    """A count with thousands separators (numbers are the one value not taken from sources)."""
    return Md(f"{value:,}")
