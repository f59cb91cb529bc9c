"""The storage contract on PostgreSQL: a psycopg pool; each unit of work is atomic (group commit).

The units waiting together share one transaction, written in one round trip when they can
(``group_commit.py``); the conversation upsert's ``WHERE version = expected`` refuses a stale
write under READ COMMITTED too, because a concurrent writer's row lock makes it re-read the row.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from storage.coordination import APPLIED, FORGET_REPLIES, Coordination
from storage.postgres.batch_reads import JournalBatcher, LoadBatcher
from storage.postgres.connect import Target, open_pool, parse_url, redacted
from storage.postgres.dialect import sql
from storage.postgres.group_commit import PgGroupCommit, Sent, new_version
from storage.postgres.migrations import migrate
from storage.sealing import CLEAR, Sealer, open_row
from storage.sqlite.store import (
    EXPORT_QUERIES,
    EXPORT_TABLES,
    Snapshot,
    StoreUnavailable,
    decode_row,
    dumps,
    snapshot_from_row,
    to_epoch,
)
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

_UPSERT_POSITION = """
INSERT INTO conversations (user_key, chat_id, flow, step, data, version, expires_at, updated_at)
VALUES (:user_key, :chat_id, :flow, :step, :data, 1, :expires_at, :now)
ON CONFLICT (user_key, chat_id) DO UPDATE SET
    flow = excluded.flow, step = excluded.step, data = excluded.data,
    version = conversations.version + 1, expires_at = excluded.expires_at, updated_at = excluded.updated_at
