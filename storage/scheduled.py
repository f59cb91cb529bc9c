"""The due-item queue over the ``scheduled`` table: atomic claims, leases, and outcomes.

A claim is one ``BEGIN IMMEDIATE`` transaction that flips ``pending`` rows to ``claimed``
under this worker's name, so two processes on one database never claim the same row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storage.store import Store, dumps, from_epoch, to_epoch
from storage.unit_of_work import UserRow


@dataclass(frozen=True, slots=True)
class DueItem:
    """One claimed row, as the pump needs it."""

    id: int
    user_key: str
    chat_id: str
    kind: str
    due_at: datetime
    payload: dict[str, Any]
    attempts: int


@dataclass(slots=True)
class Outcome:
    """What became of one claimed item; applied for a whole batch in one transaction."""

    item_id: int
    status: str  # sent | dropped | cancelled | pending (deferred or retried)
    note: str | None = None
    due_at: datetime | None = None  # new due time when deferred back to pending
    # Put off, not failed: the claim does not count as an attempt, and lateness is still measured
    # from the first due time (kept in the payload as ``first_due``).
    deferral: bool = False


@dataclass(frozen=True, slots=True)
class NextItem:
    """A row to insert after an item is finished, unless one of its kind is already pending."""

    user_key: str
    chat_id: str
    kind: str
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


_CLAIM = """
UPDATE scheduled SET status = 'claimed', claimed_by = :worker, claimed_at = :stamp, attempts = attempts + 1
WHERE id IN (
    SELECT id FROM scheduled
    WHERE status = 'pending' AND due_at <= :now {platforms}
    ORDER BY due_at LIMIT :limit
) AND status = 'pending'
RETURNING id, user_key, chat_id, kind, due_at, payload, attempts
"""

_INSERT_NEXT = """
INSERT INTO scheduled (user_key, chat_id, kind, due_at, payload, created_at)
SELECT :user_key, :chat_id, :kind, :due_at, :payload, :now
WHERE EXISTS (SELECT 1 FROM users WHERE user_key = :user_key)
  AND NOT EXISTS (SELECT 1 FROM scheduled WHERE user_key = :user_key AND kind = :kind AND status = 'pending')
