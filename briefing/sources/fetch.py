"""Fetching feeds and article pages over HTTP(S), politely and safely.

Every request: a timeout, a size limit (the body is streamed and cut off past ``max_bytes``), our
user-agent, only ``http``/``https``, and a connection to an address checked by
``briefing.sources.addresses`` (public only unless ``allow_private``), re-checked on every redirect
hop. Pages are fetched only where the site's robots.txt allows our user-agent (parsed with
``protego``; per RFC 9309 a robots.txt that is missing (4xx) allows everything and one that cannot
be fetched (5xx, timeout) disallows everything). Responses with an ETag or Last-Modified are cached
and revalidated with a conditional request (``briefing.sources.httpcache``).

This module and ``feeds`` are the only ones in ``briefing`` that use the network.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import httpx
from protego import Protego

from briefing import __version__
from briefing.errors import BriefingError
from briefing.sources.addresses import AddressRefused, resolve
from briefing.sources.httpcache import CachedResponse, HttpCache

__all__ = ["FetchError", "FetchPolicy", "Fetched", "Fetcher"]

ROBOTS_AGENT = "briefing"


class FetchError(BriefingError):
    """A URL could not be fetched; the message is the reason shown in the sources appendix.

    ``status`` is the HTTP status when the server answered with an error, else ``None``.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for every request. ``timeout`` is seconds per network operation (connect, each read)."""

    timeout: float = 20.0
    total_timeout: float = 60.0
    """Seconds for one whole response, so a server that trickles bytes cannot hold a run forever."""
    max_bytes: int = 5_000_000
    user_agent: str = f"{ROBOTS_AGENT}/{__version__} (news digest; honours robots.txt)"
    allow_private: bool = False
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    """The URL requested."""
    final_url: str
    """Where redirects ended (the page's own address)."""
    body: bytes
    content_type: str
    revalidated: bool = False
    """True when the server answered 304 and the cached body was reused."""


@dataclass(slots=True)
class _Robots:
    rules: dict[str, Protego | None] = field(default_factory=dict)
    """Origin -> parsed rules, or ``None`` for "everything disallowed"."""
    unreachable: dict[str, str] = field(default_factory=dict)
    """Origin -> why its robots.txt could not be fetched (those origins have ``None`` rules)."""


class Fetcher:
    """An HTTP client bound to one ``FetchPolicy`` and cache folder; use as a context manager.

    ``transport`` and ``verify`` (an SSL context trusting a test certificate) are for tests; real
    runs use httpx's default transport and the system's certificate authorities via certifi.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        cache_dir: Path | None = None,
        transport: httpx.BaseTransport | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.cache = HttpCache(cache_dir)
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,  # each hop is checked here
            headers={"User-Agent": self.policy.user_agent},
            transport=transport,
            verify=verify,
            trust_env=False,  # a proxy from the environment would bypass the address check
        )
        self._robots = _Robots()
        self.requests = 0
        """Requests sent (for tests and the progress line)."""

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched:
        """The body at ``url`` (following redirects), from the cache when the server says 304.

        Raises ``FetchError`` with a reader-facing reason: refused address, bad scheme, timeout,
        HTTP error status, too many redirects, or a body over ``max_bytes``.
        """
        cached = self.cache.get(url)
        headers: dict[str, str] = {}
        if cached is not None:
            if cached[0].etag:
                headers["If-None-Match"] = cached[0].etag
            if cached[0].last_modified:
                headers["If-Modified-Since"] = cached[0].last_modified
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            status, response_headers, body = self._send(current, headers)
            if status == 304 and cached is not None:
                entry, stored = cached
                return Fetched(url, entry.final_url, stored, entry.content_type, revalidated=True)
            if status in (301, 302, 303, 307, 308) and "location" in response_headers:
                current = str(httpx.URL(current).join(response_headers["location"]))
                continue
            if status != 200:
                raise FetchError(f"HTTP {status} from {current}", status=status)
            content_type = response_headers.get("content-type", "")
            entry = CachedResponse(
                url=url,
                final_url=current,
                etag=response_headers.get("etag"),
                last_modified=response_headers.get("last-modified"),
                content_type=content_type,
            )
            self.cache.put(entry, body)
            return Fetched(url, current, body, content_type)
        raise FetchError(f"more than {self.policy.max_redirects} redirects from {url}")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s site lets our user-agent fetch it (RFC 9309 rules)."""
        return self.robots_refusal(url) is None

    def robots_refusal(self, url: str) -> str | None:
        """Why robots.txt keeps us from fetching ``url``, or ``None`` when it may be fetched.

        The reason tells apart a robots.txt that disallows the page from one that could not be
        fetched at all (DNS or connection failure, 5xx, timeout), which RFC 9309 section 2.3.1.4
        also treats as "disallow everything".
        """
        parsed = httpx.URL(url)
        host = parsed.netloc.decode("ascii")
        origin = f"{parsed.scheme}://{host}"
        if origin not in self._robots.rules:
            self._robots.rules[origin] = self._read_robots(origin)
        rules = self._robots.rules[origin]
        if rules is None:
            why = self._robots.unreachable.get(origin, "no answer")
            return f"robots.txt of {host} could not be fetched ({why}); page not fetched"
        if not rules.can_fetch(url, ROBOTS_AGENT):
            return f"robots.txt of {host} disallows fetching this page"
        return None

    def _read_robots(self, origin: str) -> Protego | None:
        try:
            fetched = self.get(f"{origin}/robots.txt")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return Protego.parse("")  # no robots.txt: everything is allowed
            self._robots.unreachable[origin] = str(exc)
            return None  # unreachable: assume everything is disallowed
        return Protego.parse(fetched.body.decode("utf-8", errors="replace"))

    def _send(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        target = httpx.URL(url)
        if target.scheme not in ("http", "https") or not target.host:
            raise FetchError(f"only http and https URLs are fetched, not {url!r}")
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            addresses = resolve(target.host, port, allow_private=self.policy.allow_private).addresses
        except AddressRefused as exc:
            raise FetchError(f"refused {url}: {exc}") from None
        # Connect to a checked address (the next one if it cannot be reached, as browsers do);
        # the Host header and the TLS server name keep the real host name, so certificates are
        # verified against it.
        host_header = target.netloc.decode("ascii")
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        for n, address in enumerate(addresses, start=1):
            try:
                return self._request(
                    target.copy_with(host=address), url, {**headers, "Host": host_header}, extensions
                )
            except httpx.ConnectError as exc:
                if n == len(addresses):
                    raise FetchError(f"cannot connect to {url}: {exc}") from None
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {self.policy.timeout:g} s fetching {url}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from None
        raise FetchError(f"{target.host} resolves to no address")  # unreachable: resolve() refuses that

    def _request(
        self, pinned: httpx.URL, url: str, headers: dict[str, str], extensions: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """One GET to ``pinned``, streamed under the size limit and the whole-response deadline."""
        self.requests += 1
        with self._client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(_too_big(url, int(declared), self.policy.max_bytes))
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + self.policy.total_timeout
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:
                    raise FetchError(f"took over {self.policy.total_timeout:g} s fetching {url}")
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(_too_big(url, size, self.policy.max_bytes))
                chunks.append(chunk)
            return response.status_code, {k.lower(): v for k, v in response.headers.items()}, b"".join(chunks)


def _too_big(url: str, size: int, limit: int) -> str:
    return f"{url} is over the size limit of {limit:,} bytes (at least {size:,})"
