"""Render a briefing as one self-contained HTML file in which every marker opens its quote in context.

Every evidence marker links to a box (``#q<key>``) showing the quote highlighted (``<mark>``) in its
paragraph of the cleaned source; CSS ``:target`` picks the opened box out, so no script is needed
at all. The file fetches nothing: styles are inline and a Content-Security-Policy forbids every
remote or scripted resource (``default-src 'none'``), so even a renderer bug could not load or run
anything. Source text is data: Jinja2 autoescaping is on for the whole template, every string is
cleaned of control and format characters first (a right-to-left override would display a quote
reversed), and the only links made are http(s) URLs that pass ``safe_url``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

import jinja2

from briefing.errors import RenderError
from briefing.gc_pause import collector_paused
from briefing.models import Briefing
from briefing.render.context import ParagraphIndex
from briefing.render.escape import FORMAT_CHARACTERS
from briefing.render.mapping import to_contract
from briefing.render.parts import QuoteView
from briefing.render.view import build_view

TEMPLATE = "briefing.html.j2"
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
_TARGETS = frozenset({"link"})


def clean(text: str) -> str:
    """Printable text on one line, edge spaces kept (pieces of a line stay separated)."""
    text = FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
    return _WHITESPACE.sub(" ", _CONTROL.sub("", text))


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: v if k in _TARGETS else _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(v) for v in value]
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class InContext:
    """A quote in its paragraph: ``before + marked + after`` is the paragraph's text."""

    key: int
    number: int | None
    label: str
    start: int
    end: int
    match: str
    before: str
    marked: str
    after: str


def in_context(quotes: tuple[QuoteView, ...], index: ParagraphIndex) -> list[InContext]:
    """Each quote inside its stored paragraph, or alone when the briefing holds no paragraph for it."""
    out = []
    for q in quotes:
        para = index.around(q.document_id, q.start, q.end)
        before, marked, after = "", q.quote, ""
        if para is not None:
            lo, hi = q.start - para.start, q.end - para.start
            if para.text[lo:hi] == q.quote:
                before, marked, after = para.text[:lo], para.text[lo:hi], para.text[hi:]
        out.append(InContext(q.key, q.number, q.label, q.start, q.end, q.match, before, marked, after))
    return out


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing.render", "templates"),
    undefined=jinja2.StrictUndefined,
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


@collector_paused
def render_html(briefing: Briefing) -> str:
    """The briefing as one HTML document with inline CSS, no scripts and no remote resources."""
    view = build_view(to_contract(briefing))
    contexts = in_context(view.quotes, ParagraphIndex(briefing.paragraphs))
    data = _cleaned(dataclasses.asdict(view))
    boxes = _cleaned([dataclasses.asdict(c) for c in contexts])
    try:
        return _ENV.get_template(TEMPLATE).render(
            v=data, contexts=boxes, csp=CSP, numbers={q.key: q.number for q in view.quotes}
        )
    except jinja2.TemplateError as exc:
        raise RenderError(f"HTML template failed: {exc}") from exc
