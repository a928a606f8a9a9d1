"""The stand-in HTTP server: the Messages API endpoints in their exact wire format.

Run ``python tests/stand_in/server.py [PORT]``: it prints its base URL on the first line and
serves until killed. The work is done by ``routes.handle`` (a pure function of the request and
the server's memory), so tests can also reach it in-process through ``transport.py`` without a
socket. Responses are gzipped when the client asks.
"""

from __future__ import annotations

import gzip
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.stand_in.routes import Memory, handle


class StandIn(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0, *, memory: Memory | None = None) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.memory = memory or Memory()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: StandIn

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write("[stand-in] " + (format % args) + "\n")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = handle(self.server.memory, method, self.path, headers, raw)
        gz = "gzip" in (self.headers.get("accept-encoding") or "")
        data = gzip.compress(reply.body, mtime=0) if gz else reply.body
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if gz:
            self.send_header("content-encoding", "gzip")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")


def main() -> None:
    server = StandIn(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(server.base_url, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
