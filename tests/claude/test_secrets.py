"""No credential ever lands in a committed cassette (the key travels only in the Authorization header)."""

from __future__ import annotations

import re

from tests.conftest import CASSETTES

FORBIDDEN = re.compile(r"sk-ant-|authorization|x-api-key|set-cookie|anthropic-organization-id|bearer ", re.I)


def test_cassettes_hold_no_credentials() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert files, "no cassettes found: run scripts/record-cassettes"
    for path in files:
        text = path.read_text(encoding="utf-8")
        match = FORBIDDEN.search(text)
        assert match is None, f"{path}: contains {match.group(0)!r}"
        assert "127.0.0.1" not in text and "localhost" not in text, f"{path}: host not canonicalised"
