"""Help rooms in storage: each circle's helpers, the rooms, who owns one, and who claimed it.

A room is a neutral code. ``room_owners`` is the only code -> user mapping: it cascades from
``users`` (``/forget``) and from ``rooms`` (a room deleted takes it along). A live room whose owner
row is gone is an orphan, due at once, so the pump closes and deletes it (DESIGN.md §9).
What the user wrote for the room (``summary``) is sealed at rest like every other user text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from storage.circles import _Db
from storage.sqlite.store import from_epoch, to_epoch

LIVE = ("draft", "open", "claimed")  # states that still take messages
ROOM_STATES = ("draft", "open", "claimed", "archived", "closed")


class RoomTaken(Exception):
    """The user already has a live room (one at a time)."""


@dataclass(frozen=True, slots=True)
class HelpersRow:
    """A circle's helpers: where they are (Telegram forum chat, Discord channel) and the room rules."""

    circle_key: str
    platform: str
    place: str
    role: str | None = None
    retention_days: int = 3
    cap: int = 5


@dataclass(frozen=True, slots=True)
class RoomRow:
    """One room as stored, with its owner when the owner still exists."""

    code: str
    circle_key: str
    platform: str
    place: str
    thread: str | None
    card: str | None
    state: str
    step: str | None
    summary: str
    help: str | None
    flagged: int
    pinged: int
    locale: str
    retention_days: int
    created_at: datetime
    last_message_at: datetime
    closed_at: datetime | None
    due_at: datetime | None
    user_key: str | None = None
    chat_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A helper in a room and the number the owner knows them by ("Helper 1")."""

    helper: str
    number: int
    name: str


_ROOM_COLUMNS = ("code, circle_key, platform, place, thread, card, state, step, summary, help, flagged, pinged, "
                 "locale, retention_days, created_at, last_message_at, closed_at, due_at")
_SELECT = (f"SELECT {', '.join('r.' + c.strip() for c in _ROOM_COLUMNS.split(','))}, o.user_key, o.chat_id "
           "FROM rooms r LEFT JOIN room_owners o ON o.code = r.code")
# ``live_for`` of many users in one PostgreSQL query (``storage.postgres.batch_reads``): ``k.n`` names the asker.
_LIVE_MANY = (f"SELECT k.n, {', '.join('r.' + c.strip() for c in _ROOM_COLUMNS.split(','))}, o.user_key, o.chat_id "
              "FROM json_array_elements(CAST(%s AS json)) WITH ORDINALITY AS k(v, n) "
              "JOIN room_owners o ON o.user_key = k.v ->> 0 "
              f"JOIN rooms r ON r.code = o.code AND r.state IN ({', '.join(repr(s) for s in LIVE)})")


def _first_room_each(rows: list[dict[str, Any]], size: int) -> list[tuple[Any, ...] | None]:
    found: list[tuple[Any, ...] | None] = [None] * size
    for row in rows:
        n = row.pop("n")
        if found[n - 1] is None:
            found[n - 1] = tuple(row.values())
    return found


_TIMES = frozenset({"created_at", "last_message_at", "closed_at", "due_at"})
_WRITABLE = frozenset(f.name for f in fields(RoomRow)) - {"code", "user_key", "chat_id", "created_at"}


class RoomStore:
    """All SQL about help rooms, on SQLite or PostgreSQL; every write is one transaction."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.db = _Db(store)
        self._live_many: Any = None
        if self.db.postgres:
            # The pump asks this for every item it delivers: on PostgreSQL the asks waiting together
            # share one query, instead of a round trip each between the item's load and its commit.
            from storage.postgres.batch_reads import KeyedBatcher

            self._live_many = KeyedBatcher(store.pool, _LIVE_MANY, _first_room_each)

    def _room(self, row: Sequence[Any]) -> RoomRow:
        values = dict(zip([f.name for f in fields(RoomRow)], row, strict=True))
        for name in _TIMES:
            values[name] = from_epoch(values[name]) if values[name] is not None else None
        values["summary"] = self.store.sealer.open(values["summary"]) if values["summary"] else ""
        return RoomRow(**values)

    # ---- helpers ----------------------------------------------------------------------------

    async def save_helpers(self, row: HelpersRow, now: datetime) -> None:
        async with self.db.transaction() as tx:
            await tx.fetch(
                "INSERT INTO room_helpers (circle_key, platform, place, role, retention_days, cap, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (circle_key) DO UPDATE SET place = excluded.place, "
                "role = excluded.role, retention_days = excluded.retention_days, cap = excluded.cap",
                (row.circle_key, row.platform, row.place, row.role, row.retention_days, row.cap, to_epoch(now)))

    async def helpers(self, circle_key: str) -> HelpersRow | None:
        rows = await self.db.read(
            "SELECT circle_key, platform, place, role, retention_days, cap FROM room_helpers WHERE circle_key = ?",
            (circle_key,))
        return HelpersRow(*rows[0]) if rows else None

    async def helpers_on(self, platform: str) -> list[HelpersRow]:
        """Every circle of a platform that has helpers, oldest first."""
        rows = await self.db.read(
            "SELECT circle_key, platform, place, role, retention_days, cap FROM room_helpers WHERE platform = ? "
            "ORDER BY created_at, circle_key", (platform,))
        return [HelpersRow(*r) for r in rows]

    async def circle_locale(self, circle_key: str) -> str | None:
        """The circle's language: what its helpers read (cards, room posts, pings)."""
        rows = await self.db.read("SELECT locale FROM circles WHERE circle_key = ?", (circle_key,))
        return str(rows[0][0]) if rows else None

    # ---- rooms ------------------------------------------------------------------------------

    async def create(self, room: RoomRow, user_key: str, chat_id: str) -> None:
        """Insert a draft room and its owner; raises ``RoomTaken`` if the user has a live room."""
        marks = ",".join("?" for _ in LIVE)
        now = to_epoch(room.created_at)
        async with self.db.transaction() as tx:
            # The owner row cascades from the user's: asking for a room makes them a user. Their row is
            # then locked, so two workers' /talk at once (PostgreSQL) cannot both find no live room.
            await tx.fetch("INSERT INTO users (user_key, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (user_key) DO NOTHING", (user_key, room.locale, now, now))
            await tx.fetch("UPDATE users SET last_seen_at = last_seen_at WHERE user_key = ? RETURNING user_key",
                           (user_key,))
            taken = await tx.fetch(
                f"SELECT 1 FROM room_owners o JOIN rooms r ON r.code = o.code WHERE o.user_key = ? "
                f"AND r.state IN ({marks})", (user_key, *LIVE))
            if taken:
                raise RoomTaken(room.code)
            await tx.fetch(
                f"INSERT INTO rooms ({_ROOM_COLUMNS}) VALUES ({','.join('?' for _ in range(18))})",
                (room.code, room.circle_key, room.platform, room.place, room.thread, room.card, room.state,
                 room.step, self.store.sealer.seal(room.summary), room.help, room.flagged, room.pinged, room.locale,
                 room.retention_days, now, to_epoch(room.last_message_at), None,
                 to_epoch(room.due_at) if room.due_at else None))
            await tx.fetch("INSERT INTO room_owners (code, user_key, chat_id) VALUES (?, ?, ?)",
                           (room.code, user_key, chat_id))

    async def update(self, code: str, **changes: Any) -> None:
        """Change columns of one room (times as datetimes, the summary sealed here)."""
        unknown = set(changes) - _WRITABLE
        if unknown:
            raise ValueError(f"not a room column: {sorted(unknown)}")
        values = {k: (to_epoch(v) if k in _TIMES and v is not None else v) for k, v in changes.items()}
        if "summary" in values:
            values["summary"] = self.store.sealer.seal(values["summary"])
        sets = ", ".join(f"{k} = ?" for k in values)
        async with self.db.transaction() as tx:
            await tx.fetch(f"UPDATE rooms SET {sets} WHERE code = ?", (*values.values(), code))

    async def touch(self, code: str) -> None:
        """A write that changes nothing: it records the platform update being handled (``storage/once.py``)."""
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE rooms SET pinged = pinged WHERE code = ?", (code,))

    async def get(self, code: str) -> RoomRow | None:
        rows = await self.db.read(f"{_SELECT} WHERE r.code = ?", (code,))
        return self._room(rows[0]) if rows else None

    async def live_for(self, user_key: str) -> RoomRow | None:
        """The user's one live room (draft, open or claimed), if any."""
        if self._live_many is not None:
            row = await self._live_many.ask((user_key,))
            return self._room(row) if row is not None else None
        marks = ",".join("?" for _ in LIVE)
        rows = await self.db.read(f"{_SELECT} WHERE o.user_key = ? AND r.state IN ({marks})", (user_key, *LIVE))
        return self._room(rows[0]) if rows else None

    async def by_thread(self, platform: str, place: str, thread: str) -> RoomRow | None:
        rows = await self.db.read(f"{_SELECT} WHERE r.platform = ? AND r.place = ? AND r.thread = ?",
                                  (platform, place, thread))
        return self._room(rows[0]) if rows else None

    async def count_open(self, circle_key: str) -> int:
        rows = await self.db.read("SELECT count(*) FROM rooms WHERE circle_key = ? AND state IN ('open', 'claimed')",
                                  (circle_key,))
        return int(rows[0][0])

    async def delete(self, code: str) -> bool:
        """The room, its owner mapping and its claims, in one statement (foreign keys cascade)."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch("DELETE FROM rooms WHERE code = ? RETURNING code", (code,))
        return bool(rows)

    async def answer_offer(self, code: str, answer: str) -> tuple[str | None, bool]:
        """Record the answer to a closed room's follow-up offer once: (the answer that holds, set now).

        The answer is None when the room is gone or not closed.
        """
        async with self.db.transaction() as tx:
            # ``step`` is unused once a room opened: a closed room keeps the offer's answer there.
            rows = await tx.fetch("UPDATE rooms SET step = ? WHERE code = ? AND state IN ('closed', 'archived') "
                                  "AND step IS NULL RETURNING step", (answer, code))
            if rows:
                return answer, True
            rows = await tx.fetch("SELECT step FROM rooms WHERE code = ? AND state IN ('closed', 'archived')",
                                  (code,))
        return (str(rows[0][0]) if rows and rows[0][0] is not None else None), False

    # ---- claims -----------------------------------------------------------------------------

    async def claim(self, code: str, helper: str, name: str) -> tuple[Claim, bool]:
        """Add a helper to a room (the next number), or find them there; True when newly added."""
        async with self.db.transaction() as tx:
            # The room's row is locked first: two workers claiming at once (PostgreSQL) would both read
            # the same top number and make two "Helper 1". SQLite's transactions are serial already.
            await tx.fetch("UPDATE rooms SET pinged = pinged WHERE code = ? RETURNING code", (code,))
            rows = await tx.fetch("SELECT number, name FROM room_claims WHERE code = ? AND helper = ?", (code, helper))
            if rows:
                return Claim(helper, int(rows[0][0]), str(rows[0][1])), False
            top = await tx.fetch("SELECT coalesce(max(number), 0) FROM room_claims WHERE code = ?", (code,))
            number = int(top[0][0]) + 1
            await tx.fetch("INSERT INTO room_claims (code, helper, number, name) VALUES (?, ?, ?, ?)",
                           (code, helper, number, name))
        return Claim(helper, number, name), True

    async def claims(self, code: str) -> list[Claim]:
        rows = await self.db.read("SELECT helper, number, name FROM room_claims WHERE code = ? ORDER BY number",
                                  (code,))
        return [Claim(str(r[0]), int(r[1]), str(r[2])) for r in rows]

    async def rooms_of_helper(self, helper: str, platform: str, place: str | None = None) -> list[RoomRow]:
        """The live rooms a helper is in (on one helpers' place, when given)."""
        query = (f"{_SELECT} JOIN room_claims c ON c.code = r.code WHERE c.helper = ? AND r.platform = ? "
                 "AND r.state IN ('open', 'claimed')")
        params: tuple[Any, ...] = (helper, platform)
        if place is not None:
            query += " AND r.place = ?"
            params += (place,)
        return [self._room(r) for r in await self.db.read(query + " ORDER BY r.code", params)]

    async def live_rooms(self, platform: str) -> list[RoomRow]:
        """Every open or claimed room of a platform (for re-checking who is still a helper)."""
        rows = await self.db.read(f"{_SELECT} WHERE r.platform = ? AND r.state IN ('open', 'claimed') ORDER BY r.code",
                                  (platform,))
        return [self._room(r) for r in rows]

    async def unclaim(self, code: str, helper: str) -> bool:
        async with self.db.transaction() as tx:
            rows = await tx.fetch("DELETE FROM room_claims WHERE code = ? AND helper = ? RETURNING code",
                                  (code, helper))
        return bool(rows)

    async def forget_helper(self, helper: str) -> None:
        """``/forget`` by a helper: their claims in every room, closed ones included."""
        async with self.db.transaction() as tx:
            await tx.fetch("DELETE FROM room_claims WHERE helper = ? RETURNING code", (helper,))

    # ---- what falls due ---------------------------------------------------------------------

    async def next_due_at(self, platforms: Sequence[str]) -> datetime | None:
        """The earliest room work for these platforms; long past when a room lost its owner."""
        names = sorted(platforms)
        if not names:
            return None
        marks = ",".join("?" for _ in names)
        orphans = await self.db.read(
            f"SELECT 1 FROM rooms r WHERE r.platform IN ({marks}) AND NOT EXISTS "
            "(SELECT 1 FROM room_owners o WHERE o.code = r.code) LIMIT 1", names)
        if orphans:
            return from_epoch(0)
        rows = await self.db.read(f"SELECT min(due_at) FROM rooms WHERE platform IN ({marks})", names)
        return from_epoch(rows[0][0]) if rows and rows[0][0] is not None else None

    async def due(self, platforms: Sequence[str], now: datetime) -> list[RoomRow]:
        """Rooms whose time came, and rooms whose owner is gone (``/forget``), oldest first."""
        names = sorted(platforms)
        if not names:
            return []
        marks = ",".join("?" for _ in names)
        rows = await self.db.read(
            f"{_SELECT} WHERE r.platform IN ({marks}) AND (r.due_at <= ? OR o.code IS NULL) "
            "ORDER BY r.due_at LIMIT 200", (*names, to_epoch(now)))
        return [self._room(r) for r in rows]

    async def move_due(self, code: str, expected: datetime | None, **changes: Any) -> bool:
        """Change a due room only if nobody moved it since it was read: one process acts on it."""
        values = {k: (to_epoch(v) if k in _TIMES and v is not None else v) for k, v in changes.items()}
        sets = ", ".join(f"{k} = ?" for k in values)
        async with self.db.transaction() as tx:
            if expected is None:
                rows = await tx.fetch(f"UPDATE rooms SET {sets} WHERE code = ? AND due_at IS NULL RETURNING code",
                                      (*values.values(), code))
            else:
                rows = await tx.fetch(f"UPDATE rooms SET {sets} WHERE code = ? AND due_at = ? RETURNING code",
                                      (*values.values(), code, to_epoch(expected)))
        return bool(rows)
