"""The offline engine on documents written for these tests and on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.engines.offline import OfflineEngine
from briefing.engines.offline import engine as offline_module
from briefing.grounding import verify_extraction
from briefing.models import DraftExtraction, DraftField, DraftRow, ExtractionFailure
from briefing.names import find_name
from briefing.sources import SourceLoader

DATA = Path(__file__).resolve().parent / "data" / "offline"
SOURCES = Path(__file__).resolve().parent.parent / "sources"


def _doc(name: str, *, published: str | None = "2026-03-03", **meta: str) -> Document:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    metadata = {"id": name, "title": None, "published": published, "status": "ok", **meta}
    return Document(page_content=text, metadata=metadata)


def _extract(document: Document) -> DraftExtraction:
    [result] = OfflineEngine().extract_many([document])
    assert isinstance(result, DraftExtraction)
    return result


def _fields(draft: DraftExtraction) -> list[tuple[str, DraftField]]:
    out = [("summary", f) for f in draft.summary] + [("key_point", f) for f in draft.key_points]
    for row in draft.rows:
        out += [("party", p) for p in row.parties] + [("kind", row.kind)]
        out += [(n, f) for n, f in (("date", row.date), ("status", row.status), ("scope", row.scope)) if f]
    return out


def _pairs(draft: DraftExtraction) -> list[tuple[frozenset[str], str]]:
    return [(frozenset(p.value for p in row.parties), row.kind.value) for row in draft.rows]


def _row(draft: DraftExtraction, *names: str) -> DraftRow:
    return next(r for r in draft.rows if {p.value for p in r.parties} == set(names))


def _corpus() -> list[Document]:
    return [d for d in SourceLoader([SOURCES]).lazy_load() if d.metadata.get("status") == "ok"]


ALL_MINE = sorted(p.stem for p in DATA.glob("*.txt"))


def test_info_says_plainly_that_no_language_model_was_used() -> None:
    info = OfflineEngine().info
    assert (info.name, info.model, info.prompt_version, info.uses_language_model) == (
        "offline",
        None,
        None,
        False,
    )
    assert "no language model was used" in info.notice


def test_wire_story_with_a_signed_agreement_and_a_weekday_date() -> None:
    draft = _extract(_doc("wire_signed"))
    assert _pairs(draft) == [(frozenset({"Northwind Robotics", "Ministry of Transport"}), "agreement")]
    row = draft.rows[0]
    assert row.date is not None and row.date.value == "2026-03-02"  # "on Monday" before 3 March 2026
    assert "Monday" in row.date.quote
    assert row.status is not None and row.status.value == "signed"
    assert (
        row.scope is not None
        and row.scope.value == "develop autonomous freight corridors between northern ports"
    )


def test_planned_letter_of_intent_is_planned_not_signed() -> None:
    draft = _extract(_doc("planned_loi"))
    assert _pairs(draft) == [(frozenset({"Helios Energy", "Port of Valencia"}), "letter of intent")]
    status = draft.rows[0].status
    assert status is not None and status.value == "planned"


@pytest.mark.parametrize("name", ["no_agreement", "agree_deal_with", "faq_placeholders"])
def test_stories_without_an_agreement_give_no_rows(name: str) -> None:
    draft = _extract(_doc(name))
    assert draft.rows == ()
    assert 2 <= len(draft.summary) <= 4


def test_two_agreements_between_different_parties_give_two_rows() -> None:
    draft = _extract(_doc("two_agreements"))
    assert sorted(_pairs(draft), key=str) == sorted(
        [
            (frozenset({"Acme Corp", "Globex Industries"}), "joint venture"),
            (frozenset({"University of Leeds", "Initech Ltd"}), "partnership"),
        ],
        key=str,
    )
    venture = _row(draft, "Acme Corp", "Globex Industries")
    assert venture.date is not None and venture.date.value == "2026-05-12"
    assert venture.scope is not None and venture.scope.value == "build battery recycling plants in Ohio"


def test_nothing_is_quoted_from_headings_placeholders_or_faq() -> None:
    draft = _extract(_doc("faq_placeholders"))
    for _, f in _fields(draft):
        assert "placeholder" not in f.quote.lower()
        assert "?" not in f.quote
        assert "Norland" not in f.quote  # only mentioned in the FAQ block
        assert f.quote != "Partnership News"


@pytest.mark.parametrize("name", ALL_MINE)
def test_every_field_is_an_exact_slice_and_grounding_verifies_it(name: str) -> None:
    document = _doc(name)
    draft = _extract(document)
    for field_name, f in _fields(draft):
        assert f.hint is not None, field_name
        assert document.page_content[f.hint.start : f.hint.end] == f.quote, field_name
    for f in (*draft.summary, *draft.key_points):
        assert f.value == f.quote
    extraction = verify_extraction(draft, document)
    assert extraction.rejections == ()
    assert extraction.quotes_verified == extraction.quotes_proposed
    assert len(extraction.rows) == len(draft.rows)


def test_summary_and_key_points_are_distinct_and_in_document_order() -> None:
    draft = _extract(_doc("two_agreements"))
    starts = [f.hint.start for f in draft.summary if f.hint]
    assert starts == sorted(starts)
    assert not {f.quote for f in draft.summary} & {f.quote for f in draft.key_points}
    assert len(draft.key_points) <= 5


def test_people_products_and_pronouns_are_never_parties() -> None:
    text = (
        "Jane Doe, chief executive of Acme Corp, said the company signed a partnership with Globex. "
        "Acme Corp said its assistant Nimbus would be offered under the partnership with Globex Industries. "
        '"We signed an agreement with Globex Industries," Jane Doe said.'
    )
    draft = _extract(Document(page_content=text, metadata={"id": "x", "published": None}))
    parties = {p.value for row in draft.rows for p in row.parties}
    assert not parties & {"Jane Doe", "Nimbus", "We"}
    assert _pairs(draft) == [
        (frozenset({"Acme Corp", "Globex Industries"}), "partnership")
    ]  # "Acme said its"


def test_output_is_deterministic() -> None:
    documents = [_doc(n) for n in ALL_MINE] + _corpus()
    assert OfflineEngine().extract_many(documents) == OfflineEngine().extract_many(documents)


def test_one_broken_document_does_not_cost_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    real = offline_module.split_sentences

    def fragile(text: str):  # type: ignore[no-untyped-def]
        if "Helios" in text:
            raise ValueError("boom")
        return real(text)

    monkeypatch.setattr(offline_module, "split_sentences", fragile)
    done: list[str] = []
    results = OfflineEngine().extract_many(
        [_doc("wire_signed"), _doc("planned_loi"), _doc("two_agreements")], on_done=done.append
    )
    assert done == ["wire_signed", "planned_loi", "two_agreements"]
    assert [type(r) for r in results] == [DraftExtraction, ExtractionFailure, DraftExtraction]
    assert isinstance(results[1], ExtractionFailure) and "boom" in results[1].reason


# --------------------------------------------------------------------------- the sample corpus


def _corpus_drafts() -> list[tuple[Document, DraftExtraction]]:
    documents = _corpus()
    results = OfflineEngine().extract_many(documents)
    assert all(isinstance(r, DraftExtraction) for r in results)
    return [(d, r) for d, r in zip(documents, results, strict=True) if isinstance(r, DraftExtraction)]


def test_corpus_anthropic_uk_government_mou_is_found_in_several_articles() -> None:
    found = [
        draft.document_id
        for _, draft in _corpus_drafts()
        for row in draft.rows
        if row.kind.value == "memorandum of understanding"
        and any(p.value == "Anthropic" for p in row.parties)
        and any(find_name("UK government", p.value) or "DSIT" in p.value for p in row.parties)
    ]
    assert len(set(found)) >= 2, found


def test_corpus_deepmind_aisi_memorandum_is_found_in_its_own_announcement() -> None:
    drafts = {d.metadata["id"]: draft for d, draft in _corpus_drafts()}
    deepmind = drafts["004_abc272253b24f11a"]
    assert any(
        row.kind.value == "memorandum of understanding"
        and {p.value for p in row.parties} == {"Google DeepMind", "UK AI Security Institute (AISI)"}
        for row in deepmind.rows
    )


def test_corpus_every_quote_is_an_exact_slice_and_verified_except_first_person_parties() -> None:
    for document, draft in _corpus_drafts():
        publisher = document.metadata.get("publisher")
        extraction = verify_extraction(draft, document)
        for _field_name, f in _fields(draft):
            assert f.hint is not None and document.page_content[f.hint.start : f.hint.end] == f.quote
        unexpected = [r for r in extraction.rejections if not (r.field == "party" and r.value == publisher)]
        assert not unexpected, [(r.field, r.value, r.reason) for r in unexpected]
        for f in draft.summary:
            assert "placeholder" not in f.quote.lower() and not f.quote.rstrip().endswith("?")
