"""``KeyedLocks``: one FIFO lock per key (a user's chat), allocating nothing while uncontended."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Hashable


class KeyedLocks:
    """``acquire(key)``/``release(key)``: one holder per key at a time, waiters served in order.

    ``Engine`` holds one per step. An ``asyncio.Lock`` behind an ``asynccontextmanager`` made
    five new objects per step (lock, its entry, generator, context manager, coroutine) for the
    collector to walk; here an uncontended key costs one dict entry, and a key is forgotten as
    soon as nobody holds or waits for it.
    """

    __slots__ = ("_held",)

    def __init__(self) -> None:
        # key -> None (held, nobody waiting) or the waiters' futures, oldest first.
        self._held: dict[Hashable, deque[asyncio.Future[None]] | None] = {}

    def __len__(self) -> int:
        return len(self._held)

    async def acquire(self, key: Hashable) -> None:
        """Wait until ``key`` is free, then hold it (release it with ``release``)."""
        if key not in self._held:
            self._held[key] = None
            return
        waiters = self._held[key]
        if waiters is None:
            waiters = self._held[key] = deque()
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiters.append(future)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release(key)  # handed the key just as it was cancelled: pass it on
            raise

    def release(self, key: Hashable) -> None:
        """Hand ``key`` to the oldest live waiter, or forget it when nobody waits."""
        waiters = self._held[key]
        while waiters:
            future = waiters.popleft()
            if not future.done():
                future.set_result(None)  # ownership moves to that waiter
                return
        del self._held[key]
