"""Issue 10, kinds 8 and 9: what the command line prints, and the details a new user trips on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import EXIT_OK, EXIT_USAGE, main
from briefing.cli.main import DEFAULT_MAX_BYTES
from briefing.cli.terminal import json_text, printable
from briefing.config import Settings

ARTICLE = (
    "---\ntitle: Harrow Dairies and Quillon Foods sign a joint venture\ndate: {date}\n---\n\n"
    "Harrow Dairies and Quillon Foods signed a joint venture agreement on Monday to build a cheese plant.\n\n"
    "The plant will employ 120 people, the companies said.\n"
)
# Names that try to forge a line, clear the screen, set the window title, reverse the text.
EVIL_NAMES = [
    "a\nfailed: all of them.md",
    "b\x1b[2J\x1b[H.md",
    "c\x1b]0;pwned\x07.md",
    "d\u202egpj.md",
    "e\x9b31m.md",
]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    for name in (
        "BRIEFING_MODEL",
        "BRIEFING_ENGINE",
        "BRIEFING_OUT",
        "BRIEFING_CACHE_DIR",
        "BRIEFING_CONCURRENCY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def _folder(tmp_path: Path, names: list[str], *, date: str = "2026-03-02") -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(ARTICLE.format(date=date), encoding="utf-8")
    return folder


def _raw_controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 or c == "\u202e"}


# ------------------------------------------------------------------ kind 8: terminal hygiene


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("x\x1b[2Jy", "x\\x1b[2Jy"),
        ("bell\x07", "bell\\x07"),
        ("csi\x9b", "csi\\x9b"),
        ("rtl\u202eabc", "rtl\\u202eabc"),
        ("zw\u200bsp", "zw\\u200bsp"),
        ("Zürich – 東京.md", "Zürich – 東京.md"),
        ("C:\\plain\\path", "C:\\plain\\path"),
        ("tab\\\t", "tab\\\\\\t"),
    ],
)
def test_printable_escapes_control_and_format_characters_only(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_json_text_is_valid_json_with_no_raw_control_characters() -> None:
    value = {"path": "e\x9b31m\u202e\U000f0001.md", "title": "Zürich"}
    text = json_text(value)
    assert json.loads(text) == value
    assert not _raw_controls(text) and "Zürich" in text


def test_sources_shows_control_characters_in_file_names_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, EVIL_NAMES)
    main(["sources", str(folder)])
    out = capsys.readouterr().out
    assert not _raw_controls(out)
    assert "a\\nfailed: all of them" in out and "b\\x1b[2J\\x1b[H" in out
    assert not any(line.lstrip("│ ").startswith("failed:") for line in out.splitlines())
    main(["sources", str(folder), "--json"])
    text = capsys.readouterr().out
    assert not _raw_controls(text)
    assert sorted(Path(r["path"]).name for r in json.loads(text)) == sorted(EVIL_NAMES)


def test_build_lines_show_file_names_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, EVIL_NAMES)
    (folder / "z\nfailed: forged.txt").write_bytes(b"\x00\x01\x02" * 50)  # skipped: binary
    main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "json", "--date", "2026-03-05"])
    err = capsys.readouterr().err
    assert not _raw_controls(err)
    assert "z\\nfailed: forged.txt" in err
    assert not any(line.startswith("failed:") for line in err.splitlines())


def test_sources_json_into_a_reader_that_stops_early_exits_quietly(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [f"story-{i:03d}.md" for i in range(150)])
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run(
        [sys.executable, "-m", "briefing", "sources", str(folder), "--json"],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert "Traceback" not in writer.stderr and "BrokenPipe" not in writer.stderr
    assert writer.stderr == ""


# ------------------------------------------------------------------ kind 9: details


def test_a_bad_number_says_what_was_expected_not_an_internal_name(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["log", "--limit", "abc"],
        ["build", "--concurrency", "many"],
        ["sources", "--max-bytes", "1e3"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == EXIT_USAGE
        err = capsys.readouterr().err
        assert "_positive" not in err and "invalid" not in err
        assert "expected a whole number" in err


def test_an_unknown_option_prints_the_usage_of_its_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("build", "sources", "log"):
        with pytest.raises(SystemExit):
            main([command, "--bogus"])
        err = capsys.readouterr().err
        assert err.startswith(f"usage: briefing {command} ")
        assert "unrecognized arguments: --bogus" in err


def test_a_bad_setting_names_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, ["one.md"])
    monkeypatch.setenv("BRIEFING_CONCURRENCY", "lots")
    assert main(["build", str(folder), "--quiet"]) == EXIT_USAGE
    assert "environment variable BRIEFING_CONCURRENCY" in capsys.readouterr().err
    monkeypatch.delenv("BRIEFING_CONCURRENCY")
    config = tmp_path / "team.toml"
    config.write_text("[briefing]\nmax_reasks = 9\n", encoding="utf-8")
    assert main(["--config", str(config), "build", str(folder), "--quiet"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"{config}, key [briefing] max_reasks" in err and "= 9" in err
    assert main(["build", str(folder), "--quiet", "--concurrency", "500"]) == EXIT_USAGE
    assert "flag --concurrency" in capsys.readouterr().err


def test_a_briefing_dated_before_its_sources_leaves_them_out_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, ["later.md"], date="2026-03-02")
    (folder / "earlier.md").write_text(ARTICLE.format(date="2025-12-30"), encoding="utf-8")
    (folder / "undated.txt").write_text(
        "Oban Water and Skerry Pumps signed a maintenance contract on Tuesday for the harbour.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = main(["build", str(folder), "--out", str(out), "--format", "json", "--date", "2026-01-01"])
    assert code == EXIT_OK  # leaving out later documents on purpose is not a partial run
    err = capsys.readouterr().err
    assert "1 document(s) published after the briefing date 2026-01-01 were left out" in err
    data = json.loads((out / "2026-01-01-briefing.json").read_text(encoding="utf-8"))
    status = {d["id"]: (d["status"], d["reason"]) for d in data["documents"]}
    assert status["later"][0] == "skipped" and "2026-03-02" in status["later"][1]
    assert status["earlier"][0] in ("used", "not cited")
    assert status["undated"][0] in ("used", "not cited")  # nothing says it is later


def test_sources_uses_the_briefing_vocabulary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, ["good.md"])
    (folder / "empty.txt").write_text("", encoding="utf-8")
    main(["sources", str(folder), "--json"])
    statuses = {r["id"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {"good": "used", "empty": "skipped"}
    main(["sources", str(folder)])
    assert " ok " not in capsys.readouterr().out


def test_max_bytes_help_shows_the_real_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert Settings.model_fields["max_bytes"].default == DEFAULT_MAX_BYTES
    for command in ("build", "sources"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "(default: 5,000,000)" in " ".join(capsys.readouterr().out.split())


def test_log_json_prints_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == []


def test_include_text_lets_the_json_alone_resolve_every_span(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["one.md"])
    out = tmp_path / "out"
    main(
        [
            "build",
            str(folder),
            "--out",
            str(out),
            "--format",
            "json",
            "--date",
            "2026-03-05",
            "--include-text",
        ]
    )
    data = json.loads((out / "2026-03-05-briefing.json").read_text(encoding="utf-8"))
    texts = {d["id"]: d["text"] for d in data["documents"]}
    spans = [e for p in data["partnerships"] for e in p["evidence"]]
    assert spans
    for e in spans:
        assert texts[e["document_id"]][e["start"] : e["end"]] == e["quote"]
    main(["build", str(folder), "--out", str(out), "--format", "json", "--date", "2026-03-05", "--force"])
    data = json.loads((out / "2026-03-05-briefing.json").read_text(encoding="utf-8"))
    assert all(d["text"] is None for d in data["documents"])


@pytest.mark.parametrize("raw", [b"latin1_\xe9t\xe9.md", b"cp1252_\x93quoted\x94.md", b"half\xc3.md"])
def test_a_file_name_that_is_not_utf8_is_built_and_shown_with_its_bytes_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    """POSIX names are bytes: a Latin-1 name on an old share must not stop the build of the folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plain.md").write_text(ARTICLE.format(date="2026-03-02"), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), raw), "wb") as handle:
        handle.write(ARTICLE.format(date="2026-03-03").encode("utf-8"))
    out = tmp_path / "out"
    code = main(["build", str(folder), "--engine", "offline", "--out", str(out), "--date", "2026-03-04"])
    assert code == EXIT_OK
    shown = (
        raw.decode("utf-8", "surrogateescape")
        .encode("utf-8", "surrogateescape")
        .decode("utf-8", "backslashreplace")
    )
    data = json.loads((out / "2026-03-04-briefing.json").read_text(encoding="utf-8"))
    paths = [d["path"] for d in data["documents"]]
    assert str(folder / shown) in paths
    assert "\\x" in shown and shown.removesuffix(".md") in [d["id"] for d in data["documents"]]
    for suffix in ("md", "html"):
        (out / f"2026-03-04-briefing.{suffix}").read_text(encoding="utf-8")  # valid UTF-8 throughout
    assert (out / "2026-03-04-briefing.pdf").stat().st_size > 0
    capsys.readouterr()
