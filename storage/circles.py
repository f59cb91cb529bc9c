"""Support circles in SQLite: circles, their daily check-ins, and the day's anonymous presses.

A press is stored as ``HMAC(day secret, user key)``, which de-duplicates a member's presses
during the day. Closing the day deletes the secret and the presses and keeps only the totals:
from then on nothing stored can be joined back to a person (DESIGN.md §9).
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import json
import secrets
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage import once
from storage.coordination import APPLIED
from storage.sqlite.group_commit import _in_worker as in_worker
from storage.sqlite.group_commit import settle
from storage.sqlite.store import AlreadyApplied, dumps, from_epoch, to_epoch


@dataclass(frozen=True, slots=True)
class CircleRow:
    """One circle: where it posts, in which language, and when its daily check-in is due."""

    circle_key: str
    platform: str
    chat_id: str
    locale: str
    tz: str
    checkin_time: str
    next_checkin_at: datetime


@dataclass(frozen=True, slots=True)
class CheckinDue:
    """A check-in claimed for posting (never claimed twice: one row per circle and local day)."""

    checkin_id: int
    circle: CircleRow
    day: str


@dataclass(frozen=True, slots=True)
class PressResult:
    """What one press did: ``counted``, ``changed``, ``same``, ``closed`` or ``unknown``; the totals after it.

    ``user_locale`` is the language the member chose in their private chat, if they ever did.
    """

    status: str
    totals: dict[int, int]
    user_locale: str | None = None


@dataclass(frozen=True, slots=True)
class CheckinView:
    """One check-in with its circle, where it was posted, and its totals."""

    checkin_id: int
    circle: CircleRow
    post_ref: str | None
    closed: bool
    totals: dict[int, int]


# Given a due circle and the claim time: (its next check-in, the local day of this one, when this one closes).
Planner = Callable[[CircleRow, datetime], tuple[datetime, str, datetime]]


def _circle(row: Sequence[Any]) -> CircleRow:
    """A row that starts with the seven ``_CIRCLE_COLUMNS``, in that order."""
    return CircleRow(row[0], row[1], row[2], row[3], row[4], row[5], from_epoch(row[6]))  # type: ignore[arg-type]


def voter_key(secret: bytes, user_key: str) -> bytes:
    """The day's stand-in for a member: without ``secret`` it cannot be recomputed from a user key."""
    return hmac.new(secret, user_key.encode(), hashlib.sha256).digest()


_CIRCLE_COLUMNS = "circle_key, platform, chat_id, locale, tz, checkin_time, next_checkin_at"
_CIRCLE_COLUMNS_C = ", ".join(f"c.{name.strip()}" for name in _CIRCLE_COLUMNS.split(","))
MAX_BATCH = 256  # presses written in one transaction at most


class _Db:
    """The same SQL on either backend (``?`` placeholders; PostgreSQL's store translates them).

    The storage contract has one-statement helpers, but a check-in's claim and a day's close are
    several statements in one transaction; this bridges the two backends' transaction objects.
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self.postgres = getattr(store, "backend", "sqlite") == "postgres"

    async def read(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows = await (self.store.fetch(query, params) if self.postgres
                      else self.store.connection.execute_fetchall(query, params))
        return [tuple(r) for r in rows]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Tx]:
        """One write transaction; the first of a platform update's handling records it (``storage/once.py``)."""
        key = once.take()
        try:
            async with self.store.transaction() as tx:
                wrapped = _Tx(tx, self.postgres)
                if key is not None:
                    await once.record(wrapped, key, self.store.sealer)
                yield wrapped
        except BaseException:
            if key is not None:
                once.give_back(key)
            raise


