"""Feeds as sources, offline: feed files and a loopback HTTP server started by the tests.

The server binds to 127.0.0.1 only, so these tests pass ``allow_private`` (``--allow-private-urls``)
except where they check that loopback is refused without it.
"""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.sources import METADATA_KEYS
from briefing.sources.feedloader import FeedLoader, FeedOptions, canonical_url
from briefing.sources.fetch import Fetcher, FetchPolicy
from tests.feeds.server import Route, Site, serve

# ::1 is allowed only so that "localhost" resolving to ::1 first fails over to 127.0.0.1 as it would
# anywhere; the server itself binds to 127.0.0.1 only.
pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "::1"])

OPEN = FetchPolicy(allow_private=True, timeout=5)
WORDS = "The two research bodies will share evaluation methods and publish a joint report next spring."


def page(title: str, body: str, published: str = "2026-11-17") -> bytes:
    paragraphs = "".join(f"<p>{body} {WORDS} Sentence {i} of the article.</p>" for i in range(4))
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Cookie settings</footer></body></html>"
    ).encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description>{t} teaser</description></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'.encode()


def atom(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{t}</title><id>{link}</id><link href="{link}"/>'
        f"<published>2026-11-18T10:00:00+01:00</published></entry>"
        for t, link in items
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>{entries}</feed>'.encode()


XML = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    with serve(s):
        yield s


def load(feeds: list[str], tmp_path: Path, policy: FetchPolicy = OPEN, **options: object) -> list[Document]:
    opts = FeedOptions(policy=policy, cache_dir=tmp_path / "http", **options)  # type: ignore[arg-type]
    return list(FeedLoader(feeds, opts).lazy_load())


def by_status(docs: list[Document]) -> dict[str, list[Document]]:
    out: dict[str, list[Document]] = {}
    for d in docs:
        out.setdefault(d.metadata["status"], []).append(d)
    return out


def test_rss_atom_and_json_feeds_yield_the_article_pages(site: Site, tmp_path: Path) -> None:
    site.routes["/a"] = Route(page("Harbour authority signs accord", "The harbour authority signed."))
    site.routes["/b"] = Route(page("Rail operator joins pact", "The rail operator joined."))
    site.routes["/c"] = Route(page("Water board teams up", "The water board teamed up."))
    site.routes["/rss"] = Route(rss([("A", site.url("/a"), "Tue, 17 Nov 2026 08:00:00 GMT")]), headers=XML)
    site.routes["/atom"] = Route(atom([("B", site.url("/b"))]), headers=XML)
    json_feed = tmp_path / "local.json"
    json_feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Local",
                "items": [{"id": "c", "url": site.url("/c"), "date_published": "2026-11-19T07:00:00Z"}],
            }
        ),
        encoding="utf-8",
    )
    docs = load([site.url("/rss"), site.url("/atom"), str(json_feed)], tmp_path)
    assert [d.metadata["status"] for d in docs] == ["ok", "ok", "ok"]
    a, b, c = docs
    assert a.metadata["title"] == "Harbour authority signs accord"
    assert "The harbour authority signed." in a.page_content
    assert "Cookie settings" not in a.page_content  # trafilatura's main-text extraction
    assert a.metadata["published"] == "2026-11-17"
    assert b.metadata["url"] == site.url("/b")
    assert c.metadata["feed"] == str(json_feed)
    for doc in docs:  # the same record shape as the file loader's, so every later stage can rely on it
        assert set(METADATA_KEYS) <= set(doc.metadata)
    assert a.metadata["title_from"]


def test_items_are_deduplicated_by_canonical_url_and_by_text(site: Site, tmp_path: Path) -> None:
    article = page("Port deal", "The port agreed.")
    site.routes["/p"] = Route(article)
    site.routes["/mirror"] = Route(article)  # the same text under another address
    site.routes["/rss"] = Route(
        rss(
            [
                ("P", site.url("/p"), "Tue, 17 Nov 2026 08:00:00 GMT"),
                ("P again", site.url("/p?utm_source=newsletter&utm_medium=email#top"), "Tue, 17 Nov 2026"),
                ("Mirror", site.url("/mirror"), "Tue, 17 Nov 2026 08:00:00 GMT"),
            ]
        ),
        headers=XML,
    )
    docs = load([site.url("/rss")], tmp_path)
    first, again, mirror = docs
    assert first.metadata["status"] == "ok"
    assert again.metadata["status"] == "skipped"
    assert again.metadata["reason"] == f"duplicate of {first.metadata['id']} (same canonical URL)"
    assert mirror.metadata["status"] == "skipped"
    assert "same text" in mirror.metadata["reason"]
    assert site.hits("/p") == [200]  # the tracking-parameter copy was never fetched


