"""The values that flow through the pipeline, from engine drafts to the finished briefing.

Everything here is plain, immutable data (frozen dataclasses). Pydantic lives only at the edges:
model answers (``briefing.engines``) and the JSON contract (``briefing.render.json``).

Offsets (``start``, ``end``) always index ``Document.page_content`` of the document named by
``document_id``: ``page_content[start:end]`` is the quoted slice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MatchStatus = Literal["exact", "normalized", "ellipsis", "fuzzy", "ambiguous", "not_found"]
VERIFIED_STATUSES: frozenset[str] = frozenset({"exact", "normalized", "ellipsis", "fuzzy"})

DocumentStatus = Literal["ok", "skipped", "failed"]
"""Status of an input after loading: ``ok`` documents go to the engine."""
UseStatus = Literal["used", "not cited", "skipped", "failed"]
"""Status of an input in the finished briefing's sources appendix."""
DiscrepancyScope = Literal["between_sources", "within_document"]
DateRole = Literal["signed", "announced", "stated", "resolved"]
"""What a row's date dates; "resolved" = derived from the publication date ("on Wednesday")."""
"""Whether a disagreement is between different sources or inside one document."""
ChangeKind = Literal["new", "updated", "dropped"]
"""How a partnership row compares with the previous digest edition (see ``briefing.digest``)."""


# --------------------------------------------------------------------------- engine drafts


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DraftField:
    """A value proposed by an engine, with the quote it says supports it.

    ``hint`` is where the engine believes the quote is (the offline engine knows exactly);
    grounding never trusts it, it only uses it to prefer one of several equal matches.
    """

    value: str
    quote: str
    hint: Span | None = None


@dataclass(frozen=True, slots=True)
class DraftRow:
    """One partnership as an engine proposed it: every field carries its own quote."""

    parties: tuple[DraftField, ...]
    kind: DraftField
    date: DraftField | None = None
    status: DraftField | None = None
    scope: DraftField | None = None


@dataclass(frozen=True, slots=True)
class Usage:
    """Token accounting for one or more model calls (all zero for the offline engine)."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0
    calls: int = 0
    cost_usd: float | None = None

    def __add__(self, other: Usage) -> Usage:
        cost: float | None
        if self.cost_usd is None and other.cost_usd is None:
            cost = None
        else:
            cost = (self.cost_usd or 0.0) + (other.cost_usd or 0.0)
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_creation_input_tokens=self.cache_creation_input_tokens + other.cache_creation_input_tokens,
            cache_read_input_tokens=self.cache_read_input_tokens + other.cache_read_input_tokens,
            calls=self.calls + other.calls,
            cost_usd=cost,
        )


@dataclass(frozen=True, slots=True)
class DraftExtraction:
    """What an engine proposes for one document, before the program checks any quote."""

    document_id: str
    summary: tuple[DraftField, ...]
    """Summary sentences; ``value`` is the sentence shown, ``quote`` the source text behind it."""
    key_points: tuple[DraftField, ...] = ()
    rows: tuple[DraftRow, ...] = ()
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """A document the engine could not process; the run goes on without it."""

    document_id: str
    reason: str
    usage: Usage = field(default_factory=Usage)


# --------------------------------------------------------------------------- grounded values


@dataclass(frozen=True, slots=True)
class Evidence:
    """A located quote: ``quote`` is the source slice ``page_content[start:end]``, never model text."""

    id: str
    document_id: str
    quote: str
    start: int
    end: int
    match: MatchStatus
    score: float = 100.0


@dataclass(frozen=True, slots=True)
class VerifiedField:
    """A value whose quote was found and whose value was checked against that quote.

    ``value`` is the engine's value, normalised where a check can do so (a date becomes ISO
    ``YYYY-MM-DD``); ``note`` says how (for example "resolved 'on Tuesday' against 2026-04-28").
    """

    value: str
    evidence: Evidence
    note: str = ""
    antecedent: Evidence | None = None
    """For a party named through a description ("the government also announced ..."): the earlier
    span of the same document that names it. The cell is then grounded by two spans, ``evidence``
    (the mention) and this one (see ``briefing.grounding.anaphora``)."""


@dataclass(frozen=True, slots=True)
class Row:
    """A partnership from one document whose every present field is verified."""

    parties: tuple[VerifiedField, ...]
    kind: VerifiedField
    date: VerifiedField | None = None
    status: VerifiedField | None = None
    scope: VerifiedField | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """A proposed value that failed grounding: shown in the "unverified" appendix, never in a table."""

    document_id: str
    field: str
    value: str
    quote: str
    match: MatchStatus
    reason: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """A grounded extraction of one document: only verified values survive, rejections are kept."""

    document_id: str
    summary: tuple[VerifiedField, ...]
    key_points: tuple[VerifiedField, ...]
    rows: tuple[Row, ...]
    rejections: tuple[Rejection, ...]
    quotes_proposed: int
    quotes_verified: int
    usage: Usage = field(default_factory=Usage)


# --------------------------------------------------------------------------- the briefing


@dataclass(frozen=True, slots=True)
class EngineInfo:
    name: str
    """``offline`` or ``anthropic``."""
    model: str | None = None
    prompt_version: str | None = None
    uses_language_model: bool = False
    notice: str = ""
    """One sentence for readers, e.g. that no language model was used."""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One input file as the loader saw it and as the briefing used it."""

    id: str
    path: str
    title: str | None
    published: str | None
    published_from: str | None
    publisher: str | None
    url: str | None
    format: str
    chars: int
    status: UseStatus
    reason: str = ""
    warnings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    """Human-readable notes of what cleaning removed (e.g. "draft placeholder x5")."""
    duplicate_of: str | None = None
    """Set when the document is a syndicated or near-duplicate copy of another input."""
    copy_of: str | None = None
    """Id of the original when this document is a syndicated or lightly edited copy: still a source,
    but not independent corroboration."""
    title_from: str | None = None
    """Which evidence gave the title (front matter key, HTML meta, "derived: first line", ...)."""
    text: str | None = None
    """The cleaned text (``page_content``) every span of this document points into; only filled
    when asked for (``briefing build --include-text``), else ``None``."""


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    document_id: str
    title: str | None
    sentences: tuple[VerifiedField, ...]
    key_points: tuple[VerifiedField, ...]


