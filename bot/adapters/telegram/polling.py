"""Long polling that confirms an update only once it has been handled (workers sharing a database).

PTB's Updater confirms a batch (the next ``getUpdates`` offset) as soon as it has queued it, so a
worker killed while handling loses those updates: Telegram will not send them again. Here the
next offset is asked for only after every update of the batch was handled and its replies sent;
a worker that dies mid-batch leaves the batch to the worker that takes over. There, an update
already applied (recorded in ``seen_updates`` in the engine's own transaction) is not applied
again: one already answered is skipped, one not yet answered gets the replies stored with it
(``storage/coordination.py``, ``handlers.py``).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 30.0


class ConfirmingPoller:
    """``getUpdates`` → handle the whole batch → next offset; until cancelled."""

    def __init__(self, application: Application, timeout: float, allowed_updates: list[str]) -> None:
        self.application = application
        self.timeout = timeout
        self.allowed_updates = allowed_updates
        self.offset: int | None = None

    async def run(self) -> None:
        bot = self.application.bot
        await bot.delete_webhook()  # getUpdates is refused while a webhook is set
        backoff = 1.0
        while True:
            try:
                updates = await bot.get_updates(offset=self.offset, timeout=self.timeout,
                                                allowed_updates=self.allowed_updates)
            except InvalidToken:
                raise
            except RetryAfter as exc:
                await asyncio.sleep(float(exc.retry_after if isinstance(exc.retry_after, int | float)
                                          else exc.retry_after.total_seconds()))
                continue
            except (TimedOut, Conflict, NetworkError) as exc:
                log.warning("telegram polling: %s", type(exc).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = 1.0
            if updates:
                await self.handle(updates)
                self.offset = updates[-1].update_id + 1

    async def handle(self, updates: tuple[Update, ...] | list[Update]) -> None:
        """Every update of the batch, concurrently across chats (the handlers keep each chat in order)."""
        await asyncio.gather(*(self.application.process_update(u) for u in updates), return_exceptions=True)
