"""What a dated briefing may contain, and the optional cleaned text in its JSON.

A briefing dated ``--date 2025-01-01`` cannot report what was published after that day: such
documents are left out as skipped, with the reason, the way a weekly digest leaves out documents
from other weeks (and, like there, that is not a partial run). Documents without a publication
date are kept: nothing says they are later. ``with_text`` fills ``documents[].text`` for
``--include-text``, so a reader of the JSON alone can resolve every ``start``/``end`` offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from langchain_core.documents import Document

from briefing.documents import document_id
from briefing.models import Briefing
from briefing.pipeline import Window

__all__ = ["published_after", "up_to", "with_text"]


def up_to(as_of: date) -> Window:
    """The window of a briefing dated ``as_of``: everything published on or before that day."""
    return Window(date.min, as_of, f"the briefing's period (up to {as_of.isoformat()})", keep_undated=True)


def published_after(documents: Sequence[Document], window: Window) -> int:
    """How many readable documents ``window`` leaves out (for the one-line notice)."""
    return sum(
        1
        for d in documents
        if d.metadata.get("status", "ok") == "ok" and window.reason_outside(d.metadata.get("published"))
    )


def with_text(briefing: Briefing, documents: Sequence[Document]) -> Briefing:
    """``briefing`` with each document record's cleaned text (the one its spans point into)."""
    texts = {document_id(d): d.page_content for d in documents}
    records = tuple(replace(r, text=texts.get(r.id)) for r in briefing.documents)
    return replace(briefing, documents=records)
