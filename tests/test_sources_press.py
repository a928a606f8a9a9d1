"""Cleaning and metadata for syndicated stories, press releases and non-YAML front matter.

Short made-up texts, one per rule: TOML front matter, section breadcrumbs, bylines with a time
stamp, copyright and licence lines, wire credits without brackets, press-release markers and
closing "About X" / contact sections, translation notices, datelines without an agency, a
publication name with a date, mastheads above the headline, author bios, Markdown emphasis.
"""

from __future__ import annotations

from briefing.dates import find_dates
from briefing.sources.rules import classify
from briefing.sources.text import parse_text

BODY = "Acme Energy and Beta Power signed an agreement on Monday to build a plant in the north.\n"


def _kinds(parsed_removed: tuple[str, ...]) -> str:
    return " | ".join(parsed_removed)


def test_toml_front_matter_gives_title_and_date_and_is_not_content() -> None:
    text = (
        '+++\ntitle = "Acme and Beta build a plant"\ndate = 2026-11-10T07:30:00+01:00\n[extra]\nx = 1\n+++\n\n'
        + BODY
    )
    parsed = parse_text(text, markdown=True)
    assert parsed.title == "Acme and Beta build a plant"
    assert (parsed.published, parsed.published_from) == ("2026-11-10", "front matter: date")
    assert parsed.content == BODY.strip()
    assert "front matter block 1 (TOML)" in _kinds(parsed.removed)


def test_broken_toml_front_matter_is_a_warning_and_keeps_the_body() -> None:
    parsed = parse_text('+++\ntitle = "unclosed\n+++\n\n' + BODY, markdown=True)
    assert any("not valid TOML" in w for w in parsed.warnings)
    assert BODY.strip() in parsed.content


def test_syndication_furniture_is_removed_and_the_headline_found() -> None:
    text = (
        "Markets | Technology | Europe\n\nAcme and Beta agree to build a plant\n\n"
        "By Reuters | November 18, 2026 9:42 AM GMT+1 | Updated 2 hours ago\n\n"
        + BODY
        + "\n(c) 2026 Thomson Reuters. All rights reserved. Republished by Daily Wire under licence.\n"
    )
    parsed = parse_text(text)
    assert parsed.title == "Acme and Beta agree to build a plant"
    assert (parsed.published, parsed.published_from) == ("2026-11-18", "byline date")
    assert parsed.content == "Acme and Beta agree to build a plant\n\n" + BODY.strip()
    removed = _kinds(parsed.removed)
    assert "section breadcrumb" in removed and "byline" in removed and "copyright line" in removed


def test_a_masthead_and_section_label_above_the_headline_are_not_the_title() -> None:
    text = (
        "Nordic Business Journal\nLife sciences\n\nAcme bets on a plant in the north\n\nBy Per Sandvik\n\n"
        + BODY
    )
    assert parse_text(text).title == "Acme bets on a plant in the north"


def test_press_release_marker_tail_and_translation_notice() -> None:
    text = (
        "報道関係各位\n\n2026年11月12日\n\nFOR IMMEDIATE RELEASE\n\n"
        "Acme Robotics signs alliance agreement with Beta Logistics\n\n"
        "TOKYO, 12 November 2026 - " + BODY + "\nAbout Acme Robotics\n"
        "Acme Robotics Co., Ltd. was founded in 2014 and builds robots.\n\nMedia contact\npress@acme.example\n\n"
        "Note: This English translation is provided for reference only. In the event of any discrepancy, "
        "the Japanese original shall prevail.\n"
    )
    parsed = parse_text(text)
    assert parsed.title == "Acme Robotics signs alliance agreement with Beta Logistics"
    # the bare date line near the top is date evidence (and agrees with the dateline); never content
    assert (parsed.published, parsed.published_from) == ("2026-11-12", "date line near the top")
    assert "2026年11月12日" not in parsed.content and not parsed.warnings
    assert "founded in 2014" not in parsed.content and "press@acme" not in parsed.content
    assert "translation" not in parsed.content and "IMMEDIATE" not in parsed.content
    assert parsed.content.endswith(BODY.strip())


def test_an_about_section_of_the_article_itself_is_kept() -> None:
    text = BODY + "\nAbout the plant\nThe site was chosen for its port and its grid connection.\n"
    assert "chosen for its port" in parse_text(text).content


def test_datelines_without_an_agency_need_a_full_date() -> None:
    assert parse_text("NAIROBI, Nov 21 2026\n\n" + BODY).published == "2026-11-21"
    assert parse_text("**OSLO, 19 November 2026** — " + BODY, markdown=True).published == "2026-11-19"
    assert parse_text("MADRID — " + BODY).published is None


def test_a_publication_name_and_date_line_dates_the_text_and_is_removed() -> None:
    parsed = parse_text("Acme and Beta build a plant\n\nRail Business Europe — 17 November 2026\n\n" + BODY)
    assert (parsed.published, parsed.published_from) == ("2026-11-17", "inline date line")
    assert "Rail Business Europe" not in parsed.content


def test_wire_credit_without_brackets_and_author_bio_are_removed() -> None:
    text = (
        "Acme and Beta build a plant\n\nBy Henrik Aalto\n\n"
        + BODY
        + "\n— Reporting by Ana Ruiz; editing by Tomás Gil\n"
    )
    assert "Reporting by" not in parse_text(text).content
    bio = (
        "Acme and Beta build a plant\n\nBy Henrik Aalto\n\n"
        + BODY
        + "\nHenrik Aalto is a former adviser. The views are his own.\n"
    )
    assert parse_text(bio).content.endswith(BODY.strip())
    other = (
        "Acme and Beta build a plant\n\nBy Henrik Aalto\n\n"
        + BODY
        + "\nJane Roe is the plant's new director.\n"
    )
    assert parse_text(other).content.endswith("new director.")


def test_markdown_emphasis_markers_are_not_content_but_list_bullets_stay() -> None:
    parsed = parse_text("**UPPSALA** — " + BODY + "\n* one item\n* *Ingrid Holm* reports.\n", markdown=True)
    assert parsed.content.startswith("UPPSALA — Acme Energy")
    assert "* one item" in parsed.content and "* Ingrid Holm reports." in parsed.content
    assert "**" not in parse_text("**UPPSALA** — " + BODY).content  # detected as Markdown by its signs too


def test_furniture_rules_leave_prose_alone() -> None:
    for line in (
        "Reporting by the BBC found that the deal was signed.",
        "The UK | France summit was held in Paris.",
        "Copyright law was the main topic of the agreement signed by the two publishers on Monday.",
    ):
        assert classify(line) is None, line


def test_cjk_dates_are_dates() -> None:
    [mention] = find_dates("2026年11月11日に締結しました")
    assert mention.value.isoformat() == "2026-11-11"
