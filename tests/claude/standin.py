"""Engines wired to the in-process stand-in (``tests/stand_in/transport.py``)."""

from __future__ import annotations

from typing import Any

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.client import AnthropicMessagesClient
from tests.claude.helpers import FIXED_NOW, TEST_KEY, Sleeps
from tests.stand_in.routes import Memory
from tests.stand_in.transport import stand_in_transport


def stand_in_client(memory: Memory, sleeps: Sleeps | None = None) -> AnthropicMessagesClient:
    return AnthropicMessagesClient(
        api_key=TEST_KEY,
        transport=stand_in_transport(memory),
        sleep=sleeps if sleeps is not None else Sleeps(),
    )


def stand_in_engine(memory: Memory, **options: Any) -> ClaudeEngine:
    config = ClaudeConfig(api_key=TEST_KEY, **options)
    return ClaudeEngine(config, client=stand_in_client(memory), now=lambda: FIXED_NOW)
