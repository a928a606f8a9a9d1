"""What each model can do and how much a request may spend: thinking, effort, ``max_tokens``.

Models that think (adaptive thinking: the Sonnet/Opus 4.6+ and 5.x lines) count their thinking
tokens toward ``max_tokens``; an answer budget sized for the JSON alone would be eaten by the
thinking before the answer starts and come back ``stop_reason: max_tokens``. So every request
states its thinking mode and effort explicitly (never the model's default, which is ``high`` on
Sonnet 5.5) and ``max_tokens`` is the answer budget plus a thinking allowance for that effort.

Request shapes (anthropic 2.12 ``types/thinking_config_*_param.py`` and ``output_config_param.py``):
``thinking={"type": "adaptive", "display": "omitted"}`` with ``output_config.effort`` in
``low|medium|high|xhigh|max``; models with only manual extended thinking (Haiku 4.5, Sonnet 4.5)
get ``thinking={"type": "disabled"}`` and no effort unless the model accepts one. The per-model
facts (context window, minimum cacheable prefix, thinking mode) live in ``models.json`` beside
this module, with their sources; an unknown model gets the table's conservative default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from briefing.errors import ConfigError

Effort = Literal["low", "medium", "high", "xhigh", "max"]
EFFORTS: tuple[Effort, ...] = ("low", "medium", "high", "xhigh", "max")
DEFAULT_EFFORT: Effort = "low"
"""Extraction copies quotes and fills a schema: low effort keeps thinking short (or skips it)."""

THINKING_ALLOWANCE: dict[Effort, int] = {
    "low": 4096,
    "medium": 8192,
    "high": 12288,
    "xhigh": 16384,
    "max": 16384,
}
"""Tokens added to the answer budget for thinking at each effort (effort is a signal, not a cap)."""

MAX_NON_STREAMING_TOKENS = 21_333
"""Above this the SDK refuses a non-streaming call under its default timeout."""

ThinkingMode = Literal["adaptive", "always", "extended"]


@dataclass(frozen=True, slots=True)
class ModelFacts:
    """One model's limits: ``context_window`` and ``min_cache_tokens`` in tokens.

    ``thinking``: ``adaptive`` (can be off), ``always`` (adaptive and always on) or ``extended``
    (manual ``budget_tokens`` only; this engine turns it off). ``effort``: accepts
    ``output_config.effort``.
    """

    context_window: int
    min_cache_tokens: int
    thinking: ThinkingMode
    effort: bool


@dataclass(frozen=True, slots=True)
class Budget:
    """The thinking/effort part of one request and its ``max_tokens``."""

    max_tokens: int
    thinking: dict[str, str] | None
    effort: Effort | None


def _facts(data: Any) -> ModelFacts:
    return ModelFacts(
        context_window=int(data["context_window"]),
        min_cache_tokens=int(data["min_cache_tokens"]),
        thinking=data["thinking"],
        effort=bool(data["effort"]),
    )


def model_facts(model: str) -> ModelFacts:
    """The packaged facts for ``model`` (the conservative default for a model not in the table)."""
    data = json.loads((resources.files("briefing.engines.claude") / "models.json").read_text("utf-8"))
    entry = data["models"].get(model, data["default"])
    return _facts(entry)


def check_effort(value: str) -> Effort:
    """``value`` as an effort level, or ``ConfigError`` naming the allowed ones."""
    for effort in EFFORTS:
        if value == effort:
            return effort
    raise ConfigError(f"--effort must be one of {', '.join(EFFORTS)}, not {value!r}")


def budget_for(facts: ModelFacts, *, effort: Effort, answer_tokens: int) -> Budget:
    """The request's thinking settings and a ``max_tokens`` that leaves ``answer_tokens`` for the
    answer after thinking at ``effort`` (capped at ``MAX_NON_STREAMING_TOKENS``)."""
    if facts.thinking == "extended":
        return Budget(
            max_tokens=min(answer_tokens, MAX_NON_STREAMING_TOKENS),
            thinking={"type": "disabled"},
            effort=effort if facts.effort else None,
        )
    total = answer_tokens + THINKING_ALLOWANCE[effort]
    return Budget(
        max_tokens=min(total, MAX_NON_STREAMING_TOKENS),
        thinking={"type": "adaptive", "display": "omitted"},
        effort=effort if facts.effort else None,
    )
