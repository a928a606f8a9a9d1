"""The shape of Claude's answer for one document: pydantic models sent as the JSON-outputs schema.

These models are the edge where untrusted model output enters the program, so unknown fields are
rejected (``extra="forbid"``) and every value travels with the quote that is supposed to support
it. Nothing here is trusted: ``briefing.grounding`` checks each quote against the source later.
The descriptions are part of the prompt (they are sent in the schema), so they are written for the
model and hashed into the prompt version.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefing.models import DraftExtraction, DraftField, DraftRow


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuotedValue(_Strict):
    """A value and the verbatim passage of the document that supports it."""

    value: str = Field(description="The value, in plain words.")
    quote: str = Field(
        description="A verbatim, contiguous passage copied character for character from the document "
        "that supports the value. Never paraphrase, never join distant passages."
    )


class PartnershipAnswer(_Strict):
    """One agreement between organisations reported by the document."""

    parties: list[QuotedValue] = Field(
        description="Each organisation that is a party to the agreement, as named in the document; "
        "its quote must contain that name."
    )
    kind: QuotedValue = Field(
        description="The kind of agreement (e.g. memorandum of understanding, partnership, contract, "
        "agreement); its quote must contain the words that say so."
    )
    date: QuotedValue | None = Field(
        default=None,
        description="When the agreement was made or announced, as written in the document (null if "
        "the document does not say); its quote must contain the date.",
    )
    status: QuotedValue | None = Field(
        default=None,
        description="Its status (e.g. signed, announced, planned, non-binding, expanded), or null.",
    )
    scope: QuotedValue | None = Field(
        default=None, description="What the agreement covers, in a few words, or null."
    )


class DocumentAnswer(_Strict):
    """Everything the engine asks Claude for about one document."""

    summary: list[QuotedValue] = Field(
        description="2 to 4 sentences summarising the document, each with the passage it rests on."
    )
    key_points: list[QuotedValue] = Field(description="Up to 5 key facts, each with its supporting passage.")
    partnerships: list[PartnershipAnswer] = Field(
        description="Every partnership or agreement between organisations the document reports "
        "(empty if none)."
    )


# --------------------------------------------------------------------------- answer -> draft


def _field(q: QuotedValue | None) -> DraftField | None:
    return None if q is None else DraftField(value=q.value.strip(), quote=q.quote)


def _required(q: QuotedValue) -> DraftField:
    return DraftField(value=q.value.strip(), quote=q.quote)


def to_draft(answer: DocumentAnswer, *, document_id: str) -> DraftExtraction:
    """Map a validated answer to the engine-neutral draft that grounding checks."""
    rows = tuple(
        DraftRow(
            parties=tuple(_required(p) for p in row.parties),
            kind=_required(row.kind),
            date=_field(row.date),
            status=_field(row.status),
            scope=_field(row.scope),
        )
        for row in answer.partnerships
        if row.parties
    )
    return DraftExtraction(
        document_id=document_id,
        summary=tuple(_required(s) for s in answer.summary),
        key_points=tuple(_required(k) for k in answer.key_points),
        rows=rows,
    )


# --------------------------------------------------------------------------- executive summary


class CitedSentence(_Strict):
    text: str = Field(description="One factual sentence of the executive summary.")
    citations: list[str] = Field(
        description="Ids of the evidence items that back every fact in the sentence, copied exactly."
    )


class SummaryAnswer(_Strict):
    """The executive summary Claude writes from verified evidence."""

    sentences: list[CitedSentence] = Field(description="3 to 6 sentences, each citing its evidence.")
