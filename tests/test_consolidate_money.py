"""Amounts in any currency are amounts, and a multiplier is never the thing counted.

"SEK 140 million" and "SEK 180 million" for the same funding are a disagreement about an amount,
not about a number of "millions"; "2.1 billion euros" and "412 billion won" are amounts too.
"""

from __future__ import annotations

from briefing.consolidate.figures import figure_discrepancies, find_figures
from briefing.consolidate.orgs import display_form


def _units(text: str) -> list[tuple[str, float, str]]:
    return [(f.text, f.value, f.unit) for f in find_figures("d", text)]


def test_currency_codes_and_currency_words_are_amounts() -> None:
    assert _units("Norvik will fund SEK 140 million of work.") == [("SEK 140 million", 140e6, "currency SEK")]
    assert _units("It costs 2.1 billion euros in total.") == [("2.1 billion euros", 2.1e9, "currency €")]
    assert _units("Profit was 412 billion won this year.") == [("412 billion won", 412e9, "currency KRW")]
    assert _units("Shares closed at 212.40 crowns.") == [("212.40 crowns", 212.4, "currency crowns")]


def test_a_multiplier_is_not_a_counted_noun() -> None:
    assert all(unit != "count million" for _, _, unit in _units("They raised 140 million last year."))


def test_two_reports_of_one_amount_disagree_as_an_amount() -> None:
    a = "Under the five-year agreement, Norvik will fund SEK 140 million of work at the institute."
    b = "Norvik has agreed to fund SEK 180 million of research at the institute over five years."
    [found] = figure_discrepancies([("a", a), ("b", b)])
    assert found.subject.startswith("the amount given for")
    assert [v.value for v in found.values] == ["SEK 140 million", "SEK 180 million"]


def test_display_form_keeps_a_possessive_before_a_lower_case_body() -> None:
    assert display_form("France's economy ministry") == "France's economy ministry"
    assert display_form("the UK's AI Security Institute") == "UK AI Security Institute"
