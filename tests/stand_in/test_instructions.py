"""The stand-in honours "at most N partnerships" in the system prompt, and nothing else changes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.stand_in.answers import respond
from tests.stand_in.instructions import partnership_limit
from tests.stand_in.test_stand_in import extraction_body

TWO_DEALS = (
    "Orvik Shipping and the Port of Tallinn signed a memorandum of understanding on 2 May 2025 on shore power.\n\n"
    "Separately, Orvik Shipping and Baltic Fuel AS signed a supply agreement on 9 May 2025 for biofuel."
)


def _rows(system: Any) -> list[dict[str, Any]]:
    body = extraction_body(TWO_DEALS) | {"system": system}
    text, stop = respond(body, truncated_before=set())
    assert stop == "end_turn"
    rows: list[dict[str, Any]] = json.loads(text)["partnerships"]
    return rows


@pytest.mark.parametrize(
    ("system", "limit"),
    [
        ("Report at most one partnership per document.", 1),
        ([{"type": "text", "text": "List AT MOST 3 partnerships."}], 3),
        ("Report at most ten partnerships.", 10),
        ("Up to 5 key points. Every partnership.", None),
        ("", None),
    ],
)
def test_the_limit_is_read_from_a_string_or_text_blocks(system: Any, limit: int | None) -> None:
    assert partnership_limit({"system": system}) == limit


def test_a_limit_in_the_system_prompt_cuts_the_rows_in_document_order() -> None:
    unlimited = _rows("Report every partnership.")
    assert len(unlimited) == 2
    assert _rows("Report at most one partnership per document.") == unlimited[:1]
