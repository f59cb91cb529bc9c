"""A fixture journal written straight into storage: moments at known times, topics, routes and ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import Store


@dataclass(frozen=True, slots=True)
class Entry:
    at: datetime
    topic: str = "texting"
    route: str | None = "internal"
    before: int | None = 4
    after: int | None = 2
    text: str = "he has not replied and I keep checking"


async def write_journal(store: Store, user_key: str, entries: list[Entry], *, tz: str | None = None) -> list[str]:
    """Insert the user (if new) and the entries; returns their ids in order."""
    ids = []
    async with store.transaction() as conn:
        first = int(min(e.at for e in entries).timestamp()) if entries else 0
        await conn.execute(
            "INSERT INTO users (user_key, tz, created_at, last_seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_key) DO UPDATE SET tz = coalesce(excluded.tz, users.tz)",
            (user_key, tz, first, first))
        for n, e in enumerate(entries):
            entry_id = f"{user_key}-{int(e.at.timestamp())}-{n:03d}"
            ids.append(entry_id)
            await conn.execute(
                "INSERT INTO journal (id, user_key, created_at, topic, route, intensity, intensity_after, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry_id, user_key, int(e.at.timestamp()), e.topic, e.route, e.before, e.after, e.text))
    return ids


def week_of_moments(end: datetime) -> list[Entry]:
    """Seven moments over the six days before ``end``: mostly texting from "my history", most eased."""
    return [
        Entry(end - timedelta(days=6, hours=2), "texting", "internal", 4, 2),
        Entry(end - timedelta(days=5, hours=3), "texting", "internal", 5, 3),
        Entry(end - timedelta(days=4, hours=1), "comparison", None, 3, None),
        Entry(end - timedelta(days=3, hours=5), "texting", "internal", 4, 4),
        Entry(end - timedelta(days=2, hours=2), "partner", "relationship", 5, 2),
        Entry(end - timedelta(days=1, hours=4), "texting", "internal", 3, 1),
        Entry(end - timedelta(hours=3), "jealousy", "internal", 2, 3),
    ]
