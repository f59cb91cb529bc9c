"""One worker at a time holds a platform connection (Telegram long polling, a Discord shard).

The holder renews its lease in the database every ``renew_s``; a worker that dies (even by
``kill -9``) stops renewing, and another takes over once the lease has expired: within
``ttl_s + renew_s`` seconds. A holder that cannot renew in time (a network partition, a stalled
database) stops using the connection before its lease can have run out, so two never hold it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.logsafe import describe_failure
from storage import Store
from storage.contract import transient_errors

log = logging.getLogger(__name__)

TTL_S = 8.0
RENEW_S = 2.0


class LeaseKeeper:
    """Runs ``start`` when this worker gets the lease and ``stop`` when it loses or leaves it."""

    def __init__(self, store: Store, name: str | list[str], holder: str, start: Callable[[], Awaitable[None]],
                 stop: Callable[[], Awaitable[None]], *, ttl_s: float = TTL_S, renew_s: float = RENEW_S) -> None:
        self.store = store
        # Several names (a worker's Discord shards) are held all together or not at all.
        self.names = [name] if isinstance(name, str) else list(name)
        self.name = ", ".join(self.names)
        self.holder = holder
        self._start = start
        self._stop = stop
        self.ttl_s = ttl_s
        self.renew_s = renew_s
        self.held = False
        self._valid_until = 0.0  # monotonic: after this our lease may have expired in the database

    async def run(self) -> None:
        """Until cancelled: try to take the lease, hold it, and give it up on the way out."""
        try:
            while True:
                await self._tick()
                await asyncio.sleep(self.renew_s)
        finally:
            if self.held:
                await self._lose("stopping")
                with contextlib.suppress(*transient_errors(), asyncio.CancelledError):
                    await asyncio.shield(self._release_all())

    async def _release_all(self) -> None:
        for name in self.names:
            await self.store.release_lease(name, self.holder)

    async def _acquire_all(self) -> bool:
        got = [name for name in self.names if await self.store.acquire_lease(name, self.holder, self.ttl_s)]
        if len(got) == len(self.names):
            return True
        for name in got:  # half a set is no use, and holding it could block the worker that has the rest
            await self.store.release_lease(name, self.holder)
        return False

    async def _tick(self) -> None:
        asked = time.monotonic()
        try:
            ours = await asyncio.wait_for(self._acquire_all(), self.ttl_s / 2)
        except (*transient_errors(), TimeoutError) as exc:
            log.warning("lease %s: database did not answer: %s", self.name, describe_failure(exc))
            if self.held and time.monotonic() + self.renew_s >= self._valid_until:
                await self._lose("could not renew")
            return
        if ours:
            self._valid_until = asked + self.ttl_s
            if not self.held:
                self.held = True
                log.info("lease %s: taken by this worker", self.name)
                await self._start()
        elif self.held:
            await self._lose("taken by another worker")

    async def _lose(self, why: str) -> None:
        self.held = False
        log.info("lease %s: let go (%s)", self.name, why)
        try:
            await self._stop()
        except Exception as exc:
            log.error("lease %s: stopping failed: %s", self.name, describe_failure(exc))
