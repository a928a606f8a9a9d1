"""All disagreements between sources in one deterministic list, and the evidence that shows them.

Field disagreements inside a merged partnership come from ``merge``; figures (``figures``) and
spellings of people and institutions (``spellings``) come from scanning each document's
``page_content``. A value found by scanning has an exact span of its document, so it is evidence
by construction; when no extraction already cites that span, an ``Evidence`` (match ``exact``) is
minted for it here so that a summary sentence about the disagreement can cite it by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from langchain_core.documents import Document

from briefing.consolidate._text import document_id
from briefing.consolidate.figures import FigureSource, figure_discrepancies
from briefing.consolidate.spellings import PeopleSource, spelling_discrepancies
from briefing.models import Discrepancy, DiscrepancyValue, Evidence

FIELD_ORDER: tuple[str, ...] = ("date", "kind", "status", "figure", "name", "organisation")


def text_discrepancies(
    documents: Sequence[Document],
    *,
    related: Callable[[str, str], bool] | None = None,
    blocks: Iterable[Sequence[str]] | None = None,
    agreements: Iterable[Sequence[str]] | None = None,
    figures_of: FigureSource | None = None,
) -> list[Discrepancy]:
    """Figure and name disagreements found in the documents' text (input order), each with its scope.

    Figures are compared only inside one of ``blocks`` (stories; all documents when ``None``) and
    across documents only when ``related`` says they tell the same story. Names are compared inside
    a document and across the sources of one agreement (``agreements``: each row's sources).
    """
    found = text_figure_discrepancies(documents, related=related, blocks=blocks, figures_of=figures_of)
    return found + text_name_discrepancies(documents, agreements=agreements)


def text_figure_discrepancies(
    documents: Sequence[Document],
    *,
    related: Callable[[str, str], bool] | None = None,
    blocks: Iterable[Sequence[str]] | None = None,
    figures_of: FigureSource | None = None,
) -> list[Discrepancy]:
    """The figure half of ``text_discrepancies``."""
    by_id = dict(_texts(documents))
    found: list[Discrepancy] = []
    for block in blocks if blocks is not None else [list(by_id)]:
        found += figure_discrepancies(
            [(d, by_id[d]) for d in block if d in by_id], related=related, figures_of=figures_of
        )
    return found


def text_name_discrepancies(
    documents: Sequence[Document],
    *,
    agreements: Iterable[Sequence[str]] | None = None,
    people_of: PeopleSource | None = None,
) -> list[Discrepancy]:
    """The name half of ``text_discrepancies`` (``spellings``); ``people_of`` reads a document's
    people (``person_mentions`` when ``None``)."""
    return spelling_discrepancies(_texts(documents), groups=agreements, people_of=people_of)


def _texts(documents: Sequence[Document]) -> list[tuple[str, str]]:
    return [(document_id(d), d.page_content) for d in documents if d.page_content]


def ordered(discrepancies: Iterable[Discrepancy], document_order: Sequence[str]) -> tuple[Discrepancy, ...]:
    """Field kind first (dates before figures before names), then where the first value appears."""
    position = {doc: i for i, doc in enumerate(document_order)}

    def key(d: Discrepancy) -> tuple[int, int, int, str]:
        first = d.values[0]
        field_rank = FIELD_ORDER.index(d.field) if d.field in FIELD_ORDER else len(FIELD_ORDER)
        return (field_rank, position.get(first.document_id, len(position)), first.start, d.subject)

    unique = {(d.field, d.subject, d.scope, d.values): d for d in discrepancies if len(d.values) >= 2}
    return tuple(sorted(unique.values(), key=key))


def minted_id(value: DiscrepancyValue) -> str:
    """The id of the evidence minted for a discrepancy value: stable, readable, never reused."""
    return f"disc-{value.document_id}-{value.start}-{value.end}"


def citation_index(evidence: Iterable[Evidence]) -> dict[tuple[str, int, int], str]:
    """(document id, start, end) -> evidence id, for reusing an extraction's id for the same span."""
    index: dict[tuple[str, int, int], str] = {}
    for item in evidence:
        index.setdefault((item.document_id, item.start, item.end), item.id)
    return index


def citation_for(value: DiscrepancyValue, index: dict[tuple[str, int, int], str]) -> str:
    return index.get((value.document_id, value.start, value.end)) or minted_id(value)


def discrepancy_evidence(
    discrepancies: Iterable[Discrepancy], index: dict[tuple[str, int, int], str]
) -> tuple[Evidence, ...]:
    """Evidence for every discrepancy value that no extraction already cites (minted, exact)."""
    minted: dict[str, Evidence] = {}
    for discrepancy in discrepancies:
        for value in discrepancy.values:
            if (value.document_id, value.start, value.end) in index:
                continue
            ident = minted_id(value)
            minted.setdefault(
                ident, Evidence(ident, value.document_id, value.quote, value.start, value.end, "exact")
            )
    return tuple(minted.values())
