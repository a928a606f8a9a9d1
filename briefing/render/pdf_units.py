"""Cut a briefing's view into *units* for the PDF template: the pieces a page break may fall between.

A unit is the header with the executive summary, one partnership row, one disagreement, one
source summary, one rejected value or one source entry (or a section's "nothing here" note), in
reading order. The template (``templates/briefing.typ``) renders any run of units and marks where
each starts and ends, so a long briefing can be laid out by several typst compiles that meet at a
page break (``briefing.render.pdf_chunks``). Each unit carries ``at``, its index in the briefing,
``first`` where it opens its section (the section heading is printed with it) and ``keep`` when it
is short enough to keep on one page: most page breaks then fall between units, where a compile
can end. ``opens`` marks the unit that opens each section after the table (its first
disagreement, source summary, rejected value or source): a briefing laid out by several compiles
starts those on a new page, so the sections can be compiled at the same time.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

KEEP_TOGETHER = 1_200
"""A unit with at most this many characters of text is kept on one page (a table row with its
quotes, a source entry): even set in the narrowest table column that is under a page, and a
page break never splits it. Longer units may break across pages."""

META_KEYS = (
    "title",
    "briefing_date",
    "engine_name",
    "engine_model",
    "prompt_version",
    "uses_language_model",
    "notice",
    "quotes_proposed",
    "quotes_verified",
    "tokens",
    "calls",
    "cost_usd",
    "counts",
)
"""View fields every compile needs (title block, footer); everything else travels in units."""


_OPENED_BY_FIRST = ("summary", "rejected", "source")


def _section(kind: str, items: list[Any], key: str, empty: str) -> list[Json]:
    if not items:
        return [{"kind": empty}]
    return [{"kind": kind, "first": i == 0, key: item} for i, item in enumerate(items)]


def split_view(view: Json) -> tuple[Json, list[Json]]:
    """``(meta, units)`` for a view given as plain JSON data (``dataclasses.asdict`` of a ``View``).

    ``meta`` holds the briefing-wide fields (a few hundred bytes, plus ``row_digits``, the digits of
    the largest row number, which sizes the table's first column); ``units`` everything shown, in
    reading order, each a dict with ``kind``, ``at`` and the data its template function reads.
    """
    meta = {k: view[k] for k in META_KEYS}
    meta["row_digits"] = len(str(max(1, len(view["partnerships"]))))
    units: list[Json] = [
        {
            "kind": "head",
            "executive_summary": view["executive_summary"],
            "executive_quotes": view["executive_quotes"],
            "changes": view.get("changes"),
        }
    ]
    units += _section("row", list(view["partnerships"]), "row", "no-rows")
    if view["disagreements"]:
        opening = len(units)
        for heading, items in view["disagreements"]:
            units += [
                {"kind": "disagreement", "heading": heading if i == 0 else None, "d": d}
                for i, d in enumerate(items)
            ]
        units[opening]["opens"] = True
    else:
        units.append({"kind": "no-disagreements"})
    units += _section("summary", list(view["summaries"]), "s", "no-summaries")
    units += _section("rejected", list(view["unverified"]), "r", "no-rejected")
    sources = _section("source", list(view["sources"]), "s", "no-sources")
    for number, unit in enumerate(sources, start=1):
        unit["number"] = number
    units += sources
    for at, unit in enumerate(units):
        unit["at"] = at
        unit["opens"] = unit.get("opens", unit["kind"] in _OPENED_BY_FIRST and unit["first"])
        unit["keep"] = _text_length(unit) <= KEEP_TOGETHER
    return meta, units


def _text_length(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_length(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(_text_length(v) for v in value)
    return 0
