"""Syndicated copies in disputes, and text the PDF must not gain: every format marks a value whose
source is a copy, counts independent sources per repeated value, and the PDF wraps long tokens
without invisible characters."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pypdf

from briefing.models import Briefing, DiscrepancyValue
from briefing.render import render_html, render_markdown, render_pdf
from tests.briefing_factory import dense_briefing, disputed_briefing, evidence

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _copy_repeats_its_original() -> Briefing:
    """Row 1's date: north says 2 June, south 3 June, and east (a copy of south) 3 June again."""
    base = disputed_briefing()
    south = evidence("south", "A council spokesperson said")
    between = base.discrepancies[0]
    values = (
        between.values[0],
        DiscrepancyValue("2026-06-03", "south", south.quote, south.start, south.end),
        between.values[1],
    )
    return replace(base, discrepancies=(replace(between, values=values), *base.discrepancies[1:]))


def _pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_markdown_marks_the_copy_in_the_cell_and_the_disagreement_table() -> None:
    md = render_markdown(_copy_repeats_its_original())
    # The disputed cell: both sources of 3 June named once, the copy marked.
    date = next(line for line in md.splitlines() if line.startswith("| 1 |")).split(" | ")[3]
    assert date.count("2026-06-03") == 1 and "(copy of " in date
    table = md.split("## Sources disagree")[1].split("\n## ")[0]
    assert "*(copy of " in table
    assert "**2026-06-03** *(2 sources, 1 independent)*" in table
    assert "**2026-06-02** *(" not in table  # one source: nothing to count


def test_html_and_pdf_mark_the_copy_and_count_independent_sources() -> None:
    briefing = _copy_repeats_its_original()
    html = render_html(briefing)
    assert "(copy of " in html and "(2 sources, 1 independent)" in html
    text = re.sub(r"\s+", " ", " ".join(_pdf_text(render_pdf(briefing))))
    assert "(copy of " in text and "(2 sources, 1 independent)" in text


def test_pdf_wraps_a_10000_character_token_and_a_long_path_without_invisible_characters() -> None:
    base = dense_briefing()
    token = "q" * 10_000
    path = "/srv/shared/cases/inputs/b10_bidi_override_in_text-and.more.md"
    row = replace(base.partnerships[0], kind=token)
    docs = (replace(base.documents[0], path=path), *base.documents[1:])
    briefing = replace(base, partnerships=(row, *base.partnerships[1:]), documents=docs)
    pages = _pdf_text(render_pdf(briefing))
    text = "\n".join(pages)
    assert not INVISIBLE.search(text)
    # The token wraps in its column: no line holds much of it, and none of it is lost.
    assert max(len(m) for m in re.findall("q+", text)) < 40  # 6 per piece
    assert text.count("q") >= 10_000
    assert path in re.sub(r"\s+", "", text)  # the path reads back exactly, line breaks aside
    for made in (render_markdown(briefing), render_html(briefing)):
        assert not INVISIBLE.search(made)
