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
    """Marks one scheduled item as on the wire, once, right before its first request is written.

    The pump commits the ``sending`` mark here rather than before calling the sender, so the mark
    follows the rate limiter, the connection pool and everything else that can wait: a kill
    between the mark and the request (which leaves an item marked but never sent) has only a few
    event-loop turns to land in.
    """

    def __init__(self, mark: Callable[[], Awaitable[bool]]) -> None:
        self._mark = mark
        self.marked = False
        self.marked_at: float | None = None  # time.monotonic() when the mark was known committed
        self.refused = False  # the item is no longer ours: nothing may be sent
        self.error: BaseException | None = None  # the mark could not be written: nothing was sent

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
            try:
                ours = await self._mark()
            except Exception as exc:
                self.error = exc
                raise
            if not ours:
                self.refused = True
                raise NotOurs
            self.marked = True
            self.marked_at = time.monotonic()


GATE: ContextVar[WireGate | None] = ContextVar("groundwork_wire_gate", default=None)


async def on_wire() -> None:
    """Senders call this right before each request of a scheduled send; a no-op outside one.

    Raises ``NotOurs`` when the item must not go out (then nothing may be sent for it).
    """
    gate = GATE.get()
    if gate is not None:
        await gate()


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
