"""Markdown rendering: sections, footnote numbering, and that hostile source text stays inert.

The Markdown is parsed with markdown-it (CommonMark + GFM tables, HTML enabled, as a permissive
viewer would) so the tests check what a reader's renderer would actually build, not string shapes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from briefing.errors import RenderError
from briefing.models import EngineInfo, SummarySentence
from briefing.render import render_markdown
from briefing.render.escape import plain
from briefing.render.markdown import _ENV
from tests.briefing_factory import (
    JS_TITLE,
    LONG_QUOTE,
    NEWLINE_SCOPE,
    PIPE_PARTY,
    SCRIPT,
    TYPST_MARKUP,
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
    partnership_rows = [r for r in rows if "memorandum" in r or r.startswith("| Parties")]
    assert len(partnership_rows) == 3
    assert {_cells(r) for r in partnership_rows} == {6}
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


def test_footnotes_number_each_evidence_once_in_reading_order() -> None:
    text = render_markdown(hostile_briefing())
    body, _, notes = text.partition("\n[^1]: ")
    refs = [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", body)]
    first_seen = list(dict.fromkeys(refs))
    assert first_seen == list(range(1, len(first_seen) + 1))
    definitions = [int(n) for n in re.findall(r"^\[\^(\d+)\]:", "[^1]: " + notes, flags=re.M)]
    assert definitions == first_seen
    # The script quote backs two executive-summary sentences and a summary sentence: one number.
    assert text.count("[^1]:") == 1
    assert refs.count(1) == 3


def test_footnote_quotes_the_source_slice_with_title_and_span() -> None:
    briefing = hostile_briefing()
    text = render_markdown(briefing)
    long_ev = next(e for e in (f.evidence for f in briefing.summaries[0].key_points))
    line = next(line for line in text.splitlines() if LONG_QUOTE[:40] in line)
    assert line.startswith("[^")
    assert LONG_QUOTE in line  # the whole slice, not the engine's short paraphrase
    assert f"characters {long_ev.start}–{long_ev.end}" in line
    assert "\\[click\\](javascript\\:alert(1)) (alpha)" in line
    assert "match: exact" in line


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
    assert "- Document gamma: **skipped** (binary file \\| &lt;b&gt;not text&lt;/b&gt;)" in text
    assert "- Document delta: **failed** (engine error: timeout)" in text
    assert "- Document alpha-copy: **not cited**" in text
    assert "- Duplicate of alpha" in text
    assert "- Cleaning removed: newsletter prompt x2; draft placeholder" in text
    assert "(from front matter: date)" in text
    assert "### 3. (untitled)" in text


def test_single_source_rows_and_unverified_appendix() -> None:
    text = render_markdown(hostile_briefing())
    rows = [r for r in _table_rows(text) if "memorandum" in r]
    assert ["*(single source)*" in r for r in rows] == [False, True]
    unverified = text.split("## Unverified")[1].split("## Sources")[0]
    assert "**party**" in unverified
    assert "quote not found in the document" in unverified
    assert "(match: not\\_found)" in unverified


def test_empty_sections_say_so() -> None:
    text = render_markdown(empty_briefing())
    for sentence in (
        "No executive summary was produced.",
        "No partnerships were found in these sources.",
        "No disagreements between sources were found.",
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
