"""The storage contract both backends implement: SQLite (``storage/sqlite/store.py``, ``storage/sqlite/scheduled.py``)
and PostgreSQL (``storage/postgres/``). The engine, the pump and the adapters see only this.

How a feature adds storage, once for both backends:

1. Schema: append one migration to ``storage/migrations.py``. Write it in the shared subset of DDL
   (``TEXT``, ``INTEGER``, ``INTEGER PRIMARY KEY``, ``REFERENCES users(user_key) ON DELETE CASCADE``,
   ``CREATE INDEX``, partial indexes); ``storage/postgres/dialect.py`` translates it for PostgreSQL
   (``INTEGER`` → ``BIGINT``, ``INTEGER PRIMARY KEY`` → an identity column, ``WITHOUT ROWID`` dropped).
   A column holding a user's row must reference ``users`` with ``ON DELETE CASCADE`` so ``/forget``
   still deletes everything in one statement. Times are integer epoch seconds, JSON is ``TEXT``.
2. Queries: write the SQL once with ``?`` or ``:name`` placeholders; ``storage.postgres.dialect.sql``
   turns it into psycopg's ``%s`` / ``%(name)s``. Functions both engines know work unchanged (``coalesce``,
   ``min``, ``count``, ``lower``, ``substr``, ``json_patch`` — the last defined on PostgreSQL by its
   migrations). Use ``CAST(:x AS INTEGER)`` for a parameter that may be NULL and is only compared
   with ``IS NULL`` (PostgreSQL must know its type).
3. Methods: add the method to the ``Store`` protocol below, then to ``storage/sqlite/store.py`` (aiosqlite:
   ``self._conn.execute_fetchall``, writes inside ``self.transaction()``) and to
   ``storage/postgres/store.py`` (``self.fetch``/``self.fetch_one`` outside a transaction, or
   ``async with self.transaction() as tx`` then ``await tx.fetch(...)``), sharing the SQL string.
4. Words a user wrote (free text, anything they typed into a plan or a note) are sealed at rest:
   write ``self.sealer.seal(text)`` / read ``self.sealer.open(value)`` (``storage/sealing.py``) and add
   the column to ``SEALED_COLUMNS`` so exports open it. A query cannot match or sort on sealed text.
5. Tests: put ``pytestmark = pytest.mark.both_backends`` in the module and take ``db_path`` (a SQLite
   file or a PostgreSQL URL with a schema of its own, from ``tests/fakes/backends.py``) and
   ``open_store(str(db_path))``; every test then runs on both backends, so a difference fails the suite.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from storage.coordination import Claim, UpdateState
    from storage.sqlite.scheduled import DueItem, NextItem, Outcome
    from storage.sqlite.store import Snapshot
    from storage.unit_of_work import UnitOfWork, UserRow


def transient_errors() -> tuple[type[Exception], ...]:
    """What a caller may wait out and retry: SQLite busy/locked, PostgreSQL deadlocks, serialization
    failures, a dropped connection or an exhausted pool.

    PostgreSQL's class is included once psycopg is loaded, which only the PostgreSQL store does:
    importing psycopg costs a SQLite-only bot ~0.1 s of start-up for errors it cannot raise.
    """
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.OperationalError, psycopg.OperationalError) if psycopg else (sqlite3.OperationalError,)


@runtime_checkable
class Store(Protocol):
    """Durable state of every user: one transaction per unit of work, export and erase."""

    backend: str  # "sqlite" or "postgres"

    async def close(self) -> None: ...

    async def load(self, user_key: str, chat_id: str) -> Snapshot:
        """The user's row and their conversation in one chat, read together."""

    async def apply(self, uow: UnitOfWork) -> int | None:
        """Commit a unit of work atomically; the new conversation version, or raise ``VersionConflict``."""

    async def export_user(self, user_key: str) -> dict[str, Any]:
        """Everything stored about one user (``/mydata``), identical JSON on both backends."""

    async def count_rows_for(self, user_key: str) -> int:
        """Rows in any table that mention this user (proves ``/forget``)."""

    async def user_tables(self) -> list[str]: ...

    async def recent_journal(self, user_key: str, since: datetime) -> list[dict[str, Any]]: ...

    async def safety_plan(self, user_key: str) -> dict[str, Any]: ...

    async def has_pending_since(self, user_key: str, chat_id: str, since: datetime) -> bool: ...

    async def mark_unreachable(self, user_key: str, now: datetime) -> None: ...

    async def get_meta(self, key: str) -> str | None: ...

    async def set_meta(self, key: str, value: str) -> None: ...

    async def recent_tips(self, user_key: str, since: datetime) -> list[str]: ...

    async def fetch_all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        """One statement in the shared dialect (``?`` placeholders), on its own; for tests, benches, operators."""

    async def ping(self) -> bool:
        """Whether the database answers right now (``/healthz``)."""

    async def write_returning(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        """One statement in its own write transaction; its RETURNING rows."""

    # Several workers on one database (storage/coordination.py, the same SQL on both backends).
    async def acquire_lease(self, name: str, holder: str, ttl_s: float) -> bool: ...

    async def release_lease(self, name: str, holder: str) -> bool: ...

    async def lease_holder(self, name: str) -> str | None: ...

    async def claim_update(self, key: str, worker: str, stale_s: float) -> Claim:
        """Claim a platform update for handling: ``ours``, ``busy`` (a live worker has it) or ``done``."""

    async def renew_update(self, key: str, worker: str) -> bool: ...

    async def update_state(self, key: str) -> UpdateState | None: ...

    async def finish_update(self, key: str) -> None: ...

    def queue(self, worker: str) -> ScheduleQueue:
        """The due-item queue over this store, claiming under ``worker``'s name."""


class ScheduleQueue(Protocol):
    """Claim, lease and finish scheduled rows; the database is the only source of truth."""

    worker: str

    async def next_due_at(self, platforms: Iterable[str] | None = None) -> datetime | None: ...

    async def claim(self, now: datetime, limit: int, platforms: Iterable[str] | None = None,
                    stamp: datetime | None = None) -> list[DueItem]: ...

    async def expired_claims(self, now: datetime, lease: timedelta, platforms: Iterable[str] | None = None,
                             limit: int = 1_000_000, stale_after: timedelta | None = None) -> list[DueItem]: ...

    async def charge_takeovers(self, item_ids: Sequence[int]) -> set[int]: ...

    async def beat(self) -> None: ...

    async def leave(self) -> None: ...

    async def mark_sending(self, item_ids: Sequence[int], stamp: datetime, again: bool = False) -> set[int]: ...

    async def users(self, user_keys: Iterable[str]) -> dict[str, UserRow]: ...

    async def finish(self, outcomes: Sequence[Outcome], now: datetime,
                     follow_ons: Sequence[tuple[int, NextItem]] = ()) -> int: ...

    async def insert_next(self, nxt: NextItem, now: datetime) -> None: ...

    async def counts(self, user_key: str | None = None) -> dict[tuple[str, str], int]: ...


def is_postgres_url(target: str) -> bool:
    """``postgres://…`` and ``postgresql://…`` (what hosts put in ``DATABASE_URL``) select PostgreSQL."""
    return target.startswith(("postgres://", "postgresql://"))


async def open_store(target: str) -> Store:
    """A PostgreSQL URL opens the PostgreSQL backend; anything else is a SQLite file (or ``:memory:``)."""
    if is_postgres_url(target):
        from storage.postgres import PostgresStore

        return await PostgresStore.open(target)
    from storage.sqlite.store import Store as SqliteStore

    return await SqliteStore.open(target)
