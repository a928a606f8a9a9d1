"""Real-world input shapes: a syndicated regional copy (b14) and a long live blog (b12-like)."""

from __future__ import annotations

from pathlib import Path

from briefing.consolidate import consolidate, find_duplicates
from briefing.consolidate.figures import find_figures
from briefing.engines.offline import OfflineEngine
from briefing.grounding import verify_extraction
from briefing.sources.loader import SourceLoader
from tests.fakes import make_document

CASES = Path(__file__).parent / "data" / "cases"


def test_a_lightly_edited_regional_copy_is_a_copy_of_the_wire_story_and_not_corroboration() -> None:
    documents = list(SourceLoader(CASES).lazy_load())
    assert find_duplicates(documents) == {"b14b_syndicated_regional_copy": "b14a_syndicated_wire_original"}
    drafts = OfflineEngine().extract_many(documents)
    extractions = [verify_extraction(x, d) for x, d in zip(drafts, documents, strict=True)]
    result = consolidate(extractions, documents)
    row = next(p for p in result.partnerships if len(p.sources) == 2)
    assert row.independent_sources == ("b14a_syndicated_wire_original",)
    assert row.independent_count == 1


def _live_blog(entries: int) -> str:
    companies = ["Farrow Chemicals", "Ingram Pharma", "Deverell Bank", "Bracken Foods", "Aldren Mining"]
    lines = ["Live: markets through the day", ""]
    for i in range(entries):
        hour, minute = 8 + (i // 60) % 10, i % 60
        company = companies[i % len(companies)]
        lines.append(
            f"{hour:02d}:{minute:02d} – {company} reported a rise in revenue, with its shares moving "
            f"{(i * 7) % 90 / 10:.1f} percent by {hour:02d}:{minute:02d} local time in update number {i + 1}, "
            f"page {i % 40 + 1} of the filing."
        )
        lines.append("")
    return "\n".join(lines)


def test_a_live_blog_reports_no_disagreement_inside_itself() -> None:
    text = _live_blog(3000)
    document = make_document("blog", text, published="2026-05-20")
    result = consolidate([], [document])
    assert result.discrepancies == ()


def test_clock_times_and_page_numbers_are_never_figures() -> None:
    text = "08:07 – Acme shares moved 1.1 percent by 08:07 local time, page 12 of 40 pages, at 9.30am."
    assert [f.text for f in find_figures("d", text)] == ["1.1 percent", "40 pages"]
