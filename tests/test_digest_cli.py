"""Weekly digests from the command line: the previous edition, --previous, and feeds as inputs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main
from tests.feeds.server import Route, Site, serve

SOURCES = Path(__file__).resolve().parent.parent / "sources"
WEEK = "2025-W07"  # 10-16 February 2025: the sample corpus's Anthropic MOU stories


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    for name in ("BRIEFING_MODEL", "BRIEFING_ENGINE", "BRIEFING_OUT", "BRIEFING_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SOURCES, folder)
    return folder


def build(*args: str) -> int:
    return main(["build", *args, "--quiet", "--format", "md,json"])


def edition(path: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads(path.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def previous_edition(out: Path, name: str, partnerships: list[dict]) -> None:  # type: ignore[type-arg]
    """A previous edition as an older version might have written it (only the keys we read)."""
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "schema_version": 1,
        "briefing_date": "2025-02-09",
        "partnerships": partnerships,
        "discrepancies": [],
        "documents": [{"id": "old-doc", "url": None}],
    }
    (out / name).write_text(json.dumps(data), encoding="utf-8")


def test_a_digest_opens_with_what_changed_since_the_previous_edition_in_its_folder(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    previous_edition(
        out,
        "2025-W06-digest.json",
        [
            {
                "id": "p-1",
                "parties": ["UK Government", "Anthropic"],
                "kind": "Memorandum of Understanding",
                "status": "announced",
                "sources": ["old-doc"],
            },
            {
                "id": "p-2",
                "parties": ["Northwind Ltd", "City of Leeds"],
                "kind": "contract",
                "status": None,
                "sources": ["old-doc"],
            },
        ],
    )
    previous_edition(out, "2025-W09-digest.json", [])  # later week: ignored
    assert build(str(corpus), "--out", str(out), "--week", WEEK) == EXIT_OK
    data = edition(out / f"{WEEK}-digest.json")
    changes = data["changes"]
    assert changes["previous"] == "2025-W06-digest.json"
    kinds = {(c["change"], c["previous_id"]) for c in changes["rows"]}
    assert kinds == {("updated", "p-1"), ("dropped", "p-2")}
    updated = next(c for c in changes["rows"] if c["change"] == "updated")
    assert updated["status_changed"] and updated["status_before"] == "announced"
    assert updated["new_sources"]
    markdown = (out / f"{WEEK}-digest.md").read_text(encoding="utf-8")
    top = markdown.index("## Since the last edition")
    assert top < markdown.index("## Executive summary")
    assert "Northwind Ltd and City of Leeds: contract" in markdown
    assert "status: announced →" in markdown


def test_a_missing_previous_edition_is_said_plainly(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(str(corpus), "--out", str(out), "--week", WEEK) == EXIT_OK
    changes = edition(out / f"{WEEK}-digest.json")["changes"]
    assert changes["note"] == f"No previous edition found in {out}; everything below is new."
    assert {c["change"] for c in changes["rows"]} == {"new"}


def test_previous_flag_names_the_edition_and_must_exist(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "archive"
    previous_edition(elsewhere, "last.json", [])
    out = tmp_path / "out"
    assert (
        build(str(corpus), "--out", str(out), "--week", WEEK, "--previous", str(elsewhere / "last.json"))
        == EXIT_OK
    )
    assert edition(out / f"{WEEK}-digest.json")["changes"]["previous"] == "last.json"
    assert (
        build(str(corpus), "--out", str(tmp_path / "o2"), "--week", WEEK, "--previous", "nope.json")
        == EXIT_USAGE
    )
    assert "cannot read the previous edition nope.json" in capsys.readouterr().err
    assert not (tmp_path / "o2").exists()
    assert (
        build(str(corpus), "--out", str(tmp_path / "o3"), "--previous", str(elsewhere / "last.json"))
        == EXIT_USAGE
    )
    assert "use it with --week" in capsys.readouterr().err


def test_an_unreadable_previous_edition_in_the_folder_is_reported_in_the_digest(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "2025-W06-digest.json").write_text("{ truncated", encoding="utf-8")
    assert build(str(corpus), "--out", str(out), "--week", WEEK) == EXIT_OK
    note = edition(out / f"{WEEK}-digest.json")["changes"]["note"]
    assert note.startswith("The previous edition could not be read")


def test_a_briefing_that_is_not_a_digest_has_no_changes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(str(corpus), "--out", str(out), "--date", "2026-11-24") == EXIT_OK
    assert edition(out / "2026-11-24-briefing.json")["changes"] is None
    assert "Since the last edition" not in (out / "2026-11-24-briefing.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- feeds from the CLI


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    with serve(s):
        yield s


def _article(title: str) -> bytes:
    body = "".join(
        f"<p>Harbour Board and Northwind Ltd signed a memorandum of understanding on port security. Detail {i} "
        "of the agreement follows in this paragraph of the report.</p>"
        for i in range(4)
    )
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time" content="2026-11-18">'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_build_reads_feeds_from_briefing_toml_and_reports_a_failing_one(site: Site, tmp_path: Path) -> None:
    site.routes["/story"] = Route(_article("Harbour Board signs MOU with Northwind"))
    site.routes["/feed.xml"] = Route(
        (
            '<rss version="2.0"><channel><title>Port news</title><item><title>MOU</title>'
            f"<link>{site.url('/story')}</link><pubDate>Wed, 18 Nov 2026 09:00:00 GMT</pubDate></item>"
            "</channel></rss>"
        ).encode(),
        headers={"Content-Type": "application/rss+xml"},
    )
    (tmp_path / "briefing.toml").write_text(
        f'[briefing]\nout = "digests"\n\n[[sources]]\nfeed = "{site.url("/feed.xml")}"\n\n'
        f'[[sources]]\nfeed = "{site.url("/missing.xml")}"\nmax_items = 5\n',
        encoding="utf-8",
    )
    code = build("--week", "2026-W47", "--allow-private-urls")
    assert code == EXIT_PARTIAL  # written, but one feed failed
    data = edition(tmp_path / "digests" / "2026-W47-digest.json")
    statuses = {d["path"]: (d["status"], d["reason"]) for d in data["documents"]}
    assert statuses[site.url("/story")][0] == "used"
    assert statuses[site.url("/missing.xml")][0] == "failed"
    assert "HTTP 404" in statuses[site.url("/missing.xml")][1]
    assert any("Northwind" in " ".join(p["parties"]) for p in data["partnerships"])


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_without_the_flag_a_loopback_feed_is_refused(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sources", "--feed", site.url("/feed.xml"), "--json"]) == EXIT_PARTIAL
    (row,) = json.loads(capsys.readouterr().out)
    assert "loopback" in json.dumps(row)
    assert site.log == []


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[sources]]\nfolder = "in"\nfeed = "x.rss"\n', "exactly one of"),
        ('[[sources]]\nfolders = "in"\n', "folders"),
        ('[[sources]]\nfile = "a.md"\nmax_items = 3\n', "feed entries only"),
    ],
)
def test_bad_sources_tables_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str
) -> None:
    (tmp_path / "briefing.toml").write_text(toml, encoding="utf-8")
    assert main(["sources"]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_sources_tables_are_relative_to_the_settings_file(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "conf" / "briefing.toml"
    config.parent.mkdir()
    config.write_text('[briefing]\nout = "x"\n\n[[sources]]\nfolder = "../in"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["sources", "--config", str(config), "--json"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)) == len(list(SOURCES.iterdir()))


def test_a_week_whose_every_input_failed_is_a_failure_not_an_empty_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "gone.rss"
    assert build("--feed", str(missing), "--out", str(out), "--week", WEEK) == EXIT_FAILURE
    assert "nothing was written" in capsys.readouterr().err
    assert not out.exists()
