"""One worker at a time holds a platform connection; another takes over when it dies or leaves."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.discord.config import DiscordConfig
from bot.leases import LeaseKeeper
from storage import Store

pytestmark = pytest.mark.both_backends
TTL, RENEW = 1.0, 0.15


class Connection:
    """What a worker starts when it gets the lease (a poller, a gateway session)."""

    def __init__(self) -> None:
        self.running = False
        self.starts = 0

    async def start(self) -> None:
        self.running, self.starts = True, self.starts + 1

    async def stop(self) -> None:
        self.running = False


def _keeper(store: Store, name: str | list[str], worker: str, conn: Connection) -> LeaseKeeper:
    return LeaseKeeper(store, name, worker, conn.start, conn.stop, ttl_s=TTL, renew_s=RENEW)


async def _until(check: object, within: float) -> None:
    for _ in range(int(within / 0.05)):
        if check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached")


async def test_one_of_two_workers_polls_and_the_other_takes_over_when_it_leaves(store: Store) -> None:
    a, b = Connection(), Connection()
    task_a = asyncio.create_task(_keeper(store, "telegram:polling", "a", a).run())
    await _until(lambda: a.running, 2)
    task_b = asyncio.create_task(_keeper(store, "telegram:polling", "b", b).run())
    await asyncio.sleep(3 * RENEW)
    assert a.running and not b.running
    task_a.cancel()
    await asyncio.gather(task_a, return_exceptions=True)
    await _until(lambda: b.running, 3 * RENEW + 0.5)  # released on the way out: no need to wait for expiry
    assert not a.running
    task_b.cancel()
    await asyncio.gather(task_b, return_exceptions=True)


async def test_a_worker_that_dies_is_replaced_after_its_lease_expires(store: Store) -> None:
    dead, alive = Connection(), Connection()
    assert await store.acquire_lease("telegram:polling", "dead", TTL)  # then it is killed: no renewal, no release
    task = asyncio.create_task(_keeper(store, "telegram:polling", "alive", alive).run())
    await asyncio.sleep(TTL / 2)
    assert not alive.running
    await _until(lambda: alive.running, TTL + 3 * RENEW)
    assert not dead.running
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def test_shards_are_held_all_together_or_not_at_all(store: Store) -> None:
    assert await store.acquire_lease("discord:shard:0", "other", 30)
    mine = Connection()
    task = asyncio.create_task(_keeper(store, ["discord:shard:0", "discord:shard:1"], "me", mine).run())
    await asyncio.sleep(4 * RENEW)
    assert not mine.running and await store.lease_holder("discord:shard:1") is None
    await store.release_lease("discord:shard:0", "other")
    await _until(lambda: mine.running, 1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


@pytest.mark.sqlite_only
def test_discord_shard_ids_are_read_as_lists_and_ranges() -> None:
    env = {"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0-1,3"}
    config = DiscordConfig.from_env(env)
    assert config is not None and config.shards == (0, 1, 3)
    single = DiscordConfig.from_env({"DISCORD_BOT_TOKEN": "t"})
    assert single is not None and single.shards == (0,)
    with pytest.raises(ValueError, match="below"):
        DiscordConfig.from_env({"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "2"})
