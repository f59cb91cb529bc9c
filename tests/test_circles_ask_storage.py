"""Asks in storage: the asker only sealed and only while the post lives; quotas and blocks by a keyed hash."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from storage import open_store
from storage.circle_asks import Asker, CircleAskStore
from storage.circles import CircleRow, CircleStore
from storage.sealing import Sealer

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
CIRCLE = CircleRow("telegram:-100", "telegram", "-100", "en", "UTC", "19:00", NOW)
ASKER = Asker("telegram:42", "42", "en")
DAY = "2026-03-02"


@pytest.fixture
async def asks(db_path: Path | str) -> AsyncIterator[CircleAskStore]:
    store = await open_store(str(db_path))
    store.sealer = Sealer([Fernet.generate_key().decode()])
    await CircleStore(store).save(CIRCLE, NOW)
    yield CircleAskStore(store)
    await store.close()


async def post(asks: CircleAskStore, asker: Asker = ASKER, day: str = DAY) -> str:
    created = await asks.create(CIRCLE.circle_key, asker, "Would you be worried?", day, NOW, NOW + timedelta(days=1))
    return created.status


async def test_only_members_may_ask_and_the_asker_is_stored_sealed(asks: CircleAskStore) -> None:
    assert await post(asks) == "member"
    assert await asks.join(CIRCLE.circle_key, ASKER.user_key, "Support", "en", NOW) == "joined"
    assert await asks.join(CIRCLE.circle_key, ASKER.user_key, "Support", "en", NOW) == "already"
    assert await post(asks) == "posted"
    (row,) = await asks.ask_rows()
    # The whole key, not "42": a random token or hash holds two given digits now and then.
    assert ASKER.user_key not in row["asker"] and "worried" not in row["text"]
    assert ASKER.user_key.encode() not in bytes(row["author"])
    (mine,) = await asks.asks_of(ASKER.user_key)
    assert mine.text == "Would you be worried?" and len(mine.code) == 5
    assert await asks.asks_of("telegram:43") == []


async def test_one_ask_per_member_a_day_and_a_circle_wide_cap(asks: CircleAskStore) -> None:
    await asks.set_cap(CIRCLE.circle_key, 2)
    people = [Asker(f"telegram:{n}", str(n), "en") for n in range(50, 53)]
    for person in people:
        await asks.join(CIRCLE.circle_key, person.user_key, None, "en", NOW)
    assert await post(asks, people[0]) == "posted"
    assert await post(asks, people[0]) == "user_cap"
    assert await post(asks, people[1]) == "posted"
    assert await post(asks, people[2]) == "circle_cap"
    # A withdrawn ask still counts for its day; the next day starts afresh.
    for ask in await asks.asks_of(people[0].user_key):
        await asks.finish(ask.ask_id)
    assert await post(asks, people[0]) == "user_cap"
    assert await post(asks, people[0], "2026-03-03") == "posted"


async def test_answers_count_once_per_member_and_finishing_leaves_nothing(asks: CircleAskStore) -> None:
    await asks.join(CIRCLE.circle_key, ASKER.user_key, None, "en", NOW)
    await post(asks)
    (ask,) = await asks.asks_of(ASKER.user_key)
    assert (await asks.answer(ask.ask_id, "telegram:7", "worried")).status == "counted"
    assert (await asks.answer(ask.ask_id, "telegram:7", "not")).status == "changed"
    result = await asks.answer(ask.ask_id, "telegram:8", "not")
    assert (result.status, result.answered) == ("counted", 2)
    finished = await asks.finish(ask.ask_id)
    assert finished is not None and finished.asker == ASKER and finished.totals == {"not": 2}
    assert await asks.finish(ask.ask_id) is None
    assert await asks.store.fetch_all("SELECT count(*) FROM circle_ask_answers") == [(0,)]
    assert await asks.ask_rows() == []


async def test_a_blocked_author_cannot_ask_and_the_key_is_per_circle(asks: CircleAskStore) -> None:
    await asks.join(CIRCLE.circle_key, ASKER.user_key, None, "en", NOW)
    await post(asks)
    (ask,) = await asks.asks_of(ASKER.user_key)
    circle, author = await asks.author_of(ask.ask_id) or ("", b"")
    assert author == await asks.author_key(CIRCLE.circle_key, ASKER.user_key)
    assert not await asks.is_blocked(CIRCLE.circle_key, ASKER.user_key)
    assert await asks.block_author(circle, author, NOW)
    assert await asks.is_blocked(CIRCLE.circle_key, ASKER.user_key)
    assert await post(asks, day="2026-03-03") == "blocked"
    other = CircleRow("telegram:-200", "telegram", "-200", "en", "UTC", "19:00", NOW)
    await CircleStore(asks.store).save(other, NOW)
    assert await asks.author_key(other.circle_key, ASKER.user_key) != author

