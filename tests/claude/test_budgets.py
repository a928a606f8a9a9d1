"""Thinking budgets: every request states thinking and effort, and max_tokens leaves room for the answer."""

from __future__ import annotations

import json

import httpx2
import pytest

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.budgets import THINKING_ALLOWANCE, budget_for, model_facts
from briefing.errors import ConfigError
from briefing.models import DraftExtraction
from tests.claude.helpers import TEST_KEY, TEXT, Script, doc, engine_for, good_answer, message
from tests.claude.standin import stand_in_engine
from tests.stand_in.routes import Memory
from tests.stand_in.transport import stand_in_transport


def test_an_adaptive_model_gets_explicit_effort_and_room_to_think() -> None:
    script = Script([message(good_answer())])
    engine_for(script, model="claude-sonnet-5-5", max_reasks=0, max_tokens=3000).extract_many([doc()])
    [body] = script.requests
    assert body["thinking"] == {"type": "adaptive", "display": "omitted"}
    assert body["output_config"]["effort"] == "low"
    assert body["max_tokens"] == 3000 + THINKING_ALLOWANCE["low"]


def test_effort_is_configurable_and_buys_a_larger_thinking_allowance() -> None:
    script = Script([message(good_answer())])
    engine_for(script, model="claude-sonnet-5-5", max_reasks=0, effort="high").extract_many([doc()])
    [body] = script.requests
    assert body["output_config"]["effort"] == "high"
    assert body["max_tokens"] == 4096 + THINKING_ALLOWANCE["high"]


def test_a_model_with_only_manual_thinking_has_it_switched_off() -> None:
    script = Script([message(good_answer())])
    engine_for(script, model="claude-haiku-4-5", max_reasks=0).extract_many([doc()])
    [body] = script.requests
    assert body["thinking"] == {"type": "disabled"}
    assert "effort" not in body["output_config"]
    assert body["max_tokens"] == 4096


def test_an_unknown_effort_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="--effort"):
        ClaudeEngine(ClaudeConfig(api_key=TEST_KEY, effort="extreme"))  # type: ignore[arg-type]


def test_the_budget_never_passes_the_non_streaming_limit() -> None:
    budget = budget_for(model_facts("claude-sonnet-5-5"), effort="max", answer_tokens=20_000)
    assert budget.max_tokens == 21_333


def test_the_old_request_shape_starves_the_answer_on_a_thinking_model() -> None:
    """The stand-in counts thinking toward max_tokens: 4096 without an effort is eaten by thinking."""
    body = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": f'<document id="d" title="t">\n{TEXT}\n</document>'}],
    }
    with httpx2.Client(transport=stand_in_transport()) as http:
        reply = http.post("http://stand-in/v1/messages", json=body, headers={"x-api-key": "k"}).json()
    assert reply["stop_reason"] == "max_tokens"
    assert [b["type"] for b in reply["content"]] == ["thinking"]
    assert reply["usage"]["output_tokens_details"]["thinking_tokens"] == reply["usage"]["output_tokens"]


@pytest.mark.parametrize("effort", ["low", "medium", "high"])
def test_a_document_survives_thinking_at_every_effort(effort: str) -> None:
    memory = Memory()
    engine = stand_in_engine(memory, model="claude-sonnet-5-5", max_reasks=0, effort=effort)
    [result] = engine.extract_many([doc()])
    assert isinstance(result, DraftExtraction), result
    assert result.usage.calls == 1  # no retry was needed: the answer fitted after thinking
    assert result.summary


def test_thinking_shows_in_the_response_the_engine_reads() -> None:
    seen: list[dict[str, object]] = []
    inner = stand_in_transport()

    def spy(request: httpx2.Request) -> httpx2.Response:
        response = inner.handle_request(request)
        seen.append(json.loads(response.read()))
        return response

    from tests.claude.helpers import client_for

    engine = ClaudeEngine(
        ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5", max_reasks=0), client=client_for(spy)
    )
    [result] = engine.extract_many([doc()])
    assert isinstance(result, DraftExtraction)
    assert seen[0]["content"][0]["type"] == "thinking"  # type: ignore[index]
