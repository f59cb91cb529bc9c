"""Durable state behind one contract (``storage.contract.Store``), with two backends side by side:
SQLite through aiosqlite (``storage/sqlite/store.py``, ``storage/sqlite/scheduled.py``; the embedded default) and
PostgreSQL through psycopg (``storage/postgres/``; ``DATABASE_URL``, any number of workers)."""

from storage.contract import ScheduleQueue, Store, is_postgres_url, open_store
from storage.sqlite.store import AlreadyApplied, Snapshot, StoreUnavailable, VersionConflict
from storage.sqlite.store import Store as SqliteStore
from storage.unit_of_work import (
    ConversationRow,
    JournalWrite,
    PositionWrite,
    ScheduleWrite,
    UnitOfWork,
    UserRow,
)

__all__ = [
    "AlreadyApplied",
    "ConversationRow",
    "JournalWrite",
    "PositionWrite",
    "ScheduleQueue",
    "ScheduleWrite",
    "Snapshot",
    "SqliteStore",
    "Store",
    "StoreUnavailable",
    "UnitOfWork",
    "UserRow",
    "VersionConflict",
    "is_postgres_url",
    "open_store",
]
