"""The loader on the sample corpus and on hand-written messy documents: metadata, cleaning, offsets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from langchain_core.document_loaders import BaseLoader
from langchain_core.documents import Document

from briefing.sources import METADATA_KEYS, SourceLoader, load_sources
from briefing.sources.normalize import decode_entities, normalize_characters

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sources"
FIXTURES = Path(__file__).resolve().parent / "data" / "sources"
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\([^)\s]+\)")


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document]:
    docs = load_sources([CORPUS])
    return {d.id[:3]: d for d in docs if d.id is not None}


@pytest.fixture(scope="module")
def fixtures() -> dict[str, Document]:
    return {d.id: d for d in load_sources([FIXTURES]) if d.id is not None}


def _raw(doc: Document) -> str:
    """The file as the parsers see it: decoded, entities read, invisible characters normalised."""
    text = Path(doc.metadata["path"]).read_text(encoding="utf-8")
    return normalize_characters(decode_entities(text)[0])[0]


def _removed_lines(note: str) -> int:
    """How many non-blank source lines a removal note accounts for."""
    if note.startswith(("markdown link targets", "leading date line", "HTML markup", "characters:")):
        return 0
    if m := re.search(r"\((\d+) lines?\)$", note):
        return int(m.group(1))
    if m := re.search(r" x(\d+)$", note):
        return int(m.group(1))
    return 1


def _nonblank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# --------------------------------------------------------------------------- the loader contract


def test_loader_is_a_langchain_loader_yielding_one_document_per_file() -> None:
    loader = SourceLoader([CORPUS])
    assert isinstance(loader, BaseLoader)
    docs = loader.load()
    assert [d.id for d in docs] == sorted(p.stem for p in CORPUS.iterdir())
    assert all(d.metadata["status"] == "ok" for d in docs)


def test_every_record_has_every_key_and_is_json_serialisable(
    corpus: dict[str, Document], fixtures: dict[str, Document]
) -> None:
    for doc in [*corpus.values(), *fixtures.values()]:
        assert tuple(doc.metadata) == METADATA_KEYS
        assert doc.metadata["id"] == doc.id
        assert doc.metadata["chars"] == len(doc.page_content)
        assert doc.metadata["sha256"] and len(doc.metadata["sha256"]) == 64
        assert json.loads(json.dumps(doc.metadata)) == doc.metadata


# --------------------------------------------------------------------------- the five samples


def test_000_front_matter_title_date_and_newsletter_tail(corpus: dict[str, Document]) -> None:
    doc = corpus["000"]
    meta = doc.metadata
    assert meta["title"].startswith("UK drops ‘safety’ from its AI body")
    assert (meta["published"], meta["published_from"]) == ("2025-02-14", "front matter: date")
    assert meta["url"].startswith("https://techcrunch.com/2025/02/13/uk-drops-safety")
    assert meta["format"] == "markdown"
    assert doc.page_content.startswith("The U.K. government wants to make a hard pivot")
    assert doc.page_content.endswith("telegraphed as much earlier this week during his speech in Paris.")
    for gone in ("---", "sidebar:", "newsletter", "Sign up", "](http", "[techcrunch]"):
        assert gone not in doc.page_content
    assert "launched just over a year ago with a lot of fanfare" in doc.page_content  # link text kept
    assert "front matter block 1 (26 lines)" in meta["removed"]
    assert (
        "newsletter prompt: 'TechCrunch has an AI-focused newsletter! Sign up here to get…'"
        in meta["removed"]
    )
    assert any(n.startswith("trailing source link line: '[techcrunch](https://") for n in meta["removed"])
    assert "markdown link targets x6 (link text kept)" in meta["removed"]


def test_001_leading_date_label_is_cut_from_the_first_sentence_only(corpus: dict[str, Document]) -> None:
    doc = corpus["001"]
    assert (doc.metadata["published"], doc.metadata["published_from"]) == ("2025-02-14", "leading date line")
    # the first line is a sentence, not a headline: the title is its opening words, marked as derived
    assert doc.metadata["title"].startswith("The UK government has signed a memorandum")
    assert doc.metadata["title_from"] == "derived: opening words"
    assert doc.page_content.startswith(
        "The UK government has signed a memorandum of understanding with Anthropic"
    )
    assert "2025-02-14" not in doc.page_content
    assert doc.metadata["removed"] == ["leading date line: 'date 2025-02-14'"]
    raw = _raw(doc)
    assert doc.page_content == raw.strip()[len("date 2025-02-14 ") :]  # nothing else touched


def test_002_has_no_date_evidence_and_nothing_is_invented(corpus: dict[str, Document]) -> None:
    doc = corpus["002"]
    meta = doc.metadata
    assert meta["published"] is None and meta["published_from"] is None  # "February 13, 2025" is the event
    # "Quick Brief" is a label and the bullets are notes: the title is the first paragraph's opening
    assert meta["title"].startswith("Anthropic and the UK Government signed a Memorandum")
    assert meta["title_from"] == "derived: opening words"
    assert meta["removed"] == []
    assert doc.page_content == _raw(doc).strip()
    assert "| Claude AI Assessment | GOV.UK service pilot evaluation | Exploratory |" in doc.page_content


def test_003_posted_on_line_and_dateline_agree(corpus: dict[str, Document]) -> None:
    doc = corpus["003"]
    meta = doc.metadata
    title = "UK to work with other 'middle powers' on AI security, minister says"
    assert meta["title"] == title
    assert (meta["published"], meta["published_from"]) == ("2026-04-28", "inline date line")
    assert meta["publisher"] == "Global Banking & Finance Review"
    assert meta["warnings"] == []  # the dateline "April 28" read with that year agrees
    text = doc.page_content
    assert text.count(title) == 1 and text.index(title) == text.index("\n\n") + 2
    assert 'LONDON, April 28 (Reuters) - Britain will work with other "middle powers"' in text
    for gone in (
        "Posted on",
        "2 min read",
        "Last updated",
        "Add as preferred source on Google",
        "Call for Entries",
        "Reporting by",
        "References",
        "Tags",
        "Related Articles",
        "More from Finance",
        "Explore more articles",
    ):
        assert gone not in text
    assert text.endswith("at the next meeting of AI Security Institutes.")  # the FAQ prose stays
    assert "trailing 'Tags' section (4 lines)" in meta["removed"]


def test_004_two_front_matter_blocks_placeholders_and_empty_sections(corpus: dict[str, Document]) -> None:
    doc = corpus["004"]
    meta = doc.metadata
    title = "Deepening our partnership with the UK AI Security Institute"
    assert meta["title"] == title
    assert (meta["published"], meta["published_from"]) == ("2025-12-11", "front matter: publishedAt")
    assert meta["publisher"] == "Google DeepMind"
    assert (
        meta["url"]
        == "https://deepmind.google/blog/deepening-our-partnership-with-the-uk-ai-security-institute/"
    )
    assert meta["warnings"] == ["front matter marks the document as a draft"]
    assert meta["removed"][:3] == [
        "front matter block 1 (9 lines)",
        "front matter block 2 (8 lines)",
        "HTML comment at line 22",
    ]
    assert "draft placeholder x5" in meta["removed"]
    text = doc.page_content
    assert text.startswith(f"# {title}\n\n## WHAT HAPPENED\nDecember 11, 2025 Responsibility & Safety")
    assert text.endswith("since its inception in November 2023 to test our most capable models.")
    for gone in ("Draft placeholder", "<!--", "WHY IT MATTERS", "WHAT THIS ENABLES", "SOURCE", "https://"):
        assert gone not in text


@pytest.mark.parametrize("name", ["corpus", "fixtures"])
def test_every_removal_is_accounted_for_and_content_is_verbatim_source_text(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Offsets contract: page_content is source lines in source order, and every dropped line is on record."""
    docs: dict[str, Document] = request.getfixturevalue(name)
    for doc in docs.values():
        if doc.metadata["format"] == "html":
            continue
        raw = _raw(doc)
        accounted = sum(_removed_lines(n) for n in doc.metadata["removed"])
        assert len(_nonblank(raw)) == len(_nonblank(doc.page_content)) + accounted, doc.id
        source = [_LINK.sub(r"\1", line) for line in raw.split("\n")]
        j = 0
        for line in _nonblank(doc.page_content):
            while j < len(source) and not source[j].endswith(line):
                j += 1
            assert j < len(source), f"{doc.id}: {line!r} is not a source line"
            j += 1


