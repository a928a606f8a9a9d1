"""Checking a proposed value against the source slice its quote was located at.

A located quote proves only that the words exist; the value could still misread them. Each check
returns a ``Check`` whose ``reason`` tells a person (or the re-asking engine) what to fix, and
whose ``value`` is the normalised form to show (a date in ISO form, a canonical kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from briefing.dates import DateMention, find_dates, parse_date
from briefing.grounding.critical import critical_tokens
from briefing.names import canonical_name, find_name
from briefing.vocabulary import KIND_TRIGGERS, STATUS_TRIGGERS, canonical_kind, find_kinds, find_statuses

_NEGATED = re.compile(r"(?:\b(?:not|no|never|without|yet\s+to|nor)|n['’]t)(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)\s*$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will", "with",
    "which", "who", "would",
})  # fmt: skip
_SENTENCE_STARTERS = frozenset({
    "these", "those", "both", "after", "under", "he", "she", "they", "we", "his", "her", "our", "there",
    "but", "however", "also", "meanwhile", "while", "when", "if", "as", "according", "in", "on",
})  # fmt: skip
SCOPE_MIN_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Check:
    """Whether a value is supported by its span; ``value`` is the normalised value to keep."""

    ok: bool
    reason: str
    value: str = ""
    note: str = ""


def check_party(name: str, span_text: str) -> Check:
    """The party must be named in the span, in any accepted form (see ``briefing.names``)."""
    if not name.strip():
        return Check(False, "the party name is empty")
    found = find_name(name, span_text)
    if found is None:
        named = sorted(critical_tokens(span_text).names)
        return Check(
            False,
            f"party '{name}' is not named in its quote"
            + (f" (capitalised words there: {', '.join(named[:8])})" if named else ""),
        )
    written = span_text[found.start : found.end]
    note = "" if written == name.strip() else f"written '{written}' in the source"
    return Check(True, "", name.strip(), note)


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_FIRST_PERSON = re.compile(r"\b(?:we|we['’](?:re|ve|ll|d)|our|ours|us)\b", re.IGNORECASE)


def check_publisher_voice(name: str, span_text: str, *, publisher: str | None) -> Check:
    """A party may be the publisher itself when the span speaks in its voice ("we", "our").

    An organisation's own announcement ("Today, we're announcing a partnership with X") never
    names itself; its name is in the document's metadata (front matter, HTML meta). First person
    inside quotation marks is someone being quoted, not the publisher, and does not count.
    """
    if not publisher or canonical_name(name).casefold() != canonical_name(publisher).casefold():
        return Check(False, f"party '{name}' is not named in its quote")
    if not _FIRST_PERSON.search(_QUOTED.sub(" ", span_text)):
        return Check(
            False, f"party '{name}' is not named in its quote, which is not in the publisher's voice"
        )
    return Check(
        True, "", publisher, f"the publisher, {publisher}, speaking as 'we' (publisher from metadata)"
    )


def _read_value_date(value: str, anchor: date | None) -> tuple[date, str] | None:
    """A proposed date and its precision ('day' or 'month'); ``None`` if it is not a date."""
    day = parse_date(value, anchor=anchor)
    if day is not None:
        return day, "day"
    iso = _ISO_MONTH.match(value)
    if iso and 1 <= int(iso["month"]) <= 12:
        return date(int(iso["year"]), int(iso["month"]), 1), "month"
    months = [m for m in find_dates(value, anchor=anchor) if m.precision == "month"]
    return (months[0].value, "month") if months else None


def check_date(value: str, span_text: str, *, anchor: date | None) -> Check:
    """The date must be one the span mentions; relative dates are resolved against ``anchor``."""
    read = _read_value_date(value, anchor)
    if read is None:
        return Check(False, f"'{value}' is not a date that can be read (use YYYY-MM-DD)")
    wanted, precision = read
    shown = wanted.isoformat() if precision == "day" else wanted.isoformat()[:7]
    mentions = find_dates(span_text, anchor=anchor)
    for m in mentions:
        if _same_date(m, wanted, precision):
            return Check(True, "", shown, m.how if m.resolved else "")
    if mentions:
        seen = "; ".join(f"'{m.text}' = {_show(m)}" for m in mentions)
        return Check(False, f"date {shown} is not the date its quote mentions ({seen})", shown)
    hint = "" if anchor else " (the document has no date, so weekdays cannot be resolved)"
    return Check(False, f"date {shown} is not mentioned in its quote{hint}", shown)


def _same_date(mention: DateMention, wanted: date, precision: str) -> bool:
    if mention.precision != precision:
        return False
    if precision == "month":
        return (mention.value.year, mention.value.month) == (wanted.year, wanted.month)
    return mention.value == wanted


def _show(mention: DateMention) -> str:
    return mention.value.isoformat()[:7] if mention.precision == "month" else mention.value.isoformat()


def _negated(span_text: str, start: int) -> bool:
    return bool(_NEGATED.search(span_text[max(0, start - 40) : start]))


def check_kind(value: str, span_text: str) -> Check:
    """The kind must have one of its own trigger phrases, not negated, in the span."""
    kind = canonical_kind(value)
    if kind is None:
        return Check(False, f"'{value}' is not a known agreement kind ({', '.join(KIND_TRIGGERS)})")
    triggers = [t for t in find_kinds(span_text) if not _negated(span_text, t.start)]
    if any(t.canonical == kind for t in triggers):
        return Check(True, "", kind)
    # A generic kind is also supported when its own word sits inside a longer trigger
    # ("agreement" in "framework agreement").
    for phrase in KIND_TRIGGERS[kind]:
        for m in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", span_text, re.IGNORECASE):
            if not _negated(span_text, m.start()):
                return Check(True, "", kind)
    said = sorted({t.canonical for t in triggers})
    expected = ", ".join(KIND_TRIGGERS[kind][:4])
    return Check(
        False,
        f"kind '{kind}' has no trigger phrase in its quote (expected e.g. {expected})"
        + (f"; the quote supports: {', '.join(said)}" if said else ""),
        kind,
    )


def check_status(value: str, span_text: str) -> Check:
    """Each comma-separated status must have a trigger phrase, not negated, in the span."""
    wanted = [s.strip().lower() for s in re.split(r"[,;/]|\band\b", value) if s.strip()]
    if not wanted:
        return Check(False, "the status is empty")
    unknown = [s for s in wanted if s not in STATUS_TRIGGERS]
    if unknown:
        return Check(False, f"unknown status {', '.join(unknown)} (known: {', '.join(STATUS_TRIGGERS)})")
    present = {t.canonical for t in find_statuses(span_text) if not _negated(span_text, t.start)}
    missing = [s for s in wanted if s not in present]
    if missing:
        return Check(
            False,
            f"status {', '.join(missing)} has no trigger phrase in its quote"
            + (f"; the quote supports: {', '.join(sorted(present))}" if present else ""),
            ", ".join(wanted),
        )
    return Check(True, "", ", ".join(wanted))


def content_words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text) if w.casefold() not in _STOPWORDS and len(w) > 2]


def check_scope(value: str, span_text: str) -> Check:
    """A scope is free text: most of its content words, and all its numbers, must be in the span."""
    words = content_words(value)
    if not words:
        return Check(False, "the scope has no content words")
    span_words = {_stem(w) for w in content_words(span_text)}
    missing = [w for w in words if _stem(w) not in span_words]
    share = 1 - len(missing) / len(words)
    numbers = [n for n in re.findall(r"\d+(?:[.,]\d+)*", value) if n not in span_text]
    if share < SCOPE_MIN_SHARE or numbers:
        what = ", ".join(dict.fromkeys(numbers + missing))
        return Check(False, f"scope shares only {share:.0%} of its words with its quote (missing: {what})")
    return Check(True, "", " ".join(value.split()))


def check_claim(value: str, span_text: str) -> Check:
    """A summary sentence may paraphrase, but its numbers, months, names and negation must be there."""
    v, s = critical_tokens(value), critical_tokens(span_text)
    problems = [k.split(" ", 1)[1] for k in v.counts if not k.startswith("negation") and s.counts[k] == 0]
    # Capitalised only because it starts the sentence ("The", "Both") is not a name.
    problems += sorted(n for n in v.names - s.words if n not in _STOPWORDS and n not in _SENTENCE_STARTERS)
    v_neg = any(k.startswith("negation") for k in v.counts)
    s_neg = any(k.startswith("negation") for k in s.counts)
    if v_neg != s_neg:
        problems.append("a negation" + (" the quote does not have" if v_neg else " the quote has"))
    if problems:
        return Check(False, f"the sentence is not supported by its quote ({'; '.join(problems)})")
    return Check(True, "", " ".join(value.split()))


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word
