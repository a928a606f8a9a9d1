"""Scoring a briefing (the JSON contract) against a gold file: pairing, precision/recall, fields.

The briefings here are built by hand with made-up organisations, so each expectation is about
the scorer, not about any engine or corpus.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefing.eval import Gold, compare_text, row_differences, score, scores_dict, scores_text
from briefing.eval.names import covers, words
from briefing.render.contract import BriefingOut


def row(
    rid: str, parties: list[str], kind: str, date: str | None = None, status: str | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "id": rid,
        "parties": parties,
        "aliases": [{"name": p, "aliases": extra.get("aliases", {}).get(p, [])} for p in parties],
        "kind": kind,
        "date": date,
        "status": status,
        "scope": None,
        "sources": extra.get("sources", ["d1"]),
        "single_source": True,
        "disputed": [],
        "evidence": [],
    }


def disagreement(field: str, subject: str, values: list[tuple[str, str]], **extra: Any) -> dict[str, Any]:
    return {
        "field": field,
        "subject": subject,
        "scope": extra.get("scope", "between_sources"),
        "partnership_id": extra.get("partnership_id"),
        "values": [{"value": v, "document_id": d, "quote": v, "start": 0, "end": len(v)} for v, d in values],
    }


def contract(
    rows: list[dict[str, Any]], discrepancies: list[dict[str, Any]] | None = None, **extra: Any
) -> BriefingOut:
    documents = [
        {
            "id": i,
            "path": f"{i}.txt",
            "title": i,
            "published": None,
            "published_from": None,
            "publisher": None,
            "url": None,
            "format": "text",
            "chars": 10,
            "status": "used",
            "reason": "",
            "warnings": [],
            "removed": [],
            "duplicate_of": None,
            "copy_of": None,
            "title_from": None,
        }
        for i in extra.get("documents", ["d1", "d2", "d3"])
    ]
    return BriefingOut.model_validate(
        {
            "schema_version": 1,
            "briefing_date": "2026-01-01",
            "title": "Briefing",
            "engine": {
                "name": "fake",
                "model": "m",
                "prompt_version": extra.get("version", "v1"),
                "uses_language_model": True,
                "notice": "",
            },
            "quotes": {"proposed": 10, "verified": 8},
            "usage": {
                "tokens": {
                    "input": 100,
                    "output": 20,
                    "cache_creation_input": 0,
                    "cache_read_input": 0,
                    "total": 120,
                },
                "calls": 3,
                "cost_usd": 0.01,
            },
            "documents": documents,
            "executive_summary": [],
            "partnerships": rows,
            "discrepancies": discrepancies or [],
            "summaries": [],
            "unverified": [
                {
                    "document_id": "d1",
                    "field": "date",
                    "value": "x",
                    "quote": "y",
                    "match": "not_found",
                    "reason": "r",
                }
            ],
            "evidence": [],
        }
    )


GOLD = Gold.model_validate(
    {
        "gold_version": 1,
        "description": "test",
        "partnerships": [
            {
                "id": "harbour-mou",
                "parties": [["Harbour Council", "Port of Lindale"], ["Northwind Labs", "Northwind"]],
                "kind": "memorandum of understanding",
                "date": "2026-06-02",
                "status": ["signed", "non-binding"],
                "documents": ["d1", "d2"],
            },
            {
                "id": "acme-supply",
                "parties": [["Acme Robotics"], ["Brightline Freight"]],
                "kind": ["contract", "deal"],
                "date": None,
                "documents": ["d3"],
            },
            {
                "id": "acme-passing",
                "parties": [["Acme Robotics"], ["Lindale University"]],
                "documents": ["d3"],
                "required": False,
            },
        ],
        "disagreements": [
            {
                "id": "budget",
                "field": ["figure", "amount"],
                "subject": "the budget",
                "values": [["EUR 3 million", "3 million euros"], ["EUR 4 million"]],
                "scope": "between_sources",
                "documents": ["d1", "d2"],
            },
            {
                "id": "mou-date",
                "field": "date",
                "subject": "when the MoU was signed",
                "parties": [["Harbour Council"], ["Northwind"]],
                "scope": "between_sources",
                "documents": ["d1", "d2"],
            },
        ],
        "absent": [
            {
                "id": "acme-tesla",
                "parties": [["Acme"], ["Tesla"]],
                "reason": "denied",
                "documents": ["d3"],
            }
        ],
    }
)


def test_folding_and_contiguous_cover() -> None:
    assert words("The U.K. Government’s MoU") == ("uk", "government", "s", "mou")
    assert words("Ceará") == ("ceara",) and words("EUR 2.1 million") == ("eur", "2", "1", "million")
    assert covers("Department of State Development", "Queensland's Department of State Development")
    assert not covers("State Development Department", "Queensland's Department of State Development")
    assert not covers("Norvik", "Norvikson Pharma")


def test_a_perfect_briefing_scores_one_everywhere() -> None:
    briefing = contract(
        [
            row(
                "p1",
                ["Northwind Labs", "Port of Lindale"],
                "MoU",
                "2026-06-02",
                "signed, non-binding",
                sources=["d1", "d2"],
            ),
            row("p2", ["Acme Robotics", "Brightline Freight"], "contract", None, sources=["d3"]),
        ],
        [
            disagreement("figure", "the budget", [("3 million euros", "d1"), ("EUR 4 million", "d2")]),
            disagreement(
                "date", "Harbour Council / Northwind Labs: memorandum", [("2 June", "d1"), ("3 June", "d2")]
            ),
        ],
    )
    s = score(GOLD, briefing)
    assert (s.row_precision.value, s.row_recall.value) == (1.0, 1.0)
    assert all(r.value == 1.0 for _, r in s.fields)
    assert (s.disagreement_precision.value, s.disagreement_recall.value, s.scope.value) == (1.0, 1.0, 1.0)
    assert (s.quotes_verified.value, s.unverified, s.calls, s.cost_usd) == (0.8, 1, 3, 0.01)
    assert s.optional_found.total == 1 and s.optional_found.hits == 0
    assert not s.extra_rows and not s.missed_disagreements and not s.missing_documents


def test_wrong_fields_duplicates_absent_deals_and_misses_are_each_counted() -> None:
    briefing = contract(
        [
            row(
                "p1",
                ["Northwind", "Harbour Council", "Mayor"],
                "partnership",
                "2026-06-03",
                "signed, planned",
            ),
            row("p2", ["Northwind Labs", "Harbour Council"], "memorandum of understanding", "2026-06-02"),
            row("p3", ["Acme Robotics", "Tesla"], "agreement"),
            row("p4", ["Acme Robotics", "Lindale University"], "partnership", sources=["d3"]),
        ],
        [
            disagreement(
                "figure", "the staff", [("40 staff", "d1"), ("45 staff", "d2")], scope="within_document"
            )
        ],
    )
    s = score(GOLD, briefing)
    # p2 is the better candidate (kind and date right) so p1 is the unmerged duplicate.
    assert s.row_precision.hits == 2 and s.row_precision.total == 4  # p2 and the optional p4
    assert s.row_recall.hits == 1 and s.row_recall.total == 2  # acme-supply missed
    assert s.optional_found.hits == 1
    whys = sorted(e.why for e in s.extra_rows)
    assert whys[0].startswith("a second row for harbour-mou")
    assert whys[1].startswith("gold says this did not happen (acme-tesla")
    assert s.field("status").hits == 0 and s.field("status").total == 1  # None where signed was stated
    assert (s.field("sources").hits, s.field("sources").total) == (1, 2)  # harbour-mou lacks d2
    assert s.disagreement_precision.value == 0.0 and s.disagreement_recall.value == 0.0
    assert s.missed_disagreements == ("budget", "mou-date")


def test_field_verdicts_follow_the_gold_semantics() -> None:
    briefing = contract(
        [
            row(
                "p1",
                ["Northwind", "Harbour Council", "Mayor"],
                "letter of intent",
                "2026-06",
                "signed, planned",
                sources=["d1", "d2"],
            ),
            row("p2", ["Acme Robotics", "Brightline Freight"], "Deal", "2026-01-01", sources=["d3"]),
        ]
    )
    s = score(GOLD, briefing)
    verdicts = {(o.gold_id, v.field): v.ok for o in s.outcomes for v in o.verdicts}
    assert verdicts[("harbour-mou", "kind")] is False
    assert verdicts[("harbour-mou", "date")] is False  # a month is not the stated day
    assert verdicts[("harbour-mou", "status")] is False  # "planned" is not supported
    assert verdicts[("harbour-mou", "parties")] is False  # the Mayor is not a party
    assert verdicts[("acme-supply", "kind")] is True  # any acceptable kind, any case
    assert verdicts[("acme-supply", "date")] is False  # gold null: the corpus states no date
    assert ("acme-supply", "status") not in verdicts  # absent in gold: not scored


def test_an_empty_briefing_has_no_precision_and_zero_recall() -> None:
    s = score(GOLD, contract([], documents=["d1"]))
    assert s.row_precision.value is None and s.row_recall.value == 0.0
    assert s.missing_documents == ("d2", "d3")
    assert "warning: gold documents not in this run: d2, d3" in scores_text(s, title="t")


def test_reports_show_what_differs_between_two_runs() -> None:
    good = contract(
        [
            row(
                "p1",
                ["Northwind Labs", "Harbour Council"],
                "MoU",
                "2026-06-02",
                "signed",
                sources=["d1", "d2"],
            ),
            row("p2", ["Acme Robotics", "Brightline Freight"], "contract", sources=["d3"]),
        ]
    )
    worse = contract(
        [row("p1", ["Northwind Labs", "Harbour Council"], "MoU", None, "signed", sources=["d1"])],
        version="v2",
    )
    a, b = score(GOLD, good), score(GOLD, worse)
    diff = row_differences(a, b)
    assert any(d.startswith("acme-supply:") and "B: missed" in d for d in diff)
    assert any(d.startswith("harbour-mou:") for d in diff)
    text = compare_text(a, b, name_a="prompts", name_b="edited")
    assert "rows: recall (required)      1.00 (2/2)" in text and "-0.50" in text
    assert scores_dict(b)["metrics"]["row_recall"] == {"value": 0.5, "hits": 1, "total": 2}


@pytest.mark.parametrize("field", ["kind", "date", "status"])
def test_identical_runs_differ_in_nothing(field: str) -> None:
    briefing = contract([row("p1", ["Northwind Labs", "Harbour Council"], "MoU", "2026-06-02", "signed")])
    s = score(GOLD, briefing)
    assert row_differences(s, s) == []
    assert s.field(field).total == 1
