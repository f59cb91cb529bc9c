"""Durable state in SQLite through aiosqlite: users, conversations, journal, scheduled items."""

from storage.store import Snapshot, Store, StoreUnavailable, VersionConflict
from storage.unit_of_work import (
    ConversationRow,
    JournalWrite,
    PositionWrite,
    ScheduleWrite,
    UnitOfWork,
    UserRow,
)

__all__ = [
    "ConversationRow",
    "JournalWrite",
    "PositionWrite",
    "ScheduleWrite",
    "Snapshot",
    "Store",
    "StoreUnavailable",
    "UnitOfWork",
    "UserRow",
    "VersionConflict",
]
