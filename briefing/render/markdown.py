"""Render a briefing as Markdown (GitHub-flavoured: tables and ``[^n]`` footnotes) from a Jinja2 template.

Autoescaping is off because Jinja's escaping is for HTML, not Markdown. Instead every value goes
through an explicit Markdown filter (``md``, ``link``, ``num``, ``cite``, ``note``...), and the environment's
``finalize`` hook refuses to print anything those filters did not produce: a template line that
forgets to escape source text fails loudly in every test instead of shipping an injection.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2

from briefing.errors import RenderError
from briefing.models import Briefing
from briefing.render.escape import Md, md_fragment, md_link, md_number, md_text
from briefing.render.mapping import to_contract
from briefing.render.notes import Cite, Note, Quote, SourceGroup
from briefing.render.view import SideView, SourceRef, build_view

TEMPLATE = "briefing.md.j2"


def _require_escaped(value: object) -> object:
    """Jinja ``finalize``: only escaped text and plain integers may reach the output."""
    if isinstance(value, Md) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise RenderError(f"Markdown template printed an unescaped value of type {type(value).__name__}")


def _cite(cite: Cite | None) -> Md:
    return Md("" if cite is None else f"[^{cite.number}]")


def _source(ref: SourceRef) -> Md:
    """A short title, or the id of an untitled document (the id is in every footnote)."""
    return md_text(ref.label)


def _span(q: Quote) -> str:
    match = "" if q.match == "exact" else f", {md_text(q.match)} match"
    return f"characters {q.start}–{q.end}{match}"


def _group(g: SourceGroup, shown: str) -> str:
    name = f"*{md_text(g.label)}* ({md_text(g.document_id)})" if g.titled else md_text(g.label)
    quotes = [
        f"“{md_text(q.quote)}” ({_span(q)})"
        if not q.shown
        else _span(q)
        if shown
        else f"{_span(q)} ({md_text(q.shown)})"
        for q in g.quotes
    ]
    return f"{name}: {'; '.join(quotes)}."


def _note(note: Note) -> Md:
    """One footnote: its quotes grouped by source, each with its span, then where the rest is."""
    parts = [f"{md_text(note.label)}."] if note.label else []
    if note.shown:
        parts.append(f"{md_text(note.shown[:1].upper() + note.shown[1:])}:")
    parts += [_group(g, note.shown) for g in note.groups]
    if note.see:
        parts.append(md_text(note.see))
    if note.remark:
        parts.append(f"({md_fragment(note.remark).strip()})")
    return Md(" ".join(parts))


def _highlighted(side: SideView) -> Md:
    """The quote with the disputed value in bold where emphasis cannot misparse; else plain."""
    before, value, after = side.highlight
    safe_edges = (not before or before[-1].isspace()) and (not after or after[0] in " .,;!?)”’'\"")
    if not value or not safe_edges or value != value.strip():
        return md_text(side.quote)
    return Md(f"{md_fragment(before)}**{md_fragment(value)}**{md_fragment(after)}".strip())


def _md_join(values: Iterable[str], separator: str = "; ") -> Md:
    return Md(separator.join(md_text(v) for v in values))


def _money(value: float | None) -> Md:
    return Md("unknown" if value is None else f"USD {value:,.4f}")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing.render", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: the filters below escape for Markdown instead
        finalize=_require_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_text,
        link=md_link,
        num=md_number,
        cite=_cite,
        note=_note,
        source=_source,
        highlighted=_highlighted,
        join_md=_md_join,
        money=_money,
    )
    return env


_ENV = _environment()


def render_markdown(briefing: Briefing) -> str:
    """The briefing as one Markdown document; source text in it is inert (see ``escape``)."""
    view = build_view(to_contract(briefing))
    try:
        text = _ENV.get_template(TEMPLATE).render(v=view)
    except jinja2.TemplateError as exc:
        raise RenderError(f"Markdown template failed: {exc}") from exc
    # Blank-line runs left by skipped optional blocks carry no meaning in Markdown.
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1]):
            lines.append(line.rstrip())
    return "\n".join(lines).rstrip("\n") + "\n"
