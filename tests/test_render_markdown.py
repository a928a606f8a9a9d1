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
    LONG_QUOTE,
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


def _notes(markdown: str) -> dict[int, str]:
    return {int(n): body for n, body in re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, flags=re.M)}


def _marks(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)]


@pytest.mark.parametrize("make", [hostile_briefing, dense_briefing, long_briefing])
def test_footnotes_are_numbered_in_reading_order_and_all_defined(make: Callable[[], Briefing]) -> None:
    text = render_markdown(make())
    body = text.split("\n[^1]: ")[0]
    first_seen = list(dict.fromkeys(_marks(body)))
    assert first_seen == list(range(1, len(first_seen) + 1))
    assert list(_notes(text)) == first_seen


@pytest.mark.parametrize("make", [hostile_briefing, dense_briefing, long_briefing])
def test_every_cited_slice_is_in_exactly_one_footnote(make: Callable[[], Briefing]) -> None:
    briefing = make()
    notes = _notes(render_markdown(briefing))
    cited = {c for s in briefing.executive_summary for c in s.citations}
    cited |= {ev.id for p in briefing.partnerships for _, ev in p.evidence}
    cited |= {f.evidence.id for s in briefing.summaries for f in (*s.sentences, *s.key_points)}
    slices = {ev.id: ev for ev in collect_evidence(briefing).values() if ev.id in cited}
    spans = [(ev.document_id, ev.start, ev.end) for ev in slices.values()]
    assert len(set(spans)) == len(spans)  # so that a span names one evidence item here
    for ev in slices.values():
        holders = [
            n
            for n, note in notes.items()
            if f"characters {ev.start}–{ev.end}" in note and ev.document_id in note
        ]
        assert len(holders) == 1, (ev.id, holders)


@pytest.mark.parametrize("make", [hostile_briefing, dense_briefing, long_briefing])
def test_each_table_cell_carries_at_most_one_mark(make: Callable[[], Briefing]) -> None:
    text = render_markdown(make())
    rows = [r for r in _table_rows(text) if r.count(" | ") >= 5 and not r.startswith(("| Parties", "| ---"))]
    assert rows
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) == 6
        assert all(len(_marks(cell)) <= 1 for cell in cells), row
        assert len(_marks(row)) <= len(cells)


def test_a_cell_note_groups_its_quotes_by_source() -> None:
    text = render_markdown(dense_briefing())
    row = next(r for r in _table_rows(text) if "Harbour Council" in r)
    (party_mark,) = _marks(row.split(" | ")[0])
    note = _notes(text)[party_mark]
    assert note.startswith("Parties. ")
    assert note.count("(north)") == 1 and note.count("(south)") == 1  # each source named once
    assert "“Northwind Labs signed” (characters 0–21); “with the Harbour Council” (characters 52–76)" in note
    assert "“The Harbour Council and Northwind Labs agreed” (characters 0–45)" in note


def test_summary_sentences_restating_rows_point_to_the_table_notes() -> None:
    briefing = dense_briefing()
    text = render_markdown(briefing)
    notes = _notes(text)
    assert notes[2] == "Quoted in notes 5, 6, 7, 8 (partnership table)."
    for n in (5, 6, 7, 8):
        assert notes[n].split(".")[0] in {"Parties", "Kind", "Date", "Status"}
    executive = text.split("## Executive summary")[1].split("## Partnerships")[0]
    assert _marks(executive) == [1, 2, 3, 4]


def test_slices_printed_elsewhere_are_cited_by_span_only() -> None:
    briefing = dense_briefing()
    notes = _notes(render_markdown(briefing))
    verbatim = [n for n in notes.values() if "the sentence above, verbatim" in n]
    assert verbatim == [
        "north: characters 178–247 (the sentence above, verbatim).",
        "north: characters 93–177 (the sentence above, verbatim).",
    ]
    disputed = notes[4]
    assert "characters 133–215 (quoted under “Where sources disagree”)" in disputed
    assert "75%" not in disputed  # the quote is in the disagreement table, not repeated here
    assert "Also quoted in note 15 (source summaries)." in disputed


def test_non_exact_matches_are_marked_and_exact_ones_are_not() -> None:
    briefing = dense_briefing()
    row = briefing.partnerships[0]
    fuzzy = tuple(
        (name, replace(ev, match="normalized") if name == "date" else ev) for name, ev in row.evidence
    )
    text = render_markdown(
        replace(briefing, partnerships=(replace(row, evidence=fuzzy), briefing.partnerships[1]))
    )
    date_note = next(n for n in _notes(text).values() if n.startswith("Date.") and "2 June" in n)
    assert date_note.count("normalized match") == 2
    assert "match" not in next(n for n in _notes(text).values() if n.startswith("Kind."))


def test_parties_are_stacked_and_sources_use_short_titles() -> None:
    text = render_markdown(dense_briefing())
    row = next(r for r in _table_rows(text) if "Harbour Council" in r)
    assert row.startswith("| Northwind Labs<br>Harbour Council *(also: the Harbour Council)*[^5] |")
    assert (
        "Coastal city and sensor start-up sign… (north)<br>Coastal city and sensor start-up sign… (south)"
        in row
    )
    alpha_row = next(r for r in _table_rows(render_markdown(hostile_briefing())) if "memorandum" in r)
    # Titles are source text too: shortened, still escaped; ids stay in the notes and the appendix.
    assert alpha_row.endswith(
        "| \\[click\\](javascript\\:alert(1))<br>日本電気株式会社 – Société Générale de Sécurité… |"
    )


def test_disputed_value_is_bold_inside_its_quote_only_where_safe() -> None:
    text = render_markdown(dense_briefing())
    assert "“Officials said about **70%** of the research budget is already committed.”" in text
    hostile = render_markdown(hostile_briefing())
    # "#2026-03-04" is not in its quote "4 March 2026": the quote is shown plain.
    assert "“4 March 2026” (characters" in hostile
    parsed = _parse(hostile)
    assert [t for t, _ in parsed.tags].count("strong") >= 2


def test_footnote_quotes_the_source_slice_with_title_and_span() -> None:
    briefing = hostile_briefing()
    text = render_markdown(briefing)
    long_ev = next(e for e in (f.evidence for f in briefing.summaries[0].key_points))
    line = next(line for line in text.splitlines() if LONG_QUOTE[:40] in line)
    assert line.startswith("[^")
    assert LONG_QUOTE in line  # the whole slice, not the engine's short paraphrase
    assert f"characters {long_ev.start}–{long_ev.end}" in line
    assert "\\[click\\](javascript\\:alert(1))" not in line  # the section heading names it
    assert "alpha: " in line


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
    assert f"“{plain(quote)}” (characters 0–{len(quote)})" in plain("".join(parser.text))


def test_document_counts_name_only_the_statuses_present() -> None:
    assert "documents: 2 used (2 in total)" in render_markdown(dense_briefing())
    assert "documents: none (0 in total)" in render_markdown(empty_briefing())
