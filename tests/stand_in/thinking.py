"""How much the stand-in "thinks" for a request, the way the Messages API bills thinking.

Thinking tokens are output tokens and count toward ``max_tokens`` before the answer starts (the
documented behaviour of extended and adaptive thinking). The stand-in reads the request the way
the API does: ``thinking: {"type": "disabled"}`` means none; ``{"type": "enabled",
"budget_tokens": N}`` at most N; ``{"type": "adaptive"}`` (or no ``thinking`` at all on a model
that thinks by default: the Sonnet/Opus 5 lines and Fable) as much as ``output_config.effort``
asks, ``high`` when it is not given (the documented default). The amounts are the stand-in's own
round numbers, not measurements; what matters is that a higher effort spends more and that the
spend comes out of ``max_tokens``.
"""

from __future__ import annotations

from typing import Any

THINKING_BY_EFFORT = {"low": 300, "medium": 1500, "high": 5000, "xhigh": 8000, "max": 10000}
_THINKS_BY_DEFAULT = ("claude-sonnet-5", "claude-opus-5", "claude-fable-")


def thinking_tokens(body: dict[str, Any]) -> int:
    """Thinking tokens the stand-in spends on ``body`` before answering."""
    thinking = body.get("thinking")
    effort = str((body.get("output_config") or {}).get("effort") or "high")
    spend = THINKING_BY_EFFORT.get(effort, THINKING_BY_EFFORT["high"])
    if thinking is None:
        model = str(body.get("model") or "")
        return spend if model.startswith(_THINKS_BY_DEFAULT) else 0
    kind = thinking.get("type")
    if kind == "enabled":
        return min(spend, int(thinking.get("budget_tokens") or 0))
    if kind == "adaptive":
        return spend
    return 0


def thinking_block(body: dict[str, Any], tokens: int, key: str) -> dict[str, Any]:
    """The thinking content block: text omitted when the request asked ``display: omitted``."""
    omitted = (body.get("thinking") or {}).get("display") == "omitted"
    text = "" if omitted else f"(summarised reasoning of {tokens} tokens)"
    return {"type": "thinking", "thinking": text, "signature": "sig_standin_" + key[:24]}
