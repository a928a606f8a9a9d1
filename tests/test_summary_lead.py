"""The offline executive summary leads with what matters most and never settles a disputed value.

Built from hand-made partnerships (not the sample corpus): independent sources versus copies,
a central party that sorts last alphabetically, disputed fields with and without their
discrepancies, and a model sentence that settles a disputed value.
"""

from __future__ import annotations

from langchain_core.documents import Document

from briefing.consolidate import EvidenceDigest, evidence_digests, offline_executive_summary, validate_summary
from briefing.consolidate.summary_disputes import Dispute, row_disputes, settled_value
from briefing.consolidate.summary_select import MAX_CANDIDATES, most_central, root_of
from briefing.models import (
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Extraction,
    Partnership,
    SummarySentence,
    VerifiedField,
)

TEXTS = {
    "gazette": "Harbour Trust and Kestrel Rail signed a contract on 2 June 2026 worth £4m for a freight spur.",
    "courier": "Kestrel Rail and Harbour Trust signed a memorandum of understanding on 3 June 2026 worth £4.2m.",
    "wire": "Harbour Trust and Kestrel Rail signed a contract on 2 June 2026 worth £4m for a freight spur.",
    "herald": "Zenith Works and Alder Mills signed a letter of intent on 5 May 2026 to share a depot.",
    "post": "Zenith Works and Birch Foods agreed a partnership in May 2026 on cold storage.",
    "ledger": "Zenith Works and Cobalt Grid formed a joint venture on 9 May 2026 for solar roofs.",
}


def ev(doc: str, quote: str) -> Evidence:
    start = TEXTS[doc].index(quote)
    return Evidence(f"{doc}:{start}-{start + len(quote)}", doc, quote, start, start + len(quote), "exact")


def dv(doc: str, value: str, quote: str) -> DiscrepancyValue:
    e = ev(doc, quote)
    return DiscrepancyValue(value, doc, quote, e.start, e.end)


def row(
    pid: str, parties: tuple[str, ...], kind: str, date: str | None, sources: tuple[str, ...], **kw: object
) -> Partnership:
    evidence: list[tuple[str, Evidence]] = []
    for doc in sources:
        text = TEXTS[doc]
        evidence += [("party", ev(doc, name)) for name in parties if name in text]
        evidence.append(
            ("kind", ev(doc, text.split(" signed ")[-1].split(" on ")[0] if " signed " in text else kind))
        )
    return Partnership(pid, parties, (), kind, date, None, None, sources, tuple(evidence), **kw)  # type: ignore[arg-type]


def documents() -> list[Document]:
    return [Document(page_content=t, metadata={"id": d}) for d, t in TEXTS.items()]


HARBOUR = row(
    "p-harbour",
    ("Harbour Trust", "Kestrel Rail"),
    "contract",
    "2026-06-02",
    ("gazette", "courier", "wire"),
    disputed=("date", "kind", "amount"),
)
DISPUTES = (
    Discrepancy("date", "contract between Harbour Trust and Kestrel Rail",
                (dv("gazette", "2026-06-02", "2 June 2026"), dv("courier", "2026-06-03", "3 June 2026")),
                partnership_id="p-harbour"),
    Discrepancy("kind", "agreement between Harbour Trust and Kestrel Rail",
                (dv("gazette", "contract", "contract"), dv("courier", "memorandum of understanding", "memorandum of understanding")),
                partnership_id="p-harbour"),
    Discrepancy("amount", "value of the agreement", (dv("gazette", "£4m", "£4m"), dv("courier", "£4.2m", "£4.2m")),
                partnership_id="p-harbour"),
)  # fmt: skip
ZENITH = (
    row("p-alder", ("Alder Mills", "Zenith Works"), "letter of intent", "2026-05-05", ("herald",)),
    row("p-birch", ("Birch Foods", "Zenith Works"), "partnership", "2026-05", ("post",)),
    row("p-cobalt", ("Cobalt Grid", "Zenith Works"), "joint venture", "2026-05-09", ("ledger",)),
)
COPY_OF = {"wire": "gazette"}


def summary() -> tuple[SummarySentence, ...]:
    return offline_executive_summary((*ZENITH, HARBOUR), DISPUTES, documents(), copy_of=COPY_OF)


def test_copies_are_not_independent_sources_and_the_lead_story_has_the_most_independent_ones() -> None:
    assert root_of("wire", COPY_OF) == "gazette" and root_of("x", {"x": "y", "y": "x"}) in {"x", "y"}
    first = summary()[0].text
    assert first.startswith("Lead story, reported by 2 independent sources (plus 1 copy): ")
    assert "Harbour Trust and Kestrel Rail" in first


