"""The due-item queue over the ``scheduled`` table: atomic claims, leases, and outcomes.

An item's life, and what a crash does to it (the semantics every backend keeps):

``pending`` --claim--> ``claimed`` --mark_sending--> ``sending`` --finish--> ``sent`` | ``dropped`` |
``cancelled`` | ``parked`` | back to ``pending`` (retried or put off).

- **claim** is one ``BEGIN IMMEDIATE`` transaction that flips due ``pending`` rows to
  ``claimed`` under this worker's name, so two processes never claim the same row. It charges
  nothing: ``attempts`` counts failed sends only, never claims.
- **mark_sending** is written (in a small group) as late as possible before the platform call:
  inside the HTTP client, after the rate limiter and the connection pool, before the request is
  complete (over httpx, between its headers and its body: ``bot/wire_httpx.py``, ``WireGate``).
  It renews the lease; a row that is no longer ours (taken over, cancelled by ``/stop`` or
  ``/forget``) is not sent. **finish** records each item's
  outcome right after its send, in small groups by time, so the rows in ``sending`` are what is
  on the wire (or about to be: a few event-loop turns between the mark's commit and the request's
  last byte): that window is bounded by the pump (``SchedulerPump.window``), and it bounds what a
  kill can send twice or skip.
- **expired_claims** (takeover): a row ``claimed`` or ``sending`` for longer than the lease, or
  held by another worker whose heartbeat (``beat``, every few seconds, in ``pump_workers`` and in
  the database's own clock) is older than ``stale_after``, belonged to a worker that died. Up to
  ``limit`` such rows are taken over per call, charging nothing: neither ``attempts`` nor
  ``takeovers``. **charge_takeovers** adds one to ``takeovers`` of the rows the new worker is about
  to render, right before it does, so a worker that dies before reaching a row it took over
  leaves that row uncharged. A ``claimed`` row never reached the platform and is handled as if fresh. A
  ``sending`` row may have: a nudge is skipped (never twice); a follow-up is sent once more,
  alone: the takeover writes ``note = 'taken-on-wire'`` and the mark after it ``note = 'resend'``,
  so it is known to be on the wire for the second time (a mark its own worker repeats, retrying a
  lost COMMIT answer, is not a second send). A follow-up taken over from its second time on the
  wire is closed as sent (``note = 'on-wire-twice'``), never sent a third time: it is lost only if
  neither of its two requests reached the platform. The pump parks a row taken over too often
  (``status = 'parked'``, logged), so one item that kills its worker cannot kill every worker.
- A retried or put-off row goes back to ``pending`` with ``first_due`` kept in its payload:
  lateness and the follow-up cut-off always count from the first due time.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storage.sqlite.store import Store, dumps, from_epoch, to_epoch
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
    attempts: int  # failed sends so far
    takeovers: int = 0  # times a worker took it over from a dead one and reached it (rendered it)
    wire: int = 0  # taken over from ``sending``: 1 after its first send began, 2 after its re-send began

    @property
    def on_wire(self) -> bool:
        """Taken over from ``sending``: it may already have reached the user."""
        return self.wire > 0

    @property
    def first_due(self) -> datetime:
        """When it was first due, however often it was retried or put off since."""
        first = self.payload.get("first_due")
        return from_epoch(first) if isinstance(first, int) else self.due_at  # type: ignore[return-value]


@dataclass(slots=True)
class Outcome:
    """What became of one claimed item (an ``Outcome``)."""

    item_id: int
    status: str  # sent | dropped | cancelled | parked | pending (retried or put off)
    note: str | None = None
    due_at: datetime | None = None  # new due time when back to pending
    failed: bool = False  # a failed send: counts as an attempt
    fresh: bool = False  # back to pending as a new occurrence (a sleeping nudge's next day), not a retry


@dataclass(frozen=True, slots=True)
class NextItem:
    """A row to insert after an item is finished, unless one of its kind is already pending."""

    user_key: str
    chat_id: str
    kind: str
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


_COLUMNS = "id, user_key, chat_id, kind, due_at, payload, attempts, takeovers, status, note"

_CLAIM = f"""
UPDATE scheduled SET status = 'claimed', claimed_by = :worker, claimed_at = :stamp
WHERE id IN (
    SELECT id FROM scheduled
    WHERE status = 'pending' AND due_at <= :now {{platforms}}
    ORDER BY due_at LIMIT :limit
) AND status = 'pending'
RETURNING {_COLUMNS}
"""

# The status is left as it is: a ``sending`` row taken over is still known to have been on the wire.
# Its note says it was taken over (TAKE_NOTE), so only the mark that follows a takeover counts as a
# re-send: a mark its own worker repeats (a retry after a lost COMMIT answer) is still the first send.
TAKEN = "taken-on-wire"
TAKE_NOTE = f"CASE WHEN status = 'sending' AND note IS NULL THEN '{TAKEN}' ELSE note END"
# Lost: the lease ran out, or the worker's last heartbeat is older than :stale seconds of the database's
# clock (a worker that never beat, or whose row was pruned, is left to the lease).
_DB_NOW = "CAST(strftime('%s', 'now') AS INTEGER)"
_LOST = ("(claimed_at < :cutoff OR claimed_by IN "
         f"(SELECT name FROM pump_workers WHERE beat_at < {_DB_NOW} - :stale AND name <> :worker))")
_TAKE_OVER = f"""
UPDATE scheduled SET claimed_by = :worker, claimed_at = :now, note = {TAKE_NOTE}
WHERE id IN (
    SELECT id FROM scheduled
    WHERE status IN ('claimed', 'sending') AND {_LOST} {{platforms}}
    ORDER BY status = 'sending' DESC, due_at LIMIT :limit
) AND status IN ('claimed', 'sending') AND {_LOST}
RETURNING {_COLUMNS}
"""
# Charged when the worker that took a row over reaches it, not at the takeover: a row taken over by
# workers that died before getting to it is no evidence that it kills workers.
CHARGE_WHERE = "status IN ('claimed', 'sending') AND claimed_by = ?"
_CHARGE = f"UPDATE scheduled SET takeovers = takeovers + 1 WHERE id IN ({{marks}}) AND {CHARGE_WHERE} RETURNING id"
NEVER_STALE = 10 ** 9  # seconds: no heartbeat is that old, so only the lease counts
PRUNE_WORKERS_S = 24 * 3600  # a dead worker's heartbeat row is kept a day (its claims are long taken over)
_BEAT = f"""
INSERT INTO pump_workers (name, beat_at) VALUES (:name, {_DB_NOW})
ON CONFLICT (name) DO UPDATE SET beat_at = excluded.beat_at
"""
_PRUNE = f"DELETE FROM pump_workers WHERE beat_at < {_DB_NOW} - :keep"

# A row ``sending`` and taken over from a dead worker goes on the wire for the second time:
# ``note = 'resend'`` says so, so that a death during the re-send never leads to a third copy.
# So does a row back to pending after a failed send one of whose requests may have arrived
# (IN_DOUBT: it timed out unanswered). A row its own worker marks again keeps its note (NULL for a
# first send, 'resend' for a re-send).
RESEND = "resend"
IN_DOUBT = "in-doubt"
MARK_NOTE = (f"CASE WHEN status = 'sending' AND note = '{TAKEN}' THEN '{RESEND}' "
             f"WHEN status = 'sending' THEN note WHEN note = '{IN_DOUBT}' THEN '{RESEND}' ELSE NULL END")
_MARK_SENDING = f"""
UPDATE scheduled SET status = 'sending', claimed_at = ?, note = {MARK_NOTE}
WHERE id IN ({{marks}}) AND status IN ('claimed', 'sending') AND claimed_by = ?
RETURNING id
"""
# Its own worker retries a request that may have arrived (no answer came back): the retry is the
# row's second copy, recorded before it goes out. 'resend' already: a repeat of this same mark.
MARK_AGAIN_WHERE = f"status = 'sending' AND claimed_by = ? AND (note IS NULL OR note = '{RESEND}')"
_MARK_AGAIN = f"""
UPDATE scheduled SET claimed_at = ?, note = '{RESEND}'
WHERE id IN ({{marks}}) AND {MARK_AGAIN_WHERE}
RETURNING id
"""

# Back to pending (a retry or a deferral): the first due time is kept for lateness.
_FINISH_PENDING = """
UPDATE scheduled SET status = 'pending', due_at = :due, claimed_by = NULL, claimed_at = NULL, note = :note,
    attempts = attempts + :failed,
    payload = CASE WHEN json_extract(payload, '$.first_due') IS NULL
                   THEN json_set(payload, '$.first_due', due_at) ELSE payload END
