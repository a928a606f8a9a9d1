"""Text from HTML nested too deeply for lxml (libxml2 stops at 256 levels and drops the rest).

The standard library's ``html.parser`` keeps no tree and has no depth limit, so it can still
collect the page's paragraphs and headings, in order, skipping scripts, styles, navigation,
forms and footers. Used only when the main-text extractor found nothing; the caller says so.
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["paragraphs"]

_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
_SKIP = frozenset({"script", "style", "nav", "form", "footer", "header", "aside", "noscript", "template"})


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] | None = None
        self.skipping = 0
        self.depth = 0
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS and not self.skipping:
            self._close()
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._close()

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skipping:
            self.current.append(data)

    def _close(self) -> None:
        if self.current is not None:
            text = " ".join("".join(self.current).split())
            if text:
                self.blocks.append(text)
        self.current = None


def paragraphs(html: str) -> tuple[list[str], int]:
    """The page's paragraph and heading texts in order, and the deepest nesting seen."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector._close()
    return collector.blocks, collector.max_depth
