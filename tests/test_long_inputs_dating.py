"""Issue 10, kind 7: dating a long document reads only as much text as the evidence needs.

A leading date counts only at the very start of the text, so only the opening of the first line is
read, however long that line (a run-on paragraph of megabytes) is. A dateline without a year still
takes it from the first full date of the text wherever that date is, and the text is read in
growing prefixes, so a date that sits across a prefix boundary is read whole. Nothing is timed.
"""

from __future__ import annotations

import pytest

from briefing.sources.decode import decode_bytes
from briefing.sources.text import parse_text

RUN_ON = (
    "Pellworth Mills Ltd. agreed on 14 January 2025 to supply Tarrow Fabrics Inc. while analysts "
    "recalled the accord of 2 February 2024 and the talks held on 9 August 2023, "
)


def test_a_leading_date_label_opens_a_run_on_paragraph() -> None:
    text = "Published: 9 March 2026 " + RUN_ON * 2_000 + "end.\n"  # one line of about 330 KB
    parsed = parse_text(text)
    assert (parsed.published, parsed.published_from) == ("2026-03-09", "leading date line")
    assert parsed.content.startswith("Pellworth Mills Ltd.")  # the label and its date are cut


def test_front_matter_dates_a_run_on_paragraph_full_of_other_dates() -> None:
    text = "---\ntitle: Mills\ndate: 2026-05-20\n---\n\n" + RUN_ON * 2_000 + "end.\n"
    parsed = parse_text(text, markdown=True)
    assert parsed.published == "2026-05-20"
    assert parsed.published_from is not None and "front matter" in parsed.published_from
    assert not [w for w in parsed.warnings if "disagrees" in w]  # dates inside the story are not evidence


def test_a_byline_and_a_dateline_date_a_long_story() -> None:
    text = (
        "Mills agree supply terms\n\nBy Ines Varga | Published March 9, 2026\n\n"
        "HALIFAX, March 9 (Reuters) - " + RUN_ON * 2_000 + "end.\n"
    )
    parsed = parse_text(text)
    assert parsed.published == "2026-03-09"
    assert parsed.published_from == "byline date"
    assert not [w for w in parsed.warnings if "disagrees" in w]


def test_a_date_past_the_opening_of_a_long_first_line_is_not_a_leading_date() -> None:
    words = "The mills were quiet all week and the harbour was calm, "
    text = words * 10 + "and on 9 March 2026 the talks ended. " + words * 2_000 + "end.\n"
    parsed = parse_text(text)
    assert parsed.published is None  # a date inside the first paragraph dates an event, not the text


@pytest.mark.parametrize("offset", [10, 3_950, 3_990, 3_999, 4_005, 15_950, 16_020, 60_000])
def test_a_dateline_without_a_year_takes_it_from_the_first_full_date_wherever_it_is(offset: int) -> None:
    filler = "The harbour was calm and nothing else happened that morning at the quay. "
    head = "HALIFAX, March 9 (Reuters) - Port officials met. "
    body = (filler * (offset // len(filler) + 1))[: max(0, offset - len(head))]
    text = head + body + " They recalled 2 May 2024 and 14 June 2025. " + filler * 3_000 + "\n"
    parsed = parse_text(text)
    assert parsed.published == "2024-03-09"  # the year of the first full date, however far down
    assert any("took it from '2 May 2024'" in w for w in parsed.warnings)


def test_tabs_and_page_breaks_are_text_but_other_controls_are_not() -> None:
    plain = ("Column\tvalue\x0b\x0c\r\n" * 200).encode()
    assert decode_bytes(plain).text is not None
    c1 = ("A line of text with a stray control\x85\x1b here.\n" * 50).encode()  # NEL and ESC: 4%
    assert decode_bytes(c1).text is None
