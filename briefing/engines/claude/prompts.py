"""Load, version and render the Claude engine's prompt templates (Jinja2 files in ``prompts/``).

Prompts are data reviewed like code. They are rendered strictly (a missing variable is an error)
in a sandbox, and document text is escaped before it reaches a template, so a document can never
close its own ``<document>`` tag. The prompt version is a short hash of every template byte plus
the output JSON schema: any change to what the model is asked yields a new version, which names
the result-cache entries and appears in every briefing.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefing.errors import ConfigError, PromptError

TEMPLATE_NAMES: tuple[str, ...] = (
    "system.j2",
    "extract.j2",
    "reask.j2",
    "synthesis_system.j2",
    "synthesize.j2",
    "synthesis_reask.j2",
)
EXAMPLES_NAME = "examples.json"
_TAG_RE = re.compile(r"<(?=\s*/?\s*(?:document|evidence)\b)", re.IGNORECASE)


def packaged_prompts_dir() -> Path:
    """The prompts shipped with the package (``briefing/prompts`` links to the top-level ``prompts/``)."""
    return Path(str(resources.files("briefing") / "prompts"))


def escape_document_text(text: str) -> str:
    """Neutralise anything that looks like a ``<document``/``<evidence`` tag (opening or closing).

    Only the ``<`` of such a sequence becomes ``&lt;``: the rest of the text stays byte-identical,
    so quotes from ordinary text still match the source exactly.
    """
    return _TAG_RE.sub("&lt;", text)


def escape_attribute(value: str) -> str:
    """Make a value safe inside a double-quoted tag attribute (and on one line)."""
    return html.escape(" ".join(value.split()), quote=True)


def document_view(
    *, document_id: str, title: str, text: str, publisher: str = "", published: str = ""
) -> dict[str, str]:
    """The escaped fields a template may show for a document.

    The publisher and publication date come from the loader (front matter, HTML meta, datelines):
    a first-person announcement ("we are partnering with ...") names its author only there, and a
    relative date ("on Tuesday") means something only against the publication date.
    """
    return {
        "id": escape_attribute(document_id),
        "title": escape_attribute(title),
        "publisher": escape_attribute(publisher),
        "published": escape_attribute(published),
        "text": escape_document_text(text),
    }


@dataclass(frozen=True, slots=True)
class Failure:
    """One grounding failure as the re-ask prompt shows it."""

    field: str
    value: str
    quote: str
    reason: str
    passage: str | None


@dataclass(frozen=True, slots=True)
class Problem:
    """A summary sentence the citation check rejected, as the synthesis re-ask shows it."""

    text: str
    reason: str


class PromptSet:
    """The templates of one prompts directory, loaded once and rendered on demand."""

    def __init__(self, directory: Path | None = None, *, output_schema: Mapping[str, Any]) -> None:
        """Read every template of ``directory`` (``--prompts``; default: the packaged prompts).

        A user's directory that is missing, or lacks a template, is a ``ConfigError`` naming
        ``--prompts``; a template that does not render (or bad examples) is a ``PromptError``.
        """
        self.directory = directory if directory is not None else packaged_prompts_dir()
        if directory is not None and not directory.is_dir():
            raise ConfigError(f"--prompts {directory}: no such folder")
        sources: dict[str, str] = {}
        for name in (*TEMPLATE_NAMES, EXAMPLES_NAME):
            path = self.directory / name
            try:
                sources[name] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                if directory is None:  # the installed package is broken: not the user's setting
                    raise PromptError(f"cannot read packaged prompt file {path}: {reason}") from exc
                raise ConfigError(
                    f"--prompts {directory}: cannot read {name} ({reason}); the folder needs "
                    f"{', '.join((*TEMPLATE_NAMES, EXAMPLES_NAME))}"
                ) from exc
        self._env = SandboxedEnvironment(
            loader=jinja2.DictLoader(sources),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )
        self.examples = _load_examples(sources[EXAMPLES_NAME], self.directory / EXAMPLES_NAME)
        digest = hashlib.sha256()
        for name in sorted(sources):
            digest.update(name.encode() + b"\0" + sources[name].encode("utf-8") + b"\0")
        digest.update(json.dumps(output_schema, sort_keys=True, separators=(",", ":")).encode())
        self.version = digest.hexdigest()[:12]

    def _render(self, name: str, **variables: Any) -> str:
        try:
            return self._env.get_template(name).render(**variables).strip() + "\n"
        except jinja2.TemplateError as exc:
            raise PromptError(f"prompt {self.directory / name}: {exc}") from exc

    def system(self) -> str:
        views = [
            {
                "document": document_view(
                    document_id=str(e["document"]["id"]),
                    title=str(e["document"]["title"]),
                    text=str(e["document"]["text"]),
                    publisher=str(e["document"].get("publisher", "")),
                    published=str(e["document"].get("published", "")),
                ),
                "answer_json": json.dumps(e["answer"], ensure_ascii=False, indent=1),
            }
            for e in self.examples
        ]
        return self._render("system.j2", examples=views)

    def extract(
        self, *, document_id: str, title: str, text: str, publisher: str = "", published: str = ""
    ) -> str:
        view = document_view(
            document_id=document_id, title=title, text=text, publisher=publisher, published=published
        )
        return self._render("extract.j2", document=view)

    def reask(self, failures: Sequence[Failure]) -> str:
        return self._render("reask.j2", failures=list(failures))

    def synthesis_system(self) -> str:
        return self._render("synthesis_system.j2")

    def synthesize(self, evidence: Sequence[Mapping[str, str]]) -> str:
        """``evidence``: id, document_id, topic, field, value, quote of each citable fact."""
        views = [
            {
                key: escape_attribute(str(item[key]))
                for key in ("id", "document_id", "topic", "field", "value")
            }
            | {"quote": escape_document_text(str(item["quote"]))}
            for item in evidence
        ]
        return self._render("synthesize.j2", evidence=views)

    def synthesis_reask(self, problems: Sequence[Problem]) -> str:
        return self._render("synthesis_reask.j2", problems=list(problems))


def _load_examples(source: str, path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        raise PromptError(f"{path}: invalid JSON: {exc}") from exc
    if not isinstance(data, list) or not all(
        isinstance(e, dict) and isinstance(e.get("document"), dict) and "answer" in e for e in data
    ):
        raise PromptError(f"{path}: expected a list of {{document, answer}} objects")
    return data
