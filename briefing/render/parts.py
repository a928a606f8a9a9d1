"""The pieces of a briefing's view (see ``briefing.render.view``): plain frozen values, no logic.

Values stay raw here; escaping belongs to each format (Markdown filter, typst treats data as
text, Jinja2 autoescape for HTML).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MarkView:
    """An evidence marker: ``numbers`` of printed quotes ("1–3, 5"), or for a statement that is
    its own source sentence a source marker (``label``, ``start``–``end``) and no numbers."""

    numbers: str
    keys: tuple[int, ...]
    """Keys of the quotes behind it, for links (HTML anchors ``q<key>``)."""
    verbatim: bool
    document_id: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteView:
    key: int
    number: int | None
    document_id: str
    label: str
    quote: str
    start: int
    end: int
    match: str


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    mark: MarkView | None
    note: str = ""
    """How a value was read, e.g. a date resolved from the publication date."""


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    label: str
    copy_of: str | None
    draft: bool


@dataclass(frozen=True, slots=True)
class Side:
    """One distinct value of a disputed cell and the sources that give it."""

    value: str
    label: str
    """The sources giving ``value``, compactly: at most a few labels, each with "(copy of X)"
    when it is a copy, then "+N more" ("Gazette, 3 Mar 2026; Weekly; +4 more")."""
    mark: MarkView | None
    copy_of: str | None = None
    """Label of the original when ``value`` has one source and it is a syndicated or edited copy."""
    count: int = 1
    """How many distinct sources give ``value``."""


@dataclass(frozen=True, slots=True)
class Cell:
    value: str | None
    mark: MarkView | None
    note: str
    sides: tuple[Side, ...]
    """Every value with its source when the sources disagree on this field; else empty."""


@dataclass(frozen=True, slots=True)
class RowView:
    number: int
    id: str
    parties: tuple[Party, ...]
    party_mark: MarkView | None
    cells: dict[str, Cell]
    """kind, date, status, scope."""
    sources: tuple[SourceRef, ...]
    caveat: str
    """"single source", "draft only"...: what limits how far the row can be trusted, or ''."""
    other_mark: MarkView | None
    quotes: tuple[QuoteView, ...]
    party_sides: tuple[Side, ...] = ()
    """Every spelling of a party with its source when the sources spell it differently; else empty."""


@dataclass(frozen=True, slots=True)
class SideView:
    value: str
    label: str
    quote: str
    highlight: tuple[str, str, str]
    """``quote`` split around the first occurrence of ``value`` (before, value, after)."""
    start: int
    end: int
    number: int | None
    key: int
    copy_of: str | None = None
    """Label of the original when this value's source is a syndicated or edited copy."""
    support: str = ""
    """How many sources give this value and how many of them are independent ("2 sources, 1
    independent"), when more than one source gives it; else ''."""


@dataclass(frozen=True, slots=True)
class DiscrepancyView:
    field: str
    subject: str
    scope: str
    row: int | None
    """Number of the table row it is about, when it is about one."""
    values: tuple[SideView, ...]


@dataclass(frozen=True, slots=True)
class SummaryView:
    document_id: str
    title: str
    label: str
    sentences: tuple[Statement, ...]
    key_points: tuple[Statement, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True, slots=True)
class RejectedView:
    document_id: str
    label: str
    field: str
    value: str
    quote: str
    match: str
    reason: str


@dataclass(frozen=True, slots=True)
class SourceView:
    id: str
    label: str
    path: str
    """The file name as shown: control and format characters as visible escapes (``\\n``,
    ``\\x1b``, ``\\u202e``; ``briefing.visible.printable``). The JSON keeps the real name."""
    title: str
    status: str
    reason: str
    published: str | None
    published_from: str | None
    publisher: str | None
    url: str | None
    link: str | None
    """``url`` when it may become a link (http or https only), else ``None``."""
    format: str
    chars: int
    warnings: tuple[str, ...]
    removed: tuple[str, ...]
    duplicate_of: str | None
    copy_of: str | None
    """Label of the original when this document is a copy of another."""
