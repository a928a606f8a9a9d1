"""Atomic writes and format parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ConfigError
from briefing.output import atomic_write, parse_formats


def test_parse_formats_dedupes_and_rejects_unknown() -> None:
    assert parse_formats("md, pdf,md") == ("md", "pdf")
    with pytest.raises(ConfigError, match="unknown format"):
        parse_formats("md,docx")
    with pytest.raises(ConfigError):
        parse_formats(" , ")


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("briefing.output.os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
