"""The engine's SQLite file: a content-addressed result cache and a log of every API call.

A result is keyed by (model, prompt version, document hash), so an unchanged document under an
unchanged prompt and model costs nothing on the next run, while any change to one of the three
misses the cache by construction (no invalidation logic to get wrong). The run log records each
call's tokens, cost, duration and outcome for ``briefing log``. The clock is injected; the API key
is never passed here, so it cannot be stored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError
from briefing.models import DraftExtraction, DraftField, DraftRow, Span, Usage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    model TEXT NOT NULL, prompt_version TEXT NOT NULL, document_sha256 TEXT NOT NULL,
    draft_json TEXT NOT NULL, usage_json TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (model, prompt_version, document_sha256)
);
CREATE TABLE IF NOT EXISTS syntheses (
    model TEXT NOT NULL, prompt_version TEXT NOT NULL, input_sha256 TEXT NOT NULL,
    sentences_json TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (model, prompt_version, input_sha256)
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
    """One API call as the run log keeps it (``outcome``: ok, max_tokens, refusal, error: ...)."""

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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path)
        conn.executescript(_SCHEMA)
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(f"cannot use cache file {path}: {exc}") from exc
    return conn


class ResultCache:
    """Open once per run; every method commits, so an interrupted run keeps what it paid for."""

    def __init__(self, path: Path, *, now: Callable[[], datetime]) -> None:
        self.path = path
        self._now = now
        self._conn = _connect(path)

    def close(self) -> None:
        self._conn.close()

    def get(self, *, model: str, prompt_version: str, document_sha256: str) -> DraftExtraction | None:
        row = self._conn.execute(
            "SELECT draft_json FROM results WHERE model=? AND prompt_version=? AND document_sha256=?",
            (model, prompt_version, document_sha256),
        ).fetchone()
        if row is None:
            return None
        try:
            return draft_from_json(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable entry is a miss; the fresh result will overwrite it

    def put(self, *, model: str, prompt_version: str, document_sha256: str, draft: DraftExtraction) -> None:
        with self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                (
                    model,
                    prompt_version,
                    document_sha256,
                    json.dumps(draft_to_json(draft), ensure_ascii=False),
                    json.dumps(asdict(draft.usage)),
                    self._now().isoformat(timespec="seconds"),
                ),
            )

    def get_synthesis(
        self, *, model: str, prompt_version: str, input_sha256: str
    ) -> list[tuple[str, tuple[str, ...]]] | None:
        """The executive summary written earlier for exactly this evidence, as (text, citations)."""
        row = self._conn.execute(
            "SELECT sentences_json FROM syntheses WHERE model=? AND prompt_version=? AND input_sha256=?",
            (model, prompt_version, input_sha256),
        ).fetchone()
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
        with self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO syntheses VALUES (?, ?, ?, ?, ?)",
                (model, prompt_version, input_sha256, payload, self._now().isoformat(timespec="seconds")),
            )

    def log(self, entry: LogEntry) -> None:
        values = asdict(entry)
        with self._conn:
            self._conn.execute(
                f"INSERT INTO calls ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                tuple(values.values()),
            )

    def now(self) -> str:
        return self._now().isoformat(timespec="seconds")


def read_log(cache_path: Path, *, limit: int = 20) -> list[LogEntry]:
    """The most recent ``limit`` API calls, newest first (empty if the file does not exist)."""
    if not cache_path.exists():
        return []
    conn = _connect(cache_path)
    try:
        names = ", ".join(LogEntry.__slots__)
        rows = conn.execute(f"SELECT {names} FROM calls ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
    finally:
        conn.close()
    return [LogEntry(*row) for row in rows]


# --------------------------------------------------------------------------- (de)serialisation


def _field_to_json(f: DraftField | None) -> dict[str, Any] | None:
    if f is None:
        return None
    hint = None if f.hint is None else [f.hint.start, f.hint.end]
    return {"value": f.value, "quote": f.quote, "hint": hint}


def _field_from_json(data: Any) -> DraftField | None:
    if data is None:
        return None
    hint = data.get("hint")
    span = None if hint is None else Span(int(hint[0]), int(hint[1]))
    return DraftField(value=str(data["value"]), quote=str(data["quote"]), hint=span)


def _required(data: Any) -> DraftField:
    f = _field_from_json(data)
    if f is None:
        raise ValueError("missing field")
    return f


def draft_to_json(draft: DraftExtraction) -> dict[str, Any]:
    return {
        "document_id": draft.document_id,
        "summary": [_field_to_json(f) for f in draft.summary],
        "key_points": [_field_to_json(f) for f in draft.key_points],
        "rows": [
            {
                "parties": [_field_to_json(p) for p in row.parties],
                "kind": _field_to_json(row.kind),
                "date": _field_to_json(row.date),
                "status": _field_to_json(row.status),
                "scope": _field_to_json(row.scope),
            }
            for row in draft.rows
        ],
        "usage": asdict(draft.usage),
    }


def draft_from_json(data: dict[str, Any]) -> DraftExtraction:
    rows = tuple(
        DraftRow(
            parties=tuple(_required(p) for p in row["parties"]),
            kind=_required(row["kind"]),
            date=_field_from_json(row.get("date")),
            status=_field_from_json(row.get("status")),
            scope=_field_from_json(row.get("scope")),
        )
        for row in data["rows"]
    )
    return DraftExtraction(
        document_id=str(data["document_id"]),
        summary=tuple(_required(f) for f in data["summary"]),
        key_points=tuple(_required(f) for f in data["key_points"]),
        rows=rows,
        usage=Usage(**data.get("usage", {})),
    )
