"""What the console and the platforms need from the scheduler's due-item pump."""

from __future__ import annotations

from collections.abc import Sequence
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


class Sender(Protocol):
    """A platform adapter's outbound side: delivers replies through the platform's rate limiter.

    Raises ``Unreachable`` when the user blocked the bot or cannot be messaged.
    """

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None: ...


class Pump(Protocol):
    async def next_due_at(self) -> datetime | None: ...

    async def run_due(self, now: datetime) -> list[Delivery]: ...
