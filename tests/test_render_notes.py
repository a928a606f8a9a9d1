"""The footnote planner and the compact labels: one mark per place, each slice quoted once."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.render.contract import EvidenceOut
from briefing.render.labels import highlight, short_title, source_labels
from briefing.render.mapping import to_contract
from briefing.render.notes import EXECUTIVE, SUMMARIES, TABLE, VERBATIM, Cite, Place, Sources, plan
from tests.briefing_factory import LONG_TITLE, dense_briefing


def _ev(ev_id: str, doc: str = "a", start: int = 0, quote: str = "text") -> EvidenceOut:
    return EvidenceOut(
        id=ev_id,
        document_id=doc,
        quote=quote,
        start=start,
        end=start + len(quote),
        match="exact",
        score=100.0,
    )


EVIDENCE = {
    "e1": _ev("e1", "a", 0),
    "e2": _ev("e2", "b", 10),
    "e3": _ev("e3", "a", 20),
    "e4": _ev("e4", "a", 30, "A whole sentence."),
    "twin": _ev("twin", "a", 0),
}
SOURCES = Sources(labels={"a": ("Title A", True)}, order={"b": 0, "a": 1}, visible={})


def test_table_cells_own_slices_that_the_executive_summary_cites_first() -> None:
    places = [
        Place(EXECUTIVE, "", ("e1", "e2")),
        Place(TABLE, "Parties", ("e1",)),
        Place(TABLE, "Kind", ("e2",)),
    ]
    cites, notes = plan(places, EVIDENCE, SOURCES)
    assert cites == (Cite(1, True), Cite(2, True), Cite(3, True))
    assert notes[0].groups == ()
    assert notes[0].see == "Quoted in notes 2, 3 (partnership table)."
    assert [q.evidence_id for g in notes[1].groups for q in g.quotes] == ["e1"]


def test_a_place_whose_slices_sit_in_one_note_reuses_its_number() -> None:
    places = [
        Place(TABLE, "Kind", ("e1", "e3")),
        Place(EXECUTIVE, "", ("e3", "e1")),
        Place(TABLE, "Kind", ("e1",)),
    ]
    cites, notes = plan(places, EVIDENCE, SOURCES)
    assert cites == (Cite(1, True), Cite(1, False), Cite(1, False))
    assert len(notes) == 1


def test_new_and_old_slices_make_one_note_that_points_back() -> None:
    places = [Place(TABLE, "Parties", ("e1",)), Place(TABLE, "Parties", ("e1", "e2"))]
    cites, notes = plan(places, EVIDENCE, SOURCES)
    assert cites == (Cite(1, True), Cite(2, True))
    assert [q.evidence_id for g in notes[1].groups for q in g.quotes] == ["e2"]
    assert notes[1].see == "Also quoted in note 1 (partnership table)."


def test_quotes_are_grouped_by_source_in_document_order_then_by_position() -> None:
    _, notes = plan([Place(SUMMARIES, "", ("e3", "e2", "e1", "twin"))], EVIDENCE, SOURCES)
    (note,) = notes
    assert [g.document_id for g in note.groups] == ["b", "a"]
    assert [g.label for g in note.groups] == ["b", "Title A"]
    # "twin" names the same slice as "e1": a reader sees it once.
    assert [(q.start, q.end) for q in note.groups[1].quotes] == [(0, 4), (20, 24)]


def test_places_citing_nothing_get_no_mark() -> None:
    cites, notes = plan([Place(TABLE, "Date", ()), Place(TABLE, "Kind", ("e1",))], EVIDENCE, SOURCES)
    assert cites == (None, Cite(1, True))
    assert [n.number for n in notes] == [1]


def test_verbatim_and_visible_slices_are_cited_by_span() -> None:
    visible = {("a", 0, 4, "text"): "quoted under X", ("a", 20, 24, "text"): "quoted under X"}
    sources = replace(SOURCES, visible=visible)
    places = [
        Place(SUMMARIES, "", ("e4",), text="A  whole\nsentence.", home="a"),
        Place(EXECUTIVE, "", ("e1", "e3")),
    ]
    _, notes = plan(places, EVIDENCE, sources)
    assert notes[0].groups[0].quotes[0].shown == VERBATIM
    assert notes[0].groups[0].label == "a"  # the summary heading already gives the title
    assert notes[1].shown == "quoted under X"  # said once for the whole note


def test_short_titles_cut_at_a_word_and_stay_within_the_limit() -> None:
    assert short_title(None) is None
    assert short_title("  ") is None
    assert short_title("Short title") == "Short title"
    cut = short_title(LONG_TITLE)
    assert cut == "Coastal city and sensor start-up sign…"
    assert cut is not None and len(cut) <= 42
    assert short_title("x" * 80, limit=10) == "x" * 9 + "…"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_short_titles_never_exceed_the_limit(title: str) -> None:
    cut = short_title(title)
    assert cut is None or len(cut) <= 42


def test_documents_sharing_a_short_title_are_told_apart_by_id() -> None:
    labels = source_labels(to_contract(dense_briefing()))
    assert labels["north"] == ("Coastal city and sensor start-up sign… (north)", False)
    assert labels["south"] == ("Coastal city and sensor start-up sign… (south)", False)


def test_highlight_finds_the_value_regardless_of_case_and_keeps_the_exact_text() -> None:
    assert highlight("Signed by ACME Ltd today", "acme ltd") == ("Signed by ", "ACME Ltd", " today")
    assert highlight("no match here", "70%") == ("no match here", "", "")
    assert highlight("İstanbul deal", "deal") == ("İstanbul deal", "", "")  # lower() changes the length
    assert highlight("anything", "") == ("anything", "", "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=10))
def test_highlight_pieces_always_rejoin_to_the_quote(quote: str, value: str) -> None:
    assert "".join(highlight(quote, value)) == quote
