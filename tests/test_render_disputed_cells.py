"""A disputed scope or parties cell shows every value with its source, like date, kind and status.

The values come from the row's figure and name disagreements (``Discrepancy.cell``); a person's
name disagreement on the same row is listed under disagreements but never fills a cell.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.models import Briefing, Discrepancy, DiscrepancyValue
from briefing.render import render_html, render_markdown
from tests.briefing_factory import dense_briefing, evidence


def _briefing() -> Briefing:
    base = dense_briefing()
    seventy, seventy_five = evidence("north", "about 70%"), evidence("south", "about 75%")
    north_name, south_name = evidence("north", "Northwind Labs"), evidence("south", "Northwind Labs")
    figure = Discrepancy(
        field="figure",
        subject="share of the research budget of the memorandum",
        values=(
            DiscrepancyValue("70%", "north", seventy.quote, seventy.start, seventy.end),
            DiscrepancyValue("75%", "south", seventy_five.quote, seventy_five.start, seventy_five.end),
        ),
        partnership_id="d0",
        cell="scope",
    )
    spelling = Discrepancy(
        field="name",
        subject="spelling of Northwind Labs",
        values=(
            DiscrepancyValue("Northwind Labs", "north", north_name.quote, north_name.start, north_name.end),
            DiscrepancyValue("Nortwind Labs", "south", south_name.quote, south_name.start, south_name.end),
        ),
        partnership_id="d0",
        cell="parties",
    )
    person = replace(spelling, subject="spelling of a spokesperson's name", cell=None)
    row = replace(base.partnerships[0], disputed=("parties", "scope"))
    return replace(base, partnerships=(row, *base.partnerships[1:]), discrepancies=(figure, spelling, person))


def _table_row(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("| 1 |"))


def test_a_disputed_scope_cell_shows_every_value_with_its_source() -> None:
    row = _table_row(render_markdown(_briefing()))
    scope = row.split(" | ")[5]
    assert scope.startswith("**disputed:** 70% (") and " vs 75% (" in scope
    assert "joint research on flood sensors" not in scope  # the settled-looking value is not shown


def test_a_disputed_party_spelling_shows_both_spellings_with_their_sources() -> None:
    row = _table_row(render_markdown(_briefing()))
    parties = row.split(" | ")[1]
    assert "**spelled differently:** Northwind Labs (" in parties and " vs Nortwind Labs (" in parties
    assert parties.count(" vs ") == 1  # the person's name fills no cell
    assert "spelled differently:" in render_html(_briefing())