WHERE id = :id AND status IN ('claimed', 'sending') AND claimed_by = :worker
RETURNING id
"""

# Back to pending as a new occurrence: lateness starts again from the new due time.
_FINISH_FRESH = """
UPDATE scheduled SET status = 'pending', due_at = :due, claimed_by = NULL, claimed_at = NULL, note = :note,
    payload = json_remove(payload, '$.first_due')
WHERE id = :id AND status IN ('claimed', 'sending') AND claimed_by = :worker
RETURNING id
"""

_FINISH_DONE = """
UPDATE scheduled SET status = :status, done_at = :now, note = :note, attempts = attempts + :failed
WHERE id = :id AND status IN ('claimed', 'sending') AND claimed_by = :worker
RETURNING id
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
        attempts=row["attempts"], takeovers=row["takeovers"], wire=wire_level(row["status"], row["note"]),
    )


def stale_seconds(stale_after: timedelta | None) -> int:
    return NEVER_STALE if stale_after is None else max(1, int(stale_after.total_seconds()))


def wire_level(status: str, note: str | None) -> int:
    """How many copies of a claimed row may have reached the user: 0 (``claimed``), 1 (``sending``, or
    ``claimed`` after a send in doubt), 2 (``sending``, re-send)."""
    if status != "sending":
        return 1 if note == IN_DOUBT else 0
    return 2 if note == RESEND else 1


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
            # A claim carries a heartbeat: a worker killed before its first beat leaves no row that
            # only the lease could free.
            await conn.execute(_BEAT, {"name": self.worker})
            rows = await conn.execute_fetchall(
                _CLAIM.format(platforms=where),
                {"worker": self.worker, "now": to_epoch(now), "stamp": to_epoch(stamp or now), "limit": limit,
                 **params})
        return sorted((_item(r) for r in rows), key=lambda i: (i.due_at, i.id))

    async def expired_claims(self, now: datetime, lease: timedelta, platforms: Iterable[str] | None = None,
                             limit: int = 1_000_000, stale_after: timedelta | None = None) -> list[DueItem]:
        """Take over up to ``limit`` rows whose worker died (lease out, or heartbeat older than
        ``stale_after``); charges nothing (``charge_takeovers`` does, row by row reached).

        Rows that were on the wire come first: the sooner a possible duplicate is settled, the
        smaller the chance that another death finds it on the wire again (a third copy).
        """
        where, params = _platform_filter(platforms)
        async with self.store.transaction() as conn:
            await conn.execute(_BEAT, {"name": self.worker})
            rows = await conn.execute_fetchall(
                _TAKE_OVER.format(platforms=where),
                {"worker": self.worker, "now": to_epoch(now), "cutoff": to_epoch(now - lease), "limit": limit,
                 "stale": stale_seconds(stale_after), **params})
        return sorted((_item(r) for r in rows), key=lambda i: (not i.on_wire, i.due_at, i.id))

    async def charge_takeovers(self, item_ids: Sequence[int]) -> set[int]:
        """Count one takeover for each row given (about to be rendered); returns the ids still ours."""
        if not item_ids:
            return set()

        def charge(db: sqlite3.Connection) -> set[int]:
            ours: set[int] = set()
            for start in range(0, len(item_ids), 500):
                chunk = list(item_ids[start:start + 500])
                rows = db.execute(_CHARGE.format(marks=",".join("?" for _ in chunk)), (*chunk, self.worker)).fetchall()
                ours.update(r[0] for r in rows)
            return ours

        return await self.store.write(charge)

    async def beat(self) -> None:
        """This worker is alive (its claims are not to be taken over); old rows of dead workers go."""
        async with self.store.transaction() as conn:
            await conn.execute(_BEAT, {"name": self.worker})
            await conn.execute(_PRUNE, {"keep": PRUNE_WORKERS_S})

    async def leave(self) -> None:
        """A clean stop: this worker's heartbeat row goes (anything it still held falls to the lease)."""
        async with self.store.transaction() as conn:
            await conn.execute("DELETE FROM pump_workers WHERE name = ?", (self.worker,))

    async def mark_sending(self, item_ids: Sequence[int], stamp: datetime, again: bool = False) -> set[int]:
        """Mark rows as on the wire and renew their lease; returns the ids still ours to send.

        ``again``: rows of this worker already ``sending`` whose request may have arrived, about to
        be retried: marked as their second copy (``resend``).
        """
        if not item_ids:
            return set()
        statement = _MARK_AGAIN if again else _MARK_SENDING

        def mark(db: sqlite3.Connection) -> set[int]:
            ours: set[int] = set()
            for start in range(0, len(item_ids), 500):
                chunk = list(item_ids[start:start + 500])
                rows = db.execute(statement.format(marks=",".join("?" for _ in chunk)),
                                  (to_epoch(stamp), *chunk, self.worker)).fetchall()
                ours.update(r[0] for r in rows)
            return ours

        return await self.store.write(mark)

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
        """Record outcomes (one item's or a small group's) in one transaction; returns how many were ours.

        A row cancelled meanwhile (``/stop``, ``/forget``, blocked) is left as it is, and the
        follow-on item of a row that is no longer ours is not inserted.
        """
        if not outcomes:
            return 0

        def record(db: sqlite3.Connection) -> int:
            ours: set[int] = set()
            for o in outcomes:
                sql = _FINISH_DONE if o.status != "pending" else _FINISH_FRESH if o.fresh else _FINISH_PENDING
                rows = db.execute(sql, {
                    "id": o.item_id, "status": o.status, "now": to_epoch(now), "note": o.note,
                    "worker": self.worker, "failed": int(o.failed),
                    "due": to_epoch(o.due_at) if o.due_at else None}).fetchall()
                if rows:
                    ours.add(o.item_id)
            for item_id, nxt in follow_ons:
                if item_id in ours:
                    db.execute(_INSERT_NEXT, {
                        "user_key": nxt.user_key, "chat_id": nxt.chat_id, "kind": nxt.kind,
                        "due_at": to_epoch(nxt.due_at), "payload": dumps(nxt.payload), "now": to_epoch(now)})
            return len(ours)

        return await self.store.write(record)

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
