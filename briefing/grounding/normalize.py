"""Normalising text for quote matching while keeping a map back to the original offsets.

A model copies a passage with typographic drift: straight for curly quotes, a space for a line
break, "security" for "secu-\\nrity", a different case. Normalisation folds exactly those
differences, and nothing that carries meaning: digits, currency signs, negations and names are
kept character for character (only their case is folded, and case is checked again where it
matters). Every normalised character remembers the original slice it came from, so a match in
normalised text becomes ``(start, end)`` in ``page_content``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

# Characters dropped outright: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_SINGLE_QUOTES = frozenset("‘’‚‛′`´ʼ")
_DOUBLE_QUOTES = frozenset("“”„‟″«»")
_DASHES = frozenset("‐‑‒–—―−﹘﹣－")
# A Markdown link keeps its visible text; the bracket and the "(url)" are not part of the prose.
_MD_LINK = re.compile(r"\[(?=[^\]\n]{1,400}\]\((?:https?:|mailto:|/|#))[^\]\n]*(\]\([^)\s]*\))")


@dataclass(frozen=True, slots=True)
class Normalized:
    """``text`` is the normalised string; ``text[i]`` came from ``original[starts[i]:ends[i]]``."""

    text: str
    starts: array[int]
    ends: array[int]
    """Compact integer arrays: a Python int per character would cost ~70 bytes per character."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised slice ``text[start:end]`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


def fold_char(ch: str) -> str:
    """One already-NFKC character folded for comparison (quotes, dashes, whitespace, case)."""
    if ch in _SINGLE_QUOTES:
        return "'"
    if ch in _DOUBLE_QUOTES:
        return '"'
    if ch in _DASHES:
        return "-"
    if ch.isspace():
        return " "
    return ch.casefold()


_PLAIN = re.compile(r"[!-,.-_a-~]+(?: [!-,.-_a-~]+)*")
"""Printable ASCII that folds to itself in lower case (everything but space, "-" and "`"), in words
joined by single spaces: such a run maps character for character onto its lower-case form."""
_SPACE = re.compile(r"\s+")  # the same characters as ``str.isspace``


