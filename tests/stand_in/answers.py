"""How the stand-in answers one Messages API request: deterministically, from what the request contains.

- An executive-summary request (``<evidence>`` items) gets 3 to 5 cited sentences
  (``synthesis.py``).
- An extraction request (a ``<document>``) gets what a careful model would propose
  (``extraction.py``: the project's offline engine reads the document, the stand-in writes up
  its draft and sends only verbatim quotes). On a re-ask turn the items the program named as
  unverified are removed, as ``prompts/reask.j2`` asks.
- Either answer is fitted to the request's ``output_config.format.schema`` (``schema_fit.py``).

Scripted scenarios are chosen by a document id, which the product sends anyway, so the request
bodies are exactly what the product sends for that document: ``scenario-fabricate`` (a fabricated
quote on the first turn, fixed on the re-ask; in a synthesis request, a citation of an unknown
evidence id on the first turn), ``scenario-truncate`` (the first answer stops at ``max_tokens``) and
``scenario-refuse`` (``stop_reason: refusal``).
"""

from __future__ import annotations

import json
from typing import Any

from tests.stand_in.extraction import answer_for, draft_for, only_verbatim, without_failed
from tests.stand_in.instructions import partnership_limit
from tests.stand_in.request import failed_items, is_reask, output_schema, read_document, read_evidence
from tests.stand_in.schema_fit import fit_to_schema
from tests.stand_in.synthesis import executive_summary

FABRICATED_QUOTE = "The two organisations said the agreement was worth 40 billion dollars."
UNKNOWN_ID = "ev-not-in-the-evidence"
REFUSAL = "I can't help with this document."
REFUSAL_DETAILS = {"type": "refusal", "category": "general_harms", "explanation": None}
"""``stop_details`` of a scripted refusal (anthropic 2.12 ``types/refusal_stop_details.py``)."""
_TOKEN_CHARS = 4  # the stand-in's token count: one per four characters, like a rough tokenizer


def scenario_of(document_id: str) -> str:
    for name in ("fabricate", "truncate", "refuse"):
        if name in document_id:
            return name
    return "normal"


def summary_answer(body: dict[str, Any]) -> dict[str, Any] | None:
    """The executive summary, or None if this is not a synthesis request."""
    items = read_evidence(body)
    if not items:
        return None
    sentences = [{"text": t, "citations": c} for t, c in executive_summary(items)]
    if any(scenario_of(i.document_id) == "fabricate" for i in items) and not is_reask(body):
        sentences.append({"text": "Further deals are expected next year.", "citations": [UNKNOWN_ID]})
    return {"sentences": sentences}


def extraction_answer(body: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """(answer, document id) for an extraction request, or None if the request has no document."""
    document = read_document(body)
    if document is None:
        return None
    answer = only_verbatim(answer_for(draft_for(document), document.text), document.text)
    limit = partnership_limit(body)  # the one prompt instruction it honours (instructions.py)
    if limit is not None:
        answer["partnerships"] = answer["partnerships"][:limit]
    if is_reask(body):
        answer = without_failed(answer, failed_items(body))
    elif scenario_of(document.id) == "fabricate" and answer["summary"]:
        answer["summary"][0] = answer["summary"][0] | {"quote": FABRICATED_QUOTE}
    return answer, document.id


def _shaped(answer: dict[str, Any], body: dict[str, Any]) -> str:
    schema = output_schema(body)
    return json.dumps(answer if schema is None else fit_to_schema(answer, schema), ensure_ascii=False)


def respond(body: dict[str, Any], *, truncated_before: set[str], thinking: int = 0) -> tuple[str, str]:
    """(text, stop_reason) for one request; ``truncated_before`` is the server's memory.

    ``thinking``: output tokens already spent thinking; like the real API they count toward
    ``max_tokens``, so only what is left is available for the answer (none left: no text).
    Raises ``SchemaMismatch`` when the answer cannot take the requested schema's shape.
    """
    summary = summary_answer(body)
    if summary is not None:
        text, doc_id = _shaped(summary, body), ""
    else:
        extracted = extraction_answer(body)
        if extracted is None:
            empty = {"summary": [], "key_points": [], "partnerships": []}
            return _shaped(empty, body), "end_turn"
        answer, doc_id = extracted
        if scenario_of(doc_id) == "refuse":
            return REFUSAL, "refusal"
        text = _shaped(answer, body)
        if scenario_of(doc_id) == "truncate" and doc_id not in truncated_before:
            truncated_before.add(doc_id)
            return text[: len(text) // 2], "max_tokens"
    budget = (int(body.get("max_tokens") or 0) - thinking) * _TOKEN_CHARS
    if budget <= 0:
        return "", "max_tokens"
    if len(text) > budget:  # like the real API: an answer longer than the budget stops there
        return text[:budget], "max_tokens"
    return text, "end_turn"
