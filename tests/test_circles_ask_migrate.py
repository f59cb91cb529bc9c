"""``migrate-db`` with circles: tables copied parents first, and new asks get ids after the copied ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import open_store
from storage.circle_asks import Asker, CircleAskStore
from storage.circles import CircleRow, CircleStore
from storage.postgres.copy_from_sqlite import copy_sqlite_to_postgres

NOW = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
CIRCLE = CircleRow("telegram:-100", "telegram", "-100", "en", "UTC", "19:00", NOW)
ASKER = Asker("telegram:42", "42", "en")
DAY = "2026-03-02"


async def test_migrate_db_copies_circles_parents_first_and_ids_continue(tmp_path: Path, postgres_url: str) -> None:
    source = tmp_path / "circles.sqlite3"
    store = await open_store(str(source))
    await CircleStore(store).save(CIRCLE, NOW)
    asks = CircleAskStore(store)
    await asks.join(CIRCLE.circle_key, ASKER.user_key, "Support", "en", NOW)
    await asks.create(CIRCLE.circle_key, ASKER, "Would you be worried?", DAY, NOW, NOW + timedelta(days=1))
    (ask,) = await asks.asks_of(ASKER.user_key)
    await asks.answer(ask.ask_id, "telegram:7", "not")
    await store.close()
    counts = await copy_sqlite_to_postgres(source, postgres_url)
    assert all(c.ok for c in counts)
    assert {c.table: c.source for c in counts}["circle_ask_answers"] == 1
    target = await open_store(postgres_url)
    try:
        moved = CircleAskStore(target)
        other = Asker("telegram:43", "43", "en")
        await moved.join(CIRCLE.circle_key, other.user_key, None, "en", NOW)
        created = await moved.create(CIRCLE.circle_key, other, "And you?", DAY, NOW, NOW + timedelta(days=1))
        assert created.ask is not None and created.ask.ask_id > ask.ask_id
    finally:
        await target.close()
