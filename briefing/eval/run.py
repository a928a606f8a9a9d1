"""Running a corpus through the pipeline for scoring: documents and an engine in, the contract out.

No environment, clock or files here: the CLI (or a test) loads the documents, builds the engine
and passes the date. The executive summary is not scored, so no synthesis call is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from langchain_core.documents import Document

from briefing.engines.base import Engine
from briefing.eval.gold import Gold
from briefing.eval.score import Scores, score
from briefing.pipeline import build_briefing
from briefing.render import BriefingOut, to_contract

__all__ = ["briefing_for", "evaluate"]


def briefing_for(documents: Sequence[Document], engine: Engine, *, as_of: date) -> BriefingOut:
    """The briefing ``engine`` makes of ``documents`` on ``as_of``, as the JSON contract."""
    return to_contract(build_briefing(documents, engine, as_of=as_of).briefing)


def evaluate(gold: Gold, documents: Sequence[Document], engine: Engine, *, as_of: date) -> Scores:
    """Run ``engine`` over ``documents`` and score the briefing against ``gold``."""
    return score(gold, briefing_for(documents, engine, as_of=as_of))
