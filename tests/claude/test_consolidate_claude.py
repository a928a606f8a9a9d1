"""Claude-engine extractions consolidate like the offline engine's: canned structured answers from a
fake Messages API (httpx MockTransport), then grounding and consolidation as in a real build."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import httpx2

from briefing.pipeline import build_briefing
from briefing.sources.loader import SourceLoader
from tests.claude.helpers import Script, engine_for, message, qv

ROOT = Path(__file__).resolve().parents[2]
GOV_QUOTE = "the government also announced a new partnership with Anthropic"


def _row(
    parties: list[tuple[str, str]], kind: tuple[str, str], **cells: tuple[str, str] | None
) -> dict[str, Any]:
    return {
        "parties": [qv(v, q) for v, q in parties],
        "kind": qv(*kind),
        "date": qv(*cells["date"]) if cells.get("date") else None,
        "status": qv(*cells["status"]) if cells.get("status") else None,
        "scope": None,
    }


ANSWERS: dict[str, list[dict[str, Any]]] = {
    "Alongside this, the government": [
        _row([("UK government", GOV_QUOTE), ("Anthropic", GOV_QUOTE)], ("partnership", GOV_QUOTE))
    ],
    "The UK government has signed a memorandum": [
        _row(
            [
                ("UK government", "The UK government has signed"),
                ("Anthropic", "memorandum of understanding with Anthropic"),
            ],
            ("memorandum of understanding", "memorandum of understanding with Anthropic"),
            status=("signed", "The UK government has signed"),
        )
    ],
    "Medisys Health Solutions Ltd signed a binding": [
        _row(
            [
                ("Medisys Health Solutions Ltd", "Medisys Health Solutions Ltd signed"),
                ("Northvale Health Trust", "with the Northvale Health Trust"),
            ],
            ("contract", "£48 million contract"),
            date=("2026-03-02", "on 2 March 2026"),
            status=("binding", "signed a binding"),
        )
    ],
    "Medisys Health Solution signed a framework": [
        _row(
            [
                ("Medisys Health Solution", "Medisys Health Solution signed"),
                ("Northvale Health Trust", "with Northvale Health Trust"),
            ],
            ("framework agreement", "framework agreement"),
            date=("2026-03-03", "on 3 March 2026"),
        )
    ],
}


def _answer(body: dict[str, Any]) -> httpx2.Response:
    sent = json.dumps(body, ensure_ascii=False)
    rows = next((rows for marker, rows in ANSWERS.items() if marker in sent), [])
    return message({"summary": [], "key_points": [], "partnerships": rows})


def test_claude_extractions_link_through_antecedents_and_disagreements_get_scopes() -> None:
    paths = [ROOT / "sources" / "000_30162e35f0d4752d.txt", ROOT / "sources" / "001_113bfe8ece394222.txt"]
    paths += [
        ROOT / "tests" / "data" / "stories" / f for f in ("a1_northvale_gazette.md", "a2_health_it_weekly.md")
    ]
    documents = [d for p in paths for d in SourceLoader(p).lazy_load()]
    engine = engine_for(Script(by_request=_answer), max_reasks=0)
    briefing = build_briefing(documents, engine, as_of=date(2026, 3, 10)).briefing

    uk = next(p for p in briefing.partnerships if p.parties == ("Anthropic", "UK government"))
    assert set(uk.sources) == {"000_30162e35f0d4752d", "001_113bfe8ece394222"}
    (antecedent,) = [ev for _f, ev in uk.evidence if ev.id in uk.antecedents]
    assert antecedent.document_id == "000_30162e35f0d4752d" and antecedent.quote == "U.K. government"

    hospital = next(p for p in briefing.partnerships if "Northvale Health Trust" in p.parties)
    assert hospital.parties == ("Medisys Health Solutions", "Northvale Health Trust")
    assert len(hospital.sources) == 2
    assert {"date", "kind", "parties", "scope"} <= set(hospital.disputed)  # cells, not discrepancy fields
    mine = [d for d in briefing.discrepancies if d.partnership_id == hospital.id]
    assert {d.scope for d in mine} == {"between_sources"}
    assert any({"£48 million", "£52 million"} <= {v.value for v in d.values} for d in mine)
