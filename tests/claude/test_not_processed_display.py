"""After an early stop the terminal gets one line for every document not processed, not one each."""

from __future__ import annotations

from briefing.cli.display import NOT_PROCESSED_SHOWN, problem_lines
from briefing.models import SourceRecord

REASON = "not processed: the run stopped early: the API key was rejected (HTTP 401)"


def record(i: int, status: str = "failed", reason: str = REASON) -> SourceRecord:
    return SourceRecord(
        id=f"doc-{i:03d}",
        path=f"in/doc-{i:03d}.md",
        title=None,
        published=None,
        published_from=None,
        publisher=None,
        url=None,
        format="md",
        chars=10,
        status=status,  # type: ignore[arg-type]
        reason=reason,
    )


def test_five_hundred_documents_not_processed_are_one_line_with_the_count_and_first_ids() -> None:
    records = [
        record(0, reason="model call failed after 1 attempt: HTTP 401"),
        record(1, "skipped", "empty file"),
        *(record(i) for i in range(2, 502)),
        record(502, "used", ""),
    ]
    lines = problem_lines(records)
    assert len(lines) == 3  # the real failure, the skipped file, and one line for the 500
    [folded] = [line for line in lines if line.startswith("  not processed: ")]
    assert "500 documents" in folded and "the API key was rejected (HTTP 401)" in folded
    shown = [f"doc-{i:03d}" for i in range(2, 2 + NOT_PROCESSED_SHOWN)]
    assert all(i in folded for i in shown) and "doc-007" not in folded
    assert f"and {500 - NOT_PROCESSED_SHOWN} more" in folded
    assert "  failed: in/doc-000.md: model call failed" in lines[0]


def test_a_single_document_not_processed_keeps_its_own_line() -> None:
    lines = problem_lines([record(1), record(2, "used", "")])
    assert lines == [f"  failed: in/doc-001.md: {REASON}"]


def test_without_a_briefing_the_folded_line_does_not_point_to_one() -> None:
    [line] = problem_lines([record(1), record(2)], listed=False)
    assert "2 documents" in line and "sources list" not in line and "re-run" in line
