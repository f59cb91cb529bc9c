"""The on-the-wire mark of a scheduled send, taken inside httpx once the request's headers are out.

An httpx request hook hands httpcore a trace callback. httpcore writes a request's headers, then
awaits the callback (``send_request_body.started``), then writes its body. The mark is committed
there: after the headers went out, before the body. A server acts on a request only once its
body has arrived whole, so a kill before the mark's commit leaves a request the platform drops and
an item not counted as sent (its next send is its first copy); a kill after it finds the mark
committed before the request could be complete (never a copy uncounted). A request without a body
is complete with its headers: its mark is taken before them. The same callback tells the gate how
the request ended (an error status, or a whole answer), so a retry of it is known to be the retry
of a request that was refused, or of one that may have arrived.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bot.pump import GATE

_HEADERS = ("http11.send_request_headers.started", "http2.send_request_headers.started")
_BODY = ("http11.send_request_body.started", "http2.send_request_body.started")
_STATUS = ("http11.receive_response_headers.complete", "http2.receive_response_headers.complete")
_WHOLE = ("http11.receive_response_body.complete", "http2.receive_response_body.complete")
Trace = Callable[[str, dict[str, Any]], Awaitable[None]]


def has_body(request: httpx.Request) -> bool:
    """Whether ``request`` still owes a body once its headers are out."""
    if "transfer-encoding" in request.headers:
        return True
    length = request.headers.get("content-length", "0")
    return length.isdigit() and int(length) > 0


async def _attach(request: httpx.Request) -> None:
    gate = GATE.get()
    if gate is None:
        return
    earlier: Trace | None = request.extensions.get("trace")
    # With a body, the headers alone commit the platform to nothing: mark between them and the body.
    mark_at = _BODY if has_body(request) else _HEADERS

    async def trace(name: str, info: dict[str, Any]) -> None:
        if earlier is not None:
            await earlier(name, info)
        if name in mark_at:
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
