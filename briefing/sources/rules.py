"""Line rules: does this one line belong to the page around the article rather than the article?

Each rule describes a *kind* of boilerplate (draft placeholders, newsletter and share prompts,
reading-time and "last updated" UI lines, bylines, promos, wire credits) by its form, never by the
sentences of particular files. Rules are conservative: they only match short, whole lines whose
every word is part of the pattern or which address the reader with a call to action, so article
prose is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.sources.byline import read_byline
from briefing.sources.dateline import is_date_only, match_date_line
from briefing.sources.rules_press import furniture_kind

__all__ = [
    "MD_LINK",
    "URL",
    "Verdict",
    "classify",
    "core",
    "is_heading_like",
    "is_linkish",
    "is_tail_heading",
    "markdown_heading",
]

_MAX_UI_LINE = 220
_BULLETS = re.compile(r"^(?:[-*+•·>|–—]\s*|\d{1,3}[.)]\s+)+")
URL = re.compile(r"^<?https?://\S+>?$")
MD_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")

_PLACEHOLDER = re.compile(
    r"^(?:(?:draft\s+)?placeholder(?:\s+(?:text|content|copy|image|paragraph))?"
    r"|lorem\s+ipsum\b.*|\{\{[^{}]*\}\})[.!]?$",
    re.IGNORECASE,
)
_PLACEHOLDER_CASED = re.compile(r"^(?:TODO|TBD|TBC|TK|TKTK|FIXME|XXX)\b(?:\s*[:\-–—].{0,80})?$")
_BRACKETED = re.compile(
    r"^[\[(<{]\s*(?:(?:draft\s+)?placeholder|todo|tbd|tk|insert\b|add\b|write\b|fill\s+in\b|your\b|lorem\b)"
    r"[^\[\]()<>{}]{0,80}[\])>}]$",
    re.IGNORECASE,
)
_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AD_MARKER = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|scroll\s+to\s+continue(?:\s+with\s+content)?"
    r"|story\s+continues\s+below(?:\s+advertisement)?|continue\s+reading\s+below)$",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:-\s*)?min(?:ute)?s?\.?"
    r"(?:\s+read(?:ing)?(?:\s+time)?)?|reading\s+time\s*:?\s*\d{1,3}\s*min(?:ute)?s?)$",
    re.IGNORECASE,
)
_PUBLISHED_BY = re.compile(r"^(?:published|posted|written)\s+by\s*:?\s+(?P<who>[^.!?]{2,80})$", re.IGNORECASE)
_RELATIVE_STAMP = re.compile(
    r"^(?P<label>(?:last\s+)?updated|modified|posted|published)\s*:?\s*(?:about\s+)?(?:\d{1,3}|an?|one)\s+"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\bnewsletters?\b|\binbox\b|\bmailing\s+list\b|\bdelivered\s+to\s+you", re.IGNORECASE
)
_CALL_TO_ACTION = re.compile(
    r"\b(?:sign(?:\s|-)?up|subscribe|join|register|get\s+(?:it|them|the|our)|receive|don[’']?t\s+miss"
    r"|never\s+miss)\b",
    re.IGNORECASE,
)
_ADDRESSES_READER = re.compile(r"\b(?:you|your|here|now|free)\b|!", re.IGNORECASE)
_SHARE_WORDS = frozenset({
    "share", "shares", "sharing", "this", "article", "story", "post", "page", "on", "via", "to", "tweet",
    "facebook", "twitter", "x", "linkedin", "email", "e-mail", "print", "whatsapp", "reddit", "pinterest",
    "telegram", "copy", "link", "threads", "bluesky", "mastodon", "flipboard", "save", "comment", "comments",
    "messenger",
})  # fmt: skip
_PLATFORM_PROMPT = re.compile(
    r"^(?:add\b.{0,40}\b(?:preferred|trusted)\s+source\b.{0,40}"
    r"|(?:follow|find)\s+(?:us|\w+)\s+on\s+(?:google(?:\s+news)?|twitter|x|facebook|linkedin|instagram"
    r"|threads|bluesky|whatsapp|telegram|youtube|tiktok)\b.{0,60}"
    r"|(?:download|get)\s+(?:our|the)\s+(?:free\s+)?app\b.{0,60})$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_UI = re.compile(
    r"\b(?:we\s+use|this\s+(?:site|website)\s+uses|accept(?:\s+all)?|consent|manage\s+(?:preferences|settings)"
    r"|cookie\s+(?:policy|settings|preferences))\b",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"\b(?:call\s+for\s+(?:entries|nominations|submissions)|enter\s+now|nominate\s+now"
    r"|nominations?\s+(?:are\s+)?(?:now\s+)?open|submit\s+your\s+(?:entry|nomination)|book\s+your\s+tickets?"
    r"|register\s+now|buy\s+tickets)\b",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(
    r"^\((?:additional\s+)?(?:reporting|writing|editing|compiled|graphics)\s+by\b[^()]{0,200}\)$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(?:read\s+(?:more|next|also)|continue\s+reading|see\s+also|more\s+on\s+this(?:\s+story)?|related)"
    r"\s*[:»›>|\-–—]\s*(?P<rest>.{0,150})$",
    re.IGNORECASE,
)
_TAIL_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|posts|content|coverage|reading|news|links|topics))?"
    r"|more\s+(?:from|on|in|about)\b.{0,40}|more\s+(?:stories|articles|news)"
    r"|(?:you\s+)?(?:may|might)\s+also\s+(?:like|enjoy)|recommended(?:\s+(?:for\s+you|stories|articles|reading))?"
    r"|read\s+(?:more|next|also)|see\s+also|tags?|topics|filed\s+under|references?|sources?"
    r"|further\s+reading|external\s+links|trending(?:\s+now)?|most\s+(?:read|popular)|explore\s+more\b.{0,40})"
    r"(?:\s*:\s*[^.!?]{0,150})?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a line is removed. ``counted`` kinds are reported as "kind xN", others quote the line."""

    kind: str
    counted: bool = False
    publisher: str | None = None


