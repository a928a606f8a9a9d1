"""The stand-in HTTP server: ``POST /v1/messages`` in the exact wire format of the Messages API.

Run ``python tests/stand_in/server.py [PORT]``: it prints its base URL on the first line and
serves until killed. It answers JSON-outputs requests with a text block holding JSON shaped to
the request's schema (see ``answers.py``; a schema it cannot honour gets a 400 like the real API),
reports usage with prompt-cache counters (the first request with a given cached system prefix
writes it, later ones read it), gzips when the client asks, and rejects requests without
credentials like the real API. Response ids derive from the request, so re-recording gives
identical cassettes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.stand_in.answers import respond
from tests.stand_in.schema_fit import SchemaMismatch

_LOCK = threading.Lock()


class StandIn(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.seen_prefixes: set[str] = set()
        self.truncated: set[str] = set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def _usage(server: StandIn, body: dict[str, Any], text: str) -> dict[str, Any]:
    system = body.get("system")
    cache_write = cache_read = 0
    if isinstance(system, list) and any(isinstance(b, dict) and b.get("cache_control") for b in system):
        prefix = json.dumps(system, sort_keys=True)
        key = hashlib.sha256(prefix.encode()).hexdigest()
        tokens = max(1, len(prefix) // 4)
        with _LOCK:
            if key in server.seen_prefixes:
                cache_read = tokens
            else:
                server.seen_prefixes.add(key)
                cache_write = tokens
    return {
        "input_tokens": max(1, len(json.dumps(body.get("messages", []))) // 4),
        "output_tokens": max(1, len(text) // 4),
        "cache_creation_input_tokens": cache_write,
        "cache_read_input_tokens": cache_read,
        "cache_creation": {"ephemeral_5m_input_tokens": cache_write, "ephemeral_1h_input_tokens": 0},
        "service_tier": "standard",
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: StandIn

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write("[stand-in] " + (format % args) + "\n")

    def _send(self, status: int, payload: dict[str, Any], request_key: str) -> None:
        raw = json.dumps(payload).encode()
        gz = "gzip" in (self.headers.get("accept-encoding") or "")
        data = gzip.compress(raw, mtime=0) if gz else raw
        self.send_response(status)
        self.send_header("content-type", "application/json")
        if gz:
            self.send_header("content-encoding", "gzip")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", "req_standin_" + request_key[:20])
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        key = hashlib.sha256(raw).hexdigest()
        if not (self.headers.get("authorization") or self.headers.get("x-api-key")):
            err = {"type": "error", "error": {"type": "authentication_error", "message": "missing key"}}
            self._send(401, err, key)
            return
        if self.path != "/v1/messages":
            self._send(
                404, {"type": "error", "error": {"type": "not_found_error", "message": self.path}}, key
            )
            return
        body = json.loads(raw or b"{}")
        try:
            with _LOCK:
                text, stop_reason = respond(body, truncated_before=self.server.truncated)
        except SchemaMismatch as exc:  # the real API rejects a schema it cannot honour, with a 400
            err = {"type": "error", "error": {"type": "invalid_request_error", "message": str(exc)}}
            self._send(400, err, key)
            return
        message = {
            "id": "msg_standin_" + key[:20],
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "unknown"),
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": _usage(self.server, body, text),
        }
        self._send(200, message, key)


def main() -> None:
    server = StandIn(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(server.base_url, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
