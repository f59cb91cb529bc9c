"""Group commit: the units of work that arrive together are written in one worker-thread call.

aiosqlite hops to its worker thread for every statement; at 5–7 statements per event that hop,
not SQLite, bounded the engine (DESIGN.md §8). Here all statements of all waiting units run
in one hop and one ``BEGIN IMMEDIATE … COMMIT``. Each unit gets its own SAVEPOINT, so a
unit that fails (a version conflict) is rolled back alone and the others still commit:
every event's changes stay atomic, and none is reported done before its COMMIT.

A unit that arrives alone (none in the last 2 ms, none queued, the write lock free) is committed
at once on the event loop's own thread, on a second connection that never waits for a lock
(``busy_timeout`` 0): the hops to the worker thread and back cost more than the write
(bench/README, discord). An attempt SQLite refuses (another connection or process holds the
write lock, a read-only or full file) leaves nothing committed and goes through the queue.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import aiosqlite

from storage.sealing import CLEAR, Sealer
from storage.unit_of_work import UnitOfWork

# At most this many units share one transaction, so one batch never holds the lock for long.
MAX_BATCH = 256
# A unit that comes this long after the previous one commits on the loop's thread. Closer
# together, units share the worker thread's transactions: per unit the batch costs ~40% less
# (bench/README, engine), and that thread runs beside the loop.
QUIET_S = 0.002


class GroupCommit:
    """Queues units of work and flushes them in batches on aiosqlite's worker thread."""

    def __init__(self, conn: aiosqlite.Connection, lock: asyncio.Lock,
                 write: Callable[..., int | None]) -> None:
        self._conn = conn
        self._lock = lock
        self._write = write  # ``write(db, uow, sealer=...)`` inside an open transaction
        self._pending: list[tuple[UnitOfWork, asyncio.Future[int | None]]] = []
        self._flushing = False
        self.sealer = CLEAR  # what users wrote is sealed with it (storage/sealing.py)
        # The loop thread's own connection (``busy_timeout`` 0), set once the file is open; None: queue only.
        self.here_conn: sqlite3.Connection | None = None
        self._last = 0.0  # when the previous unit came (``time.perf_counter``)
        self.here = 0  # units committed on the loop's thread (for the benches)

    @property
    def sealer(self) -> Sealer:
        return self._sealer

    @sealer.setter
    def sealer(self, value: Sealer) -> None:
        self._sealer = value
        # ``write`` with this sealer, made once here rather than for every unit.
        self._sealed_write: Callable[[sqlite3.Connection, UnitOfWork], int | None] = partial(self._write, sealer=value)

    async def submit(self, uow: UnitOfWork) -> int | None:
        previous, self._last = self._last, time.perf_counter()
        if (self.here_conn is not None and self._last - previous >= QUIET_S and not self._pending
                and not self._flushing and not self._lock.locked()):
            outcome = _write_here(self.here_conn, self._sealed_write, uow)
            if outcome is not _REFUSED:
                self.here += 1
                if isinstance(outcome, BaseException):
                    raise outcome
                return outcome  # type: ignore[return-value]
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._pending.append((uow, future))
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                try:
                    async with self._lock:
                        outcomes = await _in_worker(self._conn, _write_batch, self._sealed_write, [u for u, _ in batch])
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


_REFUSED = object()


def _write_here(db: sqlite3.Connection, write: Callable[[sqlite3.Connection, UnitOfWork], int | None],
                uow: UnitOfWork) -> object:
    """One unit in its own transaction on ``db`` (``busy_timeout`` 0); ``_REFUSED`` if not done.

    Any SQLite error (the write lock held by another connection or process, a read-only or full
    database) leaves the unit uncommitted; the queue then writes it on aiosqlite's thread, which
    may wait for the lock and reports what fails. Other outcomes (a version conflict) are the unit's own.
    """
    try:
        if db.in_transaction:  # as in _write_batch: left open by a cancelled task
            db.execute("ROLLBACK")
        db.execute("BEGIN IMMEDIATE")
        try:
            outcome: object = write(db, uow)
        except sqlite3.Error:
            outcome = _REFUSED
        except Exception as exc:
            outcome = exc
        if outcome is _REFUSED or isinstance(outcome, Exception):
            db.execute("ROLLBACK")
        else:
            db.execute("COMMIT")
    except BaseException as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            return _REFUSED
        raise
    return outcome


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
