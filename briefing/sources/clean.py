"""Cleaning a document body line by line, recording every removal in words a reader understands.

``Page`` holds the body lines with their original line numbers. Each pass removes lines (or parts
of one line) and says so in ``removed``; ``text()`` then joins the survivors. Whatever ``text()``
returns is the ``page_content`` that every later offset refers to, so passes never rewrite prose:
they drop whole boilerplate lines, strip HTML comments, a leading date label, and (recorded once)
Markdown link targets, keeping the link text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefing.sources.rules import (
    MD_LINK,
    classify,
    core,
    is_heading_like,
    is_linkish,
    is_tail_heading,
    markdown_heading,
)
from briefing.sources.rules_press import PRESS_TAIL_HEADING

__all__ = ["Page", "excerpt"]

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_EMPHASIS = re.compile(
    r"(?<![\w*])(?P<mark>\*\*|\*)(?=[^\s*])(?P<text>[^*\n]+?)(?<=[^\s*])(?P=mark)(?![\w*])"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s")
_SOURCE_LINK = re.compile(
    r"^(?:(?:source|via|originally\s+published\s+(?:at|on|by))\s*:?\s*)?"
    r"(?:<?(?P<url>https?://\S+?)>?|\[(?P<label>[^\[\]]{0,60})\]\((?P<target>https?://[^)\s]+)\))$",
    re.IGNORECASE,
)


def excerpt(text: str, limit: int = 60, *, keep_links: bool = False) -> str:
    """A short quoted form of a removed line for the ``removed`` notes, as a reader would see it."""
    if not keep_links:
        text = MD_LINK.sub(lambda m: m.group(1), text)
    text = " ".join(text.split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


class Page:
    """The body of one document while it is being cleaned (mutable by design, local to one file)."""

    def __init__(self, lines: Sequence[str], *, first_line_no: int = 1) -> None:
        self.original = list(lines)
        self.texts = list(lines)
        self.nos = [first_line_no + i for i in range(len(lines))]
        self.gone = [False] * len(lines)
        self.removed: list[str] = []
        self.counts: dict[str, int] = {}
        self.publisher: str | None = None
        self.verdicts: dict[int, str] = {}
        """Line index -> the boilerplate kind a rule removed it as (the title reader uses bylines)."""

    # ------------------------------------------------------------------ helpers
    def live(self) -> list[int]:
        """Indices of surviving non-blank lines, top to bottom."""
        return [i for i, t in enumerate(self.texts) if not self.gone[i] and t.strip()]

    def drop(self, indices: Iterable[int], note: str | None = None, *, count: str | None = None) -> None:
        for i in indices:
            self.gone[i] = True
            if count is not None:
                self.counts[count] = self.counts.get(count, 0) + 1
        if note is not None:
            self.removed.append(note)

    def notes(self) -> list[str]:
        """Every removal, individual notes first, then counted kinds as "kind xN"."""
        return self.removed + [f"{kind} x{n}" for kind, n in self.counts.items()]

    # ------------------------------------------------------------------ passes
    def strip_comments(self) -> None:
        """Remove ``<!-- ... -->`` comments (also inline and multi-line), keeping line numbering."""
        joined = "\n".join(self.texts)
        matches = list(_COMMENT.finditer(joined))
        if not matches:
            return
        for m in matches:
            line = joined.count("\n", 0, m.start())
            span = m.group().count("\n") + 1
            extent = f" ({span} lines)" if span > 1 else ""
            self.removed.append(f"HTML comment at line {self.nos[line]}{extent}")
        new = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), joined).split("\n")
        for i, (old, text) in enumerate(zip(self.texts, new, strict=True)):
            if old != text:
                self.texts[i] = text
                if not text.strip():
                    self.gone[i] = True

    def strip_prefix(self, index: int, end: int, note: str) -> None:
        """Cut ``texts[index][:end]`` (a leading date label); drop the line if nothing is left."""
        self.texts[index] = self.texts[index][end:]
        if not self.texts[index].strip():
            self.gone[index] = True
        self.removed.append(note)

    def apply_rules(self) -> None:
        """Drop every line that a rule in ``rules`` identifies as boilerplate."""
        for i in self.live():
            verdict = classify(self.texts[i])
            if verdict is None:
                continue
            if verdict.publisher and self.publisher is None:
                self.publisher = verdict.publisher
            self.verdicts[i] = verdict.kind
            if verdict.counted:
                self.drop([i], count=verdict.kind)
            else:
                self.drop([i], f"{verdict.kind}: {excerpt(core(self.texts[i]))}")

    def drop_trailing_link(self) -> str | None:
        """Drop a last line that is only a link to the source; return its URL."""
        live = self.live()
        if not live:
            return None
        last = live[-1]
        m = _SOURCE_LINK.match(core(self.texts[last]))
        if m is None or _LIST_ITEM.match(self.texts[last]):  # a list item belongs to a list of links
            return None
        self.drop([last], f"trailing source link line: {excerpt(core(self.texts[last]), keep_links=True)}")
        return m.group("url") or m.group("target")

    def drop_tail_sections(self) -> None:
        """Drop an end section ("Related Articles", "Tags", ...) that holds only short link-ish lines."""
        live = self.live()
        start: int | None = None
        for i in reversed(live):
            if is_tail_heading(self.texts[i]):
                start = i
            elif not is_linkish(self.texts[i]):
                break
        if start is None:
            return
        tail = [i for i in live if i >= start]
        self.drop(tail, f"trailing {excerpt(core(self.texts[start]))} section ({_lines(len(tail))})")

    def drop_press_tail(self) -> None:
        """Drop a press release's closing "About X" / "Media contact" sections.

        Only at the end of a document, only when short, and an "About X" heading only when the
        paragraph under it opens with X's own name ("About Acme" / "Acme is a ..."), which is how
        the boilerplate reads and how an article's own section does not.
        """
        live = self.live()
        for k, i in enumerate(live):
            if k < len(live) // 2 or not is_heading_like(self.texts[i]):
                continue
            m = PRESS_TAIL_HEADING.match(core(self.texts[i]))
            if m is None:
                continue
            name = m.group("name")
            following = core(self.texts[live[k + 1]]) if k + 1 < len(live) else ""
            if name and not following.startswith(name.split()[0]):
                continue
            tail = live[k:]
            if len(tail) > 15 or sum(len(self.texts[j]) for j in tail) > 2000:
                return
            self.drop(tail, f"press-release tail from {excerpt(core(self.texts[i]))} ({_lines(len(tail))})")
            return

    def drop_empty_tail_headings(self) -> None:
        """Drop a "References"/"Sources" heading directly followed by the next section's heading."""
        live = self.live()
        for k, i in enumerate(live[:-2]):
            nxt, after = live[k + 1], live[k + 2]
            if (
                is_tail_heading(self.texts[i])
                and is_heading_like(self.texts[i])
                and is_heading_like(self.texts[nxt])
                and not is_linkish(self.texts[after])
            ):
                self.drop([i], f"empty {excerpt(core(self.texts[i]))} heading")

    def drop_empty_sections(self) -> None:
        """Drop Markdown headings whose section was emptied by the removals above."""
        headings = [(i, h[0]) for i in self.live() if (h := markdown_heading(self.texts[i])) is not None]
        for i, level in reversed(headings):
            end = next(
                (j for j, lv in headings if j > i and lv <= level and not self.gone[j]), len(self.texts)
            )
            section = range(i + 1, end)
            if any(not self.gone[j] and self.texts[j].strip() for j in section):
                continue
            if any(self.gone[j] and self.original[j].strip() for j in section):
                self.drop([i], f"empty section {excerpt(core(self.texts[i]))} (left empty by removals)")

    def drop_repeats_of(self, title: str | None) -> None:
        """Drop second and later standalone copies of the title line (scraped pages repeat the h1)."""
        if not title:
            return
        wanted = " ".join(title.split()).casefold()
        copies = [i for i in self.live() if " ".join(core(self.texts[i]).split()).casefold() == wanted]
        for i in copies[1:]:
            self.drop([i], f"repeated title line: {excerpt(core(self.texts[i]))}")

    def unemphasize_markdown(self) -> None:
        """Replace ``**bold**`` and ``*italic*`` by their text: the markers are not prose and a
        quote copied from the page would otherwise carry them ("\\*\\*UPPSALA\\*\\* —")."""
        total = 0
        for i in self.live():
            self.texts[i], n = _EMPHASIS.subn(lambda m: m.group("text"), self.texts[i])
            total += n
        if total:
            self.removed.append(f"markdown emphasis markers x{total} (text kept)")

    def drop_author_bio(self, authors: Sequence[str]) -> None:
        """Drop a closing one-paragraph bio of the byline's author ("Jane Doe is a columnist ...")."""
        live = self.live()
        if not live or not authors:
            return
        last = core(self.texts[live[-1]])
        if len(last.split()) <= 60 and any(last.startswith(f"{a} is ") for a in authors):
            self.drop([live[-1]], f"author bio: {excerpt(last)}")

    def unlink_markdown(self) -> None:
        """Replace ``[text](url)`` by ``text``: the targets are not prose and would break quotes."""
        total = 0
        for i in self.live():
            self.texts[i], n = MD_LINK.subn(lambda m: m.group(1), self.texts[i])
            total += n
        if total:
            self.removed.append(f"markdown link targets x{total} (link text kept)")

    # ------------------------------------------------------------------ result
    def text(self) -> str:
        """Join the survivors; blank runs around a removal shrink to one blank line."""
        out: list[str] = []
        blanks: list[str] = []
        removal = False
        for i, text in enumerate(self.texts):
            if self.gone[i]:
                removal = True
            elif not text.strip():
                blanks.append(text)
            else:
                if out:
                    out.extend(blanks[:1] if removal else blanks)
                out.append(text)
                blanks, removal = [], False
        return "\n".join(out)


def _lines(n: int) -> str:
    return f"{n} line" if n == 1 else f"{n} lines"