def test_canonical_url_drops_tracking_parameters_and_fragments_but_keeps_real_ones() -> None:
    assert (
        canonical_url("HTTPS://News.Example.org:443/a?id=7&utm_campaign=x#c")
        == "https://news.example.org/a?id=7"
    )


def test_a_failing_feed_is_reported_and_the_others_go_on(site: Site, tmp_path: Path) -> None:
    site.routes["/ok"] = Route(page("Survives", "This one survives."))
    site.routes["/good"] = Route(rss([("ok", site.url("/ok"), "Tue, 17 Nov 2026 08:00:00 GMT")]), headers=XML)
    site.routes["/broken"] = Route(b"<html>this is not a feed", headers=XML)
    missing = tmp_path / "nowhere.rss"
    docs = load([site.url("/gone"), site.url("/broken"), str(missing), site.url("/good")], tmp_path)
    gone, broken, local, good = docs
    assert gone.metadata["status"] == "failed"
    assert "HTTP 404" in gone.metadata["reason"]
    assert broken.metadata["status"] == "failed"
    assert "not an RSS, Atom or JSON feed" in broken.metadata["reason"]
    assert local.metadata["status"] == "failed"
    assert "No such file" in local.metadata["reason"]
    assert good.metadata["status"] == "ok"


def test_loopback_is_refused_without_the_flag(site: Site, tmp_path: Path) -> None:
    site.routes["/rss"] = Route(rss([]), headers=XML)
    (doc,) = load([site.url("/rss")], tmp_path, policy=FetchPolicy())
    assert doc.metadata["status"] == "failed"
    assert "loopback" in doc.metadata["reason"]
    assert "--allow-private-urls" in doc.metadata["reason"]
    assert site.log == []  # refused before connecting