"""


def _platform_filter(platforms: Iterable[str] | None) -> tuple[str, dict[str, str]]:
    if platforms is None:
        return "", {}
    names = sorted(platforms)
    if not names:
        return "AND 0", {}
    params = {f"p{i}": f"{name}:" for i, name in enumerate(names)}
    # A user key is "<platform>:<id>"; each pump serves only the platforms it can reach.
    sql = "AND (" + " OR ".join(f"substr(user_key, 1, length(:p{i})) = :p{i}" for i in range(len(names))) + ")"
    return sql, params


def _item(row: Any) -> DueItem:
    return DueItem(
        id=row["id"], user_key=row["user_key"], chat_id=row["chat_id"], kind=row["kind"],
        due_at=from_epoch(row["due_at"]), payload=json.loads(row["payload"]),  # type: ignore[arg-type]
        attempts=row["attempts"],
    )


class ScheduledQueue:
    """Claim, lease and finish scheduled rows; the database is the only source of truth."""

    def __init__(self, store: Store, worker: str) -> None:
        self.store = store
        self.worker = worker

    async def next_due_at(self, platforms: Iterable[str] | None = None) -> datetime | None:
        """The earliest pending due time (for the platforms given), or None."""
        where, params = _platform_filter(platforms)
        rows = await self.store.connection.execute_fetchall(
            f"SELECT min(due_at) FROM scheduled WHERE status = 'pending' {where}", params)
        return from_epoch(rows[0][0]) if rows and rows[0][0] is not None else None

    async def claim(self, now: datetime, limit: int, platforms: Iterable[str] | None = None,
                    stamp: datetime | None = None) -> list[DueItem]:
        """Atomically claim up to ``limit`` rows due at ``now`` for this worker, oldest first.

        ``stamp`` is when the claim is made (later than ``now`` deep into a long burst), so the
        lease of a batch claimed late in a run is not already half gone.
        """
        where, params = _platform_filter(platforms)
        async with self.store.transaction() as conn:
            rows = await conn.execute_fetchall(
                _CLAIM.format(platforms=where),
                {"worker": self.worker, "now": to_epoch(now), "stamp": to_epoch(stamp or now), "limit": limit,
                 **params})
        return sorted((_item(r) for r in rows), key=lambda i: (i.due_at, i.id))

    async def expired_claims(self, now: datetime, lease: timedelta,
                             platforms: Iterable[str] | None = None) -> list[DueItem]:
        """Take over rows claimed longer than ``lease`` ago (their worker died between claim and finish)."""
        where, params = _platform_filter(platforms)
        async with self.store.transaction() as conn:
            rows = await conn.execute_fetchall(
                "UPDATE scheduled SET claimed_by = :worker, claimed_at = :now, attempts = attempts + 1 "
                f"WHERE status = 'claimed' AND claimed_at < :cutoff {where} "
                "RETURNING id, user_key, chat_id, kind, due_at, payload, attempts",
                {"worker": self.worker, "now": to_epoch(now), "cutoff": to_epoch(now - lease), **params})
        return sorted((_item(r) for r in rows), key=lambda i: (i.due_at, i.id))

    async def renew(self, item_ids: Sequence[int], stamp: datetime) -> set[int]:
        """Renew the lease of rows about to be sent; returns the ids still ours (not taken over)."""
        if not item_ids:
            return set()
        ours: set[int] = set()
        async with self.store.transaction() as conn:
            for start in range(0, len(item_ids), 500):
                chunk = list(item_ids[start:start + 500])
                marks = ",".join("?" for _ in chunk)
                rows = await conn.execute_fetchall(
                    f"UPDATE scheduled SET claimed_at = ? WHERE id IN ({marks}) AND status = 'claimed' "
                    "AND claimed_by = ? RETURNING id", (to_epoch(stamp), *chunk, self.worker))
                ours.update(r[0] for r in rows)
        return ours

    async def users(self, user_keys: Iterable[str]) -> dict[str, UserRow]:
        """The users of a batch, read in one query."""
        keys = sorted(set(user_keys))
        found: dict[str, UserRow] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            rows = await self.store.connection.execute_fetchall(
                f"SELECT user_key, locale, tz, country, settings, unreachable FROM users WHERE user_key IN ({marks})",
                chunk)
            for r in rows:
                found[r["user_key"]] = UserRow(
                    user_key=r["user_key"], locale=r["locale"], tz=r["tz"], country=r["country"],
                    settings=json.loads(r["settings"]), unreachable=bool(r["unreachable"]))
        return found

    async def finish(self, outcomes: Sequence[Outcome], now: datetime,
                     follow_ons: Sequence[tuple[int, NextItem]] = ()) -> int:
        """Record every outcome of a batch in one transaction; returns how many rows were still ours.

        A row cancelled meanwhile (``/stop``, ``/forget``, blocked) is left as it is, and the
        follow-on item of a row that is no longer ours is not inserted.
        """
        if not outcomes:
            return 0
        ours: set[int] = set()
        async with self.store.transaction() as conn:
            for o in outcomes:
                if o.status == "pending" and o.deferral:
                    sql = ("UPDATE scheduled SET status = 'pending', due_at = :due, claimed_by = NULL, "
                           "claimed_at = NULL, note = :note, attempts = attempts - 1, "
                           "payload = CASE WHEN json_extract(payload, '$.first_due') IS NULL "
                           "THEN json_set(payload, '$.first_due', due_at) ELSE payload END "
                           "WHERE id = :id AND status = 'claimed' AND claimed_by = :worker RETURNING id")
                elif o.status == "pending":
                    sql = ("UPDATE scheduled SET status = 'pending', due_at = :due, claimed_by = NULL, "
                           "claimed_at = NULL, note = :note WHERE id = :id AND status = 'claimed' "
                           "AND claimed_by = :worker RETURNING id")
                else:
                    sql = ("UPDATE scheduled SET status = :status, done_at = :now, note = :note "
                           "WHERE id = :id AND status = 'claimed' AND claimed_by = :worker RETURNING id")
                rows = await conn.execute_fetchall(sql, {
                    "id": o.item_id, "status": o.status, "now": to_epoch(now), "note": o.note,
                    "worker": self.worker, "due": to_epoch(o.due_at) if o.due_at else None})
                if rows:
                    ours.add(o.item_id)
            for item_id, nxt in follow_ons:
                if item_id in ours:
                    await conn.execute(_INSERT_NEXT, {
                        "user_key": nxt.user_key, "chat_id": nxt.chat_id, "kind": nxt.kind,
                        "due_at": to_epoch(nxt.due_at), "payload": dumps(nxt.payload), "now": to_epoch(now)})
        return len(ours)

    async def insert_next(self, nxt: NextItem, now: datetime) -> None:
        """Insert one item unless the user already has a pending one of its kind (no pile-up)."""
        async with self.store.transaction() as conn:
            await conn.execute(_INSERT_NEXT, {
                "user_key": nxt.user_key, "chat_id": nxt.chat_id, "kind": nxt.kind,
                "due_at": to_epoch(nxt.due_at), "payload": dumps(nxt.payload), "now": to_epoch(now)})

    async def counts(self, user_key: str | None = None) -> dict[tuple[str, str], int]:
        """How many rows per (kind, status), for one user or everyone (tests, bench, ops)."""
        where, params = ("WHERE user_key = ?", (user_key,)) if user_key else ("", ())
        rows = await self.store.connection.execute_fetchall(
            f"SELECT kind, status, count(*) FROM scheduled {where} GROUP BY kind, status", params)
        return {(r[0], r[1]): r[2] for r in rows}
