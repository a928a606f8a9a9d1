"""The prompts and price table ship inside the wheel, not only in a checkout (built and imported here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing.engines.claude.client import output_schema
from briefing.engines.claude.prompts import PromptSet
from briefing.engines.claude.schema import DocumentAnswer

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import briefing, sys
from briefing.engines.claude.prompts import PromptSet
from briefing.engines.claude.client import output_schema
from briefing.engines.claude.schema import DocumentAnswer
from briefing.engines.claude.pricing import load_price_table
prompts = PromptSet(output_schema=output_schema(DocumentAnswer))
assert "Harbor Robotics" in prompts.system()
assert '<document id="d"' in prompts.extract(document_id="d", title="t", text="x")
assert load_price_table().price("claude-sonnet-4-6") is not None
print(briefing.__file__)
print(prompts.version)
"""


@pytest.mark.slow
def test_wheel_contains_prompts_and_renders_them(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "briefing", src / "briefing", symlinks=True, ignore=ignore)
    shutil.copytree(ROOT / "prompts", src / "prompts", ignore=ignore)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(src),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("system.j2", "extract.j2", "reask.j2", "examples.json"):
        assert f"briefing/prompts/{name}" in names
    assert "briefing/engines/claude/prices.json" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    location, version = probe.stdout.split()
    assert Path(location).is_relative_to(site)
    assert version == PromptSet(output_schema=output_schema(DocumentAnswer)).version
