"""Coalesced edits: a post is edited at most once per interval, always with the latest totals.

Two hundred presses in a few seconds become one or two edits: each edit renders the totals
as they are when it runs, so nothing is lost by skipping the ones in between. With ``marks``
(``storage.circle_pacing.EditMarks``) the pace is kept in the database, so several processes
editing the same post still leave ``interval_s`` between their edits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.logsafe import describe_failure

log = logging.getLogger(__name__)

Render = Callable[[], Awaitable[None]]


class Marks(Protocol):
    """Where every process records a post's last edit (``EditMarks``)."""

    async def reserve(self, key: str, now_s: float, interval_s: float) -> float: ...

    async def touch(self, key: str, now_s: float) -> None: ...


class EditCoalescer:
    """One pending edit per key; runs it no sooner than ``interval_s`` after the key's last edit."""

    def __init__(self, interval_s: float = 10.0, clock: Callable[[], float] = time.time,
                 marks: Marks | None = None) -> None:
        self.interval_s = interval_s
        self.clock = clock  # wall time: with ``marks`` it is compared across processes
        self.marks = marks
        self._last: dict[object, float] = {}
        self._pending: dict[object, Render] = {}
        self._tasks: dict[object, asyncio.Task[None]] = {}

    def request(self, key: object, render: Render) -> None:
        """Ask for an edit; a later request for the same key replaces an earlier one still waiting."""
        self._pending[key] = render
        if key not in self._tasks:
            self._tasks[key] = asyncio.get_running_loop().create_task(self._run(key))

    async def _run(self, key: object) -> None:
        try:
            while key in self._pending:
                last = self._last.get(key)
                if last is not None:
                    # Capped: wall time may step back (NTP), and a post must not wait longer than one interval.
                    wait = min(last + self.interval_s - self.clock(), self.interval_s)
                    if wait > 0:
                        await asyncio.sleep(wait)
                if (shared := await self._shared_wait(key)) > 0:
                    await asyncio.sleep(shared)
                    continue
                render = self._pending.pop(key)
                try:
                    await render()
                except Exception as exc:  # the next press asks again; the post text is not logged
                    log.warning("circle post edit failed: %s", describe_failure(exc))
                # Counted from when the edit is done, so the platform never sees two closer than that.
                self._last[key] = self.clock()
                await self._shared_done(key)
        finally:
            del self._tasks[key]
            self._prune()

    async def _shared_wait(self, key: object) -> float:
        """Seconds until the shared slot frees up (0: taken); another process may have edited meanwhile."""
        if self.marks is None or self.interval_s <= 0:
            return 0.0
        try:
            return min(await self.marks.reserve(str(key), self.clock(), self.interval_s), self.interval_s)
        except Exception as exc:  # the database is away: this process's own pace still holds
            log.warning("circle edit pace not shared: %s", describe_failure(exc))
            return 0.0

    async def _shared_done(self, key: object) -> None:
        if self.marks is None or self.interval_s <= 0:
            return
        try:
            await self.marks.touch(str(key), self._last[key])
        except Exception as exc:
            log.warning("circle edit pace not shared: %s", describe_failure(exc))

    def _prune(self) -> None:
        cutoff = self.clock() - self.interval_s
        for key in [k for k, at in self._last.items() if at < cutoff and k not in self._tasks]:
            del self._last[key]

    @property
    def busy(self) -> bool:
        """Whether an edit is waiting or running (``_pending`` or ``_tasks``)."""
        return bool(self._tasks)

    async def drain(self) -> None:
        """Wait for every edit in flight (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    async def close(self) -> None:
        """Stop: an edit still waiting for its slot is dropped (the post keeps its last totals)."""
        self._pending.clear()
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
