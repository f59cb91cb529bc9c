"""Moderation storage on both backends: reports counted once per member and forgotten with the post; a
circle's move carries every column and every table keyed by it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import open_store
from storage.circle_asks import Asker, CircleAskStore
from storage.circle_moderation import CIRCLE_TABLES, MOVED_COLUMNS, ModerationStore, reporter_key
from storage.circle_pacing import CheckinRetries
from storage.circles import CircleRow, CircleStore

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
CIRCLE = CircleRow("telegram:-100", "telegram", "-100", "en", "UTC", "19:00", NOW)


@pytest.fixture
async def stores(db_path: Path | str) -> AsyncIterator[tuple[CircleStore, ModerationStore]]:
    store = await open_store(str(db_path))
    circles = CircleStore(store)
    await circles.save(CIRCLE, NOW)
    yield circles, ModerationStore(circles)
    await store.close()


async def columns(circles: CircleStore, table: str) -> set[str]:
    if circles.db.postgres:
        rows = await circles.db.read(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema()", (table,))
    else:
        rows = await circles.db.read(f"SELECT name FROM pragma_table_info('{table}')")
    return {str(r[0]) for r in rows}


async def test_a_member_reports_a_post_once_and_who_reported_is_gone_with_the_post(
        stores: tuple[CircleStore, ModerationStore]) -> None:
    circles, moderation = stores
    asks = CircleAskStore(circles.store)
    assert await asks.join(CIRCLE.circle_key, "telegram:4", None, "en", NOW) == "joined"
    created = await asks.create(CIRCLE.circle_key, Asker("telegram:4", "4", "en"), "words", "2026-03-02", NOW,
                                NOW + timedelta(days=1))
    assert created.ask is not None
    key, code = f"ask:{created.ask.ask_id}", created.ask.code
    first, note = await moderation.report(key, CIRCLE.circle_key, code, b"author", "telegram:5")
    again, _ = await moderation.report(key, CIRCLE.circle_key, code, b"author", "telegram:5")
    other, note = await moderation.report(key, CIRCLE.circle_key, code, b"author", "telegram:6")
    assert (first, again, other, note.reports) == (True, False, True, 2)
    stored = {bytes(r[0]) for r in await circles.db.read("SELECT reporter FROM circle_reports")}
    assert b"telegram:5" not in b"".join(stored) and len(stored) == 2
    (secret,) = (await circles.db.read("SELECT secret FROM circle_asks"))[0]
    assert reporter_key(bytes(secret), "telegram:5") in stored
    await asks.finish(created.ask.ask_id)  # however the ask ends, who reported it goes with it
    assert await circles.db.read("SELECT * FROM circle_reports") == []
    late, note = await moderation.report(key, CIRCLE.circle_key, code, b"author", "telegram:7")
    assert not late and note.reports == 2


async def test_a_move_carries_every_column_and_every_table_keyed_by_the_circle(
        stores: tuple[CircleStore, ModerationStore]) -> None:
    circles, moderation = stores
    # A branch that adds a column to circles, or a table keyed by circle_key, must add it to the move.
    assert set(MOVED_COLUMNS.split(", ")) == await columns(circles, "circles")
    if circles.db.postgres:
        rows = await circles.db.read("SELECT table_name FROM information_schema.columns WHERE "
                                     "column_name = 'circle_key' AND table_schema = current_schema()")
        keyed = {str(r[0]) for r in rows}
    else:
        names = [r[0] for r in await circles.db.read("SELECT name FROM sqlite_master WHERE type = 'table'")]
        keyed = {n for n in names if "circle_key" in await columns(circles, n)}
    assert keyed - {"circles"} == set(CIRCLE_TABLES)
    await moderation.set_place(CIRCLE.circle_key, "-100")  # a circle that is its own moderators' chat
    assert await moderation.move_circle(CIRCLE.circle_key, "telegram:-1009", "-1009", "-100")
    moved = await circles.get("telegram:-1009")
    assert moved is not None and moved.chat_id == "-1009" and moved.next_checkin_at == NOW
    assert await circles.get(CIRCLE.circle_key) is None
    assert await moderation.place("telegram:-1009") == "-1009"
    assert not await moderation.move_circle(CIRCLE.circle_key, "telegram:-1009", "-1009", "-100")  # done once


async def test_a_checkin_retry_is_due_once_and_claimed_once(stores: tuple[CircleStore, ModerationStore]) -> None:
    circles, _ = stores

    def plan(circle: CircleRow, now: datetime) -> tuple[datetime, str, datetime]:
        return now + timedelta(days=1), now.date().isoformat(), now + timedelta(days=1)

    (due,) = await circles.claim_due(NOW, ["telegram"], plan)
    retries = CheckinRetries(circles)
    assert await retries.failed(due.checkin_id, NOW + timedelta(seconds=30)) == 1
    assert await retries.next_due_at(["telegram"]) == NOW + timedelta(seconds=30)
    assert await retries.claim(NOW, ["telegram"]) == []  # not yet
    (again,) = await retries.claim(NOW + timedelta(seconds=30), ["telegram"])
    assert (again.checkin_id, again.tries, again.circle.chat_id) == (due.checkin_id, 1, "-100")
    assert await retries.claim(NOW + timedelta(seconds=31), ["telegram"]) == []  # claimed once
    assert await retries.next_due_at(["telegram"]) is None
