"""The feed's own text stands in for pages that cannot be used: robots.txt unreachable or refusing.

No network: item links point to a loopback port nobody listens on (so robots.txt cannot be fetched,
a connection failure, as with an unreachable host) or to the loopback test server.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.cli import EXIT_OK, EXIT_PARTIAL, main
from briefing.sources.feedloader import FeedLoader, FeedOptions
from briefing.sources.fetch import FetchPolicy
from tests.feeds.server import Route, Site, serve

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "::1"])

OPEN = FetchPolicy(allow_private=True, timeout=5)
STORY = (
    "Lagoon Ferries and the city of Porto Vero agreed on Monday to run an electric ferry line "
    "across the bay from next summer, the operator said in a statement."
)
TEASER = "Ferries agree a new line."
LONG_SUMMARY = " ".join(["The regional council approved a new tram depot budget on Thursday evening."] * 5)


def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load(path: Path, tmp_path: Path) -> list[Document]:
    opts = FeedOptions(policy=OPEN, cache_dir=tmp_path / "http")
    return list(FeedLoader([str(path)], opts).lazy_load())


def rss_file(tmp_path: Path, base: str) -> Path:
    items = (
        f"<item><title>Electric ferry line agreed</title><link>{base}/ferry</link>"
        "<pubDate>Mon, 16 Nov 2026 07:30:00 GMT</pubDate><description>" + TEASER + "</description>"
        f"<content:encoded><![CDATA[<p>{STORY}</p><p>Service starts in 2031 at the latest.</p>]]>"
        "</content:encoded></item>"
        f"<item><title>Only a teaser</title><link>{base}/teaser</link>"
        f"<pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate><description>{TEASER}</description></item>"
        f"<item><title>Tram depot</title><link>{base}/tram</link>"
        f"<pubDate>Tue, 17 Nov 2026 09:00:00 GMT</pubDate><description>{LONG_SUMMARY}</description></item>"
    )
    path = tmp_path / "wire.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Bay Wire</title>{items}</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_unreachable_robots_txt_is_named_and_the_feed_text_stands_in(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{closed_port()}/news"
    full, teaser, tram = load(rss_file(tmp_path, base), tmp_path)

    assert full.metadata["status"] == "ok"
    assert STORY in full.page_content
    warning = full.metadata["warnings"][-1]
    assert "robots.txt of 127.0.0.1" in warning and "could not be fetched" in warning
    assert "disallows" not in warning
    assert "full text (content:encoded)" in warning
    assert full.metadata["title"] == "Electric ferry line agreed"
    assert full.metadata["title_from"] == "feed: item title"
    # The feed's date, not a year mentioned in the story text.
    assert (full.metadata["published"], full.metadata["published_from"]) == ("2026-11-16", "feed: published")

    assert teaser.metadata["status"] == "failed"
    assert "could not be fetched" in teaser.metadata["reason"]
    assert "summary, too short" in teaser.metadata["reason"]
    assert teaser.metadata["title"] == "Only a teaser"

    assert tram.metadata["status"] == "ok"
    assert "summary (description" in tram.metadata["warnings"][-1]


def test_atom_content_and_json_feed_text_stand_in_when_robots_txt_disallows(tmp_path: Path) -> None:
    site = Site()
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"}
    )
    with serve(site):
        atom = tmp_path / "desk.atom"
        atom.write_text(
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><entry><title>Atom story</title>'
            f'<id>{site.url("/a")}</id><link href="{site.url("/a")}"/><updated>2026-11-17T10:00:00Z</updated>'
            f'<summary>Short.</summary><content type="html">&lt;p&gt;{STORY}&lt;/p&gt;</content></entry></feed>',
            encoding="utf-8",
        )
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "J",
            "items": [
                {
                    "id": "1",
                    "url": site.url("/j"),
                    "title": "Json <story>",
                    "content_text": f"{STORY}\n\n2 < 3.",
                }
            ],
        }
        json_path = tmp_path / "feed.json"
        json_path.write_text(json.dumps(feed), encoding="utf-8")
        (from_atom,) = load(atom, tmp_path)
        (from_json,) = load(json_path, tmp_path)
        assert site.hits("/a") == [] and site.hits("/j") == []
    assert from_atom.metadata["status"] == "ok" and STORY in from_atom.page_content
    assert "disallows" in from_atom.metadata["warnings"][-1]
    assert "full text (content)" in from_atom.metadata["warnings"][-1]
    assert from_atom.metadata["title"] == "Atom story"
    assert from_json.metadata["status"] == "ok" and "2 < 3." in from_json.page_content
    assert "full text (content_text)" in from_json.metadata["warnings"][-1]
    assert from_json.metadata["title"] == "Json <story>"


def test_build_from_a_feed_file_whose_pages_are_unreachable_writes_a_briefing(tmp_path: Path) -> None:
    feed = rss_file(tmp_path, f"http://127.0.0.1:{closed_port()}/news")
    out = tmp_path / "out"
    args = ["build", str(feed), "--engine", "offline", "--out", str(out), "--date", "2026-11-18"]
    code = main([*args, "--quiet", "--format", "json", "--allow-private-urls"])
    assert code in (EXIT_OK, EXIT_PARTIAL)
    (written,) = out.glob("*.json")
    data = json.loads(written.read_text(encoding="utf-8"))
    titles = {s["title"] for s in data["documents"]}
    assert {"Electric ferry line agreed", "Only a teaser", "Tram depot"} <= titles
