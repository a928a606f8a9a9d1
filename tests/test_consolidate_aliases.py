"""Names a source gives side by side become aliases, in every shape, wherever they stand in a text.

Inputs written for this test (a port authority and a water utility, not any sample article).
"""

from __future__ import annotations

import pytest

from briefing.consolidate.aliases import find_aliases
from briefing.consolidate.orgs import org_key

KNOWN = [org_key("Brannock Port Authority"), org_key("Halvard Water Company")]


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        (
            "Autoridade Portuária de Brannock (Brannock Port Authority) signed the lease.",
            ("Autoridade Portuária de Brannock", "Brannock Port Authority"),
        ),
        (
            "Halvard Water Company, known locally as Vatnverk Halvard, will run the plant.",
            ("Halvard Water Company", "Vatnverk Halvard"),
        ),
        (
            "The Halvard Water Company, also known as Halvard Vatn, will run the plant.",
            ("The Halvard Water Company", "Halvard Vatn"),
        ),
        (
            "Brannock Port Authority, also called Brannock Harbour Board, chose the bidder.",
            ("Brannock Port Authority", "Brannock Harbour Board"),
        ),
    ],
)
def test_each_alias_shape_is_found(sentence: str, pair: tuple[str, str]) -> None:
    [alias] = find_aliases({"d": sentence}, KNOWN)
    assert (alias.a, alias.b) == pair


def test_aliases_deep_in_a_long_text_are_found_in_reading_order() -> None:
    filler = "the harbour board met again and nothing was decided that day. " * 4000
    text = (
        filler
        + "Brannock Port Authority, also called Brannock Harbour Board, chose the bidder. "
        + filler
        + "Halvard Water Company, known locally as Vatnverk Halvard, will run the plant. "
        + "Autoridade Portuária de Brannock (Brannock Port Authority) signed the lease."
    )
    found = [(a.a, a.b) for a in find_aliases({"d": text}, KNOWN)]
    assert found == [
        ("Autoridade Portuária de Brannock", "Brannock Port Authority"),
        ("Brannock Port Authority", "Brannock Harbour Board"),
        ("Halvard Water Company", "Vatnverk Halvard"),
    ]


def test_an_acronym_in_brackets_is_not_an_alias_here() -> None:
    assert find_aliases({"d": "Brannock Port Authority (BPA) chose the bidder."}, KNOWN) == []
