"""PDF rendering with typst: content, hostile text as literal text, page layout, determinism, errors."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import io
import json
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pypdf
import pytest

from briefing.errors import RenderError
from briefing.models import Briefing
from briefing.render import pdf_chunks, render_pdf, to_contract
from briefing.render.pdf import _one_line, compile_typst
from briefing.render.pdf_chunks import WORKER, ChunkJob, Layout, compile_parts, seam, section_groups
from briefing.render.pdf_units import split_view
from briefing.render.view import build_view
from tests.briefing_factory import (
    ACCENTED,
    JS_TITLE,
    LONG_QUOTE,
    PIPE_PARTY,
    SCRIPT,
    TYPST_MARKUP,
    dense_briefing,
    empty_briefing,
    hostile_briefing,
    long_briefing,
)


@cache
def _pdf(name: str) -> bytes:
    make = {"hostile": hostile_briefing, "long": long_briefing, "empty": empty_briefing}[name]
    return render_pdf(make())


def _pages(pdf: bytes) -> list[str]:
    """Text per page, with line breaks and hyphenation undone so phrases can be searched."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        text = page.extract_text()
        # typst hyphenates long words in narrow cells: "-" where the PDF is tagged, else a soft hyphen.
        text = re.sub(r"[-\xad]\n", "", text)
        pages.append(re.sub(r"\s+", " ", text))
    return pages


def test_pdf_contains_parties_and_the_quoted_source_slice() -> None:
    text = " ".join(_pages(_pdf("hostile")))
    assert text.startswith("Briefing — 2026-03-05")
    assert PIPE_PARTY in text
    assert ACCENTED.replace(" ", " ") in text
    assert (
        "Officials said <script>alert(1)</script> was a joke. (ch. 183–235)" in text
    )  # verbatim: source marker
    assert f"ch. 336–3056: “{LONG_QUOTE[:80]}" in text  # a paraphrased key point: its slice is printed


def test_hostile_source_text_prints_literally() -> None:
    text = " ".join(_pages(_pdf("hostile")))
    for hostile in (SCRIPT, JS_TITLE, TYPST_MARKUP, '<img src=x onerror="alert(2)">', "# signed"):
        assert hostile in text
    assert "cyber defence and red-teaming | injected | row |" in text  # newlines collapsed


def test_only_http_urls_become_pdf_links() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_pdf("hostile")))
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    # A long URL is wrapped in pieces (see wrap-long in the template), each its own link area.
    assert sorted(set(uris)) == ["https://news.example/alpha", "https://news.example/gamma"]


