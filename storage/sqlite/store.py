"""The one storage contract: load a user's state, apply a unit of work, export, forget."""

from __future__ import annotations

import asyncio
import functools
import json
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage import jsoncodec
from storage.coordination import APPLIED, FORGET_REPLIES, Coordination
from storage.migrations import MIGRATIONS
from storage.sealing import CLEAR, Sealer, open_row
from storage.sqlite.checkpoint import Checkpointer
from storage.sqlite.group_commit import GroupCommit
from storage.unit_of_work import ConversationRow, UnitOfWork, UserRow

T = TypeVar("T")

# export_user's keys -> their tables (for opening sealed columns).
# What /mydata exports, written once for both backends (ordered fully, so both export alike).
EXPORT_QUERIES = {
    "user": "SELECT * FROM users WHERE user_key = ?",
    "conversations": "SELECT * FROM conversations WHERE user_key = ? ORDER BY chat_id",
    "journal": "SELECT * FROM journal WHERE user_key = ? ORDER BY created_at, id",
    "scheduled": "SELECT * FROM scheduled WHERE user_key = ? ORDER BY due_at, id",
    "safety_plan": "SELECT * FROM safety_plans WHERE user_key = ?",
    "tips_sent": "SELECT * FROM tips_sent WHERE user_key = ? ORDER BY sent_at",
    "circle_memberships": "SELECT * FROM circle_members WHERE user_key = ? ORDER BY circle_key",
    # Help rooms (branch rooms): the user's own rooms while they exist, with what they wrote for them.
    "rooms": "SELECT r.code, r.state, r.help, r.summary, r.created_at, r.last_message_at, r.closed_at "
             "FROM room_owners o JOIN rooms r ON r.code = o.code WHERE o.user_key = ? ORDER BY r.created_at, r.code",
    # ... and the rooms they are a helper in: the code, their number there and the name the card shows.
    "room_claims": "SELECT code, number, name FROM room_claims WHERE helper = ? ORDER BY code",
}
EXPORT_TABLES = {"user": "users", "conversations": "conversations", "journal": "journal", "scheduled": "scheduled",
                 "safety_plan": "safety_plans", "tips_sent": "tips_sent",
                 "circle_memberships": "circle_members", "rooms": "rooms",
                 "room_claims": "room_claims"}


class StoreUnavailable(RuntimeError):
    """The database cannot be opened or written (read-only file or folder, full disk, not a database)."""


class VersionConflict(Exception):
    """The conversation moved on since it was read (another event or process got there first)."""


class AlreadyApplied(Exception):
    """The platform update this unit answers was applied already (by another worker): nothing was written."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A user's row and their conversation in one chat, read together."""

    user: UserRow | None
    conversation: ConversationRow | None


_NOT_A_RACE = ("SQLITE_READONLY", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_NOTADB",
               "SQLITE_CORRUPT", "SQLITE_PERM")


_OPEN_TRIES = 5


def _busy(exc: sqlite3.OperationalError) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _open_here(path: str, journal_size_limit: int) -> sqlite3.Connection:
    """The event loop thread's connection: loads and lone commits; it never waits on a lock (the loop must not)."""
    here = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0)
    here.row_factory = sqlite3.Row
    # Per-connection settings, as on aiosqlite's connection: a commit here is the same commit.
    here.execute("PRAGMA synchronous=NORMAL")
    here.execute("PRAGMA foreign_keys=ON")
    # The autocheckpoint setting is per connection: left at SQLite's default, the commit that
    # takes the log past 1,000 pages would copy them back and flush the file on the loop's thread
    # (tens of ms). The checkpointer's own connection does that, beside the loop (checkpoint.py).
    here.execute("PRAGMA wal_autocheckpoint=0")
    # Also per connection: whichever commit starts the log over cuts a longer file back to this.
    here.execute(f"PRAGMA journal_size_limit={journal_size_limit}")
    return here


def _reason(exc: BaseException) -> str:
    # SQLite's and the OS's messages name the condition (never a user's words); one line of it.
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def to_epoch(when: datetime) -> int:
    return int(when.timestamp())


