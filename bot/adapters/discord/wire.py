"""The on-the-wire mark of a scheduled Discord send, taken for every attempt discord.py makes.

discord.py's ``HTTPClient.request`` retries inside one ``channel.send``: a 429 after waiting it out,
a 500, 502, 504 or 524 after 1, 3, 5, 7 s, a connection reset (five tries in all). The sender sees
none of it. An ``aiohttp.TraceConfig``, handed to discord.py as its documented ``http_trace``
option, sees each attempt: a message post passes the pump's wire gate (``bot.pump.WireGate``) at
``on_request_headers_sent``, and its answer's status goes back to the gate. aiohttp (3.10 on) fires
that signal once it has a connection, before writing anything: it buffers the headers and writes
them with the body. So the mark follows the connection pool and any connect or TLS handshake, and
a kill while they wait leaves the item unmarked (its next send is its first copy). There is no
later point that still precedes every byte: ``on_request_chunk_sent`` runs in aiohttp's body-writer
task, whose errors aiohttp turns into connection errors. So a retry after an error answer is
checked against the database first (an item taken over meanwhile is not sent), and a retry of a
post that got no answer is recorded as the item's second copy, never a third.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import aiohttp

from bot.pump import GATE

_POSTS_MESSAGE = re.compile(r"/channels/\d+/messages$")


async def _headers(_: aiohttp.ClientSession, ctx: SimpleNamespace,
                   params: aiohttp.TraceRequestHeadersSentParams) -> None:
    gate = GATE.get()
    if gate is None or params.method != "POST" or not _POSTS_MESSAGE.search(params.url.path):
        return  # not a scheduled send's message (finding the user, opening the DM, any other call)
    ctx.gate = gate
    await gate()


async def _ended(_: aiohttp.ClientSession, ctx: SimpleNamespace, params: aiohttp.TraceRequestEndParams) -> None:
    gate = getattr(ctx, "gate", None)
    if gate is None:
        return
    status = params.response.status
    gate.answered(status)
    if 200 <= status < 300:
        gate.received()  # Discord answered with the message it created: it arrived


def wire_trace() -> aiohttp.TraceConfig:
    """``http_trace`` for a discord.py client that sends scheduled items."""
    trace = aiohttp.TraceConfig()
    trace.on_request_headers_sent.append(_headers)
    trace.on_request_end.append(_ended)
    return trace


def traces_the_wire(http: Any) -> bool:
    """True if this discord.py ``HTTPClient`` passes every message post through the gate itself."""
    trace = getattr(http, "http_trace", None)
    return isinstance(trace, aiohttp.TraceConfig) and _headers in trace.on_request_headers_sent
