"""Figures are compared across documents only when the documents tell the same story."""

from __future__ import annotations

from briefing.consolidate import consolidate
from tests.fakes import make_document


def _figures(*texts: str) -> list[list[str]]:
    documents = [make_document(f"d{i}", text) for i, text in enumerate(texts)]
    result = consolidate([], documents)
    return [sorted(v.value for v in d.values) for d in result.discrepancies if d.field == "figure"]


def test_the_same_generic_sentence_in_unrelated_stories_is_not_a_disagreement() -> None:
    assert (
        _figures(
            "Harlow Foods opened a plant in Leeds on Monday. Shares rose 12% in early trading after the news.",
            "Kestrel Aerospace won a defence order in Toulouse. Shares rose 40% in early trading after the news.",
        )
        == []
    )


def test_two_reports_naming_the_same_organisations_are_compared() -> None:
    assert _figures(
        "Harlow Foods agreed to buy Quorn Mills, the Leeds baker. Shares rose 12% in early trading after the news.",
        "Quorn Mills will be sold to Harlow Foods, the companies said. Shares rose 14% in early trading after the news.",
    ) == [["12%", "14%"]]


def test_names_common_to_the_whole_corpus_do_not_tie_stories_together() -> None:
    filler = "The Department of Trade in London said nothing."
    texts = [
        f"{filler} Harlow Foods opened a plant. Shares rose 12% in early trading after the news.",
        f"{filler} Kestrel Aerospace won an order. Shares rose 40% in early trading after the news.",
        f"{filler} Bluefin Health hired staff. Revenue fell.",
    ]
    assert _figures(*texts) == []
