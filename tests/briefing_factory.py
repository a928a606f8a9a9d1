"""Hand-built ``Briefing`` values for the render tests, including hostile and unusual source text.

Evidence is made the way grounding makes it: each quote is the slice ``text[start:end]`` of a
small in-memory document, so offsets in rendered output can be checked against real text.

Run as a script to write the sample renders for a visual check::

    python -m tests.briefing_factory /tmp/render
    pdftoppm -r 60 -png /tmp/render/long.pdf /tmp/render/long
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefing.models import (
    Briefing,
    Discrepancy,
    DiscrepancyValue,
    DocumentSummary,
    EngineInfo,
    Evidence,
    Partnership,
    Rejection,
    SourceRecord,
    SummarySentence,
    Usage,
    VerifiedField,
)

PIPE_PARTY = "Acme | Partners"
SCRIPT = "<script>alert(1)</script>"
JS_TITLE = "[click](javascript:alert(1))"
IMG = '<img src=x onerror="alert(2)">'
NEWLINE_SCOPE = "cyber defence\nand red-teaming\n| injected | row |"
HASH_STATUS = "# signed"
JAPANESE = "日本電気株式会社"
ACCENTED = "Société Générale de Sécurité, Zürich"
TYPST_MARKUP = '#set text(fill: red) *bold* <lab> @ref $x^2$ #import "/etc/passwd"'
LONG_QUOTE = " ".join(
    f"Sentence {i} of a very long statement about the agreement, its terms and its many partners."
    for i in range(1, 31)
)

TEXTS = {
    "alpha": (
        f"Acme | Partners signed a memorandum of understanding with {ACCENTED} on 3 March 2026. "
        f"The agreement covers {NEWLINE_SCOPE}. Officials said {SCRIPT} was a joke. "
        f"{TYPST_MARKUP}. The deal was {HASH_STATUS} in Paris. {LONG_QUOTE}"
    ),
    "beta": (
        f"{JAPANESE} and Acme | Partners announced a partnership on 4 March 2026. "
        f"A spokesperson called it {IMG} a milestone. Café owners in Zürich applauded."
    ),
    "north": (
        "Northwind Labs signed a memorandum of understanding with the Harbour Council on 2 June 2026. "
        "The memorandum covers joint research on flood sensors and shared testing facilities. "
        "Officials said about 70% of the research budget is already committed. "
        "Northwind Labs also signed a letter of intent with Ridge Systems to supply sensor housings."
    ),
    "south": (
        "The Harbour Council and Northwind Labs agreed a memorandum of understanding on June 2, 2026, "
        "to run joint research on flood sensors. A council spokesperson said about 75% of the "
        "research budget is already committed. Ridge Systems confirmed the letter of intent with "
        "Northwind Labs on 5 June 2026, covering sensor housings for the pilot."
    ),
}
TEXTS["east"] = (
    "The Harbour Council said its memorandum with Northwind Labs was signed on 3 June 2026.\n\n"
    "A later council notice gave the signing date as 4 June 2026."
)
LONG_TITLE = "Coastal city and sensor start-up sign research memorandum as flood season approaches early"


def evidence(doc: str, quote: str, *, ev_id: str | None = None) -> Evidence:
    """Locate ``quote`` in a sample document, as grounding would."""
    text = TEXTS[doc]
    start = text.index(quote)
    return Evidence(
        id=ev_id or f"{doc}:{start}-{start + len(quote)}",
        document_id=doc,
        quote=quote,
        start=start,
        end=start + len(quote),
        match="exact",
    )


def _verified(doc: str, quote: str, value: str | None = None) -> VerifiedField:
    return VerifiedField(value=value or quote, evidence=evidence(doc, quote))


def _source(doc_id: str, **overrides: Any) -> SourceRecord:
    record = SourceRecord(
        id=doc_id,
        path=f"sources/{doc_id}.md",
        title=f"Title of {doc_id}",
        published="2026-03-03",
        published_from="front matter: date",
        publisher="Example News",
        url=f"https://news.example/{doc_id}",
        format="markdown",
        chars=len(TEXTS.get(doc_id, "")),
        status="used",
    )
    return replace(record, **overrides)


def partnership(index: int, *, sources: tuple[str, ...] = ("alpha", "beta")) -> Partnership:
    party = evidence("alpha", "Acme | Partners")
    kind = evidence("alpha", "memorandum of understanding")
    date = evidence("alpha", "3 March 2026")
    scope = evidence("alpha", NEWLINE_SCOPE)
    status = evidence("alpha", HASH_STATUS)
    other = evidence("beta", JAPANESE)
    return Partnership(
        id=f"p{index}",
        parties=(PIPE_PARTY, ACCENTED, JAPANESE),
        aliases=((PIPE_PARTY, ("Acme",)),),
        kind="memorandum of understanding",
        date="2026-03-03",
        status=HASH_STATUS,
        scope=NEWLINE_SCOPE,
        sources=sources,
        evidence=(
            ("party", party),
            ("party", other),
            ("kind", kind),
            ("date", date),
            ("status", status),
            ("scope", scope),
        ),
    )


def hostile_briefing() -> Briefing:
    """A small briefing whose every section holds hostile or unusual source text."""
    long_quote = evidence("alpha", LONG_QUOTE)
    script = evidence("alpha", f"Officials said {SCRIPT} was a joke.")
    typst_ev = evidence("alpha", TYPST_MARKUP)
    summaries = (
        DocumentSummary(
            document_id="alpha",
            title=JS_TITLE,
            sentences=(VerifiedField(value=script.quote, evidence=script), _verified("alpha", TYPST_MARKUP)),
            key_points=(VerifiedField(value="A very long statement.", evidence=long_quote),),
        ),
        DocumentSummary(
            document_id="beta",
            title=f"{JAPANESE}: café",
            sentences=(_verified("beta", "Café owners in Zürich applauded."),),
            key_points=(),
        ),
    )
    exec_summary = (
        SummarySentence(text="# Acme | Partners signed an MOU.", citations=(script.id, long_quote.id)),
        SummarySentence(text=f"It was {SCRIPT} reported twice.", citations=(script.id, typst_ev.id)),
    )
    discrepancy = Discrepancy(
        field="date",
        subject=f"{PIPE_PARTY} – {JAPANESE}",
        values=(
            DiscrepancyValue("2026-03-03", "alpha", "3 March 2026", *_span("alpha", "3 March 2026")),
            DiscrepancyValue("#2026-03-04", "beta", "4 March 2026", *_span("beta", "4 March 2026")),
        ),
    )
    rejection = Rejection(
        document_id="beta",
        field="party",
        value=f"[evil](javascript:alert(3)) {IMG}",
        quote=f"Evil Corp\n> signed {SCRIPT}",
        match="not_found",
        reason=f"quote not found in the document | {IMG}",
    )
    return Briefing(
        briefing_date="2026-03-05",
        engine=EngineInfo(name="offline", notice="No language model was used: sentences are extracted."),
        documents=(
            _source("alpha", title=JS_TITLE, warnings=("date <guessed> | from dateline",)),
            _source(
                "beta",
                title=f"{JAPANESE} – {ACCENTED}",
                url="javascript:alert(4)",
                removed=("newsletter prompt x2", "draft placeholder"),
            ),
            _source("gamma", status="skipped", reason="binary file | <b>not text</b>", title=None, chars=0),
            _source("delta", status="failed", reason="engine error: timeout", url="data:text/html,hi"),
            _source("alpha-copy", status="not cited", duplicate_of="alpha", url=None, published=None),
        ),
        partnerships=(partnership(1), partnership(2, sources=("alpha",))),
        summaries=summaries,
        executive_summary=exec_summary,
        discrepancies=(discrepancy,),
        unverified=(rejection,),
        usage=Usage(),
        quotes_proposed=12,
        quotes_verified=10,
    )


def _span(doc: str, quote: str) -> tuple[int, int]:
    start = TEXTS[doc].index(quote)
    return start, start + len(quote)


def long_briefing(rows: int = 40) -> Briefing:
    """Many rows and sources, so the PDF spans several pages and the table breaks across them."""
    base = hostile_briefing()
    model_engine = EngineInfo(
        name="anthropic", model="claude-test", prompt_version="abc123", uses_language_model=True
    )
    return replace(
        base,
        engine=model_engine,
        partnerships=tuple(
            partnership(i, sources=("alpha",) if i % 3 else ("alpha", "beta")) for i in range(rows)
        ),
        usage=Usage(input_tokens=1200, output_tokens=300, calls=3, cost_usd=0.0123),
    )


def _dense_rows() -> tuple[Partnership, ...]:
    cells = (
        {
            "party": [
                ("north", "Northwind Labs signed"),
                ("north", "with the Harbour Council"),
                ("south", "The Harbour Council and Northwind Labs agreed"),
            ],
            "kind": [
                ("north", "signed a memorandum of understanding"),
                ("south", "agreed a memorandum of understanding"),
            ],
            "date": [("north", "on 2 June 2026"), ("south", "on June 2, 2026")],
            "status": [("north", "Northwind Labs signed a memorandum"), ("south", "Northwind Labs agreed")],
            "scope": [
                ("north", "joint research on flood sensors and shared testing facilities"),
                ("south", "to run joint research on flood sensors"),
            ],
        },
        {
            "party": [
                ("north", "Northwind Labs also signed a letter of intent with Ridge Systems"),
                ("south", "Ridge Systems confirmed the letter of intent with Northwind Labs"),
            ],
            "kind": [("north", "letter of intent"), ("south", "confirmed the letter of intent")],
            "date": [("south", "on 5 June 2026")],
            "status": [("north", "also signed"), ("south", "Ridge Systems confirmed")],
            "scope": [
                ("north", "to supply sensor housings"),
                ("south", "covering sensor housings for the pilot"),
            ],
        },
    )
    names = (("Northwind Labs", "Harbour Council"), ("Northwind Labs", "Ridge Systems"))
    return tuple(
        Partnership(
            id=f"d{i}",
            parties=names[i],
            aliases=((names[i][1], ("the Harbour Council",)),) if i == 0 else (),
            kind=("memorandum of understanding", "letter of intent")[i],
            date=("2026-06-02", "2026-06-05")[i],
            status=("signed", "signed, confirmed")[i],
            scope=("joint research on flood sensors", "sensor housings")[i],
            sources=("north", "south"),
            evidence=tuple((name, evidence(doc, q)) for name, quotes in row.items() for doc, q in quotes),
        )
        for i, row in enumerate(cells)
    )


def dense_briefing() -> Briefing:
    """Shaped like a real run: summary sentences that restate table rows and cite every cell's
    quote, a discrepancy sentence, long titles. Too many citations bury the table here."""
    rows = _dense_rows()
    cited = [tuple(ev.id for name, ev in row.evidence if name != "scope") for row in rows]
    seventy = evidence("north", "Officials said about 70% of the research budget is already committed.")
    seventy_five = evidence(
        "south", "A council spokesperson said about 75% of the research budget is already committed."
    )
    sentence = evidence(
        "north", "The memorandum covers joint research on flood sensors and shared testing facilities."
    )
    return Briefing(
        briefing_date="2026-06-10",
        engine=EngineInfo(name="offline", notice="No language model was used."),
        documents=(
            _source("north", title=LONG_TITLE, publisher="Harbour Gazette"),
            _source("south", title=f"{LONG_TITLE}, council says", url=None),
        ),
        partnerships=rows,
        summaries=(
            DocumentSummary(
                document_id="north",
                title=LONG_TITLE,
                sentences=(
                    VerifiedField(value=seventy.quote, evidence=seventy),
                    VerifiedField(value=sentence.quote, evidence=sentence),
                ),
                key_points=(),
            ),
        ),
        executive_summary=(
            SummarySentence(
                text="2 agreements are reported across 2 documents.",
                citations=(rows[0].evidence[3][1].id, rows[1].evidence[2][1].id),
            ),
            SummarySentence(
                text="Northwind Labs and Harbour Council signed a memorandum of understanding.",
                citations=cited[0],
            ),
            SummarySentence(
                text="Northwind Labs and Ridge Systems signed a letter of intent.", citations=cited[1]
            ),
            SummarySentence(
                text="Sources disagree on the committed share of the budget (70% vs 75%).",
                citations=(seventy.id, seventy_five.id),
            ),
        ),
        discrepancies=(
            Discrepancy(
                field="figure",
                subject="the committed share of the research budget",
                values=(
                    DiscrepancyValue("70%", "north", seventy.quote, seventy.start, seventy.end),
                    DiscrepancyValue(
                        "75%", "south", seventy_five.quote, seventy_five.start, seventy_five.end
                    ),
                ),
            ),
        ),
        unverified=(),
        usage=Usage(),
        evidence=(seventy_five,),
        quotes_proposed=24,
        quotes_verified=24,
    )


def disputed_briefing() -> Briefing:
    """Row 1's date is disputed between sources, one source contradicts itself, one is a copy."""
    base = dense_briefing()
    north = evidence("north", "2 June 2026")
    east = evidence("east", "3 June 2026")
    later = evidence("east", "4 June 2026")
    between = Discrepancy(
        field="date",
        subject="signing date of the Northwind Labs memorandum",
        values=(
            DiscrepancyValue("2026-06-02", "north", north.quote, north.start, north.end),
            DiscrepancyValue("2026-06-03", "east", east.quote, east.start, east.end),
        ),
        scope="between_sources",
        partnership_id="d0",
    )
    within = Discrepancy(
        field="date",
        subject="signing date in the council's statements",
        values=(
            DiscrepancyValue("2026-06-03", "east", east.quote, east.start, east.end),
            DiscrepancyValue("2026-06-04", "east", later.quote, later.start, later.end),
        ),
        scope="within_document",
    )
    row = replace(base.partnerships[0], disputed=("date",), sources=("north", "south", "east"))
    return replace(
        base,
        documents=(
            *base.documents,
            _source("east", title="Council statement", publisher="Example News", copy_of="south"),
        ),
        partnerships=(row, *base.partnerships[1:]),
        discrepancies=(between, within, *base.discrepancies),
    )


def empty_briefing() -> Briefing:
    """Nothing found: every section must say so rather than vanish."""
    return Briefing(
        briefing_date="2026-01-31",
        engine=EngineInfo(name="offline"),
        documents=(),
        partnerships=(),
        summaries=(),
        executive_summary=(),
        discrepancies=(),
        unverified=(),
        usage=Usage(),
        quotes_proposed=0,
        quotes_verified=0,
    )


def _write_samples(out: Path) -> None:
    from briefing.render import render_json, render_markdown, render_pdf

    out.mkdir(parents=True, exist_ok=True)
    makers = {
        "hostile": hostile_briefing,
        "long": long_briefing,
        "empty": empty_briefing,
        "dense": dense_briefing,
    }
    for name, make in makers.items():
        briefing = make()
        (out / f"{name}.md").write_text(render_markdown(briefing), encoding="utf-8")
        (out / f"{name}.json").write_text(render_json(briefing), encoding="utf-8")
        (out / f"{name}.pdf").write_bytes(render_pdf(briefing))


if __name__ == "__main__":
    _write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/render"))
