"""What the console and the platforms need from the scheduler's due-item pump."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.replies import Reply


@dataclass(frozen=True, slots=True)
class Delivery:
    """Replies the pump rendered for one user's chat when an item fell due."""

    user_key: str
    chat_id: str
    replies: tuple[Reply, ...]
    item_id: int | None = None


class Unreachable(Exception):
    """The platform says this user cannot be reached (blocked the bot, DMs closed, left)."""


class NotOurs(Exception):
    """The item was taken over or cancelled before its request left: it must not be sent."""


class WireGate:
    """Marks one scheduled item as on the wire before each request of its send is complete.

    The pump commits the ``sending`` mark here rather than before calling the sender, so the mark
    follows the rate limiter, the connection pool and everything else that can wait (over httpx,
    between the request's headers and its body: ``bot/wire_httpx.py``): a kill
    between the mark and the request (which leaves an item marked but never sent) has only a few
    event-loop turns to land in. A retry (ours or the client library's) passes here again: after
    an error answer it is checked against the database (still ours?); after a request that may
    have arrived (no answer) it is a second copy, counted as one in the database first, and never
    a third (``level``).
    """

    def __init__(self, mark: Callable[[bool], Awaitable[bool]], *, level: int = 0, once: bool = False,
                 live: Callable[[], bool] = lambda: True) -> None:
        self._mark = mark  # mark(again): again=True counts a second copy; returns False if no longer ours
        self._live = live
        self.once = once  # at most once (a nudge): a request that may have arrived is never retried
        self.level = level  # copies that may have reached the user, as the database counts them
        self.marked = False
        self.marked_at: float | None = None  # time.monotonic() when the first mark was known committed
        self.refused = False  # the item is no longer ours, or a retry would be one copy too many
        self.doubled = False  # refused because a retry could have been one copy too many
        self.error: BaseException | None = None  # a mark could not be written: that request was not sent
        self._passed = 0  # requests let through
        self._rejected = 0  # of those, answered with an error (not taken by the platform)
        self._doubt = False  # the last request passed here and no complete answer came back
        self._retrying = False  # the last request was answered with an error: the next one retries it

    @property
    def stopped(self) -> bool:
        """True once the send must not go on: a caller that retries requests stops retrying."""
        return self.refused or self.error is not None

    async def __call__(self) -> None:
        if self.refused:
            raise NotOurs
        if self.error is not None:
            raise self.error
        if not self.marked:
            await self._check(again=False)
            self.marked = True
            self.marked_at = time.monotonic()
            self.level += 1
        elif self._doubt:
            if self.once or self.level >= 2:
                self.refused = self.doubled = True
                raise NotOurs
            await self._check(again=True)
            self.level += 1
        elif self._retrying:
            await self._check(again=False)
        elif not self._live():
            self.refused = True
            raise NotOurs
        self._passed += 1
        self._doubt, self._retrying = True, False

    @property
    def reached(self) -> bool:
        """Some request was let through and not answered with an error: it may have arrived."""
        return self._passed > self._rejected

    async def _check(self, *, again: bool) -> None:
        try:
            ours = await self._mark(again)
        except Exception as exc:
            self.error = exc
            raise
        if not ours:
            self.refused = True
            raise NotOurs

    def answered(self, status: int) -> None:
        """The platform answered the last request: an error status means it was not taken."""
        if self._doubt and not 200 <= status < 300:
            self._rejected += 1
            self._doubt, self._retrying = False, True

    def received(self) -> None:
        """The last request's answer arrived whole: it is known to have arrived."""
        self._doubt = False


GATE: ContextVar[WireGate | None] = ContextVar("groundwork_wire_gate", default=None)


async def on_wire() -> None:
    """Senders call this right before each request of a scheduled send; a no-op outside one.

    Raises ``NotOurs`` when the item must not go out (then nothing may be sent for it).
    """
    gate = GATE.get()
    if gate is not None:
        await gate()


def answered(status: int) -> None:
    """A sender not built on httpx reports the platform's answer to its last request (an error status: not taken)."""
    gate = GATE.get()
    if gate is not None:
        gate.answered(status)


class Sender(Protocol):
    """A platform adapter's outbound side: delivers replies through the platform's rate limiter.

    Raises ``Unreachable`` when the user blocked the bot or cannot be messaged. A sender whose
    class sets ``marks_on_wire = True`` calls ``on_wire()`` itself right before its requests
    leave; for any other the pump marks the item just before calling ``send``.
    """

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None: ...


class Pump(Protocol):
    async def next_due_at(self) -> datetime | None: ...

    async def run_due(self, now: datetime) -> list[Delivery]: ...