# --------------------------------------------------------------------------- documents never seen


def test_wire_story_rules_generalise(fixtures: dict[str, Document]) -> None:
    doc = fixtures["wire_story"]
    meta = doc.metadata
    assert meta["title"] == "Acme and Globex agree to build chip plant in Ohio"
    assert (meta["published"], meta["published_from"]) == ("2025-03-03", "inline date line")
    assert meta["publisher"] == "Reuters"
    text = doc.page_content
    assert "WASHINGTON, March 3 (Reuters) - Acme Corp and Globex Inc signed a letter of intent" in text
    assert text.endswith("Analysts said the deal could face regulatory review.")
    for gone in (
        "By Jane Smith",
        "min read",
        "hours ago",
        "LinkedIn",
        "Read more",
        "ADVERTISEMENT",
        "Related",
    ):
        assert gone not in text
    assert "advertisement marker x1" in meta["removed"]


def test_blog_with_share_buttons_placeholders_and_link_lists(fixtures: dict[str, Document]) -> None:
    doc = fixtures["blog_share"]
    meta = doc.metadata
    assert meta["title"] == "Why our lab partnered with the city hospital"
    assert (meta["published"], meta["published_from"]) == ("2025-10-07", "front matter: pubDate")
    assert meta["publisher"] == "Example Lab Blog"
    assert meta["url"] == "https://blog.example.org/posts/hospital-partnership"
    text = doc.page_content
    assert "Read the full agreement for the details." in text
    # a sentence that mentions a newsletter is article prose, not a prompt
    assert "the hospital will send a newsletter to patients explaining how." in text
    for gone in (
        "Key quotes",
        "insert quote",
        "TODO",
        "Lorem",
        "Subscribe",
        "Follow us",
        "Tags:",
        "More from",
    ):
        assert gone not in text
    assert "HTML comment at line 28 (3 lines)" in meta["removed"]
    assert "empty section 'Key quotes' (left empty by removals)" in meta["removed"]
    assert text.endswith("## Next steps\n\nThe first results are due in spring 2026.")


def test_html_page_main_text_and_meta(fixtures: dict[str, Document]) -> None:
    doc = fixtures["news_page"]
    meta = doc.metadata
    assert meta["format"] == "html"
    assert meta["title"] == "Acme and Globex sign memorandum of understanding"
    assert (meta["published"], meta["published_from"]) == ("2025-03-04", "html meta: article:published_time")
    assert meta["publisher"] == "Example News"
    assert meta["url"] == "https://news.example.com/2025/03/04/acme-globex-mou"
    text = doc.page_content
    assert "signed a memorandum of understanding on Tuesday to jointly develop secure AI systems" in text
    assert "the first pilots would begin in the autumn." in text
    for gone in (
        "cookies",
        "Accept all",
        "Home",
        "Business",
        "Related articles",
        "Acme posts record",
        "©",
        "Privacy",
    ):
        assert gone not in text
    assert "Share this article" not in text
    assert "share prompt: 'Share this article'" in meta["removed"]
