"""Parsing a plain-text or Markdown document: front matter, date evidence, title, cleaning.

This is the order that keeps evidence and offsets honest: date clues are read before the lines
that carry them are cleaned away, the title is chosen from what survives, and the cleaned text is
produced last so that it is exactly what every later offset refers to.
"""

from __future__ import annotations

import re

from briefing.dates import parse_date
from briefing.sources.archive import Archive, read_archive
from briefing.sources.byline import read_byline
from briefing.sources.clean import Page, excerpt
from briefing.sources.dateline import choose_date, find_dateline, is_date_only, leading_date, match_date_line
from briefing.sources.frontmatter import FrontMatter, read_front_matter
from briefing.sources.rules import MD_LINK, core, markdown_heading
from briefing.sources.titles import opening_words
from briefing.sources.values import DateClue, Parsed, Rank

__all__ = ["date_line_clues", "parse_text", "top_date_lines"]

_MARKDOWN_SIGNS = re.compile(
    r"^\s{0,3}#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|^\s*\|?\s*:?-{3,}:?\s*\||^\s{0,3}```"
    r"|(?<![\w*])\*\*[^\s*][^*\n]*\*\*(?![\w*])",
    re.MULTILINE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.)]\s)")
_TITLE_SCAN = 3
_TOP_DATE_SCAN = 4
_BYLINE_NAME = re.compile(r"[Bb]y\s+([^|·,;]+?)\s*(?:[|·,;]|$)")


def parse_text(text: str, *, markdown: bool = False) -> Parsed:
    """Clean ``text`` (already decoded, ``\\n`` line endings) and read its metadata.

    ``markdown`` says the file name already declared Markdown; otherwise the text decides.
    """
    lines = text.split("\n")
    front = read_front_matter(lines)
    page = Page(lines[front.end :], first_line_no=front.end + 1)
    page.strip_comments()
    archive = read_archive(page)

    clues = [c for c in (front.published, archive.date if archive else None) if c is not None]
    clues += top_date_lines(page)
    clues += _leading_clues(page)
    clues += date_line_clues(page)
    dateline = find_dateline([page.texts[i] for i in page.live()])

    page.apply_rules()
    url = page.drop_trailing_link()
    page.drop_tail_sections()
    page.drop_press_tail()
    page.drop_empty_tail_headings()
    page.drop_empty_sections()
    title, title_from = _title(page, front, archive)
    page.drop_repeats_of(title)
    page.drop_author_bio(_byline_authors(page))
    is_markdown = markdown or front.end > 0 or _MARKDOWN_SIGNS.search(text) is not None
    if is_markdown:
        page.unemphasize_markdown()
    page.unlink_markdown()
    content = page.text()
    if title is None and content.strip():
        title, title_from = opening_words(content), "derived: opening words"

    chosen, date_warnings = choose_date(clues, dateline, context=content)
    publishers = (front.publisher, archive.publisher if archive else None, page.publisher)
    return Parsed(
        content=content,
        format="markdown" if is_markdown else "text",
        title=title,
        title_from=title_from,
        publisher=next((p for p in publishers if p), None) or (dateline.agency if dateline else None) or None,
        url=front.url or url,
        published=chosen.value.isoformat() if chosen else None,
        published_from=chosen.source if chosen else None,
        warnings=front.warnings + (archive.warnings if archive else ()) + tuple(date_warnings),
        removed=front.removed + tuple(page.notes()),
    )


def _title(page: Page, front: FrontMatter, archive: Archive | None) -> tuple[str | None, str | None]:
    """The title and which evidence gave it, most explicit first; a headline-like line is derived."""
    if front.title:
        return front.title, front.title_from
    if archive is not None and archive.title:
        return archive.title, f"{archive.layout}: headline"
    for found, source in (
        (_heading_title(page), "markdown heading"),
        (_anchored_headline(page), "derived: headline line above the byline or date line"),
        (_headline(page), "derived: first line"),
    ):
        if found:
            return found, source
    return None, None


def top_date_lines(page: Page) -> list[DateClue]:
    """A line near the top that is only a date (above or below the headline) dates the text and
    is never its title or content: "March 9, 2026", "Wednesday 14 October 2026 09:30"."""
    for i in page.live()[:_TOP_DATE_SCAN]:
        written = core(page.texts[i])
        if len(written) <= 60 and is_date_only(written):
            value = parse_date(written)
            if value is not None:
                page.drop([i], f"date line: {excerpt(written)}")
                page.verdicts[i] = "date line"
                return [DateClue(value, "date line near the top", Rank.LEADING_LINE, written)]
    return []


