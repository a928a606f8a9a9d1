"""The command line end to end in a temporary folder, with the offline engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main

SOURCES = Path(__file__).resolve().parent.parent / "sources"
DATE = "2026-11-24"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SOURCES, folder)
    return folder


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    for name in ("BRIEFING_MODEL", "BRIEFING_ENGINE", "BRIEFING_OUT", "BRIEFING_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_build_writes_four_dated_files_with_the_offline_engine(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["build", str(corpus), "--out", str(out), "--date", DATE, "--quiet"])
    assert code == EXIT_OK
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))  # the lock is hidden
    assert names == [f"{DATE}-briefing.{ext}" for ext in ("html", "json", "md", "pdf")]
    data = json.loads((out / f"{DATE}-briefing.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["briefing_date"] == DATE
    assert data["engine"]["name"] == "offline"
    assert len(data["documents"]) == 5
    markdown = (out / f"{DATE}-briefing.md").read_text(encoding="utf-8")
    assert "no language model" in markdown.lower()
    assert (out / f"{DATE}-briefing.pdf").read_bytes().startswith(b"%PDF")


def test_an_existing_briefing_is_not_overwritten_without_force(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", str(corpus), "--out", str(out), "--date", DATE, "--quiet", "--format", "json"]
    assert main(args) == EXIT_OK
    target = out / f"{DATE}-briefing.json"
    target.write_text("sentinel", encoding="utf-8")
    assert main(args) == EXIT_USAGE
    assert target.read_text(encoding="utf-8") == "sentinel"
    assert main([*args, "--force"]) == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8"))["briefing_date"] == DATE


def test_a_bad_input_makes_the_run_partial_but_the_briefing_is_written(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    out = tmp_path / "out"
    code = main(["build", str(corpus), "--out", str(out), "--date", DATE, "--quiet", "--format", "json,md"])
    assert code == EXIT_PARTIAL
    data = json.loads((out / f"{DATE}-briefing.json").read_text(encoding="utf-8"))
    broken = [d for d in data["documents"] if d["path"].endswith("broken.txt")]
    assert broken and broken[0]["status"] == "skipped" and broken[0]["reason"]
    assert "broken.txt" in (out / f"{DATE}-briefing.md").read_text(encoding="utf-8")


def test_the_summary_line_counts_used_inputs_first(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    main(["build", str(corpus), "--out", str(tmp_path / "out"), "--date", DATE, "--format", "json"])
    line = next(x for x in capsys.readouterr().err.splitlines() if x.startswith("inputs: "))
    statuses = [part.split(" ", 1)[1] for part in line.removeprefix("inputs: ").split(", ")]
    assert statuses[0] == "used" and statuses[-1] == "skipped", line


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "24/11/2026"], "YYYY-MM-DD"),
        (["--format", "docx"], "unknown format"),
        (["--engine", "anthropic"], "ANTHROPIC_API_KEY"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    args = ["build", str(corpus), "--out", str(tmp_path / "o"), "--quiet"]
    if "--date" not in extra:
        args += ["--date", DATE]
    assert main([*args, *extra]) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_missing_input_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "nope"), "--date", DATE, "--quiet"]) == EXIT_USAGE
    assert "no such file" in capsys.readouterr().err


def test_argparse_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["build", "--engine", "gpt"])
    assert info.value.code == EXIT_USAGE


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = capsys.readouterr().out
    assert "exit codes" in text and "partial" in text


def test_sources_json_lists_every_input(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "empty.md").write_text("   \n", encoding="utf-8")
    code = main(["sources", str(corpus), "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == EXIT_PARTIAL
    assert len(rows) == 6
    assert {r["status"] for r in rows} == {"used", "skipped"}  # the briefing's vocabulary
    for row in rows:
        assert set(row) >= {
            "id",
            "title",
            "published",
            "published_from",
            "publisher",
            "chars",
            "status",
            "warnings",
        }


def test_sources_table_prints(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", str(corpus)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "000_30162e35f0d4752d" in out and "2025-02-14" in out


def test_settings_file_with_unknown_key_is_a_usage_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "briefing.toml").write_text('[briefing]\nengnie = "offline"\n', encoding="utf-8")
    assert main(["build", str(corpus), "--date", DATE, "--quiet"]) == EXIT_USAGE
    assert "engnie" in capsys.readouterr().err


def test_settings_file_sets_the_output_folder(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text(
        '[briefing]\nout = "reports"\nformats = "json"\n', encoding="utf-8"
    )
    assert main(["build", str(corpus), "--date", DATE, "--quiet"]) == EXIT_OK
    assert (tmp_path / "reports" / f"{DATE}-briefing.json").exists()


def test_weekly_digest_keeps_only_that_week_and_is_not_partial(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # 2025-W07 is 10-16 February 2025: the three stories about the Anthropic MOU.
    code = main(
        ["build", str(corpus), "--out", str(out), "--week", "2025-W07", "--quiet", "--format", "json"]
    )
    assert code == EXIT_OK
    data = json.loads((out / "2025-W07-digest.json").read_text(encoding="utf-8"))
    assert data["briefing_date"] == "2025-02-16"
    assert data["title"] == "Weekly digest 2025-W07"
    statuses = {d["id"]: (d["status"], d["reason"]) for d in data["documents"]}
    assert statuses["004_abc272253b24f11a"] == ("skipped", "published 2025-12-11, outside 2025-W07")
    assert statuses["002_3b18c14136d9f9af"][0] == "skipped"
    assert "no publication date" in statuses["002_3b18c14136d9f9af"][1]
    assert statuses["000_30162e35f0d4752d"][0] in ("used", "not cited")
    for partnership in data["partnerships"]:
        assert set(partnership["sources"]) <= {"000_30162e35f0d4752d", "001_113bfe8ece394222"}


@pytest.mark.parametrize(
    ("spec", "label", "start"),
    [
        ("2026-W01", "2026-W01", "2025-12-29"),
        ("2026w9", "2026-W09", "2026-02-23"),
        ("last", "2026-W47", "2026-11-16"),
    ],
)
def test_parse_week(spec: str, label: str, start: str) -> None:
    from datetime import date

    from briefing.cli.commands import parse_week

    window = parse_week(spec, today=date(2026, 11, 24))
    assert (window.label, window.start.isoformat()) == (label, start)
    assert (window.end - window.start).days == 6


@pytest.mark.parametrize("spec", ["2026-W54", "week 3", "2026-13"])
def test_bad_week_is_a_usage_error(spec: str, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(corpus), "--week", spec, "--quiet"]) == EXIT_USAGE
    assert "week" in capsys.readouterr().err


def test_cjk_text_without_a_font_dir_gets_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ja"
    folder.mkdir()
    (folder / "release.txt").write_text(
        "Tokyo, 12 November 2026. Mitsuhama Trading and the Port of Osaka signed a memorandum of "
        "understanding on logistics. 三浜商事と大阪港は物流に関する覚書を締結した。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = main(["build", str(folder), "--out", str(out), "--date", DATE, "--format", "pdf"])
    assert code == EXIT_OK
    assert "--font-dir" in capsys.readouterr().err
    assert (
        main(["build", str(folder), "--out", str(out), "--date", DATE, "--format", "md", "--force"])
        == EXIT_OK
    )
    assert "--font-dir" not in capsys.readouterr().err


def test_out_that_is_a_file_is_refused_before_any_work(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker, blocker / "sub"):
        assert main(["build", str(corpus), "--out", str(out), "--date", DATE, "--quiet"]) == EXIT_USAGE
        assert "choose another --out" in capsys.readouterr().err


def test_existing_output_is_refused_before_the_engine_runs(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{DATE}-briefing.json").write_text("{}", encoding="utf-8")

    def no_engine(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the engine must not be selected when the output exists")

    monkeypatch.setattr("briefing.cli.commands.select_engine", no_engine)
    assert (
        main(["build", str(corpus), "--out", str(out), "--date", DATE, "--quiet", "--format", "json"])
        == EXIT_USAGE
    )


@pytest.mark.parametrize("content", [None, b"\x00\x01binary\x00"])
def test_nothing_usable_writes_nothing_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if content is not None:
        (folder / "x.txt").write_bytes(content)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--date", DATE, "--quiet"]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert "nothing was written" in err
    if content is not None:
        assert "x.txt" in err
    assert not out.exists()


def test_an_empty_week_writes_an_honest_edition_and_exits_0(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", str(corpus), "--out", str(out), "--week", "2026-W53", "--quiet", "--format", "md,json"]
    assert main(args) == EXIT_OK
    data = json.loads((out / "2026-W53-digest.json").read_text(encoding="utf-8"))
    assert data["changes"]["empty"] is True
    assert data["changes"]["note"].startswith("No documents published in 2026-W53.")
    assert data["partnerships"] == []
    assert {d["status"] for d in data["documents"]} == {"skipped"}  # the appendix still lists them
    markdown = (out / "2026-W53-digest.md").read_text(encoding="utf-8")
    assert "No documents published in 2026-W53." in markdown


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--concurrency", "0"], "concurrency"),
        (["--max-reasks", "9"], "max_reasks"),
        (["--format", ""], "formats"),
        (["--max-bytes", "0"], "--max-bytes"),
        (["--date", "2026-02-30"], "not a day of the calendar"),
        (["--font-dir", "/nonexistent/fonts"], "--font-dir"),
    ],
)
def test_flag_values_are_validated_not_replaced_by_defaults(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    args = ["build", str(corpus), "--out", str(tmp_path / "o"), "--quiet", *extra]
    if "--date" not in extra:
        args += ["--date", DATE]
    try:
        code = main(args)
    except SystemExit as exc:  # argparse rejects what is not a number in range
        code = exc.code
    assert code == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_settings_outside_the_briefing_table_are_an_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "briefing.toml").write_text('concurrency = "many"\n[briefing]\nout = "x"\n', encoding="utf-8")
    assert main(["build", str(corpus), "--date", DATE, "--quiet"]) == EXIT_USAGE
    assert "outside the [briefing] table" in capsys.readouterr().err


def test_config_is_accepted_after_the_command(corpus: Path, tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('[briefing]\nout = "from-config"\nformats = "json"\n', encoding="utf-8")
    assert main(["build", str(corpus), "--config", str(config), "--date", DATE, "--quiet"]) == EXIT_OK
    assert (tmp_path / "from-config" / f"{DATE}-briefing.json").exists()


def test_log_limit_must_be_positive() -> None:
    with pytest.raises(SystemExit) as info:
        main(["log", "--limit", "0"])
    assert info.value.code == EXIT_USAGE
