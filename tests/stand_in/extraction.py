"""The stand-in's answer to an extraction request: what a careful model would propose for the document.

Its "brain" is the project's own offline engine (``briefing.engines.offline.OfflineEngine``), run
on a ``Document`` rebuilt from the request (id and title; the request carries no publication date
or publisher, so the engine does without them). Its draft is then written up the way the system
prompt asks a model to answer: 2 to 4 summary sentences, up to 5 key points, partnership rows in
which every field carries its own short quote. Summary and key-point values are tidied (a
wire-service dateline or a "The Agreement:" label is left out) while each quote stays a verbatim
slice of the document. Finally the stand-in checks its own quotes the way a careful model would
before answering: an item whose quote is not copied character for character from the document is
left out (a row that loses a party or its kind is left out whole). That check is a plain substring
test, not the product's grounding, so a grounding bug still shows in the replay tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.documents import Document

from briefing.engines.offline import OfflineEngine
from briefing.models import DraftExtraction, DraftField, DraftRow
from tests.stand_in.request import FailedItem, RequestDocument

MIN_SUMMARY, MAX_SUMMARY, MAX_KEY_POINTS = 2, 4, 5
OPTIONAL_ROW_FIELDS = ("date", "status", "scope")

# "LONDON, April 28 (Reuters) - " and "PARIS (AFP) — ": where a sentence starts with a dateline.
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s+\([^)\n]{1,40}\)\s+[-–—]+\s+(?=\S)"
)
# "The Agreement: Anthropic signed ...": a short label before the real sentence.
_LABEL_RE = re.compile(r"^(?:The\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?:\s+(?=[A-Z])")
_MIN_TIDIED = 30
_MIN_QUOTE, _MAX_QUOTE = 16, 160
_WORD_AFTER_RE = re.compile(r"[ \t]*[^\s]+")
_WORD_BEFORE_RE = re.compile(r"[^\s]+[ \t]*$")

QuotedValue = dict[str, str]
IsBad = Callable[[str, QuotedValue], bool]


def draft_for(document: RequestDocument) -> DraftExtraction:
    metadata: dict[str, Any] = {"id": document.id}
    if document.title:
        metadata["title"] = document.title
    if document.publisher:
        metadata["publisher"] = document.publisher
    if document.published:
        metadata["published"] = document.published
    source = Document(page_content=document.text, metadata=metadata)
    return OfflineEngine().extract(source, document_id=document.id)


def _tidy(field: DraftField) -> QuotedValue:
    """A claim as a model would write it: the sentence without a dateline or label, on one line."""
    quote = field.quote.strip()
    for pattern in (_DATELINE_RE, _LABEL_RE):
        m = pattern.match(quote)
        if m and len(quote) - m.end() >= _MIN_TIDIED:
            quote = quote[m.end() :]
    value = quote if field.value.strip() == field.quote.strip() else field.value
    return {"value": " ".join(value.split()), "quote": quote}


def _occurrences(text: str, quote: str) -> int:
    return len(re.findall(re.escape(quote), text, re.IGNORECASE))


def _needs_context(text: str, quote: str) -> bool:
    return len(quote) < _MIN_QUOTE or _occurrences(text, quote) > 1


def _placed(field: DraftField, text: str) -> str:
    """A quote that occurs once: a careful model quotes a few words of context, not one word.

    The engine knows where it found the words (``hint``); the quote grows a word at a time on
    both sides of that place, within its line, until it is unique and at least ``_MIN_QUOTE``
    characters long (or ``_MAX_QUOTE`` long).
    """
    hint = field.hint
    if hint is None or text[hint.start : hint.end] != field.quote or not _needs_context(text, field.quote):
        return field.quote
    line_start = text.rfind("\n", 0, hint.start) + 1
    line_end = text.find("\n", hint.end)
    line_end = len(text) if line_end < 0 else line_end
    start, end = hint.start, hint.end
    while _needs_context(text, text[start:end]) and end - start < _MAX_QUOTE:
        right = _WORD_AFTER_RE.match(text, end, line_end)
        left = _WORD_BEFORE_RE.search(text, line_start, start)
        if right is None and left is None:
            break
        end = right.end() if right else end
        start = left.start() if left else start
    return text[start:end]


def _quoted(field: DraftField | None, text: str) -> QuotedValue | None:
    return None if field is None else {"value": field.value.strip(), "quote": _placed(field, text)}


def _row(row: DraftRow, text: str) -> dict[str, Any]:
    return {
        "parties": [_quoted(p, text) for p in row.parties],
        "kind": _quoted(row.kind, text),
        "date": _quoted(row.date, text),
        "status": _quoted(row.status, text),
        "scope": _quoted(row.scope, text),
    }


def answer_for(draft: DraftExtraction, text: str) -> dict[str, Any]:
    """The draft written up in the answer's shape (summary, key_points, partnerships)."""
    summary = [_tidy(f) for f in draft.summary]
    key_points = [_tidy(f) for f in draft.key_points]
    while len(summary) < MIN_SUMMARY and key_points:
        summary.append(key_points.pop(0))
    return {
        "summary": summary[:MAX_SUMMARY],
        "key_points": key_points[:MAX_KEY_POINTS],
        "partnerships": [_row(r, text) for r in draft.rows],
    }


def _keep_row(row: dict[str, Any], bad: IsBad) -> dict[str, Any] | None:
    """The row without optional fields that fail ``bad``; None if a party or the kind fails."""
    if not row["parties"] or any(bad("party", p) for p in row["parties"]) or bad("kind", row["kind"]):
        return None
    return row | {
        name: None if row[name] and bad(name, row[name]) else row[name] for name in OPTIONAL_ROW_FIELDS
    }


def _filtered(answer: dict[str, Any], bad: IsBad) -> dict[str, Any]:
    rows = [r for r in (_keep_row(row, bad) for row in answer["partnerships"]) if r is not None]
    return {
        "summary": [s for s in answer["summary"] if not bad("summary", s)],
        "key_points": [k for k in answer["key_points"] if not bad("key_point", k)],
        "partnerships": rows,
    }


def only_verbatim(answer: dict[str, Any], text: str) -> dict[str, Any]:
    """Leave out what a careful model would not send: any item whose quote is not in the text."""
    return _filtered(answer, lambda _field, item: not item["quote"] or item["quote"] not in text)


def _label(row: dict[str, Any]) -> str:
    return " / ".join(p["value"] for p in row["parties"]) + f": {row['kind']['value']}"


def without_failed(answer: dict[str, Any], failures: Sequence[FailedItem]) -> dict[str, Any]:
    """The re-ask rule from ``prompts/reask.j2``: an item the program could not verify, sent again
    unchanged, would fail again, so it is removed (an optional row field becomes null)."""
    named = {(f.field, f.value, f.quote) for f in failures}
    dropped_rows = {f.value for f in failures if f.field == "row"}
    answer = _filtered(answer, lambda field, item: (field, item["value"], item["quote"]) in named)
    answer["partnerships"] = [r for r in answer["partnerships"] if _label(r) not in dropped_rows]
    return answer
