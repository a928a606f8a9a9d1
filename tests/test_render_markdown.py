"""Markdown rendering: sections, footnote numbering, and that hostile source text stays inert.

The Markdown is parsed with markdown-it (CommonMark + GFM tables, HTML enabled, as a permissive
viewer would) so the tests check what a reader's renderer would actually build, not string shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from briefing.errors import RenderError
from briefing.models import Briefing, Discrepancy, DiscrepancyValue, EngineInfo, SummarySentence
from briefing.render import render_markdown
from briefing.render.escape import plain
from briefing.render.mapping import collect_evidence
from briefing.render.markdown import _ENV
from tests.briefing_factory import (
    JS_TITLE,
    NEWLINE_SCOPE,
    PIPE_PARTY,
    SCRIPT,
    TYPST_MARKUP,
    dense_briefing,
    empty_briefing,
    hostile_briefing,
    long_briefing,
)

MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class _Html(HTMLParser):
    """Collects tags with attributes and the visible text of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markdown: str) -> _Html:
    parser = _Html()
    parser.feed(MD.render(markdown))
    return parser


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def _cells(row: str) -> int:
    """Count GFM cell separators: a pipe not escaped by a backslash."""
    count, escaped = 0, False
    for ch in row:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            count += 1
    return count - 1


def test_every_table_row_keeps_its_column_count() -> None:
    text = render_markdown(hostile_briefing())
    rows = _table_rows(text)
    partnership_rows = [r for r in rows if "memorandum" in r or r.startswith("| # | Parties")]
    assert len(partnership_rows) == 3
    assert {_cells(r) for r in partnership_rows} == {7}
    html = MD.render(text)
    for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
        widths = {len(re.findall(r"<t[dh][ >]", tr)) for tr in re.findall(r"<tr>.*?</tr>", table, flags=re.S)}
        assert len(widths) == 1, table


def test_hostile_text_is_shown_literally_and_nothing_is_live() -> None:
    parsed = _parse(render_markdown(hostile_briefing()))
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags
    assert "img" not in tags
    assert "code" not in tags  # no source text opened a code span
    assert tags.count("h1") == 1
    assert tags.count("blockquote") == 1  # only the engine notice
    hrefs = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs, "the safe source URL should be a link"
    assert all(h.startswith(("https://", "http://")) for h in hrefs)
    visible = plain("".join(parsed.text))
    for hostile in (SCRIPT, JS_TITLE, PIPE_PARTY, plain(NEWLINE_SCOPE), plain(TYPST_MARKUP)):
        assert hostile in visible
    assert '<img src=x onerror="alert(2)">' in visible
    assert "# signed" in visible


def test_unsafe_urls_stay_text_and_safe_ones_autolink() -> None:
    text = render_markdown(hostile_briefing())
    assert "<https://news.example/alpha>" in text
    assert "- URL: javascript\\:alert(4)" in text
    assert "- URL: data\\:text/html,hi" in text
    assert not re.search(r"(?<!\\)\]\((?:javascript|data)", text)  # no unescaped link syntax


def _marks(text: str) -> list[str]:
    return re.findall(r" \[(\d[\d–, ]*)\]", text)


def _printed(markdown: str) -> dict[int, str]:
    """Printed quotes: ``- [n] Label, ch. a–b: “...”`` (also indented under a row)."""
    return {int(n): body for n, body in re.findall(r"^\s*- \[(\d+)\] (.*)$", markdown, flags=re.M)}


@pytest.mark.parametrize("make", [hostile_briefing, dense_briefing, long_briefing])
def test_printed_quotes_are_numbered_in_print_order_and_every_marker_resolves(
    make: Callable[[], Briefing],
) -> None:
    text = render_markdown(make())
    printed = _printed(text)
    disputed = [int(n) for n in re.findall(r"\| \[(\d+)\] “", text)]
    numbers = sorted({*printed, *disputed})
    assert numbers == list(range(1, len(numbers) + 1))
    for mark in _marks(text):
        for part in mark.split(", "):
            lo, _, hi = part.partition("–")
            assert all(n in numbers for n in range(int(lo), int(hi or lo) + 1)), mark
    assert "[^" not in text  # no footnotes at all


def test_each_cited_slice_is_printed_once() -> None:
    briefing = dense_briefing()
    text = render_markdown(briefing)
    spans = [tuple(map(int, m)) for m in re.findall(r"ch\. (\d+)–(\d+)", text)]
    for ev in collect_evidence(briefing).values():
        assert any(a <= ev.start and ev.end <= b for a, b in spans), ev  # inside one printed quote


def test_overlapping_slices_of_a_row_are_printed_as_one_quote() -> None:
    text = render_markdown(dense_briefing())
    row = text.split("- **Row 1**")[1].split("- **Row 2**")[0]
    quotes = re.findall(r"- \[(\d+)\] (.*)", row)
    # north: "Northwind Labs signed" (0–21) overlaps the kind and status slices of the same sentence
    assert any(body.startswith("Harbour Gazette, 3 Mar 2026, ch. 0–") for _, body in quotes)
    assert len(quotes) < sum(1 for name, _ in dense_briefing().partnerships[0].evidence)
    assert "ch. 0–51: “Northwind Labs signed a memorandum of understanding”" in row


def test_verbatim_sentences_carry_a_source_marker_not_a_quote() -> None:
    briefing = dense_briefing()
    text = render_markdown(briefing)
    summary = text.split("## Source summaries")[1].split("## Unverified")[0]
    sentence = briefing.summaries[0].sentences[1]
    span = f"ch. {sentence.evidence.start}–{sentence.evidence.end}"
    assert f"- {sentence.value} [{span}]" in summary  # its own document: the span only
    assert summary.count(sentence.value) == 1


