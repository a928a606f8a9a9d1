"""Company names the offline engine must keep whole: lower-case legal forms and apostrophes."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document

from briefing.engines.offline import OfflineEngine
from briefing.engines.offline.tokens import tokenize


def _parties(text: str) -> list[list[str]]:
    doc = Document(page_content=text, metadata={"id": "t", "published": "2026-03-12"})
    result = OfflineEngine().extract_many([doc])[0]
    return [sorted(p.value for p in row.parties) for row in getattr(result, "rows", ())]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Braemore Steel plc and Halden Hydrogen signed an offtake agreement on 11 March 2026.",
            ["Braemore Steel plc", "Halden Hydrogen"],
        ),
        (
            "Quillon Foods ltd signed a supply agreement with Marrow Dairies on Tuesday.",
            ["Marrow Dairies", "Quillon Foods ltd"],
        ),
        (
            "Sainsbury's and Octavia Foods signed a supply agreement on Monday.",
            ["Octavia Foods", "Sainsbury's"],
        ),
        (
            "Hartwell & Sons and Okafor Brothers' Logistics have formed a joint venture to run depots.",
            ["Hartwell & Sons", "Okafor Brothers' Logistics"],
        ),
        (
            "Lloyd's of London and Harcourt Re have agreed a partnership to share claims data.",
            ["Harcourt Re", "Lloyd's of London"],
        ),
    ],
)
def test_company_names_stay_whole(text: str, parties: list[str]) -> None:
    assert _parties(text) == [parties]


def test_a_possessive_before_a_noun_is_still_a_possessive() -> None:
    tokens = tokenize("Morocco's Ministry of Transport and Apple's chief signed it.")
    assert [(t.text, t.possessive) for t in tokens if t.text in ("Morocco", "Apple")] == [
        ("Morocco", True),
        ("Apple", True),
    ]


def test_an_institution_keeps_its_late_and() -> None:
    rows = _parties(
        "The Department of Science and Technology signed a memorandum of understanding with Orla Ferries."
    )
    assert rows == [["Department of Science and Technology", "Orla Ferries"]]
