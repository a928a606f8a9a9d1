"""Organisation-name variants shared by grounding and consolidation."""

from __future__ import annotations

import pytest

from briefing.names import acronym_of, canonical_name, find_name, name_variants


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("the U.K. government", "UK government"),
        ("Anthropic's", "Anthropic"),
        ("Anthropic’s", "Anthropic"),
        (
            "Department for Science, Innovation and Technology (DSIT)",
            "Department for Science, Innovation and Technology",
        ),
        ("  The   AI Security Institute ", "AI Security Institute"),
        ("Ministries'", "Ministries"),
        ("U.S.", "US"),
        ("OpenAI", "OpenAI"),
    ],
)
def test_canonical_name(name: str, canonical: str) -> None:
    assert canonical_name(name) == canonical


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Department for Science, Innovation and Technology (DSIT)", "DSIT"),
        ("Department for Science, Innovation and Technology", "DSIT"),
        ("AI Security Institute", "AISI"),
        ("National Institute of Standards and Technology (N.I.S.T.)", "NIST"),
        ("Anthropic", None),
        ("the company's research arm", None),
    ],
)
def test_acronym_of(name: str, acronym: str | None) -> None:
    assert acronym_of(name) == acronym


def test_name_variants_cover_government_forms() -> None:
    variants = name_variants("the UK government")
    for form in (
        "UK government",
        "U.K. government",
        "government of the UK",
        "UK's government",
        "British government",
    ):
        assert form in variants
    assert "British" not in variants  # an adjective alone names no party
    assert name_variants("DSIT (Department for Science)") >= {"DSIT"}


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Anthropic", "Anthropic’s assistant Claude", "Anthropic"),
        ("UK government", "the U.K. government said", "U.K. government"),
        ("the U.K. government", "the UK government said", "UK government"),
        ("UK government", "Britain’s government said", "Britain’s government"),
        ("Japanese government", "signed with the government of Japan", "government of Japan"),
        (
            "DSIT",
            "the Department for Science, Innovation and Technology said",
            "Department for Science, Innovation and Technology",
        ),
        ("Department for Science, Innovation and Technology (DSIT)", "DSIT said", "DSIT"),
        ("AI Security Institute", "the AI security institute will", "AI security institute"),
        ("Anthropic", "Anthropics is another firm", None),
        ("US", "let us sign", None),
        ("Cohere", "signed with Anthropic", None),
        ("UK", "the United Kingdom said", "United Kingdom"),
    ],
)
def test_find_name(name: str, text: str, found: str | None) -> None:
    span = find_name(name, text)
    if found is None:
        assert span is None
    else:
        assert span is not None
        assert text[span.start : span.end] == found