@dataclass(frozen=True, slots=True)
class Partnership:
    """One agreement, merged across every source that reports it."""

    id: str
    parties: tuple[str, ...]
    """Canonical organisation names."""
    aliases: tuple[tuple[str, tuple[str, ...]], ...]
    """(canonical name, aliases seen in the sources)."""
    kind: str
    date: str | None
    status: str | None
    scope: str | None
    sources: tuple[str, ...]
    evidence: tuple[tuple[str, Evidence], ...]
    """(field name, evidence) pairs: which quote backs which cell."""
    disputed: tuple[str, ...] = ()
    """Names of the fields whose sources disagree; each has a ``Discrepancy`` with this row's id."""
    independent_sources: tuple[str, ...] = ()
    """The sources that are not a copy of another source of this row (``SourceRecord.copy_of``):
    "reported by N sources" counts these. Empty when not computed (then every source counts)."""
    dates: tuple[tuple[DateRole, str], ...] = ()
    """Every (role, ISO date) the sources give: role is "signed", "announced", "stated" or
    "resolved" (from the publication date). "Signed on the 13th, announced on the 14th" is two."""
    antecedents: tuple[str, ...] = ()
    """Ids of evidence items that ground a party through its antecedent (the earlier span naming
    a party that a quote calls "the government"); the mention is the other "party" evidence."""

    @property
    def single_source(self) -> bool:
        return len(self.sources) < 2

    @property
    def independent_count(self) -> int:
        """How many independent sources report this row (copies of another source do not count)."""
        return len(self.independent_sources) or len(self.sources)


@dataclass(frozen=True, slots=True)
class DiscrepancyValue:
    value: str
    document_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Discrepancy:
    field: str
    subject: str
    values: tuple[DiscrepancyValue, ...]
    scope: DiscrepancyScope = "between_sources"
    partnership_id: str | None = None
    """The partnership row this disagreement is about, when it is about one."""
    cell: str | None = None
    """The table cell of that row it disputes ("parties", "kind", "date", "status", "scope"), or
    ``None`` (e.g. a spokesperson's name); see ``briefing.consolidate.cells`` for the mapping."""


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the executive summary and the evidence ids it rests on."""

    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceParagraph:
    """A stretch of a document's cleaned text around cited spans, so a reader can see a quote in
    its paragraph: ``text == page_content[start:start + len(text)]`` of ``document_id``."""

    document_id: str
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class RowChange:
    """One partnership row compared with the previous edition of a digest.

    Rows are matched across editions by their parties (any shared name form) and kind, never by
    row id alone. ``new``: no such row last time. ``updated``: the row gained sources, a disputed
    field or a different status. ``dropped``: last edition's row that this edition does not have.
    """

    change: ChangeKind
    parties: tuple[str, ...]
    kind: str
    partnership_id: str | None = None
    """This edition's row id (``None`` for a dropped row)."""
    previous_id: str | None = None
    """The previous edition's row id (``None`` for a new row)."""
    new_sources: tuple[str, ...] = ()
    """Document ids (this edition) that the previous edition's row did not cite."""
    new_disputes: tuple[str, ...] = ()
    """Fields disputed now that were not disputed in the previous edition."""
    status_before: str | None = None
    status_after: str | None = None
    status_changed: bool = False


@dataclass(frozen=True, slots=True)
class EditionChanges:
    """What changed since the previous edition of a weekly digest, for the section that opens it.

    ``previous`` names the previous edition (its file name) or is ``None`` when there was none;
    ``note`` is the sentence a reader sees first, e.g. "No previous edition found in out; everything
    below is new." ``empty`` is true when no document was published in the digest's week.
    """

    window: str
    previous: str | None
    previous_date: str | None
    note: str
    rows: tuple[RowChange, ...] = ()
    empty: bool = False


@dataclass(frozen=True, slots=True)
class Briefing:
    briefing_date: str
    engine: EngineInfo
    documents: tuple[SourceRecord, ...]
    partnerships: tuple[Partnership, ...]
    summaries: tuple[DocumentSummary, ...]
    executive_summary: tuple[SummarySentence, ...]
    discrepancies: tuple[Discrepancy, ...]
    unverified: tuple[Rejection, ...]
    usage: Usage
    quotes_proposed: int
    quotes_verified: int
    evidence: tuple[Evidence, ...] = ()
    """Every evidence item cited anywhere, by id, so renderers can number footnotes once."""
    title: str = "Briefing"
    paragraphs: tuple[SourceParagraph, ...] = ()
    """The paragraphs holding every cited span (for the HTML briefing); not part of the JSON."""
    changes: EditionChanges | None = None
    """Set for a weekly digest: what changed since the previous edition (``None`` otherwise)."""
