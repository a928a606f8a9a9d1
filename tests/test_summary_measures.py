"""Disagreements are told by what they measure, a few per sentence, each value cited; a party of
one agreement is not called central. Hand-built rows and discrepancies (a ferry concession, a
water-board loan, a school-meals contract), not the sample corpus."""

from __future__ import annotations

from langchain_core.documents import Document

from briefing.consolidate import evidence_digests, offline_executive_summary, validate_summary
from briefing.consolidate.summary_measures import measure_of, shown_values
from briefing.models import Discrepancy, DiscrepancyValue, Evidence, Partnership, SummarySentence

TEXTS = {
    "tide": "Orla Ferries and Skerry Council signed a concession for 20 years worth $90m covering six vessels.",
    "quay": "Skerry Council and Orla Ferries agreed a concession for 25 years worth $95m covering seven vessels.",
    "copy": "Orla Ferries and Skerry Council signed a concession for 20 years worth $90m covering six vessels.",
    "bank": "Fenwater Board and Lune Bank signed a loan agreement on 4 May 2026 for new mains.",
    "mill": "Fenwater Board and Lune Bank signed a loan agreement on 6 May 2026 for new mains.",
    "meal": "Brae Catering and Corran Schools signed a contract on 9 May 2026 for 40 schools, or 44 schools.",
}


def ev(doc: str, quote: str) -> Evidence:
    start = TEXTS[doc].index(quote)
    return Evidence(f"{doc}:{start}-{start + len(quote)}", doc, quote, start, start + len(quote), "exact")


def dv(doc: str, value: str, quote: str) -> DiscrepancyValue:
    e = ev(doc, quote)
    return DiscrepancyValue(value, doc, quote, e.start, e.end)


def row(
    pid: str, parties: tuple[str, str], kind: str, date: str | None, sources: tuple[str, ...], **kw: object
) -> Partnership:
    evidence = [("party", ev(d, p)) for d in sources for p in parties]
    evidence += [("kind", ev(d, kind)) for d in sources]
    if date:
        evidence += [("date", ev(d, TEXTS[d].split(" on ")[1].split(" for ")[0])) for d in sources]
    return Partnership(pid, parties, (), kind, date, "signed", None, sources, tuple(evidence), **kw)  # type: ignore[arg-type]


FERRY = "concession between Orla Ferries and Skerry Council"
FERRY_DISPUTES = (
    Discrepancy("figure", f"term (years) of the {FERRY}", (dv("tide", "20 years", "20 years"), dv("quay", "25 years", "25 years")), partnership_id="p-ferry"),
    Discrepancy("figure", f"value of the {FERRY}", (dv("tide", "$90m", "$90m"), dv("quay", "$95m", "$95m")), partnership_id="p-ferry"),
    Discrepancy("figure", f"number of vessels of the {FERRY}", (dv("tide", "six vessels", "six vessels"), dv("quay", "seven vessels", "seven vessels")), partnership_id="p-ferry"),
    Discrepancy("name", "spelling of Orla Ferries", (dv("tide", "Orla Ferries", "Orla Ferries"), dv("quay", "Orla Ferries", "Orla Ferries")), partnership_id="p-ferry"),
)  # fmt: skip
LOAN = Discrepancy(
    "date", "loan agreement between Fenwater Board and Lune Bank",
    (dv("bank", "2026-05-04", "4 May 2026"), dv("mill", "2026-05-06", "6 May 2026")), partnership_id="p-loan",
)  # fmt: skip
WITHIN = Discrepancy(
    "figure", "the number given for “schools served”",
    (dv("meal", "40 schools", "40 schools"), dv("meal", "44 schools", "44 schools")), "within_document",
)  # fmt: skip
# the other engineer's naming: ``disputed`` lists cells ("scope", "parties"), not "figure"/"name"
FERRY_ROW = row("p-ferry", ("Orla Ferries", "Skerry Council"), "concession", None, ("tide", "quay", "copy"),
                disputed=("scope", "parties"))  # fmt: skip
LOAN_ROW = row("p-loan", ("Fenwater Board", "Lune Bank"), "loan agreement", "2026-05-04", ("bank", "mill"),
               disputed=("date",))  # fmt: skip