def _markdown_skips(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint ``[start, end)`` spans of Markdown link markup to leave out."""
    if "](" not in text:
        return []
    skips: list[tuple[int, int]] = []
    for m in _MD_LINK.finditer(text):
        skips.append((m.start(), m.start() + 1))
        skips.append((m.start(1), m.end(1)))
    return skips


class _Builder:
    """The normalised text as it grows: pieces of text and two offset arrays, one entry a character.

    Plain ASCII and whitespace runs are appended in bulk (``extend`` of a ``range``), so a long
    document costs a few regex matches per word instead of several Python objects per character.
    """

    __slots__ = ("ends", "last", "pieces", "starts")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.last = ""  # the last character appended

    def plain(self, text: str, start: int, end: int) -> None:
        self.pieces.append(text[start:end].lower())
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))
        self.last = text[end - 1]  # never " " or "-"

    def char(self, ch: str, start: int, end: int) -> None:
        if (ch == " " or ch == "-") and self.last == ch:
            self.ends[-1] = end  # a run of whitespace is one space; "--" written for a dash is one dash
            return
        self.pieces.append(ch)
        self.starts.append(start)
        self.ends.append(end)
        self.last = ch


def _segment(text: str, lo: int, hi: int, out: _Builder) -> None:
    """Fold ``text[lo:hi]`` (no Markdown markup inside) onto ``out``."""
    i = lo
    while i < hi:
        ch = text[i]
        if ch.isspace():
            run = _SPACE.match(text, i, hi)
            assert run is not None
            j = run.end()
            if j < hi and unicodedata.combining(text[j]):
                j -= 1  # the last space carries a combining mark: fold that cluster below
            if j > i:
                out.char(" ", i, j)
                i = j
                continue
        elif ch < "\x80" and ch not in "-`":
            run = _PLAIN.match(text, i, hi)
            assert run is not None
            j = run.end()
            if j < hi and unicodedata.combining(text[j]):
                j -= 1  # "e" + a combining acute composes: fold that cluster below
            if j > i:
                out.plain(text, i, j)
                i = j
                continue
        j = i + 1
        if ch in _INVISIBLE:
            i = j
            continue
        while j < hi and unicodedata.combining(text[j]) and text[j] not in _INVISIBLE:
            j += 1  # a base character with its combining marks, so that NFKC can compose them
        cluster = text[i:j]
        if cluster.isascii() and cluster != "`":
            folded = " " if cluster.isspace() else cluster.lower()
        else:
            folded = "".join(fold_char(c) for c in unicodedata.normalize("NFKC", cluster))
        for c in folded:
            out.char(c, i, j)
        i = j


def normalize(text: str, *, dehyphenate: bool = True) -> Normalized:
    """Fold ``text`` for matching; see the module docstring for what is folded and why.

    ``dehyphenate`` joins a word split by a hyphen at a line break ("secu-\\nrity"); a quote is
    also tried without it, because "non-\\nbinding" may be a real hyphen at a line end. Linear in
    the length of ``text``; the result holds about 17 bytes per character (the text and two
    ``array('q')`` offset maps), and building it never holds a Python object per character.
    """
    out = _Builder()
    pos = 0
    for s, e in _markdown_skips(text):
        _segment(text, pos, s, out)
        pos = max(pos, e)
    _segment(text, pos, len(text), out)
    return _tidy(text, "".join(out.pieces), out.starts, out.ends, dehyphenate=dehyphenate)


def _tidy(
    original: str, chars: str, starts: array[int], ends: array[int], *, dehyphenate: bool
) -> Normalized:
    """Drop spaces next to dashes and, optionally, line-break hyphenation; trim the ends."""
    n = len(chars)
    drop: set[int] = set()
    i = chars.find("-")
    while i >= 0:
        before = i - 1
        after = i + 1
        if (
            dehyphenate
            and 0 < i < n - 2
            and chars[before].isalpha()
            and chars[after] == " "
            and "\n" in original[starts[after] : ends[after]]
            and chars[i + 2].isalpha()
            and chars[i + 2].islower()
        ):
            drop.add(i)
            drop.add(after)
        else:
            if before >= 0 and chars[before] == " ":
                drop.add(before)
            if after < n and chars[after] == " ":
                drop.add(after)
        i = chars.find("-", i + 1)
    lo, hi = 0, n  # trim spaces at both ends (dropped characters do not count)
    while lo < hi and (lo in drop or chars[lo] == " "):
        lo += 1
    while hi > lo and (hi - 1 in drop or chars[hi - 1] == " "):
        hi -= 1
    cuts = sorted(d for d in drop if lo <= d < hi)
    text_parts: list[str] = []
    new_starts, new_ends = array("q"), array("q")
    prev = lo
    for d in [*cuts, hi]:
        text_parts.append(chars[prev:d])
        new_starts.extend(starts[prev:d])
        new_ends.extend(ends[prev:d])
        prev = d + 1
    return Normalized("".join(text_parts), new_starts, new_ends)


_CHANGE_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quotation marks", re.compile("[‘’‚‛′`´ʼ“”„‟″«»]")),
    ("dashes", re.compile("[‐‑‒–—―−﹘﹣－]|--")),
    ("invisible characters", re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")),
    ("line-break hyphenation", re.compile(r"[^\W\d_]-[ \t]*\n\s*[^\W\d_]")),
    ("Markdown link markup", re.compile(r"\]\(")),
)


def describe_changes(quote: str, source: str) -> str:
    """A short human list of what normalisation had to fold to match ``quote`` to ``source``."""
    found = [label for label, pattern in _CHANGE_CHECKS if pattern.findall(quote) != pattern.findall(source)]
    if re.findall(r"\s+", quote.strip()) != re.findall(r"\s+", source):
        found.append("whitespace")
    if unicodedata.normalize("NFKC", source) != source or unicodedata.normalize("NFKC", quote) != quote:
        found.append("Unicode compatibility forms")
    q_letters, s_letters = _letters(quote), _letters(source)
    if q_letters != s_letters and q_letters.casefold() == s_letters.casefold():
        found.append("letter case")
    return ", ".join(found) or "Unicode normalisation"


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())
