"""Issue 10, kind 7: grounding on long inputs reads bounded windows with the same answers.

Nothing here is timed (timings live in bench/long_inputs.py)."""

from __future__ import annotations

import random

from briefing.grounding.fuzzy import _MAX_POSTINGS, TokenIndex
from briefing.grounding.negation import NEGATION_REACH, negation_near
from briefing.grounding.normalize import fold_char, normalize
from briefing.vocabulary import agreement_negation

FILLER = "traders in Oslo watched Petrel Looms Co. and its rivals while prices moved, "


def _reference(text: str) -> tuple[str, list[int], list[int]]:
    """Character-by-character folding, as normalisation did before bulk runs (precomposed text)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        for folded in fold_char(ch):  # "ß" folds to two characters, both from ``text[i]``
            if folded in (" ", "-") and chars and chars[-1] == folded:
                ends[-1] = i + 1
                continue
            chars.append(folded)
            starts.append(i)
            ends.append(i + 1)
    return "".join(chars), starts, ends


def test_bulk_runs_map_every_character_like_a_character_loop() -> None:
    rng = random.Random(7)
    alphabet = ["Acme", "deal", "4%", "$15m", " ", "  ", "\n", "\t", ",", ".", "É", "’", "“", "ß", "ö"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))).strip()
        if not text:
            continue
        norm = normalize(text, dehyphenate=False)
        assert (norm.text, list(norm.starts), list(norm.ends)) == _reference(text)


def test_a_combining_mark_after_a_plain_run_still_composes() -> None:
    text = "Societe Ge\u0301ne\u0301rale signed"
    norm = normalize(text)
    assert norm.text == "societe générale signed"
    i = norm.text.index("é")
    assert text[slice(*norm.span(i, i + 1))] == "e\u0301"


def test_a_negation_in_a_run_on_paragraph_is_found_and_a_far_one_is_not_read() -> None:
    far = "Hooli Inc. has not signed anything, "
    text = (
        far + FILLER * 2000 + "Globex Ltd. has not signed any agreement with Initech Corp. " + FILLER * 2000
    )
    start = text.index("agreement with")
    assert negation_near(text, start, start + len("agreement")) == "not signed any agreement"
    clean = far + FILLER * 2000 + "Globex Ltd. signed an agreement with Initech Corp. " + FILLER * 20
    start = clean.index("agreement with")
    assert start > NEGATION_REACH
    assert negation_near(clean, start, start + len("agreement")) is None


def test_an_ordinary_sentence_reads_exactly_as_the_whole_sentence_rule() -> None:
    text = (
        "Talks went on for weeks. Acme Ltd. denied reports that it had reached a supply agreement "
        "with Beta Corp., and a deal with Gamma plc was later called off. Nothing else changed."
    )
    for phrase in ("supply agreement", "a deal"):
        start = text.index(phrase)
        end = start + len(phrase)
        assert negation_near(text, start, end) == agreement_negation(text, start, end)
        assert negation_near(text, start, end) is not None


def test_common_words_keep_a_capped_posting_list() -> None:
    index = TokenIndex.build("the deal " * (3 * _MAX_POSTINGS) + "rare")
    assert len(index.postings["the"]) == _MAX_POSTINGS + 1
    assert index.postings["rare"] == [6 * _MAX_POSTINGS]
    assert len(index.starts) == 6 * _MAX_POSTINGS + 1
