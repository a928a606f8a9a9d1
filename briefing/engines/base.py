"""The one narrow interface every engine implements, so the pipeline never knows which one it has."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from langchain_core.documents import Document

from briefing.models import DraftExtraction, EngineInfo, ExtractionFailure

ProgressCallback = Callable[[str], None]
"""Called with a document id each time one document is finished (for the CLI's progress bar)."""


class Engine(Protocol):
    """Turns documents into draft extractions. Quotes are *proposed* here and checked by grounding."""

    @property
    def info(self) -> EngineInfo: ...

    def extract_many(
        self, documents: Sequence[Document], *, on_done: ProgressCallback | None = None
    ) -> list[DraftExtraction | ExtractionFailure]:
        """One result per input document, in input order, whatever order they finished in."""
        ...
