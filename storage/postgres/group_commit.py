"""Group commit on PostgreSQL: the units of work waiting together share one transaction and one flush.

Every commit waits for the server's WAL flush, and every round trip costs a context switch on a
busy 2-core machine. A batch is three round trips, whatever its size: (1) lock the batch's
conversation rows and read their versions, (2) send every statement of every unit whose version
still matches, pipelined, (3) COMMIT. A unit whose version moved on is refused before anything of
it is sent, so it leaves nothing behind (as a SAVEPOINT would, at three round trips a unit). If
anything else goes wrong the batch is rolled back and its units are written one transaction each,
so one bad unit, or a deadlock with another worker's batch, fails only what it must.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import psycopg
from psycopg import AsyncConnection, AsyncCursor
from psycopg_pool import AsyncConnectionPool

from storage.sqlite.group_commit import settle
from storage.sqlite.store import AlreadyApplied, VersionConflict, to_epoch
from storage.unit_of_work import UnitOfWork

MAX_BATCH = 128
# Batches committed at once, on separate connections: a commit mostly waits for the WAL flush, and
# the server flushes concurrent commits together, so a few flushers overlap those waits.
FLUSHERS = 4
RETRYABLE = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)

class Sent(NamedTuple):
    """A sent unit's statements whose answers decide it: the conversation upsert, the update record."""

    position: AsyncCursor[Any] | None
    delivery: AsyncCursor[Any] | None


# Sends one unit's statements; ``user_seen=True``: the batch already upserted its ``users`` row;
# ``position_sent=True``: the batch already moved its conversation (``_MOVE``).
Sender = Callable[[AsyncConnection, UnitOfWork, bool, bool], Awaitable[Sent]]
Outcome = int | BaseException | None

_LOCK = """
SELECT c.user_key, c.chat_id, c.version FROM conversations c
JOIN unnest(CAST(%s AS TEXT[]), CAST(%s AS TEXT[])) AS k(user_key, chat_id)
  ON c.user_key = k.user_key AND c.chat_id = k.chat_id
ORDER BY c.user_key, c.chat_id
FOR UPDATE OF c
"""

# Every written unit's users row in one statement (each unit would otherwise send its own upsert).
_USERS_SEEN = """
INSERT INTO users (user_key, created_at, last_seen_at)
SELECT k.user_key, k.now, k.now FROM unnest(CAST(%s AS TEXT[]), CAST(%s AS BIGINT[])) AS k(user_key, now)
ORDER BY k.user_key
ON CONFLICT (user_key) DO UPDATE SET last_seen_at = excluded.last_seen_at
"""


# The conversations of a batch's units whose rows it locked, moved in one statement. A locked row's
# version was checked against the unit's at the lock and cannot change before COMMIT.
_MOVE = """
UPDATE conversations c SET flow = k.flow, step = k.step, data = k.data, version = c.version + 1,
    expires_at = k.expires_at, updated_at = k.now
FROM unnest(CAST(%s AS TEXT[]), CAST(%s AS TEXT[]), CAST(%s AS TEXT[]), CAST(%s AS TEXT[]), CAST(%s AS TEXT[]),
            CAST(%s AS BIGINT[]), CAST(%s AS BIGINT[])) AS k(user_key, chat_id, flow, step, data, expires_at, now)
WHERE c.user_key = k.user_key AND c.chat_id = k.chat_id
RETURNING c.user_key, c.chat_id, c.version
"""

Seal = Callable[[str], str]


class _BatchRetry(Exception):
    """A conversation row appeared between the lock and the write: write the batch unit by unit."""


async def new_version(sent: Sent, uow: UnitOfWork) -> int | None:
    """The conversation version a sent unit wrote; waiting for it syncs the pipeline.

    Raises ``VersionConflict`` or ``AlreadyApplied``; the caller rolls the unit back.
    """
    if sent.delivery is not None and not await sent.delivery.fetchall():
        raise AlreadyApplied(uow.delivery_key)
    if sent.position is None:
        return None
    rows = await sent.position.fetchall()
    if not rows:
        raise VersionConflict(uow.user_key)
    return int(rows[0][0])


