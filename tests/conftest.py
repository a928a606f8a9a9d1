"""Shared pytest configuration: VCR/pytest-recording for the Claude engine's replay tests.

Cassettes live at the repository's top level, ``cassettes/<test module>/<test>.yaml``. CI replays
them with recording off and the network blocked (``--record-mode=none --block-network`` in
pyproject). To re-record, run ``scripts/record-cassettes`` (see cassettes/README.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest
from vcr.errors import CannotOverwriteExistingCassetteException

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
RECORD_HINT = (
    "The recorded Messages API exchange no longer matches what the code sends (a prompt, the schema, "
    "the model or a document changed). Re-record the cassettes with:\n"
    "    scripts/record-cassettes            # against the local stand-in, no key needed\n"
    "    ANTHROPIC_API_KEY=sk-ant-... scripts/record-cassettes   # against the real API\n"
    "and review `git diff cassettes/`."
)
_DROP_RESPONSE_HEADERS = {
    "set-cookie",
    "anthropic-organization-id",
    "cf-ray",
    "x-envoy-upstream-service-time",
}


def _canonical_host(request: Any) -> Any:
    """Store and match every request as https://api.anthropic.com/... (stand-in, proxy or real)."""
    u = urlparse(request.uri)
    if u.hostname in {"127.0.0.1", "localhost"}:
        request.uri = urlunparse(u._replace(scheme="https", netloc="api.anthropic.com"))
    return request


_LOOPBACK_URL = re.compile(r"http://(?:127\.0\.0\.1|localhost):\d+")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop noisy headers; a loopback URL in a body (a batch's ``results_url``) becomes the API's."""
    body = response.get("body", {}).get("string")
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace") if b"http://" in body else body
    if isinstance(body, str) and "http://" in body:
        response["body"]["string"] = _LOOPBACK_URL.sub("https://api.anthropic.com", body)
    response["headers"] = {
        k: v for k, v in response["headers"].items() if k.lower() not in _DROP_RESPONSE_HEADERS
    }
    return response


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    key = os.environ.get("ANTHROPIC_API_KEY")
    return {
        "filter_headers": ["authorization", "x-api-key", "cookie", "host"],  # host: the port is noise
        "filter_sensitive_data": [("<ANTHROPIC_API_KEY>", key)] if key else [],
        "before_record_request": _canonical_host,
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "match_on": ("method", "scheme", "host", "port", "path", "query", "body"),
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.split(".")[-1])


@pytest.fixture(autouse=True)
def _no_langsmith_tracing(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGSMITH_TRACING", "LANGSMITH_TRACING_V2", "LANGCHAIN_TRACING_V2"):
        monkeypatch.setenv(var, "false")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _cassette_miss(exc: BaseException) -> CannotOverwriteExistingCassetteException | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, CannotOverwriteExistingCassetteException):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def explain_cassette_miss(exc: BaseException) -> CannotOverwriteExistingCassetteException | None:
    """VCR's own miss error found anywhere in ``exc``'s chain, with the re-record command attached."""
    miss = _cassette_miss(exc)
    if miss is not None and RECORD_HINT not in getattr(miss, "__notes__", ()):
        miss.add_note(RECORD_HINT)
    return miss


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, Any, Any]:
    """Surface a cassette miss as VCR's own error (with its body diff) plus the re-record command.

    The SDK wraps any transport exception as ``APIConnectionError("Connection error.")``, which
    would otherwise be all the summary line says.
    """
    try:
        return (yield)
    except Exception as exc:
        miss = explain_cassette_miss(exc)
        if miss is None:
            raise
        raise miss from None
