"""verify_extraction: whole drafts in, only verified values out, every failure listed with a reason."""

from __future__ import annotations

from langchain_core.documents import Document

from bench.grounding_cases import UK
from briefing.grounding import document_anchor, verify_extraction
from briefing.models import DraftExtraction, DraftField, DraftRow, Span

DOC = Document(page_content=UK, metadata={"id": "uk-mou", "published": "2025-02-14"})


def F(value: str, quote: str, hint: Span | None = None) -> DraftField:
    return DraftField(value=value, quote=quote, hint=hint)


GOV = F("UK government", "The U.K. government said on Tuesday it had signed")
ANTHROPIC = F("Anthropic", "a memorandum of understanding with Anthropic")
MOU = F("memorandum of understanding", "it had signed a memorandum of understanding with Anthropic")


def _draft(*rows: DraftRow, summary: tuple[DraftField, ...] = ()) -> DraftExtraction:
    return DraftExtraction(document_id="uk-mou", summary=summary, rows=rows)


def test_good_row_is_kept_with_source_slices_as_evidence() -> None:
    row = DraftRow(
        parties=(GOV, ANTHROPIC),
        kind=F("MoU", MOU.quote),
        date=F("2025-02-11", "The U.K. government said on Tuesday"),
        status=F("signed", "it had signed a memorandum"),
        scope=F("public data", "“We're not handing over public data,” a spokesperson said."),
    )
    result = verify_extraction(_draft(row), DOC)
    assert result.rejections == ()
    assert len(result.rows) == 1
    kept = result.rows[0]
    assert kept.kind.value == "memorandum of understanding"
    assert kept.date is not None
    assert kept.date.value == "2025-02-11"
    assert "resolved against 2025-02-14" in kept.date.note
    scope = kept.scope
    assert scope is not None
    ev = scope.evidence
    assert ev.match == "normalized"
    assert ev.quote == UK[ev.start : ev.end]  # the source slice, curly quotes and all
    assert ev.quote.startswith("“We’re")
    assert ev.id == f"uk-mou:{ev.start}-{ev.end}"
    assert result.quotes_proposed == result.quotes_verified == 6


def test_row_with_wrong_party_is_dropped_and_every_failure_listed() -> None:
    row = DraftRow(parties=(GOV, F("OpenAI", ANTHROPIC.quote)), kind=MOU)
    result = verify_extraction(_draft(row), DOC)
    assert result.rows == ()
    (rejection,) = result.rejections
    assert rejection.field == "party"
    assert rejection.value == "OpenAI"
    assert rejection.match == "exact"  # the quote exists; the value is what is wrong
    assert "not named in its quote" in rejection.reason
    assert "row dropped" in rejection.reason


def test_row_with_changed_kind_or_date_or_status_is_dropped() -> None:
    rows = (
        DraftRow(parties=(GOV, ANTHROPIC), kind=F("partnership", MOU.quote)),
        DraftRow(
            parties=(GOV, ANTHROPIC), kind=MOU, date=F("2025-02-15", "first reported on 14 February 2025")
        ),
        DraftRow(parties=(GOV, ANTHROPIC), kind=MOU, status=F("expanded", "it had signed a memorandum")),
    )
    result = verify_extraction(_draft(*rows), DOC)
    assert result.rows == ()
    assert [r.field for r in result.rejections] == ["kind", "date", "status"]
    assert all("row dropped" in r.reason for r in result.rejections)


def test_unlocatable_quote_is_rejected_with_its_match_status() -> None:
    row = DraftRow(
        parties=(GOV, F("Anthropic", "a partnership deal with Anthropic announced today")), kind=MOU
    )
    result = verify_extraction(_draft(row), DOC)
    assert result.rows == ()
    assert result.rejections[0].match == "not_found"
    assert result.quotes_proposed == 3
    assert result.quotes_verified == 2