def test_executive_summary_markers_point_to_the_table_quotes() -> None:
    text = render_markdown(dense_briefing())
    executive = text.split("## Executive summary")[1].split("## Partnerships")[0]
    assert "Quotes:" not in executive  # everything it cites is printed with the rows
    assert all(_marks(line) for line in executive.splitlines() if line.startswith("- "))


def test_sources_are_named_by_publisher_and_date_and_ids_stay_in_the_appendix() -> None:
    text = render_markdown(dense_briefing())
    table = text.split("## Partnerships")[1].split("Quotes behind the table")[0]
    assert "Harbour Gazette, 3 Mar 2026" in table
    assert "north" not in table and "south" not in table
    assert "document north" in text.split("\n## Sources\n")[1]


def test_non_exact_matches_are_marked_and_exact_ones_are_not() -> None:
    base = dense_briefing()
    row = base.partnerships[0]
    fuzzy = tuple((n, replace(ev, match="normalized") if n == "date" else ev) for n, ev in row.evidence)
    text = render_markdown(replace(base, partnerships=(replace(row, evidence=fuzzy), *base.partnerships[1:])))
    printed = _printed(text)
    assert any("normalized match" in body for body in printed.values())
    assert sum("match" in body for body in printed.values()) <= 2


def test_header_reports_engine_quotes_and_document_counts() -> None:
    text = render_markdown(hostile_briefing())
    assert text.startswith("# Briefing — 2026-03-05\n")
    assert "**Engine:** offline · model: — · prompt version: —" in text
    assert "> **No language model was used: sentences are extracted.**" in text
    assert "**10 of 12 proposed quotes verified**" in text
    assert "2 used, 1 not cited, 1 skipped, 1 failed (5 in total)" in text


def test_no_model_notice_is_added_when_the_engine_gives_none() -> None:
    text = render_markdown(empty_briefing())
    assert "No language model was used." in text
    model = replace(
        empty_briefing(), engine=EngineInfo(name="anthropic", model="m", uses_language_model=True)
    )
    assert "No language model" not in render_markdown(model)


def test_usage_line_appears_only_after_model_calls() -> None:
    assert "Model usage: 1,500 tokens in 3 calls, cost USD 0.0123" in render_markdown(long_briefing())
    assert "Model usage" not in render_markdown(hostile_briefing())


def test_sources_appendix_gives_every_input_its_status() -> None:
    text = render_markdown(hostile_briefing())
    assert "document gamma: **skipped** (binary file \\| \\<b>not text\\</b>)" in text
    assert "document delta: **failed** (engine error: timeout)" in text
    assert "document alpha-copy: **not cited**" in text
    assert "- Duplicate of alpha" in text
    assert "- Cleaning removed: newsletter prompt x2; draft placeholder" in text
    assert "(from front matter: date)" in text
    assert "### 3. (no title)" in text


def test_single_source_rows_and_unverified_appendix() -> None:
    text = render_markdown(hostile_briefing())
    rows = [r for r in _table_rows(text) if "memorandum" in r]
    assert ["**single source**" in r for r in rows] == [False, True]
    unverified = text.split("## Unverified")[1].split("## Sources")[0]
    assert "**party**" in unverified
    assert "quote not found in the document" in unverified
    assert "(match: not\\_found)" in unverified


def test_empty_sections_say_so() -> None:
    text = render_markdown(empty_briefing())
    for sentence in (
        "No executive summary was produced.",
        "No partnerships were found in these sources.",
        "No disagreements were found.",
        "No source summaries were produced.",
        "Nothing was rejected: every proposed value was verified.",
        "No input documents.",
    ):
        assert sentence in text
    assert "[^" not in text


def test_citation_of_unknown_evidence_is_an_error() -> None:
    bad = replace(hostile_briefing(), executive_summary=(SummarySentence(text="x", citations=("nope",)),))
    with pytest.raises(RenderError, match="nope"):
        render_markdown(bad)


def test_template_cannot_print_unescaped_values() -> None:
    with pytest.raises(RenderError, match="unescaped"):
        _ENV.from_string("{{ x }}").render(x="<b>raw</b>")


def test_rendering_is_deterministic() -> None:
    assert render_markdown(long_briefing()) == render_markdown(long_briefing())


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("They said *bold* | x [y](javascript:z) was agreed.", "*bold* | x [y](javascript:z)"),
        ("<b>70%</b> of it", "<b>70%</b>"),
        ("about 70%of the budget", "70%"),  # glued to a word: no emphasis, plain quote
        ("# heading-like start then 5%", "5%"),
        ("  spaced   value  ", "value"),
    ],
)
def test_highlighted_quote_stays_one_inert_cell(quote: str, value: str) -> None:
    base = dense_briefing()
    side = DiscrepancyValue(value, "north", quote, 0, len(quote))
    briefing = replace(base, discrepancies=(Discrepancy(field="figure", subject="s", values=(side, side)),))
    html = MD.render(render_markdown(briefing))
    table = re.findall(r"<table>.*?</table>", html, flags=re.S)[-1]
    rows = re.findall(r"<tr>.*?</tr>", table, flags=re.S)
    assert len(rows) == 3 and all(len(re.findall(r"<t[dh][ >]", r)) == 3 for r in rows)
    parser = _Html()
    parser.feed(rows[1])
    assert {tag for tag, _ in parser.tags} <= {"tr", "td", "strong"}
    assert f"“{plain(quote)}” (ch. 0–{len(quote)})" in plain("".join(parser.text))


def test_document_counts_name_only_the_statuses_present() -> None:
    assert "documents: 2 used (2 in total)" in render_markdown(dense_briefing())
    assert "documents: none (0 in total)" in render_markdown(empty_briefing())
