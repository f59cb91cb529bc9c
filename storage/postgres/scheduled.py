"""The due-item queue on PostgreSQL: claims with ``FOR UPDATE SKIP LOCKED``, same rules as SQLite.

Any number of workers claim at once: each locks the oldest due rows nobody else holds, flips them
to ``claimed`` under its own name and commits, so no row is claimed twice and nobody waits on
another worker's batch. An item's life (claim, ``sending`` mark, outcome, takeover after the
lease, attempts counting failed sends only) is the one described in ``storage/sqlite/scheduled.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from storage.postgres.dialect import rows_json, sql
from storage.postgres.store import Tx
from storage.sqlite.scheduled import (
    CHARGE_WHERE,
    MARK_AGAIN_WHERE,
    MARK_NOTE,
    PRUNE_WORKERS_S,
    TAKE_NOTE,
    DueItem,
    NextItem,
    Outcome,
    stale_seconds,
    wire_level,
)
from storage.sqlite.store import dumps, from_epoch, to_epoch
from storage.unit_of_work import UserRow

if TYPE_CHECKING:
    from storage.postgres.store import PostgresStore

_RETURNING = ("RETURNING s.id, s.user_key, s.chat_id, s.kind, s.due_at, s.payload, s.attempts, s.takeovers, s.status, "
              "s.note")

# A claim charges nothing: attempts count failed sends only.
_CLAIM = f"""
WITH due AS (
    SELECT id FROM scheduled
    WHERE status = 'pending' AND due_at <= :now {{platforms}}
    ORDER BY due_at LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE scheduled s SET status = 'claimed', claimed_by = :worker, claimed_at = :stamp
FROM due WHERE s.id = due.id
{_RETURNING}
"""

# Lost: the lease ran out, or the worker's heartbeat is older than :stale seconds of the database's clock.
_DB_NOW = "CAST(extract(epoch FROM clock_timestamp()) AS BIGINT)"
_LOST = ("(claimed_at < :cutoff OR claimed_by IN "
         f"(SELECT name FROM pump_workers WHERE beat_at < {_DB_NOW} - :stale AND name <> :worker))")
_BEAT = f"""
INSERT INTO pump_workers (name, beat_at) VALUES (:name, {_DB_NOW})
ON CONFLICT (name) DO UPDATE SET beat_at = excluded.beat_at
"""
_PRUNE = f"DELETE FROM pump_workers WHERE beat_at < {_DB_NOW} - :keep"

# The status is left as it is: a ``sending`` row taken over is still known to have been on the wire.
_TAKE_OVER = f"""
WITH lost AS (
    SELECT id FROM scheduled
    WHERE status IN ('claimed', 'sending') AND {_LOST} {{platforms}}
    ORDER BY status = 'sending' DESC, due_at LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE scheduled s SET claimed_by = :worker, claimed_at = :now, note = {TAKE_NOTE}
FROM lost WHERE s.id = lost.id
{_RETURNING}
"""

# A takeover is charged once its new worker reaches the row (``storage/sqlite/scheduled.py``).
_CHARGE = f"UPDATE scheduled SET takeovers = takeovers + 1 WHERE id = ANY(?) AND {CHARGE_WHERE} RETURNING id"

# A second mark of a ``sending`` row (a re-send after a takeover) writes ``note = 'resend'``.
_MARK_SENDING = f"""
UPDATE scheduled SET status = 'sending', claimed_at = ?, note = {MARK_NOTE}
WHERE id IN (SELECT CAST(json_array_elements_text(CAST(? AS json)) AS BIGINT))
  AND status IN ('claimed', 'sending') AND claimed_by = ?
RETURNING id
"""

_MARK_AGAIN = f"""
UPDATE scheduled SET claimed_at = ?, note = 'resend'
WHERE id = ANY(?) AND {MARK_AGAIN_WHERE}
RETURNING id
"""

_INSERT_NEXT = """
INSERT INTO scheduled (user_key, chat_id, kind, due_at, payload, created_at)
SELECT :user_key, :chat_id, :kind, :due_at, :payload, :now
WHERE EXISTS (SELECT 1 FROM users WHERE user_key = :user_key)
  AND NOT EXISTS (SELECT 1 FROM scheduled WHERE user_key = :user_key AND kind = :kind AND status = 'pending')
"""

# Back to pending (a retry or a deferral): the first due time is kept for lateness.
_FINISH_PENDING = """
UPDATE scheduled SET status = 'pending', due_at = :due, claimed_by = NULL, claimed_at = NULL, note = :note,
    attempts = attempts + :failed,
    payload = CASE WHEN payload::jsonb -> 'first_due' IS NULL
                   THEN (payload::jsonb || jsonb_build_object('first_due', due_at))::text ELSE payload END
WHERE id = :id AND status IN ('claimed', 'sending') AND claimed_by = :worker
RETURNING id
"""

# Back to pending as a new occurrence: lateness starts again from the new due time.
_FINISH_FRESH = """
UPDATE scheduled SET status = 'pending', due_at = :due, claimed_by = NULL, claimed_at = NULL, note = :note,
    payload = (payload::jsonb - 'first_due')::text
WHERE id = :id AND status IN ('claimed', 'sending') AND claimed_by = :worker
RETURNING id
"""

# Every final outcome of a group in one statement (most are "sent"): one execution, not one per item.
_FINISH_DONE_MANY = """
UPDATE scheduled s SET status = o.status, done_at = %(now)s, note = o.note, attempts = s.attempts + o.failed
FROM (SELECT CAST(v ->> 0 AS BIGINT) AS id, v ->> 1 AS status, v ->> 2 AS note, CAST(v ->> 3 AS BIGINT) AS failed
      FROM json_array_elements(CAST(%(rows)s AS json)) AS r(v)) AS o
WHERE s.id = o.id AND s.status IN ('claimed', 'sending') AND s.claimed_by = %(worker)s
RETURNING s.id
"""


def _platform_filter(platforms: Iterable[str] | None) -> tuple[str, dict[str, Any]]:
    if platforms is None:
        return "", {}
    # A user key is "<platform>:<id>"; each pump serves only the platforms it can reach.
    return "AND split_part(user_key, ':', 1) = ANY(:platforms)", {"platforms": sorted(platforms)}


def _item(row: Sequence[Any]) -> DueItem:
    item_id, user_key, chat_id, kind, due_at, payload, attempts, takeovers, status, note = row
    return DueItem(id=item_id, user_key=user_key, chat_id=chat_id, kind=kind,
                   due_at=from_epoch(due_at), payload=json.loads(payload),  # type: ignore[arg-type]
                   attempts=attempts, takeovers=takeovers, wire=wire_level(status, note))


def _sorted(rows: list[tuple[Any, ...]]) -> list[DueItem]:
    return sorted((_item(r) for r in rows), key=lambda i: (i.due_at, i.id))


class PostgresQueue:
    """``storage.contract.ScheduleQueue`` over PostgreSQL."""

    def __init__(self, store: PostgresStore, worker: str) -> None:
        self.store = store
        self.worker = worker

    async def next_due_at(self, platforms: Iterable[str] | None = None) -> datetime | None:
        where, params = _platform_filter(platforms)
        rows = await self.store.fetch(f"SELECT min(due_at) FROM scheduled WHERE status = 'pending' {where}", params)
        return from_epoch(rows[0][0]) if rows and rows[0][0] is not None else None

    async def claim(self, now: datetime, limit: int, platforms: Iterable[str] | None = None,
                    stamp: datetime | None = None) -> list[DueItem]:
        """Claim up to ``limit`` due rows nobody else holds, oldest first, in one short transaction."""
        where, params = _platform_filter(platforms)
        async with self.store.transaction() as tx:
            await tx.execute(_BEAT, {"name": self.worker})  # a claim carries a heartbeat (as on SQLite)
            rows = await tx.fetch(_CLAIM.format(platforms=where), {
                "worker": self.worker, "now": to_epoch(now), "stamp": to_epoch(stamp or now), "limit": limit,
                **params})
        return _sorted(rows)

    async def expired_claims(self, now: datetime, lease: timedelta, platforms: Iterable[str] | None = None,
                             limit: int = 1_000_000, stale_after: timedelta | None = None) -> list[DueItem]:
        """Take over up to ``limit`` rows whose worker died (lease out, or heartbeat older than
        ``stale_after``); charges nothing until a row is reached."""
        where, params = _platform_filter(platforms)
        async with self.store.transaction() as tx:
            await tx.execute(_BEAT, {"name": self.worker})
            rows = await tx.fetch(_TAKE_OVER.format(platforms=where), {
                "worker": self.worker, "now": to_epoch(now), "cutoff": to_epoch(now - lease), "limit": limit,
                "stale": stale_seconds(stale_after), **params})
        # Rows that were on the wire first: the sooner a possible duplicate is settled, the better.
        return sorted((_item(r) for r in rows), key=lambda i: (not i.on_wire, i.due_at, i.id))

    async def charge_takeovers(self, item_ids: Sequence[int]) -> set[int]:
        """Count one takeover for each row given (about to be rendered); returns the ids still ours."""
        if not item_ids:
            return set()
        async with self.store.transaction() as tx:
            rows = await tx.fetch(_CHARGE, (list(item_ids), self.worker))
        return {r[0] for r in rows}

    async def beat(self) -> None:
        """This worker is alive (its claims are not to be taken over); old rows of dead workers go."""
        async with self.store.transaction() as tx:
            await tx.execute(_BEAT, {"name": self.worker})
            await tx.execute(_PRUNE, {"keep": PRUNE_WORKERS_S})

    async def leave(self) -> None:
        """A clean stop: this worker's heartbeat row goes (anything it still held falls to the lease)."""
        async with self.store.transaction() as tx:
            await tx.execute("DELETE FROM pump_workers WHERE name = ?", (self.worker,))

    async def mark_sending(self, item_ids: Sequence[int], stamp: datetime, again: bool = False) -> set[int]:
        """Mark rows as on the wire and renew their lease; returns the ids still ours to send
        (``again``: a retry of a request that may have arrived, marked as the second copy)."""
        if not item_ids:
            return set()
        async with self.store.transaction() as tx:
            if again:
                rows = await tx.fetch(_MARK_AGAIN, (to_epoch(stamp), list(item_ids), self.worker))
            else:
                rows = await tx.fetch(_MARK_SENDING, (to_epoch(stamp), rows_json(list(item_ids)), self.worker))
        return {r[0] for r in rows}

    async def users(self, user_keys: Iterable[str]) -> dict[str, UserRow]:
        keys = sorted(set(user_keys))
        rows = await self.store.fetch(
            "SELECT user_key, locale, tz, country, settings, unreachable FROM users "
            "WHERE user_key IN (SELECT json_array_elements_text(CAST(? AS json)))", (rows_json(keys),))
        return {r[0]: UserRow(user_key=r[0], locale=r[1], tz=r[2], country=r[3], settings=json.loads(r[4]),
                              unreachable=bool(r[5])) for r in rows}

    async def finish(self, outcomes: Sequence[Outcome], now: datetime,
                     follow_ons: Sequence[tuple[int, NextItem]] = ()) -> int:
        """Record outcomes (one item's or a small group's) in one transaction; returns how many were ours."""
        if not outcomes:
            return 0
        ours: set[int] = set()
        final = [o for o in outcomes if o.status != "pending"]
        # Pipelined: every statement of the group goes out before the first answer is awaited.
        async with self.store.pool.connection() as conn, conn.transaction(), conn.pipeline():
            sent = []
            if final:
                sent.append(await conn.execute(_FINISH_DONE_MANY, {
                    "rows": rows_json([[o.item_id, o.status, o.note, int(o.failed)] for o in final]),
                    "now": to_epoch(now), "worker": self.worker}))
            for o in outcomes:
                if o.status == "pending":
                    sent.append(await conn.execute(sql(_FINISH_FRESH if o.fresh else _FINISH_PENDING), {
                        "id": o.item_id, "note": o.note, "worker": self.worker, "failed": int(o.failed),
                        "due": to_epoch(o.due_at) if o.due_at else None}))
            for cur in sent:
                ours.update(r[0] for r in await cur.fetchall())
            tx = Tx(conn)
            for item_id, nxt in follow_ons:
                if item_id in ours:
                    await _insert_next(tx, nxt, now)
        return len(ours)

    async def insert_next(self, nxt: NextItem, now: datetime) -> None:
        async with self.store.transaction() as tx:
            await _insert_next(tx, nxt, now)

    async def counts(self, user_key: str | None = None) -> dict[tuple[str, str], int]:
        where, params = ("WHERE user_key = ?", (user_key,)) if user_key else ("", ())
        rows = await self.store.fetch(f"SELECT kind, status, count(*) FROM scheduled {where} GROUP BY kind, status",
                                      params)
        return {(r[0], r[1]): r[2] for r in rows}


async def _insert_next(tx: Tx, nxt: NextItem, now: datetime) -> None:
    await tx.execute(_INSERT_NEXT, {
        "user_key": nxt.user_key, "chat_id": nxt.chat_id, "kind": nxt.kind,
        "due_at": to_epoch(nxt.due_at), "payload": dumps(nxt.payload), "now": to_epoch(now)})
