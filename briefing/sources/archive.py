"""News-archive text exports: the metadata lines databases wrap around a story.

Two layouts are read, both recognised by form and never by outlet:

- Labelled exports (LexisNexis classic and Nexis Uni, and the many tools that copy them): a
  document counter ("3 of 12 DOCUMENTS"), then a header of outlet, dated line, edition and
  headline, then ``LABEL: value`` lines (``BYLINE:``, ``SECTION:``, ``LENGTH: 142 words``,
  ``DATELINE:``), an optional "Body" marker, the story, and trailing ``LOAD-DATE:``, ``LANGUAGE:``,
  ``PUBLICATION-TYPE:`` lines and "End of Document". The outlet is the line just above the dated
  line in both orders (outlet first, or headline first).
- Two-letter field codes (Factiva): ``HD`` headline, ``BY`` byline, ``WC`` word count, ``PD``
  publication date, ``SN`` source name, ``LP``/``TD`` lead and body text, and the rest codes.

The reader removes the metadata lines from the page (each recorded in ``removed``) and returns the
headline, outlet and dated line as evidence. ``LOAD-DATE`` is when the archive stored the story,
not when it was published, so it is never used as the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.dates import parse_date
from briefing.sources.clean import Page, excerpt
from briefing.sources.dateline import is_date_only
from briefing.sources.rules import core
from briefing.sources.values import DateClue, Rank

__all__ = ["Archive", "read_archive"]

_COUNTER = re.compile(r"^(?:document\s+)?\d{1,6}\s+of\s+\d{1,6}\s+documents?$", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[A-Za-z]+(?:[- ][A-Za-z]+){0,2})\s*:\s*(?P<value>.*)$")
_ARCHIVE_LABELS = frozenset({
    "byline", "section", "length", "load-date", "load date", "language", "publication-type",
    "publication type", "document-type", "document type", "journal-code", "graphic", "dateline",
    "highlight", "correction-date", "acc-no", "distribution", "series", "column", "edition",
    "subject", "organization", "person", "geographic", "industry", "ticker", "company", "city",
    "state", "country", "notes", "type", "url", "copyright", "word count", "words", "pg",
})  # fmt: skip
_STRICT = frozenset({
    "byline", "load-date", "load date", "publication-type", "publication type", "document-type",
    "document type", "journal-code", "acc-no", "correction-date", "length",
})  # fmt: skip
"""Labels that occur only in archive exports; two of them (or a counter) mark a file as one."""
_MARKERS = frozenset({"body", "end of document", "classification", "graphic"})
_EDITION = re.compile(r"^(?:[A-Za-z]+\s+){0,3}edition(?:\s*[-;,]\s*.{0,30})?$|^(?:online|print|web)$", re.I)
_LENGTH = re.compile(r"^\d[\d,]*\s+words$", re.IGNORECASE)
_CODES = frozenset({
    "HD", "BY", "WC", "PD", "ET", "SN", "SC", "LA", "CY", "LP", "TD", "AN", "CO", "IN", "NS", "RE",
    "IPC", "IPD", "PUB", "SE", "CR", "ED", "PG", "VOL", "CLM", "ART", "RF",
})  # fmt: skip
_CODE_LINE = re.compile(r"^(?P<code>[A-Z]{2,3})(?:\s{2,}|\t+|$)(?P<value>.*)$")
_TEXT_CODES = frozenset({"HD", "LP", "TD"})
_HEADER_SCAN = 12


@dataclass(frozen=True, slots=True)
class Archive:
    """What an archive export's metadata said about the story."""

    layout: str
    title: str | None
    publisher: str | None
    date: DateClue | None
    warnings: tuple[str, ...] = ()


