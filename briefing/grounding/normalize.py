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


def _clusters(text: str, skip: set[int]) -> list[tuple[str, int, int]]:
    """Base characters with their combining marks, so that NFKC can compose them."""
    out: list[tuple[str, int, int]] = []
    for i, ch in enumerate(text):
        if i in skip or ch in _INVISIBLE:
            continue
        if out and unicodedata.combining(ch) and out[-1][2] == i:
            prev, s, _ = out[-1]
            out[-1] = (prev + ch, s, i + 1)
        else:
            out.append((ch, i, i + 1))
    return out


def _markdown_skips(text: str) -> set[int]:
    skip: set[int] = set()
    if "](" not in text:
        return skip
    for m in _MD_LINK.finditer(text):
        skip.add(m.start())
        skip.update(range(m.start(1), m.end(1)))
    return skip


def normalize(text: str, *, dehyphenate: bool = True) -> Normalized:
    """Fold ``text`` for matching; see the module docstring for what is folded and why.

    ``dehyphenate`` joins a word split by a hyphen at a line break ("secu-\\nrity"); a quote is
    also tried without it, because "non-\\nbinding" may be a real hyphen at a line end.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster, s, e in _clusters(text, _markdown_skips(text)):
        if cluster.isascii() and cluster != "`":
            folded = " " if cluster.isspace() else cluster.lower()
        else:
            folded = "".join(fold_char(c) for c in unicodedata.normalize("NFKC", cluster))
        for ch in folded:
            if ch == " " and chars and chars[-1] == " ":
                ends[-1] = e  # a run of whitespace is one space
                continue
            if ch == "-" and chars and chars[-1] == "-":
                ends[-1] = e  # "--" written for a dash is one dash
                continue
            chars.append(ch)
            starts.append(s)
            ends.append(e)
    return _tidy(text, chars, starts, ends, dehyphenate=dehyphenate)


def _tidy(
    original: str, chars: list[str], starts: list[int], ends: list[int], *, dehyphenate: bool
) -> Normalized:
    """Drop spaces next to dashes and, optionally, line-break hyphenation; trim the ends."""
    keep = [True] * len(chars)
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch != "-":
            continue
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
            keep[i] = keep[after] = False
            continue
        if before >= 0 and chars[before] == " ":
            keep[before] = False
        if after < n and chars[after] == " ":
            keep[after] = False
    idx = [i for i in range(n) if keep[i]]
    while idx and chars[idx[0]] == " ":
        idx.pop(0)
    while idx and chars[idx[-1]] == " ":
        idx.pop()
    return Normalized(
        "".join(chars[i] for i in idx),
        array("q", (starts[i] for i in idx)),
        array("q", (ends[i] for i in idx)),
    )


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
