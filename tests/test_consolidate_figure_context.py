"""A figure's context is the same whether the clause before it is read whole or backwards in windows.

The windowed read keeps a figure deep inside a megabyte-long sentence cheap; these inputs (long
runs of words with and without clause breaks, figures anywhere) check it changes no context.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.consolidate._text import stem, words
from briefing.consolidate.figures import CONTEXT_WORDS, _is_content, find_figures, placed

_BREAK_RE = re.compile(r"[,;:()\[\]—–]|\s-\s")


def _context_before_by_full_scan(text: str, sentence_start: int, at: int) -> tuple[str, ...]:
    clause = max((m.end() for m in _BREAK_RE.finditer(text, sentence_start, at)), default=sentence_start)
    return tuple([w for w, _s, _e in words(text[clause:at]) if _is_content(w)][-CONTEXT_WORDS:])


_PIECE = st.sampled_from(
    ["harbour", "the", "of", "cranes", "and", "berth", "trains", ",", " -", ";", "(", ")", "a", "new", "12"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECE, min_size=0, max_size=400), st.integers(1, 99))
def test_windowed_clause_context_equals_the_full_scan(pieces: list[str], count: int) -> None:
    text = "Reports say " + " ".join(pieces) + f" {count}% of the harbour cranes were idle."
    figures = [f for f in find_figures("d", text) if f.unit == "percent"]
    assert figures
    for figure in figures:
        context = placed(figure, text)
        expected = _context_before_by_full_scan(text, context.sentence[0], figure.start)
        assert context.before == frozenset(stem(w) for w in expected)
        assert context.context_words[: len(expected)] == expected


def test_a_figure_deep_in_a_long_sentence_keeps_its_nearby_clause() -> None:
    text = "Officials said " + "the harbour board met again, " * 2000 + "and 40% of the cranes stood idle."
    [figure] = [f for f in find_figures("d", text) if f.unit == "percent"]
    context = placed(figure, text)
    assert context.before == frozenset()  # only "and" stands between the last comma and the figure
    assert {"crane", "stood", "idle"} <= context.after


def test_context_words_far_apart_are_all_read() -> None:
    """Few content words spread over a long clause: the window widens until it has them all."""
    padding = " of the and a" * 60
    text = f"Harbour{padding} cranes{padding} berths{padding} 40% of the quays were idle."
    [figure] = [f for f in find_figures("d", text) if f.unit == "percent"]
    assert placed(figure, text).before == {"harbour", "crane", "berth"}
