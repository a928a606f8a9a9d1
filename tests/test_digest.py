"""What changed since the previous edition: row matching across editions, and reading editions."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from briefing.digest import compare_editions, current_edition, parse_edition, previous_edition_name
from briefing.digest.compare import match_rows
from briefing.models import (
    Briefing,
    Discrepancy,
    DiscrepancyValue,
    EngineInfo,
    Partnership,
    SourceRecord,
    Usage,
)
from briefing.render import render_json


def source(doc_id: str, url: str | None = None) -> SourceRecord:
    return SourceRecord(
        doc_id, f"in/{doc_id}.md", doc_id.title(), "2026-11-17", None, None, url, "markdown", 100, "used"
    )


def row(
    row_id: str,
    parties: tuple[str, ...],
    kind: str,
    *,
    status: str | None = "signed",
    sources: tuple[str, ...] = ("a",),
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Partnership:
    return Partnership(row_id, parties, aliases, kind, None, status, None, sources, ())


def briefing(rows: tuple[Partnership, ...], docs: tuple[SourceRecord, ...], **extra: object) -> Briefing:
    base = Briefing("2026-11-22", EngineInfo("offline"), docs, rows, (), (), (), (), Usage(), 0, 0)
    return replace(base, **extra)  # type: ignore[arg-type]


def changes_between(before: Briefing, after: Briefing):  # type: ignore[no-untyped-def]
    previous = parse_edition(render_json(before))
    return compare_editions(
        current_edition(after),
        previous,
        window="2026-W47",
        previous_name="2026-W46-digest.json",
        folder="out",
    )


def test_the_previous_edition_is_the_latest_earlier_week_only() -> None:
    names = [
        "2026-W45-digest.json",
        "2026-W46-digest.json",
        "2026-W47-digest.json",  # this week's own edition (a re-run), never "previous"
        "2026-W48-digest.json",
        "2026-W46-digest.md",
        "2026-11-20-briefing.json",
        "notes.txt",
    ]
    assert previous_edition_name(names, "2026-W47") == "2026-W46-digest.json"
    assert (
        previous_edition_name(["2025-W52-digest.json", "2025-W51-digest.json"], "2026-W01")
        == "2025-W52-digest.json"
    )
    assert previous_edition_name(["2026-W48-digest.json"], "2026-W47") is None


def test_without_a_previous_edition_everything_is_new_and_the_note_says_so() -> None:
    now = briefing((row("p1", ("Acme Ltd", "Port of Dover"), "partnership"),), (source("a"),))
    changes = compare_editions(
        current_edition(now), None, window="2026-W47", previous_name=None, folder="out"
    )
    assert changes.previous is None
    assert changes.note == "No previous edition found in out; everything below is new."
    assert [(c.change, c.partnership_id) for c in changes.rows] == [("new", "p1")]


def test_rows_match_by_parties_and_kind_not_by_id() -> None:
    before = briefing(
        (
            row(
                "r1",
                ("Department for Science, Innovation and Technology", "Acme Ltd"),
                "memorandum of understanding",
                aliases=(("Department for Science, Innovation and Technology", ("DSIT",)),),
            ),
            row("r2", ("Acme Ltd", "Port of Dover"), "partnership"),
        ),
        (source("a"),),
    )
    after = briefing(
        (
            # other ids, other order, one party under its acronym, kind in other case: the same agreements
            row("r2", ("Harbour Trust", "Acme Ltd"), "partnership"),
            row("x9", ("Acme Ltd", "DSIT"), "Memorandum of Understanding"),
            row("x10", ("Port of Dover", "Acme Ltd"), "partnership"),
        ),
        (source("a"),),
    )
    changes = changes_between(before, after)
    listed = [(c.change, c.partnership_id, c.previous_id) for c in changes.rows]
    # r2 is a new agreement although it reuses an old id; x9 and x10 continue r1 and r2 unchanged.
    assert listed == [("new", "r2", None)]
    assert "1 new, 0 updated, 0 no longer reported" in changes.note


def test_a_different_kind_is_a_different_agreement() -> None:
    before = briefing((row("r1", ("Acme Ltd", "Port of Dover"), "partnership"),), (source("a"),))
    after = briefing((row("r1", ("Acme Ltd", "Port of Dover"), "joint venture"),), (source("a"),))
    assert [c.change for c in changes_between(before, after).rows] == ["new", "dropped"]


def test_new_sources_new_disagreements_and_a_changed_status_make_an_update() -> None:
    before = briefing(
        (row("r1", ("Acme Ltd", "Port of Dover"), "partnership", status="announced", sources=("a",)),),
        (source("a", "https://news.example/a"),),
    )
    disputed = Discrepancy(
        "date",
        "Acme–Dover partnership",
        (DiscrepancyValue("3 May", "b", "3 May", 0, 5), DiscrepancyValue("4 May", "c", "4 May", 0, 5)),
        partnership_id="r7",
    )
    after = briefing(
        (
            row(
                "r7",
                ("Port of Dover", "Acme Ltd"),
                "partnership",
                status="signed",
                sources=("feed-a", "b", "c"),
            ),
        ),
        # feed-a is last week's document a under a new id: same URL, so not a new source
        (source("feed-a", "https://news.example/a/"), source("b"), source("c")),
        discrepancies=(disputed,),
    )
    (change,) = changes_between(before, after).rows
    assert change.change == "updated"
    assert (change.partnership_id, change.previous_id) == ("r7", "r1")
    assert change.new_sources == ("b", "c")
    assert change.new_disputes == ("date",)
    assert (change.status_before, change.status_after, change.status_changed) == ("announced", "signed", True)


def test_an_unchanged_row_is_not_listed_and_a_missing_one_is_dropped() -> None:
    same = row("r1", ("Acme Ltd", "Port of Dover"), "partnership")
    gone = row("r2", ("Beta plc", "City of Leeds"), "contract")
    before = briefing((same, gone), (source("a"),))
    after = briefing((replace(same, id="z"),), (source("a"),))
    (change,) = changes_between(before, after).rows
    assert (change.change, change.previous_id, change.parties) == (
        "dropped",
        "r2",
        ("Beta plc", "City of Leeds"),
    )


def test_each_previous_row_continues_at_most_one_row() -> None:
    before = briefing((row("r1", ("Acme Ltd", "Port of Dover"), "partnership"),), (source("a"),))
    after = briefing(
        (
            row("n1", ("Acme Ltd", "Port of Dover"), "partnership"),
            row("n2", ("Acme Ltd", "Port of Dover"), "partnership"),
        ),
        (source("a"),),
    )
    pairs = match_rows(current_edition(after).rows, current_edition(before).rows)
    assert list(pairs) == ["n1"]


def test_a_previous_edition_is_read_leniently_but_not_guessed() -> None:
    data = json.loads(render_json(briefing((row("r1", ("A Corp", "B Corp"), "deal"),), (source("a"),))))
    data["a_key_from_a_newer_version"] = {"x": 1}
    assert parse_edition(json.dumps(data)).rows[0].parties == ("A Corp", "B Corp")
    del data["partnerships"]
    with pytest.raises(ValueError, match="partnerships"):
        parse_edition(json.dumps(data))
    with pytest.raises(ValueError, match="not a briefing JSON edition"):
        parse_edition("[1, 2]")


def test_the_changes_section_escapes_source_text_in_markdown_and_pdf() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from briefing.render import render_html, render_markdown, render_pdf

    hostile = ("Acme | Partners", "<script>alert(1)</script>", "#set text(red)")
    before = briefing((row("r1", hostile, "partnership", status="announced"),), (source("a"),))
    after = briefing((row("r9", hostile, "partnership", status="*signed*"),), (source("a"), source("b")))
    changed = replace(after, changes=changes_between(before, after))
    markdown = render_markdown(changed)
    section = markdown[markdown.index("## Since the last edition") : markdown.index("## Executive summary")]
    assert "Acme \\| Partners" in section
    assert re.search(r"(?<!\\)<", section) is None  # every "<" escaped, so no HTML reaches a viewer
    assert "status: announced → \\*signed\\*" in section
    html = render_html(changed)
    assert "Since the last edition" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(render_pdf(changed))).pages)
    assert "#set text(red)" in " ".join(text.split())  # printed literally, not run as typst
