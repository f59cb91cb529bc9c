"""Group commit: the units of work that arrive together are written in one worker-thread call.

aiosqlite hops to its worker thread for every statement; at 5–7 statements per event that hop,
not SQLite, bounded the engine (DESIGN.md §8). Here all statements of all waiting units run
in one hop and one ``BEGIN IMMEDIATE … COMMIT``. Each unit gets its own SAVEPOINT, so a
unit that fails (a version conflict) is rolled back alone and the others still commit:
every event's changes stay atomic, and none is reported done before its COMMIT.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import aiosqlite

from storage.sealing import CLEAR, Sealer
from storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from collections.abc import Callable

# At most this many units share one transaction, so one batch never holds the lock for long.
MAX_BATCH = 256


class GroupCommit:
    """Queues units of work and flushes them in batches on aiosqlite's worker thread."""

    def __init__(self, conn: aiosqlite.Connection, lock: asyncio.Lock) -> None:
        self._conn = conn
        self._lock = lock
        self._pending: list[tuple[UnitOfWork, asyncio.Future[int | None]]] = []
        self._flushing = False
        self.sealer: Sealer = CLEAR  # what users wrote is sealed with it (storage/sealing.py)

    async def submit(self, uow: UnitOfWork) -> int | None:
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._pending.append((uow, future))
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        from storage.sqlite.store import write_unit

        try:
            while self._pending:
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                try:
                    async with self._lock:
                        outcomes = await _in_worker(self._conn, _write_batch, partial(write_unit, sealer=self.sealer),
                                                    [u for u, _ in batch])
                except BaseException as exc:  # the whole transaction failed: every unit hears it
                    outcomes = [exc] * len(batch)
                settle(batch, outcomes)
        finally:
            self._flushing = False


def _write_batch(
    db: sqlite3.Connection, write: Callable[[sqlite3.Connection, UnitOfWork], int | None], units: list[UnitOfWork],
) -> list[int | BaseException | None]:
    outcomes: list[int | BaseException | None] = []
    if db.in_transaction:  # left open by a cancelled task; nothing of ours is in it
        db.execute("ROLLBACK")
    db.execute("BEGIN IMMEDIATE")
    try:
        for uow in units:
            db.execute("SAVEPOINT unit")
            try:
                outcomes.append(write(db, uow))
            except Exception as exc:
                db.execute("ROLLBACK TO unit")
                outcomes.append(exc)
            db.execute("RELEASE unit")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return outcomes


async def _in_worker(conn: aiosqlite.Connection, fn: Callable[..., list[int | BaseException | None]],
                     *args: object) -> list[int | BaseException | None]:
    # aiosqlite has no public "run this callable on the connection's thread"; its own methods
    # are built on _execute and the wrapped sqlite3 connection, which we use the same way.
    # pyproject pins aiosqlite below 0.23 so a change here is caught by the pin, not in production.
    return await conn._execute(fn, conn._conn, *args)  # type: ignore[attr-defined]


def settle(batch: Sequence[tuple[Any, asyncio.Future[Any]]], outcomes: Sequence[Any]) -> None:
    """Hand each waiting caller its own outcome (a result, or the exception that failed it)."""
    for (_, future), outcome in zip(batch, outcomes, strict=True):
        if future.done():
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
