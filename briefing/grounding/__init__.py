"""Grounding: the program, not the model, locates every quote and checks every value against it.

``verify_quote`` / ``DocumentIndex`` locate a quote (exact, normalised, ellipsis, guarded fuzzy);
the ``check_*`` functions test a value against the located slice; ``verify_extraction`` applies
both to an engine's whole draft and keeps every rejection with its reason.
"""

from __future__ import annotations

from briefing.grounding.match import DocumentIndex, nearest_passage, verify_quote
from briefing.grounding.result import QuoteMatch
from briefing.grounding.values import (
    Check,
    check_claim,
    check_date,
    check_kind,
    check_party,
    check_scope,
    check_status,
)
from briefing.grounding.verify import document_anchor, verify_extraction

__all__ = [
    "Check",
    "DocumentIndex",
    "QuoteMatch",
    "check_claim",
    "check_date",
    "check_kind",
    "check_party",
    "check_scope",
    "check_status",
    "document_anchor",
    "nearest_passage",
    "verify_extraction",
    "verify_quote",
]
