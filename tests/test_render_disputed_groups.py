"""A disputed cell shows each distinct value once, naming a few of its sources and counting the
rest, in Markdown, HTML and PDF; the JSON and the disagreements section keep every source.

Inputs: nine wire services of which seven report one fund size and two another (the minority
value appears first), one of the seven a syndicated copy; and three spellings of a party name.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import pypdf

from briefing.models import Briefing, Discrepancy, DiscrepancyValue, SourceRecord
from briefing.render import render_html, render_json, render_markdown, render_pdf
from briefing.render.sides import SOURCES_NAMED
from tests.briefing_factory import dense_briefing

# (document id, publisher, value given); "wire-c" is a copy of "wire-b".
WIRES = (
    ("wire-a", "Fjord Post", "NOK 55 million"),
    ("wire-b", "Baltic Ledger", "NOK 40 million"),
    ("wire-c", "Coastal Digest", "NOK 40 million"),
    ("wire-d", "Delta Tribune", "NOK 40 million"),
    ("wire-e", "Estuary Times", "NOK 55 million"),
    ("wire-f", "Ferry Herald", "NOK 40 million"),
    ("wire-g", "Glacier Wire", "NOK 40 million"),
    ("wire-h", "Harbour Beacon", "NOK 40 million"),
    ("wire-i", "Island Courier", "NOK 40 million"),
)


def _text(value: str) -> str:
    return f"The consortium said the research fund is worth {value} over five years."


def _on_row_one(field: str, subject: str, values: tuple[DiscrepancyValue, ...], *, cell: str) -> Discrepancy:
    """A disagreement between sources about the first row ("d0") of ``dense_briefing``."""
    return Discrepancy(field=field, subject=subject, values=values, partnership_id="d0", cell=cell)


def _briefing() -> Briefing:
    base = dense_briefing()
    docs = tuple(
        SourceRecord(
            id=doc_id,
            path=f"wires/{doc_id}.txt",
            title=f"Fund story {doc_id}",
            published="2026-05-04",
            published_from="front matter: date",
            publisher=publisher,
            url=None,
            format="text",
            chars=len(_text(value)),
            status="used",
            copy_of="wire-b" if doc_id == "wire-c" else None,
        )
        for doc_id, publisher, value in WIRES
    )
    values = tuple(
        DiscrepancyValue(value, doc_id, _text(value), 0, len(_text(value))) for doc_id, _, value in WIRES
    )
    fund = _on_row_one("figure", "size of the research fund", values, cell="scope")
    spellings = ("Nordvik Labs", "Nordvik Labs", "Nordvik Laboratories", "Nordvik Labs")
    name_values = tuple(
        DiscrepancyValue(name, WIRES[i][0], f"said {name} today", 0, len(f"said {name} today"))
        for i, name in enumerate(spellings)
    )
    spelling = _on_row_one("name", "spelling of Nordvik Labs", name_values, cell="parties")
    row = replace(base.partnerships[0], disputed=("parties", "scope"))
    return replace(
        base,
        documents=(*base.documents, *docs),
        partnerships=(row, *base.partnerships[1:]),
        discrepancies=(fund, spelling),
    )


def _row_one(markdown: str) -> list[str]:
    return next(line for line in markdown.splitlines() if line.startswith("| 1 |")).split(" | ")


def test_markdown_cell_shows_each_value_once_with_at_most_three_sources() -> None:
    scope = _row_one(render_markdown(_briefing()))[5]
    assert scope.count("NOK 40 million") == 1 and scope.count("NOK 55 million") == 1
    # The value seven sources give comes first although the other appears first.
    assert scope.startswith("**disputed:** NOK 40 million (Baltic Ledger, 4 May 2026; Coastal Digest, ")
    assert "Coastal Digest, 4 May 2026 (copy of Baltic Ledger, 4 May 2026)" in scope
    assert "Delta Tribune, 4 May 2026; +4 more)" in scope
    assert " vs NOK 55 million (Fjord Post, 4 May 2026; Estuary Times, 4 May 2026)" in scope
    for hidden in ("Ferry Herald", "Glacier Wire", "Harbour Beacon", "Island Courier"):
        assert hidden not in scope
    assert len(scope) < 400


def test_markdown_marker_cites_the_quotes_of_the_sources_named() -> None:
    md = render_markdown(_briefing())
    scope = _row_one(md)[5]
    markers = re.findall(r"\[([0-9–, ]+)\]", scope)
    assert len(markers) == 2
    cited = {int(n) for part in markers[0].split(", ") for n in re.findall(r"\d+", part)}
    assert 1 <= len(cited) <= SOURCES_NAMED
    disagreements = md.split("## Sources disagree")[1]
    for name in ("Baltic Ledger", "Island Courier", "Fjord Post"):  # every source is still listed
        assert name in disagreements


def test_markdown_party_spellings_are_grouped_the_same_way() -> None:
    parties = _row_one(render_markdown(_briefing()))[1]
    assert parties.count("Nordvik Labs (") == 1 and parties.count(" vs ") == 1
    assert "Nordvik Labs (Fjord Post, 4 May 2026; Baltic Ledger, 4 May 2026; Delta Tribune, " in parties
    assert " vs Nordvik Laboratories (Coastal Digest, 4 May 2026; copy of Baltic Ledger" in parties


def test_json_keeps_every_value_with_its_source() -> None:
    data = json.loads(render_json(_briefing()))
    fund = next(d for d in data["discrepancies"] if d["cell"] == "scope")
    assert [(v["value"], v["document_id"]) for v in fund["values"]] == [(v, d) for d, _, v in WIRES]


def test_html_cell_shows_each_value_once() -> None:
    html = render_html(_briefing())
    row = re.search(r"<tr[^>]*>\s*<td[^>]*>\s*1\b.*?</tr>", html, re.S)
    assert row is not None
    cell = row.group(0)
    assert cell.count("NOK 40 million") == 1 and cell.count("NOK 55 million") == 1
    assert "+4 more" in cell and "Island Courier" not in cell
    assert cell.count("Nordvik Labs") == 1


def test_pdf_cell_shows_each_value_once_and_fits_the_first_page() -> None:
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_pdf(_briefing()))).pages]
    first = re.sub(r"\s+", " ", pages[0])
    table = first.split("# Parties Kind Date Status Scope Sources", 1)[1].split("Sources disagree Size")[0]
    assert "+4 more" in table  # the whole cell is on page 1
    assert table.count("NOK 40 million") == 1 and table.count("NOK 55 million") == 1
    assert "Island Courier" not in table