def _byline_authors(page: Page) -> list[str]:
    """People named by the bylines that cleaning removed ("By Henrik Aalto" -> "Henrik Aalto")."""
    names = []
    for i, kind in page.verdicts.items():
        m = _BYLINE_NAME.match(core(page.original[i])) if kind == "byline" else None
        if m is not None and len(m.group(1).split()) >= 2:
            names.append(m.group(1).strip())
    return names


def _leading_clues(page: Page) -> list[DateClue]:
    """A date label opening the text is cut from the content (only the label and the date)."""
    live = page.live()
    if not live:
        return []
    first = live[0]
    lead = leading_date(page.texts[first])
    if lead is not None and lead.labelled:
        page.strip_prefix(first, lead.end, f"leading date line: {excerpt(lead.text)}")
        return [DateClue(lead.value, "leading date line", Rank.LEADING_LINE, lead.text)]
    content = next((i for i in live if markdown_heading(page.texts[i]) is None), None)
    if content is None or content not in live[: _TITLE_SCAN + 2]:
        return []
    lead = leading_date(page.texts[content])
    if lead is None:
        return []
    return [DateClue(lead.value, "leading date line", Rank.LEADING_LINE, lead.text)]


def date_line_clues(page: Page) -> list[DateClue]:
    """Standalone "Published ..." / "Posted on ..." / "Last updated ..." lines anywhere."""
    clues: list[DateClue] = []
    for i in page.live():
        found = match_date_line(core(page.texts[i]))
        if found is None:
            byline = read_byline(core(page.texts[i]))
            if byline is not None and byline.published is not None:
                clues.append(DateClue(byline.published, "byline date", Rank.INLINE_LINE, core(page.texts[i])))
            continue
        written = core(page.texts[i])
        if found.kind == "updated":
            clues.append(DateClue(found.value, "last updated line", Rank.UPDATED_LINE, written))
        else:
            clues.append(DateClue(found.value, "inline date line", Rank.INLINE_LINE, written))
    return clues


def _heading_title(page: Page) -> str | None:
    """A leading Markdown ``# Heading`` names the document when the front matter does not."""
    for i in page.live()[:_TITLE_SCAN]:
        heading = markdown_heading(page.texts[i])
        if heading is not None and heading[0] == 1:
            return MD_LINK.sub(lambda m: m.group(1), heading[1]).strip() or None
    return None


_ABOVE_ANCHORS = frozenset({"byline", "date line", "'last updated' line", "reading-time line"})
_ANCHOR_SCAN = 8
_MARKER_SCAN = 30


def _anchored_headline(page: Page) -> str | None:
    """The headline next to the lines that frame it: just above the byline or date line, or just
    below a "FOR IMMEDIATE RELEASE" marker. Mastheads and section labels above it are passed over.
    """
    top = [i for i, t in enumerate(page.texts) if t.strip()][:_MARKER_SCAN]
    for k, i in enumerate(top):
        kind = page.verdicts.get(i)
        if kind in _ABOVE_ANCHORS and k < _ANCHOR_SCAN:
            above = [j for j in page.live() if j < i]
            return _headline_shaped(page.texts[above[-1]]) if above else None
        if kind == "press-release marker":
            below = [j for j in page.live() if j > i]
            return _headline_shaped(page.texts[below[0]]) if below else None
    return None


def _headline_shaped(line: str) -> str | None:
    if markdown_heading(line) is not None or _LIST_ITEM.match(line) or line.lstrip().startswith("|"):
        return None
    text = core(line)
    words = text.split()
    return text if 3 <= len(words) <= 25 and len(text) <= 160 and text[-1] not in ".:;," else None


def _headline(page: Page) -> str | None:
    """A short first line that reads like a headline; None rather than a guess.

    One- or two-word lines above it ("Finance", "Quick Brief") are section labels and are passed
    over; a list item, a table row, a sentence or a long paragraph means there is no headline.
    """
    for k, i in enumerate(page.live()[:_TITLE_SCAN]):
        line = page.texts[i]
        if markdown_heading(line) is not None or _LIST_ITEM.match(line) or line.lstrip().startswith("|"):
            return None
        text = core(line)
        words = text.split()
        if len(words) <= 2 and len(text) <= 30 and k < _TITLE_SCAN - 1:
            continue
        if 3 <= len(words) <= 25 and len(text) <= 160 and text[-1] not in ".:;,":
            return text
        return None
    return None
