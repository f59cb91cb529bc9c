"""The on-the-wire mark of a scheduled send, taken inside httpx right before the request is written.

An httpx request hook hands httpcore a trace callback; httpcore awaits it once the connection is
ready and just before the request's headers are written (the body follows one event-loop turn
later). That is as late as the mark can be committed while still preceding the request. The same
callback tells the gate how the request ended (an error status, or a whole answer), so that a
retry of it is known to be the retry of a request that was refused, or of one that may have arrived.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bot.pump import GATE

_BEFORE_WRITE = ("http11.send_request_headers.started", "http2.send_request_headers.started")
_STATUS = ("http11.receive_response_headers.complete", "http2.receive_response_headers.complete")
_WHOLE = ("http11.receive_response_body.complete", "http2.receive_response_body.complete")
Trace = Callable[[str, dict[str, Any]], Awaitable[None]]


async def _attach(request: httpx.Request) -> None:
    gate = GATE.get()
    if gate is None:
        return
    earlier: Trace | None = request.extensions.get("trace")

    async def trace(name: str, info: dict[str, Any]) -> None:
        if earlier is not None:
            await earlier(name, info)
        if name in _BEFORE_WRITE:
            await gate()
        elif name in _STATUS:
            # (http_version, status, reason, headers) on HTTP/1.1, (status, headers) on HTTP/2
            gate.answered(next(v for v in info["return_value"] if isinstance(v, int)))
        elif name in _WHOLE:
            gate.received()

    request.extensions["trace"] = trace


def wire_event_hooks() -> dict[str, list[Callable[[httpx.Request], Awaitable[None]]]]:
    """``event_hooks`` for an ``httpx.AsyncClient`` that sends scheduled items."""
    return {"request": [_attach]}
