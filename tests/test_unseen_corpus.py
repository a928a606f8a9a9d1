"""The whole offline pipeline over tests/data/unseen: documents written after the code, by hand.

Twelve news documents from other domains and countries (a wire story and its syndicated copy, a
TOML-fronted Markdown story and a second report that disagrees with it, a Japanese-English
release, a saved HTML page, a cp1252 file, a story of collapsed talks, a first-person release, an
opinion piece, an earnings story that mentions deals in passing, an MoU story). The invariants
hold for any corpus; the targeted expectations are what a careful reader of these files agrees with.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.engines.offline import OfflineEngine
from briefing.models import Briefing, Partnership
from briefing.pipeline import build_briefing
from briefing.render import render_json, render_markdown
from briefing.sources import SourceLoader

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
PEOPLE = {"Claire Dufresne", "Maarten de Wit", "Annika Berg", "Kenichi Sato", "Anna Whitlock", "Takeshi Oda"}
NOT_PARTIES = {
    "Sweden",
    "German",
    "Danish",
    "Japanese",
    "Franco-Dutch",
    "GridSight",
    "HX-7",
    "Tesla",
    "Sarvodaya",
}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {str(d.metadata["id"]): d for d in SourceLoader([UNSEEN]).lazy_load()}


@pytest.fixture(scope="module")
def briefing(documents: dict[str, Document]) -> Briefing:
    return build_briefing(list(documents.values()), OfflineEngine(), as_of=date(2026, 11, 24)).briefing


def _with(briefing: Briefing, *names: str) -> list[Partnership]:
    return [p for p in briefing.partnerships if all(any(n in party for party in p.parties) for n in names)]


# ------------------------------------------------------------------------------ invariants


def test_every_input_is_accounted_for_with_a_status(briefing: Briefing) -> None:
    files = {p.stem for p in UNSEEN.iterdir() if p.is_file()}
    assert {d.id for d in briefing.documents} == files
    assert all(d.status in ("used", "not cited") for d in briefing.documents)


def test_every_evidence_quote_is_the_source_slice(briefing: Briefing, documents: dict[str, Document]) -> None:
    quoted = [e for p in briefing.partnerships for _, e in p.evidence] + list(briefing.evidence)
    quoted += [f.evidence for s in briefing.summaries for f in (*s.sentences, *s.key_points)]
    assert quoted
    for e in quoted:
        assert documents[e.document_id].page_content[e.start : e.end] == e.quote
    for d in briefing.discrepancies:
        for v in d.values:
            assert documents[v.document_id].page_content[v.start : v.end] == v.quote


def test_no_row_comes_from_a_negated_collapsed_or_denied_deal(briefing: Briefing) -> None:
    parties = {party for p in briefing.partnerships for party in p.parties}
    assert not any(bad in party for party in parties for bad in ("Tesla", "Sarvodaya", "PGE"))
    assert not [p for p in briefing.partnerships if "08_kenya_sarvodaya_talks_collapse" in p.sources]
    assert not [p for p in briefing.partnerships if "10_opinion_industrial_policy" in p.sources]


def test_the_first_person_release_names_its_publisher_as_a_party(
    briefing: Briefing, documents: dict[str, Document]
) -> None:
    publisher = documents["09_kestrel_first_person"].metadata["publisher"]
    assert publisher == "Kestrel Analytics"
    [row] = _with(briefing, publisher, "Norrland Energi")
    assert set(row.parties) == {"Kestrel Analytics", "Norrland Energi"}
    assert (row.kind, row.date) == ("partnership", "2026-11-19")


def test_the_syndicated_copy_is_a_duplicate_and_its_agreement_is_one_row(briefing: Briefing) -> None:
    records = {d.id: d for d in briefing.documents}
    pair = {"01_reuters_france_veltrane", "02_syndicated_veltrane"}
    assert {records[i].duplicate_of for i in pair} & pair
    [row] = _with(briefing, "Veltrane")
    assert set(row.sources) == pair
    assert (row.kind, row.date) == ("letter of intent", "2026-11-18")
    assert any("economy ministry" in party for party in row.parties)


def test_the_two_reports_that_disagree_yield_a_discrepancy(briefing: Briefing) -> None:
    found = [
        d
        for d in briefing.discrepancies
        if {v.document_id for v in d.values} == {"03_linnaeus_norvik", "04_norvik_linnaeus_other"}
    ]
    assert [sorted(v.value for v in d.values) for d in found] == [["SEK 140 million", "SEK 180 million"]]
    assert found[0].subject.startswith("the amount")


def test_no_person_product_or_nationality_is_a_party(briefing: Briefing) -> None:
    for p in briefing.partnerships:
        assert not set(p.parties) & (PEOPLE | NOT_PARTIES), p.parties
        assert len(p.parties) == 2, p.parties


# ------------------------------------------------------------------------------ what a reader expects


@pytest.mark.parametrize(
    ("names", "kind", "when"),
    [
        (("Hoshizora Robotics", "Cardew Logistics"), "agreement", "2026-11-11"),
        (("Ceará", "Havbris Energy"), "joint venture", "2026-11-19"),
        (("Ferrovías Ibéricas", "Agence Marocaine de Développement Ferroviaire"), "agreement", "2026-11-16"),
        (("Linnaeus Institute of Medical Sciences", "Norvik Pharma"), "agreement", None),
        (("Mitsuhama Corporation", "Department of State Development"), "memorandum of understanding", None),
        (("Daesan", "Rheinwerk Automobil"), "deal", None),
    ],
)
def test_the_agreements_a_reader_finds(
    briefing: Briefing, names: tuple[str, ...], kind: str, when: str | None
) -> None:
    [row] = _with(briefing, *names)
    assert (row.kind, row.date) == (kind, when)


def test_titles_dates_and_publishers(briefing: Briefing) -> None:
    records = {d.id: d for d in briefing.documents}
    assert all(d.title for d in records.values())
    assert records["02_syndicated_veltrane"].title == records["01_reuters_france_veltrane"].title
    assert records["04_norvik_linnaeus_other"].title == "Norvik bets on academic lab in antibiotics push"
    assert (records["05_hoshizora_cardew_bilingual"].title or "").startswith("Hoshizora Robotics signs")
    assert (records["03_linnaeus_norvik"].title or "").startswith("Linnaeus Institute and Norvik Pharma")
    published = {i: (d.published, d.published_from) for i, d in records.items()}
    assert published["03_linnaeus_norvik"] == ("2026-11-10", "front matter: date")
    assert published["05_hoshizora_cardew_bilingual"] == ("2026-11-12", "date line near the top")
    assert published["07_ferrovias_amdf_cp1252"] == ("2026-11-17", "inline date line")
    assert published["08_kenya_sarvodaya_talks_collapse"] == ("2026-11-21", "dateline")
    assert published["01_reuters_france_veltrane"] == (None, None)  # "Nov 18" alone has no year
    assert records["06_latam_energy_monitor"].publisher == "LatAm Energy Monitor"


def test_boilerplate_is_gone_and_prose_is_kept(documents: dict[str, Document]) -> None:
    gone = (
        "All rights reserved", "Sign up", "Subscribe", "About Kestrel", "Media contact", "FOR IMMEDIATE",
        "+++", "Reporting by", "Markets | Technology", "Accept all", "Related", "translation", "**",
        "Henrik Aalto is", "Copyright",
    )  # fmt: skip
    for doc_id, d in documents.items():
        for phrase in gone:
            assert phrase not in d.page_content, (doc_id, phrase)
    assert "Norrland Energi shares our conviction" in documents["09_kestrel_first_person"].page_content
    assert "desalinated seawater" in documents["06_latam_energy_monitor"].page_content
    assert "ほしぞらロボティクス" in documents["05_hoshizora_cardew_bilingual"].page_content


def test_rendered_markdown_and_json_carry_the_table(briefing: Briefing) -> None:
    markdown = render_markdown(briefing)
    contract = json.loads(render_json(briefing))
    assert len(contract["partnerships"]) == len(briefing.partnerships) >= 8
    for p in briefing.partnerships:
        assert p.parties[0].split()[0] in markdown
    assert "Tesla" not in {party for p in contract["partnerships"] for party in p["parties"]}
