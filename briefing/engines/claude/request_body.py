"""The body of ``POST /v1/messages`` for a ``MessageRequest``: JSON outputs, thinking, effort, cache marks.

Also a batch request's ``params`` and the custom id's hash input, so the same request always has
the same body. Shapes follow anthropic 2.12 ``MessageCreateParams``; plain dicts here keep the
SDK import in ``client.py``.
"""

from __future__ import annotations

from typing import Any

from briefing.engines.claude.messages import MessageRequest


def request_params(request: MessageRequest) -> dict[str, Any]:
    """The body of ``POST /v1/messages`` for ``request`` (also a batch request's ``params``)."""
    system, messages = prompt_blocks(request)
    output_config: dict[str, Any] = {"format": {"type": "json_schema", "schema": dict(request.schema)}}
    if request.effort is not None:
        output_config["effort"] = request.effort
    params: dict[str, Any] = {
        "model": request.model,
        "max_tokens": request.max_tokens,
        "system": system,
        "messages": messages,
        "output_config": output_config,
    }
    if request.thinking is not None:
        params["thinking"] = dict(request.thinking)
    return params


def prompt_blocks(request: MessageRequest) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``system`` blocks and ``messages`` of a request, with the cache breakpoints it asks for."""
    block: dict[str, Any] = {"type": "text", "text": request.system}
    if request.cache_system:
        block["cache_control"] = {"type": "ephemeral"}
    messages: list[dict[str, Any]] = []
    for index, (role, text) in enumerate(request.messages):
        if index == 0 and request.cache_first_user:
            content: dict[str, Any] = {"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}
            messages.append({"role": "user", "content": [content]})
        elif role == "user":
            messages.append({"role": "user", "content": text})
        else:
            messages.append({"role": "assistant", "content": text})
    return [block], messages
