"""A fake engine for pipeline tests: enqueue canned drafts, then assert on the calls made."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.documents import Document

from briefing.engines.base import ProgressCallback
from briefing.models import DraftExtraction, EngineInfo, ExtractionFailure


class FakeEngine:
    """Answers each document id with the draft (or failure) queued for it."""

    def __init__(self, answers: dict[str, DraftExtraction | ExtractionFailure]) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name="fake", model="fake-1", prompt_version="p0", uses_language_model=True)

    def extract_many(
        self, documents: Sequence[Document], *, on_done: ProgressCallback | None = None
    ) -> list[DraftExtraction | ExtractionFailure]:
        ids = [str(d.metadata["id"]) for d in documents]
        self.calls.append(ids)
        results = [self.answers[i] for i in ids]
        for i in ids:
            if on_done:
                on_done(i)
        return results


def make_document(
    doc_id: str, text: str, *, status: str = "ok", reason: str = "", published: str | None = None
) -> Document:
    """A document as the loader would yield it."""
    return Document(
        page_content=text,
        id=doc_id,
        metadata={
            "id": doc_id,
            "path": f"/in/{doc_id}.txt",
            "sha256": "0" * 64,
            "title": f"Title {doc_id}",
            "published": published,
            "published_from": "front matter: date" if published else None,
            "publisher": None,
            "url": None,
            "format": "text",
            "encoding": "utf-8",
            "status": status,
            "reason": reason,
            "warnings": [],
            "removed": [],
            "chars": len(text),
        },
    )
