"""Unit tests of the cleaning rules, date evidence and front matter: what is removed, and what is not."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.sources.dateline import choose_date, find_dateline, leading_date, match_date_line
from briefing.sources.frontmatter import read_front_matter
from briefing.sources.html import parse_html
from briefing.sources.rules import classify
from briefing.sources.text import parse_text
from briefing.sources.values import DateClue, Rank


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- _Draft placeholder_", "draft placeholder"),
        ("[placeholder]", "draft placeholder"),
        ("TK", "draft placeholder"),
        ("TODO: add the CEO quote", "draft placeholder"),
        ("[Insert chart here]", "draft placeholder"),
        ("Lorem ipsum dolor sit amet.", "draft placeholder"),
        ("{{ author_bio }}", "draft placeholder"),
        ("Sign up for our newsletter to get the latest news in your inbox", "newsletter prompt"),
        ("*Want more? Subscribe to the Daily Brief newsletter here.*", "newsletter prompt"),
        ("Share", "share prompt"),
        ("Share on LinkedIn", "share prompt"),
        ("Facebook · Twitter · Email", "share prompt"),
        ("Copy link", "share prompt"),
        ("Add Example News as a preferred source on Google", "platform prompt"),
        ("Follow us on Google News", "platform prompt"),
        ("12 min read", "reading-time line"),
        ("Reading time: 4 minutes", "reading-time line"),
        ("Last updated: 3 May 2025, 14:05 BST", "'last updated' line"),
        ("Updated 2 hours ago", "'last updated' line"),
        ("Published: Tuesday, May 6, 2025 at 9:00 am", "date line"),
        ("By Priya Natarajan | Staff Writer", "byline"),
        ("The 2026 Fintech Awards — Nominations now open", "promo line"),
        ("(Additional reporting by Ana Lee; Editing by Mark Potter)", "wire credit line"),
        (
            "We use cookies to personalise content. By continuing you accept our cookie policy.",
            "cookie notice",
        ),
        ("Advertisement", "advertisement marker"),
    ],
)
def test_boilerplate_lines_are_recognised(line: str, kind: str) -> None:
    verdict = classify(line)
    assert verdict is not None and verdict.kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "The company said it would launch a newsletter for investors next year.",
        "Readers can sign up for the scheme through the council, officials said.",
        "Shares of Acme rose 4% after the agreement was announced.",
        "Facebook and Twitter were not part of the agreement.",
        "The regulator said websites must ask users to accept cookies before tracking them.",
        "The TODO list for the new institute includes hiring 50 researchers.",
        "By 2030, the two companies expect the plant to be fully operational.",
        "By contrast, Globex has not signed any memorandum.",
        "The government last updated its guidance on 3 May 2025, the minister said.",
        "Published research shows the model can be misused, the institute said.",
        "Entries for the award, which the ministry announced in a call for entries last week, closed on Friday.",
        "It takes about five minutes to read the full agreement, which runs to 12 pages.",
        'Kendall told reporters: "Many other countries are extremely interested in working with us."',
        "Placeholder names were used in the filing, according to the court.",
    ],
)
def test_article_prose_is_never_classified_as_boilerplate(line: str) -> None:
    assert classify(line) is None


# --------------------------------------------------------------------------- date evidence


def test_date_lines_need_a_label_and_nothing_but_a_date() -> None:
    line = match_date_line("Posted on April 28, 2026")
    assert line is not None and (line.kind, line.value) == ("published", date(2026, 4, 28))
    assert match_date_line("· Last updated: April 28, 2026") is not None
    assert match_date_line("Posted on April 28, 2026 by Jane Kendall") is None
    assert match_date_line("Published April 28") is None  # no year: not evidence on its own


def test_leading_date_label_shares_the_line_with_the_first_sentence() -> None:
    lead = leading_date(" date 2025-02-14 The UK government has signed")
    assert lead is not None and lead.labelled and lead.value == date(2025, 2, 14)
    assert " date 2025-02-14 The UK government has signed"[lead.end :] == "The UK government has signed"
    bare = leading_date("December 11, 2025 Responsibility & Safety")
    assert bare is not None and not bare.labelled and bare.end == 0
    assert leading_date("In 2025 the UK signed") is None


@pytest.mark.parametrize(
    ("line", "place", "when", "agency"),
    [
        ("LONDON, April 28 (Reuters) - Britain will", "LONDON", "April 28", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON", "", "AP"),
        ("SAN FRANCISCO, Calif., March 3, 2025 /PRNewswire/ -- Acme", "SAN FRANCISCO, Calif.", "March 3, 2025", "PRNewswire"),
    ],
)  # fmt: skip
def test_wire_datelines(line: str, place: str, when: str, agency: str) -> None:
    found = find_dateline(["", line])
    assert found is not None and (found.place, found.when, found.agency) == (place, when, agency)


def test_no_dateline_in_ordinary_prose() -> None:
    assert find_dateline(["The UK (Britain) - as it is known - signed a deal."]) is None


def test_dateline_year_comes_from_context_and_disagreement_warns() -> None:
    dateline = find_dateline(["LONDON, April 27 (Reuters) - Britain will"])
    posted = DateClue(date(2026, 4, 28), "inline date line", Rank.INLINE_LINE, "Posted on April 28, 2026")
    chosen, warnings = choose_date([posted], dateline, context="")
    assert chosen == posted  # explicit publication lines beat datelines
    assert len(warnings) == 1 and "dateline (year from inline date line)" in warnings[0]
    assert "2026-04-27" in warnings[0]


def test_dateline_alone_takes_the_year_from_the_text_with_a_warning() -> None:
    text = "LONDON, April 28 (Reuters) - Britain said on April 20, 2026 that it would act.\n"
    parsed = parse_text(text)
    assert (parsed.published, parsed.published_from) == ("2026-04-28", "dateline")
    assert any("has no year" in w for w in parsed.warnings)
    assert parse_text("LONDON, April 28 (Reuters) - Britain will act.\n").published is None


def test_an_update_after_publication_is_not_a_disagreement() -> None:
    text = "UK to act on AI\nPosted on April 28, 2026\nLast updated: April 30, 2026\n\nBritain said it would act.\n"
    parsed = parse_text(text)
    assert (parsed.published, parsed.published_from, parsed.warnings) == (
        "2026-04-28",
        "inline date line",
        (),
    )


# --------------------------------------------------------------------------- front matter


def test_later_front_matter_blocks_fill_gaps_and_conflicts_warn() -> None:
    text = (
        "---\ntitle: First title\npublished_at: 2025-01-02\n---\n\n"
        "---\nheadline: Second title\nsite_name: Example\nsourceUrl: https://e.example/a\ndate: 2025-01-03\n---\n"
        "Body.\n"
    )
    lines = text.split("\n")
    front = read_front_matter(lines)
    assert (front.title, front.publisher, front.url) == ("First title", "Example", "https://e.example/a")
    assert front.published is not None and front.published.value == date(2025, 1, 2)
    assert front.published.source == "front matter: published_at"
    assert len(front.warnings) == 2 and all("kept the first" in w for w in front.warnings)
    assert lines[front.end] == "Body."


def test_a_horizontal_rule_is_not_front_matter() -> None:
    text = "---\n\nSome text.\n\n---\nMore text."
    lines = text.split("\n")
    assert read_front_matter(lines).end == 0


def test_unterminated_front_matter_is_kept_as_text_with_a_warning() -> None:
    parsed = parse_text("---\ntitle: Oops\n\nThe agreement was signed on Monday.\n")
    assert "title: Oops" in parsed.content
    assert any("never closed" in w for w in parsed.warnings)


def test_markdown_heading_gives_the_title_when_front_matter_has_none() -> None:
    parsed = parse_text("# Acme signs deal\n\nAcme signed a deal with Globex on Monday.\n")
    assert parsed.title == "Acme signs deal" and parsed.format == "markdown"


def test_plain_text_title_is_derived_and_marked_so_when_no_headline_is_written() -> None:
    parsed = parse_text("Acme signed a deal with Globex on Monday, it said.\n")
    assert (parsed.title, parsed.title_from) == (
        "Acme signed a deal with Globex on Monday, it said",
        "derived: opening words",
    )
    parsed = parse_text("- a list item first\n\nAcme signed a deal with Globex on Monday.\n")
    assert (parsed.title, parsed.title_from) == (
        "Acme signed a deal with Globex on Monday",
        "derived: opening words",
    )


_BODY = (
    "<article><h1>Acme signs deal</h1><p>Acme Corp and Globex Inc signed a research agreement on Monday to "
    "develop secure AI systems for hospitals, the companies said in a joint statement.</p></article>"
)


@pytest.mark.parametrize(
    ("head", "body", "source"),
    [
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2025-03-04T09:00:00+01:00"}]}</script>',
            "",
            "html json-ld: datePublished",
        ),
        (
            "",
            '<p><time datetime="2025-03-04">4 March</time></p>',
            "html: htmldate (markup and visible dates)",
        ),
        ('<meta name="date" content="2025-03-04">', "", "html meta: date"),
    ],
)
def test_html_date_evidence_is_named(head: str, body: str, source: str) -> None:
    parsed = parse_html(f"<html><head>{head}</head><body>{body}{_BODY}</body></html>")
    assert (parsed.published, parsed.published_from) == ("2025-03-04", source)
    assert "signed a research agreement on Monday" in parsed.content
