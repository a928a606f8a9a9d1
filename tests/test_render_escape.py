"""The Markdown escaper: any text, placed in a table cell or list item, renders as exactly that text."""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.render.escape import md_link, md_text, plain, safe_url

MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

# Markdown-significant characters are over-represented so that hypothesis combines them often.
hostile_text = st.lists(
    st.one_of(
        st.sampled_from([*"\\`*_[]()<>!|#+-=.~$&:;/\"' \n\t1", "javascript:", "http://x.y", "&amp;", "1. "]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=25,
).map("".join)


def _only_cell(markdown: str) -> str:
    html = MD.render(markdown)
    cells = re.findall(r"<td>(.*?)</td>", html, flags=re.S)
    assert len(cells) == 1, html
    return cells[0]


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_any_text_in_a_table_cell_is_one_cell_of_plain_text(text: str) -> None:
    cell = _only_cell(f"| head |\n| --- |\n| {md_text(text, empty='')} |\n")
    assert "<" not in cell  # no element of any kind: no link, emphasis, code, html
    assert unescape(cell) == plain(text)


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_any_text_in_a_list_item_is_one_item_of_plain_text(text: str) -> None:
    html = MD.render(f"- {md_text(text, empty='')}\n")
    items = re.findall(r"<li>(.*?)</li>", html, flags=re.S)
    assert len(items) == 1, html
    assert "<" not in items[0]
    assert unescape(items[0]).strip() == plain(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading", "\\# Heading"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("12) twelfth", "12\\) twelfth"),
        ("a | b", "a \\| b"),
        ("line\nbreak\r\n| x |", "line break \\| x \\|"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript\\:alert(1))"),
        ("![x](data:image/png;base64,AA)", "\\!\\[x\\](data\\:image/png;base64,AA)"),
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("*a* _b_ `c` ~d~ $e$", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$"),
        ("AT&T", "AT&T"),  # a bare ampersand stays raw: never "&amp;" for a source "&"
        ("Banking & Finance", "Banking & Finance"),
        ("&amp; &#60;", "&amp;amp; &amp;#60;"),  # only text that would read as an entity is escaped
        ("Wow!", "Wow\\!"),  # "!" then the footnote mark "[^1]" would start an image
        ("back\\slash", "back\\\\slash"),
        ("日本語 café", "日本語 café"),
        ("  ", "—"),
        (None, "—"),
    ],
)
def test_md_text_examples(text: str | None, expected: str) -> None:
    assert md_text(text) == expected


def test_control_characters_are_dropped() -> None:
    assert md_text("a\x00b\x1bc\x7f") == "abc"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "javascript://example.com/%0Aalert(1)",
        "ftp://example.com/file",
        "/relative/path",
        "https://exa mple.com",
        "https://example.com/<script>",
        "http:///no-host",
        "",
        None,
    ],
)
def test_unsafe_or_malformed_urls_are_not_links(url: str | None) -> None:
    assert safe_url(url) is None
    assert not md_link(url).startswith("<")


def test_http_urls_become_autolinks_and_pipes_are_encoded() -> None:
    assert md_link("https://example.com/a?b=1") == "<https://example.com/a?b=1>"
    assert md_link("http://example.com/a|b") == "<http://example.com/a%7Cb>"
    html = MD.render(f"| h |\n| --- |\n| {md_link('http://example.com/a|b')} |\n")
    assert 'href="http://example.com/a%7Cb"' in html


def test_every_unicode_format_character_is_removed() -> None:
    import sys
    import unicodedata

    from briefing.render.escape import FORMAT_CHARACTERS

    missed = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" and not FORMAT_CHARACTERS.match(chr(c))
    ]
    assert missed == []
    reversed_text = "price \u202e0001 DSU\u202c and \u200bzero\u2066width"
    assert plain(reversed_text) == "price 0001 DSU and zerowidth"
    assert md_text(reversed_text) == "price 0001 DSU and zerowidth"
