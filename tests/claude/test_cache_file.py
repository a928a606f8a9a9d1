"""The SQLite cache and call log: best effort under locks, honest keys, read-only log reading."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from briefing.consolidate.summary import EvidenceDigest
from briefing.engines.claude import ClaudeConfig
from briefing.engines.claude import cache as cache_module
from briefing.engines.claude.cache import read_log
from briefing.engines.claude.synthesis import ClaudeSynthesizer
from briefing.errors import ConfigError
from briefing.models import DraftExtraction

from .helpers import (
    FIXED_NOW,
    MODEL,
    TEST_KEY,
    Script,
    client_for,
    doc,
    engine_for,
    error,
    fabricated,
    good_answer,
    message,
)

OLD_RESULTS_TABLE = """
CREATE TABLE results (
    model TEXT NOT NULL, prompt_version TEXT NOT NULL, document_sha256 TEXT NOT NULL,
    draft_json TEXT NOT NULL, usage_json TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (model, prompt_version, document_sha256)
);
"""


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked file is given up after 50 ms instead of 5 s, so these tests stay fast."""
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_S", 0.05, raising=False)


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    """A cache file with its tables and one logged call (for document ``seed``)."""
    path = tmp_path / "cache.sqlite3"
    engine_for(Script([message(good_answer())]), cache_path=path, max_reasks=0).extract_many([doc("seed")])
    return path


class Lock:
    """Another run holding the file (``BEGIN EXCLUSIVE`` blocks readers and writers alike)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn: sqlite3.Connection | None = None

    def take(self) -> None:
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if self.conn is not None:
            self.conn.execute("ROLLBACK")
            self.conn.close()
            self.conn = None


@pytest.fixture
def lock(cache_file: Path) -> Iterator[Lock]:
    held = Lock(cache_file)
    yield held
    held.release()


def test_a_lock_taken_during_the_run_costs_no_document_and_warns_once(cache_file: Path, lock: Lock) -> None:
    def answer(_body: dict[str, Any]) -> httpx2.Response:
        if lock.conn is None:
            lock.take()  # a cron run grabs the file while our first call is in flight
        return message(good_answer())

    engine = engine_for(Script(by_request=answer), cache_path=cache_file, max_reasks=0, concurrency=1)
    results = engine.extract_many([doc("a"), doc("b"), doc("c")])
    assert [type(r).__name__ for r in results] == ["DraftExtraction"] * 3
    (warning,) = engine.warnings
    assert str(cache_file) in warning and "database is locked" in warning


def test_a_file_locked_from_the_start_is_a_run_without_cache(cache_file: Path, lock: Lock) -> None:
    lock.take()
    script = Script(by_request=lambda _b: message(good_answer()))
    engine = engine_for(script, cache_path=cache_file, max_reasks=0)
    [result] = engine.extract_many([doc()])
    assert isinstance(result, DraftExtraction) and len(engine.warnings) == 1
    lock.release()
    assert [e.document_id for e in read_log(cache_file)] == ["seed"]  # nothing written while off


def test_an_unusable_cache_path_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    engine = engine_for(Script([message(good_answer())]), cache_path=not_a_folder / "c.sqlite3", max_reasks=0)
    [result] = engine.extract_many([doc()])
    assert isinstance(result, DraftExtraction) and len(engine.warnings) == 1


def test_the_synthesizer_shares_the_engines_warnings(cache_file: Path, lock: Lock) -> None:
    lock.take()
    engine = engine_for(Script([]), cache_path=cache_file)
    evidence = [EvidenceDigest("ev-1", "d", "topic", "kind", "deal", "a deal")]
    reply = message({"sentences": [{"text": "A deal.", "citations": ["ev-1"]}]})
    config = ClaudeConfig(model=MODEL, api_key=TEST_KEY, cache_path=cache_file)
    synthesizer = ClaudeSynthesizer(
        config, client=client_for(Script([reply])), now=lambda: FIXED_NOW, warnings=engine.warnings
    )
    result = synthesizer.synthesize(evidence)
    assert [s.text for s in result.sentences] == ["A deal."]
    assert len(engine.warnings) == 1 and "locked" in engine.warnings[0]
    assert engine.synthesizer().warnings is engine.warnings


@pytest.mark.parametrize(
    "reask_failure",
    [
        [error(400, "invalid_request_error")],
        [error(529, "overloaded_error")] * 6,
        [message("no", stop_reason="refusal")],
    ],
    ids=["client-error", "overloaded", "refusal"],
)
def test_a_draft_whose_reask_failed_is_not_cached(
    tmp_path: Path, reask_failure: list[httpx2.Response]
) -> None:
    cache = tmp_path / "c.sqlite3"
    [first] = engine_for(Script([message(fabricated()), *reask_failure]), cache_path=cache).extract_many(
        [doc()]
    )
    assert isinstance(first, DraftExtraction)  # this run still uses the draft it has
    later = Script([message(good_answer())])
    [second] = engine_for(later, cache_path=cache, max_reasks=0).extract_many([doc()])
    assert len(later.requests) == 1  # asked again, not served the un-re-asked draft
    assert isinstance(second, DraftExtraction) and second.summary[1].quote.startswith("The agreement")


def test_a_draft_that_used_up_its_reasks_is_cached(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    engine_for(
        Script(by_request=lambda _b: message(fabricated())), cache_path=cache, max_reasks=1
    ).extract_many([doc()])
    later = Script([])
    engine_for(later, cache_path=cache, max_reasks=1).extract_many([doc()])
    assert later.requests == []


@pytest.mark.parametrize(
    "changed",
    [doc(title="Another title"), doc(publisher="Lindale Post"), doc(published="2025-03-04")],
    ids=["title", "publisher", "published"],
)
def test_the_key_is_the_whole_request_not_only_the_text(tmp_path: Path, changed: Any) -> None:
    cache = tmp_path / "c.sqlite3"
    engine_for(Script([message(good_answer())]), cache_path=cache, max_reasks=0).extract_many([doc()])
    again = Script([message(good_answer())])
    engine_for(again, cache_path=cache, max_reasks=0).extract_many([changed])
    assert len(again.requests) == 1


def test_a_file_from_before_the_rename_keeps_working(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    with sqlite3.connect(cache) as conn:
        conn.executescript(OLD_RESULTS_TABLE)
    conn.close()
    engine = engine_for(Script([message(good_answer())]), cache_path=cache, max_reasks=0)
    [result] = engine.extract_many([doc()])
    assert isinstance(result, DraftExtraction) and engine.warnings == []
    with sqlite3.connect(cache) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(extractions)")]
    conn.close()
    assert "request_sha256" in columns and "document_sha256" not in columns
    hit = Script([])
    engine_for(hit, cache_path=cache, max_reasks=0).extract_many([doc()])
    assert hit.requests == []


@pytest.mark.parametrize("limit", [0, -1])
def test_read_log_rejects_a_limit_below_one(cache_file: Path, limit: int) -> None:
    with pytest.raises(ValueError, match="1 or more"):
        read_log(cache_file, limit=limit)


@pytest.mark.parametrize("content", [b"", "other"], ids=["empty file", "no calls table"])
def test_read_log_never_writes_the_file(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "c.sqlite3"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with sqlite3.connect(path) as conn:
            conn.execute(f"CREATE TABLE {content} (x)")
        conn.close()
    before = path.read_bytes()
    assert read_log(path) == []
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.sqlite3"]  # no journal left behind


def test_read_log_of_a_file_that_is_no_database_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_text(json.dumps({"not": "sqlite"}) * 100, encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read the call log"):
        read_log(path)
