"""Builders shared by the Claude engine tests: canned Messages API replies over httpx2.MockTransport."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
from langchain_core.documents import Document

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.client import AnthropicMessagesClient

TEST_KEY = "sk-ant-test-SECRET-0123456789"
MODEL = "claude-sonnet-4-6"
FIXED_NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

TEXT = (
    "Acme Robotics and the City of Lindale signed a memorandum of understanding on March 3, 2025. "
    "The agreement covers delivery robots in the old town. "
    "Acme Robotics will provide ten robots for a one-year pilot."
)


def doc(
    doc_id: str = "doc-1",
    text: str = TEXT,
    title: str = "A title",
    *,
    publisher: str = "",
    published: str = "",
) -> Document:
    return Document(
        page_content=text,
        metadata={"id": doc_id, "title": title, "publisher": publisher, "published": published},
    )


def qv(value: str, quote: str | None = None) -> dict[str, str]:
    return {"value": value, "quote": value if quote is None else quote}


def good_answer(text: str = TEXT) -> dict[str, Any]:
    first = text.split(". ")[0] + "."
    return {
        "summary": [qv(first), qv("The agreement covers delivery robots in the old town.")],
        "key_points": [qv("Ten robots", "Acme Robotics will provide ten robots for a one-year pilot.")],
        "partnerships": [
            {
                "parties": [qv("Acme Robotics", first), qv("City of Lindale", first)],
                "kind": qv("memorandum of understanding", first),
                "date": qv("2025-03-03", "on March 3, 2025"),
                "status": qv("signed", first),
                "scope": None,
            }
        ],
    }


def fabricated() -> dict[str, Any]:
    """A good answer whose second summary sentence quotes a passage the text does not contain."""
    answer = good_answer()
    answer["summary"][1] = qv("Robots everywhere.", "The robots will be deployed in every city by 2030.")
    return answer


def message(
    text: str | dict[str, Any], *, stop_reason: str = "end_turn", usage: dict[str, int] | None = None
) -> httpx2.Response:
    body = {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": text if isinstance(text, str) else json.dumps(text)}],
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": usage
        or {
            "input_tokens": 100,
            "output_tokens": 50,
            "cache_creation_input_tokens": 1000,
            "cache_read_input_tokens": 0,
        },
    }
    return httpx2.Response(200, json=body)


def error(status: int, etype: str, headers: dict[str, str] | None = None, **extra: Any) -> httpx2.Response:
    err: dict[str, Any] = {"type": etype, "message": f"{etype} happened"}
    err.update(extra)
    return httpx2.Response(status, headers=headers, json={"type": "error", "error": err})


class Script:
    """A MockTransport handler answering from a list (or a function of the request) and recording calls."""

    def __init__(
        self,
        responses: Iterable[httpx2.Response | Exception] = (),
        *,
        by_request: Callable[[dict[str, Any]], httpx2.Response] | None = None,
    ) -> None:
        self.responses = list(responses)
        self.by_request = by_request
        self.requests: list[dict[str, Any]] = []
        self.headers: list[httpx2.Headers] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        self.headers.append(request.headers)
        if self.by_request is not None:
            return self.by_request(body)
        if not self.responses:
            raise AssertionError("unexpected extra request")
        r = self.responses.pop(0)
        if isinstance(r, Exception):
            raise r
        return r


class Sleeps(list[float]):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(
    handler: Any, sleeps: Sleeps | None = None, config: ClaudeConfig | None = None
) -> AnthropicMessagesClient:
    config = config or ClaudeConfig()
    return AnthropicMessagesClient(
        api_key=TEST_KEY,
        transport=httpx2.MockTransport(handler),
        sleep=sleeps if sleeps is not None else Sleeps(),
        timeout=config.timeout,
        max_server_wait=config.max_retry_wait,
    )


def engine_for(
    handler: Any, *, sleeps: Sleeps | None = None, cache_path: Path | None = None, **options: Any
) -> ClaudeEngine:
    options.setdefault("model", MODEL)
    config = ClaudeConfig(api_key=TEST_KEY, cache_path=cache_path, **options)
    return ClaudeEngine(config, client=client_for(handler, sleeps, config), now=lambda: FIXED_NOW)


def answer_text(message: dict[str, Any]) -> str:
    """The text of a response message, skipping thinking blocks (as the engine does)."""
    return "".join(b["text"] for b in message["content"] if b.get("type") == "text")
