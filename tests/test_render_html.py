"""The HTML briefing without a browser: self-contained, inert source text, every marker resolves."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from briefing.models import Briefing, SourceParagraph
from briefing.render import render_html
from briefing.render.context import cited_spans, source_paragraphs
from tests.briefing_factory import SCRIPT, TEXTS, dense_briefing, disputed_briefing, hostile_briefing

BREAKOUT = '"><img src=x onerror=alert(5)><a href="javascript:alert(6)">x</a>'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def with_paragraphs(briefing: Briefing) -> Briefing:
    """Attach the paragraphs the pipeline would store, from the factory's in-memory texts."""
    return replace(briefing, paragraphs=source_paragraphs(TEXTS, cited_spans(briefing)))


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_hostile_text_stays_text_and_nothing_can_run_or_load() -> None:
    base = hostile_briefing()
    hostile = replace(
        base, title=BREAKOUT, documents=(replace(base.documents[0], publisher=BREAKOUT), *base.documents[1:])
    )
    html = render_html(with_paragraphs(hostile))
    parsed = _parse(html)
    names = [t for t, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if "href" not in attrs:
            continue
        href = attrs.get("href") or ""
        assert href.startswith(("#q", "#row-", "https://", "http://")), href
    visible = "".join(parsed.text)
    assert SCRIPT in visible and BREAKOUT in visible
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp.get("content") or "")


def test_the_file_references_nothing_outside_itself() -> None:
    html = render_html(with_paragraphs(dense_briefing()))
    assert not re.search(r"(?i)<(script|link|img|iframe|object|embed)\b", html)
    assert not re.search(r"(?i)(src|srcset)=", html)
    assert "@import" not in html and "url(" not in html


def test_every_marker_opens_a_box_with_its_quote_highlighted_in_its_paragraph() -> None:
    briefing = with_paragraphs(dense_briefing())
    html = render_html(briefing)
    targets = set(re.findall(r'href="#(q\d+)"', html))
    boxes = dict(re.findall(r'<div class="ctx" id="(q\d+)">(.*?)</p>', html, flags=re.S))
    assert targets and targets <= boxes.keys()
    first = boxes["q0"]
    assert "<mark>Northwind Labs signed a memorandum of understanding</mark>" in first
    assert "with the Harbour Council on 2 June 2026." in first  # the rest of its paragraph


def test_disputed_cells_show_each_side_with_its_source() -> None:
    html = render_html(disputed_briefing())
    cell = re.search(r'<td class="date">(.*?)</td>', html, flags=re.S)
    assert cell is not None
    text = "".join(_parse(cell.group(1)).text)
    assert "disputed:" in text
    assert "2026-06-02" in text and "2026-06-03" in text
    assert "Harbour Gazette" in text and "Example News" in text
    assert "Sources disagree" in html and "Inconsistent within one source" in html


def test_format_characters_never_reach_the_page() -> None:
    base = dense_briefing()
    sneaky = replace(base, title="Brief \u202eing\u202c \u200bnow")
    html = render_html(sneaky)
    assert "\u202e" not in html and "\u200b" not in html
    assert "Brief ing now" in html


def test_paragraphs_are_windows_of_the_text_holding_every_span() -> None:
    text = "First para.\n\nSecond para has the deal. It goes on.\n\n" + "word " * 1000
    spans = [("d", 13, 38), ("d", 60, 70), ("d", 3000, 3010)]
    paragraphs = source_paragraphs({"d": text}, spans, limit=200)
    for _doc, start, end in spans:
        holder = [p for p in paragraphs if p.start <= start and end <= p.start + len(p.text)]
        assert len(holder) == 1
        assert text[holder[0].start : holder[0].start + len(holder[0].text)] == holder[0].text
    assert paragraphs[0] == SourceParagraph("d", 13, "Second para has the deal. It goes on.")
    assert max(len(p.text) for p in paragraphs) < 400  # a wall of text is cut to a window
