"""The stand-in's Message Batches endpoints, in the wire format of anthropic 2.12 ``types/messages``.

- ``POST /v1/messages/batches`` with ``{"requests": [{"custom_id", "params"}]}``: a ``message_batch``
  object, ``processing_status: in_progress``. Each request is answered as ``POST /v1/messages``
  would answer it (``routes.message_reply``), once, at creation.
- ``GET /v1/messages/batches/{id}``: the batch; it reports ``ended`` (with ``results_url``) after
  ``Memory.batch_polls`` retrievals, so a client has to poll as it must against the real API.
- ``GET /v1/messages/batches/{id}/results``: JSON Lines, one ``{"custom_id", "result"}`` per
  request, ``succeeded`` with the full message or ``errored`` with an error object, in reverse
  order on purpose (the API does not promise any order).

Timestamps are fixed, so re-recording gives identical cassettes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tests.stand_in.routes import Memory, Reply, error, json_reply, message_reply

CREATED = "2026-01-01T00:00:00Z"
EXPIRES = "2026-01-02T00:00:00Z"
ENDED = "2026-01-01T00:10:00Z"


def _batch_object(memory: Memory, batch_id: str, host: str) -> dict[str, Any]:
    batch = memory.batches[batch_id]
    ended = batch["polls"] >= memory.batch_polls
    results = batch["results"]
    succeeded = sum(1 for r in results if r["result"]["type"] == "succeeded")
    scheme = "http" if host.startswith(("127.0.0.1", "localhost")) else "https"
    return {
        "id": batch_id,
        "type": "message_batch",
        "processing_status": "ended" if ended else "in_progress",
        "request_counts": {
            "processing": 0 if ended else len(results),
            "succeeded": succeeded if ended else 0,
            "errored": len(results) - succeeded if ended else 0,
            "canceled": 0,
            "expired": 0,
        },
        "created_at": CREATED,
        "expires_at": EXPIRES,
        "ended_at": ENDED if ended else None,
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": f"{scheme}://{host}/v1/messages/batches/{batch_id}/results" if ended else None,
    }


def _create(memory: Memory, raw: bytes, key: str) -> None:
    body = json.loads(raw or b"{}")
    batch_id = "msgbatch_standin_" + hashlib.sha256(raw).hexdigest()[:24]
    results = []
    for item in body.get("requests") or []:
        status, payload = message_reply(memory, dict(item["params"]), key + item["custom_id"])
        if status == 200:
            payload["usage"]["service_tier"] = "batch"
            result = {"type": "succeeded", "message": payload}
        else:
            result = {"type": "errored", "error": payload | {"request_id": None}}
        results.append({"custom_id": item["custom_id"], "result": result})
    with memory.lock:
        memory.batches[batch_id] = {"results": results, "polls": 0}


def handle_batches(
    memory: Memory, method: str, route: str, raw: bytes, key: str, host: str = "api.anthropic.com"
) -> Reply:
    """One request under ``/v1/messages/batches``."""
    parts = route.strip("/").split("/")  # v1 messages batches [id [results]]
    if method == "POST" and len(parts) == 3:
        batch_id = "msgbatch_standin_" + hashlib.sha256(raw).hexdigest()[:24]
        if batch_id not in memory.batches:
            _create(memory, raw, key)
        return json_reply(200, _batch_object(memory, batch_id, host), key)
    if method != "GET" or len(parts) not in (4, 5) or parts[3] not in memory.batches:
        return error(404, "not_found_error", route, key)
    batch_id = parts[3]
    if len(parts) == 4:
        with memory.lock:
            memory.batches[batch_id]["polls"] += 1
        return json_reply(200, _batch_object(memory, batch_id, host), key)
    if memory.batches[batch_id]["polls"] < memory.batch_polls:
        return error(400, "invalid_request_error", "the batch is still in progress", key)
    lines = [json.dumps(r) for r in reversed(memory.batches[batch_id]["results"])]
    headers = {"content-type": "application/binary", "request-id": "req_standin_" + key[:20]}
    return Reply(200, ("\n".join(lines) + "\n").encode(), headers)
