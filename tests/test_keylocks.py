"""``KeyedLocks``: the engine's one-step-at-a-time lock per (user, chat)."""

from __future__ import annotations

import asyncio

from bot.keylocks import KeyedLocks


async def _hold(locks: KeyedLocks, key: str, name: str, log: list[str], pause: float = 0.01) -> None:
    await locks.acquire(key)
    try:
        log.append(f"{name}+")
        await asyncio.sleep(pause)
        log.append(f"{name}-")
    finally:
        locks.release(key)


async def test_holders_of_one_key_take_turns_in_arrival_order() -> None:
    locks, log = KeyedLocks(), []
    await asyncio.gather(*(_hold(locks, "u", name, log) for name in "abc"))
    assert log == ["a+", "a-", "b+", "b-", "c+", "c-"]
    assert len(locks) == 0  # a key nobody holds is forgotten


async def test_different_keys_do_not_wait_for_each_other() -> None:
    locks, log = KeyedLocks(), []
    await asyncio.gather(_hold(locks, "u", "a", log), _hold(locks, "v", "b", log))
    assert log[:2] == ["a+", "b+"]


async def test_a_waiter_cancelled_while_waiting_does_not_hold_up_the_next() -> None:
    locks, log = KeyedLocks(), []
    first = asyncio.create_task(_hold(locks, "u", "a", log, pause=0.05))
    await asyncio.sleep(0)
    doomed = asyncio.create_task(_hold(locks, "u", "b", log))
    last = asyncio.create_task(_hold(locks, "u", "c", log))
    await asyncio.sleep(0.01)
    doomed.cancel()
    await asyncio.gather(first, last)
    assert log == ["a+", "a-", "c+", "c-"] and doomed.cancelled() and len(locks) == 0


async def test_a_waiter_cancelled_just_as_it_is_handed_the_key_passes_it_on() -> None:
    locks, log = KeyedLocks(), []
    await locks.acquire("u")
    doomed = asyncio.create_task(_hold(locks, "u", "b", log))
    last = asyncio.create_task(_hold(locks, "u", "c", log))
    await asyncio.sleep(0)
    locks.release("u")  # hands the key to "b" ...
    doomed.cancel()  # ... which is cancelled before it runs
    await last
    assert log == ["c+", "c-"] and doomed.cancelled() and len(locks) == 0
