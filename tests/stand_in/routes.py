"""The stand-in's endpoints as one pure function: ``handle(memory, method, path, headers, raw)``.

- ``POST /v1/messages``: an answer (``answers.py``) after thinking (``thinking.py``), with usage and
  prompt caching (``usage.py``); a prompt longer than the model's context window gets the API's
  400 ``prompt is too long``; a refusal carries ``stop_details`` with its category.
- ``POST /v1/messages/count_tokens``: ``{"input_tokens": N}``, counted as ``messages`` bills them.
- ``/v1/messages/batches``: see ``batches.py``.
- No credentials: 401 ``authentication_error``, like the API.

Response ids derive from the request, so re-recording gives identical cassettes.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tests.stand_in.answers import REFUSAL_DETAILS, respond
from tests.stand_in.schema_fit import SchemaMismatch
from tests.stand_in.thinking import thinking_block, thinking_tokens
from tests.stand_in.usage import TOKEN_CHARS, cache_split, input_tokens, usage

CONTEXT_WINDOW = {"claude-haiku-4-5": 200_000, "claude-sonnet-4-5": 200_000, "claude-opus-4-5": 200_000}
DEFAULT_CONTEXT_WINDOW = 1_000_000


@dataclass
class Memory:
    """What the stand-in remembers between requests (and the knobs tests turn)."""

    cached_prefixes: set[str] = field(default_factory=set)
    truncated: set[str] = field(default_factory=set)
    batches: dict[str, Any] = field(default_factory=dict)
    latency_s: float = 0.0
    """Seconds each ``/v1/messages`` answer takes (the benchmark uses 1 s)."""
    batch_polls: int = 2
    """Retrievals after which a batch reports ``ended`` (the first is right after creation)."""
    context_window: int | None = None
    """Overrides every model's context window (tests of the prompt-too-long path)."""
    calls: list[str] = field(default_factory=list)
    """``METHOD path`` of every request, in arrival order."""
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]


def json_reply(status: int, payload: Any, key: str) -> Reply:
    headers = {"content-type": "application/json", "request-id": "req_standin_" + key[:20]}
    return Reply(status, json.dumps(payload).encode(), headers)


def error(status: int, kind: str, message: str, key: str) -> Reply:
    return json_reply(status, {"type": "error", "error": {"type": kind, "message": message}}, key)


def handle(memory: Memory, method: str, path: str, headers: dict[str, str], raw: bytes) -> Reply:
    """One request to the stand-in; ``headers`` with lower-case names."""
    key = hashlib.sha256(method.encode() + path.encode() + raw).hexdigest()
    with memory.lock:
        memory.calls.append(f"{method} {path}")
    if not (headers.get("authorization") or headers.get("x-api-key")):
        return error(401, "authentication_error", "missing key", key)
    route = path.split("?")[0]
    if route.startswith("/v1/messages/batches"):
        from tests.stand_in.batches import handle_batches

        return handle_batches(memory, method, route, raw, key, headers.get("host") or "api.anthropic.com")
    if method != "POST" or route not in ("/v1/messages", "/v1/messages/count_tokens"):
        return error(404, "not_found_error", path, key)
    body = json.loads(raw or b"{}")
    if route == "/v1/messages/count_tokens":
        return json_reply(200, {"input_tokens": input_tokens(body)}, key)
    status, payload = message_reply(memory, body, key)
    return json_reply(status, payload, key)


def message_reply(memory: Memory, body: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
    """(status, payload) of ``POST /v1/messages`` for ``body``; used by batches too."""
    model = str(body.get("model") or "unknown")
    window = memory.context_window or CONTEXT_WINDOW.get(model, DEFAULT_CONTEXT_WINDOW)
    total = input_tokens(body)
    if total > window:
        message = f"prompt is too long: {total} tokens > {window} maximum"
        return 400, {"type": "error", "error": {"type": "invalid_request_error", "message": message}}
    thinking = thinking_tokens(body)
    try:
        with memory.lock:
            text, stop_reason = respond(body, truncated_before=memory.truncated, thinking=thinking)
    except SchemaMismatch as exc:  # the real API rejects a schema it cannot honour, with a 400
        return 400, {"type": "error", "error": {"type": "invalid_request_error", "message": str(exc)}}
    with memory.lock:
        read, write, prefixes = cache_split(body, memory.cached_prefixes)
    if memory.latency_s:
        time.sleep(memory.latency_s)
    with memory.lock:  # a cache entry is usable once the response that wrote it has started
        memory.cached_prefixes.update(prefixes)
    content: list[dict[str, Any]] = [thinking_block(body, thinking, key)] if thinking else []
    if text:
        content.append({"type": "text", "text": text})
    output = thinking + max(1, len(text) // TOKEN_CHARS) if text else thinking
    if total + output > window:  # the answer ran into the context window: the API stops there
        room = max(0, window - total - thinking) * TOKEN_CHARS
        content = content[:1] if thinking else []
        if room:
            content.append({"type": "text", "text": text[:room]})
        stop_reason, output = "model_context_window_exceeded", max(0, window - total)
    return 200, {
        "id": "msg_standin_" + key[:20],
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "stop_details": REFUSAL_DETAILS if stop_reason == "refusal" else None,
        "usage": usage(body, read=read, write=write, output=max(1, output), thinking=thinking),
    }
