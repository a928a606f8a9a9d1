"""Offline row rules that documents from outside the English-language tech press needed.

Each test is one rule that generalises (accented names, nationality adjectives, descriptors,
appositions, legal forms, compound kinds, negated deals, announcement dates), written as a short
made-up sentence, not copied from any corpus.
"""

from __future__ import annotations

from langchain_core.documents import Document

from briefing.engines.offline import OfflineEngine
from briefing.engines.offline.orgs import OrgSpotter
from briefing.engines.offline.sentences import split_sentences
from briefing.models import DraftExtraction


def _draft(
    text: str, *, published: str | None = "2026-05-06", publisher: str | None = None
) -> DraftExtraction:
    meta = {"id": "t", "title": None, "published": published, "publisher": publisher, "status": "ok"}
    return OfflineEngine().extract(Document(page_content=text, metadata=meta), document_id="t")


def _rows(text: str, **kw: str | None) -> list[tuple[set[str], str]]:
    return [({p.value for p in r.parties}, r.kind.value) for r in _draft(text, **kw).rows]


def _orgs(text: str) -> list[str]:
    sentences = split_sentences(text)
    spotter = OrgSpotter(text, sentences)
    return [m.text for s in sentences for m in spotter.find(s)]


def test_accented_names_are_single_words_and_whole_parties() -> None:
    text = "Spanish rail operator Ferrovías Ibéricas and Morocco’s Agence Marocaine de Développement Ferroviaire signed a cooperation agreement on Monday."
    assert _rows(text) == [
        ({"Ferrovías Ibéricas", "Agence Marocaine de Développement Ferroviaire"}, "agreement")
    ]


def test_legal_form_with_a_slash_is_part_of_the_name() -> None:
    assert "Havbris Energy A/S" in _orgs(
        "Officials met Havbris Energy A/S and Nordvind Kraft on Monday to talk."
    )


def test_a_nationality_adjective_is_never_a_party() -> None:
    text = "Daesan agreed a supply deal with German carmaker Rheinwerk Automobil in March."
    assert _rows(text) == [({"Daesan", "Rheinwerk Automobil"}, "deal")]
    assert "German" not in _orgs(text)
    assert "Franco-Dutch" not in _orgs("Franco-Dutch chipmaker Veltrane grew fast this year in Europe.")


def test_and_before_a_nationality_adjective_ends_a_name() -> None:
    text = "Talks between Kenya's Ministry of Health and Indian vaccine maker Sarvodaya Biologics began."
    assert "Ministry of Health" in _orgs(text)
    assert not any("Indian" in o for o in _orgs(text))


def test_descriptors_before_the_second_subject_do_not_hide_it() -> None:
    text = "The state government of Ceará and Danish renewables developer Havbris Energy A/S signed a joint venture agreement on Thursday."
    assert _rows(text) == [({"state government of Ceará", "Havbris Energy A/S"}, "joint venture")]


def test_a_country_s_lower_case_ministry_is_a_party() -> None:
    text = "France's economy ministry and chipmaker Veltrane Semiconductors signed a letter of intent on Wednesday."
    assert _rows(text) == [({"France's economy ministry", "Veltrane Semiconductors"}, "letter of intent")]


def test_an_apposition_after_the_object_is_not_another_party() -> None:
    text = "Acme Grid and Norrland Energi, Sweden's third-largest grid operator, signed a partnership to share data."
    rows = _rows(
        "Acme Grid signed a partnership with Norrland Energi, Sweden's third-largest grid operator, on Monday."
    )
    assert rows == [({"Acme Grid", "Norrland Energi"}, "partnership")]
    assert all("Sweden" not in parties for parties, _ in _rows(text))


def test_two_names_joined_by_and_are_split_at_a_company_legal_form() -> None:
    text = "The Linnaeus Institute of Medical Sciences and Norvik Pharma AB have signed a research agreement."
    assert _rows(text) == [({"Linnaeus Institute of Medical Sciences", "Norvik Pharma AB"}, "agreement")]
    assert "Department of Science and Technology" in _orgs(
        "The Department of Science and Technology published its plan for next year."
    )


def test_company_that_announced_it_signed_after_a_parenthesis() -> None:
    text = (
        "Hoshizora Robotics Co., Ltd. (headquarters: Tokyo; CEO: Kenichi Sato) today announced that it "
        "signed a business alliance agreement with Cardew Logistics Ltd. on 11 May 2026."
    )
    [row] = _draft(text).rows
    assert {p.value for p in row.parties} == {"Hoshizora Robotics Co., Ltd.", "Cardew Logistics Ltd"}
    assert row.date is not None and row.date.value == "2026-05-11"  # not "today", the announcement


def test_a_compound_trigger_is_one_agreement_of_its_most_specific_kind() -> None:
    text = "Acme Energy and Beta Power signed a joint venture agreement on Thursday to build a plant."
    assert _rows(text) == [({"Acme Energy", "Beta Power"}, "joint venture")]


def test_negated_collapsed_or_denied_deals_yield_no_row() -> None:
    for text in (
        "Daesan said it had not signed any agreement with U.S. carmaker Tesla on batteries.",
        "Talks between Acme Health and Beta Biologics collapsed without a deal on Friday.",
        "Acme Health has yet to sign a partnership with Beta Biologics, officials said.",
        "The agreement between Acme Health and Beta Biologics was later cancelled by regulators.",
    ):
        assert _rows(text) == [], text


def test_a_noun_deal_with_is_an_agreement_and_a_verb_deal_with_is_not() -> None:
    assert _rows("Acme Bank struck a supply deal with Beta Foods in March.") == [
        ({"Acme Bank", "Beta Foods"}, "deal")
    ]
    assert _rows("Acme Bank will deal with Beta Foods directly in March.") == []


def test_the_date_someone_said_it_is_not_the_date_of_the_agreement() -> None:
    [row] = _draft(
        "Acme Labs and Beta University have signed a research agreement, the two organisations said on Tuesday."
    ).rows
    assert row.date is None
