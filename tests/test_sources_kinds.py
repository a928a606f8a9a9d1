"""Issue 10, kinds 1-5 and derived titles, on inputs written here (``tests/data/ingest``) that
differ in form from the shared cases: other archive layouts, outlets, date formats, wire tags,
city names, entity patterns and invisible characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.sentences import sentence_spans
from briefing.sources import load_sources
from briefing.sources.byline import read_byline
from briefing.sources.dateline import find_dateline
from briefing.sources.decode import decode_bytes
from briefing.sources.normalize import decode_entities, normalize_characters
from briefing.sources.titles import strip_site_suffix

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {str(d.id): d for d in load_sources(DATA)}


def _meta(docs: dict[str, Document], name: str, *keys: str) -> tuple[object, ...]:
    assert docs[name].metadata["status"] == "ok", docs[name].metadata["reason"]
    return tuple(docs[name].metadata[k] for k in keys)


# ------------------------------------------------------------------ kind 1: metadata not in YAML


def test_pelican_header_is_read_and_removed(docs: dict[str, Document]) -> None:
    assert _meta(docs, "pelican_header", "title", "title_from", "published", "published_from") == (
        "Brightmoor Water and Casella Pumps agree maintenance deal",
        "metadata header: Title",
        "2026-08-21",
        "metadata header: Date",
    )
    assert docs["pelican_header"].page_content.startswith("Brightmoor Water and Casella Pumps signed")
    assert "Category" not in docs["pelican_header"].page_content


def test_yaml_broken_lines_and_impossible_date_warn_and_keep_the_rest(docs: dict[str, Document]) -> None:
    title, published, publisher, url, warnings = _meta(
        docs, "yaml_broken_lines", "title", "published", "publisher", "url", "warnings"
    )
    assert title == "Update: Lindqvist Freight and Orrin Ports extend terminal lease"
    assert published is None and publisher == "Baltic Cargo Review"
    assert url == "https://example.org/lindqvist-orrin"
    assert any("line 1" in w and "headline: Update" in w for w in warnings)  # type: ignore[attr-defined]
    assert any("2025-02-30" in w and "not a real calendar date" in w for w in warnings)  # type: ignore[attr-defined]
    assert "Lindqvist Freight and Orrin Ports agreed" in docs["yaml_broken_lines"].page_content


def test_nexis_uni_layout_headline_first(docs: dict[str, Document]) -> None:
    assert _meta(docs, "nexis_uni_export", "title", "published", "publisher") == (
        "Halden Bus and Strandvik Ferries launch joint ticket",
        "2026-03-03",
        "The Fjord Gazette",
    )
    text = docs["nexis_uni_export"].page_content
    for gone in ("Section:", "Length:", "Byline:", "Load-Date", "End of Document", "Late Edition", "Body\n"):
        assert gone not in text
    assert text.endswith("The operators said the joint ticket would go on sale in April.")


def test_factiva_field_codes(docs: dict[str, Document]) -> None:
    assert _meta(docs, "factiva_export", "title", "published", "published_from", "publisher") == (
        "Vantor Steel and Kiruna Mining sign ore supply agreement",
        "2026-09-02",
        "archive field: PD",
        "Nordic Metals Daily",
    )
    text = docs["factiva_export"].page_content
    assert "Vantor Steel and Kiruna Mining signed a ten-year ore supply agreement" in text
    for gone in ("WC ", "96 words", "NMDLY", "English", "Document ", "LP ", "TD "):
        assert gone not in text


def test_byline_with_published_stamp_gives_the_date(docs: dict[str, Document]) -> None:
    assert _meta(docs, "byline_published", "published", "published_from") == ("2026-06-02", "byline date")
    assert "Dana Okafor" not in docs["byline_published"].page_content


def test_date_line_above_the_headline_is_evidence_never_the_title(docs: dict[str, Document]) -> None:
    assert _meta(docs, "date_above_headline", "title", "published", "published_from") == (
        "Ostrava Tram and Lenka Signals agree upgrade contract",
        "2026-07-09",
        "date line near the top",
    )
    text = docs["date_above_headline"].page_content
    assert "July" not in text and "Moravia Transit" not in text


@pytest.mark.parametrize(
    ("line", "authors", "published"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("BY JANE DOE AND ALI KHAN", "JANE DOE AND ALI KHAN", None),
        ("By Tobias Wren, Prairie Ledger staff (with wire reports)", "Tobias Wren", None),
        ("By Ana de la Cruz for The Harbour Courier", "Ana de la Cruz", None),
        ("By Jo Marsh | Published 4 May 2026 09:12 BST | Updated 2 hours ago", "Jo Marsh", "2026-05-04"),
        ("By Jo Marsh on March 3, 2026", "Jo Marsh", "2026-03-03"),
        ("By Jo Marsh — Updated May 5, 2026 | 4 min read", "Jo Marsh", None),
    ],
)
def test_byline_forms(line: str, authors: str, published: str | None) -> None:
    byline = read_byline(line)
    assert byline is not None and byline.authors == authors
    assert (byline.published.isoformat() if byline.published else None) == published


@pytest.mark.parametrize(
    "line",
    [
        "By March the two companies had signed a deal.",
        "By 2030, Acme will build three plants",
        "By then, it was late",
    ],
)
def test_prose_starting_with_by_is_not_a_byline(line: str) -> None:
    assert read_byline(line) is None


# ------------------------------------------------------------------ kind 2: datelines


@pytest.mark.parametrize(
    ("line", "place", "agency", "when"),
    [
        ("SÃO PAULO, March 4 (Reuters) - Vale said", "SÃO PAULO", "Reuters", "March 4"),
        ("ZÜRICH, 5 May 2026 (GLOBE NEWSWIRE) -- Acme", "ZÜRICH", "GLOBE NEWSWIRE", "5 May 2026"),
        ("ST. LOUIS, Mo. (AP) — Acme", "ST. LOUIS, Mo.", "AP", ""),
        ("DENVER, OMAHA and LINCOLN, Neb. (AP) — Acme", "DENVER, OMAHA and LINCOLN, Neb.", "AP", ""),
        ("NEW YORK, March 17, 2026 /PRNewswire/ -- Acme", "NEW YORK", "PRNewswire", "March 17, 2026"),
        ("LONDON & NEW YORK (17 March 2026) — Acme", "LONDON & NEW YORK", "", "17 March 2026"),
    ],
)
def test_dateline_forms(line: str, place: str, agency: str, when: str) -> None:
    found = find_dateline([line])
    assert found is not None
    assert (found.place, found.agency, found.when) == (place, agency, when)


@pytest.mark.parametrize(
    ("name", "published", "publisher"),
    [
        ("wire_unicode_city", "2026-04-08", "CNW"),
        ("wire_business_wire", "2026-05-12", "BUSINESS WIRE"),
        ("wire_two_cities_paren_date", "2026-06-30", None),
    ],
)
def test_wire_datelines_date_the_story(
    docs: dict[str, Document], name: str, published: str, publisher: str | None
) -> None:
    assert _meta(docs, name, "published", "published_from", "publisher") == (published, "dateline", publisher)


@pytest.mark.parametrize(
    "text",
    [
        "SPRINGFIELD, Ill. (AP) — Acme Corp and Beta Inc signed a deal on Monday.",
        "LOUISVILLE, Ky. — Acme Corp and Beta Inc signed a deal on Monday.",
        "FRESNO, Calif. (Reuters) - Acme Corp and Beta Inc signed a deal on Monday.",
    ],
)
def test_state_abbreviations_in_a_dateline_do_not_end_a_sentence(text: str) -> None:
    assert tuple(sentence_spans(text)) == ((0, len(text)),)


def test_a_sentence_ending_in_a_lower_case_ill_still_ends() -> None:
    text = "He was ill. Then he left."
    assert len(sentence_spans(text)) == 2


# ------------------------------------------------------------------ kind 3: HTML


def test_comment_thread_with_an_unknown_name_is_pruned(docs: dict[str, Document]) -> None:
    assert _meta(docs, "comments_custom", "title", "published", "published_from") == (
        "Corran Air and Selby Fuels sign fuel deal",
        "2026-01-20",
        "byline date",
    )
    text = docs["comments_custom"].page_content
    assert "Pomeroy" not in text and "Orbis" not in text and "Respond" not in text
    assert "Deliveries start at two airports" in text


def test_article_date_beats_a_masthead_today(docs: dict[str, Document]) -> None:
    published, title = _meta(docs, "masthead_today", "published", "title")
    assert published == "2026-03-03"
    assert title == "Tamsin Rail and Oxley Freight agree depot share"
    assert "March 3, 2026" not in docs["masthead_today"].page_content


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Acme signs deal | The Ledger", None, None, "Acme signs deal"),
        ("Acme signs deal - The Valley Herald", None, None, "Acme signs deal"),
        ("Acme signs deal – Ledger Online", "Ledger Online", None, "Acme signs deal"),
        ("Acme signs deal [Weekly Ledger]", None, None, "Acme signs deal"),
        ("Acme signs deal - ledger", None, "https://www.ledger.co.uk/a", "Acme signs deal"),
        ("Acme - Beta merger collapses", None, None, "Acme - Beta merger collapses"),
    ],
)
def test_site_suffix_is_dropped_from_titles(
    title: str, site: str | None, url: str | None, expected: str
) -> None:
    assert strip_site_suffix(title, site=site, url=url) == expected


def test_deeply_nested_html_still_yields_its_paragraph(tmp_path: Path) -> None:
    body = "<p>Acme Corp and Globex Inc signed a research agreement on Monday, the companies said.</p>"
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body>{'<div>' * 3000}{body}{'</div>' * 3000}</body></html>", encoding="utf-8")
    (doc,) = load_sources(path)
    assert doc.metadata["status"] == "ok"
    assert "signed a research agreement on Monday" in doc.page_content
    assert any("nested" in w for w in doc.metadata["warnings"])


# ------------------------------------------------------------------ kind 4: decoding by segment


def test_cp1252_paragraph_in_utf8(docs: dict[str, Document]) -> None:
    text = docs["mixed_cp1252"].page_content
    assert docs["mixed_cp1252"].metadata["encoding"] == "utf-8"
    assert (
        "Björk Foods and Café Lumière" in text and "The café chain said it was “delighted” with the €" in text
    )
    assert any("line 6" in w for w in docs["mixed_cp1252"].metadata["warnings"])


def test_trailing_nul_padding_is_stripped_with_a_warning(docs: dict[str, Document]) -> None:
    assert docs["nul_padded"].metadata["status"] == "ok"
    assert "\x00" not in docs["nul_padded"].page_content
    assert any("NUL" in w for w in docs["nul_padded"].metadata["warnings"])


def test_binary_with_nul_bytes_inside_stays_binary() -> None:
    assert decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) + b"\x00" * 8).text is None


def test_a_line_mixing_utf8_and_cp1252_is_readable() -> None:
    data = "Zürich ".encode() + "“quoted”".encode("cp1252") + b"\nplain line\n" + "Genève\n".encode()
    decoded = decode_bytes(data)
    assert decoded.text == "Zürich “quoted”\nplain line\nGenève\n"


# ------------------------------------------------------------------ kind 5: entities and invisible characters


def test_entities_in_plain_text_decoded_once(docs: dict[str, Document]) -> None:
    assert (
        docs["entities_in_text"].metadata["title"] == "Hollis & Crane and Duvall Shipping agree charter deal"
    )
    text = docs["entities_in_text"].page_content
    assert "Hollis & Crane and Duvall" in text and "said. The deal’s value was “not disclosed”." in text
    assert "&" + "amp;" not in text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("AT&T and R&D; stay", "AT&T and R&D; stay"),
        ("&amp;amp;amp;lt;", "<"),
        ("Caf&eacute; &#x4E2D; &#169;", "Café 中 ©"),
        ("&amp;lt;b&amp;gt;", "<b>"),
    ],
)
def test_entity_patterns(raw: str, clean: str) -> None:
    assert decode_entities(raw)[0] == clean


def test_invisible_characters_normalised_and_names_whole(docs: dict[str, Document]) -> None:
    doc = docs["invisible_chars"]
    assert doc.metadata["title"] == "Tessaly Power and VornGrid agree storage partnership"
    assert "VornGrid agreed a storage partnership on Monday in Leeds, the companies said." in doc.page_content
    assert not re.search("[\u200b-\u200f\u202a-\u202e\u00a0]", doc.page_content)
    start = doc.page_content.index("VornGrid agreed")
    assert doc.page_content[start : start + 8] == "VornGrid"


def test_joiners_stay_where_scripts_need_them() -> None:
    persian = "می\u200cخواهم"
    family = "\U0001f468\u200d\U0001f469"
    assert normalize_characters(persian)[0] == persian
    assert normalize_characters(family)[0] == family
    assert normalize_characters("Ac\u200dme")[0] == "Acme"
