"""Character-level cleaning at ingestion: HTML entities and invisible characters.

Runs once on the decoded text, before any parsing, so that every later offset (and every quote a
reader checks) refers to text without them:

- HTML entities left in Markdown and plain-text exports (``&amp;``, ``&#8217;``, ``&quot;``) are
  decoded, and a double-encoded ``&amp;amp;`` (a feed that escaped twice) becomes ``&`` too. Only
  well-formed entities with their closing ``;`` are read, so "AT&T" or "R&D;" stay as written.
- Unicode format characters (category Cf: zero-width space, word joiner, soft hyphen, bidi
  embeddings, overrides and isolates, invisible "tag" characters) are removed: they are invisible,
  can reorder a sentence on screen (Trojan Source, CVE-2021-42574) and split a name in two.
  ZWJ/ZWNJ stay inside scripts that need them (Indic, Arabic, Persian, emoji sequences).
- No-break and other fixed-width spaces become ordinary spaces; Unicode line and paragraph
  separators become line breaks.

Each function returns the new text and notes for ``removed`` (what was changed and how often),
all starting "characters:" because they change characters inside lines, never whole lines.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["decode_entities", "normalize_characters"]

_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_ENTITY_RE = re.compile(_ENTITY)
_DOUBLE_RE = re.compile(r"&(?:amp;)+(?=(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)")
_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_JOINERS = "\u200c\u200d"
_KEEP_CF = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2\U000110bd\U000110cd")
"""Format characters that are visible text (Arabic and Kaithi number signs), never removed."""
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e")
_CANDIDATES = re.compile(
    "[" + _SPACES + "\u2028\u2029\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f\U0001d173-\U0001d17a]"
)
"""Every character the normaliser may touch; one pass over the text finds them (linear)."""


def decode_entities(text: str) -> tuple[str, list[str]]:
    """``text`` with every well-formed HTML entity decoded once, double-encoded ones included."""
    if "&" not in text:
        return text, []
    text, doubled = _DOUBLE_RE.subn("&", text)
    count = 0

    def one(m: re.Match[str]) -> str:
        nonlocal count
        decoded = html.unescape(m.group())
        count += decoded != m.group()
        return decoded

    text = _ENTITY_RE.sub(one, text)
    if not count:
        return text, []
    doubles = f", {doubled} of them double-encoded" if doubled else ""
    return text, [f"characters: HTML entities decoded ({count}{doubles})"]


def normalize_characters(text: str) -> tuple[str, list[str]]:
    """``text`` without invisible format characters and with plain spaces and line breaks."""
    counts: dict[str, int] = {}

    def one(m: re.Match[str]) -> str:
        char = m.group()
        start = m.start()
        kind, replacement = _classify(char, text[start - 1 : start], text[start + 1 : start + 2])
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
        return replacement

    cleaned = _CANDIDATES.sub(one, text)
    notes = [f"characters: {kind} ({n})" for kind, n in counts.items()]
    return cleaned, notes


def _classify(char: str, before: str, after: str) -> tuple[str, str]:
    """(kind of change, replacement) for one candidate character between its neighbours."""
    if char in _SPACES:
        return "no-break or fixed-width spaces made plain", " "
    if char in "\u2028\u2029":
        return "Unicode line separators made line breaks", "\n"
    if char in _JOINERS and (_needs_joiner(before) or _needs_joiner(after)):
        return "", char
    if char in _KEEP_CF or unicodedata.category(char) != "Cf":
        return "", char
    if char in _BIDI:
        return "bidi control characters removed", ""
    if char == "\u00ad":
        return "soft hyphens removed", ""
    if char in _ZERO_WIDTH or char in _JOINERS:
        return "zero-width characters removed", ""
    return "invisible format characters removed", ""


def _needs_joiner(char: str) -> bool:
    """ZWJ/ZWNJ shape letters in non-Latin scripts and join emoji; next to Latin they only hide."""
    if not char or char.isascii():
        return False
    if ord(char) >= 0x1F000:  # emoji sequences (family, flags with ZWJ)
        return True
    return char.isalpha() and ord(char) >= 0x0370 and not 0x1E00 <= ord(char) <= 0x1EFF
