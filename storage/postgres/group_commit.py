"""Group commit on PostgreSQL: the units of work waiting together share one transaction and one flush.

Every round trip costs a turn of the event loop, and a turn waits behind the steps that the last
batch woke (each a fraction of a millisecond of CPU), so round trips, not the server, set a step's
latency. The usual batch is one round trip: BEGIN, the lock of its conversation rows (taken in
order, so two workers' batches do not deadlock), every write (one statement per kind where it can),
and COMMIT, pipelined. Writes that can find the database other than the units expected (a version
that moved on, a row another worker made, an update already applied) count their rows with
``gw_expect_rows``, which fails the statement, so the whole transaction writes nothing, and the batch
is written the careful way: (1) lock and read the versions, (2) send the writes of the units whose
version still matches, (3) COMMIT; a unit refused there leaves nothing behind. If that fails too, its
units are written one transaction each, so one bad unit, or a deadlock with another worker's batch,
fails only what it must.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, NamedTuple

import psycopg
from psycopg import AsyncConnection, AsyncCursor
from psycopg.pq import TransactionStatus
from psycopg_pool import AsyncConnectionPool

from storage.postgres.dialect import rows_json
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
# ``batched=True``: the batch already wrote its conversation, journal and settings (one statement each);
# ``applied=True``: and its update record.
Sender = Callable[[AsyncConnection, UnitOfWork, bool, bool, bool], Awaitable[Sent]]
Outcome = int | BaseException | None

_LOCK = """
SELECT c.user_key, c.chat_id, c.version FROM conversations c
JOIN json_array_elements(CAST(%s AS json)) AS k(v) ON c.user_key = k.v ->> 0 AND c.chat_id = k.v ->> 1
ORDER BY c.user_key, c.chat_id
FOR UPDATE OF c
"""

# Every written unit's users row in one statement (each unit would otherwise send its own upsert).
_USERS_SEEN = """
INSERT INTO users (user_key, created_at, last_seen_at)
SELECT k.v ->> 0, CAST(k.v ->> 1 AS BIGINT), CAST(k.v ->> 1 AS BIGINT)
FROM json_array_elements(CAST(%s AS json)) AS k(v)
ORDER BY 1
ON CONFLICT (user_key) DO UPDATE SET last_seen_at = excluded.last_seen_at
"""


# The conversations of a batch's units, moved in one statement if still at the version each unit
# read. In the careful batch the rows are locked and their versions already checked, so all move.
_MOVE = """
UPDATE conversations c SET flow = k.flow, step = k.step, data = k.data, version = c.version + 1,
    expires_at = k.expires_at, updated_at = k.now
FROM (SELECT v ->> 0 AS user_key, v ->> 1 AS chat_id, v ->> 2 AS flow, v ->> 3 AS step, v ->> 4 AS data,
             CAST(v ->> 5 AS BIGINT) AS expires_at, CAST(v ->> 6 AS BIGINT) AS now,
             CAST(v ->> 7 AS BIGINT) AS expected
      FROM json_array_elements(CAST(%s AS json)) AS r(v)) AS k
WHERE c.user_key = k.user_key AND c.chat_id = k.chat_id AND (k.expected IS NULL OR c.version = k.expected)
RETURNING c.user_key, c.chat_id, c.version
"""

# New conversations of the batch's one-unit users. A row another worker made after our lock is left
# alone (DO NOTHING) and missing from RETURNING, and the batch is redone unit by unit.
_PLACE = """
INSERT INTO conversations (user_key, chat_id, flow, step, data, version, expires_at, updated_at)
SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, 1, CAST(v ->> 5 AS BIGINT), CAST(v ->> 6 AS BIGINT)
FROM json_array_elements(CAST(%s AS json)) AS r(v)
ORDER BY 1, 2
ON CONFLICT (user_key, chat_id) DO NOTHING
RETURNING user_key, chat_id, version
"""

# Journal writes of one-unit users, as ``send_unit``'s upsert does them one by one: an existing entry
# gets the given route and intensities, a new one its topic and text only. An entry another worker
# makes meanwhile is neither updated nor inserted, so the count falls short and the batch is redone.
_JOURNAL = """
WITH k AS (
    SELECT v ->> 0 AS id, v ->> 1 AS user_key, CAST(v ->> 2 AS BIGINT) AS now, v ->> 3 AS topic, v ->> 4 AS text,
           v ->> 5 AS route, CAST(v ->> 6 AS BIGINT) AS intensity, CAST(v ->> 7 AS BIGINT) AS intensity_after
    FROM json_array_elements(CAST(%s AS json)) AS r(v)
), kept AS (
    UPDATE journal j SET route = coalesce(k.route, j.route), intensity = coalesce(k.intensity, j.intensity),
        intensity_after = coalesce(k.intensity_after, j.intensity_after)
    FROM k WHERE j.id = k.id
    RETURNING j.id
), made AS (
    INSERT INTO journal (id, user_key, created_at, topic, text)
    SELECT id, user_key, now, topic, text FROM k WHERE id NOT IN (SELECT id FROM kept)
    ORDER BY id
    ON CONFLICT (id) DO NOTHING
    RETURNING id
)
SELECT (SELECT count(*) FROM kept) + (SELECT count(*) FROM made)
"""

# The batch's update records (``storage.coordination.APPLIED``, one statement); an update already
# applied is not written, so the count falls short.
_APPLIED = """
INSERT INTO seen_updates (key, seen_at, done, replies, user_key)
SELECT v ->> 0, CAST(v ->> 1 AS BIGINT), 0, v ->> 2, v ->> 3
FROM json_array_elements(CAST(%s AS json)) AS r(v)
ORDER BY 1
ON CONFLICT (key) DO UPDATE SET replies = excluded.replies, user_key = excluded.user_key
WHERE seen_updates.done = 0 AND seen_updates.replies IS NULL
RETURNING key
"""


def _expecting(query: str) -> str:
    """``query``'s rows counted by ``gw_expect_rows``: the statement fails unless there are ``%s`` of them."""
    return f"WITH w AS ({query}) SELECT gw_expect_rows(count(*), %s) FROM w"


