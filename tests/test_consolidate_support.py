"""Builders for consolidation tests: documents and hand-made grounded extractions.

Every Evidence is a real slice of the text it names (``text[start:end] == quote``), found with
``str.index``, so a test that passes wrong offsets fails here first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from langchain_core.documents import Document

from briefing.models import Evidence, Extraction, Row, VerifiedField

DATA = Path(__file__).parent / "data" / "consolidate"


def doc(doc_id: str, text: str, *, published: str | None = None, title: str | None = None) -> Document:
    return Document(page_content=text, metadata={"id": doc_id, "published": published, "title": title})


def vf(document: Document, value: str, quote: str, *, nth: int = 0) -> VerifiedField:
    text = document.page_content
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    assert text[start:end] == quote
    doc_id = str(document.metadata["id"])
    return VerifiedField(value, Evidence(f"{doc_id}:{start}-{end}", doc_id, quote, start, end, "exact"))


def row(
    document: Document,
    parties: Sequence[tuple[str, str]],
    kind: tuple[str, str],
    *,
    date: tuple[str, str] | None = None,
    status: tuple[str, str] | None = None,
    scope: tuple[str, str] | None = None,
) -> Row:
    """Each field is (value, quote); the quote must occur in the document."""
    return Row(
        parties=tuple(vf(document, v, q) for v, q in parties),
        kind=vf(document, *kind),
        date=vf(document, *date) if date else None,
        status=vf(document, *status) if status else None,
        scope=vf(document, *scope) if scope else None,
    )


def extraction(
    document: Document, rows: Sequence[Row] = (), *, summary: Sequence[VerifiedField] = ()
) -> Extraction:
    n = sum(2 + len(r.parties) for r in rows) + len(summary)
    return Extraction(str(document.metadata["id"]), tuple(summary), (), tuple(rows), (), n, n)


def acme_dft_rows(a: Document, b: Document) -> tuple[Row, Row]:
    """Two reports of one agreement under two names and two dates (used by several test modules)."""
    ra = row(
        a,
        [
            ("Acme Robotics", "Acme Robotics"),
            ("the Department for Transport", "the Department for Transport"),
        ],
        ("memorandum of understanding", "memorandum of understanding"),
        date=("2025-03-03", "March 3, 2025"),
        status=("signed", "signed"),
    )
    rb = row(
        b,
        [
            ("Department for Transport (DfT)", "Department for Transport (DfT)"),
            ("Acme Robotics", "Acme Robotics"),
        ],
        ("partnership", "partnership"),
        date=("2025-03-04", "4 March 2025"),
        status=("signed", "signed on 4 March 2025"),
    )
    return ra, rb
