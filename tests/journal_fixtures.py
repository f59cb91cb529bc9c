"""A fixture journal written straight into storage: moments at known times, topics, routes and ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import JournalWrite, Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class Entry:
    at: datetime
    topic: str = "texting"
    route: str | None = "internal"
    before: int | None = 4
    after: int | None = 2
    text: str = "he has not replied and I keep checking"


async def write_journal(store: Store, user_key: str, entries: list[Entry], *, tz: str | None = None) -> list[str]:
    """Insert the user (if new) and the entries through units of work, on either backend; returns their ids."""
    ids = []
    for n, e in enumerate(entries):
        entry_id = f"{user_key}-{int(e.at.timestamp())}-{n:03d}"
        ids.append(entry_id)
        # The first write inserts the entry; the second sets what the trigger flow sets later.
        await store.apply(UnitOfWork(
            user_key=user_key, chat_id="fixture", now=e.at, user_fields={"tz": tz} if tz else {},
            journal=[JournalWrite(entry_id, topic=e.topic, text=e.text),
                     JournalWrite(entry_id, route=e.route, intensity=e.before, intensity_after=e.after)]))
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
