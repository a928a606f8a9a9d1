"""Disagreements found in the text (figures, people, institutions) and near-duplicate documents."""

from __future__ import annotations

from briefing.consolidate import consolidate, find_duplicates
from briefing.consolidate.duplicates import shingles, similarity
from briefing.consolidate.figures import figure_discrepancies, find_figures
from briefing.consolidate.spellings import spelling_discrepancies
from tests.test_consolidate_support import DATA, doc, extraction, row


def _values(discrepancy):
    return sorted((v.value, v.document_id) for v in discrepancy.values)


def test_same_subject_figures_with_different_numbers_disagree_across_documents() -> None:
    texts = [
        ("a", "Five hyperscalers control about 70% of global AI compute power, the report said."),
        ("b", "The United States still controls around 71% of global AI compute via its hyperscalers."),
    ]
    found = figure_discrepancies(texts)
    assert len(found) == 1
    assert found[0].field == "figure"
    assert _values(found[0]) == [("70%", "a"), ("71%", "b")]
    for v in found[0].values:
        assert dict(texts)[v.document_id][v.start : v.end] == v.quote
        assert v.value in v.quote


def test_unrelated_numbers_do_not_pair_up() -> None:
    texts = [
        ("a", "Revenue in Europe grew 12% last year as the company sold more heat pumps."),
        ("b", "Staff turnover at the Leeds plant fell 30% after the new shift pattern."),
        ("c", "About 40% of respondents said they trust the regulator on data protection."),
        ("d", "Around 55% of respondents said they would switch banks for a better mortgage rate."),
        ("e", "The company hired 300 engineers in Lisbon and opened 4 offices in Spain."),
        ("f", "Exports grew 12% in Europe."),
        ("g", "Imports fell 30% in Europe."),
    ]
    assert figure_discrepancies(texts) == []


def test_a_change_within_one_sentence_is_not_a_disagreement_and_units_must_match() -> None:
    texts = [
        ("a", "Its share of global AI compute rose from 65% to 70% of global AI compute in a year."),
        ("b", "The fund spent $70 million of global AI compute budgets, versus 71 percent elsewhere."),
    ]
    assert figure_discrepancies(texts) == []


def test_same_value_written_two_ways_is_no_disagreement_and_years_are_not_figures() -> None:
    texts = [
        ("a", "Hyperscalers control about 70% of global AI compute power in 2025."),
        ("b", "Hyperscalers control about 70 per cent of global AI compute power in 2026."),
    ]
    assert figure_discrepancies(texts) == []
    assert [f.text for f in find_figures("a", texts[0][1])] == ["70%"]


def test_surname_spelled_two_ways_in_a_role_context_is_a_name_discrepancy() -> None:
    text = (
        "Health Secretary Anna Pemberton said the plan would start in May. "
        "Pemberten told reporters the money was already set aside."
    )
    found = spelling_discrepancies([("a", text)])
    names = [d for d in found if d.field == "name"]
    assert len(names) == 1
    assert _values(names[0]) == [("Pemberten", "a"), ("Pemberton", "a")]
    assert "Pemberton" in names[0].subject


def test_different_people_with_similar_surnames_are_not_a_discrepancy() -> None:
    texts = [
        ("a", "Minister Jon Smith said the talks went well. Jan Smyth said the talks failed."),
        ("b", "Carter said prices would rise. Barter said nothing."),
    ]
    assert [d for d in spelling_discrepancies(texts) if d.field == "name"] == []


def test_institution_names_sharing_most_words_disagree_unless_a_sentence_contrasts_them() -> None:
    texts = [
        ("a", "The Ministry of Digital Affairs and Innovation published its plan on Monday."),
        ("b", "Officials at the Ministry of Digital Affairs and Industry declined to comment."),
        ("c", "It renamed the National Grid Safety Institute as the National Grid Security Institute."),
        ("d", "The National Grid Security Institute will publish its first report."),
        ("e", "The UK Ocean Research Institute and the Ocean Research Institute met again."),
    ]
    found = [d for d in spelling_discrepancies(texts) if d.field == "organisation"]
    assert len(found) == 1
    assert _values(found[0]) == [
        ("Ministry of Digital Affairs and Industry", "b"),
        ("Ministry of Digital Affairs and Innovation", "a"),
    ]


def test_syndicated_copy_with_other_boilerplate_is_a_duplicate_and_both_sources_are_listed() -> None:
    original_text = (DATA / "wire_original.txt").read_text(encoding="utf-8")
    copy_text = (DATA / "wire_copy.txt").read_text(encoding="utf-8")
    other_text = "Kestrel Bank opened a branch in Leeds. " * 3 + original_text[:60]
    original = doc("wire-1", original_text, published="2025-06-03")
    copy = doc("wire-2", copy_text, published="2025-06-04")
    other = doc("other", other_text, published="2025-06-01")
    assert similarity(shingles(original_text), shingles(copy_text)).containment >= 0.6

    parties = [("Harbor Grid", "Harbor Grid"), ("Port of Rotterdam Authority", "Port of Rotterdam Authority")]
    mou = ("memorandum of understanding", "memorandum of understanding")
    ex = [extraction(d, [row(d, parties, mou)]) for d in (original, copy)]
    result = consolidate(ex, [original, copy, other])

    assert result.duplicate_of == {"wire-2": "wire-1"}
    assert find_duplicates([other, original]) == {}
    assert len(result.partnerships) == 1
    assert result.partnerships[0].sources == ("wire-1", "wire-2")
    assert {ev.document_id for _f, ev in result.partnerships[0].evidence} == {"wire-1", "wire-2"}


def test_a_short_snippet_is_not_a_copy_of_a_long_article() -> None:
    article = (DATA / "wire_original.txt").read_text(encoding="utf-8")
    snippet = (
        "Harbor Grid and the Port of Rotterdam Authority signed a memorandum of understanding on Tuesday."
    )
    assert find_duplicates([doc("long", article), doc("short", snippet)]) == {}


def test_a_figure_quote_keeps_the_parties_before_an_abbreviation_such_as_inc() -> None:
    texts = [
        ("a", "Acme Inc. and Beta Corp. signed a memorandum of understanding worth $5 million on 3 March."),
        ("b", "Acme Inc. and Beta Corp. signed a memorandum of understanding worth $6 million on 3 March."),
    ]
    found = figure_discrepancies(texts)
    assert len(found) == 1
    for v in found[0].values:
        assert v.quote == dict(texts)[v.document_id]
        assert (v.start, v.end) == (0, len(v.quote))
