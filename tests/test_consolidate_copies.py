"""Copies at several edit levels are found every time, and a rewrite of the same story is not a copy.

The wire story, its copies and the other outlet's report were written for this test (a ferry
order, not any sample article). Copy detection must not hang on the luck of MinHash: the
fingerprint route (winnowing) finds each copy by itself, whatever LSH returns.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from langchain_core.documents import Document

from briefing.consolidate import find_duplicates
from briefing.consolidate.duplicates import (
    MAX_POSTING,
    MIN_FINGERPRINT_SHARE,
    MIN_SHARED_FINGERPRINTS,
    fingerprint_candidates,
    shingle_sequence,
    shingles,
    similarity,
    winnow,
)
from tests.fakes import make_document

BODY = [
    "Halvard Ferries has ordered two battery-electric ferries from Skerry Yard in a contract worth "
    "£84 million, the operator said on Monday, its largest order in two decades.",
    "The ships will replace the diesel vessels that cross the Sound of Brannock twelve times a day. "
    "Each will carry up to 600 passengers and 90 cars and recharge in eleven minutes at either pier.",
    "Skerry Yard will build the hulls at its Port Ellan dock, where the order secures around 400 "
    "jobs until 2029. Steel cutting is planned for the spring and the first ship is due in service "
    "in the summer of 2028.",
    "“This is the end of diesel on the Sound,” said Halvard's chief executive, Maren Oduya. “Our "
    "passengers have waited a long time for quieter, cleaner crossings, and so have the islands.”",
    "The regional transport board is lending £30 million of the cost through its green vessels "
    "fund. Unions welcomed the order but asked for training for crews moving to the new ships.",
    "Shipbuilding analysts said the contract was a boost for a yard that lost two naval refits "
    "last year, though margins on small ferries are thin and delays have hit similar projects.",
]
ORIGINAL = "Halvard orders two electric ferries\n\nBy Coastline Wire staff\n\n" + "\n\n".join(BODY)

NEW_HEADLINE_AND_BYLINE = "Island ferries go electric\n\nBy Ina Roe, Brannock Times\n\n" + "\n\n".join(BODY)

LOCAL_PARAGRAPH = (
    "Ferry deal brings jobs to Port Ellan\n\nBy Tom Greer, Ellan Courier (with wire reports)\n\n"
    + "\n\n".join(
        [
            *BODY[:3],
            "In Port Ellan, the news was met with relief at the yard gates on Monday evening, where "
            "welders said the order meant they could stop looking for work on the mainland.",
            *BODY[3:],
        ]
    )
)

LIGHTLY_EDITED = "Halvard buys electric ferries\n\nBy Ina Roe\n\n" + "\n\n".join(
    [
        BODY[0].replace("said on Monday", "announced on Monday").replace("£84 million", "£84m"),
        BODY[1]
        .replace("twelve times a day", "12 times daily")
        .replace("Each will carry", "Both can take")
        .replace("recharge in", "charge in"),
        BODY[2].replace("around 400", "about 400").replace("Steel cutting is planned", "Work starts"),
        BODY[3].replace("said Halvard's chief executive, Maren Oduya", "Maren Oduya, chief executive, said"),
        "The Ellan Courier understands the yard will hire apprentices for the work.",
        BODY[4].replace("Unions welcomed the order but", "Unions"),
    ]
)  # the analysts' paragraph is cut, a local line added, a phrase reworded every sentence or so

OTHER_OUTLET = """Skerry Yard wins £84m electric ferry order

By Priya Salter, Maritime Ledger

Skerry Yard's order book has been rescued by an £84 million deal to build two battery-powered
ferries for Halvard Ferries, the island operator confirmed on Monday.

The vessels, due from 2028, will each take 600 passengers and 90 cars on the Sound of Brannock
route and charge in about eleven minutes at the piers, replacing two ageing diesel ships.

“This is the end of diesel on the Sound,” said Halvard's chief executive, Maren Oduya.