def test_a_redirect_to_a_private_address_is_refused(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public name that redirects to loopback: the redirect hop is checked like the first."""
    from briefing.sources import addresses, fetch

    real = addresses.resolve

    def fake(host: str, port: int, *, allow_private: bool) -> addresses.Resolved:
        if host == "news.example":  # pretend this name is public and served by the test server
            return addresses.Resolved(host, ("127.0.0.1",))
        return real(host, port, allow_private=allow_private)

    monkeypatch.setattr(fetch, "resolve", fake)
    site.routes["/hop"] = Route(b"", status=302, headers={"Location": site.url("/secret")})
    site.routes["/secret"] = Route(b"internal")
    with Fetcher(FetchPolicy(), cache_dir=None) as fetcher, pytest.raises(fetch.FetchError, match="loopback"):
        fetcher.get(f"http://news.example:{site.port}/hop")
    assert site.hits("/hop") == [302]
    assert site.hits("/secret") == []


def test_etag_revalidation_reuses_the_cached_body(site: Site, tmp_path: Path) -> None:
    site.routes["/a"] = Route(
        page("Cached", "Cached body."), headers={"ETag": '"v1"', "Content-Type": "text/html"}
    )
    site.routes["/rss"] = Route(
        rss([("a", site.url("/a"), "Tue, 17 Nov 2026 08:00:00 GMT")]),
        headers={**XML, "ETag": '"f1"'},
    )
    first = load([site.url("/rss")], tmp_path)
    second = load([site.url("/rss")], tmp_path)
    assert site.hits("/rss") == [200, 304]
    assert site.hits("/a") == [200, 304]
    assert first[0].page_content == second[0].page_content
    assert second[0].metadata["status"] == "ok"


def test_robots_txt_disallow_is_respected(site: Site, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
    )
    site.routes["/private/x"] = Route(page("Hidden", "Hidden."))
    site.routes["/public"] = Route(page("Open", "Open."))
    site.routes["/rss"] = Route(
        rss(
            [
                ("Hidden", site.url("/private/x"), "Tue, 17 Nov 2026 08:00:00 GMT"),
                ("Open", site.url("/public"), "Tue, 17 Nov 2026 08:00:00 GMT"),
            ]
        ),
        headers=XML,
    )
    hidden, public = load([site.url("/rss")], tmp_path)
    assert hidden.metadata["status"] == "failed"
    assert "robots.txt" in hidden.metadata["reason"]
    assert site.hits("/private/x") == []
    assert public.metadata["status"] == "ok"


def test_size_limit_and_timeout_are_reasons_not_crashes(site: Site, tmp_path: Path) -> None:
    site.routes["/big"] = Route(b"x" * 50_000)
    site.routes["/slow"] = Route(page("Slow", "Slow."), delay=2.0)
    site.routes["/rss"] = Route(
        rss([("big", site.url("/big"), "Tue, 17 Nov 2026"), ("slow", site.url("/slow"), "Tue, 17 Nov 2026")]),
        headers=XML,
    )
    policy = FetchPolicy(allow_private=True, max_bytes=20_000, timeout=0.5)
    big, slow = load([site.url("/rss")], tmp_path, policy=policy)
    assert big.metadata["status"] == "failed"
    assert "size limit" in big.metadata["reason"]
    assert slow.metadata["status"] == "failed"
    assert "timed out" in slow.metadata["reason"]


def test_items_the_feed_dates_outside_the_week_are_not_fetched(site: Site, tmp_path: Path) -> None:
    site.routes["/old"] = Route(page("Old", "Old."))
    site.routes["/rss"] = Route(
        rss([("Old story", site.url("/old"), "Mon, 02 Nov 2026 08:00:00 GMT")]), headers=XML
    )
    (old,) = load([site.url("/rss")], tmp_path, window=(date(2026, 11, 16), date(2026, 11, 22)))
    assert site.hits("/old") == []
    assert old.metadata["published"] == "2026-11-02"
    assert "outside" in old.metadata["warnings"][-1]


def test_the_feed_text_stands_in_when_the_page_cannot_be_fetched(site: Site, tmp_path: Path) -> None:
    long_text = " ".join([WORDS] * 6)
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>W</title><item><title>Full</title><link>{site.url('/down')}</link>"
        f"<pubDate>Tue, 17 Nov 2026 08:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{long_text}</p>]]>"
        "</content:encoded></item></channel></rss>"
    ).encode()
    site.routes["/down"] = Route(b"oops", status=503)
    site.routes["/rss"] = Route(feed, headers=XML)
    (doc,) = load([site.url("/rss")], tmp_path)
    assert doc.metadata["status"] == "ok"
    assert WORDS in doc.page_content
    assert "HTTP 503" in doc.metadata["warnings"][-1]
    assert "feed's full text (content:encoded)" in doc.metadata["warnings"][-1]


def test_relative_item_links_resolve_against_the_feed_and_odd_schemes_are_refused(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/news/story"] = Route(page("Relative", "Relative link."))
    site.routes["/news/feed"] = Route(
        rss([("rel", "story", "Tue, 17 Nov 2026"), ("ftp", "ftp://files.example/x", "Tue, 17 Nov 2026")]),
        headers=XML,
    )
    relative, odd = load([site.url("/news/feed")], tmp_path)
    assert relative.metadata["status"] == "ok"
    assert relative.metadata["url"] == site.url("/news/story")
    assert odd.metadata["status"] == "failed"
    assert "not an http or https URL" in odd.metadata["reason"]


def test_a_local_feed_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.rss"
    big.write_bytes(rss([("x", "https://news.example/x", "Tue, 17 Nov 2026")]) + b" " * 5000)
    (doc,) = load([str(big)], tmp_path, policy=FetchPolicy(max_bytes=1000))
    assert doc.metadata["status"] == "failed"
    assert "over the limit" in doc.metadata["reason"]


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[Site, ssl.SSLContext]]:
    """The test site over HTTPS with a throwaway certificate for ``localhost`` (needs openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed, so no test certificate can be made")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    s = Site()
    with serve(s, tls=server_context):
        yield s, ssl.create_default_context(cafile=str(cert))


def test_https_connects_to_the_checked_address_and_verifies_the_real_host_name(
    tls_site: tuple[Site, ssl.SSLContext],
) -> None:
    from briefing.sources.fetch import FetchError

    site, trust = tls_site
    site.routes["/a"] = Route(b"secure")
    with Fetcher(OPEN, verify=trust) as fetcher:
        # "localhost" may resolve to ::1 first, where nothing listens: the next checked address is tried.
        assert fetcher.get(f"https://localhost:{site.port}/a").body == b"secure"
        with pytest.raises(FetchError, match="cannot"):  # the certificate does not name 127.0.0.1
            fetcher.get(f"https://127.0.0.1:{site.port}/a")
    assert site.hits("/a") == [200]
