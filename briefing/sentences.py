"""Where sentences begin and end in a cleaned text: the one sentence-boundary rule of the package.

The offline engine cuts documents into sentences to copy from, and consolidation quotes "the
sentence around this figure" in a disagreement. Both must agree on where a sentence ends, or a
quote loses its subject ("Acme Inc. and Beta Corp. signed ..." cut to "signed ...") in one place
while the other gets it right. Every span is an exact ``(start, end)`` of the text it was cut from.

A line break always ends a sentence (cleaned text keeps headings, bullets and table rows on lines
of their own); inside a line, a sentence ends at ``.``/``!``/``?`` before a capital, a digit or an
opening quote, unless the dot belongs to an abbreviation ("Inc.", "Dr.", "U.K.", "e.g.").
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import overload

BULLET_RE = re.compile(r"(?:[-*+•·▪●◦]|\d{1,2}[.)])\s+")
"""A list marker at the start of a line: not part of the first sentence."""
HEADING_MARK_RE = re.compile(r"#{1,6}\s+")
"""A Markdown heading marker at the start of a line: not part of the heading's text."""


def _word_class(text: str) -> frozenset[str]:
    """A word class written as prose-like text, one word per whitespace gap."""
    return frozenset(text.split())


_ABBREVIATIONS = _word_class(
    """
    mr mrs ms dr prof sr jr st inc ltd co corp plc llc vs etc e.g i.e no gov sen rep gen gov't
    jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig ft mt
    """
)
_STATE_ABBREVIATIONS = _word_class(
    """
    Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md. Mass. Mich.
    Minn. Miss. Mo. Mont. Neb. Nebr. Nev. Okla. Ore. Pa. Penn. Tenn. Tex. Va. Vt. Wash. Wis. Wisc.
    Wyo. Alta. Man. Ont. Que. Sask. Nfld.
    """
)
"""AP-style state and province abbreviations. Case-sensitive and only after a comma ("KANSAS CITY,
Mo. (AP) —"), where they are part of a dateline or an address and never end a sentence."""
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital, digit or
# opening quote; or, in run-together text ("everyone.The"), a lower-case word glued to a capital.
_BOUNDARY_RE = re.compile(
    r"(?P<end>[.!?][\"”’')\]]*)(?:\s+(?=[\"“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}\.)(?=[A-Z][a-z]))"
)
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Every non-blank line of ``text`` as (offset of its first non-space character, stripped line)."""
    pos = 0
    for raw_line in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(raw_line)
        stripped = raw_line.strip()
        if stripped:
            yield line_start + (len(raw_line) - len(raw_line.lstrip())), stripped


def marker_end(line: str) -> int:
    """Where the text of a stripped line starts after a heading or list marker (0 without one)."""
    marker = HEADING_MARK_RE.match(line) or BULLET_RE.match(line)
    return marker.end() if marker else 0


def split_line(body: str) -> list[tuple[int, int]]:
    """The sentences of one line of text as spans of ``body``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(body):
        end = m.end("end")
        if end <= start or _is_abbreviation(body, start, m.start("end")):
            continue
        spans.append((start, end))
        start = m.end()
    if start < len(body):
        spans.append((start, len(body)))
    return [(s, e) for s, e in (_trim(body, s, e) for s, e in spans) if e > s]


class Sentences(Sequence[tuple[int, int]]):
    """The sentence spans of one text, stored as two integer arrays (16 bytes a sentence).

    Behaves as a sequence of ``(start, end)`` tuples; ``starts`` is sorted, for ``bisect``.
    """

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts = array("q")
        self.ends = array("q")
        for start, end in spans:
            self.starts.append(start)
            self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index], strict=True))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)


@lru_cache(maxsize=1 << 16)
def sentence_spans(text: str) -> Sentences:
    """Every sentence of ``text`` in order, as spans of ``text`` (line markers left out).

    Cached, because every stage asks for the sentences of the same documents (injection cues,
    grounding's negation check, consolidation's dates and figures): a run of up to 65,536
    documents splits each text once. The cache holds the texts it was asked about until they are
    evicted; the spans themselves take 16 bytes a sentence.
    """
    out: list[tuple[int, int]] = []
    for offset, line in lines(text):
        body_offset = offset + marker_end(line)
        body = line[body_offset - offset :]
        out.extend((body_offset + s, body_offset + e) for s, e in split_line(body))
    return Sentences(out)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) that ``text[start:end]`` overlaps; ``(start, end)`` if none does.

    A span that crosses a sentence boundary gets every sentence it touches, so the result always
    contains ``text[start:end]``.
    """
    spans = sentence_spans(text)
    starts, ends = spans.starts, spans.ends
    i = max(0, bisect_right(starts, start) - 1)  # the last sentence starting by ``start``
    left, right = start, end
    while i < len(starts) and starts[i] <= max(start, end - 1):
        s, e = starts[i], ends[i]
        if e > start:
            left, right = min(left, s), max(right, e)
        i += 1
    return left, right


def _is_abbreviation(body: str, start: int, dot: int) -> bool:
    """'U.K.', 'J.D. Vance', 'Inc.' and 'e.g.' do not end a sentence."""
    if body[dot] != ".":
        return False
    word = _last_word(body, start, dot).lstrip('(["“‘')
    if word.lower() in _ABBREVIATIONS:
        return True
    if f"{word}." in _STATE_ABBREVIATIONS and _comma_before(body, dot, len(word)):
        return True
    return bool(_INITIALS_RE.fullmatch(word))


def _last_word(body: str, start: int, dot: int) -> str:
    """The last whitespace-separated word of ``body[start:dot]`` ("" if none). Reads a window back
    from ``dot`` that widens only while the word may go on before it, so a paragraph with no
    sentence break costs the length of each word, not of the text before it."""
    reach = 64
    while True:
        lo = max(start, dot - reach)
        parts = body[lo:dot].rsplit(None, 1)
        if lo == start or len(parts) == 2:
            return parts[-1] if parts else ""
        reach *= 4


def _comma_before(body: str, dot: int, word: int) -> bool:
    """Does a comma come before the ``word`` characters that end before ``dot`` ("KANSAS CITY, Mo.")?
    Spaces are skipped on both sides of the word, as ``rstrip`` would, without copying the text."""
    end = dot
    while end > 0 and body[end - 1].isspace():
        end -= 1
    end -= word
    while end > 0 and body[end - 1].isspace():
        end -= 1
    return end > 0 and body[end - 1] == ","


def _trim(body: str, s: int, e: int) -> tuple[int, int]:
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    return s, e
