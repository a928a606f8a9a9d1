"""Render a briefing as Markdown (GitHub-flavoured: tables and ``[^n]`` footnotes) from a Jinja2 template.

Autoescaping is off because Jinja's escaping is for HTML, not Markdown. Instead every value goes
through an explicit Markdown filter (``md``, ``link``, ``num``, ``cites``), and the environment's
``finalize`` hook refuses to print anything those filters did not produce: a template line that
forgets to escape source text fails loudly in every test instead of shipping an injection.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2

from briefing.errors import RenderError
from briefing.models import Briefing
from briefing.render.escape import Md, md_link, md_number, md_text
from briefing.render.mapping import to_contract
from briefing.render.view import Cite, build_view

TEMPLATE = "briefing.md.j2"


def _require_escaped(value: object) -> object:
    """Jinja ``finalize``: only escaped text and plain integers may reach the output."""
    if isinstance(value, Md) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise RenderError(f"Markdown template printed an unescaped value of type {type(value).__name__}")


def _cites(cites: Iterable[Cite]) -> Md:
    return Md("".join(f"[^{c.number}]" for c in cites))


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
    env.filters.update(md=md_text, link=md_link, num=md_number, cites=_cites, join_md=_md_join, money=_money)
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
