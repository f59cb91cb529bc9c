"""The on-the-wire mark of a scheduled send, taken inside httpx right before the request is written.

An httpx request hook hands httpcore a trace callback; httpcore awaits it once the connection is
ready and just before the request's headers are written (the body follows one event-loop turn
later). That is as late as the mark can be committed while still preceding the request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bot.pump import GATE

_BEFORE_WRITE = ("http11.send_request_headers.started", "http2.send_request_headers.started")
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

    request.extensions["trace"] = trace


def wire_event_hooks() -> dict[str, list[Callable[[httpx.Request], Awaitable[None]]]]:
    """``event_hooks`` for an ``httpx.AsyncClient`` that sends scheduled items."""
    return {"request": [_attach]}
