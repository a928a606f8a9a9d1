"""The real-world input cases in ``../shared/cases/inputs`` (issue 10, kinds 1-5): each right value
from that folder's README is asserted here. Skipped, with the reason, when the folder is absent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.sentences import sentence_spans
from briefing.sources import load_sources

_REPO = Path(__file__).resolve().parents[1]
# ../shared next to the repository (a checkout), or two levels up (a worktree under /work/wt/<name>)
CASES = next(
    (
        p
        for p in (_REPO.parent / "shared/cases/inputs", _REPO.parent.parent / "shared/cases/inputs")
        if p.is_dir()
    ),
    _REPO.parent / "shared/cases/inputs",
)
pytestmark = pytest.mark.skipif(
    not CASES.is_dir(), reason=f"the shared input cases are not here ({CASES.resolve()})"
)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00a0\ufeff]")


def _load(prefix: str) -> Document:
    (path,) = CASES.glob(f"{prefix}_*")
    (doc,) = load_sources(path)
    assert doc.metadata["status"] == "ok", doc.metadata["reason"]
    return doc


def test_b01_reader_comments_never_enter_the_text() -> None:
    doc = _load("b01")
    assert doc.metadata["published"] == "2026-03-09"
    assert doc.metadata["title"] == "Norvale Robotics and Kestrel Grid sign supply agreement"
    for leaked in ("Halvorsen", "Pellworth", "gridwatcher", "Reply", "Thank you", "Copyright"):
        assert leaked not in doc.page_content
    assert "March 9, 2026" not in doc.page_content  # a date line is evidence, not text
    assert any("comment" in note for note in doc.metadata["removed"])


def test_b02_yaml_with_a_broken_line_keeps_its_readable_fields() -> None:
    meta = _load("b02").metadata
    assert meta["title"] == "Exclusive: Harlow Biotech and Quenby Labs agree research partnership"
    assert meta["published"] == "2026-05-04" and meta["publisher"] == "The Meridian Post"
    assert any("line 1" in w and "title: Exclusive" in w for w in meta["warnings"])


def test_b03_dateline_with_several_cities_and_the_date_in_brackets() -> None:
    meta = _load("b03").metadata
    assert (meta["published"], meta["published_from"]) == ("2026-03-17", "dateline")


def test_b06_a_cp1252_paragraph_in_utf8_is_repaired_with_a_warning() -> None:
    doc = _load("b06")
    assert doc.metadata["encoding"] == "utf-8" and doc.metadata["published"] == "2026-04-14"
    assert any("line 9" in w and "cp1252" in w for w in doc.metadata["warnings"])
    assert "A spokesperson for Société Ferrand said the company “expects" in doc.page_content
    assert "it’s talking" in doc.page_content
    assert not re.search("Ã|â€|\ufffd|[\x80-\x9f]", doc.page_content)


def test_b08_entities_are_decoded_once_at_ingestion() -> None:
    doc = _load("b08")
    assert doc.metadata["title"] == "Pemberton & Rusk and Calloway Foods agree joint venture"
    assert "Pemberton & Rusk and Calloway Foods" in doc.page_content
    assert "&amp;" not in doc.page_content and "&#" not in doc.page_content
    assert "60 percent" in doc.page_content and "The venture’s first" in doc.page_content


def test_b10_bidi_and_zero_width_characters_are_removed() -> None:
    doc = _load("b10")
    assert not _INVISIBLE.search(doc.page_content) and not _INVISIBLE.search(doc.metadata["title"])
    assert "board of Bexley Water in a vote of 7 to 2 and will be reviewed" in doc.page_content


def test_b11_news_archive_export() -> None:
    doc = _load("b11")
    meta = doc.metadata
    assert meta["title"] == "Tavistock Rail and Orla Ferries sign through-ticketing deal"
    assert (meta["published"], meta["publisher"]) == ("2026-10-14", "The Harbour Courier")
    assert meta["title_from"] == "archive export: headline"
    for gone in ("DOCUMENT", "BYLINE", "SECTION", "LENGTH", "LOAD-DATE", "LANGUAGE", "Edition", "Copyright"):
        assert gone not in doc.page_content
    assert doc.page_content.startswith("Tavistock Rail and Orla Ferries sign through-ticketing deal\n")


@pytest.mark.parametrize("prefix", ["b14a", "b14b"])
def test_b14_bylines_leave_the_text_and_the_dateline_is_one_sentence(prefix: str) -> None:
    doc = _load(prefix)
    assert "By " not in doc.page_content
    lede = next(s for s, e in sentence_spans(doc.page_content) if doc.page_content[s:e].startswith("Ash"))
    assert lede is not None
    if prefix == "b14a":
        starts = [doc.page_content[s:e] for s, e in sentence_spans(doc.page_content)]
        assert any(t.startswith("KANSAS CITY, Mo. (AW) — Ashford Grain") for t in starts)


def test_sources_json_names_the_evidence_for_date_and_title(tmp_path: Path) -> None:
    from briefing.cli.display import source_row

    row = source_row(_load("b11"))
    assert row["published_from"] == "archive header: dated line"
    assert row["title_from"] == "archive export: headline"
    assert any("BYLINE" in note for note in row["removed"])
    json.dumps(row)