def test_sections_and_notices_match_the_markdown() -> None:
    text = " ".join(_pages(_pdf("hostile")))
    order = [
        "Executive summary",
        "Partnerships",
        "Sources disagree",
        "Source summaries",
        "Unverified",
        "Sources 1. ",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "No language model was used" in text
    assert "10 of 12 proposed quotes verified" in text
    assert "gamma: skipped (binary file | <b>not text</b>)" in text
    assert "Duplicate of alpha" in text
    assert "single source" in text


def test_empty_briefing_says_so_in_each_section() -> None:
    text = " ".join(_pages(_pdf("empty")))
    assert "No partnerships were found in these sources." in text
    assert "No input documents." in text
    assert "Page 1 of 1" in text


def test_long_briefing_repeats_the_table_header_and_numbers_pages() -> None:
    pages = _pages(_pdf("long"))
    assert len(pages) > 2
    header = "# Parties Kind Date Status Scope Sources"
    assert header in pages[0]
    assert pages[1].startswith(header)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_quotes_are_printed_under_their_row_not_as_footnotes() -> None:
    pages = _pages(_pdf("long"))
    first = pages[0]
    # Row 1 owns its slices and prints them right under it; later rows reuse the numbers.
    assert first.count("ch. 0–15: “Acme | Partners”") == 1
    assert first.count("Acme | Partners also: Acme") > 2
    assert all("ch. 0–15: “Acme | Partners”" not in page for page in pages[1:])


@cache
def _dense_pages() -> list[str]:
    return _pages(render_pdf(dense_briefing()))


def test_first_page_shows_the_summary_and_the_whole_table() -> None:
    first = _dense_pages()[0]
    for sentence in ("Northwind Labs and Ridge Systems signed a letter of intent.", "(70% vs 75%)."):
        assert sentence in first
    assert "# Parties Kind Date Status Scope Sources" in first
    assert "signed, confirmed8, 9" in first  # the last row's status cell, with its marker


def test_row_quotes_name_the_source_by_publisher_and_date() -> None:
    text = " ".join(_dense_pages())
    assert (
        "1 Harbour Gazette, 3 Mar 2026, ch. 0–51: “Northwind Labs signed a memorandum of understanding”"
        in text
    )
    assert "(north)" not in text.split("Sources 1.")[0]


def test_disputed_value_stands_out_with_its_spaces_kept() -> None:
    # The quote is printed in three pieces (before, value in bold, after): no space may be lost.
    text = " ".join(_dense_pages())
    assert "“Officials said about 70% of the research budget is already committed.”" in text


def test_output_is_deterministic_and_dated_by_the_briefing() -> None:
    assert render_pdf(long_briefing()) == _pdf("long")
    reader = pypdf.PdfReader(io.BytesIO(_pdf("hostile")))
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == "D:20260305000000Z"
    assert reader.metadata["/Title"] == "Briefing — 2026-03-05"


def test_typst_errors_become_render_errors() -> None:
    with pytest.raises(RenderError, match="typst could not compile"):
        compile_typst(b"#let x = (", data="{}", timestamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_template_cannot_read_files_outside_its_root(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    template = f'#read("{secret.as_posix()}")'.encode()
    with pytest.raises(RenderError):
        compile_typst(template, data="{}", timestamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_bad_briefing_date_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="briefing_date"):
        render_pdf(replace(empty_briefing(), briefing_date="2026-13-45"))


# A long briefing is laid out by several compiles (in child processes) that meet at page breaks,
# with each section after the table on a new page. A small budget forces that on a briefing small
# enough to compile in one go, to compare it with one compile given the same section breaks.
BUDGET = 60_000  # runs of 30,000 characters: about a page and a half of this briefing's table


def _one_compile_with_section_pages(briefing: Briefing) -> bytes:
    meta, units = split_view(_one_line(dataclasses.asdict(build_view(to_contract(briefing)))))
    data = json.dumps({**meta, "footer": True, "report": False, "section_pages": True, "units": units})
    template = resources.files("briefing.render").joinpath("templates", "briefing.typ").read_bytes()
    return compile_typst(template, data=data, timestamp=dt.datetime(2026, 3, 5, tzinfo=dt.UTC))


@cache
def _one_and_chunked() -> tuple[list[str], list[str], bytes]:
    briefing = long_briefing(rows=60)
    chunked = render_pdf(briefing, budget=BUDGET, workers=2)
    return _pages(_one_compile_with_section_pages(briefing)), _pages(chunked), chunked


def _without_footer(page: str) -> str:
    return re.sub(r" ?Briefing — \d{4}-\d\d-\d\d Page \d+ of \d+ ?", " ", page.replace("\xad", "-")).strip()


def test_chunked_layout_matches_one_compile_page_for_page() -> None:
    one, chunked, _ = _one_and_chunked()
    assert len(chunked) == len(one) > 4
    assert [_without_footer(p) for p in chunked] == [_without_footer(p) for p in one]


def test_chunked_pdf_starts_each_section_after_the_table_on_a_new_page() -> None:
    _, pages, _ = _one_and_chunked()
    openings = ["Sources disagree", "Source summaries", "Unverified", "Sources 1."]
    starts = [next(i for i, p in enumerate(pages) if p.startswith(o)) for o in openings]
    assert starts == sorted(starts) and starts[0] > 2  # the table runs over the first pages
    assert all(not any(o in page for o in openings) for page in pages[: starts[0]])


def test_chunked_pdf_is_the_same_with_one_worker_or_two() -> None:
    _, _, pdf = _one_and_chunked()
    assert render_pdf(long_briefing(rows=60), budget=BUDGET, workers=1) == pdf


def test_chunked_pdf_numbers_every_page_and_repeats_the_table_header() -> None:
    _, pages, pdf = _one_and_chunked()
    for number, page in enumerate(pages, start=1):
        assert page.count(f"Page {number} of {len(pages)}") == 1
    table_pages = [p for p in pages if "Acme | Partners also" in p]
    assert len(table_pages) > 3
    assert all("# Parties Kind Date Status Scope Sources" in p for p in table_pages)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata["/Title"] == "Briefing — 2026-03-05"
    assert render_pdf(long_briefing(rows=60), budget=BUDGET, workers=2) == pdf  # still deterministic


def test_section_groups_start_at_each_opening_unit() -> None:
    units = [{"kind": "head"}, {"kind": "row"}, {"kind": "summary", "opens": True}, {"kind": "summary"}]
    units += [{"kind": "no-rejected", "opens": False}, {"kind": "source", "opens": True}]
    assert section_groups(units) == [(0, 2), (2, 5), (5, 6)]
    assert section_groups([{"kind": "head", "opens": True}]) == [(0, 1)]


def test_the_compile_worker_imports_nothing_from_briefing() -> None:
    # Run as a script by path in each child; importing briefing.render would cost ~0.7 s a compile.
    tree = ast.parse(WORKER.read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert names and not [n for n in names if n.split(".")[0] == "briefing"]


def test_seam_restarts_at_the_last_page_a_unit_opens() -> None:
    # Units 0-5 over 3 pages; unit 2 runs from page 1 onto page 2, unit 4 opens page 3.
    layout = Layout(
        pages=3, starts={0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 3}, ends={0: 1, 1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
    )
    assert seam(layout, 0, 6) == (2, 4)
    # Every page starts inside a unit: keep them all and start the next compile after the run.
    split = Layout(pages=3, starts={0: 1, 1: 1, 2: 2, 3: 2}, ends={0: 1, 1: 2, 2: 2, 3: 3})
    assert seam(split, 0, 4) == (3, 4)


def test_a_failing_chunk_is_a_render_error(tmp_path: Path) -> None:
    job = ChunkJob(b"#let x = (", {}, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), ())
    with pytest.raises(RenderError, match="typst could not compile"):
        compile_parts(job, [{"kind": "head", "at": 0}], [10])


def test_a_failing_section_stops_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake(job: ChunkJob, units: Sequence[dict[str, Any]], work: Path, n: int) -> tuple[bytes, Layout]:
        if units[0]["kind"] == "bad":
            raise RenderError("typst could not compile the PDF: bad unit")
        calls.append(units[0]["at"])
        time.sleep(0.02)
        return b"", Layout(pages=1, starts={units[0]["at"]: 1}, ends={units[0]["at"]: 1})

    monkeypatch.setattr(pdf_chunks, "_compile_in_child", fake)
    units = [{"kind": "row", "at": i} for i in range(40)] + [{"kind": "bad", "at": 40, "opens": True}]
    job = ChunkJob(b"", {}, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), ())
    with pytest.raises(RenderError, match="bad unit"):
        compile_parts(job, units, [10] * 41, budget=10, workers=2)  # one unit per run
    assert len(calls) < 40
