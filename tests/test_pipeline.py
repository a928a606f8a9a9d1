"""The pipeline with a fake engine: grounding decides, failures are accounted for, nothing is lost."""

from __future__ import annotations

from datetime import date

from briefing.models import DraftExtraction, DraftField, DraftRow, ExtractionFailure, Usage
from briefing.pipeline import build_briefing
from tests.fakes import FakeEngine, make_document

TEXT_A = (
    "Acme Robotics and the Northwind Institute signed a memorandum of understanding on March 3, 2026. "
    "The agreement covers joint safety research. Officials said the deal was not binding."
)
TEXT_B = "Globex said on Monday it would open a lab in Leeds."


def _field(text: str, quote: str, value: str | None = None) -> DraftField:
    return DraftField(value=value if value is not None else quote, quote=quote)


def _draft_a() -> DraftExtraction:
    sentence = TEXT_A.split(". ")[0] + "."
    row = DraftRow(
        parties=(_field(TEXT_A, sentence, "Acme Robotics"), _field(TEXT_A, sentence, "Northwind Institute")),
        kind=_field(TEXT_A, sentence, "memorandum of understanding"),
        date=_field(TEXT_A, sentence, "2026-03-03"),
    )
    fabricated = DraftRow(
        parties=(
            _field(TEXT_A, "Acme Robotics and Initech signed a contract", "Acme Robotics"),
            _field(TEXT_A, "Acme Robotics and Initech signed a contract", "Initech"),
        ),
        kind=_field(TEXT_A, "Acme Robotics and Initech signed a contract", "contract"),
    )
    return DraftExtraction(
        document_id="a",
        summary=(_field(TEXT_A, sentence),),
        rows=(row, fabricated),
        usage=Usage(input_tokens=10, output_tokens=5, calls=1),
    )


def _run(**answers: DraftExtraction | ExtractionFailure):
    docs = [
        make_document("a", TEXT_A, published="2026-03-04"),
        make_document("b", TEXT_B),
        make_document("c", "", status="skipped", reason="empty file"),
    ]
    engine = FakeEngine(dict(answers))
    return engine, build_briefing(docs, engine, as_of=date(2026, 11, 24))


def test_only_usable_documents_reach_the_engine_in_input_order() -> None:
    engine, _ = _run(a=_draft_a(), b=ExtractionFailure("b", "model refused"))
    assert engine.calls == [["a", "b"]]


def test_every_input_is_accounted_for_and_the_run_is_partial() -> None:
    _, outcome = _run(a=_draft_a(), b=ExtractionFailure("b", "model refused", Usage(calls=1)))
    statuses = {r.id: (r.status, r.reason) for r in outcome.briefing.documents}
    assert statuses == {
        "a": ("used", ""),
        "b": ("failed", "model refused"),
        "c": ("skipped", "empty file"),
    }
    assert outcome.partial
    assert outcome.briefing.usage.calls == 2
    assert outcome.briefing.briefing_date == "2026-11-24"


def test_fabricated_rows_go_to_unverified_never_to_the_table() -> None:
    _, outcome = _run(a=_draft_a(), b=ExtractionFailure("b", "x"))
    briefing = outcome.briefing
    assert [sorted(p.parties) for p in briefing.partnerships] == [["Acme Robotics", "Northwind Institute"]]
    assert briefing.unverified, "the fabricated row must be reported"
    assert all(r.document_id == "a" for r in briefing.unverified)
    assert any("Initech" in r.value or "Initech" in r.quote for r in briefing.unverified)
    assert briefing.quotes_verified < briefing.quotes_proposed


def test_evidence_quotes_are_source_slices() -> None:
    _, outcome = _run(a=_draft_a(), b=ExtractionFailure("b", "x"))
    for partnership in outcome.briefing.partnerships:
        for _field_name, evidence in partnership.evidence:
            assert TEXT_A[evidence.start : evidence.end] == evidence.quote
    ids = {e.id for e in outcome.briefing.evidence}
    for sentence in outcome.briefing.executive_summary:
        assert set(sentence.citations) <= ids


def test_a_clean_run_is_not_partial() -> None:
    docs = [make_document("a", TEXT_A, published="2026-03-04")]
    outcome = build_briefing(docs, FakeEngine({"a": _draft_a()}), as_of=date(2026, 1, 1))
    assert not outcome.partial


def test_documents_from_other_loaders_get_ids_and_are_used() -> None:
    from langchain_core.documents import Document

    plain = [
        Document(page_content=TEXT_A),
        Document(page_content=TEXT_A, metadata={"source": "/x/story.txt"}),
    ]
    drafts = {"document-1": _draft_a(), "story": _draft_a()}

    class ById(FakeEngine):
        def extract_many(self, documents, *, on_done=None):  # type: ignore[no-untyped-def]
            ids = [d.metadata["id"] for d in documents]
            self.calls.append(ids)
            return [DraftExtraction(i, drafts[i].summary, rows=drafts[i].rows) for i in ids]

    outcome = build_briefing(plain, ById({}), as_of=date(2026, 1, 1))
    assert [r.id for r in outcome.briefing.documents] == ["document-1", "story"]
    assert {r.status for r in outcome.briefing.documents} == {"used"}
    assert outcome.briefing.partnerships


def test_a_grounding_crash_costs_only_its_document(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import briefing.pipeline as pipeline

    real = pipeline.verify_extraction

    def flaky(draft, document):  # type: ignore[no-untyped-def]
        if draft.document_id == "b":
            raise ValueError("boom")
        return real(draft, document)

    monkeypatch.setattr(pipeline, "verify_extraction", flaky)
    docs = [make_document("a", TEXT_A, published="2026-03-04"), make_document("b", TEXT_A)]
    engine = FakeEngine({"a": _draft_a(), "b": DraftExtraction("b", summary=(_draft_a().summary))})
    outcome = build_briefing(docs, engine, as_of=date(2026, 1, 1))
    statuses = {r.id: (r.status, r.reason) for r in outcome.briefing.documents}
    assert statuses["a"][0] == "used"
    assert statuses["b"][0] == "failed"
    assert "boom" in statuses["b"][1]
    assert outcome.partial
