"""Group commit: units of work commit on the event loop's thread, a loop turn's worth at a time.

Every unit submitted during one turn of the event loop is committed at the start of the next, in
one transaction on the loop's own connection, which never waits for a lock (``busy_timeout`` 0); a
unit arriving alone (none other in the last ``LONE_AFTER_S``) commits there at once, in its own step.
In WAL with ``synchronous=NORMAL`` a commit appends to the log without an fsync; each unit has its
own SAVEPOINT, so a unit that fails (a version conflict) is rolled back alone and the others still
commit, and none is reported done before its COMMIT. An attempt SQLite refuses (another connection
or process holds the write lock, a read-only or full file, any SQLite error) leaves nothing
committed and goes through the queue, unless the lock is held by this process's checkpointer for
a rewind of the log (a few ms, checkpoint.py): then it is tried again on the loop.

The queue writes its units in one call on aiosqlite's worker thread (aiosqlite hops to its thread
for every statement, and at 5–7 statements per event that hop bounded the engine, DESIGN.md §8)
and one ``BEGIN IMMEDIATE … COMMIT``, with the same savepoints. Units go there only behind a
refused attempt, behind queued units or while another write holds the process's write lock. It
used to take every unit that came within 2 ms of another, but a worker thread writing beside a
busy loop waits for the GIL after every SQLite call (up to the 5 ms switch interval each, ~6 calls
a unit): batches of 0.1–0.3 ms of CPU took 30–200 ms, the units behind them piled up, and their
steps then all woke at once and kept the loop busy (a convoy). At 2,000 steps/s on a quiet machine
that made the engine bench's p99 13–370 ms from run to run (bench/README, engine).
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
# ... and on the loop's thread, where a transaction holds up every other callback: 64 units are
# ~1 ms of CPU (256 took 3.5-4.5 ms when a busy machine let a turn's units pile up), and per
# unit a batch of 32 costs within 3% of one of 128.
HERE_MAX_BATCH = 64
# While this process's checkpointer holds the write lock for a rewind (a few ms, checkpoint.py), a
# refused turn is tried again on the loop this often rather than sent to the queue.
RETRY_HERE_S = 0.001
# ...but not past this: a rewind whose sync hangs must not keep units on the loop for ever; they go to the
# queue, which waits in SQLite's busy handler and reports a lock that never ends (review11).
RETRY_HERE_MAX_S = 0.1
# A unit with no other submitted in this long before it arrived alone: it commits at once, inside
# its own step, instead of at the loop's next turn. Waiting for that turn costs a lone unit (a
# Discord command now and then) the turn itself, and every callback the loop runs in it, before
# its reply (~0.2 ms of a ``/ground``'s CPU, bench/README, discord); a unit alone in a turn is one
# transaction either way. At 2,000 steps/s units arrive ~0.5 ms apart (1.8% of gaps exceed 2 ms),
# so a busy loop still commits a turn's units together.
LONE_AFTER_S = 0.002


class GroupCommit:
    """Commits units of work on the loop's connection, a loop turn's worth at a time; queues the rest."""

    def __init__(self, conn: aiosqlite.Connection, lock: asyncio.Lock,
                 write: Callable[..., int | None]) -> None:
        self._conn = conn
        self._lock = lock
        self._write = write  # ``write(db, uow, sealer=...)`` inside an open transaction
        self._pending: list[tuple[UnitOfWork, asyncio.Future[int | None]]] = []
        # Units for the loop's connection, committed together once the loop's current turn is over.
        self._here_batch: list[tuple[UnitOfWork, asyncio.Future[int | None]]] = []
        self._flush_task: asyncio.Task[None] | None = None  # the queue's writer, awaited by ``settled``
        self.sealer = CLEAR  # what users wrote is sealed with it (storage/sealing.py)
        # The loop thread's own connection (``busy_timeout`` 0), set once the file is open; None: queue only.
        self.here_conn: sqlite3.Connection | None = None
        self.here = 0  # units committed on the loop's thread (for the benches and tests)
        # Whether the write lock is held by this process's checkpointer, for a few ms (None: never).
        self.brief_hold: Callable[[], bool] | None = None
        self._retrying = False
        self._held_since: float | None = None  # first refusal of the current hold, for RETRY_HERE_MAX_S
        self._last_submit = float("-inf")  # ``time.perf_counter()`` of the latest ``submit``

    @property
    def sealer(self) -> Sealer:
        return self._sealer

    @sealer.setter
    def sealer(self, value: Sealer) -> None:
        self._sealer = value
        # ``write`` with this sealer, made once here rather than for every unit.
        self._sealed_write: Callable[[sqlite3.Connection, UnitOfWork], int | None] = partial(self._write, sealer=value)

    async def submit(self, uow: UnitOfWork) -> int | None:
        loop = asyncio.get_running_loop()
        now = time.perf_counter()  # the real clock: a simulator (SimCord) makes the loop time and monotonic() virtual
        lone = now - self._last_submit > LONE_AFTER_S
        self._last_submit = now
        # Behind queued units, a batch in flight or another write (the lock): wait in line, in order.
        # Behind units already waiting for the loop's next turn, always with them: a later unit of the same user
        # (a /forget after a message, a locale after a settings patch) must never commit before an earlier one.
        idle = self.here_conn is not None and not self._pending and not self._flushing and not self._lock.locked()
        if lone and idle and not self._here_batch:
            outcomes = _write_here(self.here_conn, self._sealed_write, [uow])  # type: ignore[arg-type]
            self._last_submit = time.perf_counter()  # a unit right behind this one came close to it, not alone
            if outcomes is not _REFUSED:
                self.here += 1
                (outcome,) = outcomes  # type: ignore[misc]
                if isinstance(outcome, BaseException):
                    raise outcome
                return outcome  # type: ignore[no-any-return]
            # Refused: held by our own checkpointer's rewind, it waits for the loop's turn like any unit (and is
            # tried again there, _commit_here); another process's lock or a full disk: the queue waits and says why.
            idle = self.brief_hold is not None and self.brief_hold()
        future: asyncio.Future[int | None] = loop.create_future()
        if self._here_batch or idle:
            # Every unit submitted before the loop's next turn shares one transaction: a commit per
            # unit wrote ~3x the log and cost the loop more CPU than the whole turn's together.
            if not self._here_batch:
                loop.call_soon(self._commit_here)
            self._here_batch.append((uow, future))
        else:
            self._enqueue([(uow, future)])
        return await future

    def drain_here(self) -> None:
        """Commit what waits for the loop's next turn now (the store is closing its connection)."""
        self.brief_hold = None  # the checkpointer has stopped; a refusal now goes to the queue
        while self._here_batch:
            self._commit_here()

    def _commit_here(self) -> None:
        if not self._here_batch:
            return  # drained already
        batch, self._here_batch = self._here_batch[:HERE_MAX_BATCH], self._here_batch[HERE_MAX_BATCH:]
        conn = self.here_conn
        if conn is None or self._pending or self._flushing or self._lock.locked():
            self._to_queue(batch)  # closed, or another write began meanwhile: behind it, in order
            return
        try:
            outcomes = _write_here(conn, self._sealed_write, [u for u, _ in batch])
        except BaseException as exc:  # not SQLite's refusal (that is _REFUSED): every unit hears it
            self._then_the_rest()
            settle(batch, [exc] * len(batch))
            if not isinstance(exc, Exception):
                raise
            return
        if outcomes is _REFUSED:
            now = time.perf_counter()
            if self._held_since is None:
                self._held_since = now
            if (self.brief_hold is not None and self.brief_hold()
                    and now - self._held_since < RETRY_HERE_MAX_S):
                # Held by our own checkpointer's rewind: wait for it here, first in line again, the rest
                # behind it (one timer, not a turn each: past HERE_MAX_BATCH units that spun the loop).
                # Through the queue the units would wait in SQLite's busy handler (sleeps of 1, 2, 5,
                # 10 ms) and every unit after them would follow, on a thread that waits for the GIL.
                self._here_batch[:0] = batch
                if not self._retrying:
                    self._retrying = True
                    asyncio.get_running_loop().call_later(RETRY_HERE_S, self._retry_here)
                return
            self._held_since = None
            self._to_queue(batch)
            return
        self._held_since = None
        self._then_the_rest()
        self.here += len(batch)
        settle(batch, outcomes)  # type: ignore[arg-type]

    def _then_the_rest(self) -> None:
        """Units past this turn's batch commit at the loop's next turn."""
        if self._here_batch:
            asyncio.get_running_loop().call_soon(self._commit_here)

    def _retry_here(self) -> None:
        self._retrying = False
        self._commit_here()

    def _to_queue(self, batch: list[tuple[UnitOfWork, asyncio.Future[int | None]]]) -> None:
        """A turn's batch the loop's connection cannot take, with every unit still waiting behind it, to the queue."""
        units, self._here_batch = batch + self._here_batch, []
        self._enqueue(units)

    async def settled(self) -> None:
        """Wait until every queued unit has its outcome (the store is closing)."""
        while self._flushing:
            await asyncio.shield(self._flush_task)  # type: ignore[arg-type]

    def _enqueue(self, units: list[tuple[UnitOfWork, asyncio.Future[int | None]]]) -> None:
        self._pending.extend(units)
        if not self._flushing:
            self._flush_task = asyncio.get_running_loop().create_task(self._flush())

    @property
    def _flushing(self) -> bool:
        """Whether the queue's writer is running (it writes until ``_pending`` is empty)."""
        return self._flush_task is not None and not self._flush_task.done()

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                async with self._lock:
                    outcomes = await _in_worker(self._conn, _write_batch, self._sealed_write, [u for u, _ in batch])
            except BaseException as exc:  # the whole transaction failed: every unit hears it
                outcomes = [exc] * len(batch)
            settle(batch, outcomes)


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


