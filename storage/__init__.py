"""Durable state in SQLite through aiosqlite: users, conversations, journal, scheduled items."""

from storage.store import Snapshot, Store, VersionConflict
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
    "UnitOfWork",
    "UserRow",
    "VersionConflict",
]
