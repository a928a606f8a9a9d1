"""Cut a cleaned article into sentences with exact offsets, and say what each one is.

The offline engine may only copy text, so everything downstream works on ``Sentence`` spans of
``page_content``. Cleaning can leave markup behind (headings, bullets, tables, FAQ blocks, share
prompts); each sentence carries the kind of line it came from so that later stages can refuse to
quote a heading, a question or a navigation crumb instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefing.engines.offline.orgs_words import words_of
from briefing.sentences import BULLET_RE, HEADING_MARK_RE, lines, split_line

LineKind = Literal["prose", "bullet", "heading", "table", "faq", "boilerplate"]

_FAQ_RE = re.compile(r"\b(?:frequently\s+asked\s+questions|faqs?)\b", re.IGNORECASE)
_BOILERPLATE_RE = re.compile(
    r"newsletter|sign\s+up|subscribe|in\s+your\s+inbox|share\s+(?:this|on)|cookie|"
    r"placeholder|lorem\s+ipsum|\btodo\b|\btbd\b|read\s+more|related\s+articles|all\s+rights\s+reserved",
    re.IGNORECASE,
)
_TERMINAL = tuple(".!?\"”’')")
_WORD_RE = re.compile(r"[A-Za-z][\w'’.-]*")
_VERBISH = words_of(
    """
    is are was were be been being has have had do does did will would shall should can could may
    might must said says say told tells announced announces signed signs agreed agrees plans
    aims include includes including make makes made take takes took become becomes became comes
    came goes went gets got gives gave sees saw uses want wants seems rose fell grew won lost
    began led met paid sold bought built held kept left put ran set spent struck took wrote
    chose spoke brought thought found hit cut rise rises falls grows leads holds remains sits
    """
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """``page_content[start:end] == text``; ``index`` counts every sentence of the document."""

    start: int
    end: int
    text: str
    index: int
    kind: LineKind
    line_index: int
    """Which non-empty line (paragraph) of the document the sentence sits in."""

    @property
    def is_question(self) -> bool:
        return self.text.rstrip("\"”’') ").endswith("?")

    @property
    def words(self) -> int:
        return len(_WORD_RE.findall(self.text))


def has_verb(text: str) -> bool:
    """A cheap test for 'this is a statement, not a label': an auxiliary or an inflected verb."""
    words = _WORD_RE.findall(text)
    for i, word in enumerate(words):
        lower = word.lower().strip(".'’")
        if lower in _VERBISH or (word.islower() and len(word) > 4 and lower.endswith("ed")):
            return True
        if (
            i
            and word.islower()
            and lower.endswith("s")
            and not lower.endswith("ss")
            and words[i - 1][:1].isupper()
        ):
            return True  # "Partnership focuses", "DSIT collaborates"
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, classified by the kind of line it came from."""
    sentences: list[Sentence] = []
    in_faq = False
    for line_index, (offset, line) in enumerate(lines(text)):
        kind, body_offset = _classify(line)
        offset += body_offset
        body = line[body_offset:]
        if kind == "heading" and not body.endswith("?"):
            in_faq = bool(_FAQ_RE.search(body))
        elif in_faq:
            kind = "faq"
        for s, e in (piece for span in split_line(body) for piece in _pieces(body, *span)):
            sentences.append(Sentence(offset + s, offset + e, body[s:e], len(sentences), kind, line_index))
    return sentences


MAX_SENTENCE = 1000
"""Characters in one sentence at most. Prose sentences are far shorter; run-on text (a paragraph
with no sentence break, a page of one repeated clause) is cut into pieces of this size, so that no
step of the engine, which reads a sentence at a time, grows with the square of a document's length."""


def _pieces(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """``body[start:end]`` as pieces of at most ``MAX_SENTENCE`` characters, cut after a clause
    mark (";", ",", ":", a dash) where there is one in a piece's second half, else at a space."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = _cut(body, start + MAX_SENTENCE // 2, limit)
        piece_end = cut
        while piece_end > start and body[piece_end - 1].isspace():
            piece_end -= 1
        out.append((start, piece_end))
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _cut(body: str, low: int, limit: int) -> int:
    """Where to end a piece that must end by ``limit``: after the last clause mark in
    ``body[low:limit]``, else after its last space, else at ``limit`` (a run with no space)."""
    clause = body.rfind(", ", low, limit)
    for mark in ("; ", ": "):
        clause = max(clause, body.rfind(mark, low, limit))
    if clause >= 0:
        return clause + 1
    space = body.rfind(" ", low, limit)
    return space if space > low else limit


def _classify(line: str) -> tuple[LineKind, int]:
    """Kind of one stripped line, and where its text starts after any markup."""
    if line.startswith("|") or line.startswith("<!--"):
        return ("table" if line.startswith("|") else "boilerplate"), 0
    marker = HEADING_MARK_RE.match(line)
    if marker:
        return "heading", marker.end()
    bullet = BULLET_RE.match(line)
    body_offset = bullet.end() if bullet else 0
    body = line[body_offset:]
    words = len(_WORD_RE.findall(body))
    if words < 25 and _BOILERPLATE_RE.search(body):  # a long line (a run-on paragraph) is never read here
        return "boilerplate", body_offset
    if body.startswith("[") and body.endswith(")") and "](" in body:
        return "boilerplate", body_offset  # a bare link
    ends_like_sentence = body.endswith(_TERMINAL) and not body.endswith(":")
    if words < 5 or (not ends_like_sentence and words <= 14) or (body.endswith("?") and words <= 20):
        return "heading", body_offset
    return ("bullet" if bullet else "prose"), body_offset
