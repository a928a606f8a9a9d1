"""The subject search reads a sentence's words once and slices them per agreement phrase
(``rows_items.SentenceItems``); a slice must equal a fresh scan of the window, or be refused."""

from __future__ import annotations

import random

from briefing.engines.offline.orgs import OrgMention
from briefing.engines.offline.rows_items import Item, SentenceItems, free_words


def _fresh(text: str, orgs: list[OrgMention], lo: int, until: int) -> list[Item]:
    """What the subject search read before: the names that end by ``until``, and a regex scan of
    the window ``[lo, until)`` without the words inside those names."""
    before = [m for m in orgs if m.reach <= until]
    items: list[Item] = [(m.start, m.reach, m) for m in before]
    items += free_words(text, lo, until, sorted((s, e) for s, e, _ in items))
    return sorted(items, key=lambda item: item[0])


def _mention(text: str, name: str, *, after: int = 0, tail: int = 0) -> OrgMention:
    start = text.index(name, after)
    return OrgMention(name, start, start + len(name), tail=tail)


TEXT = (
    "Shares of Orrin Freight (LSE: ORF) rose after Orrin Freight and Belcastro Foods, a grocer, "
    "signed a supply agreement with Tamsin Rail, while Kettle & Brook Ltd. said its partnership "
    "with Orrin Freight continues; the deal's value was not disclosed."
)


def _orgs() -> list[OrgMention]:
    return [
        _mention(TEXT, "Orrin Freight", tail=len(" (LSE: ORF)")),
        _mention(TEXT, "Orrin Freight", after=40),
        _mention(TEXT, "Belcastro Foods"),
        _mention(TEXT, "Tamsin Rail"),
        _mention(TEXT, "Kettle & Brook Ltd"),
        _mention(TEXT, "Orrin Freight", after=150),
    ]


def test_every_window_that_starts_and_ends_between_words_matches_a_fresh_scan() -> None:
    orgs = _orgs()
    items = SentenceItems(TEXT, 0, len(TEXT), orgs)
    gaps = [i for i, c in enumerate(TEXT) if c == " "]
    checked = 0
    for until in (TEXT.index("agreement"), TEXT.index("partnership"), TEXT.index("deal")):
        for lo in [0, *(g + 1 for g in gaps if g < until)]:
            got = items.before(lo, until)
            assert got is not None
            assert got == _fresh(TEXT, orgs, lo, until)
            checked += 1
    assert checked > 50


def test_random_windows_either_match_a_fresh_scan_or_are_refused() -> None:
    orgs = _orgs()
    items = SentenceItems(TEXT, 0, len(TEXT), orgs)
    rng = random.Random(7)
    refused = 0
    for _ in range(2_000):
        until = rng.randrange(1, len(TEXT))
        lo = rng.randrange(0, until)
        got = items.before(lo, until)
        if got is None:
            refused += 1
        else:
            assert got == _fresh(TEXT, orgs, lo, until)
    assert 0 < refused < 2_000


def test_a_window_edge_inside_a_word_or_a_name_is_refused() -> None:
    orgs = _orgs()
    items = SentenceItems(TEXT, 0, len(TEXT), orgs)
    agreement = TEXT.index("agreement")
    assert items.before(TEXT.index("hares"), agreement) is None  # starts inside "Shares"
    assert items.before(0, TEXT.index("reight")) is None  # ends inside a word
    ticker = TEXT.index("(LSE")  # a name whose ticker runs past the window's end
    assert items.before(0, ticker + 1) is None
