"""The one retry layer (tenacity over an SDK with max_retries=0), observed through httpx2.MockTransport."""

from __future__ import annotations

import asyncio
from pathlib import Path

import anthropic
import httpx2
import pytest

from briefing.engines.claude.cache import read_log
from briefing.engines.claude.client import (
    CONNECT_ATTEMPTS,
    AnthropicMessagesClient,
    MessageRequest,
    ModelReply,
)
from briefing.errors import ModelCallError

from .helpers import MODEL, TEST_KEY, Script, Sleeps, client_for, doc, engine_for, error, good_answer, message

REQUEST = MessageRequest(
    model=MODEL,
    max_tokens=100,
    system="sys",
    messages=(("user", "hi"),),
    schema={"type": "object"},
    document_id="d",
)


def call(script: Script, sleeps: Sleeps) -> ModelReply:
    async def go() -> ModelReply:
        client = client_for(script, sleeps)
        try:
            return await client.create(REQUEST)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_429_with_retry_after_waits_that_long_then_succeeds() -> None:
    script = Script([error(429, "rate_limit_error", {"retry-after": "2"}), message("{}")])
    sleeps = Sleeps()
    reply = call(script, sleeps)
    assert len(script.requests) == 2
    assert sleeps == [2.0]
    assert reply.text == "{}"
    assert [h["x-stainless-retry-count"] for h in script.headers] == ["0", "0"]  # the SDK never retried


def test_retry_after_ms_is_preferred() -> None:
    script = Script(
        [error(429, "rate_limit_error", {"retry-after-ms": "1500", "retry-after": "9"}), message("{}")]
    )
    sleeps = Sleeps()
    call(script, sleeps)
    assert sleeps == [1.5]


def test_three_overloaded_529s_then_success() -> None:
    script = Script([error(529, "overloaded_error")] * 3 + [message("{}")])
    sleeps = Sleeps()
    call(script, sleeps)
    assert len(script.requests) == 4
    assert len(sleeps) == 3
    assert all(0 <= s <= 30 for s in sleeps)


@pytest.mark.parametrize(
    "fault",
    [
        error(500, "api_error"),
        httpx2.RemoteProtocolError("Server disconnected without sending a response."),
        httpx2.ReadError("[Errno 104] Connection reset by peer"),
        httpx2.ReadTimeout("timed out"),
        httpx2.ConnectError("connection refused"),
    ],
    ids=["500", "disconnect", "reset", "timeout", "refused"],
)
def test_transient_faults_are_retried_once_each(fault: httpx2.Response | Exception) -> None:
    script = Script([fault, message("{}")])
    sleeps = Sleeps()
    call(script, sleeps)
    assert len(script.requests) == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413])
def test_client_errors_are_not_retried(status: int) -> None:
    script = Script([error(status, "invalid_request_error")])
    sleeps = Sleeps()
    with pytest.raises(ModelCallError, match=f"HTTP {status}") as info:
        call(script, sleeps)
    assert len(script.requests) == 1 and sleeps == []
    assert info.value.attempts == 1 and info.value.document_id == "d"


def test_spend_limit_and_should_retry_false_are_not_retried() -> None:
    spend = error(429, "rate_limit_error", details={"error_code": "enforced_spend_limit_reached"})
    script = Script([spend])
    with pytest.raises(ModelCallError):
        call(script, Sleeps())
    assert len(script.requests) == 1
    script = Script([error(529, "overloaded_error", {"x-should-retry": "false"})])
    with pytest.raises(ModelCallError):
        call(script, Sleeps())
    assert len(script.requests) == 1


def test_gives_up_after_six_attempts_and_says_so() -> None:
    script = Script([error(503, "api_error")] * 6)
    sleeps = Sleeps()
    with pytest.raises(ModelCallError, match="after 6 attempts") as info:
        call(script, sleeps)
    assert info.value.attempts == 6 and len(sleeps) == 5