def test_bad_scope_is_dropped_but_row_stays() -> None:
    row = DraftRow(parties=(GOV, ANTHROPIC), kind=MOU, scope=F("military drones", MOU.quote))
    result = verify_extraction(_draft(row), DOC)
    assert len(result.rows) == 1
    assert result.rows[0].scope is None
    (rejection,) = result.rejections
    assert rejection.field == "scope"
    assert "row kept" in rejection.reason


def test_a_row_needs_two_different_parties() -> None:
    row = DraftRow(parties=(GOV, F("U.K. government", GOV.quote)), kind=MOU)
    result = verify_extraction(_draft(row), DOC)
    assert result.rows == ()
    (rejection,) = result.rejections
    assert rejection.field == "row"
    assert "two different verified parties" in rejection.reason


def test_summary_sentences_are_checked_for_numbers_and_negation() -> None:
    summary = (
        F(
            "DSIT expects 70% of pilots to start in March 2025.",
            "(DSIT) expects 70% of the pilots to start in March 2025",
        ),
        F(
            "DSIT expects 80% of pilots to start in March 2025.",
            "(DSIT) expects 70% of the pilots to start in March 2025",
        ),
        F("The agreement will replace existing contracts.", "would not replace existing contracts"),
        F("Ambiguous.", "the agreement"),
    )
    result = verify_extraction(_draft(summary=summary), DOC)
    assert [s.value for s in result.summary] == ["DSIT expects 70% of pilots to start in March 2025."]
    reasons = {r.value: (r.match, r.reason) for r in result.rejections}
    assert "80" in reasons["DSIT expects 80% of pilots to start in March 2025."][1]
    assert "negation" in reasons["The agreement will replace existing contracts."][1]
    assert reasons["Ambiguous."][0] == "ambiguous"


def test_hint_places_a_repeated_short_quote() -> None:
    second = UK.index("the agreement", UK.index("review"))
    row = DraftRow(
        parties=(GOV, ANTHROPIC), kind=F("agreement", "the agreement", hint=Span(second, second + 13))
    )
    result = verify_extraction(_draft(row), DOC)
    assert result.rows[0].kind.evidence.start == second


def test_document_anchor() -> None:
    assert document_anchor("2025-02-14") is not None
    assert document_anchor("2025-02-14T08:35:58Z") is not None
    assert document_anchor(None) is None
    assert document_anchor("") is None
    assert document_anchor("not a date") is None


def test_summary_sentence_starting_with_a_wrong_name_is_rejected() -> None:
    summary = (F("Cohere signed a memorandum of understanding.", MOU.quote),)
    result = verify_extraction(_draft(summary=summary), DOC)
    assert result.summary == ()
    assert "cohere" in result.rejections[0].reason


def test_publisher_speaking_as_we_is_a_party_only_outside_quotation_marks() -> None:
    from langchain_core.documents import Document

    from briefing.models import DraftExtraction, DraftField, DraftRow

    text = (
        "Today, we're announcing a partnership with the Northwind Institute on safety research. "
        'A rival said: "we signed a partnership with the Northwind Institute too."'
    )
    own, quoted = text.split(" A rival said: ")

    def row(quote: str) -> DraftRow:
        return DraftRow(
            parties=(DraftField("Acme Labs", quote), DraftField("Northwind Institute", quote)),
            kind=DraftField("partnership", quote),
        )

    document = Document(page_content=text, metadata={"id": "d", "publisher": "Acme Labs"})
    draft = DraftExtraction("d", summary=(), rows=(row(own), row(quoted)))
    result = verify_extraction(draft, document)
    assert len(result.rows) == 1
    assert result.rows[0].parties[0].value == "Acme Labs"
    assert "publisher" in result.rows[0].parties[0].note
    assert any("publisher's voice" in r.reason for r in result.rejections)

    anonymous = Document(page_content=text, metadata={"id": "d", "publisher": None})
    assert verify_extraction(DraftExtraction("d", summary=(), rows=(row(own),)), anonymous).rows == ()
