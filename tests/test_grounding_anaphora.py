"""A party named by a definite description is grounded by two spans, or rejected with the reason."""

from __future__ import annotations

from briefing.grounding import verify_extraction
from briefing.grounding.anaphora import antecedent_of, resolve_party
from briefing.models import DraftExtraction, DraftField, DraftRow
from tests.fakes import make_document


def _verify(text: str, value: str, quote: str) -> tuple[object, object]:
    other = DraftField("Trenora Rail", "a contract with Trenora Rail")
    row = DraftRow(
        parties=(DraftField(value, quote), other), kind=DraftField("contract", "a contract with Trenora Rail")
    )
    extraction = verify_extraction(DraftExtraction("d", summary=(), rows=(row,)), make_document("d", text))
    return extraction.rows, extraction.rejections


def test_the_government_is_grounded_by_the_mention_and_its_antecedent() -> None:
    text = "The French government wants faster trains. Later, the government signed a contract with Trenora Rail."
    (row,), _ = _verify(text, "French government", "the government signed a contract")
    party = row.parties[0]
    assert party.evidence.quote == "the government signed a contract"
    assert party.antecedent is not None and party.antecedent.quote == "French government"
    assert "refers back" in party.note


def test_two_governments_named_leave_the_party_unverified_with_the_reason() -> None:
    text = (
        "The French government and the German government held talks. "
        "Later, the government signed a contract with Trenora Rail."
    )
    rows, rejections = _verify(text, "French government", "the government signed a contract")
    assert rows == ()
    assert any("could be" in r.reason and "German government" in r.reason for r in rejections)


def test_descriptions_the_document_itself_confirms() -> None:
    text = "Volta, the Swedish carmaker, and Nordbank, a Danish lender, met. The carmaker and the lender signed a loan."
    at = text.index("The carmaker")
    assert resolve_party("Volta", text, at, len(text)).status == "resolved"
    assert resolve_party("Nordbank", text, at, len(text)).status == "resolved"
    assert resolve_party("Acme", text, at, len(text)).status == "none"
    two = "Volta and Nordbank met on Monday. The two companies signed a loan agreement."
    found = resolve_party("Nordbank", two, two.index("The two"), len(two))
    assert found.status == "resolved" and found.antecedent is not None
    assert two[found.antecedent.start : found.antecedent.end] == "Nordbank"


def test_an_unconfirmed_description_grounds_nothing() -> None:
    text = "Volta met bankers. The carmaker signed a loan with Nordbank."
    assert antecedent_of(text, text.index("The carmaker"), text.index(" signed")).status == "none"
