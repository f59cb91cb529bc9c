"""The pump's writes around each send, grouped by time and retried while the database is locked.

Each item is marked ``sending`` before its request is complete (``bot.pump.WireGate``) and
its outcome is recorded just after the call. The marks and outcomes that arrive while a write is
in progress go into the next one, so under load a handful of items share a transaction, and none
waits for a whole batch.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from typing import TypeVar

from bot.logsafe import describe_failure
from storage.contract import transient_errors
from storage.sqlite.scheduled import NextItem, Outcome, ScheduledQueue

log = logging.getLogger(__name__)

T = TypeVar("T")
FIRST_BACKOFF_S = 0.05
MAX_BACKOFF_S = 2.0


class Recorder:
    """Groups ``mark_sending`` and ``finish`` calls; a locked or failing database is retried, not abandoned."""

    def __init__(self, queue: ScheduledQueue, stamp: Callable[[], datetime], give_up_after: timedelta) -> None:
        self.queue = queue
        self.stamp = stamp
        # Past the lease another process may take the rows over, so retrying longer gains nothing.
        self.give_up_after_s = give_up_after.total_seconds()
        self._marks: list[tuple[int, bool, asyncio.Future[bool]]] = []
        self._outcomes: list[tuple[Outcome, NextItem | None, asyncio.Future[None]]] = []
        self._flushing = False

    async def sending(self, item_id: int, again: bool = False) -> bool:
        """Mark one item as on the wire; False if it is no longer ours (taken over or cancelled).

        ``again``: its request may have arrived and is about to be retried (``mark_sending(again=True)``).
        """
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._marks.append((item_id, again, future))
        self._kick()
        return await future

    async def reached(self, item_ids: list[int]) -> set[int]:
        """Charge a takeover to rows taken over and about to be rendered; returns the ids still ours."""
        return await self._retrying(lambda _: self.queue.charge_takeovers(item_ids))

    async def outcome(self, outcome: Outcome, follow_on: NextItem | None = None) -> None:
        """Record what became of one item (and the next item it schedules) before returning."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._outcomes.append((outcome, follow_on, future))
        self._kick()
        await future

    def _kick(self) -> None:
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        try:
            while self._marks or self._outcomes:
                outcomes, self._outcomes = self._outcomes, []
                if outcomes:
                    follow_ons = [(o.item_id, nxt) for o, nxt, _ in outcomes if nxt is not None]
                    try:
                        await self._retrying(partial(
                            self.queue.finish, [o for o, _, _ in outcomes], follow_ons=follow_ons))
                    except Exception as exc:
                        for *_, future in outcomes:
                            _fail(future, exc)
                    else:
                        for *_, future in outcomes:
                            if not future.done():
                                future.set_result(None)
                marks, self._marks = self._marks, []
                for again in (False, True):
                    if group := [(i, future) for i, a, future in marks if a is again]:
                        await self._mark(group, again)
        finally:
            self._flushing = False

    async def _mark(self, marks: list[tuple[int, asyncio.Future[bool]]], again: bool) -> None:
        try:
            ours = await self._retrying(partial(self.queue.mark_sending, [i for i, _ in marks], again=again))
        except Exception as exc:
            for _, future in marks:
                _fail(future, exc)
        else:
            for item_id, future in marks:
                if not future.done():
                    future.set_result(item_id in ours)

    async def _retrying(self, write: Callable[[datetime], Awaitable[T]]) -> T:
        """Run one write, retrying transient errors (locked, busy, deadlock, lost connection) with backoff."""
        deadline = time.monotonic() + self.give_up_after_s
        backoff = FIRST_BACKOFF_S
        while True:
            try:
                return await write(self.stamp())
            except transient_errors() as exc:
                if time.monotonic() + backoff > deadline:
                    log.error("recording scheduled items gave up: %s", describe_failure(exc))
                    raise
                log.warning("recording scheduled items failed, retrying in %.2f s: %s", backoff,
                            describe_failure(exc))
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)


def _fail(future: asyncio.Future[object], exc: BaseException) -> None:
    if not future.done():
        future.set_exception(exc)
