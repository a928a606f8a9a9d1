"""Long documents: split on paragraphs with overlap, parts extracted and merged, every quote verified."""

from __future__ import annotations

import itertools
import time

import pytest
from langchain_core.documents import Document

from briefing.engines.claude.chunking import split_text
from briefing.grounding import verify_extraction
from briefing.models import DraftExtraction
from tests.claude.helpers import TEXT, Script, doc, engine_for, good_answer, message
from tests.claude.standin import stand_in_engine
from tests.stand_in.routes import Memory

PARAGRAPHS = [
    "Harbour Freight Lines and the Port of Velsen signed a memorandum of understanding on 2 May 2025 "
    "to electrify the quay cranes.",
    "The city council of Ardmore said it had agreed a framework agreement with Solwind Energy.",
    "Officials expect the first results in the autumn, according to the port's annual report.",
    "Northfield Rail and Kestrel Systems announced a joint venture to build signalling software.",
]


def long_text(target_chars: int) -> str:
    """Varied paragraphs (numbered, so no two are equal) until ``target_chars`` is reached."""
    parts: list[str] = []
    size = i = 0
    while size < target_chars:
        para = f"Section {i}. " + PARAGRAPHS[i % len(PARAGRAPHS)] + f" Item {i} was noted in the minutes."
        parts.append(para)
        size += len(para) + 2
        i += 1
    return "\n\n".join(parts)


def test_chunks_cover_the_text_on_paragraph_boundaries_with_overlap() -> None:
    text = long_text(50_000)
    chunks = split_text(text, chunk_chars=8_000, overlap_chars=400)
    assert len(chunks) >= 7 and all(len(c.text) <= 8_000 for c in chunks)
    assert all(text[c.start : c.start + len(c.text)] == c.text for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].start + len(chunks[-1].text) == len(text)
    for before, after in itertools.pairwise(chunks):
        assert after.start < before.start + len(before.text)  # they overlap: nothing falls between
        assert text[after.start - 2 : after.start] == "\n\n"  # each starts at a paragraph


def test_one_huge_paragraph_is_still_cut_and_splitting_is_linear() -> None:
    text = "word " * 400_000  # 2 MB without a single line break
    started = time.perf_counter()
    chunks = split_text(text, chunk_chars=100_000, overlap_chars=5_000)
    assert time.perf_counter() - started < 2.0
    assert all(len(c.text) <= 100_000 for c in chunks)
    assert chunks[-1].start + len(chunks[-1].text) == len(text)


@pytest.mark.slow
def test_a_1_5_mb_document_is_split_and_every_quote_verifies_against_the_whole_text() -> None:
    text = long_text(1_500_000)
    document = Document(page_content=text, metadata={"id": "big-report", "title": "Annual report"})
    memory = Memory()
    engine = stand_in_engine(memory, model="claude-sonnet-5-5", max_reasks=0, chunk_tokens=120_000)
    [result] = engine.extract_many([document])
    assert isinstance(result, DraftExtraction), result
    calls = [c for c in memory.calls if c == "POST /v1/messages"]
    assert len(calls) >= 4  # about 375k tokens in parts of at most 120k
    assert result.usage.calls == len(calls)
    assert result.rows and result.summary
    verdict = verify_extraction(result, document)
    assert not verdict.rejections
    for row in result.rows:  # hints point into the whole document
        for party in row.parties:
            assert party.hint is not None and text[party.hint.start : party.hint.end] == party.quote
    keys = [(*tuple(sorted(p.value for p in r.parties)), r.kind.value) for r in result.rows]
    assert len(keys) == len(set(keys))  # duplicates from overlapping parts were merged


def test_prompt_too_long_leads_to_splitting_not_failure() -> None:
    memory = Memory(context_window=30_000)  # the stand-in says 400 "prompt is too long"
    text = long_text(160_000)
    engine = stand_in_engine(memory, model="claude-sonnet-5-5", max_reasks=0, chunk_tokens=900_000)
    [result] = engine.extract_many([Document(page_content=text, metadata={"id": "long", "title": "t"})])
    assert isinstance(result, DraftExtraction), result
    assert verify_extraction(result, Document(page_content=text, metadata={"id": "long"})).rejections == ()


def test_context_window_exceeded_stop_reason_leads_to_splitting() -> None:
    text = "\n\n".join([TEXT] * 8)
    replies = iter([message({"summary": []}, stop_reason="model_context_window_exceeded")])
    script = Script(by_request=lambda body: next(replies, message(good_answer(TEXT))))
    [result] = engine_for(script, max_reasks=0).extract_many([doc(text=text)])
    assert isinstance(result, DraftExtraction)
    assert len(script.requests) >= 3  # the failed whole, then at least two parts
    content = script.requests[1]["messages"][0]["content"]
    assert "part 1 of" in (content if isinstance(content, str) else content[0]["text"])
