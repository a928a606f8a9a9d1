"""A deal that did not happen is never an agreement: the shared rule and grounding's use of it.

The rule reads the trigger's own sentence, so a quote that stops right after "had not signed any"
cannot smuggle a denied deal into the table, whichever engine proposed it.
"""

from __future__ import annotations

import pytest
from langchain_core.documents import Document

from briefing.grounding import verify_extraction
from briefing.models import DraftExtraction, DraftField, DraftRow
from briefing.vocabulary import agreement_negation, find_kinds


def _negation(sentence: str) -> str | None:
    [trigger] = find_kinds(sentence)
    return agreement_negation(sentence, trigger.start, trigger.end)


@pytest.mark.parametrize(
    "sentence",
    [
        "Daesan said it had not signed any agreement with U.S. carmaker Tesla.",
        "Talks between the two collapsed without a deal on Friday.",
        "The company said it was in talks, but that no agreement had been reached.",
        "He denied a report in a local newspaper that a deal worth $120 million had been concluded.",
        "A memorandum of understanding had been expected at the summit, but the signing was cancelled.",
        "Acme has yet to sign a partnership with Beta.",
        "The accord with Beta was later scrapped by the new board.",
    ],
)
def test_negated_collapsed_or_denied(sentence: str) -> None:
    assert _negation(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme and Beta signed a non-binding agreement on Monday.",
        "The companies did not disclose terms of the agreement.",
        "No firm services were announced but the MOU indicates the two will explore pilots.",
        "The cooperation agreement does not include the supply of trains.",
        "Acme signed a deal with Beta. Talks with Gamma collapsed last year.",
    ],
)
def test_agreements_that_happened(sentence: str) -> None:
    assert _negation(sentence) is None


TEXT = "Daesan said it had not signed any agreement with U.S. carmaker Tesla, denying a report."


def test_grounding_rejects_a_row_whose_quote_stops_after_the_negation() -> None:
    document = Document(page_content=TEXT, metadata={"id": "d", "published": "2026-11-13"})
    kind_quote = "agreement with U.S. carmaker Tesla"
    row = DraftRow(
        parties=(DraftField("Daesan", "Daesan said it"), DraftField("Tesla", kind_quote)),
        kind=DraftField("agreement", kind_quote),
    )
    extraction = verify_extraction(DraftExtraction("d", summary=(), rows=(row,)), document)
    assert extraction.rows == ()
    [rejection] = [r for r in extraction.rejections if r.field == "kind"]
    assert "not made" in rejection.reason and "not signed any agreement" in rejection.reason


def test_grounding_keeps_the_same_row_when_the_sentence_is_affirmative() -> None:
    text = TEXT.replace("had not signed any", "had signed an")
    document = Document(page_content=text, metadata={"id": "d", "published": "2026-11-13"})
    kind_quote = "agreement with U.S. carmaker Tesla"
    row = DraftRow(
        parties=(DraftField("Daesan", "Daesan said it"), DraftField("Tesla", kind_quote)),
        kind=DraftField("agreement", kind_quote),
    )
    extraction = verify_extraction(DraftExtraction("d", summary=(), rows=(row,)), document)
    assert len(extraction.rows) == 1


def test_a_denial_is_seen_across_an_abbreviation() -> None:
    from briefing.vocabulary import agreement_negation

    text = "Beta Corp. denied reports that Acme Inc. signed a deal with the port."
    start = text.index("deal")
    assert agreement_negation(text, start, start + 4) is not None
