"""The JSON contract (schema version 1): what machines can rely on in ``render_json`` output.

Every renderer starts from these models: the JSON output dumps them, and the Markdown and PDF
views are built from them (``briefing.render.mapping`` fills them from a ``Briefing``).

Pydantic lives at this edge only. Every field is required (no defaults), so the generated JSON
Schema lists every key as required and machines can rely on each key being present; "no value" is
an explicit ``null``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefing.models import ChangeKind, DateRole, DiscrepancyScope, MatchStatus, UseStatus

SCHEMA_VERSION: Literal[1] = 1
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EngineOut(_Strict):
    name: str
    model: str | None
    prompt_version: str | None
    uses_language_model: bool
    notice: str


class EvidenceOut(_Strict):
    """A located quote: ``quote == page_content[start:end]`` of the document ``document_id``."""

    id: str
    document_id: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: MatchStatus
    score: float


class CellEvidenceOut(EvidenceOut):
    """Evidence for one cell of a partnership row; ``field`` names the cell (party, kind, date...)."""

    field: str
    role: Literal["quote", "antecedent"] = Field(
        default="quote",
        description='"antecedent": the earlier span naming a party that another quote of this row calls '
        '"the government" (the cell is grounded by both spans).',
    )


class DatedOut(_Strict):
    """One date a source gives for an agreement, with what it dates."""

    role: DateRole = Field(
        description='"resolved": derived from the publication date ("on Wednesday", "today").'
    )
    date: str


class DocumentOut(_Strict):
    id: str
    path: str
    title: str | None
    published: str | None
    published_from: str | None
    publisher: str | None
    url: str | None
    format: str
    chars: int = Field(ge=0)
    status: UseStatus
    reason: str
    warnings: list[str]
    removed: list[str]
    duplicate_of: str | None
    copy_of: str | None = Field(description="Id of the original when this is a syndicated or edited copy.")
    title_from: str | None = Field(description="Which evidence gave the title.")
    text: str | None = Field(
        default=None,
        description="The cleaned text that every start/end offset of this document points into "
        "(with --include-text; null otherwise).",
    )


class AliasOut(_Strict):
    name: str
    aliases: list[str]


class PartnershipOut(_Strict):
    id: str
    parties: list[str]
    aliases: list[AliasOut]
    kind: str
    date: str | None
    status: str | None
    scope: str | None
    sources: list[str]
    single_source: bool
    disputed: list[str] = Field(
        description=(
            "Cells whose sources disagree, in table order: parties, kind, date, status, scope. Each "
            "value with its source is in discrepancies[] with this partnership_id and that cell."
        )
    )
    independent_sources: list[str] = Field(
        default_factory=list,
        description="Sources that are not a copy of another source of this row; 'reported by N' counts these.",
    )
    dates: list[DatedOut] = Field(default_factory=list, description="Every dated role the sources give.")
    evidence: list[CellEvidenceOut]


class StatementOut(_Strict):
    """A summary sentence or key point and the verified source slice behind it."""

    text: str
    note: str
    evidence: EvidenceOut


class SummaryOut(_Strict):
    document_id: str
    title: str | None
    sentences: list[StatementOut]
    key_points: list[StatementOut]


class ExecutiveSentenceOut(_Strict):
    text: str
    citations: list[str] = Field(description="Evidence ids; each resolves in the top-level evidence[].")


class DiscrepancyValueOut(_Strict):
    value: str
    document_id: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class DiscrepancyOut(_Strict):
    field: str
    subject: str
    scope: DiscrepancyScope
    partnership_id: str | None
    values: list[DiscrepancyValueOut]
    cell: str | None = Field(
        default=None,
        description=(
            "The cell of row partnership_id this disputes: date, kind, status (same field), scope "
            "(a figure: the agreement's value, term or a count inside its scope), parties (a name "
            "or organisation field whose values are forms of one party's name); null when it "
            "disputes no cell (a person's name, or no row)."
        ),
    )


class UnverifiedOut(_Strict):
    document_id: str
    field: str
    value: str
    quote: str
    match: MatchStatus
    reason: str


class TokensOut(_Strict):
    input: int
    output: int
    cache_creation_input: int
    cache_read_input: int
    total: int


class UsageOut(_Strict):
    tokens: TokensOut
    calls: int
    cost_usd: float | None


class QuotesOut(_Strict):
    proposed: int
    verified: int


class RowChangeOut(_Strict):
    """One row compared with the previous digest edition (matched by parties and kind, not id)."""

    change: ChangeKind
    parties: list[str]
    kind: str
    partnership_id: str | None = Field(description="This edition's row id; null for a dropped row.")
    previous_id: str | None = Field(description="The previous edition's row id; null for a new row.")
    new_sources: list[str] = Field(description="Document ids the previous edition's row did not cite.")
    new_disputes: list[str] = Field(description="Fields newly disputed since the previous edition.")
    status_before: str | None
    status_after: str | None
    status_changed: bool


class ChangesOut(_Strict):
    """What changed since the previous edition of a weekly digest."""

    window: str = Field(description="The digest's ISO week, e.g. 2026-W47.")
    previous: str | None = Field(description="File name of the previous edition; null when none was found.")
    previous_date: str | None
    note: str = Field(description="The sentence that opens the digest.")
    empty: bool = Field(description="True when no document was published in the week.")
    rows: list[RowChangeOut]


class BriefingOut(_Strict):
    """The whole briefing as machines read it (``schema_version`` 1)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, title="Briefing", json_schema_serialization_defaults_required=True
    )

    schema_version: Literal[1]
    briefing_date: str = Field(pattern=ISO_DATE, json_schema_extra={"format": "date"})
    title: str
    engine: EngineOut
    quotes: QuotesOut
    usage: UsageOut
    documents: list[DocumentOut]
    executive_summary: list[ExecutiveSentenceOut]
    partnerships: list[PartnershipOut]
    discrepancies: list[DiscrepancyOut]
    summaries: list[SummaryOut]
    unverified: list[UnverifiedOut]
    evidence: list[EvidenceOut] = Field(description="Every evidence item cited anywhere, once, by id.")
    # The one key with a default, so that JSON written before digests existed still validates;
    # output always carries it (the schema marks it required: serialization defaults required).
    changes: ChangesOut | None = Field(
        default=None,
        description="Weekly digests only: what changed since the previous edition; null otherwise.",
    )

    @field_validator("briefing_date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        dt.date.fromisoformat(value)  # "2026-13-45" has the right shape but is no date
        return value
