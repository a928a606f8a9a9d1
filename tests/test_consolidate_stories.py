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


def _figures_with_rows(*texts: str) -> list[list[str]]:
    """As ``_figures``, with the rows the offline engine extracts (verified), as in a build."""
    from briefing.engines.offline import OfflineEngine
    from briefing.grounding import verify_extraction

    documents = [make_document(f"r{i}", text) for i, text in enumerate(texts)]
    drafts = OfflineEngine().extract_many(documents)
    extractions = [verify_extraction(x, d) for x, d in zip(drafts, documents, strict=True)]
    result = consolidate(extractions, documents)
    return [sorted(v.value for v in d.values) for d in result.discrepancies if d.field == "figure"]


def test_reports_of_different_agreements_are_not_one_story_whatever_names_they_share() -> None:
    """Both name the sector and the same analysts' firm, but each reports its own deal."""
    assert (
        _figures_with_rows(
            "Imbert Mining and Calloway Pharma signed a joint venture on 7 September 2026 to process "
            "lithium. Analysts at Lindqvist Securities said the deal would lift revenue by 7 percent.",
            "Thorne Mining and Harlow Robotics signed a supply agreement on 19 October 2026. Analysts "
            "at Lindqvist Securities said the deal would lift revenue by 13 percent.",
        )
        == []
    )


def test_a_follow_up_without_an_agreement_is_still_compared_with_the_report() -> None:
    assert _figures_with_rows(
        "Imbert Mining and Calloway Pharma signed a joint venture on 7 September 2026 to process "
        "lithium. Analysts at Lindqvist Securities said the deal would lift revenue by 7 percent.",
        "Shares in Imbert Mining and Calloway Pharma were steady on Friday. Analysts at Lindqvist "
        "Securities said the deal would lift revenue by 9 percent.",
    ) == [["7 percent", "9 percent"]]


def test_two_deals_of_one_company_are_not_one_story() -> None:
    """They share a party, but their kinds and dates say they are two agreements."""
    assert (
        _figures_with_rows(
            "Ketsal Aerospace and Roshal Water signed a framework agreement on 10 July 2026 to develop a "
            "programme in York. The framework agreement is valued at £290 million and runs for 15 years.",
            "Halyar Foods and Roshal Water signed a supply agreement on 26 May 2026 to develop a terminal "
            "in Bristol. The supply agreement is valued at £371 million and runs for 15 years.",
        )
        == []
    )
