"""What the CLI shows a person: the progress bar, the sources table, the run summary, the call log."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from briefing.cli.terminal import note_closed_pipe, printable
from briefing.models import Briefing, SourceRecord, Usage


class _Console(Console):
    """rich's console, except that a reader who left (``| head -1``) does not end the program with
    exit code 1: the output is silenced and the command ends with 141 when its work is done."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        note_closed_pipe()


def _console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # A pipe or a file gets a wide table rather than rich's 80-column default.
    width = None if stream.isatty() else 200
    return _Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


_STATUS_ORDER = ("used", "not cited", "skipped", "failed")
"""The summary line's order: what the briefing rests on first ("inputs: 3 used, 2 not cited")."""


@contextmanager
def progress(*, total: int, enabled: bool) -> Iterator[Callable[[str], None]]:
    """Yield a callback that advances a progress bar on stderr, or does nothing when disabled.

    The bar is redrawn on each document, not by rich's refresh thread: consolidation runs steps in
    forked children only when no other thread runs (``briefing.consolidate.forked``). Once every
    document is done the bar says so and that consolidation is under way.
    """
    if not enabled:
        yield lambda _doc_id: None
        return
    columns = (
        TextColumn("{task.fields[stage]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=_console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("", total=total, stage="extracting")
        done = 0

        def advance(doc_id: str) -> None:
            nonlocal done
            done += 1
            if done < total:
                bar.update(task, advance=1, description=printable(doc_id), refresh=True)
            else:
                bar.update(task, advance=1, description="consolidating…", stage="extracted", refresh=True)

        yield advance


@contextmanager
def working(message: str, *, enabled: bool) -> Iterator[None]:
    """A transient spinner with ``message`` on stderr while a long step runs (rendering a large
    briefing takes a while); nothing when disabled."""
    if not enabled:
        yield
        return
    with _console(stderr=True).status(message):
        yield


def shown_status(status: object) -> str:
    """A loader status in the briefing's words: a readable input is "used" (it goes to the engine),
    the others are "skipped" or "failed", as in the briefing's sources list and its JSON."""
    return "used" if status in ("ok", None) else str(status)


def source_row(document: Document) -> dict[str, Any]:
    """One input as the `sources` command reports it (also its JSON shape); ``status`` is
    "used", "skipped" or "failed", the briefing's vocabulary."""
    meta = document.metadata
    return {
        "id": meta.get("id"),
        "path": meta.get("path"),
        "title": meta.get("title"),
        "title_from": meta.get("title_from"),
        "published": meta.get("published"),
        "published_from": meta.get("published_from"),
        "publisher": meta.get("publisher"),
        "url": meta.get("url"),
        "format": meta.get("format"),
        "encoding": meta.get("encoding"),
        "chars": len(document.page_content),
        "status": shown_status(meta.get("status")),
        "reason": meta.get("reason") or "",
        "warnings": list(meta.get("warnings") or []),
        "removed": list(meta.get("removed") or []),
    }


def print_sources(rows: Sequence[dict[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} input file(s)", show_lines=True)
    for column in ("id", "title", "published", "publisher", "chars", "status", "warnings"):
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column in ("id", "chars"),
            justify="right" if column == "chars" else "left",
        )
    for row in rows:
        published = printable(row["published"] or "-")
        if row["published_from"]:
            published += f"\n({printable(row['published_from'])})"
        status = row["status"] + (f": {printable(row['reason'])}" if row["reason"] else "")
        table.add_row(
            Text(printable(row["id"])),
            Text(printable(row["title"] or "-")),
            Text(published),
            Text(printable(row["publisher"] or "-")),
            str(row["chars"]),
            Text(status, style="green" if row["status"] == "used" else "yellow"),
            Text("\n".join(printable(w) for w in row["warnings"]) or "-"),
        )
    _console().print(table)


def report_build(briefing: Briefing, written: Sequence[Path]) -> None:
    """A few lines on stderr: engine, what was used, quotes verified, files written, usage."""
    err = _console(stderr=True)
    counts: dict[str, int] = {}
    for record in briefing.documents:
        counts[record.status] = counts.get(record.status, 0) + 1
    err.print(
        Text(
            f"engine: {briefing.engine.name}"
            + (f" ({printable(briefing.engine.model)})" if briefing.engine.model else "")
        )
    )
    if briefing.engine.notice:
        err.print(Text(briefing.engine.notice))
    order = {status: rank for rank, status in enumerate(_STATUS_ORDER)}
    shown = sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    err.print(Text("inputs: " + ", ".join(f"{n} {status}" for status, n in shown)))
    for line in problem_lines(briefing.documents, listed=bool(written)):
        err.print(Text(line, style="yellow"))
    err.print(
        Text(
            f"{len(briefing.partnerships)} partnership(s), {len(briefing.discrepancies)} disagreement(s); "
            f"{briefing.quotes_verified} of {briefing.quotes_proposed} proposed quotes verified"
        )
    )
    if briefing.engine.uses_language_model:
        err.print(Text(usage_line(briefing.usage)))
    for path in written:
        err.print(Text(f"wrote {printable(path)}"))


NOT_PROCESSED_SHOWN = 5
"""Ids named in the one line for documents an early stop left out (the briefing lists them all)."""


def problem_lines(records: Sequence[SourceRecord], *, listed: bool = True) -> list[str]:
    """A line per skipped or failed input; those "not processed" (an early stop, ``--max-cost``)
    folded into one line with their count and the first few ids, however many there are.
    ``listed``: a briefing was written, whose sources list names every one."""
    lines: list[str] = []
    waiting = [r for r in records if r.status == "failed" and r.reason.startswith("not processed")]
    folded = {id(r) for r in waiting} if len(waiting) >= 2 else set()
    for record in records:
        if record.status in ("skipped", "failed") and id(record) not in folded:
            lines.append(f"  {record.status}: {printable(record.path)}: {printable(record.reason)}")
    if len(waiting) >= 2:
        ids = ", ".join(printable(r.id) for r in waiting[:NOT_PROCESSED_SHOWN])
        more = f" and {len(waiting) - NOT_PROCESSED_SHOWN} more" if len(waiting) > NOT_PROCESSED_SHOWN else ""
        why = printable(waiting[0].reason.removeprefix("not processed").lstrip(": "))
        where = "the briefing's sources list names every one" if listed else "a re-run picks them up"
        lines.append(f"  not processed: {len(waiting)} documents ({ids}{more}): {why}; {where}")
    return lines


def usage_line(usage: Usage) -> str:
    cost = "cost unknown" if usage.cost_usd is None else f"${usage.cost_usd:.4f}"
    return (
        f"usage: {usage.calls} call(s), {usage.input_tokens} input + {usage.output_tokens} output tokens, "
        f"cache write {usage.cache_creation_input_tokens}, cache read {usage.cache_read_input_tokens}; {cost}"
    )


def print_log(entries: Sequence[Any]) -> None:
    table = Table(title="recent model calls")
    for column in ("time", "document", "model", "tokens in/out", "cost", "duration", "outcome"):
        table.add_column(column, overflow="fold")
    for e in entries:
        cost = "-" if e.cost_usd is None else f"${e.cost_usd:.4f}"
        table.add_row(
            Text(printable(e.time)),
            Text(printable(e.document_id)),
            Text(printable(e.model)),
            f"{e.input_tokens}/{e.output_tokens}",
            cost,
            f"{e.duration_s:.2f}s",
            Text(printable(e.outcome)),
        )
    _console().print(table)


def warn(message: str) -> None:
    """One line on stderr; control characters from inputs (file names, titles) are shown escaped."""
    try:
        print(f"briefing: {printable(message)}", file=sys.stderr)
    except BrokenPipeError:  # `2>&1 | head -1`: the run goes on, silently, and ends with 141
        note_closed_pipe()
