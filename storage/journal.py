"""Reading the trigger journal back: pages for /journal, ranges for charts, rows for the CSV export.

Writes stay in the unit of work (``JournalWrite``, ``UnitOfWork.journal_deletes``) so a change
commits with the rest of its event; this module only reads. The SQL is the shared dialect of
``storage/contract.py`` run through ``Store.fetch_all``, so it works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storage.contract import Store
from storage.sealing import open_row
from storage.sqlite.store import to_epoch

# What /journal and the charts may show: never the user's own words (``text``).
_SHOWN = "id, created_at, topic, route, intensity, intensity_after"
# The export is the user's own copy, so it carries everything, their words included.
CSV_COLUMNS: tuple[str, ...] = ("id", "created_at", "topic", "route", "intensity", "intensity_after", "text")


@dataclass(frozen=True, slots=True)
class Moment:
    """One journaled hard moment, without what the user wrote."""

    id: str
    created_at: datetime
    topic: str
    route: str | None
    intensity: int | None
    intensity_after: int | None


def _moment(row: Sequence[Any]) -> Moment:
    entry_id, created_at, topic, route, intensity, intensity_after = row
    return Moment(id=entry_id, created_at=datetime.fromtimestamp(created_at, UTC), topic=topic, route=route,
                  intensity=intensity, intensity_after=intensity_after)


class JournalReader:
    """Read-only queries over the ``journal`` table of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def page(self, user_key: str, *, before: tuple[int, str] | None = None, limit: int = 10) -> list[Moment]:
        """The newest moments, newest first; ``before`` is the (epoch, id) of the last one already shown."""
        if before is None:
            sql = f"SELECT {_SHOWN} FROM journal WHERE user_key = ? ORDER BY created_at DESC, id DESC LIMIT ?"
            params: Sequence[Any] = (user_key, limit)
        else:
            sql = (f"SELECT {_SHOWN} FROM journal WHERE user_key = ? AND (created_at < ? OR "
                   "(created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?")
            params = (user_key, before[0], before[0], before[1], limit)
        return [_moment(r) for r in await self.store.fetch_all(sql, params)]

    async def one(self, user_key: str, entry_id: str) -> Moment | None:
        rows = await self.store.fetch_all(
            f"SELECT {_SHOWN} FROM journal WHERE user_key = ? AND id = ?", (user_key, entry_id))
        return _moment(rows[0]) if rows else None

    async def between(self, user_key: str, start: datetime, end: datetime) -> list[Moment]:
        """Moments with ``start <= created_at < end``, oldest first."""
        rows = await self.store.fetch_all(
            f"SELECT {_SHOWN} FROM journal WHERE user_key = ? AND created_at >= ? AND created_at < ? "
            "ORDER BY created_at, id", (user_key, to_epoch(start), to_epoch(end)))
        return [_moment(r) for r in rows]

    async def export_rows(self, user_key: str) -> list[dict[str, Any]]:
        """Every column of every entry, oldest first, with times as ISO-8601 UTC (for the CSV)."""
        rows = await self.store.fetch_all(
            f"SELECT {', '.join(CSV_COLUMNS)} FROM journal WHERE user_key = ? ORDER BY created_at, id", (user_key,))
        out = []
        for r in rows:
            # The user's words may be sealed at rest (storage/sealing.py): opened for their own copy.
            row = open_row(self.store.sealer, "journal", dict(zip(CSV_COLUMNS, r, strict=True)))
            row["created_at"] = datetime.fromtimestamp(row["created_at"], UTC).isoformat()
            out.append(row)
        return out
