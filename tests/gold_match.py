"""Matching a briefing's partnerships against the hand-made gold table in tests/gold/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.models import Partnership

GOLD = Path(__file__).resolve().parent / "gold" / "partnerships.yaml"


def load_gold() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return data


def _fold(name: str) -> str:
    return " ".join(name.lower().replace(".", "").replace("the ", "").split())


def _names(partnership: Partnership) -> set[str]:
    names = {_fold(p) for p in partnership.parties}
    for canonical, aliases in partnership.aliases:
        names |= {_fold(canonical), *(_fold(a) for a in aliases)}
    return names


def matches(item: dict[str, Any], partnership: Partnership) -> bool:
    """Every gold party has an alias among the partnership's names, and the kind agrees."""
    names = _names(partnership)
    parties_ok = all(any(_fold(alias) in names for alias in party) for party in item["parties"])
    return parties_ok and partnership.kind == item["kind"]


@dataclass(frozen=True)
class Score:
    found_required: int
    required: int
    matched_rows: int
    rows: int


def score(partnerships: tuple[Partnership, ...]) -> Score:
    gold = load_gold()
    required = [g for g in gold if g["required"]]
    found = sum(1 for g in required if any(matches(g, p) for p in partnerships))
    matched = sum(1 for p in partnerships if any(matches(g, p) for g in gold))
    return Score(found, len(required), matched, len(partnerships))
