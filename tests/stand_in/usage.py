"""Token counts and prompt caching as the stand-in bills them.

Tokens are counted as one per four characters of the JSON of ``system`` and ``messages`` (a rough
tokenizer, the same for ``count_tokens`` and ``messages``). Prompt caching follows the documented
rules: the cached prefix runs tools → system → messages up to and including a block marked
``cache_control``; a prefix shorter than the model's minimum is not cached (no error, both cache
counters 0); a request reads the longest marked prefix already cached and writes the rest up to
its last marker; and an entry is usable only once the response that wrote it has started, so
requests that arrive together all pay the write (the server registers prefixes after answering).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

TOKEN_CHARS = 4
MIN_CACHE_TOKENS = {"claude-haiku-4-5": 4096, "claude-opus-4-6": 4096, "claude-opus-4-5": 4096}
DEFAULT_MIN_CACHE_TOKENS = 1024
"""Minimum cacheable prefix per model (docs: prompt caching); others 1024 like Sonnet 4.6/5.x."""


def _tokens(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False)) // TOKEN_CHARS


def input_tokens(body: dict[str, Any]) -> int:
    """All input tokens of a request: what ``count_tokens`` returns."""
    return max(1, _tokens(body.get("system") or []) + _tokens(body.get("messages") or []))


def _blocks(body: dict[str, Any]) -> list[Any]:
    """System blocks then message content blocks, in prompt order (string content is one block)."""
    system = body.get("system")
    blocks: list[Any] = list(system) if isinstance(system, list) else ([system] if system else [])
    for message in body.get("messages") or []:
        content = message.get("content")
        blocks += content if isinstance(content, list) else [{"role": message.get("role"), "text": content}]
    return blocks


def breakpoints(body: dict[str, Any]) -> list[tuple[str, int]]:
    """(prefix hash, prefix tokens) at each ``cache_control`` marker, in prompt order."""
    out: list[tuple[str, int]] = []
    digest = hashlib.sha256(str(body.get("model")).encode())
    tokens = 0
    for block in _blocks(body):
        text = json.dumps(block, sort_keys=True, ensure_ascii=False)
        digest.update(text.encode())
        tokens += len(text) // TOKEN_CHARS
        if isinstance(block, dict) and block.get("cache_control"):
            out.append((digest.hexdigest(), tokens))
    return out


def cache_split(body: dict[str, Any], cached: set[str]) -> tuple[int, int, list[str]]:
    """(cache read tokens, cache write tokens, prefixes to register once answered)."""
    minimum = MIN_CACHE_TOKENS.get(str(body.get("model")), DEFAULT_MIN_CACHE_TOKENS)
    marks = [(key, n) for key, n in breakpoints(body) if n >= minimum]
    if not marks:
        return 0, 0, []
    read = max((n for key, n in marks if key in cached), default=0)
    last_key, last_n = marks[-1]
    write = 0 if last_key in cached else last_n - read
    return read, write, [key for key, _ in marks]


def usage(body: dict[str, Any], *, read: int, write: int, output: int, thinking: int) -> dict[str, Any]:
    """The ``usage`` object of a response (anthropic 2.12 ``types/usage.py``)."""
    return {
        "input_tokens": max(1, input_tokens(body) - read - write),
        "output_tokens": output,
        "cache_creation_input_tokens": write,
        "cache_read_input_tokens": read,
        "cache_creation": {"ephemeral_5m_input_tokens": write, "ephemeral_1h_input_tokens": 0},
        "output_tokens_details": {"thinking_tokens": thinking},
        "service_tier": "standard",
    }
