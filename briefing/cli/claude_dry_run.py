"""``briefing build --dry-run``: print the Claude engine's token and cost estimate, call nothing paid."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from langchain_core.documents import Document

from briefing.cli.claude_options import claude_options
from briefing.cli.exit_codes import EXIT_OK
from briefing.config import Settings, cache_path


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:.4f}"


def dry_run(settings: Settings, documents: Sequence[Document], *, environ: Mapping[str, str]) -> int:
    """Print per-document and total tokens and cost for ``documents``; returns the exit code.

    The offline engine (chosen, or ``auto`` without a key) makes no paid calls: say so, and how to
    estimate what the Claude engine would cost, instead of printing Claude's figures as if they applied.
    """
    engine = settings.engine
    if engine == "offline" or (engine == "auto" and not environ.get("ANTHROPIC_API_KEY")):
        print(
            f"dry run: the offline engine would process {len(documents)} document(s) and makes no paid "
            "calls (0 tokens, $0); nothing was written. For what the Claude engine would cost, "
            "add --engine anthropic."
        )
        return 0
    from briefing.engines.claude import DEFAULT_MODEL, ClaudeConfig
    from briefing.engines.claude.dry_run import estimate_run, estimate_summary

    config = ClaudeConfig(
        model=settings.model or DEFAULT_MODEL,
        api_key=environ.get("ANTHROPIC_API_KEY") or None,
        base_url=environ.get("ANTHROPIC_BASE_URL") or None,
        prompts_dir=settings.prompts,
        max_reasks=settings.max_reasks,
        cache_path=cache_path(settings.cache_dir, environ=environ),
        price_table=settings.prices,
    )
    config = replace(config, **claude_options(settings))
    options = claude_options(settings)
    estimates = estimate_run(config, documents, batch=bool(options.get("batch")))
    counted = all(e.counted for e in estimates)
    how = "counted with the API" if counted else "estimated locally (no API key; about 4 characters a token)"
    print(
        f"dry run: {config.model}, effort {config.effort}; input tokens {how}; nothing was sent for processing"
    )
    for estimate, document in zip(estimates, documents, strict=True):
        name = Path(str(document.metadata.get("path") or estimate.document_id)).name
        if estimate.cached:
            print(f"  {name}: cached, $0")
            continue
        print(
            f"  {name}: {estimate.input_tokens:,} input tokens, output up to {estimate.max_tokens:,}; "
            f"{_money(estimate.input_cost)} input, at most {_money(estimate.max_cost)}; "
            f"re-asks 0..{estimate.reasks}: up to {_money(estimate.reask_max_cost)} more"
        )
    tokens = sum(e.input_tokens for e in estimates)
    low = None if any(e.input_cost is None for e in estimates) else sum(e.input_cost or 0 for e in estimates)
    high = None if any(e.max_cost is None for e in estimates) else sum(e.max_cost or 0 for e in estimates)
    reasks = _sum([e.reask_max_cost for e in estimates])
    summary = estimate_summary(config, documents=len(documents))
    print(
        f"total: {len(estimates)} document(s), {tokens:,} input tokens; {_money(low)} input, "
        f"at most {_money(high)} for the first calls"
    )
    print(f"  re-asks (0..{config.max_reasks} per document): up to {_money(reasks)} more")
    print(
        f"  executive summary (1..{summary.calls} call(s), about {summary.input_tokens:,} input tokens "
        f"at most, estimated): up to {_money(summary.max_cost)}"
    )
    print(
        f"  in all at most {_money(_sum([high, reasks, summary.max_cost]))} (not included: the one "
        "retry of an answer cut off at max_tokens, and extra calls for documents split into parts)"
    )
    return EXIT_OK


def _sum(values: Sequence[float | None]) -> float | None:
    return None if any(v is None for v in values) else sum(v or 0.0 for v in values)
