"""Titles: a page title without its site suffix, and a short title derived when none is written.

Browsers' ``<title>`` usually carries the site's name ("Acme signs deal | The Ledger", "Acme signs
deal - The Ledger", "Acme signs deal [Weekly Ledger]"). The suffix is dropped when it names the
site (the page's publisher or the domain of its URL); a bar, a double colon or square brackets
are site separators in any case, while a dash is also common inside headlines, so a dash suffix
is dropped only when it names the site or reads like one ("The ..." in title case, at most four
words).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["opening_words", "strip_site_suffix"]

_BAR = re.compile(r"^(?P<title>.+?)\s+(?:\||::|»|·)\s+(?P<site>[^|]{1,60})$")
_BRACKET = re.compile(r"^(?P<title>.+?)\s*\[(?P<site>[^\[\]]{1,60})\]$")
_DASH = re.compile(r"^(?P<title>.+)\s+[-–—]\s+(?P<site>[^-–—]{1,60})$")
_OPENING_WORDS = 12
_NOT_PROSE = re.compile(r"^(?:[-*+•|#>]|\d{1,3}[.)]\s)")


def strip_site_suffix(title: str, *, site: str | None = None, url: str | None = None) -> str:
    """``title`` without a trailing site name; unchanged when nothing reads as one."""
    names = {_key(n) for n in (site, _domain(url)) if n}
    for pattern in (_BRACKET, _BAR, _DASH):
        m = pattern.match(title.strip())
        if m is None or len(m.group("title").split()) < 2:
            continue
        suffix = m.group("site").strip()
        key = _key(suffix)
        named = bool(key) and any(key == n or (len(n) >= 4 and (n in key or key in n)) for n in names)
        if pattern is not _DASH or named or _site_like(suffix):
            return m.group("title").strip()
    return title.strip()


def opening_words(content: str) -> str:
    """A short title from the first words of the text, for a document that names none.

    Taken from the first paragraph that reads as prose (five words or more, not a list item or a
    table row), else from the first line.
    """
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    prose = [ln for ln in lines if len(ln.split()) >= 5 and not _NOT_PROSE.match(ln)]
    first = (prose or lines or [""])[0]
    words = first.split()
    if len(words) <= _OPENING_WORDS:
        return first.rstrip(" .,:;")
    return " ".join(words[:_OPENING_WORDS]).rstrip(" .,:;") + " …"


def _site_like(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 4 and words[0] == "The" and all(w[:1].isupper() for w in words)


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "com", "co", "org", "net", "uk", "news")]
    return parts[0] if parts else None


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))