def read_archive(page: Page) -> Archive | None:
    """Read and remove an archive export's metadata lines; None when ``page`` is not an export."""
    live = page.live()
    codes = {m.group("code") for i in live if (m := _CODE_LINE.match(page.texts[i].rstrip())) is not None}
    if len(codes & _CODES) >= 4 and {"HD", "PD"} <= codes:
        return _read_coded(page, live)
    counters = [i for i in live if _COUNTER.match(core(page.texts[i]))]
    strict = {lab for i in live if (lab := _label(page.texts[i])) in _STRICT}
    if not counters and len(strict) < 2:
        return None
    return _read_labelled(page, live, counters)


def _label(line: str) -> str | None:
    m = _LABEL.match(line.strip())
    if m is None:
        return None
    label = m.group("label").lower()
    if label not in _ARCHIVE_LABELS:
        return None
    written = m.group("label")
    return label if written.isupper() or written[:1].isupper() else None


def _read_labelled(page: Page, live: list[int], counters: list[int]) -> Archive:
    warnings = []
    if len(counters) > 1:
        warnings.append(f"archive export holds {len(counters)} documents; read as one")
    first_label: int | None = None
    for i in live:
        text = core(page.texts[i])
        if _label(page.texts[i]) is not None:
            page.drop([i], f"archive metadata line: {excerpt(text)}")
            first_label = i if first_label is None else first_label
        elif text.lower() in _MARKERS or _COUNTER.match(text):
            page.drop([i], f"archive marker line: {excerpt(text)}")
            first_label = i if first_label is None and not _COUNTER.match(text) else first_label
    header = [i for i in live if not page.gone[i] and (first_label is None or i < first_label)]
    header = header[:_HEADER_SCAN] if first_label is not None else []
    publisher: str | None = None
    clue: DateClue | None = None
    rest: list[int] = []
    for k, i in enumerate(header):
        text = core(page.texts[i])
        if clue is None and is_date_only(text) and len(text) <= 60:
            clue = _date_clue(text, "archive header: dated line")
            page.drop([i], f"archive dated line: {excerpt(text)}")
            above = [j for j in header[:k] if not page.gone[j] and j in rest]
            if above:
                publisher = _outlet(core(page.texts[above[-1]]))
                page.drop([above[-1]], f"archive outlet line: {excerpt(core(page.texts[above[-1]]))}")
                rest.remove(above[-1])
        elif _EDITION.match(text) or _LENGTH.match(text):
            page.drop([i], f"archive header line: {excerpt(text)}")
        else:
            rest.append(i)
    title = core(page.texts[rest[0]]) if rest and clue is not None else None
    return Archive("archive export", title, publisher, clue, tuple(warnings))


def _read_coded(page: Page, live: list[int]) -> Archive:
    """Factiva-style two-letter fields; text fields keep their lines, the others are removed."""
    current = ""
    fields: dict[str, str] = {}
    for i in live:
        m = _CODE_LINE.match(page.texts[i].rstrip())
        if m is not None and m.group("code") in _CODES:
            current = m.group("code")
            value = m.group("value").strip()
            if value and current not in fields:
                fields[current] = value
            if current in _TEXT_CODES and value:
                page.strip_prefix(i, m.start("value"), f"archive field code {current} (text kept)")
            else:
                page.drop([i], f"archive field {current}: {excerpt(value)}" if value else None)
        elif current and current not in _TEXT_CODES:
            fields.setdefault(current, core(page.texts[i]))
            page.drop([i], f"archive field {current}: {excerpt(core(page.texts[i]))}")
    pd = fields.get("PD")
    return Archive(
        "archive export (field codes)",
        fields.get("HD"),
        fields.get("SN"),
        _date_clue(pd, "archive field: PD") if pd else None,
    )


def _date_clue(text: str, source: str) -> DateClue | None:
    value = parse_date(text)
    return DateClue(value, source, Rank.METADATA, text) if value is not None else None


def _outlet(text: str) -> str:
    """ "The Harbour Courier (Portview)" -> "The Harbour Courier": the place is not the name."""
    return re.sub(r"\s*\([^()]{1,40}\)$", "", text).strip() or text
