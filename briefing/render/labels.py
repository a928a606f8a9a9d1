"""How a source and a disputed value are shown compactly: who said it and when, and the value in its quote.

A reader asks "who said it?": a publisher and a date ("Reuters, 28 Apr 2026") answer that in a
table column; a 90-character headline or a 20-character hash id does not. Ids stay in the Sources
appendix (and the JSON). A highlighted quote is still the exact slice, split into three pieces.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.render.contract import BriefingOut, DocumentOut
from briefing.render.escape import plain
from briefing.visible import printable

DRAFT_WARNING = "as a draft"
"""Loader warning text that marks a document as a draft (``briefing.sources.frontmatter``)."""


def short_title(title: str | None, *, limit: int = 42) -> str | None:
    """A title cut at a word boundary so it fits a narrow column; ``None`` when there is none."""
    text = plain(title or "")
    if not text:
        return None
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def short_date(iso: str | None) -> str | None:
    """``2026-04-28`` -> ``28 Apr 2026`` (``2026-04`` -> ``Apr 2026``); other text unchanged."""
    if not iso:
        return None
    try:
        if len(iso) == 7:
            return dt.date.fromisoformat(iso + "-01").strftime("%b %Y")
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%b %Y')}"


@dataclass(frozen=True, slots=True)
class SourceLabel:
    """How one document is named where space is short, and what a reader must know about it."""

    id: str
    label: str
    """Publisher and date, else a short title (with the date), else the file name."""
    draft: bool
    copy_of: str | None
    """Label of the original when this document is a syndicated or edited copy."""


def _base_label(d: DocumentOut) -> str:
    when = short_date(d.published)
    who = plain(d.publisher or "") or short_title(d.title, limit=32 if when else 42)
    if not who:
        who = plain(printable(d.path.rsplit("/", 1)[-1])) or d.id
    return f"{who}, {when}" if when else who


def source_labels(doc: BriefingOut) -> dict[str, SourceLabel]:
    """Document id -> label. Where two documents would share a label, each gets its short title
    (or file name) added so they stay apart; ids never appear in the label."""
    base = {d.id: _base_label(d) for d in doc.documents}
    repeated = Counter(base.values())
    by_id = {d.id: d for d in doc.documents}
    labels: dict[str, str] = {}
    for d in doc.documents:
        label = base[d.id]
        if repeated[label] > 1:
            extra = short_title(d.title, limit=28) or plain(printable(d.path.rsplit("/", 1)[-1])) or d.id
            label = f"{label}: {extra}" if extra not in label else f"{label} ({d.id})"
        labels[d.id] = label
    still = Counter(labels.values())
    out: dict[str, SourceLabel] = {}
    for d in doc.documents:
        label = labels[d.id] if still[labels[d.id]] == 1 else f"{labels[d.id]} ({d.id})"
        out[d.id] = SourceLabel(
            id=d.id,
            label=label,
            draft=any(DRAFT_WARNING in w for w in d.warnings),
            copy_of=d.copy_of if d.copy_of in by_id else None,
        )
    for d in doc.documents:
        if out[d.id].copy_of:
            original = out[d.copy_of or ""].label
            out[d.id] = SourceLabel(d.id, out[d.id].label, out[d.id].draft, original)
    return out


def support(values: Sequence[str], sources: Sequence[SourceLabel]) -> list[str]:
    """For each value (one per entry of ``sources``, in order), how many sources give it and how
    many of them are independent, e.g. "2 sources, 1 independent"; '' for a value that only one
    source gives.

    A syndicated copy counts as a source but not as independent corroboration: a source and its
    copies count once. Linear in the number of values.
    """
    given: dict[str, set[str]] = {}
    originals: dict[str, set[str]] = {}
    for value, src in zip(values, sources, strict=True):
        given.setdefault(value, set()).add(src.id)
        originals.setdefault(value, set()).add(src.copy_of or src.label)
    out = []
    for value in values:
        n, independent = len(given[value]), len(originals[value])
        out.append("" if n < 2 else f"{n} sources, {independent} independent")
    return out


def title_shown(title: str | None, title_from: str | None) -> str:
    """A document's title for a heading, marked when it was derived rather than given."""
    text = plain(title or "")
    if not text:
        return "(no title)"
    if title_from and title_from.lower().startswith("derived"):
        return f"{text} (title derived from the text)"
    return text


def highlight(quote: str, value: str) -> tuple[str, str, str]:
    """``quote`` split around the first occurrence of ``value``, ignoring case; else unsplit."""
    folded, needle = quote.lower(), plain(value).lower()
    at = folded.find(needle) if needle and len(folded) == len(quote) else -1
    if at < 0:
        return (quote, "", "")
    return (quote[:at], quote[at : at + len(needle)], quote[at + len(needle) :])
