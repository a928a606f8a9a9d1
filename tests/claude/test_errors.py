"""Run-level faults stop the run early with one line; waits follow the server, capped; refusals say why."""

from __future__ import annotations

import random
from typing import Any

import httpx2
import pytest

from briefing.engines.claude import ClaudeConfig
from briefing.engines.claude.config import default_client
from briefing.models import DraftExtraction, ExtractionFailure
from tests.claude.helpers import TEST_KEY, Script, Sleeps, doc, engine_for, error, good_answer, message
from tests.claude.standin import stand_in_engine
from tests.stand_in.routes import Memory

DOCS = [doc(f"doc-{i}") for i in range(6)]


def test_a_rejected_key_stops_the_run_after_three_documents_and_says_so() -> None:
    script = Script(by_request=lambda body: error(401, "authentication_error"))
    engine = engine_for(script, concurrency=1, max_reasks=0)
    results = engine.extract_many(DOCS)
    assert len(script.requests) == 3
    assert [r.document_id for r in results] == [d.metadata["id"] for d in DOCS]  # nothing lost
    assert all(isinstance(r, ExtractionFailure) for r in results)
    assert all("HTTP 401" in r.reason for r in results[:3])  # type: ignore[union-attr]
    assert all("not processed" in r.reason for r in results[3:])  # type: ignore[union-attr]
    [line] = engine.warnings
    assert "ANTHROPIC_API_KEY" in line and "\n" not in line


def test_a_refused_permission_names_the_model() -> None:
    script = Script(by_request=lambda body: error(403, "permission_error"))
    engine = engine_for(script, concurrency=2, max_reasks=0)
    engine.extract_many(DOCS)
    assert len(script.requests) <= 4  # at most one more per concurrent slot
    [line] = engine.warnings
    assert "HTTP 403" in line and "--model" in line


def test_a_dead_base_url_stops_the_run_and_names_ANTHROPIC_BASE_URL() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("Connection refused", request=request)

    sleeps = Sleeps()
    engine = engine_for(refuse, sleeps=sleeps, concurrency=1, max_reasks=0)
    results = engine.extract_many(DOCS)
    assert sum(isinstance(r, ExtractionFailure) and "not processed" in r.reason for r in results) == 3
    [line] = engine.warnings
    assert "ANTHROPIC_BASE_URL" in line


def test_one_success_between_faults_resets_the_count() -> None:
    replies = iter(
        [error(401, "authentication_error")] * 2 + [message(good_answer())] + [error(401, "x")] * 2
    )
    script = Script(by_request=lambda body: next(replies))
    engine = engine_for(script, concurrency=1, max_reasks=0)
    results = engine.extract_many(DOCS[:5])
    assert len(script.requests) == 5 and not engine.warnings
    assert isinstance(results[2], DraftExtraction)


def test_retry_after_is_honoured_up_to_the_configured_cap() -> None:
    slow = error(429, "rate_limit_error", headers={"retry-after": "700"})
    sleeps = Sleeps()
    script = Script([slow, message(good_answer())])
    [result] = engine_for(script, sleeps=sleeps, max_reasks=0, max_retry_wait=900).extract_many([doc()])
    assert isinstance(result, DraftExtraction) and sleeps == [700.0]

    script = Script([slow])
    [result] = engine_for(script, sleeps=Sleeps(), max_reasks=0).extract_many([doc()])
    assert isinstance(result, ExtractionFailure)
    assert "700 s" in result.reason and "--max-retry-wait" in result.reason and len(script.requests) == 1


def _waits(status: int, etype: str, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    monkeypatch.setattr(random, "uniform", lambda low, high: high)  # the top of each backoff window
    sleeps = Sleeps()
    script = Script([error(status, etype)] * 5 + [message(good_answer())])
    engine_for(script, sleeps=sleeps, max_reasks=0).extract_many([doc()])
    return list(sleeps)


def test_overload_backs_off_longer_than_other_faults(monkeypatch: pytest.MonkeyPatch) -> None:
    overloaded = _waits(529, "overloaded_error", monkeypatch)
    server_error = _waits(500, "api_error", monkeypatch)
    assert len(overloaded) == len(server_error) == 5
    assert all(o > s for o, s in zip(overloaded, server_error, strict=True))
    assert overloaded[0] >= 5 * server_error[0]


def test_the_timeout_is_configurable() -> None:
    client: Any = default_client(ClaudeConfig(api_key=TEST_KEY, timeout=42.0))
    assert client._sdk().timeout.read == 42.0


def test_a_refusal_shows_its_category() -> None:
    [result] = stand_in_engine(Memory(), max_reasks=0).extract_many([doc("scenario-refuse")])
    assert isinstance(result, ExtractionFailure)
    assert "refusal" in result.reason and "category: general_harms" in result.reason
