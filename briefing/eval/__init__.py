"""Scoring briefings against hand-made gold files (``briefing eval``).

``gold`` reads and validates a gold file, ``match`` pairs predicted rows and disagreements with gold
ones, ``score`` computes the numbers (pure functions on the JSON contract), ``report`` formats them,
``run`` drives the pipeline for a corpus. The gold format is documented in ``docs/gold-format.md``.
"""

from __future__ import annotations

from briefing.eval.gold import Gold, corpus_paths, gold_schema_text, load_gold
from briefing.eval.report import compare_dict, compare_text, row_differences, scores_dict, scores_text
from briefing.eval.run import briefing_for, evaluate
from briefing.eval.score import Ratio, Scores, headline, score

__all__ = [
    "Gold",
    "Ratio",
    "Scores",
    "briefing_for",
    "compare_dict",
    "compare_text",
    "corpus_paths",
    "evaluate",
    "gold_schema_text",
    "headline",
    "load_gold",
    "row_differences",
    "score",
    "scores_dict",
    "scores_text",
]
