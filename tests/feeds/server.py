"""A tiny HTTP server on 127.0.0.1 for the feed tests: canned pages, ETag/304, robots.txt, slow paths.

Each route is (status, headers, body). A route with an ``ETag`` header answers ``304`` to a
matching ``If-None-Match``. Every request is recorded as (method, path, status) so that tests can
assert what was fetched and what was revalidated.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, int]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[int]:
        return [status for p, status in self.log if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = site.routes.get(self.path)
            if route is None:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.delay:
                time.sleep(route.delay)
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self._answer(304, {"ETag": etag}, b"")
                return
            self._answer(route.status, route.headers, route.body)

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            site.log.append((self.path, status))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                with contextlib.suppress(
                    BrokenPipeError, ConnectionResetError
                ):  # client gave up (size limit)
                    self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            return

    return Handler


@contextmanager
def serve(site: Site, *, tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    """Serve ``site`` on 127.0.0.1 (a free port) for the duration of the block; HTTPS with ``tls``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
