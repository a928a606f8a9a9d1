"""Document identity and status, the same everywhere: one id per document, unique within a run.

The loader sets ``metadata["id"]`` and ``metadata["status"]``; documents from any other LangChain
loader may have neither. :func:`prepare` gives every document an id (its metadata id, else its
``Document.id``, else the stem of its ``source``, else ``document-N``), makes ids unique, and
treats a document without a status as usable.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from langchain_core.documents import Document

__all__ = ["document_id", "is_usable", "prepare"]


def document_id(document: Document) -> str:
    """The id every stage uses for ``document`` (after :func:`prepare`, always non-empty)."""
    return str(document.metadata.get("id") or document.id or "")


def is_usable(document: Document) -> bool:
    return bool(document.metadata.get("status", "ok") == "ok")


def prepare(documents: Sequence[Document]) -> list[Document]:
    """Copies of ``documents`` with a unique ``metadata["id"]`` and a ``metadata["status"]``."""
    taken: set[str] = set()
    prepared: list[Document] = []
    for n, document in enumerate(documents, start=1):
        base = document_id(document) or _from_source(document) or f"document-{n}"
        doc_id, k = base, 1
        while doc_id in taken:
            k += 1
            doc_id = f"{base}-{k}"
        taken.add(doc_id)
        meta = dict(document.metadata)
        if meta.get("id") == doc_id and "status" in meta:
            prepared.append(document)
            continue
        meta["id"] = doc_id
        meta.setdefault("status", "ok")
        meta.setdefault("path", str(meta.get("source") or ""))
        prepared.append(Document(page_content=document.page_content, metadata=meta, id=doc_id))
    return prepared


def _from_source(document: Document) -> str:
    source = document.metadata.get("source")
    return PurePath(str(source)).stem if source else ""