Around 400 jobs at the Port Ellan dock are secured until 2029, according to the yard, which lost
two naval refit contracts last year. The regional transport board is lending £30 million. Crew
unions want retraining guarantees, and analysts warned that small ferries carry thin margins.
"""

COPIES = {
    "new_headline": NEW_HEADLINE_AND_BYLINE,
    "local_paragraph": LOCAL_PARAGRAPH,
    "lightly_edited": LIGHTLY_EDITED,
}


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    docs = [make_document("wire", ORIGINAL, published="2026-06-01")]
    docs += [make_document(name, text, published="2026-06-02") for name, text in COPIES.items()]
    docs.append(make_document("maritime_ledger", OTHER_OUTLET, published="2026-06-02"))
    return docs


def test_every_copy_is_a_copy_of_the_wire_story_and_the_rewrite_is_not(documents: list[Document]) -> None:
    assert find_duplicates(documents) == dict.fromkeys(COPIES, "wire")


@pytest.mark.parametrize("name", sorted(COPIES))
def test_the_fingerprint_route_alone_makes_each_copy_a_candidate(name: str) -> None:
    """Deterministic: the pair is a candidate without MinHash, so no hash seed can lose it."""
    prints = [winnow(shingle_sequence(ORIGINAL)), winnow(shingle_sequence(COPIES[name]))]
    assert fingerprint_candidates(prints) == {(0, 1)}


def test_the_edit_levels_are_real() -> None:
    """The copies span the range: from nearly identical to well below the Jaccard decision (0.6)."""
    base = shingles(ORIGINAL)
    jaccards = {name: similarity(base, shingles(text)).jaccard for name, text in COPIES.items()}
    assert jaccards["new_headline"] > 0.9
    assert jaccards["lightly_edited"] < 0.5  # well under the decision: containment makes it a copy
    other = similarity(base, shingles(OTHER_OUTLET))
    assert other.jaccard < 0.2 and other.containment < 0.3


def _candidates_by_loops(prints: list[frozenset[int]]) -> set[tuple[int, int]]:
    """The rule of ``fingerprint_candidates`` written as plain loops over an inverted index."""
    postings: dict[int, list[int]] = {}
    for i, found in enumerate(prints):
        for value in found:
            postings.setdefault(value, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, found in enumerate(prints):
        shared: dict[int, int] = {}
        for value in found:
            holders = postings[value]
            if len(holders) > MAX_POSTING:  # a wide posting: each holder pairs with the next only
                holders = [h for h in holders if h > i][:1]
            for j in holders:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            smaller = min(len(found), len(prints[j]))
            if count >= min(MIN_SHARED_FINGERPRINTS, smaller) and count >= MIN_FINGERPRINT_SHARE * smaller:
                pairs.add((i, j))
    return pairs


@settings(max_examples=300, deadline=None)
@example([frozenset(range(10))] * 30 + [frozenset(range(40, 45))] * 3, 0)  # wide and narrow postings
@given(
    st.lists(st.frozensets(st.integers(0, 30), max_size=20), max_size=60),
    st.integers(0, 2**32 - 1),
)
def test_fingerprint_candidates_follow_the_rule_for_any_corpus(
    prints: list[frozenset[int]], offset: int
) -> None:
    """Small fingerprint alphabets make wide postings (over ``MAX_POSTING`` holders) and every overlap."""
    shifted = [frozenset((v + offset) % 2**32 for v in found) for found in prints]
    arrays = [np.array(sorted(found), dtype=np.uint64) for found in shifted]
    assert fingerprint_candidates(arrays) == _candidates_by_loops(shifted)


def test_a_release_run_by_hundreds_of_outlets_is_one_group_checked_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every outlet's copy shares LSH buckets with every other: the exact check must not run on
    every pair (the all-pairs comparison again), yet the whole syndicate is one group."""
    import briefing.consolidate.duplicates as duplicates

    checked: list[int] = []
    real = duplicates.similarity

    def counting(a: np.ndarray, b: np.ndarray) -> duplicates.Similarity:  # type: ignore[type-arg]
        checked.append(1)
        return real(a, b)

    monkeypatch.setattr(duplicates, "similarity", counting)
    n = 300
    documents = [
        Document(
            page_content=f"{ORIGINAL}\n\nOutlet {i} adds that local ferry users number {1000 + i} a day.",
            metadata={"id": f"outlet-{i:03d}", "published": "2026-03-02" if i else "2026-03-01"},
        )
        for i in range(n)
    ]
    found = find_duplicates(documents)
    assert found == {f"outlet-{i:03d}": "outlet-000" for i in range(1, n)}
    assert len(checked) < 3 * n


def _results_story(company: str, change: str, percent: int, day: str, pence: int) -> str:
    return (
        f"{company} reported a {change} in quarterly revenue of {percent} percent on {day}. The company "
        f"said demand in Asia was weak. Its shares closed at {pence} pence at 16:30."
    )


def test_template_stories_about_different_companies_are_not_copies() -> None:
    """Automated results stories share every sentence but the names and numbers: not one story."""
    companies = ["Quillan Water", "Redwick Water", "Harrow Aerospace", "Glenrock Pharma", "Ilford Pharma"]
    documents = [
        make_document(
            f"results-{i}", _results_story(name, "fall", 8 + i, "Friday", 700 + i), published="2026-11-01"
        )
        for i, name in enumerate(companies)
    ]
    assert find_duplicates(documents) == {}


def test_the_same_results_story_run_twice_is_still_a_copy() -> None:
    text = _results_story("Quillan Water", "fall", 8, "Friday", 701)
    documents = [
        make_document("outlet-a", text, published="2026-11-01"),
        make_document("outlet-b", text.replace("was weak", "was soft"), published="2026-11-02"),
    ]
    assert find_duplicates(documents) == {"outlet-b": "outlet-a"}


def test_template_stories_sharing_a_partner_and_a_signature_are_not_copies() -> None:
    """Many results stories name the same partner and bot; only the company tells them apart."""
    firsts = ["Crestmere", "Riverton", "Blueby", "Northmere", "Summitwick", "Ashmere", "Redton", "Oakby"]
    sectors = ["Chemicals", "Metals", "Telecom", "Software", "Textiles"]
    documents = [
        make_document(
            f"c-{i:02d}",
            f"{firsts[i % 8]} {sectors[i % 5]} reported a fall in quarterly revenue of {5 + i} percent on "
            f"Friday, the company said. {firsts[i % 8]} {sectors[i % 5]} also said it had signed a supply "
            f"agreement with Plover Group worth {80 + i} million dollars.\n\nShares in the company fell "
            "in early trading, and analysts said demand in Asia was weak for the whole sector this "
            "quarter.\n\nThis story was generated automatically by Results Bot.",
            published="2026-03-02",
        )
        for i in range(40)
    ]
    copies = find_duplicates(documents)
    names = {d.metadata["id"]: d.page_content.split(" reported")[0] for d in documents}
    assert all(names[copy] == names[original] for copy, original in copies.items())
