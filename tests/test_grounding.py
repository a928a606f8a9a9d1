"""Locating quotes: the case table (accept benign drift, reject harmful change) and the ladder's edges."""

from __future__ import annotations

import pytest

from bench.grounding_cases import QUOTE_CASES, UK, VALUE_CASES, QuoteCase, ValueCase
from briefing.grounding import (
    Check,
    DocumentIndex,
    check_date,
    check_kind,
    check_party,
    check_scope,
    check_status,
    nearest_passage,
    verify_quote,
)
from briefing.grounding import match as match_module
from briefing.models import Span


def _hint(case: QuoteCase) -> Span | None:
    if case.hint_of is None or case.place is None:
        return None
    at = case.text.index(case.place, case.text.index(case.hint_of))
    return Span(at, at + len(case.place))


def test_case_table_is_large_and_balanced() -> None:
    labels = [c.expect for c in QUOTE_CASES]
    assert len(QUOTE_CASES) >= 40
    assert labels.count("accept") >= 15
    assert labels.count("reject") >= 15
    assert len({c.id for c in QUOTE_CASES + VALUE_CASES}) == len(QUOTE_CASES) + len(VALUE_CASES)


@pytest.mark.parametrize("case", QUOTE_CASES, ids=lambda c: c.id)
def test_quote_case(case: QuoteCase) -> None:
    m = verify_quote(case.quote, case.text, hint=_hint(case))
    if case.expect == "reject":
        assert not m.verified, f"{case.what}: wrongly accepted as {m.status} ({m.reason})"
        assert m.start is None
        assert m.reason, "a rejection must say why"
        return
    assert m.verified, f"{case.what}: wrongly rejected ({m.reason})"
    assert m.start is not None
    assert m.end is not None
    assert case.text[m.start : m.end] == case.place
    if m.status != "exact":
        assert m.reason, "anything but an exact match carries a reason"


def _run_value_case(case: ValueCase) -> Check:
    if case.check == "date":
        return check_date(case.value, case.span, anchor=case.anchor)
    checker = {"party": check_party, "kind": check_kind, "status": check_status, "scope": check_scope}
    return checker[case.check](case.value, case.span)


@pytest.mark.parametrize("case", VALUE_CASES, ids=lambda c: c.id)
def test_value_case(case: ValueCase) -> None:
    result = _run_value_case(case)
    assert result.ok == (case.expect == "accept"), f"{case.what}: {result}"
    if not result.ok:
        assert result.reason


def test_statuses_of_the_ladder() -> None:
    text = "Officials said the “pilot” would start in May. The pilot is small; the pilot is new."
    assert verify_quote("would start in May", text).status == "exact"
    assert verify_quote('the "pilot" would START in May', text).status == "normalized"
    assert verify_quote("Officials said ... would start in May", text).status == "ellipsis"
    assert verify_quote("Officials siad the “pilot” would start in May", text).status == "fuzzy"
    assert verify_quote("Officals said the “pilot” would start in May", text).status == "not_found"  # a name
    assert verify_quote("the pilot", text).status == "ambiguous"
    assert verify_quote("nothing like this", text).status == "not_found"


def test_ambiguous_reports_every_place_and_hint_resolves_it() -> None:
    text = "The agreement was signed. Later the agreement was extended."
    m = verify_quote("the agreement", text)
    assert m.status == "ambiguous"
    assert not m.verified
    assert [text[c.start : c.end].lower() for c in m.candidates] == ["the agreement", "the agreement"]
    second = m.candidates[1]
    picked = verify_quote("the agreement", text, hint=second)
    assert picked.verified
    assert (picked.start, picked.end) == (second.start, second.end)


def test_hint_prefers_an_equal_match_after_normalisation() -> None:
    text = "The pilot starts. Officials said the pilot starts."
    second = text.rindex("the pilot starts")
    m = verify_quote("The pilot starts", text, hint=Span(second, second + len("the pilot starts")))
    assert (m.start, m.end) == (second, second + len("the pilot starts"))


