"""Three multi-outlet stories (hospital software, a port concession, a train order) through the
offline engine: every row links all its sources, the planted disagreements are found with the
right scope, copies are recognised, and the figure-heavy unrelated stories beside them add nothing.

The stories (tests/data/stories/) were written for this test: each is reported by 3-4 outlets that
differ on names, dates, amounts and terms, one outlet is a lightly edited copy, one contradicts
itself, and an unrelated article full of figures (brewery results, club finances, dairy exports)
shares units and even values with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.consolidate import Consolidation, consolidate
from briefing.engines.offline import OfflineEngine
from briefing.grounding import verify_extraction
from briefing.models import Discrepancy, Partnership
from briefing.sources.loader import SourceLoader

STORIES = Path(__file__).parent / "data" / "stories"

HOSPITAL = frozenset(
    {"a1_northvale_gazette", "a2_health_it_weekly", "a3_regional_business_copy", "a4_medical_record_news"}
)
PORT = frozenset({"b1_atlantic_shipping", "b2_valmar_daily", "b3_coastal_wire_copy", "b4_porto_noticias"})
TRAINS = frozenset({"c1_irish_rail_news", "c2_dublin_courier", "c3_agency_copy", "c4_trade_gazette"})
UNRELATED = frozenset({"a5_brewery_results", "b5_dunmore_rovers", "c5_dairy_exports"})

# (row, field, scope, the values that must be among the discrepancy's values)
PLANTED: list[tuple[frozenset[str] | None, str, str, set[str]]] = [
    (HOSPITAL, "date", "between_sources", {"2026-03-02", "2026-03-03"}),
    (HOSPITAL, "kind", "between_sources", {"contract", "framework agreement"}),
    (HOSPITAL, "status", "between_sources", {"binding", "non-binding"}),
    (HOSPITAL, "figure", "between_sources", {"£48 million", "£52 million"}),
    (HOSPITAL, "figure", "between_sources", {"seven years", "five years"}),
    (HOSPITAL, "figure", "between_sources", {"12 hospitals", "14 hospitals"}),
    (HOSPITAL, "name", "between_sources", {"Medisys Health Solutions", "Medisys Health Solution"}),
    (HOSPITAL, "name", "between_sources", {"Marchetti", "Marcheti"}),
    (None, "figure", "within_document", {"30%", "45%"}),
    (PORT, "figure", "between_sources", {"30-year", "35-year"}),
    (PORT, "figure", "between_sources", {"€1.2 billion", "€1.1 billion"}),
    (PORT, "figure", "between_sources", {"four new berths", "five new berths"}),
    (PORT, "name", "between_sources", {"Kestrel Harbour Holdings", "Kestrel Harbor Holdings"}),
    (PORT, "name", "between_sources", {"Albuquerque", "Alburquerque"}),
    (None, "figure", "within_document", {"16 metres", "18 metres"}),
    (TRAINS, "figure", "between_sources", {"€600 million", "€640 million"}),
    (TRAINS, "figure", "between_sources", {"40 new commuter trains", "38 new trains"}),
    (TRAINS, "figure", "between_sources", {"15 years", "12 years"}),
    (None, "figure", "within_document", {"320 passengers", "350 passengers"}),
]


@pytest.fixture(scope="module")
def result() -> Consolidation:
    documents = [d for d in SourceLoader(STORIES).lazy_load() if d.metadata.get("status") == "ok"]
    drafts = OfflineEngine().extract_many(documents)
    extractions = [verify_extraction(x, d) for x, d in zip(drafts, documents, strict=True)]
    return consolidate(extractions, documents)


def _row(result: Consolidation, sources: frozenset[str]) -> Partnership:
    found = [p for p in result.partnerships if set(p.sources) & sources]
    assert len(found) == 1, [p.sources for p in found]
    return found[0]


def _matches(
    d: Discrepancy,
    result: Consolidation,
    row: frozenset[str] | None,
    field: str,
    scope: str,
    values: set[str],
) -> bool:
    if d.field != field or d.scope != scope or not values <= {v.value for v in d.values}:
        return False
    if row is None:
        return True
    return d.partnership_id == _row(result, row).id


def test_every_row_links_all_its_sources(result: Consolidation) -> None:
    assert len(result.partnerships) == 3
    for story in (HOSPITAL, PORT, TRAINS):
        assert set(_row(result, story).sources) == story


def test_copies_are_sources_but_not_independent(result: Consolidation) -> None:
    assert result.duplicate_of == {
        "a3_regional_business_copy": "a1_northvale_gazette",
        "b3_coastal_wire_copy": "b1_atlantic_shipping",
        "c3_agency_copy": "c1_irish_rail_news",
    }
    for story, copy in (
        (HOSPITAL, "a3_regional_business_copy"),
        (PORT, "b3_coastal_wire_copy"),
        (TRAINS, "c3_agency_copy"),
    ):
        row = _row(result, story)
        assert copy in row.sources
        assert set(row.independent_sources) == story - {copy}
        assert row.independent_count == 3


def test_names_link_through_suffix_alias_local_name_spelling_and_rename(result: Consolidation) -> None:
    aliases = {name: set(seen) for p in result.partnerships for name, seen in p.aliases}
    assert _row(result, HOSPITAL).parties == ("Medisys Health Solutions", "Northvale Health Trust")
    assert {"Medisys Health Solutions Ltd", "Medisys Health Solution"} <= aliases["Medisys Health Solutions"]
    assert _row(result, PORT).parties == ("Kestrel Harbour Holdings", "Port of Valmar Authority")
    assert "Autoridade Portuária de Valmar" in aliases["Port of Valmar Authority"]
    assert "Kestrel Harbor Holdings" in aliases["Kestrel Harbour Holdings"]
    assert _row(result, TRAINS).parties == ("Trenora Rail", "UK government")
    assert {"Trenora Rail SA", "Ferrotrenora Industries"} <= aliases["Trenora Rail"]
    # the trade gazette, published after the rename was reported, still uses the old name
    assert any("Ferrotrenora Industries" in note for note in result.notes["c4_trade_gazette"])


def test_every_planted_disagreement_is_found_with_its_scope(result: Consolidation) -> None:
    found = [any(_matches(d, result, *planted) for d in result.discrepancies) for planted in PLANTED]
    rate = sum(found) / len(found)
    missing = [p[1:] for p, ok in zip(PLANTED, found, strict=True) if not ok]
    assert rate >= 0.8, missing
    assert missing == []


def test_signed_and_announced_on_different_days_is_not_a_disagreement(result: Consolidation) -> None:
    port = _row(result, PORT)
    assert ("signed", "2026-04-14") in port.dates and ("announced", "2026-04-15") in port.dates
    assert port.date == "2026-04-14"
    assert not [d for d in result.discrepancies if d.field == "date" and d.partnership_id == port.id]


def test_disputed_cells_are_exactly_those_with_a_disagreement(result: Consolidation) -> None:
    # a spokesperson's surname ("Marchetti"/"Marcheti") is a disagreement but not a cell of the table
    assert _row(result, HOSPITAL).disputed == ("parties", "kind", "date", "status", "scope")
    assert _row(result, PORT).disputed == ("parties", "scope")
    assert _row(result, TRAINS).disputed == ("scope",)
    for p in result.partnerships:
        assert set(p.disputed) == {d.cell for d in result.discrepancies if d.partnership_id == p.id} - {None}
    marchetti = next(
        d for d in result.discrepancies if {"Marchetti", "Marcheti"} <= {v.value for v in d.values}
    )
    assert marchetti.field == "name" and marchetti.cell is None


def test_a_legal_suffix_is_not_shown_as_a_spelling(result: Consolidation) -> None:
    spelling = next(
        d
        for d in result.discrepancies
        if d.cell == "parties" and d.partnership_id == _row(result, HOSPITAL).id
    )
    assert {v.value for v in spelling.values} == {"Medisys Health Solutions", "Medisys Health Solution"}
    assert any("Ltd" in v.quote for v in spelling.values)  # the quote is still the source's own words


def test_no_disagreement_from_the_unrelated_stories(result: Consolidation) -> None:
    involved = {v.document_id for d in result.discrepancies for v in d.values}
    assert not involved & UNRELATED
    planted_count = sum(1 for d in result.discrepancies if any(_matches(d, result, *p) for p in PLANTED))
    assert planted_count == len(result.discrepancies), [
        (d.field, d.scope, [v.value for v in d.values]) for d in result.discrepancies
    ]
