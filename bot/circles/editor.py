"""Coalesced edits: a post is edited at most once per interval, always with the latest totals.

Two hundred presses in a few seconds become one or two edits: each edit renders the totals
as they are when it runs, so nothing is lost by skipping the ones in between.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.logsafe import describe_failure

log = logging.getLogger(__name__)

Render = Callable[[], Awaitable[None]]


class EditCoalescer:
    """One pending edit per key; runs it no sooner than ``interval_s`` after the key's last edit."""

    def __init__(self, interval_s: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = interval_s
        self.clock = clock
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
                    wait = last + self.interval_s - self.clock()
                    if wait > 0:
                        await asyncio.sleep(wait)
                render = self._pending.pop(key)
                try:
                    await render()
                except Exception as exc:  # the next press asks again; the post text is not logged
                    log.warning("circle post edit failed: %s", describe_failure(exc))
                # Counted from when the edit is done, so the platform never sees two closer than that.
                self._last[key] = self.clock()
        finally:
            del self._tasks[key]
            self._prune()

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
