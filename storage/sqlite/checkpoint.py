"""WAL checkpoints on their own connection, so the writer never waits for a disk flush.

SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 WAL pages, and
copying pages back plus the fsync that follows stalled the writer thread for 50–180 ms
(bench/engine.py p99 at 2,000 steps/s moved from ~10 ms to 15–180 ms with it on). A PASSIVE
checkpoint from a second connection never blocks readers or the writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiosqlite

log = logging.getLogger(__name__)

INTERVAL_S = 1.0


class Checkpointer:
    """Runs ``PRAGMA wal_checkpoint(PASSIVE)`` every second from its own connection and thread."""

    def __init__(self, path: str, interval_s: float = INTERVAL_S) -> None:
        self.path = path
        self.interval_s = interval_s
        self._conn: aiosqlite.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        await self._conn.execute("PRAGMA busy_timeout=5000")
        self._task = asyncio.get_running_loop().create_task(self._run(), name="sqlite-checkpoint")

    async def _run(self) -> None:
        assert self._conn is not None
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except aiosqlite.Error as exc:  # a busy database is retried at the next tick
                log.debug("checkpoint skipped: %s", exc)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._conn is not None:
            await self._conn.close()