def core(line: str) -> str:
    """The line as a reader sees it: without list bullets, emphasis markers or heading hashes."""
    text = line.strip()
    heading = _HEADING.match(text)
    if heading is not None:
        text = heading.group(2)
    text = _BULLETS.sub("", text).strip()
    return text.strip("*_~` \u00a0").strip()


def markdown_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` for an ATX heading line such as ``## Why it matters``."""
    m = _HEADING.match(line)
    return (len(m.group(1)), m.group(2)) if m is not None and m.group(2) else None


def is_heading_like(line: str) -> bool:
    """A short title-case-ish line without closing punctuation: a plain-text section heading."""
    if markdown_heading(line) is not None:
        return True
    text = line.strip()
    if not text or _BULLETS.match(text) or len(text) > 80 or len(text.split()) > 10:
        return False
    return (text[0].isupper() or text[0].isdigit()) and text[-1] not in '.,;:!?"”’)'


def is_tail_heading(line: str) -> bool:
    """A heading that opens an end-of-article list: "Related Articles", "More from X", "Tags"..."""
    text = core(line)
    return bool(text) and len(text) <= 160 and _TAIL_HEADING.match(text) is not None


def is_linkish(line: str) -> bool:
    """A line of a links/tags list: a URL, a Markdown link, or a short title without punctuation."""
    text = core(line)
    if not text or URL.match(text):
        return True
    without_links = MD_LINK.sub(lambda m: m.group(1), text)
    if MD_LINK.search(text) and len(without_links) <= 150 and without_links[-1:] not in ".!?":
        return True
    return len(text) <= 100 and len(text.split()) <= 12 and text[-1] not in '.!?:;"”’'


def classify(line: str) -> Verdict | None:
    """The boilerplate kind of one line, or None when the line may be article text."""
    text = core(line)
    if not text or len(text) > 400:
        return None
    if _PLACEHOLDER.match(text) or _PLACEHOLDER_CASED.match(text) or _BRACKETED.match(text):
        return Verdict("draft placeholder", counted=True)
    stripped = line.strip()
    if _IMAGE_LINE.match(stripped):
        return Verdict("markdown image", counted=True)
    if _LINK_DEFINITION.match(line):
        return Verdict("link reference definition", counted=True)
    if _AD_MARKER.match(text):
        return Verdict("advertisement marker", counted=True)
    if len(text) > _MAX_UI_LINE:
        return _long_line(text)
    return _ui_line(text)


def _ui_line(text: str) -> Verdict | None:
    if _READING_TIME.match(text):
        return Verdict("reading-time line")
    date_line = match_date_line(text)
    if date_line is not None:
        return Verdict("'last updated' line" if date_line.kind == "updated" else "date line")
    stamp = _RELATIVE_STAMP.match(text)
    if stamp is not None:
        updated = stamp.group("label").lower().endswith(("updated", "modified"))
        return Verdict("'last updated' line" if updated else "date line")
    published_by = _PUBLISHED_BY.match(text)
    if published_by is not None:
        who = published_by.group("who").strip()
        is_publisher = text.lower().startswith("published")
        return Verdict("byline", publisher=who if is_publisher else None)
    if read_byline(text) is not None:
        return Verdict("byline")
    if _is_share_prompt(text):
        return Verdict("share prompt")
    if _PLATFORM_PROMPT.match(text):
        return Verdict("platform prompt")
    if _PROMO.search(text) and not _is_sentence(text):
        return Verdict("promo line")
    if _WIRE_CREDIT.match(text):
        return Verdict("wire credit line")
    read_more = _READ_MORE.match(text)
    if read_more is not None and is_linkish(read_more.group("rest") or "x"):
        return Verdict("read-more prompt")
    furniture = furniture_kind(text, is_stamp=_is_stamp)
    if furniture is not None:
        return Verdict(furniture)
    return _long_line(text)


def _is_stamp(text: str) -> bool:
    """A byline segment that only dates the page: "November 18, 2026 9:42 AM", "Updated 2 hours ago"."""
    return bool(match_date_line(text) or _RELATIVE_STAMP.match(text) or is_date_only(text))


def _long_line(text: str) -> Verdict | None:
    """Prompts that can run to a full sentence: newsletters and cookie notices."""
    if len(text.split()) > 45:
        return None
    if _NEWSLETTER.search(text) and _CALL_TO_ACTION.search(text) and _ADDRESSES_READER.search(text):
        return Verdict("newsletter prompt")
    if _COOKIE.search(text) and _COOKIE_UI.search(text) and re.search(r"\b(?:we|our|you|your)\b", text, re.I):
        return Verdict("cookie notice")
    return None


def _is_share_prompt(text: str) -> bool:
    words = [w for w in re.split(r"[\s|,·•/:]+", text.lower().strip("!.")) if w]
    if not words or len(words) > 12 or not set(words) <= _SHARE_WORDS:
        return False
    platforms = set(words) - {"share", "shares", "sharing", "this", "article", "story", "post", "page"}
    platforms -= {"on", "via", "to", "save", "comment", "comments"}
    return bool({"share", "shares", "sharing", "tweet"} & set(words)) or len(platforms) >= 2


def _is_sentence(text: str) -> bool:
    """Prose: ends like a sentence and is long enough to say something."""
    return text[-1:] in '.!?"”’' and len(text.split()) >= 12
