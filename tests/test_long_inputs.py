"""Issue 10, kind 7: long inputs. Nothing here is timed (timings live in bench/long_inputs.py);
these check that the bounded steps still give the right answers on run-on text."""

from __future__ import annotations

import itertools
from datetime import date

from langchain_core.documents import Document

from briefing.dates import find_dates
from briefing.engines.offline import OfflineEngine
from briefing.engines.offline.sentences import MAX_SENTENCE, split_sentences
from briefing.grounding import verify_extraction

CLAUSE = (
    "Umbra Textiles Ltd. signed a distribution agreement with Caldera Dyes Inc. on Monday as "
    "traders watched Petrel Looms Co. and its rivals, "
)


def test_a_paragraph_without_a_sentence_break_is_cut_into_bounded_exact_pieces() -> None:
    text = "Intro line.\n\n" + CLAUSE * 400 + "end.\n"  # about 60 KB in one "sentence"
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
    covered = sum(len(s.text) for s in sentences)
    assert covered >= len(text.strip()) - 2 * len(sentences)  # only the spaces between pieces are left out


def test_short_sentences_are_not_cut() -> None:
    text = "Acme Ltd. signed a deal with Beta Corp. on Monday. It was small."
    assert [s.text for s in split_sentences(text)] == [
        "Acme Ltd. signed a deal with Beta Corp. on Monday.",
        "It was small.",
    ]


def test_the_engine_reads_a_58_kb_run_on_paragraph_and_grounds_its_rows() -> None:
    text = CLAUSE * 360 + "end."  # took more than five minutes before the subject scan was bounded
    document = Document(page_content=text, metadata={"id": "long", "published": "2026-05-20"})
    draft = OfflineEngine().extract(document, document_id="long")
    pairs = {frozenset(p.value.removesuffix(".") for p in r.parties) for r in draft.rows}
    assert pairs == {frozenset({"Umbra Textiles Ltd", "Caldera Dyes Inc"})}
    grounded = verify_extraction(draft, document)
    assert grounded.quotes_verified == grounded.quotes_proposed
    assert all(len(f.quote) <= MAX_SENTENCE for f in draft.summary)


def test_dates_far_apart_in_a_long_text_are_all_found() -> None:
    filler = "The market was calm and nothing else happened that morning. " * 300
    text = f"On 3 March 2026 it began. {filler} By Friday, April 10, it ended. {filler} Talks resume in 2027."
    short = text.replace(filler, "")  # so short that the date patterns read all of it
    found = find_dates(text, anchor=date(2026, 4, 12))
    expected = find_dates(short, anchor=date(2026, 4, 12))
    assert [(m.text, m.value, m.precision) for m in found] == [
        (m.text, m.value, m.precision) for m in expected
    ]
    assert len(found) >= 3
    assert all(text[m.start : m.end] == m.text for m in found)
