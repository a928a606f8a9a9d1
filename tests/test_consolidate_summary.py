"""The offline executive summary cites only known evidence; citation validation for model summaries."""

from __future__ import annotations

from briefing.consolidate import (
    SummarySentence,
    consolidate,
    evidence_digests,
    offline_executive_summary,
    validate_citations,
)
from tests.test_consolidate_support import acme_dft_rows, doc, extraction, row, vf

A_TEXT = (
    "Acme Robotics and the Department for Transport signed a memorandum of understanding "
    "on March 3, 2025, to test autonomous buses. Acme said about 70% of its fleet is electric."
)
B_TEXT = (
    "The Department for Transport (DfT) has agreed a partnership with Acme Robotics. "
    "The deal was signed on 4 March 2025. Acme said about 75% of its fleet is electric."
)
C_TEXT = "Orbital Labs and Kestrel Bank formed a joint venture on 9 June 2024 to run payments in space."


def _corpus():
    a, b, c = doc("a", A_TEXT), doc("b", B_TEXT), doc("c", C_TEXT)
    ra, rb = acme_dft_rows(a, b)
    rc = row(
        c,
        [("Orbital Labs", "Orbital Labs"), ("Kestrel Bank", "Kestrel Bank")],
        ("joint venture", "joint venture"),
        date=("2024-06-09", "9 June 2024"),
        scope=("payments in space", "payments in space"),
    )
    return [a, b, c], [extraction(a, [ra]), extraction(b, [rb]), extraction(c, [rc])]


def _known_ids(result) -> set[str]:
    ids = {ev.id for p in result.partnerships for _f, ev in p.evidence}
    return ids | {ev.id for ev in result.evidence}


def test_offline_summary_has_2_to_6_sentences_citing_only_known_evidence() -> None:
    documents, extractions = _corpus()
    result = consolidate(extractions, documents)
    summary = result.executive_summary
    # two agreements with no party in common: the lead and "Also reported", no central-party sentence
    assert 2 <= len(summary) <= 6
    assert not any("central part" in s.text for s in summary)
    known = _known_ids(result)
    for sentence in summary:
        assert sentence.citations, sentence.text
        assert set(sentence.citations) <= known
    first = summary[0].text
    assert first.startswith(
        "Lead story, reported by 2 independent sources: "
        "Acme Robotics and Department for Transport signed a memorandum of understanding"
    )
    # a and b give different dates: neither is stated as the date, both are given
    assert "on 3 March 2025" not in first
    assert "sources differ on the date (3 March 2025 vs 4 March 2025)" in first
    # every source of the partnership is cited in its sentence
    documents_of = {ev.id: ev.document_id for p in result.partnerships for _f, ev in p.evidence}
    documents_of |= {ev.id: ev.document_id for ev in result.evidence}
    assert {documents_of[c] for c in summary[0].citations} == {"a", "b"}


def test_every_disagreement_is_told_with_the_quotes_of_every_value() -> None:
    documents, extractions = _corpus()
    result = consolidate(extractions, documents)
    fields = {d.field for d in result.discrepancies}
    assert {"date", "figure"} <= fields
    by_id = {ev.id: ev for p in result.partnerships for _f, ev in p.evidence} | {
        ev.id: ev for ev in result.evidence
    }
    # the row's date is told in the row's sentence, the figure in "Sources disagree on ..."
    told = [
        {(by_id[c].document_id, by_id[c].start, by_id[c].end) for c in s.citations}
        for s in result.executive_summary
    ]
    for d in result.discrepancies:
        assert any(all((v.document_id, v.start, v.end) in cited for v in d.values) for cited in told), d
    for ev in result.evidence:  # minted evidence is an exact slice of its document
        text = {"a": A_TEXT, "b": B_TEXT, "c": C_TEXT}[ev.document_id]
        assert text[ev.start : ev.end] == ev.quote and ev.match == "exact"


def test_without_partnerships_the_summary_uses_document_summaries_or_says_nothing_was_found() -> None:
    d = doc("d", "The regulator opened a consultation on cloud outages. It closes in June.")
    ex = extraction(
        d,
        summary=[
            vf(
                d,
                "The regulator opened a consultation on cloud outages.",
                "The regulator opened a consultation on cloud outages.",
            )
        ],
    )
    summary = offline_executive_summary((), (), [d], extractions=[ex])
    assert summary[0].text.startswith("No partnership or agreement was found") and summary[0].citations == ()
    assert summary[1].citations == ("d:0-53",)

    empty = offline_executive_summary((), (), [d])
    assert len(empty) == 1 and empty[0].citations == ()


def test_validate_citations_drops_unknown_and_uncited_sentences_with_reasons() -> None:
    sentences = [
        SummarySentence("Acme and DfT signed an MOU.", ("a:0-10", "a:0-10")),
        SummarySentence("Acme bought the moon.", ("a:0-10", "made-up")),
        SummarySentence("Everyone agrees.", ()),
        SummarySentence("   ", ("a:0-10",)),
    ]
    kept, dropped = validate_citations(sentences, {"a:0-10"})
    assert kept == (SummarySentence("Acme and DfT signed an MOU.", ("a:0-10",)),)
    assert [d.reason for d in dropped] == [
        "cites unknown evidence id(s): made-up",
        "cites no evidence",
        "empty sentence",
    ]
    kept, _ = validate_citations(sentences[2:3], {"a:0-10"}, require_citation=False)
    assert kept == (sentences[2],)


def test_evidence_digests_cover_every_citable_id() -> None:
    documents, extractions = _corpus()
    result = consolidate(extractions, documents)
    digests = evidence_digests(result.partnerships, result.discrepancies, extractions=extractions)
    ids = {d.id for d in digests}
    assert ids == _known_ids(result)
    assert all(d.quote for d in digests)
