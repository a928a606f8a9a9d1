"""The one sentence-boundary rule: exact offsets, abbreviations, lines, and the span around a place.

The offline engine's ``split_sentences`` and consolidation's ``sentence_span`` both rest on
``briefing.sentences``; the last tests check that they cannot drift apart again.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.consolidate._text import sentence_span
from briefing.engines.offline.sentences import split_sentences
from briefing.sentences import sentence_around, sentence_spans, split_line


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_company_forms_titles_and_initials_do_not_end_a_sentence() -> None:
    text = (
        "Acme Inc. and Beta Corp. signed a deal with Dr. Ana Ruiz on 3 March. "
        "J.D. Vance met officials from the U.K. Treasury, e.g. the permanent secretary. It ended."
    )
    assert _texts(text) == [
        "Acme Inc. and Beta Corp. signed a deal with Dr. Ana Ruiz on 3 March.",
        "J.D. Vance met officials from the U.K. Treasury, e.g. the permanent secretary.",
        "It ended.",
    ]


def test_sentences_end_at_punctuation_before_a_capital_a_digit_or_a_quote_and_at_line_breaks() -> None:
    text = 'He left! Was it late? "Yes," she said. 2025 was busy.\nA heading\n\n- A bullet item here.'
    assert _texts(text) == [
        "He left!",
        "Was it late?",
        '"Yes," she said.',
        "2025 was busy.",
        "A heading",
        "A bullet item here.",
    ]


def test_run_together_sentences_split_but_a_lower_case_continuation_does_not() -> None:
    assert [
        ("Thanks to everyone.The plan starts now.")[s:e]
        for s, e in split_line("Thanks to everyone.The plan starts now.")
    ] == [
        "Thanks to everyone.",
        "The plan starts now.",
    ]
    assert _texts("The fee was 3.5 million. it was paid in cash.") == [
        "The fee was 3.5 million. it was paid in cash."
    ]


def test_the_span_around_a_place_is_its_sentence_and_grows_over_a_boundary() -> None:
    text = "First one here. Acme Inc. and Beta Corp. agreed on 3 March. Last one."
    at = text.index("3 March")
    assert text[slice(*sentence_around(text, at, at + 7))] == "Acme Inc. and Beta Corp. agreed on 3 March."
    across = text.index("here"), text.index("Acme") + 4
    assert (
        text[slice(*sentence_around(text, *across))]
        == "First one here. Acme Inc. and Beta Corp. agreed on 3 March."
    )
    gap = text.index(" Last")
    assert sentence_around(text, gap, gap + 1) == (gap, gap + 1)  # only space: nothing to widen to


def test_a_long_sentence_is_cut_around_the_place_without_splitting_words() -> None:
    text = "Acme Inc. said " + "very " * 80 + "the fee was $5 million " + "indeed " * 80 + "in the end."
    at = text.index("$5 million")
    s, e = sentence_span(text, at, at + 10, max_chars=60)
    assert s <= at and e >= at + 10 and e - s <= 60
    assert text[s - 1] == " " and text[e] == " "


_WORDS = st.sampled_from(
    ["Acme", "Inc.", "signed", "the", "deal", "U.K.", "Dr.", "3.5", "2025", "“Yes,”", "it", "e.g.", "no."]
)
_SEPARATORS = st.sampled_from([" ", " ", " ", ". ", "! ", "? ", ".", "\n", "\n\n", "\n- ", "\n## ", "\n| "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPARATORS), min_size=1, max_size=40))
def test_offline_sentences_and_consolidation_spans_are_the_same_exact_non_overlapping_slices(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(w + sep for w, sep in pieces)
    spans = sentence_spans(text)
    assert tuple(spans) == tuple((s.start, s.end) for s in split_sentences(text))
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e
        assert text[s:e] == text[s:e].strip()
        assert sentence_around(text, s, e) == (s, e)
        assert sentence_around(text, s, s) == (s, e)
        previous_end = e
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