class _Refused(Exception):
    """SQLite refused a statement on the loop's connection: nothing of the batch is kept."""


def _write_here(db: sqlite3.Connection, write: Callable[[sqlite3.Connection, UnitOfWork], int | None],
                units: list[UnitOfWork]) -> list[int | BaseException | None] | object:
    """``units`` in one transaction on ``db`` (``busy_timeout`` 0), as ``_write_batch``; ``_REFUSED`` if not done.

    Any SQLite error (the write lock held by another connection or process, a read-only or full
    database) leaves every unit uncommitted; the queue then writes them on aiosqlite's thread, which
    may wait for the lock and reports what fails. Other outcomes (a version conflict) are the unit's
    own: rolled back to its savepoint, the others still commit. One unit alone needs no savepoint.
    """
    outcomes: list[int | BaseException | None] = []
    alone = len(units) == 1
    try:
        if db.in_transaction:  # as in _write_batch: left open by a cancelled task
            db.execute("ROLLBACK")
        db.execute("BEGIN IMMEDIATE")
        try:
            for uow in units:
                if not alone:
                    db.execute("SAVEPOINT unit")
                try:
                    outcomes.append(write(db, uow))
                except sqlite3.Error as exc:
                    raise _Refused from exc
                except Exception as exc:
                    if not alone:
                        db.execute("ROLLBACK TO unit")
                    outcomes.append(exc)
                if not alone:
                    db.execute("RELEASE unit")
            if alone and isinstance(outcomes[0], Exception):
                db.execute("ROLLBACK")
            else:
                db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    except (sqlite3.Error, _Refused):
        return _REFUSED
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
