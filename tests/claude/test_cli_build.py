"""`briefing build --engine anthropic` over the five sample articles, end to end, replayed.

Recorded like every cassette here (see cassettes/README.md). The assertions are invariants that
hold for any recording, stand-in or real model: every input accounted for, every table cell and
every executive-summary citation backed by a source slice, usage counted, the key nowhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import EXIT_OK, EXIT_PARTIAL, main
from briefing.models import VERIFIED_STATUSES
from briefing.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
DATE = "2026-05-01"  # on or after every sample article: a briefing leaves out later ones


@pytest.mark.vcr
@pytest.mark.default_cassette("test_cli_build.yaml")
def test_cli_build_with_the_anthropic_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vcr: Any
) -> None:
    key = os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy")
    monkeypatch.setenv("ANTHROPIC_API_KEY", key)
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["build", str(ROOT / "sources"), "--engine", "anthropic", "--out", str(out)]
    args += ["--date", DATE, "--quiet", "--cache-dir", str(cache)]

    assert main(args) in (EXIT_OK, EXIT_PARTIAL)
    data = json.loads((out / f"{DATE}-briefing.json").read_text(encoding="utf-8"))
    texts = {str(d.metadata["id"]): d.page_content for d in load_sources(ROOT / "sources")}

    assert data["engine"]["name"] == "anthropic"
    assert data["engine"]["uses_language_model"] is True
    assert data["engine"]["prompt_version"]
    assert {d["id"] for d in data["documents"]} == set(texts)
    for partnership in data["partnerships"]:
        for ev in partnership["evidence"]:
            assert ev["match"] in VERIFIED_STATUSES
            assert texts[ev["document_id"]][ev["start"] : ev["end"]] == ev["quote"]
    known = {ev["id"] for ev in data["evidence"]}
    assert data["executive_summary"]
    for sentence in data["executive_summary"]:
        assert sentence["citations"]
        assert set(sentence["citations"]) <= known
    assert data["usage"]["calls"] >= len(texts) + 1  # one per document, one synthesis call
    calls = vcr.play_count

    # A second run over unchanged inputs is served from the result cache: no new requests.
    assert main([*args, "--force"]) in (EXIT_OK, EXIT_PARTIAL)
    assert vcr.play_count == calls

    for path in out.iterdir():
        assert key not in path.read_bytes().decode("utf-8", "replace")
    assert key not in (cache / "cache.sqlite3").read_bytes().decode("utf-8", "replace")