def test_disputed_fields_are_told_with_every_value_and_never_as_one() -> None:
    text = summary()[0].text
    assert "sources differ on the kind of agreement (contract vs memorandum of understanding)" in text
    assert "the date (2 June 2026 vs 3 June 2026)" in text
    assert "the value of the agreement (£4m vs £4.2m)" in text
    assert " on 2 June" not in text and "signed a contract" not in text
    disputes = row_disputes(HARBOUR, DISPUTES, {})
    for sentence in summary():
        assert all(settled_value(sentence.text, d) is None for d in disputes), sentence.text


def test_a_field_marked_disputed_without_its_values_is_not_stated() -> None:
    lone = row("p-lone", ("Harbour Trust", "Kestrel Rail"), "contract", "2026-06-02", ("gazette", "courier"),
               disputed=("date",))  # fmt: skip
    text = offline_executive_summary((lone,), (), documents())[0].text
    assert "sources differ on the date" in text and "June" not in text


def test_the_central_party_is_named_first_even_when_it_sorts_last() -> None:
    texts = [s.text for s in summary()]
    parties = next(t for t in texts if "central part" in t)
    assert parties.startswith("Zenith Works is the central party: it is in 3 of the 4 agreements")
    assert "other" not in parties.split(":")[0]
    assert texts.index(parties) < next(i for i, t in enumerate(texts) if t.startswith("Also reported"))


def test_every_citation_resolves_to_a_source_span() -> None:
    known = {e.id: (e.document_id, e.start, e.end) for p in (*ZENITH, HARBOUR) for _f, e in p.evidence}
    known |= {
        f"disc-{v.document_id}-{v.start}-{v.end}": (v.document_id, v.start, v.end)
        for d in DISPUTES
        for v in d.values
    }
    for sentence in summary():
        assert sentence.citations
        for c in sentence.citations:
            doc, start, end = known[c]  # an evidence id is a span of a source, never a note
            assert TEXTS[doc][start:end]


def test_the_central_statement_is_the_one_the_sources_share() -> None:
    texts = {
        "one": "Harbour Trust and Kestrel Rail will build a freight spur to the container terminal by 2028.",
        "two": "Kestrel Rail says the freight spur to the container terminal with Harbour Trust opens in 2028.",
        "three": "Harbour Trust chairs a regatta every summer and Kestrel Rail sponsors the prize for rowers.",
    }
    items = [Evidence(f"{d}:0-{len(t)}", d, t, 0, len(t), "exact") for d, t in texts.items()]
    assert [e.id for e in most_central(items)] in (["one:0-91"], ["two:0-96"])


def test_lexrank_only_ever_sees_a_bounded_shortlist(monkeypatch: object) -> None:
    import briefing.consolidate.summary_select as select

    seen: list[int] = []
    real = select._lexrank

    def spy(candidates: list[Evidence], count: int) -> set[int]:
        seen.append(len(candidates))
        return real(candidates, count)

    monkeypatch.setattr(select, "_lexrank", spy)  # type: ignore[attr-defined]
    many = [
        Evidence(
            f"d{i}:0-60",
            f"d{i}",
            f"Harbour Trust and Kestrel Rail agreed item number {i} of the plan today.",
            0,
            60,
            "exact",
        )
        for i in range(2000)
    ]
    assert len(most_central(many)) == 1
    assert seen == [MAX_CANDIDATES]


def test_a_model_sentence_that_settles_a_disputed_value_is_dropped_with_a_reason() -> None:
    digests = evidence_digests((HARBOUR,), DISPUTES, copy_of=COPY_OF)
    date_ids = [d.id for d in digests if d.field == "date"]
    settled = SummarySentence("Harbour Trust and Kestrel Rail signed a deal on 2 June 2026.", (date_ids[0],))
    both = SummarySentence("The sources date the deal 2 June 2026 or 3 June 2026.", tuple(date_ids))
    vague = SummarySentence("Harbour Trust and Kestrel Rail agreed a freight deal.", (date_ids[0],))
    kept, dropped = validate_summary([settled, both, vague], digests)
    assert kept == (both, vague)
    assert "states the disputed date as settled (2 June 2026)" in dropped[0].reason
    assert all("disputed" in d.value for d in digests if d.field == "date")  # the model is told too


def test_digests_lead_with_central_statements_and_count_independent_sources() -> None:
    statement = VerifiedField("s", ev("gazette", TEXTS["gazette"]))
    extraction = Extraction("gazette", (statement,), (), (), (), 1, 1)
    digests = evidence_digests((*ZENITH, HARBOUR), DISPUTES, extractions=(extraction,), copy_of=COPY_OF)
    assert isinstance(digests[0], EvidenceDigest)
    harbour = [d for d in digests if d.subject == "p-harbour" and d.topic.startswith("story")]
    assert harbour and all("2 independent sources" in d.topic and "story 1" in d.topic for d in harbour)
    assert Dispute("date", ("2 June 2026", "3 June 2026"), ()).values == next(
        d.disputed for d in digests if d.field == "date"
    )