_MOVE_ALL = _expecting(_MOVE)
_PLACE_ALL = _expecting(_PLACE)
_APPLIED_ALL = _expecting(_APPLIED)
_JOURNAL_ALL = _JOURNAL.replace("SELECT (SELECT count(*) FROM kept) + (SELECT count(*) FROM made)",
                                "SELECT gw_expect_rows((SELECT count(*) FROM kept) + (SELECT count(*) FROM made), %s)")

# Settings patches of one-unit users (one row each, so no row is patched twice in the statement).
_SETTINGS = """
UPDATE users u SET settings = json_patch(u.settings, k.v ->> 1)
FROM json_array_elements(CAST(%s AS json)) AS k(v)
WHERE u.user_key = k.v ->> 0
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


def at_once(units: list[UnitOfWork]) -> bool:
    """Whether a batch can be written in one round trip: one unit per user, each entry written once, no /forget.

    A user's second unit or a forgotten user needs its statements in order, unit by unit.
    """
    users = {u.user_key for u in units}
    entries = [j.entry_id for u in units for j in u.journal]
    return (len(users) == len(units) and len(set(entries)) == len(entries)
            and not any(u.forget for u in units))


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
                    outcomes: list[Outcome] | None = None
                    if at_once(units):
                        with contextlib.suppress(Exception):  # not as expected: nothing written, go carefully
                            outcomes = await self._write_at_once(units)
                    if outcomes is None:
                        outcomes = (await self._write_batch(units) if len(units) > 1
                                    else [await self._write_alone(units[0])])
                except Exception:
                    outcomes = [await self._write_alone(u) for u in units]
                except BaseException as exc:  # cancelled: every unit hears it
                    outcomes = [exc] * len(batch)
                settle(batch, outcomes)
        finally:
            self._flushers -= 1

    async def _write_at_once(self, units: list[UnitOfWork]) -> list[Outcome]:
        """One round trip: every write and COMMIT pipelined, each unit's version checked by the server."""
        outcomes: list[Outcome] = []
        seen: dict[str, int] = {}
        moved: list[UnitOfWork] = []
        placed: list[UnitOfWork] = []
        applied: list[list[Any]] = []
        for uow in units:
            seen[uow.user_key] = to_epoch(uow.now)
            if (p := uow.position) is None:
                outcomes.append(None)
            elif p.expected_version is None:
                placed.append(uow)
                outcomes.append(1)
            else:
                moved.append(uow)
                outcomes.append(p.expected_version + 1)
            if uow.delivery_key is not None:
                applied.append([uow.delivery_key, to_epoch(uow.now), self._seal(uow.delivery_replies or "[]"),
                                uow.user_key])
        journal = [j for u in units for j in u.journal]
        patches = [[u.user_key, self._dumps(u.settings_patch)] for u in units if u.settings_patch]
        async with self._pool.connection() as conn:
            try:
                async with conn.pipeline():
                    await conn.execute("BEGIN")
                    if moved:
                        await conn.execute(_LOCK, (rows_json([[u.user_key, u.chat_id] for u in moved]),))
                    await conn.execute(_USERS_SEEN, (rows_json(list(seen.items())),))
                    if applied:
                        await conn.execute(_APPLIED_ALL, (rows_json(applied), len(applied)))
                    if moved:
                        await conn.execute(_MOVE_ALL, (self._position_rows(moved), len(moved)))
                    if placed:
                        await conn.execute(_PLACE_ALL, (self._position_rows(placed), len(placed)))
                    if patches:
                        await conn.execute(_SETTINGS, (rows_json(patches),))
                    if journal:
                        await conn.execute(_JOURNAL_ALL, (self._journal_rows(units), len(journal)))
                    for uow in units:
                        await self._send(conn, uow, True, True, True)
                    await conn.execute("COMMIT")
            except BaseException:
                # The pipeline stopped at the failed statement, so COMMIT never ran: roll back by hand.
                if conn.pgconn.transaction_status != TransactionStatus.IDLE:
                    with contextlib.suppress(psycopg.Error):
                        await conn.rollback()
                raise
        return outcomes

    async def _write_batch(self, units: list[UnitOfWork]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        keyed = [u for u in units if u.position is not None and not u.forget]
        async with self._pool.connection() as conn, conn.transaction():
            cur = await conn.execute(_LOCK, (rows_json([[u.user_key, u.chat_id] for u in keyed]),))
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
            # The conversation, journal and settings writes of users with one unit in the batch go out
            # as one statement each; the rest (a user's second unit, a forgotten user) keep their own.
            per_user = Counter(u.user_key for _, u in go)
            solo = {index: uow for index, uow in go if not uow.forget and per_user[uow.user_key] == 1}
            # An entry written twice in one batch keeps its writes' order: those units go one by one.
            entries = Counter(j.entry_id for u in solo.values() for j in u.journal)
            solo = {i: u for i, u in solo.items() if all(entries[j.entry_id] == 1 for j in u.journal)}
            moved = {i: u for i, u in solo.items() if u.position is not None and (u.user_key, u.chat_id) in locked}
            placed = {i: u for i, u in solo.items() if u.position is not None and i not in moved}
            journal = [j for u in solo.values() for j in u.journal]
            patches = [[u.user_key, self._dumps(u.settings_patch)] for u in solo.values() if u.settings_patch]
            sent: list[tuple[int, UnitOfWork, Sent]] = []
            async with conn.pipeline():
                if seen:
                    await conn.execute(_USERS_SEEN, (rows_json(list(seen.items())),))
                move = await conn.execute(_MOVE, (self._position_rows(moved.values()),)) if moved else None
                place = await conn.execute(_PLACE, (self._position_rows(placed.values()),)) if placed else None
                if patches:
                    await conn.execute(_SETTINGS, (rows_json(patches),))
                journaled = await conn.execute(_JOURNAL, (self._journal_rows(solo.values()),)) if journal else None
                for index, uow in go:
                    sent.append((index, uow, await self._send(conn, uow, uow.user_key in seen, index in solo, False)))
                for index, uow, unit in sent:
                    try:
                        outcomes[index] = await new_version(unit, uow)
                    except (VersionConflict, AlreadyApplied):
                        # A row another worker wrote after our lock: redo unit by unit, so only
                        # this one fails and the others commit.
                        raise _BatchRetry from None
                for cur, units in ((move, moved), (place, placed)):
                    if cur is None:
                        continue
                    versions_now = {(k, c): v for k, c, v in await cur.fetchall()}
                    if len(versions_now) != len(units):
                        raise _BatchRetry
                    for index, uow in units.items():
                        outcomes[index] = int(versions_now[(uow.user_key, uow.chat_id)])
                if journaled is not None and (await journaled.fetchall())[0][0] != len(journal):
                    raise _BatchRetry
        return outcomes

    def _position_rows(self, units: Iterable[UnitOfWork]) -> str:
        return rows_json([[u.user_key, u.chat_id, p.flow, p.step, self._seal(self._dumps(p.data)),
                           to_epoch(p.expires_at) if p.expires_at else None, to_epoch(u.now), p.expected_version]
                          for u in units if (p := u.position) is not None])

    def _journal_rows(self, units: Iterable[UnitOfWork]) -> str:
        return rows_json([[j.entry_id, u.user_key, to_epoch(u.now), j.topic or "other", self._seal(j.text or ""),
                           j.route, j.intensity, j.intensity_after] for u in units for j in u.journal])

    async def _write_alone(self, uow: UnitOfWork) -> Outcome:
        for attempt in range(3):
            try:
                async with self._pool.connection() as conn, conn.transaction(), conn.pipeline():
                    return await new_version(await self._send(conn, uow, False, False, False), uow)
            except RETRYABLE as exc:
                if attempt == 2:
                    return exc
                await asyncio.sleep(0.01 * (attempt + 1))
            except Exception as exc:
                return exc
        return None  # pragma: no cover