def test_a_foreign_exception_in_the_transport_is_not_retried_or_wrapped() -> None:
    """A cassette miss or a bug is not a flaky network: it must surface, not become a failed document."""
    script = Script([LookupError("no cassette")])
    with pytest.raises(anthropic.APIConnectionError) as info:
        call(script, Sleeps())
    assert isinstance(info.value.__cause__, LookupError)
    assert len(script.requests) == 1


def test_key_never_appears_in_error_messages() -> None:
    script = Script([error(401, "authentication_error", message=f"invalid x-api-key {TEST_KEY}")])
    with pytest.raises(ModelCallError) as info:
        call(script, Sleeps())
    assert TEST_KEY not in str(info.value)


def test_failed_document_is_reported_while_others_succeed() -> None:
    def answer(body: dict) -> httpx2.Response:
        if 'id="bad"' in body["messages"][0]["content"]:
            return error(400, "invalid_request_error")
        return message(good_answer())

    engine = engine_for(Script(by_request=answer), max_reasks=0)
    results = engine.extract_many([doc("a"), doc("bad"), doc("c")])
    assert [r.document_id for r in results] == ["a", "bad", "c"]
    assert type(results[1]).__name__ == "ExtractionFailure"
    assert "HTTP 400" in results[1].reason  # type: ignore[union-attr]
    assert all(type(r).__name__ == "DraftExtraction" for r in (results[0], results[2]))


def test_no_connection_names_the_server_and_the_setting_to_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)
    script = Script([httpx2.ConnectError("connection refused")] * 6)
    with pytest.raises(ModelCallError) as info:
        call(script, Sleeps())
    message_ = str(info.value)
    # a refused connection gets CONNECT_ATTEMPTS tries, not the six a flaky network gets
    assert message_.startswith(
        f"no response from https://api.anthropic.com/v1/messages after {CONNECT_ATTEMPTS} attempts"
    )
    assert "APIConnectionError" in message_ and "ANTHROPIC_BASE_URL" in message_ and "network" in message_
    assert info.value.attempts == CONNECT_ATTEMPTS == len(script.requests)


def test_the_server_named_in_a_connection_failure_carries_no_secret() -> None:
    secret = "s3cr3t-token"
    client = AnthropicMessagesClient(
        api_key=TEST_KEY,
        base_url=f"https://proxy-user:{secret}@proxy.example:8443/anthropic?token={secret}",
        transport=httpx2.MockTransport(Script([httpx2.ConnectError(f"refused {TEST_KEY}")])),
        sleep=Sleeps(),
        max_attempts=1,
    )

    async def go() -> None:
        try:
            await client.create(REQUEST)
        finally:
            await client.aclose()

    with pytest.raises(ModelCallError) as info:
        asyncio.run(go())
    assert str(info.value).startswith("no response from https://proxy.example:8443/anthropic")
    assert "after 1 attempt (" in str(info.value)
    assert secret not in str(info.value) and TEST_KEY not in str(info.value)


def test_every_attempt_is_in_the_run_log_with_its_outcome(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    faults = [httpx2.ConnectError("connection refused")] * 6
    script = Script([error(529, "overloaded_error"), message(good_answer()), *faults])
    engine = engine_for(script, cache_path=cache, max_reasks=0, concurrency=1)
    results = engine.extract_many([doc("a"), doc("b")])
    assert [type(r).__name__ for r in results] == ["DraftExtraction", "ExtractionFailure"]
    outcomes = [(e.document_id, e.outcome.split(":")[0]) for e in reversed(read_log(cache))]
    assert outcomes == [
        ("a", "retried"),
        ("a", "ok"),
        *[("b", "retried")] * (CONNECT_ATTEMPTS - 1),
        ("b", "error"),
    ]
    entries = list(reversed(read_log(cache)))
    assert entries[0].outcome.startswith("retried: HTTP 529") and entries[0].input_tokens == 0
    assert entries[2].outcome == "retried: APIConnectionError: Connection error."
    assert entries[-1].outcome.startswith("error: no response from https://api.anthropic.com/v1/messages")
