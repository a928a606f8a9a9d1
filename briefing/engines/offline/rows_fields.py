"""The kind, date, status and scope cells of an offline row, each an exact slice with its span.

Separated from ``offline_rows`` (which decides *whether* there is a row and who the parties are)
because each cell has its own small reading rule: the clause around the trigger, the date nearest
to it, the status words in the row's own stretch of text, the clause after "to explore"/"on"/"for".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from briefing.dates import DateMention
from briefing.engines.offline.sentences import Sentence
from briefing.models import DraftField, Span
from briefing.vocabulary import STATUS_TRIGGERS, Trigger, find_statuses

_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s")
_NEGATED = re.compile(r"(?:\b(?:not|no|never|without|yet\s+to|nor)|n['’]t)(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_BASE_FORM_SIGN = frozenset({"sign", "signing"})
_SCOPE_MARKER = re.compile(
    r"\b(?P<m>to\s+explore|exploring|focused\s+on|focusing\s+on|focuses\s+on|cent(?:e|r)(?:red|ring|res|ers)\s+on|"
    r"aimed\s+at|aiming\s+to|covering|to|on|for)\s+",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"(?:the|a|an|its|their|his|her|this|that|these|those|be)\b", re.IGNORECASE)
_NOT_A_SCOPE_START = re.compile(
    r"(?:\d|(?:date|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)\b)",
    re.IGNORECASE,
)
_SCOPE_END = re.compile(
    r"[;:—–()\"“”]|\s-\s|,\s+[\"“]|,\s+(?:to|so|in\s+order|as|which|while|but|and|with|according|said|says|"
    r"including|adding|helping|making|allowing|enabling|ensuring|marking|following)\b"
    r"|,\s+(?:the|a|an)\s|,\s+(?:[\w'’-]+\s+){1,4}(?:said|says|announced|added|told)\b"
)
_MAX_SCOPE_WORDS = 30
_MAX_GAP_WORDS = 8
_DATE_REACH = 160
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|announced|announces|told|confirmed|added)\s+(?:on\s+)?$")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|announced|announces|told|confirmed)\b")


@dataclass(frozen=True, slots=True)
class Region:
    """The stretch of the document a row was read from (absolute offsets)."""

    start: int
    end: int


def _field(text: str, value: str, start: int, end: int) -> DraftField:
    return DraftField(value, text[start:end], Span(start, end))


def kind_field(text: str, sentence: Sentence, trigger: Trigger) -> DraftField:
    """The canonical kind, quoted by the clause that contains its trigger phrase."""
    found = _clause_around(sentence.text, trigger.start - sentence.start, trigger.end - sentence.start)
    if found is not None:
        start, end = sentence.start + found[0], sentence.start + found[1]
    else:  # a clause mark runs across an edge of the trigger: read the sentence around it
        start = trigger.start
        for m in _CLAUSE_BREAK.finditer(text, sentence.start, trigger.start):
            start = m.end()
        stop = _CLAUSE_BREAK.search(text, trigger.end, sentence.end)
        end = stop.start() if stop else sentence.end
    start, end = _strip(text, min(start, trigger.start), max(end, trigger.end))
    return _field(text, trigger.canonical, start, end)


def date_field(
    text: str, sentence: Sentence, trigger: Trigger, mentions: list[DateMention]
) -> DraftField | None:
    """The date mentioned nearest the trigger in the same sentence, quoted together with it."""
    best: tuple[int, int, int, DateMention] | None = None
    for m in mentions:
        start, end = sentence.start + m.start, sentence.start + m.end
        distance = max(start - trigger.end, trigger.start - end, 0)
        if _SPEECH_BEFORE.search(text, max(0, start - 30), start) or _SPEECH_AFTER.match(text, end):
            distance += _DATE_REACH  # "said on Tuesday", "today announced": when it was told, not agreed
        if distance <= _DATE_REACH and (best is None or distance < best[0]):
            best = (distance, start, end, m)
    if best is None:
        return None
    _, start, end, mention = best
    value = mention.value.isoformat() if mention.precision == "day" else mention.value.isoformat()[:7]
    if mention.precision == "year":
        value = str(mention.value.year)
    lo, hi = min(start, trigger.start), max(end, trigger.end)
    return _field(text, value, lo, hi)


def status_field(text: str, sentence: Sentence, region: Region) -> DraftField | None:
    """Every status the row's own text states ("signed, non-binding"), none it merely implies."""
    found = []
    for t in _statuses(sentence.text):
        start, end = sentence.start + t.start, sentence.start + t.end
        if not (region.start <= start and end <= region.end):
            continue
        if t.phrase.lower() in _BASE_FORM_SIGN or _NEGATED.search(
            text[max(sentence.start, start - 40) : start]
        ):
            continue  # "will sign" is planned, "has not signed" is not signed
        found.append((t.canonical, start, end))
    if not found:
        return None
    order = list(STATUS_TRIGGERS)
    statuses = sorted({c for c, _, _ in found}, key=order.index)
    return _field(text, ", ".join(statuses), min(s for _, s, _ in found), max(e for _, _, e in found))


def _clause_around(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The clause around ``sentence[start:end]``: from the end of the last clause mark before
    ``start`` (else ``start``) to the first clause mark at or after ``end`` (else the sentence's
    end). None when a mark runs across ``start`` or ``end``: a scan of the whole sentence could
    then read the marks otherwise than a scan of the part before or after, as ``kind_field`` does."""
    marks = _clause_marks(sentence)
    i = bisect_left(marks, (start, -1))  # the marks that start before ``start``
    if i and marks[i - 1][1] > start:
        return None
    j = bisect_left(marks, (end, -1))  # the first mark that starts at or after ``end``
    if j and marks[j - 1][1] > end:
        return None
    return (marks[i - 1][1] if i else start), (marks[j][0] if j < len(marks) else len(sentence))


@lru_cache(maxsize=8)
def _clause_marks(sentence: str) -> list[tuple[int, int]]:
    """The clause marks of one sentence (spans), read once however many rows the sentence gives."""
    return [m.span() for m in _CLAUSE_BREAK.finditer(sentence)]


@lru_cache(maxsize=8)
def _statuses(sentence: str) -> tuple[Trigger, ...]:
    """Status phrases of one sentence, read once however many rows the sentence gives."""
    return tuple(find_statuses(sentence))


def scope_field(text: str, sentence: Sentence, *, after: int) -> DraftField | None:
    """What the agreement is about: the clause after "to explore", "focused on", "to", "on", "for"."""
    for m in _SCOPE_MARKER.finditer(text, after, sentence.end):
        gap = text[after : m.start()]
        if len(gap.split()) > _MAX_GAP_WORDS or re.search(r"[;:—–]", gap):
            return None
        plain_to = m.group("m").lower() == "to"
        if _NOT_A_SCOPE_START.match(text, m.end()) or (plain_to and _DETERMINER.match(text, m.end())):
            continue
        stop = _SCOPE_END.search(text, m.end(), sentence.end)
        end = stop.start() if stop else sentence.end
        start, end = _strip(text, m.end(), end)
        words = text[start:end].split()
        if len(words) < 2 or len(words) > _MAX_SCOPE_WORDS:
            return None
        quote_start = m.start()
        return DraftField(text[start:end], text[quote_start:end], Span(quote_start, end))
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;!?\"”’'"):
        end -= 1
    return start, end
