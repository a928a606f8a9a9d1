"""How the stand-in answers an extraction request: deterministically, from the document it was sent.

It reads the document out of the first user message, picks real sentences for the summary and key
points, and builds partnership rows from sentences that contain an agreement word and at least two
capitalised names, so every quote is a verbatim slice of the document. Scenarios (a fabricated
quote fixed on re-ask, a truncation, a refusal) are chosen by the document id, which the product
sends anyway, so the request bodies are exactly what the product sends for that document.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from briefing.vocabulary import KIND_TRIGGERS, STATUS_TRIGGERS

_DOC_RE = re.compile(r'<document id="([^"]*)" title="([^"]*)">\n(.*)\n</document>', re.DOTALL)
_SENTENCE_RE = re.compile(r"[^\n.!?]+(?:[.!?](?=\s|$)|(?=\n))")
_NAME_RE = re.compile(r"\b[A-Z][\w&'’.-]*(?:\s+(?:of|for|and)?\s*[A-Z][\w&'’.-]*)*")
_DATE_RE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{4})\b"
)
_NOT_NAMES = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "It",
    "In",
    "On",
    "At",
    "As",
    "But",
    "And",
    "Today",
    "Alongside",
    "With",
    "For",
    "However",
    "While",
    "According",
    "He",
    "She",
    "They",
    "We",
    "Its",
    "Their",
    "No",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "MOU",
    "AI",
}
FABRICATED_QUOTE = "The two organisations said the agreement was worth 40 billion dollars."


def _pattern(table: dict[str, tuple[str, ...]]) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            canonical,
            re.compile(rf"(?<![\w-]){re.escape(p).replace(chr(92) + ' ', chr(92) + 's+')}(?![\w-])", re.I),
        )
        for canonical, phrases in table.items()
        for p in sorted(phrases, key=len, reverse=True)
    ]


_KINDS = _pattern(KIND_TRIGGERS)
_STATUSES = _pattern(STATUS_TRIGGERS)


def read_document(body: dict[str, Any]) -> tuple[str, str, str] | None:
    first = body["messages"][0]["content"]
    text = first if isinstance(first, str) else "".join(b.get("text", "") for b in first)
    m = _DOC_RE.search(text)
    if m is None:
        return None
    return html.unescape(m.group(1)), html.unescape(m.group(2)), m.group(3).replace("&lt;", "<")


def sentences(text: str) -> list[str]:
    out = []
    for m in _SENTENCE_RE.finditer(text):
        s = m.group(0).strip()
        if 40 <= len(s) <= 320 and not s.startswith(("#", "-", "*", "|", ">", "!", "[")) and " " in s:
            out.append(s)
    return out


def _names(sentence: str) -> list[str]:
    """Capitalised runs that look like organisation names (not a sentence's first word, month or day)."""
    found: list[str] = []
    for m in _NAME_RE.finditer(sentence):
        words = m.group(0).rstrip(".,").split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if m.start() == 0 and len(words) == 1 and not words[0].isupper():
            continue  # a capitalised first word is usually just the start of the sentence
        name = re.sub(r"['’]s$", "", " ".join(words)).rstrip(".,")
        if len(name) >= 2 and name not in found and name not in _NOT_NAMES and not name.isdigit():
            found.append(name)
    return found


def _first(patterns: list[tuple[str, re.Pattern[str]]], sentence: str) -> str | None:
    return next((canonical for canonical, p in patterns if p.search(sentence)), None)


def build_answer(text: str) -> dict[str, Any]:
    sents = sentences(text)
    summary = [{"value": s, "quote": s} for s in sents[:3]]
    numbers = [s for s in sents[3:] if re.search(r"\d", s)][:3]
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for s in sents:
        kind = _first(_KINDS, s)
        parties = _names(s)
        if kind is None or len(parties) < 2 or tuple(parties[:2]) in seen:
            continue
        seen.add(tuple(parties[:2]))
        status = _first(_STATUSES, s)
        date = _DATE_RE.search(s)
        rows.append(
            {
                "parties": [{"value": p, "quote": s} for p in parties[:2]],
                "kind": {"value": kind, "quote": s},
                "date": {"value": date.group(0), "quote": s} if date else None,
                "status": {"value": status, "quote": s} if status else None,
                "scope": None,
            }
        )
        if len(rows) == 4:
            break
    return {
        "summary": summary,
        "key_points": [{"value": s, "quote": s} for s in numbers],
        "partnerships": rows,
    }


def scenario_of(document_id: str) -> str:
    for name in ("fabricate", "truncate", "refuse"):
        if name in document_id:
            return name
    return "normal"


_EVIDENCE_RE = re.compile(
    r'<evidence id="([^"]*)" document="([^"]*)" topic="([^"]*)" field="([^"]*)" value="([^"]*)">'
)
UNKNOWN_ID = "ev-not-in-the-evidence"


def summary_answer(body: dict[str, Any]) -> str | None:
    """A cited executive summary, or None if this is not a synthesis request.

    Scenario: when a cited document id contains "fabricate", the first turn also cites an id
    that is not in the evidence; the re-ask turn leaves it out.
    """
    first = body["messages"][0]["content"]
    items = [tuple(html.unescape(g) for g in m.groups()) for m in _EVIDENCE_RE.finditer(first)]
    if not items:
        return None
    by_topic: dict[str, list[tuple[str, ...]]] = {}
    for item in items:
        by_topic.setdefault(item[2], []).append(item)
    sentences = []
    for topic, group in list(by_topic.items())[:5]:
        facts = "; ".join(f"{field}: {value}" for _, _, _, field, value in group if value)
        sentences.append({"text": f"{topic.capitalize()} ({facts}).", "citations": [g[0] for g in group]})
    if any("fabricate" in item[1] for item in items) and len(body["messages"]) == 1:
        sentences.append({"text": "Further deals are expected next year.", "citations": [UNKNOWN_ID]})
    return json.dumps({"sentences": sentences}, ensure_ascii=False)


def respond(body: dict[str, Any], *, truncated_before: set[str]) -> tuple[str, str]:
    """(text, stop_reason) for one request; ``truncated_before`` is the server's memory."""
    summary = summary_answer(body)
    if summary is not None:
        return summary, "end_turn"
    doc = read_document(body)
    if doc is None:
        return json.dumps({"summary": [], "key_points": [], "partnerships": []}), "end_turn"
    doc_id, _title, text = doc
    scenario = scenario_of(doc_id)
    answer = build_answer(text)
    if scenario == "refuse":
        return "I can't help with this document.", "refusal"
    if scenario == "truncate" and doc_id not in truncated_before:
        truncated_before.add(doc_id)
        full = json.dumps(answer)
        return full[: len(full) // 2], "max_tokens"
    if scenario == "fabricate" and len(body["messages"]) == 1 and answer["summary"]:
        answer["summary"][0] = {"value": answer["summary"][0]["value"], "quote": FABRICATED_QUOTE}
    return json.dumps(answer, ensure_ascii=False), "end_turn"
