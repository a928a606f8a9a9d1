"""Run the grounding case table through briefing's grounding and through LangExtract's aligner.

LangExtract is NOT a dependency of briefing; it lives in a separate virtual environment:

    python3 -m venv .bench-venv
    .bench-venv/bin/pip install langextract rapidfuzz
    .bench-venv/bin/pip install -e . --no-deps
    .bench-venv/bin/python bench/langextract_compare.py

For each tool it counts harmful (``reject``) cases it accepts and benign (``accept``) cases it
rejects or places somewhere else. LangExtract is run as its ``Resolver.align`` is by default
(``WordAligner``, fuzzy alignment on, threshold 0.75, partial "lesser" matches accepted), with
lesser matches off, and with both fuzzy alignment and lesser matches off.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass

from grounding_cases import QUOTE_CASES, VALUE_CASES, QuoteCase
from langextract.core import data
from langextract.resolver import Resolver

from briefing.grounding import check_date, check_kind, check_party, check_scope, check_status, verify_quote
from briefing.models import Span


@dataclass(frozen=True, slots=True)
class Outcome:
    accepted: bool
    span: tuple[int, int] | None
    status: str


def _hint(case: QuoteCase) -> Span | None:
    if case.hint_of is None or case.place is None:
        return None
    at = case.text.index(case.place, case.text.index(case.hint_of))
    return Span(at, at + len(case.place))


def ours(case: QuoteCase) -> Outcome:
    m = verify_quote(case.quote, case.text, hint=_hint(case))
    span = (m.start, m.end) if m.start is not None and m.end is not None else None
    return Outcome(m.verified, span, m.status)


def langextract(*, fuzzy: bool, lesser: bool) -> Callable[[QuoteCase], Outcome]:
    resolver = Resolver()

    def run(case: QuoteCase) -> Outcome:
        extraction = data.Extraction(extraction_class="quote", extraction_text=case.quote)
        try:
            (aligned,) = resolver.align(
                [extraction],
                case.text,
                token_offset=0,
                char_offset=0,
                enable_fuzzy_alignment=fuzzy,
                accept_match_lesser=lesser,
            )
        except Exception as exc:  # an input it cannot handle counts as not accepted
            return Outcome(False, None, f"error: {type(exc).__name__}")
        status = aligned.alignment_status
        interval = aligned.char_interval
        span = None
        if interval is not None and interval.start_pos is not None and interval.end_pos is not None:
            span = (interval.start_pos, interval.end_pos)
        return Outcome(status is not None, span, status.value if status else "unaligned")

    return run


def _place(case: QuoteCase) -> tuple[int, int] | None:
    if case.place is None:
        return None
    hint = _hint(case)
    if hint is not None:
        return hint.start, hint.end
    start = case.text.index(case.place)
    return start, start + len(case.place)


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Tools differ in whether a span includes edge punctuation; only a different place counts."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def main() -> None:
    logging.disable(logging.WARNING)
    tools: dict[str, Callable[[QuoteCase], Outcome]] = {
        "briefing.grounding": ours,
        "LangExtract default (fuzzy 0.75, lesser on)": langextract(fuzzy=True, lesser=True),
        "LangExtract fuzzy only (fuzzy 0.75, lesser off)": langextract(fuzzy=True, lesser=False),
        "LangExtract exact only (fuzzy off, lesser off)": langextract(fuzzy=False, lesser=False),
    }
    harmful = [c for c in QUOTE_CASES if c.expect == "reject"]
    benign = [c for c in QUOTE_CASES if c.expect == "accept"]
    version = importlib.metadata.version("langextract")
    print(
        f"Quote case table: {len(harmful)} harmful (reject) and {len(benign)} benign (accept) cases; "
        f"langextract {version}.\n"
    )
    print(
        "| tool | harmful accepted | benign rejected | benign placed elsewhere (no overlap with the right span) |"
    )
    print("|---|---:|---:|---:|")
    details: dict[str, list[str]] = {}
    for name, tool in tools.items():
        bad_accepts = [c for c in harmful if tool(c).accepted]
        outcomes = {c.id: tool(c) for c in benign}
        rejected = [c for c in benign if not outcomes[c.id].accepted]
        misplaced = [
            c for c in benign if outcomes[c.id].accepted and not _overlaps(outcomes[c.id].span, _place(c))
        ]
        print(
            f"| {name} | {len(bad_accepts)}/{len(harmful)} | {len(rejected)}/{len(benign)} | "
            f"{len(misplaced)}/{len(benign)} |"
        )
        details[name] = (
            [f"accepted harmful `{c.id}` ({c.what}) as {tool(c).status}" for c in bad_accepts]
            + [f"rejected benign `{c.id}` ({c.what}): {outcomes[c.id].status}" for c in rejected]
            + [f"misplaced benign `{c.id}` ({c.what})" for c in misplaced]
        )
    for name, lines in details.items():
        print(f"\n{name}:" + ("" if lines else " no errors"))
        for line in lines:
            print(f"- {line}")
    checks = {"party": check_party, "kind": check_kind, "status": check_status, "scope": check_scope}
    wrong = []
    for v in VALUE_CASES:
        result = (
            check_date(v.value, v.span, anchor=v.anchor)
            if v.check == "date"
            else checks[v.check](v.value, v.span)
        )
        if result.ok != (v.expect == "accept"):
            wrong.append(v.id)
    print(
        f"\nValue checks (briefing only; LangExtract aligns text but does not check attribute values): "
        f"{len(VALUE_CASES) - len(wrong)}/{len(VALUE_CASES)} correct"
        + (f", wrong: {wrong}" if wrong else ".")
    )


if __name__ == "__main__":
    main()