def test_long_repeated_quote_is_placed_and_lists_all_places() -> None:
    sentence = "The ministry signed a memorandum of understanding with the company."
    text = f"{sentence} Then: {sentence}"
    m = verify_quote(sentence, text)
    assert m.status == "exact"
    assert len(m.candidates) == 2
    assert "occurs 2 times" in m.reason


def test_ellipsis_reports_segments() -> None:
    text = "The U.K. government said on Tuesday it had signed a memorandum with Anthropic."
    m = verify_quote("The U.K. government said … a memorandum with Anthropic", text)
    assert m.status == "ellipsis"
    assert [text[s.start : s.end] for s in m.segments] == [
        "The U.K. government said",
        "a memorandum with Anthropic",
    ]
    assert (m.start, m.end) == (m.segments[0].start, m.segments[-1].end)


def test_fuzzy_rejects_a_changed_number_even_at_high_similarity() -> None:
    text = "The institute expects that 70% of the pilot projects will begin in public services by the spring."
    m = verify_quote(
        "The institute expects that 71% of the pilot projects will begin in public services by the spring.",
        text,
    )
    assert m.status == "not_found"
    assert m.score >= 95
    assert "'71'" in m.reason
    assert m.nearest is not None


def test_index_reuses_per_document_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = match_module.normalize

    def counting(text: str, *, dehyphenate: bool = True) -> object:
        nonlocal calls
        if text == UK:
            calls += 1
        return real(text, dehyphenate=dehyphenate)

    monkeypatch.setattr(match_module, "normalize", counting)
    index = DocumentIndex(UK)
    for quote in ("we're not handing over", "THE DEAL WAS FIRST", "national security and would not replace"):
        assert index.verify(quote).verified
    assert calls == 1


def test_quote_longer_than_document_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Short text."
    quote = "word " * 200_000
    normalised: list[int] = []
    real = match_module.normalize
    monkeypatch.setattr(match_module, "normalize", lambda s: normalised.append(len(s)) or real(s))
    m = verify_quote(quote, text)
    assert m.status == "not_found"
    assert "longer than the whole document" in m.reason
    assert all(n < 1000 for n in normalised), "the megabyte quote was normalised before being refused"


def test_fuzzy_cost_does_not_scan_every_window() -> None:
    # A long document of distinct filler: the fuzzy step must score only a few windows.
    filler = " ".join(f"word{i} alpha{i % 97} beta{i % 89}." for i in range(20_000))
    sentence = "Officials said the agreement would strengthen national security and research."
    text = filler[:200_000] + " " + sentence + " " + filler[200_000:]
    index = DocumentIndex(text).prepare()
    m = index.verify("Officials said the agreement would strenghten national security and research.")
    assert m.status == "fuzzy"
    assert text[m.start or 0 : m.end or 0] == sentence


def test_nearest_passage_shows_the_closest_source_text() -> None:
    index = DocumentIndex(UK)
    passage = nearest_passage("the company would invest $25 million over three years", index)
    assert "$15 million over three years" in passage
    assert nearest_passage("zzz qqq", index) == ""


def test_markdown_link_text_matches_without_the_url() -> None:
    text = "The institute was launched [just over a year ago](https://example.com/x) with fanfare."
    m = verify_quote("launched just over a year ago with fanfare", text)
    assert m.status == "normalized"
    assert text[m.start or 0 : m.end or 0].startswith("launched [just")


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        # Found by the property test: the window dropped "of" and, with it, the "not" beside it.
        (
            "of — memorandum understanding with company",
            "the board said of not — memorandum understanding with company",
        ),
        (
            "the ministry signed the memorandum of understanding wth Orla",
            "Officials say the ministry never signed the memorandum of understanding with Orla.",
        ),
    ],
)
def test_fuzzy_match_never_leaves_a_touching_negation_out(quote: str, text: str) -> None:
    m = verify_quote(quote, text)
    assert not m.verified, f"accepted as {m.status}: {text[m.start or 0 : m.end or 0]!r}"


def test_negation_in_the_previous_sentence_does_not_block_a_fuzzy_match() -> None:
    text = "The talks did not fail. The ministry signed the memorandum of understanding with Orla Ferries."
    m = verify_quote("The ministry signed the memorandum of understanding wth Orla Ferries.", text)
    assert m.status == "fuzzy"
