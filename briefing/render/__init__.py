"""Rendering: one finished ``Briefing`` in, Markdown text, PDF bytes, HTML text or contract JSON out.

Renderers are pure functions; writing files belongs to ``briefing.output``.
"""

from __future__ import annotations

from briefing.render.contract import SCHEMA_VERSION, BriefingOut
from briefing.render.html import render_html
from briefing.render.json import committed_schema, json_schema, render_json, schema_text
from briefing.render.mapping import to_contract
from briefing.render.markdown import render_markdown
from briefing.render.pdf import needs_cjk_font, render_pdf

__all__ = [
    "SCHEMA_VERSION",
    "BriefingOut",
    "committed_schema",
    "json_schema",
    "needs_cjk_font",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "schema_text",
    "to_contract",
]