WHERE CAST(:expected AS INTEGER) IS NULL OR conversations.version = CAST(:expected AS INTEGER)
RETURNING version
"""

def _first_line(exc: BaseException) -> str:
    # libpq's messages name hosts and conditions, never a user's words; one line of it.
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


class Tx:
    """Statements inside one open transaction, in the shared SQL dialect."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def fetch(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        cur = await self.conn.execute(sql(query), params)
        return await cur.fetchall() if cur.description else []

    async def execute(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        cur = await self.conn.execute(sql(query), params)
        return cur.rowcount


class PostgresStore(Coordination):
    """PostgreSQL-backed storage for any number of workers sharing one database."""

    backend = "postgres"

    def __init__(self, pool: AsyncConnectionPool, target: Target) -> None:
        self.pool = pool
        self.target = target
        self._group = PgGroupCommit(
            pool, lambda conn, uow, seen, batched, applied: send_unit(conn, uow, self.sealer, seen, batched, applied),
            lambda text: self.sealer.seal(text), dumps)
        self._loads = LoadBatcher(pool)
        self._journal = JournalBatcher(pool)

    @classmethod
    async def open(cls, url: str) -> PostgresStore:
        """Connect, migrate and so prove the database writable; ``StoreUnavailable`` (one line) if not."""
        target = parse_url(url)
        try:
            pool = await open_pool(target)
        except (psycopg.Error, OSError) as exc:
            raise StoreUnavailable(f"database {redacted(target.conninfo)} cannot be reached: "
                                   f"{_first_line(exc)}") from None
        try:
            async with pool.connection() as conn:
                shared, own = await migrate(conn)
        except BaseException as exc:
            await pool.close()
            if isinstance(exc, psycopg.Error):
                raise StoreUnavailable(f"database {redacted(target.conninfo)} is not usable: "
                                       f"{_first_line(exc)}") from None
            raise
        log.info("storage: PostgreSQL at %s (schema %d+%d%s)", redacted(target.conninfo), shared, own,
                 ", PgBouncer mode: no prepared statements" if target.pgbouncer else "")
        return cls(pool, target)

    async def close(self) -> None:
        await self.pool.close()

    def queue(self, worker: str) -> Any:
        from storage.postgres.scheduled import PostgresQueue

        return PostgresQueue(self, worker)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """One transaction on one pooled connection; rolled back if the body raises."""
        async with self.pool.connection() as conn, conn.transaction():
            yield Tx(conn)

    async def fetch(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        async with self.pool.connection() as conn:
            cur = await conn.execute(sql(query), params)
            return await cur.fetchall() if cur.description else []

    async def fetch_dicts(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        async with self.pool.connection() as conn:
            cur = conn.cursor(row_factory=dict_row)
            await cur.execute(sql(query), params)
            return await cur.fetchall()

    async def fetch_all(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        return await self.fetch(query, params)

    async def write_returning(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        async with self.transaction() as tx:
            return await tx.fetch(query, params)

    async def ping(self) -> bool:
        try:
            return (await self.fetch("SELECT 1")) == [(1,)]
        except (psycopg.Error, OSError, TimeoutError):
            return False

    async def load(self, user_key: str, chat_id: str) -> Snapshot:
        row = await self._loads.load(user_key, chat_id)
        return snapshot_from_row(row, self.sealer)

    async def apply(self, uow: UnitOfWork) -> int | None:
        """Commit the unit of work atomically; returns the new conversation version (None if untouched).

        Raises ``VersionConflict`` when the conversation moved on since it was read.
        """
        return await self._group.submit(uow)

    async def export_user(self, user_key: str) -> dict[str, Any]:
        """Everything stored about one user, as plain JSON-ready data (same shape as SQLite's)."""
        out: dict[str, Any] = {"user_key": user_key}
        for name, query in EXPORT_QUERIES.items():
            found = await self.fetch_dicts(query, (user_key,))
            rows = [decode_row(open_row(self.sealer, EXPORT_TABLES[name], r)) for r in found]
            out[name] = rows[0] if name in {"user", "safety_plan"} and rows else rows
        return out

    async def count_rows_for(self, user_key: str) -> int:
        total = 0
        for table in await self.user_tables():
            [(n,)] = await self.fetch(f'SELECT count(*) FROM "{table}" WHERE user_key = ?', (user_key,))
            total += n
        return total

    async def user_tables(self) -> list[str]:
        rows = await self.fetch(
            "SELECT c.table_name FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND c.column_name = 'user_key' "
            "AND t.table_type = 'BASE TABLE' ORDER BY c.table_name")
        return [r[0] for r in rows]

    async def recent_journal(self, user_key: str, since: datetime) -> list[dict[str, Any]]:
        rows = await self._journal.since(user_key, to_epoch(since))
        return [open_row(self.sealer, "journal", r) for r in rows]

    async def safety_plan(self, user_key: str) -> dict[str, Any]:
        rows = await self.fetch("SELECT data FROM safety_plans WHERE user_key = ?", (user_key,))
        return (self.sealer.open_json_or_none(rows[0][0]) or {}) if rows else {}

    async def has_pending_since(self, user_key: str, chat_id: str, since: datetime) -> bool:
        rows = await self.fetch(
            "SELECT 1 FROM scheduled WHERE user_key = ? AND chat_id = ? AND status = 'pending' "
            "AND created_at >= ? LIMIT 1", (user_key, chat_id, to_epoch(since)))
        return bool(rows)

    async def mark_unreachable(self, user_key: str, now: datetime) -> None:
        async with self.transaction() as tx:
            await tx.execute("UPDATE users SET unreachable = 1 WHERE user_key = ?", (user_key,))
            await tx.execute(
                "UPDATE scheduled SET status = 'cancelled', done_at = ?, note = 'unreachable' "
                "WHERE user_key = ? AND status IN ('pending', 'claimed', 'sending')", (to_epoch(now), user_key))

    async def get_meta(self, key: str) -> str | None:
        rows = await self.fetch("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    async def set_meta(self, key: str, value: str) -> None:
        async with self.transaction() as tx:
            await tx.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    async def recent_tips(self, user_key: str, since: datetime) -> list[str]:
        rows = await self.fetch("SELECT tip FROM tips_sent WHERE user_key = ? AND sent_at >= ?",
                                (user_key, to_epoch(since)))
        return [r[0] for r in rows]


async def write_unit(conn: AsyncConnection, uow: UnitOfWork, sealer: Sealer = CLEAR) -> int | None:
    """Write a unit of work in the open transaction; raises ``VersionConflict`` (caller rolls back)."""
    return await new_version(await send_unit(conn, uow, sealer), uow)


async def send_unit(conn: AsyncConnection, uow: UnitOfWork, sealer: Sealer = CLEAR,
                    user_seen: bool = False, batched: bool = False, applied: bool = False) -> Sent:
    """Send every statement of a unit of work (pipelined: nothing waits); returns the cursors to check.

    ``user_seen``: the group commit already upserted the ``users`` row of this unit's batch;
    ``batched``: it wrote this unit's conversation, journal and settings too (one statement each);
    ``applied``: and its update record.
    """
    now = to_epoch(uow.now)
    tx = Tx(conn)
    delivery = None
    if uow.delivery_key is not None and not applied:
        delivery = await conn.execute(sql(APPLIED), (uow.delivery_key, now,
                                                     sealer.seal(uow.delivery_replies or "[]"),
                                                     None if uow.forget else uow.user_key))
    if uow.forget:
        await tx.execute(FORGET_REPLIES, (uow.user_key,))
        await tx.execute("DELETE FROM users WHERE user_key = ?", (uow.user_key,))
        return Sent(None, delivery)
    fields = {k: v for k, v in uow.user_fields.items() if k in {"locale", "tz", "country", "unreachable"}}
    if not user_seen:
        await tx.execute(
            "INSERT INTO users (user_key, created_at, last_seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_key) DO UPDATE SET last_seen_at = excluded.last_seen_at",
            (uow.user_key, now, now))
    if fields:
        if "unreachable" in fields:
            fields["unreachable"] = int(bool(fields["unreachable"]))
        sets = ", ".join(f"{k} = :{k}" for k in fields)
        await tx.execute(f"UPDATE users SET {sets} WHERE user_key = :user_key", {**fields, "user_key": uow.user_key})
    if uow.settings_patch and not batched:
        await tx.execute("UPDATE users SET settings = json_patch(settings, ?) WHERE user_key = ?",
                         (dumps(uow.settings_patch), uow.user_key))
    position = None
    if uow.position is not None and not batched:
        p = uow.position
        position = await conn.execute(sql(_UPSERT_POSITION), {
            "user_key": uow.user_key, "chat_id": uow.chat_id, "flow": p.flow, "step": p.step,
            "data": sealer.seal(dumps(p.data)), "expires_at": to_epoch(p.expires_at) if p.expires_at else None,
            "now": now, "expected": p.expected_version,
        })
    for j in () if batched else uow.journal:
        await tx.execute(
            "INSERT INTO journal (id, user_key, created_at, topic, text) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET route = coalesce(?, journal.route), "
            "intensity = coalesce(CAST(? AS INTEGER), journal.intensity), "
            "intensity_after = coalesce(CAST(? AS INTEGER), journal.intensity_after)",
            (j.entry_id, uow.user_key, now, j.topic or "other", sealer.seal(j.text or ""),
             j.route, j.intensity, j.intensity_after))
    for entry_id in uow.journal_deletes:
        await tx.execute("DELETE FROM journal WHERE user_key = ? AND id = ?", (uow.user_key, entry_id))
    if uow.cancel_kinds:
        await tx.execute(
            "UPDATE scheduled SET status = 'cancelled', done_at = ? WHERE user_key = ? "
            "AND status IN ('pending', 'claimed', 'sending') AND kind = ANY(?)",
            (now, uow.user_key, list(uow.cancel_kinds)))
    for s in uow.schedule:
        if s.supersede:
            await tx.execute(
                "UPDATE scheduled SET status = 'superseded', done_at = ? "
                "WHERE user_key = ? AND kind = ? AND status = 'pending'", (now, uow.user_key, s.kind))
        await tx.execute(
            "INSERT INTO scheduled (user_key, chat_id, kind, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (uow.user_key, s.chat_id, s.kind, to_epoch(s.due_at), dumps(s.payload), now))
    if uow.safety_plan is not None:
        await tx.execute(
            "INSERT INTO safety_plans (user_key, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (uow.user_key, sealer.seal(dumps(uow.safety_plan)), now))
    for tip in uow.tips:
        await tx.execute("INSERT INTO tips_sent (user_key, tip, sent_at) VALUES (?, ?, ?)", (uow.user_key, tip, now))
    return Sent(position, delivery)