class _Tx:
    def __init__(self, tx: Any, postgres: bool) -> None:
        self.tx = tx
        self.postgres = postgres

    async def fetch(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows = await (self.tx.fetch(query, params) if self.postgres else self.tx.execute_fetchall(query, params))
        return [tuple(r) for r in rows]


class CircleStore:
    """All SQL about circles, on SQLite or PostgreSQL; every write is one transaction."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.db = _Db(store)
        self._presses = _PressBatcher(self.db)

    async def save(self, circle: CircleRow, now: datetime) -> None:
        """Create the circle or change its settings (the next check-in moves with them)."""
        async with self.db.transaction() as tx:
            await tx.fetch(
                f"INSERT INTO circles ({_CIRCLE_COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (circle_key) DO UPDATE SET chat_id = excluded.chat_id, locale = excluded.locale, "
                "tz = excluded.tz, checkin_time = excluded.checkin_time, next_checkin_at = excluded.next_checkin_at",
                (circle.circle_key, circle.platform, circle.chat_id, circle.locale, circle.tz, circle.checkin_time,
                 to_epoch(circle.next_checkin_at), to_epoch(now)))

    async def get(self, circle_key: str) -> CircleRow | None:
        rows = await self.db.read(f"SELECT {_CIRCLE_COLUMNS} FROM circles WHERE circle_key = ?", (circle_key,))
        return _circle(rows[0]) if rows else None

    async def delete(self, circle_key: str) -> bool:
        """End a circle: its row, check-ins and presses go in one DELETE (foreign keys cascade).

        Its helpers' link goes too, so ``/talk`` stops offering rooms there; rooms already open run
        to their end (they hold their own place).
        """
        async with self.db.transaction() as tx:
            rows = await tx.fetch("DELETE FROM circles WHERE circle_key = ? RETURNING circle_key", (circle_key,))
            await tx.fetch("DELETE FROM room_helpers WHERE circle_key = ? RETURNING circle_key", (circle_key,))
        return bool(rows)

    async def next_due_at(self, platforms: Iterable[str]) -> datetime | None:
        """The earliest check-in to post or day to close, for the platforms this process serves."""
        names = sorted(platforms)
        if not names:
            return None
        marks = ",".join("?" for _ in names)
        rows = await self.db.read(
            f"SELECT min(t) FROM (SELECT min(next_checkin_at) AS t FROM circles WHERE platform IN ({marks}) "
            "UNION ALL SELECT min(k.closes_at) AS t FROM circle_checkins k JOIN circles c USING (circle_key) "
            f"WHERE k.closed = 0 AND c.platform IN ({marks})) AS due", (*names, *names))
        return from_epoch(rows[0][0]) if rows and rows[0][0] is not None else None

    async def claim_due(self, now: datetime, platforms: Iterable[str], plan: Planner) -> list[CheckinDue]:
        """Claim the check-ins due at ``now``: each circle moves to its next time in the same transaction.

        The ``(circle, day)`` row is inserted at most once, so a check-in is never posted twice,
        even by two processes or after a crash between claim and post.
        """
        names = sorted(platforms)
        if not names:
            return []
        marks = ",".join("?" for _ in names)
        claimed: list[CheckinDue] = []
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                f"SELECT {_CIRCLE_COLUMNS} FROM circles WHERE next_checkin_at <= ? AND platform IN ({marks}) "
                "ORDER BY next_checkin_at LIMIT 500", (to_epoch(now), *names))
            for row in rows:
                circle = _circle(row)
                following, day, closes_at = plan(circle, now)
                # Only if no other process moved it meanwhile: the first to claim a circle posts it.
                moved = await tx.fetch(
                    "UPDATE circles SET next_checkin_at = ? WHERE circle_key = ? AND next_checkin_at = ? "
                    "RETURNING circle_key", (to_epoch(following), circle.circle_key, row[6]))
                if not moved:
                    continue
                inserted = await tx.fetch(
                    "INSERT INTO circle_checkins (circle_key, day, secret, posted_at, closes_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (circle_key, day) DO NOTHING RETURNING id",
                    (circle.circle_key, day, secrets.token_bytes(32), to_epoch(now), to_epoch(closes_at)))
                if inserted:
                    claimed.append(CheckinDue(inserted[0][0], circle, day))
        return claimed

    async def set_post_ref(self, checkin_id: int, post_ref: str) -> None:
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circle_checkins SET post_ref = ? WHERE id = ?", (post_ref, checkin_id))

    async def close_due(self, now: datetime) -> list[int]:
        """End the days that are over: keep the totals, delete the secret and every press; their ids."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                "SELECT id FROM circle_checkins WHERE closed = 0 AND closes_at <= ? ORDER BY id", (to_epoch(now),))
            for (checkin_id,) in rows:
                totals = await _totals(tx, checkin_id)
                await tx.fetch(
                    "UPDATE circle_checkins SET closed = 1, secret = NULL, totals = ? WHERE id = ?",
                    (dumps({str(k): v for k, v in totals.items()}), checkin_id))
                await tx.fetch("DELETE FROM circle_presses WHERE checkin_id = ?", (checkin_id,))
        return [r[0] for r in rows]

    async def press(self, checkin_id: int, user_key: str, answer: int) -> PressResult:
        """Count one member once for the day; a later press changes their answer.

        Presses that arrive together are written in one transaction (as ``group_commit`` does
        for events): a busy check-in gets dozens a second.
        """
        return await self._presses.submit((checkin_id, user_key, answer))

    async def view(self, checkin_id: int) -> CheckinView | None:
        """A check-in as its post should show it now: live totals while open, kept totals once closed."""
        rows = await self.db.read(
            f"SELECT {_CIRCLE_COLUMNS_C}, k.closed, k.post_ref, k.totals "
            "FROM circle_checkins k JOIN circles c USING (circle_key) WHERE k.id = ?", (checkin_id,))
        if not rows:
            return None
        row = rows[0]
        closed = bool(row[7])
        totals = _json_totals(row[9]) if closed else await _totals(self.db, checkin_id)
        return CheckinView(checkin_id, _circle(row), row[8], closed, totals)

    async def checkin_rows(self, circle_key: str) -> list[dict[str, Any]]:
        """Every stored check-in of a circle as plain data (tests and operators)."""
        names = ("id", "day", "post_ref", "secret", "closed", "totals")
        rows = await self.db.read(
            f"SELECT {', '.join(names)} FROM circle_checkins WHERE circle_key = ? ORDER BY id", (circle_key,))
        return [dict(zip(names, r, strict=True)) for r in rows]


async def _totals(db: _Db | _Tx, checkin_id: int) -> dict[int, int]:
    query = "SELECT answer, count(*) FROM circle_presses WHERE checkin_id = ? GROUP BY answer"
    rows = await (db.read(query, (checkin_id,)) if isinstance(db, _Db) else db.fetch(query, (checkin_id,)))
    return {int(r[0]): int(r[1]) for r in rows}


def _json_totals(value: str | None) -> dict[int, int]:
    return {int(k): int(v) for k, v in json.loads(value or "{}").items()}


_PRESS_LOOKUP = """
SELECT k.secret, k.closed, k.totals, (SELECT locale FROM users WHERE user_key = ?) AS user_locale
FROM (SELECT 1 AS one) AS here LEFT JOIN circle_checkins k ON k.id = ?
"""


_PRESS_BEFORE = "SELECT answer FROM circle_presses WHERE checkin_id = ? AND voter = ?"
_PRESS_WRITE = ("INSERT INTO circle_presses (checkin_id, voter, answer) VALUES (?, ?, ?) "
                "ON CONFLICT (checkin_id, voter) DO UPDATE SET answer = excluded.answer")
_TOTALS = "SELECT answer, count(*) FROM circle_presses WHERE checkin_id = ? GROUP BY answer"


def _early(lookup: Sequence[Any]) -> PressResult | None:
    """The answer when there is nothing to count: no such check-in, or its day is over."""
    secret, closed, kept, locale = lookup
    if closed is None:
        return PressResult("unknown", {}, locale)
    if closed or secret is None:
        return PressResult("closed", _json_totals(kept), locale)
    return None


def _counted(lookup: Sequence[Any], before: list[Any], answer: int, totals: list[Any]) -> PressResult:
    status = "counted" if not before else "same" if int(before[0][0]) == answer else "changed"
    return PressResult(status, {int(r[0]): int(r[1]) for r in totals}, lookup[3])


async def _press_one(tx: _Tx, checkin_id: int, user_key: str, answer: int,
                     once_args: tuple[Any, ...] | None = None) -> PressResult | AlreadyApplied:
    if once_args is not None and not await tx.fetch(APPLIED, once_args):
        return AlreadyApplied(once_args[0])
    lookup = (await tx.fetch(_PRESS_LOOKUP, (user_key, checkin_id)))[0]
    if (early := _early(lookup)) is not None:
        return early
    voter = voter_key(bytes(lookup[0]), user_key)
    before = await tx.fetch(_PRESS_BEFORE, (checkin_id, voter))
    await tx.fetch(_PRESS_WRITE, (checkin_id, voter, answer))
    return _counted(lookup, before, answer, await tx.fetch(_TOTALS, (checkin_id,)))


def _press_one_sync(db: Any, checkin_id: int, user_key: str, answer: int,
                    once_args: tuple[Any, ...] | None = None) -> PressResult | AlreadyApplied:
    """The same as ``_press_one`` on SQLite's own thread: no thread hop per statement."""
    if once_args is not None and not db.execute(APPLIED, once_args).fetchall():
        return AlreadyApplied(once_args[0])
    lookup = tuple(db.execute(_PRESS_LOOKUP, (user_key, checkin_id)).fetchone())
    if (early := _early(lookup)) is not None:
        return early
    voter = voter_key(bytes(lookup[0]), user_key)
    before = db.execute(_PRESS_BEFORE, (checkin_id, voter)).fetchall()
    db.execute(_PRESS_WRITE, (checkin_id, voter, answer))
    return _counted(lookup, before, answer, db.execute(_TOTALS, (checkin_id,)).fetchall())


def _press_batch_sync(db: Any, presses: list[Press]) -> list[PressResult | AlreadyApplied]:
    return [_press_one_sync(db, *press) for press in presses]


# checkin id, user key, answer; and APPLIED's parameters when a platform update is to be recorded with it.
Press = tuple[int, str, int, tuple[Any, ...] | None]


class _PressBatcher:
    """Queues presses and writes all that are waiting in one transaction (``_flush``)."""

    def __init__(self, db: _Db) -> None:
        self.db = db
        self._pending: list[tuple[Press, asyncio.Future[PressResult]]] = []
        self._flushing = False
        self._task: asyncio.Task[None] | None = None

    async def submit(self, press: tuple[int, str, int]) -> PressResult:
        """Count one press; ``AlreadyApplied`` if its platform update was recorded already (``storage/once.py``)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[PressResult] = loop.create_future()
        key = once.take()  # recorded with this press, in the batch's transaction
        self._pending.append(((*press, once.record_args(key, self.db.store.sealer) if key else None), future))
        if not self._flushing:
            self._flushing = True
            # A context of its own: the flush must not take the first presser's update as its own.
            self._task = loop.create_task(self._flush(), context=contextvars.Context())
        try:
            return await future
        except AlreadyApplied:
            raise
        except BaseException:
            if key is not None:
                once.give_back(key)
            raise

    async def _flush(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                outcomes: list[PressResult | BaseException]
                try:
                    async with self.db.transaction() as tx:
                        presses = [p for p, _ in batch]
                        if self.db.postgres:
                            outcomes = [await _press_one(tx, *press) for press in presses]
                        else:
                            # One hop to SQLite's thread for the whole batch: under CPU contention each
                            # hop waits for the GIL, and a hop per statement capped presses near 50/s.
                            outcomes = await in_worker(tx.tx, _press_batch_sync, presses)  # type: ignore[arg-type]
                except Exception as exc:  # the transaction failed: every press in it hears so
                    outcomes = [exc] * len(batch)
                settle(batch, outcomes)  # type: ignore[arg-type]
        finally:
            self._flushing = False
