"""Circle storage: a day's presses de-duplicate members, and once the day closes nothing joins back to one."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import open_store
from storage.circles import CircleRow, CircleStore, voter_key

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
CIRCLE = CircleRow("telegram:-100", "telegram", "-100", "en", "UTC", "19:00", NOW)


def plan(circle: CircleRow, now: datetime) -> tuple[datetime, str, datetime]:
    following = circle.next_checkin_at + timedelta(days=1)
    return following, circle.next_checkin_at.date().isoformat(), following


@pytest.fixture
async def circles(db_path: Path | str) -> AsyncIterator[CircleStore]:
    store = await open_store(str(db_path))
    circles = CircleStore(store)
    await circles.save(CIRCLE, NOW - timedelta(hours=1))
    yield circles
    await store.close()


async def open_checkin(circles: CircleStore) -> int:
    (due,) = await circles.claim_due(NOW, ["telegram"], plan)
    return due.checkin_id


async def test_a_checkin_is_claimed_once_even_if_a_second_process_read_the_same_due_time(
        circles: CircleStore) -> None:
    await open_checkin(circles)
    # Another process that read the old due time claims the same circle and day: nothing is inserted.
    await circles.save(CIRCLE, NOW)
    assert await circles.claim_due(NOW, ["telegram"], plan) == []


async def test_what_dedupes_a_press_is_a_keyed_hash_never_the_user(circles: CircleStore) -> None:
    checkin = await open_checkin(circles)
    await circles.press(checkin, "telegram:42", 3)
    rows = await circles.store.fetch_all("SELECT voter FROM circle_presses")
    (stored,) = [bytes(r[0]) for r in rows]
    assert b"42" not in stored and stored != hashlib.sha256(b"telegram:42").digest()
    (secret,) = [r["secret"] for r in await circles.checkin_rows(CIRCLE.circle_key)]
    assert stored == voter_key(secret, "telegram:42")


async def test_closing_the_day_deletes_the_secret_and_the_presses_and_keeps_the_totals(circles: CircleStore) -> None:
    checkin = await open_checkin(circles)
    for user, answer in (("telegram:1", 1), ("telegram:2", 5), ("telegram:3", 5)):
        await circles.press(checkin, user, answer)
    assert await circles.close_due(NOW + timedelta(days=1)) == [checkin]
    (row,) = await circles.checkin_rows(CIRCLE.circle_key)
    assert row["secret"] is None and row["totals"] == '{"1":1,"5":2}'
    presses = await circles.store.fetch_all("SELECT count(*) FROM circle_presses")
    assert presses[0][0] == 0
    late = await circles.press(checkin, "telegram:1", 2)
    assert late.status == "closed" and late.totals == {1: 1, 5: 2}


async def test_pressing_never_makes_anyone_a_user_and_circles_hold_no_user_key(circles: CircleStore) -> None:
    checkin = await open_checkin(circles)
    await circles.press(checkin, "telegram:42", 2)
    users = await circles.store.fetch_all("SELECT count(*) FROM users")
    assert users[0][0] == 0
    assert not {"circles", "circle_checkins", "circle_presses"} & set(await circles.store.user_tables())


async def test_presses_arriving_together_each_count_once(circles: CircleStore) -> None:
    checkin = await open_checkin(circles)
    results = await asyncio.gather(*(circles.press(checkin, f"telegram:{i % 50}", 1 + i % 5) for i in range(100)))
    assert sum(r.status == "counted" for r in results) == 50
    assert sum((await circles.view(checkin)).totals.values()) == 50  # type: ignore[union-attr]
