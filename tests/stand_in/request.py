"""Reading a Messages API request the way the product writes it: the document, re-ask items, evidence.

The product renders ``prompts/extract.j2`` with escaped fields (``briefing.engines.claude.prompts``):
attributes are HTML-escaped and collapsed to one line, and in the document text only the ``<`` of
a ``<document``/``<evidence`` tag is turned into ``&lt;``. Reading inverts exactly that, so the
text the stand-in works on is the product's ``page_content`` byte for byte and its quotes verify.
This module is deliberately independent of the product's own parsing code: a fixture that reused
it could not notice when the product's escaping broke.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

_DOCUMENT_RE = re.compile(
    r'<document id="([^"]*)" title="([^"]*)"(?: publisher="([^"]*)" published="([^"]*)")?>\n(.*)\n</document>',
    re.DOTALL,
)
_ESCAPED_TAG_RE = re.compile(r"&lt;(?=\s*/?\s*(?:document|evidence)\b)", re.IGNORECASE)
_FAILURE_RE = re.compile(
    r'^\d+\. field "([^"\n]*)", value "(.*?)"\n   your quote: "(.*?)"\n   problem: ', re.DOTALL | re.MULTILINE
)
_EVIDENCE_RE = re.compile(
    r'<evidence id="([^"]*)" document="([^"]*)" topic="([^"]*)" field="([^"]*)" value="([^"]*)">\n'
    r"(.*?)\n</evidence>",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class RequestDocument:
    id: str
    title: str
    text: str
    publisher: str = ""
    published: str = ""


@dataclass(frozen=True, slots=True)
class FailedItem:
    """One item a re-ask says could not be verified: the stand-in must fix or drop it."""

    field: str
    value: str
    quote: str


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    id: str
    document_id: str
    topic: str
    field: str
    value: str
    quote: str


def message_text(message: dict[str, Any]) -> str:
    """A message's text, whether its content is a string or a list of content blocks."""
    content = message.get("content", "")
    if isinstance(content, str):
        return content
    return "".join(b.get("text", "") for b in content if isinstance(b, dict) and b.get("type") == "text")


def unescape_document_text(text: str) -> str:
    """The inverse of ``escape_document_text``: only ``&lt;`` before a document/evidence tag."""
    return _ESCAPED_TAG_RE.sub("<", text)


def read_document(body: dict[str, Any]) -> RequestDocument | None:
    """The document of an extraction request (first user message), or None if there is none."""
    messages = body.get("messages") or []
    if not messages:
        return None
    m = _DOCUMENT_RE.search(message_text(messages[0]))
    if m is None:
        return None
    return RequestDocument(
        id=html.unescape(m.group(1)),
        title=html.unescape(m.group(2)),
        text=unescape_document_text(m.group(5)),
        publisher=html.unescape(m.group(3) or ""),
        published=html.unescape(m.group(4) or ""),
    )


def failed_items(body: dict[str, Any]) -> list[FailedItem]:
    """Items named by the latest re-ask turn (empty on the first turn)."""
    messages = body.get("messages") or []
    if len(messages) < 3:
        return []
    return [FailedItem(*m.groups()) for m in _FAILURE_RE.finditer(message_text(messages[-1]))]


def read_evidence(body: dict[str, Any]) -> list[EvidenceItem]:
    """The evidence items of a synthesis request (empty for any other request)."""
    messages = body.get("messages") or []
    if not messages:
        return []
    return [
        EvidenceItem(*(html.unescape(g) for g in m.groups()[:5]), quote=unescape_document_text(m.group(6)))
        for m in _EVIDENCE_RE.finditer(message_text(messages[0]))
    ]


def is_reask(body: dict[str, Any]) -> bool:
    return len(body.get("messages") or []) > 1


def output_schema(body: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON schema of ``output_config.format`` (JSON outputs), if the request carries one."""
    fmt = (body.get("output_config") or {}).get("format") or {}
    schema = fmt.get("schema") if fmt.get("type") == "json_schema" else None
    return schema if isinstance(schema, dict) else None
