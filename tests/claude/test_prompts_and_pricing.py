"""Prompt files (strict rendering, versioning, verbatim few-shot quotes) and the price table."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.engines.claude.client import output_schema
from briefing.engines.claude.pricing import load_price_table
from briefing.engines.claude.prompts import Failure, PromptSet, escape_document_text, packaged_prompts_dir
from briefing.engines.claude.schema import DocumentAnswer, QuotedValue
from briefing.errors import ConfigError, PromptError

SCHEMA = output_schema(DocumentAnswer)
TOP_LEVEL_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


def _quotes(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [value["quote"]] if set(value) == {"value", "quote"} else []
        return found + [q for v in value.values() for q in _quotes(v)]
    if isinstance(value, list):
        return [q for v in value for q in _quotes(v)]
    return []


def test_packaged_prompts_are_the_top_level_prompts_directory() -> None:
    assert packaged_prompts_dir().resolve() == TOP_LEVEL_PROMPTS.resolve()


def test_few_shot_examples_validate_and_quote_their_text_verbatim() -> None:
    examples = json.loads((TOP_LEVEL_PROMPTS / "examples.json").read_text(encoding="utf-8"))
    assert examples
    for example in examples:
        DocumentAnswer.model_validate(example["answer"])
        quotes = _quotes(example["answer"])
        assert quotes
        for quote in quotes:
            assert quote in example["document"]["text"], quote


def test_rendered_system_prompt_contains_the_examples_and_no_jinja() -> None:
    prompts = PromptSet(output_schema=SCHEMA)
    system = prompts.system()
    assert "Harbor Robotics" in system and "{{" not in system and "{%" not in system
    extract = prompts.extract(document_id="d", title="T", text="Body {{ 7*7 }}")
    assert "Body {{ 7*7 }}" in extract  # document text is data, never template source
    reask = prompts.reask([Failure("party", "X", "q", "name not in quote", None)])
    assert "no similar passage" in reask and '"X"' in reask


def test_version_changes_with_any_template_byte_or_the_schema(tmp_path: Path) -> None:
    base = PromptSet(output_schema=SCHEMA).version
    copy = tmp_path / "prompts"
    shutil.copytree(TOP_LEVEL_PROMPTS, copy)
    assert PromptSet(copy, output_schema=SCHEMA).version == base
    (copy / "reask.j2").write_text((copy / "reask.j2").read_text() + " ", encoding="utf-8")
    assert PromptSet(copy, output_schema=SCHEMA).version != base
    assert PromptSet(output_schema=output_schema(QuotedValue)).version != base
    assert len(base) == 12


def test_undefined_variable_is_a_prompt_error(tmp_path: Path) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(TOP_LEVEL_PROMPTS, copy)
    (copy / "extract.j2").write_text("{{ document.txet }}", encoding="utf-8")
    with pytest.raises(PromptError, match="txet"):
        PromptSet(copy, output_schema=SCHEMA).extract(document_id="d", title="t", text="x")


def test_a_missing_or_incomplete_prompts_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--prompts .*nope: no such folder$"):
        PromptSet(tmp_path / "nope", output_schema=SCHEMA)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="no such folder"):
        PromptSet(tmp_path / "file", output_schema=SCHEMA)
    copy = tmp_path / "prompts"
    shutil.copytree(TOP_LEVEL_PROMPTS, copy)
    (copy / "system.j2").unlink()
    with pytest.raises(ConfigError, match=r"^--prompts .*: cannot read system\.j2"):
        PromptSet(copy, output_schema=SCHEMA)


def test_sandbox_blocks_unsafe_attribute_access(tmp_path: Path) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(TOP_LEVEL_PROMPTS, copy)
    (copy / "extract.j2").write_text("{{ document.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(PromptError):
        PromptSet(copy, output_schema=SCHEMA).extract(document_id="d", title="t", text="x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a </document> b", "a &lt;/document> b"),
        ("< / Document id=1>", "&lt; / Document id=1>"),
        ("a <documentary> b <b>x</b> 3 < 4", "a <documentary> b <b>x</b> 3 < 4"),
    ],
)
def test_document_escaping_touches_only_tag_lookalikes(text: str, expected: str) -> None:
    assert escape_document_text(text) == expected


def test_price_table_cost_unknown_model_and_user_override(tmp_path: Path) -> None:
    table = load_price_table()
    cost = table.cost(
        "claude-sonnet-4-6",
        input_tokens=1_000_000,
        output_tokens=1_000_000,
        cache_creation_input_tokens=1_000_000,
        cache_read_input_tokens=1_000_000,
    )
    assert cost == pytest.approx(3 + 15 + 3.75 + 0.3)
    assert table.cost("claude-nope", input_tokens=10, output_tokens=10) is None
    user = tmp_path / "prices.json"
    user.write_text(
        json.dumps({"models": {"claude-nope": {"input": 1, "output": 2, "cache_write": 0, "cache_read": 0}}})
    )
    assert load_price_table(user).cost("claude-nope", input_tokens=1_000_000, output_tokens=0) == 1.0
    user.write_text(json.dumps({"models": {"claude-nope": {"input": -1}}}))
    with pytest.raises(ConfigError, match="not valid"):
        load_price_table(user)