MEAL_ROW = row("p-meal", ("Brae Catering", "Corran Schools"), "contract", "2026-05-09", ("meal",))
ROWS = (FERRY_ROW, LOAN_ROW, MEAL_ROW)
DISPUTES = (*FERRY_DISPUTES, LOAN, WITHIN)


def summary() -> tuple[SummarySentence, ...]:
    docs = [Document(page_content=t, metadata={"id": d}) for d, t in TEXTS.items()]
    return offline_executive_summary(ROWS, DISPUTES, docs, copy_of={"copy": "tide"})


def test_each_disagreement_is_named_by_what_it_measures() -> None:
    assert [measure_of(d).label for d in DISPUTES] == [
        "term", "value", "number of vessels", "spelling of Orla Ferries", "date", "number given for “schools served”",
    ]  # fmt: skip
    term = measure_of(FERRY_DISPUTES[0])
    assert shown_values("figure", term, ["20-year", "25 years"]) == (("20", "25"), "years")
    vessels = measure_of(FERRY_DISPUTES[2])
    assert shown_values("figure", vessels, ["six new vessels", "seven vessels"]) == (("six", "seven"), "")
    # values that do not share a shape are shown as written
    assert shown_values("figure", term, ["20 years", "until 2046"]) == (("20 years", "until 2046"), "")
    # a kind with "of" in it stays whole; the measure is cut at the last "of the" before "between"
    mou = Discrepancy("figure", "value of the memorandum of understanding between Port of Ayr and X", ())
    assert measure_of(mou).label == "value"


def test_the_lead_tells_a_few_measures_with_their_values_then_counts_the_rest() -> None:
    lead = summary()[0]
    assert lead.text.startswith("Lead story, reported by 2 independent sources (plus 1 copy): ")
    assert (
        "sources differ on the term (20 vs 25 years), the value ($90m vs $95m) and the number of vessels (six vs seven)"
        in lead.text
    )
    assert "and on 1 more point (see Sources disagree)" in lead.text
    assert (
        "differs between sources (20 years vs $90m" not in lead.text
    )  # unlike measures are never run together
    assert (
        "the scope" not in lead.text and "the parties" not in lead.text
    )  # cell names covered by the figures
    for d in FERRY_DISPUTES[:3]:  # each side of each shown disagreement is cited
        assert {f"disc-{v.document_id}-{v.start}-{v.end}" for v in d.values} <= set(lead.citations) or {
            ev.id for v in d.values for _f, ev in FERRY_ROW.evidence if (ev.start, ev.end) == (v.start, v.end)
        } <= set(lead.citations)


def test_a_party_in_one_agreement_is_not_central_and_disputed_dates_are_never_settled() -> None:
    texts = [s.text for s in summary()]
    assert not any("central part" in t for t in texts)
    loan = next(t for t in texts if "Fenwater Board" in t)
    assert "4 May 2026 vs 6 May 2026" in loan and "on 4 May" not in loan
    assert (
        "Inconsistent within one source, on 1 point: the number given for “schools served” (40 vs 44 schools)."
        in texts
    )
    assert all(s.citations for s in summary())


def test_the_model_path_gets_measures_and_is_held_to_each_one_apart() -> None:
    digests = evidence_digests(ROWS, DISPUTES, copy_of={"copy": "tide"})
    measures = {d.measure for d in digests if d.subject == "p-ferry" and d.disputed}
    assert {"term (years)", "value", "number of vessels"} <= measures
    term_ids = tuple(d.id for d in digests if d.measure == "term (years)")
    value_ids = tuple(d.id for d in digests if d.measure == "value")
    settles = SummarySentence("Orla Ferries won a 20-year concession; sources differ on the value ($90m vs $95m).",
                              (*term_ids, *value_ids))  # fmt: skip
    fair = SummarySentence("The term (20 vs 25 years) and the value ($90m vs $95m) differ between sources.",
                           (*term_ids, *value_ids))  # fmt: skip
    kept, dropped = validate_summary([settles, fair], digests)
    assert kept == (fair,)
    assert "term (years)" in dropped[0].reason and "20 years vs 25 years" in dropped[0].reason
    # a date that merely shares a number with a disputed figure is not a settled figure
    dated = SummarySentence(
        "The loan of 25 May was reported; the term (20 vs 25 years) is disputed.", term_ids
    )
    assert validate_summary([dated], digests)[0] == (dated,)
