"""File names with control or format characters are shown with visible escapes in the Markdown,
HTML and PDF sources appendix (the way the CLI shows them), so the name shown is the name on disk
and no character steers the display; the JSON keeps the real name."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import pypdf

from briefing.models import Briefing
from briefing.render import render_html, render_json, render_markdown, render_pdf
from briefing.visible import printable
from tests.briefing_factory import disputed_briefing

NAMES = (
    "in/esc\x1b[31mRED\x1b[0m.md",
    "in/two\nlines\tand tab.md",
    "in/rlo\u202egnp.txt",
)

ESCAPED = (
    "in/esc\\x1b[31mRED\\x1b[0m.md",
    "in/two\\nlines\\tand tab.md",
    "in/rlo\\u202egnp.txt",
)
"""``NAMES`` as the CLI and the HTML and PDF appendix show them."""


def _briefing() -> Briefing:
    base = disputed_briefing()
    docs = tuple(replace(d, path=name) for d, name in zip(base.documents, NAMES, strict=True))
    return replace(base, documents=docs)


def test_printable_matches_the_cli_escapes() -> None:
    assert [printable(n) for n in NAMES] == list(ESCAPED)
    assert printable("C:\\plain\\name.md") == "C:\\plain\\name.md"


def test_markdown_shows_escaped_file_names() -> None:
    md = render_markdown(_briefing())
    # Markdown source: the backslash and brackets are themselves escaped, so it renders as above.
    assert "- File: in/esc\\\\x1b\\[31mRED\\\\x1b\\[0m.md ·" in md
    assert "- File: in/two\\\\nlines\\\\tand tab.md ·" in md
    assert "- File: in/rlo\\\\u202egnp.txt ·" in md
    assert "\x1b" not in md and "\u202e" not in md


def test_html_shows_escaped_file_names() -> None:
    html = render_html(_briefing())
    assert all(name in html for name in ESCAPED)
    assert "\x1b" not in html and "\u202e" not in html


def test_pdf_shows_escaped_file_names() -> None:
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_pdf(_briefing()))).pages]
    text = re.sub(r"\s+", "", "".join(pages))
    assert all(name.replace(" ", "") in text for name in ESCAPED)  # the text layer drops spaces


def test_json_keeps_the_real_file_names() -> None:
    data = json.loads(render_json(_briefing()))
    assert [d["path"] for d in data["documents"]] == list(NAMES)


def test_a_label_made_from_a_file_name_is_escaped_too() -> None:
    base = _briefing()
    bare = replace(base.documents[0], publisher=None, title=None, published=None)
    md = render_markdown(replace(base, documents=(bare, *base.documents[1:])))
    assert "esc\\\\x1b\\[31mRED" in md.split("## Sources")[0]
