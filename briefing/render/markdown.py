"""Render a briefing as Markdown (GitHub-flavoured tables; evidence markers ``[n]`` with the quotes gathered after each section) from a Jinja2 template.

Autoescaping is off because Jinja's escaping is for HTML, not Markdown. Instead every value goes
through an explicit Markdown filter (``md``, ``link``, ``num``, ``mark``, ``quote``, ``cell``...), and the environment's
``finalize`` hook refuses to print anything those filters did not produce: a template line that
forgets to escape source text fails loudly in every test instead of shipping an injection.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import jinja2

from briefing.errors import RenderError
from briefing.gc_pause import collector_paused
from briefing.models import Briefing
from briefing.render.escape import Md, md_fragment, md_link, md_number, md_text
from briefing.render.mapping import to_contract
from briefing.render.parts import Cell, MarkView, QuoteView, Side, SideView
from briefing.render.view import build_view

TEMPLATE = "briefing.md.j2"


def _require_escaped(value: object) -> object:
    """Jinja ``finalize``: only escaped text and plain integers may reach the output."""
    if isinstance(value, Md) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise RenderError(f"Markdown template printed an unescaped value of type {type(value).__name__}")


def _span(start: int, end: int, match: str = "exact") -> str:
    return f"ch. {start}–{end}" + ("" if match == "exact" else f", {md_text(match)} match")


def _mark(mark: MarkView | None, home: str = "") -> Md:
    """``[3]``, ``[1–3, 5]``; for a verbatim statement ``[Label, ch. 10–80]`` (no label at home).

    Brackets are written raw: no link reference is ever defined, so they stay text everywhere.
    """
    if mark is None:
        return Md("")
    if not mark.verbatim:
        return Md(f" [{mark.numbers}]")
    where = "" if mark.document_id == home else f"{md_text(mark.label)}, "
    return Md(f" [{where}{_span(mark.start, mark.end)}]")


def _quote(q: QuoteView, home: str = "") -> Md:
    """One printed quote: ``[n] Label (ch. a–b): “text”``."""
    where = "" if q.document_id == home else f"{md_text(q.label)}, "
    return Md(f"[{q.number}] {where}{_span(q.start, q.end, q.match)}: “{md_text(q.quote)}”")


def _who(label: str, copy_of: str | None) -> Md:
    """A source label, marked when the source is a copy: its value is not independent."""
    return Md(md_text(label) + (f"; copy of {md_text(copy_of)}" if copy_of else ""))


def _sides(sides: Sequence[Side], heading: str = "disputed") -> Md:
    """Every value of a disputed cell with its source: "**disputed:** a (X) vs b (Y; copy of X)"."""
    shown = [f"{md_text(s.value)} ({_who(s.label, s.copy_of)}){_mark(s.mark)}" for s in sides]
    return Md(f"**{md_text(heading)}:** " + " vs ".join(shown))


def _cell(cell: Cell) -> Md:
    """A cell: its value and marker, or for a disputed field every value with its source."""
    if cell.sides:
        return _sides(cell.sides)
    note = f" *({md_text(cell.note)})*" if cell.note else ""
    return Md(f"{md_text(cell.value)}{_mark(cell.mark)}{note}")


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
        mark=_mark,
        quote=_quote,
        cell=_cell,
        sides=_sides,
        highlighted=_highlighted,
        join_md=_md_join,
        money=_money,
    )
    return env


_ENV = _environment()


@collector_paused
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