class PgGroupCommit:
    """Queues units of work; one flusher writes whatever has gathered as one transaction."""

    def __init__(self, pool: AsyncConnectionPool, send: Sender, seal: Seal, dumps: Callable[[Any], str]) -> None:
        self._pool = pool
        self._send = send
        self._seal = seal
        self._dumps = dumps
        self._pending: list[tuple[UnitOfWork, asyncio.Future[int | None]]] = []
        self._flushers = 0

    async def submit(self, uow: UnitOfWork) -> int | None:
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._pending.append((uow, future))
        if self._flushers < FLUSHERS:
            self._flushers += 1
            asyncio.get_running_loop().create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                units = [u for u, _ in batch]
                try:
                    outcomes = await self._write_batch(units) if len(units) > 1 else [await self._write_alone(units[0])]
                except Exception:
                    outcomes = [await self._write_alone(u) for u in units]
                except BaseException as exc:  # cancelled: every unit hears it
                    outcomes = [exc] * len(batch)
                settle(batch, outcomes)
        finally:
            self._flushers -= 1

    async def _write_batch(self, units: list[UnitOfWork]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        keyed = [u for u in units if u.position is not None and not u.forget]
        async with self._pool.connection() as conn, conn.transaction():
            cur = await conn.execute(_LOCK, ([u.user_key for u in keyed], [u.chat_id for u in keyed]))
            versions = {(k, c): v for k, c, v in await cur.fetchall()}
            locked = set(versions)
            go: list[tuple[int, UnitOfWork]] = []
            for uow in units:  # refused units are decided before anything is sent, so they leave nothing
                key = (uow.user_key, uow.chat_id)
                if uow.forget:
                    versions = {k: v for k, v in versions.items() if k[0] != uow.user_key}
                elif uow.position is not None:
                    expected, current = uow.position.expected_version, versions.get(key)
                    if expected is not None and current is not None and current != expected:
                        outcomes.append(VersionConflict(uow.user_key))
                        continue
                    versions[key] = 1 if current is None else current + 1
                go.append((len(outcomes), uow))
                outcomes.append(None)
            # A user forgotten in this batch keeps the order of their own statements (unit by unit).
            forgotten = {u.user_key for _, u in go if u.forget}
            seen: dict[str, int] = {}
            for _, uow in go:
                if uow.user_key not in forgotten:
                    seen[uow.user_key] = max(seen.get(uow.user_key, 0), to_epoch(uow.now))
            # Rows this batch locked, of users with one unit in it, move in one statement; the rest
            # (a new conversation, a user's second unit) keep their own upsert and its version check.
            per_user = Counter(u.user_key for _, u in go)
            moved = {index: uow for index, uow in go if uow.position is not None and not uow.forget
                     and per_user[uow.user_key] == 1 and (uow.user_key, uow.chat_id) in locked}
            sent: list[tuple[int, UnitOfWork, Sent]] = []
            async with conn.pipeline():
                if seen:
                    await conn.execute(_USERS_SEEN, (list(seen), list(seen.values())))
                move = await conn.execute(_MOVE, self._move_args(list(moved.values()))) if moved else None
                for index, uow in go:
                    sent.append((index, uow, await self._send(conn, uow, uow.user_key in seen, index in moved)))
                for index, uow, unit in sent:
                    try:
                        outcomes[index] = await new_version(unit, uow)
                    except (VersionConflict, AlreadyApplied):
                        # A row another worker wrote after our lock: redo unit by unit, so only
                        # this one fails and the others commit.
                        raise _BatchRetry from None
                if move is not None:
                    versions_now = {(k, c): v for k, c, v in await move.fetchall()}
                    if len(versions_now) != len(moved):
                        raise _BatchRetry
                    for index, uow in moved.items():
                        outcomes[index] = int(versions_now[(uow.user_key, uow.chat_id)])
        return outcomes

    def _move_args(self, units: list[UnitOfWork]) -> tuple[list[Any], ...]:
        positions = [u.position for u in units]
        return ([u.user_key for u in units], [u.chat_id for u in units], [p.flow for p in positions if p],
                [p.step for p in positions if p], [self._seal(self._dumps(p.data)) for p in positions if p],
                [to_epoch(p.expires_at) if p.expires_at else None for p in positions if p],
                [to_epoch(u.now) for u in units])

    async def _write_alone(self, uow: UnitOfWork) -> Outcome:
        for attempt in range(3):
            try:
                async with self._pool.connection() as conn, conn.transaction(), conn.pipeline():
                    return await new_version(await self._send(conn, uow, False, False), uow)
            except RETRYABLE as exc:
                if attempt == 2:
                    return exc
                await asyncio.sleep(0.01 * (attempt + 1))
            except Exception as exc:
                return exc
        return None  # pragma: no cover
