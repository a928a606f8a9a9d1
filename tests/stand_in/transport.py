"""The stand-in in-process: an ``httpx2.MockTransport`` over ``routes.handle``, no socket.

Tests run with ``--block-network``, so they reach the stand-in this way; the HTTP server in
``server.py`` serves the same function to the SDK over loopback when recording cassettes.
"""

from __future__ import annotations

import httpx2

from tests.stand_in.routes import Memory, handle


def stand_in_transport(memory: Memory | None = None) -> httpx2.MockTransport:
    """A transport answering every request as the stand-in server would."""
    state = memory if memory is not None else Memory()

    def serve(request: httpx2.Request) -> httpx2.Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        path = request.url.raw_path.decode()
        reply = handle(state, request.method, path, headers, request.read())
        return httpx2.Response(reply.status, headers=reply.headers, content=reply.body)

    return httpx2.MockTransport(serve)
