"""The offline engine: extractive, deterministic, no language model, the default without an API key.

Summaries are chosen sentences and every table cell is a slice of ``page_content`` with its span,
so grounding can verify each one exactly. The work is split into small modules:
``offline_sentences`` (cutting and classifying), ``offline_summary`` (choosing), ``offline_orgs``
(naming organisations), ``offline_rows`` and ``offline_rows_fields`` (partnership rows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from langchain_core.documents import Document

from briefing.engines.base import ProgressCallback
from briefing.engines.offline.orgs import OrgSpotter
from briefing.engines.offline.rows import RowContext, find_rows, first_person_narration
from briefing.engines.offline.sentences import split_sentences
from briefing.engines.offline.summary import choose
from briefing.injection import addressed_spans, inside_addressed
from briefing.models import DraftExtraction, EngineInfo, ExtractionFailure, Usage
from briefing.vocabulary import find_kinds

__all__ = ["OFFLINE_NOTICE", "OfflineEngine"]

OFFLINE_NOTICE = (
    "Offline extractive engine: no language model was used; every summary sentence and every "
    "table cell is copied verbatim from the sources."
)
_ORG_NAME_RE = re.compile(r"[A-Z][\w&.'’-]*(?:\s+(?:of|for|and|&|the|[A-Z][\w&.'’-]*))*")


class OfflineEngine:
    """Implements ``briefing.engines.base.Engine`` without any model or network access.

    ``resolve_first_person``: in a document published by an organisation (metadata
    ``publisher``), read "we"/"our" next to an agreement phrase as that organisation.
    """

    def __init__(self, *, resolve_first_person: bool = True) -> None:
        self._resolve_first_person = resolve_first_person
        self._info = EngineInfo(
            name="offline", model=None, prompt_version=None, uses_language_model=False, notice=OFFLINE_NOTICE
        )

    @property
    def info(self) -> EngineInfo:
        return self._info

    def extract_many(
        self, documents: Sequence[Document], *, on_done: ProgressCallback | None = None
    ) -> list[DraftExtraction | ExtractionFailure]:
        """One result per document, in input order; a document that breaks the engine fails alone."""
        results: list[DraftExtraction | ExtractionFailure] = []
        for position, document in enumerate(documents):
            document_id = str(document.metadata.get("id") or f"document-{position + 1}")
            try:
                results.append(self.extract(document, document_id=document_id))
            except Exception as exc:  # one bad document must not cost the others
                reason = f"offline engine could not read this document ({type(exc).__name__}: {exc})"
                results.append(ExtractionFailure(document_id=document_id, reason=reason))
            if on_done is not None:
                on_done(document_id)
        return results

    def extract(self, document: Document, *, document_id: str) -> DraftExtraction:
        """The draft for one document: summary, key points and partnership rows."""
        text = document.page_content
        if not isinstance(text, str):
            raise TypeError("page_content is not text")
        sentences = split_sentences(text)
        addressed = addressed_spans(text)
        if addressed:  # text written for AI readers is never a source of rows or summary sentences
            sentences = [
                replace(s, kind="boilerplate") if inside_addressed(addressed, s.start, s.end) else s
                for s in sentences
            ]
        kinds = {s.index: find_kinds(s.text) for s in sentences}  # read once; every pass asks
        spotter = OrgSpotter(text, sentences, kinds=kinds)
        org_counts = {
            s.index: len(
                spotter.find(s, exclude=[(s.start + t.start, s.start + t.end) for t in kinds[s.index]])
            )
            for s in sentences
            if s.kind in ("prose", "bullet")
        }
        title = document.metadata.get("title")
        chosen = choose(
            sentences, title=title if isinstance(title, str) else None, org_counts=org_counts, kinds=kinds
        )
        publisher = self._publisher(document.metadata.get("publisher"))
        context = RowContext(
            text=text,
            anchor=_anchor(document.metadata.get("published")),
            publisher=publisher if publisher and first_person_narration(sentences) else None,
            kinds=kinds,
        )
        rows = find_rows(sentences, spotter, context)
        return DraftExtraction(
            document_id=document_id,
            summary=chosen.summary,
            key_points=chosen.key_points,
            rows=tuple(rows),
            usage=Usage(),
        )

    def _publisher(self, value: object) -> str | None:
        """A publisher that reads as an organisation name ("Google DeepMind"), not a URL or domain."""
        if not self._resolve_first_person or not isinstance(value, str):
            return None
        name = " ".join(value.split())
        if not name or len(name) > 60 or "/" in name or not _ORG_NAME_RE.fullmatch(name):
            return None
        return name


def _anchor(published: object) -> date | None:
    """The document's own date, against which "today" and "April 28" are read."""
    if isinstance(published, date):
        return published
    if not isinstance(published, str) or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
