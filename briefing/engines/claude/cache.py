"""The engine's SQLite file: a content-addressed result cache and a log of every API call.

A document's result is keyed by (model, prompt version, ``request_sha256``), the SHA-256 of the
exact request for that document, so a change to the text, title, publisher, date or prompt misses
the cache by construction (no invalidation logic to get wrong), while an unchanged request under
an unchanged model costs nothing on the next run. The run log records each attempt's tokens,
cost, duration and outcome for ``briefing log``.

The file is a convenience, never a reason to fail: a cron run and a manual run may share it, so
a locked, corrupt or unwritable file switches the cache off for the rest of the run and reports
one warning through ``warn`` instead of raising. The clock is injected; the API key is never
passed here, so it cannot be stored.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from briefing.engines.claude.draft_json import draft_from_json, draft_to_json
from briefing.errors import ConfigError
from briefing.models import DraftExtraction

BUSY_TIMEOUT_S = 5.0
"""How long to wait for another run's lock on the file before giving up on the cache."""

# ``extractions`` replaced a ``results`` table whose key column was misnamed; an old file keeps
# that table untouched (and unused), so no migration is needed.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    model TEXT NOT NULL, prompt_version TEXT NOT NULL, request_sha256 TEXT NOT NULL,
    draft_json TEXT NOT NULL, usage_json TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (model, prompt_version, request_sha256)
);
CREATE TABLE IF NOT EXISTS syntheses (
    model TEXT NOT NULL, prompt_version TEXT NOT NULL, input_sha256 TEXT NOT NULL,
    sentences_json TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (model, prompt_version, input_sha256)
);
CREATE TABLE IF NOT EXISTS batches (
    batch_key TEXT PRIMARY KEY, batch_id TEXT NOT NULL, created TEXT NOT NULL, status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS calls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, document_id TEXT NOT NULL,
    model TEXT NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
    cache_creation_input_tokens INTEGER NOT NULL, cache_read_input_tokens INTEGER NOT NULL,
    cost_usd REAL, duration_s REAL NOT NULL, outcome TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One API attempt as the run log keeps it.

    ``outcome``: ``ok``, ``max_tokens``, ``refusal``, ``retried: ...`` (an attempt that failed and
    was tried again) or ``error: ...`` (the call was given up). A ``retried`` entry's duration is
    that attempt's; the call's final entry covers the whole call, retry waits included.
    """

    time: str
    document_id: str
    model: str
    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    cost_usd: float | None
    duration_s: float
    outcome: str


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        conn.executescript(_SCHEMA)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


class ResultCache:
    """Open once per run; every write commits, so an interrupted run keeps what it paid for.

    Best effort: the first ``sqlite3.Error`` (or an unusable path) closes the file and calls
    ``warn`` once; from then on reads miss and writes are skipped, and the run goes on.
    """

    def __init__(self, path: Path, *, now: Callable[[], datetime], warn: Callable[[str], None]) -> None:
        self.path = path
        self._now = now
        self._warn = warn
        self._conn: sqlite3.Connection | None = None
        try:
            self._conn = _connect(path)
        except (OSError, sqlite3.Error) as exc:
            self._give_up(exc)

    @property
    def usable(self) -> bool:
        return self._conn is not None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _give_up(self, exc: Exception) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):  # already failing; closing is only tidiness
                self._conn.close()
            self._conn = None
        self._warn(
            f"the cache file {self.path} could not be used ({type(exc).__name__}: {exc}); "
            "this run went on without the result cache and call log"
        )

    def _fetch(self, sql: str, params: tuple[Any, ...]) -> Any:
        if self._conn is None:
            return None
        try:
            return self._conn.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            self._give_up(exc)
            return None

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        if self._conn is None:
            return
        try:
            with self._conn:
                self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            self._give_up(exc)

    def get(self, *, model: str, prompt_version: str, request_sha256: str) -> DraftExtraction | None:
        row = self._fetch(
            "SELECT draft_json FROM extractions WHERE model=? AND prompt_version=? AND request_sha256=?",
            (model, prompt_version, request_sha256),
        )
        if row is None:
            return None
        try:
            return draft_from_json(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable entry is a miss; the fresh result will overwrite it

    def put(self, *, model: str, prompt_version: str, request_sha256: str, draft: DraftExtraction) -> None:
        self._write(
            "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?)",
            (
                model,
                prompt_version,
                request_sha256,
                json.dumps(draft_to_json(draft), ensure_ascii=False),
                json.dumps(asdict(draft.usage)),
                self.now(),
            ),
        )

    def get_synthesis(
        self, *, model: str, prompt_version: str, input_sha256: str
    ) -> list[tuple[str, tuple[str, ...]]] | None:
        """The executive summary written earlier for exactly this request, as (text, citations)."""
        row = self._fetch(
            "SELECT sentences_json FROM syntheses WHERE model=? AND prompt_version=? AND input_sha256=?",
            (model, prompt_version, input_sha256),
        )
        if row is None:
            return None
        try:
            return [(str(s["text"]), tuple(map(str, s["citations"]))) for s in json.loads(row[0])]
        except (ValueError, KeyError, TypeError):
            return None

    def put_synthesis(
        self,
        *,
        model: str,
        prompt_version: str,
        input_sha256: str,
        sentences: list[tuple[str, tuple[str, ...]]],
    ) -> None:
        payload = json.dumps([{"text": t, "citations": list(c)} for t, c in sentences], ensure_ascii=False)
        self._write(
            "INSERT OR REPLACE INTO syntheses VALUES (?, ?, ?, ?, ?)",
            (model, prompt_version, input_sha256, payload, self.now()),
        )

    def pending_batch(self, batch_key: str) -> str | None:
        """The id of a submitted, not yet collected message batch for exactly these requests."""
        row = self._fetch("SELECT batch_id FROM batches WHERE batch_key=? AND status='pending'", (batch_key,))
        return None if row is None else str(row[0])

    def put_batch(self, batch_key: str, batch_id: str, *, status: str = "pending") -> None:
        """Remember a batch (``pending`` until its results are collected, then ``collected``)."""
        self._write(
            "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?)", (batch_key, batch_id, self.now(), status)
        )

    def log(self, entry: LogEntry) -> None:
        values = asdict(entry)
        self._write(
            f"INSERT INTO calls ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )

    def now(self) -> str:
        return self._now().isoformat(timespec="seconds")


def read_log(cache_path: Path, *, limit: int = 20) -> list[LogEntry]:
    """The most recent ``limit`` API attempts, newest first (empty if there is no log yet).

    Opens the file read-only, so looking at the log never creates or changes it.
    """
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, not {limit}")
    if not cache_path.exists():
        return []
    uri = cache_path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            exists = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='calls'"
            ).fetchone()
            names = ", ".join(LogEntry.__slots__)
            rows = (
                conn.execute(f"SELECT {names} FROM calls ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
                if exists
                else []
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ConfigError(f"cannot read the call log in {cache_path}: {exc}") from exc
    return [LogEntry(*row) for row in rows]