def from_epoch(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


# The columns of either backend's load query, in the order ``_LOAD`` selects them.
LOAD_COLUMNS = ("user_key", "locale", "tz", "country", "settings", "unreachable",
                "flow", "step", "data", "version", "expires_at", "updated_at")


def snapshot_from_row(row: Any, sealer: Sealer) -> Snapshot:
    """A user and their conversation from one row of either backend's load query, read by column name."""
    return snapshot_from_values([row[name] for name in LOAD_COLUMNS], sealer)


def snapshot_from_values(values: Any, sealer: Sealer) -> Snapshot:
    """The same from the row's values in ``LOAD_COLUMNS`` order (SQLite's own row, read by position).

    Reading a ``sqlite3.Row`` by name compares each name with every column's until it matches;
    unpacking it once does not (a few µs of every load, bench/README, discord).
    """
    user_key, locale, tz, country, settings, unreachable, flow, step, data, version, expires_at, updated_at = values
    user = None
    if user_key is not None:
        user = UserRow(
            user_key=user_key, locale=locale, tz=tz, country=country,
            settings=jsoncodec.loads(settings), unreachable=bool(unreachable),
        )
    conversation = None
    opened = sealer.open_json_or_none(data) if version is not None else None
    if opened is not None:  # unreadable without its key: start afresh rather than fail every message
        conversation = ConversationRow(
            flow=flow, step=step, data=opened, version=version,
            expires_at=from_epoch(expires_at), updated_at=from_epoch(updated_at),
        )
    return Snapshot(user, conversation)


# Compact, keys sorted (storage/jsoncodec.py): kept importable from here for both stores.
dumps = jsoncodec.dumps


_LOAD = """
SELECT u.user_key, u.locale, u.tz, u.country, u.settings, u.unreachable,
       c.flow, c.step, c.data, c.version, c.expires_at, c.updated_at
FROM (SELECT ? AS user_key, ? AS chat_id) AS k
LEFT JOIN users u ON u.user_key = k.user_key
LEFT JOIN conversations c ON c.user_key = k.user_key AND c.chat_id = k.chat_id
"""

_UPSERT_POSITION = """
INSERT INTO conversations (user_key, chat_id, flow, step, data, version, expires_at, updated_at)
VALUES (:user_key, :chat_id, :flow, :step, :data, 1, :expires_at, :now)
ON CONFLICT (user_key, chat_id) DO UPDATE SET
    flow = excluded.flow, step = excluded.step, data = excluded.data,
    version = conversations.version + 1, expires_at = excluded.expires_at, updated_at = excluded.updated_at
WHERE :expected IS NULL OR conversations.version = :expected
RETURNING version
"""

# The common position writes, without RETURNING: inside a transaction a statement with RETURNING
# gets a statement journal (a 64 KiB chunk allocated for it, every page it changes copied there
# first, freed at its end). In the Discord bench the write went from ~46 to ~17 µs of CPU
# (bench/README, discord). When either finds nothing to do (the row moved on, vanished, or
# already exists), ``_UPSERT_POSITION`` decides, exactly as it always did.
_UPDATE_POSITION = """
UPDATE conversations SET flow = :flow, step = :step, data = :data, version = version + 1,
    expires_at = :expires_at, updated_at = :now
WHERE user_key = :user_key AND chat_id = :chat_id AND version = :expected
"""
_INSERT_POSITION = """
INSERT INTO conversations (user_key, chat_id, flow, step, data, version, expires_at, updated_at)
VALUES (:user_key, :chat_id, :flow, :step, :data, 1, :expires_at, :now)
ON CONFLICT (user_key, chat_id) DO NOTHING
"""

_USER_FIELDS = ("locale", "tz", "country", "unreachable")


# Cached: a unit sets one of a handful of field combinations, and the SQL text of each is built once.
@functools.cache
def _upsert_user(fields: tuple[str, ...], patch: bool) -> str:
    """One statement for the user's row: created or touched, its fields set, its settings patched.

    A new row's settings are the patch applied to the column's default ``{}``, as the separate
    ``UPDATE … json_patch`` did (a null in the patch removes a key, never stores it).
    """
    cols = "".join(f", {k}" for k in fields) + (", settings" if patch else "")
    values = "".join(f", :{k}" for k in fields) + (", json_patch('{}', :patch)" if patch else "")
    sets = "".join(f", {k} = excluded.{k}" for k in fields)
    sets += ", settings = json_patch(users.settings, :patch)" if patch else ""
    return (f"INSERT INTO users (user_key, created_at, last_seen_at{cols}) VALUES (:user_key, :now, :now{values}) "
            f"ON CONFLICT (user_key) DO UPDATE SET last_seen_at = excluded.last_seen_at{sets}")


def _write_position(conn: sqlite3.Connection, uow: UnitOfWork, now: int, sealer: Sealer) -> int:
    """The conversation's new position; its new version, or ``VersionConflict``."""
    p = uow.position
    assert p is not None
    params = {
        "user_key": uow.user_key, "chat_id": uow.chat_id, "flow": p.flow, "step": p.step,
        "data": sealer.seal(dumps(p.data)), "expires_at": to_epoch(p.expires_at) if p.expires_at else None,
        "now": now, "expected": p.expected_version,
    }
    if p.expected_version is not None:
        if conn.execute(_UPDATE_POSITION, params).rowcount == 1:
            return p.expected_version + 1
    elif conn.execute(_INSERT_POSITION, params).rowcount == 1:
        return 1
    rows = conn.execute(_UPSERT_POSITION, params).fetchall()
    if not rows:
        raise VersionConflict(uow.user_key)
    return int(rows[0][0])


class Store(Coordination):
    """aiosqlite-backed storage; writes are serialised so each unit of work is one transaction."""

    backend = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        # One connection is shared by every coroutine; without this lock two events'
        # statements could interleave inside one SQLite transaction.
        self._write_lock = asyncio.Lock()
        # Units commit on the loop's connection below, a loop turn's together (a file; ``:memory:``
        # has none and goes through the queue alone).
        self._group = GroupCommit(conn, self._write_lock, write_unit)
        self._checkpointer: Checkpointer | None = None
        # ``load`` runs on the event loop's own thread, on a second connection: a primary-key
        # lookup takes tens of microseconds, while a hop to aiosqlite's thread waits for the OS to
        # schedule that thread (most of an engine step under load: bench/README, discord). WAL
        # lets it read beside the writer; it sees every unit of work once its COMMIT returned.
        # Lone units commit on it too, so its page cache stays current and it never needs its
        # ``busy_timeout`` switched (aiosqlite's connection keeps its own for the queue).
        self._here: sqlite3.Connection | None = None

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        """Open, migrate and prove the database writable; raises ``StoreUnavailable`` (one clear line) if not.

        On any failure the connection is closed: aiosqlite's thread would otherwise keep the
        process alive, a start-up that hangs instead of exiting.
        """
        path = str(path)
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # Not bound to aiosqlite's thread: an idle connection also commits on the loop's (group_commit.py).
            conn = await aiosqlite.connect(path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"database {path} cannot be opened: {_reason(exc)}") from None
        try:
            conn.row_factory = sqlite3.Row
            store = cls(conn, path)
            for attempt in range(_OPEN_TRIES):
                try:
                    await conn.execute("PRAGMA busy_timeout=5000")
                    await conn.execute("PRAGMA journal_mode=WAL")
                    await conn.execute("PRAGMA synchronous=NORMAL")
                    await conn.execute("PRAGMA foreign_keys=ON")
                    await store._migrate()
                    await store._prove_writable()
                    break
                except sqlite3.OperationalError as exc:
                    # Two processes opening a new file at once: switching it to WAL or the first
                    # write can meet the other's lock without the busy handler waiting (a lock
                    # upgrade SQLite refuses at once). Every step here is safe to run again.
                    if not _busy(exc) or attempt == _OPEN_TRIES - 1:
                        raise
                    if conn.in_transaction:
                        await conn.execute("ROLLBACK")
                    await asyncio.sleep(0.05 * (attempt + 1))
            if path != ":memory:":
                store._checkpointer = checkpointer = Checkpointer(path)
                await conn.execute("PRAGMA wal_autocheckpoint=0")
                await conn.execute(f"PRAGMA journal_size_limit={checkpointer.journal_size_limit}")
                await checkpointer.start()
                store._here = store._group.here_conn = _open_here(path, checkpointer.journal_size_limit)
                store._group.brief_hold = checkpointer.holding.is_set
        except BaseException as exc:
            await conn.close()
            if isinstance(exc, sqlite3.Error | OSError):
                raise StoreUnavailable(f"database {path} is not usable: {_reason(exc)}") from None
            raise
        return store

    async def _prove_writable(self) -> None:
        # SQLite opens a read-only file read-only without a word; only a real write shows it.
        async with self.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('opened_at', datetime('now')) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value")

    @property
    def sealer(self) -> Sealer:  # type: ignore[override]
        return self._group.sealer

    @sealer.setter
    def sealer(self, value: Sealer) -> None:
        self._group.sealer = value

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._conn

    async def close(self) -> None:
        if self._checkpointer is not None:
            await self._checkpointer.stop()
        if self._here is not None:
            self._group.drain_here()  # units waiting for the loop's next turn commit before it closes
            self._group.here_conn = None
            self._here.close()
            self._here = None
        await self._group.settled()  # what drained to the queue (a lock, a refusal) is written before the close
        await self._conn.close()
        # aiosqlite resolves close() from its thread just before that thread returns: a caller that checks for
        # live threads at once (a supervisor, the runner's start-up failure) could still see it. It is past its
        # last statement, so this join takes microseconds.
        thread = getattr(self._conn, "_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=1.0)

    async def _migrate(self) -> None:
        """Apply missing migrations; a second process opening a new file at once waits and re-reads."""
        for _attempt in range(5):
            (current,) = await (await self._conn.execute("PRAGMA user_version")).fetchone()
            try:
                for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
                    await self._conn.executescript(
                        f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
                return
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorname", "").startswith(_NOT_A_RACE):
                    raise  # a read-only file or a full disk is not another process racing us
                # Another process migrated between our read and our BEGIN: roll back, read again.
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                await asyncio.sleep(0.05)
        raise RuntimeError("could not migrate the database: another process keeps changing it")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; ``BEGIN IMMEDIATE`` so two processes never interleave writes."""
        async with self._write_lock:
            if self._conn.in_transaction:
                # Left open by a task cancelled while its BEGIN ran on the worker thread.
                await self._conn.execute("ROLLBACK")
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
            except asyncio.CancelledError:
                # The BEGIN still runs on the worker thread; end it there before giving up the
                # lock, or this connection would hold the database's write lock until next time.
                await asyncio.shield(self._end_abandoned_begin())
                raise
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            else:
                await self._conn.execute("COMMIT")

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one ``BEGIN IMMEDIATE … COMMIT`` on the connection's thread: one hop, not one per statement.

        The pump records every send this way; on a busy machine each hop to aiosqlite's thread
        waits for the OS to schedule it, and the time a record takes is the time a kill can
        catch an item on the wire.
        """
        async with self._write_lock:
            # Same private entry point as group commit (see storage/sqlite/group_commit.py, and the pin).
            return await self._conn._execute(_in_transaction, self._conn._conn, fn)  # type: ignore[attr-defined]

    async def _end_abandoned_begin(self) -> None:
        await self._conn.execute("SELECT 1")  # queued after the BEGIN: runs once it has
        if self._conn.in_transaction:
            await self._conn.execute("ROLLBACK")

    async def load(self, user_key: str, chat_id: str) -> Snapshot:
        row = (await self._read(_LOAD, (user_key, chat_id)))[0]
        return snapshot_from_values(row, self.sealer)

    async def _read(self, sql: str, params: Any) -> list[Any]:
        """A small indexed read (one user's rows), on the loop's own connection when it can serve it.

        A hop to aiosqlite's thread waits for the OS to schedule that thread and then for the GIL,
        which a busy loop hands over only every few ms (bench/README, engine): longer than the
        read. WAL lets the loop's connection read beside any writer; it sees every unit of work
        once its COMMIT returned. A refusal (busy for a moment during a recovery, a lock, a
        failing file) goes through aiosqlite's thread, which may wait, or says why.
        """
        if self._here is not None:
            try:
                # fetchall, not fetchone: the statement runs to its end, so no read transaction
                # (and no old snapshot of the database) stays open on this connection.
                return self._here.execute(sql, params).fetchall()
            except sqlite3.Error:
                pass
        return list(await self._conn.execute_fetchall(sql, params))

    async def apply(self, uow: UnitOfWork) -> int | None:
        """Commit the unit of work atomically; returns the new conversation version (None if untouched).

        Raises ``VersionConflict`` when the conversation moved on since it was read.
        """
        return await self._group.submit(uow)

    async def export_user(self, user_key: str) -> dict[str, Any]:
        """Everything stored about one user, as plain JSON-ready data."""
        out: dict[str, Any] = {"user_key": user_key}
        for name, sql in EXPORT_QUERIES.items():
            rows = [decode_row(open_row(self.sealer, EXPORT_TABLES[name], dict(r)))
                    for r in await self._conn.execute_fetchall(sql, (user_key,))]
            out[name] = rows[0] if name in {"user", "safety_plan"} and rows else rows
        return out

    async def count_rows_for(self, user_key: str) -> int:
        """How many rows in any table mention this user (used to prove ``/forget``)."""
        total = 0
        for table in await self.user_tables():
            (n,) = next(iter(await self._conn.execute_fetchall(
                f"SELECT count(*) FROM {table} WHERE user_key = ?", (user_key,))))
            total += n
        return total

    async def user_tables(self) -> list[str]:
        rows = await self._conn.execute_fetchall(
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND p.name = 'user_key'")
        return [r[0] for r in rows]

    async def recent_journal(self, user_key: str, since: datetime) -> list[dict[str, Any]]:
        rows = await self._read(
            "SELECT * FROM journal WHERE user_key = ? AND created_at >= ? ORDER BY created_at",
            (user_key, to_epoch(since)))
        return [open_row(self.sealer, "journal", dict(r)) for r in rows]

    async def safety_plan(self, user_key: str) -> dict[str, Any]:
        rows = await self._read("SELECT data FROM safety_plans WHERE user_key = ?", (user_key,))
        return (self.sealer.open_json_or_none(rows[0][0]) or {}) if rows else {}

    async def has_pending_since(self, user_key: str, chat_id: str, since: datetime) -> bool:
        """Whether an item for this chat was scheduled at or after ``since`` and is still pending."""
        rows = await self._read(
            "SELECT 1 FROM scheduled WHERE user_key = ? AND chat_id = ? AND status = 'pending' "
            "AND created_at >= ? LIMIT 1", (user_key, chat_id, to_epoch(since)))
        return bool(rows)

    async def mark_unreachable(self, user_key: str, now: datetime) -> None:
        """The platform says the user blocked us: cancel what is pending until they write again."""
        async with self.transaction() as conn:
            await conn.execute("UPDATE users SET unreachable = 1 WHERE user_key = ?", (user_key,))
            await conn.execute(
                "UPDATE scheduled SET status = 'cancelled', done_at = ?, note = 'unreachable' "
                "WHERE user_key = ? AND status IN ('pending', 'claimed', 'sending')", (to_epoch(now), user_key))

    async def get_meta(self, key: str) -> str | None:
        """A small process-wide value, such as the hash of the last synced command set."""
        rows = await self._conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    async def set_meta(self, key: str, value: str) -> None:
        async with self.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    async def recent_tips(self, user_key: str, since: datetime) -> list[str]:
        rows = await self._read(
            "SELECT tip FROM tips_sent WHERE user_key = ? AND sent_at >= ?", (user_key, to_epoch(since)))
        return [r[0] for r in rows]

    # ---- the rest of storage.contract.Store ---------------------------------------------

    def queue(self, worker: str) -> Any:
        from storage.sqlite.scheduled import ScheduledQueue

        return ScheduledQueue(self, worker)

    async def fetch_all(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await self._conn.execute_fetchall(sql, params)]

    async def write_returning(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        async with self.transaction() as conn:
            return [tuple(r) for r in await conn.execute_fetchall(sql, params)]

    async def ping(self) -> bool:
        try:
            return list(await self.fetch_all("SELECT 1")) == [(1,)]
        except (sqlite3.Error, ValueError):
            return False


def _in_transaction(db: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    if db.in_transaction:  # left open by a cancelled task; nothing of ours is in it
        db.execute("ROLLBACK")
    db.execute("BEGIN IMMEDIATE")
    try:
        result = fn(db)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return result


def decode_row(row: dict[str, Any]) -> dict[str, Any]:
    """Turn stored JSON columns and epoch times back into readable values for exports."""
    for key in ("settings", "data", "payload"):
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    for key, value in list(row.items()):
        if key.endswith("_at") and isinstance(value, int):
            row[key] = datetime.fromtimestamp(value, UTC).isoformat()
    return row


def write_unit(conn: sqlite3.Connection, uow: UnitOfWork, sealer: Sealer = CLEAR) -> int | None:
    """Write a unit of work inside an open transaction, on the connection's own thread."""
    now = to_epoch(uow.now)
    if uow.delivery_key is not None and not conn.execute(
            APPLIED, (uow.delivery_key, now, sealer.seal(uow.delivery_replies or "[]"),
                      None if uow.forget else uow.user_key)).fetchall():
        raise AlreadyApplied(uow.delivery_key)
    if uow.forget:
        conn.execute(FORGET_REPLIES, (uow.user_key,))
        conn.execute("DELETE FROM users WHERE user_key = ?", (uow.user_key,))
        return None
    fields = {k: v for k, v in uow.user_fields.items() if k in _USER_FIELDS} if uow.user_fields else {}
    params: dict[str, Any] = {"user_key": uow.user_key, "now": now, **fields}
    if uow.settings_patch:
        params["patch"] = dumps(uow.settings_patch)
    conn.execute(_upsert_user(tuple(fields), bool(uow.settings_patch)), params)
    version = None
    if uow.position is not None:
        version = _write_position(conn, uow, now, sealer)
    for j in uow.journal:
        conn.execute(
            "INSERT INTO journal (id, user_key, created_at, topic, text) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET route = coalesce(?, route), intensity = coalesce(?, intensity), "
            "intensity_after = coalesce(?, intensity_after)",
            (j.entry_id, uow.user_key, now, j.topic or "other", sealer.seal(j.text or ""),
             j.route, j.intensity, j.intensity_after))
    for entry_id in uow.journal_deletes:
        conn.execute("DELETE FROM journal WHERE user_key = ? AND id = ?", (uow.user_key, entry_id))
    if uow.cancel_kinds:
        marks = ",".join("?" for _ in uow.cancel_kinds)
        conn.execute(
            f"UPDATE scheduled SET status = 'cancelled', done_at = ? WHERE user_key = ? "
            f"AND status IN ('pending', 'claimed', 'sending') AND kind IN ({marks})",
            (now, uow.user_key, *uow.cancel_kinds))
    for s in uow.schedule:
        if s.supersede:
            conn.execute(
                "UPDATE scheduled SET status = 'superseded', done_at = ? "
                "WHERE user_key = ? AND kind = ? AND status = 'pending'", (now, uow.user_key, s.kind))
        conn.execute(
            "INSERT INTO scheduled (user_key, chat_id, kind, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (uow.user_key, s.chat_id, s.kind, to_epoch(s.due_at), dumps(s.payload), now))
    if uow.safety_plan is not None:
        conn.execute(
            "INSERT INTO safety_plans (user_key, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (uow.user_key, sealer.seal(dumps(uow.safety_plan)), now))
    for tip in uow.tips:
        conn.execute("INSERT INTO tips_sent (user_key, tip, sent_at) VALUES (?, ?, ?)",
                           (uow.user_key, tip, now))
    return version
