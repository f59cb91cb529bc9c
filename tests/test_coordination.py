"""Workers sharing a database: one lease holder at a time, takeover after expiry, updates handled once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import Store, open_store

pytestmark = pytest.mark.both_backends


@pytest.fixture
async def store(db_path: Path | str) -> AsyncIterator[Store]:
    opened = await open_store(str(db_path))
    yield opened
    await opened.close()


async def test_only_one_worker_holds_a_lease_and_renews_it(store: Store) -> None:
    assert await store.acquire_lease("telegram:polling", "a", ttl_s=5)
    assert not await store.acquire_lease("telegram:polling", "b", ttl_s=5)
    assert await store.acquire_lease("telegram:polling", "a", ttl_s=5)  # renewal
    assert await store.lease_holder("telegram:polling") == "a"


async def test_an_expired_lease_is_taken_over(store: Store) -> None:
    assert await store.acquire_lease("discord:shard:0", "dead", ttl_s=0.2)
    await asyncio.sleep(0.3)
    assert await store.acquire_lease("discord:shard:0", "alive", ttl_s=5)
    assert not await store.acquire_lease("discord:shard:0", "dead", ttl_s=5)


async def test_a_released_lease_is_free_at_once(store: Store) -> None:
    await store.acquire_lease("telegram:polling", "a", ttl_s=60)
    assert await store.release_lease("telegram:polling", "a")
    assert await store.acquire_lease("telegram:polling", "b", ttl_s=60)


async def test_racing_workers_get_the_lease_once(store: Store) -> None:
    won = await asyncio.gather(*(store.acquire_lease("telegram:polling", f"w{i}", ttl_s=5) for i in range(6)))
    assert won.count(True) == 1


async def test_an_update_delivered_twice_is_seen_first_once(store: Store) -> None:
    firsts = await asyncio.gather(*(store.first_sighting("telegram:1001") for _ in range(5)))
    assert firsts.count(True) == 1 and await store.first_sighting("telegram:1002")
