"""Bad input never stops a run: every kind gets a status and a reason, and the other files still load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from langchain_core.documents import Document

import briefing.sources.loader as loader_module
from briefing.errors import ConfigError
from briefing.sources import SourceLoader, load_sources

ARTICLE = (
    "Acme and Globex sign research pact\n\n"
    "Acme Corp and Globex Inc signed a research agreement on Monday, the companies said.\n"
)


def _by_id(docs: list[Document]) -> dict[str, Document]:
    return {d.id: d for d in docs if d.id is not None}


def _one(path: Path, **opts: object) -> Document:
    docs = load_sources([path], **opts)  # type: ignore[arg-type]
    assert len(docs) == 1
    return docs[0]


def _assert_empty_record(doc: Document, status: str, reason_part: str) -> None:
    assert doc.metadata["status"] == status
    assert reason_part in doc.metadata["reason"]
    assert doc.page_content == "" and doc.metadata["chars"] == 0


# --------------------------------------------------------------------------- unusable files


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _assert_empty_record(_one(path), "skipped", "binary file")


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 20)
    _assert_empty_record(_one(path), "skipped", "binary file")


@pytest.mark.parametrize(("content", "reason"), [(b"", "0 bytes"), (b"  \n\t\r\n  ", "whitespace only")])
def test_empty_files_are_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    _assert_empty_record(_one(path), "skipped", reason)


def test_oversized_file_is_skipped_with_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    size = path.stat().st_size
    doc = _one(path, max_bytes=100)
    _assert_empty_record(doc, "skipped", f"{size:,} bytes, over the limit of 100 bytes")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_fails_chmod(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        _assert_empty_record(_one(path), "failed", "cannot read: Permission denied")
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied"), "cannot read: Permission denied"),
        (FileNotFoundError(2, "No such file or directory"), "cannot read: No such file or directory"),
    ],
)
def test_unreadable_or_vanished_file_fails_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Monday", "Friday"), encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.txt":
            raise error
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs = _by_id(load_sources([tmp_path]))
    _assert_empty_record(docs["a"], "failed", reason)
    assert docs["b"].metadata["status"] == "ok"


def test_missing_path_and_broken_symlink_fail_without_raising(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    docs = load_sources([tmp_path / "nope.txt", tmp_path])
    assert [d.metadata["status"] for d in docs] == ["failed", "failed"]
    assert docs[0].metadata["reason"] == "path does not exist"
    assert docs[1].metadata["reason"].startswith("broken symbolic link")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_fails_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _assert_empty_record(_one(tmp_path), "failed", "not a regular file")


def test_duplicate_content_is_skipped_naming_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    docs = _by_id(load_sources([tmp_path]))
    assert docs["a"].metadata["status"] == "ok"
    _assert_empty_record(docs["b"], "skipped", "duplicate of a")
    assert docs["b"].metadata["sha256"] == docs["a"].metadata["sha256"]


def test_unsupported_extension_is_a_skipped_record(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    doc = _one(tmp_path)
    _assert_empty_record(doc, "skipped", "unsupported file type '.pdf'")
    assert doc.metadata["format"] == "unknown"


def test_nothing_left_after_cleaning_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(
        "## Why it matters\n- _Draft placeholder_\n- TODO\n\n<!-- hero image -->\n", encoding="utf-8"
    )
    doc = _one(path)
    _assert_empty_record(doc, "skipped", "nothing left after cleaning")
    assert "draft placeholder x2" in doc.metadata["removed"]


@pytest.mark.parametrize(
    "body",
    [
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>",
        "<div class='cookie-banner'><p>We use cookies to improve your experience.</p><button>Accept</button></div>"
        "<footer><p>© 2025 Example News.</p></footer>",
        "",
    ],
)
def test_html_without_main_text_fails_with_reason(tmp_path: Path, body: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(f"<html><head><title>x</title></head><body>{body}</body></html>", encoding="utf-8")
    _assert_empty_record(_one(path), "failed", "HTML extraction found no main text")


def test_an_unexpected_error_in_one_file_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")

    def explode(text: str) -> object:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(loader_module, "parse_html", explode)
    docs = _by_id(load_sources([tmp_path]))
    assert docs["a"].metadata["status"] == "ok"
    _assert_empty_record(docs["b"], "failed", "unexpected error: RuntimeError: parser bug")


def test_broken_front_matter_keeps_the_body_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text('---\ntitle: "unterminated\ndate: [2025-01-01\n---\n\n' + ARTICLE, encoding="utf-8")
    doc = _one(path)
    assert doc.metadata["status"] == "ok"
    assert any("front matter block 1 is not valid YAML" in w for w in doc.metadata["warnings"])
    assert doc.page_content == ARTICLE.strip()
    assert doc.metadata["removed"] == ["front matter block 1 (4 lines)"]


@pytest.mark.parametrize("bad", [0, -5, True, 1.5])
def test_bad_options_raise_config_error(bad: object) -> None:
    with pytest.raises(ConfigError, match="max_bytes"):
        SourceLoader(["x"], max_bytes=bad)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="encoding_fallback"):
        SourceLoader(["x"], encoding_fallback="no-such-codec")


# --------------------------------------------------------------------------- encodings

WESTERN = "The minister’s “naïve” résumé — signed in München.\n\nA second paragraph follows here.\n"


def test_cp1252_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(WESTERN.encode("cp1252"))
    doc = _one(path)
    assert doc.metadata["encoding"] == "cp1252"
    assert doc.metadata["warnings"] == ["not valid UTF-8; decoded as cp1252"]
    assert doc.page_content == WESTERN.strip()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + WESTERN.encode("utf-8"))
    doc = _one(path)
    assert doc.metadata["encoding"] == "utf-8-sig"
    assert doc.page_content == WESTERN.strip() and "\ufeff" not in doc.page_content


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    data = WESTERN.replace("\n", "\r\n").encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    doc = _one(path)
    assert doc.page_content == WESTERN.strip()  # CRLF normalised to \n as well
    assert "byte order mark" in doc.metadata["warnings"][0]


def test_utf16_without_bom_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(WESTERN.encode("utf-16-le"))
    doc = _one(path)
    assert doc.page_content == WESTERN.strip()
    assert doc.metadata["warnings"] == ["decoded as UTF-16-LE without a byte order mark"]


def _cp1252_or_c1(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def test_double_encoded_utf8_is_repaired_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mojibake.txt"
    misread = "".join(_cp1252_or_c1(b) for b in WESTERN.encode("utf-8"))  # how Windows tools do it
    path.write_bytes(misread.encode("utf-8"))
    doc = _one(path)
    assert doc.page_content == WESTERN.strip()
    assert "double-encoded" in doc.metadata["warnings"][0] and "repaired" in doc.metadata["warnings"][0]


def test_mixed_mojibake_is_flagged_not_silently_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    # one correct curly quote next to a double-encoded one: no whole-text repair is safe
    path.write_text("It’s here and itâ€™s broken, the minister said.\n", encoding="utf-8")
    doc = _one(path)
    assert "itâ€™s" in doc.page_content
    assert "left unrepaired" in doc.metadata["warnings"][0]


# --------------------------------------------------------------------------- walking and ids


def test_walk_is_sorted_recursive_skips_hidden_and_disambiguates_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    for i, name in enumerate(["b.txt", "a.md", "a.txt", "a-2.txt", "sub/a.html", "README"]):
        body = ARTICLE.replace("Monday", f"day {i}")
        if name.endswith(".html"):
            body = f"<html><body><article><p>{body}</p></article></body></html>"
        (tmp_path / name).write_text(body, encoding="utf-8")
    docs = load_sources([tmp_path])
    names = [Path(d.metadata["path"]).relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["README", "a-2.txt", "a.md", "a.txt", "b.txt", "sub/a.html"]
    assert [d.id for d in docs] == ["README", "a-2", "a", "a-3", "b", "a-4"]
    assert [d.id for d in load_sources([tmp_path])] == [d.id for d in docs]  # stable across runs


def test_a_single_path_string_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert [d.id for d in load_sources(str(tmp_path / "a.txt"))] == ["a"]
