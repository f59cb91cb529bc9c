"""A worker stopping cleanly keeps beating until its last run has finished sending."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.clock import SystemClock
from bot.pump import Delivery
from bot.scheduling.runner import PumpScheduler


class _LongRun:
    """A pump whose run (a 09:00 burst draining at the platform's rate) lasts until released."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def run_due(self, now: datetime) -> list[Delivery]:
        self.started.set()
        await self.release.wait()
        return []

    async def next_due_at(self) -> datetime | None:
        return None


class _Heart:
    beat_every_s = 0.01

    def __init__(self) -> None:
        self.beaten = asyncio.Event()
        self.log: list[str] = []

    async def beat(self) -> None:
        self.log.append("beat")
        self.beaten.set()

    async def leave(self) -> None:
        self.log.append("leave")


async def test_a_stopping_worker_keeps_beating_while_its_last_run_still_sends() -> None:
    pump, heart = _LongRun(), _Heart()
    scheduler = PumpScheduler(pump, SystemClock(), interval_s=60, heartbeat=heart)
    scheduler.start()
    await pump.started.wait()
    stopping = asyncio.create_task(scheduler.stop())
    await asyncio.sleep(0)
    heart.beaten.clear()
    try:
        # Silent here, other workers would take over the items this run is still sending.
        await asyncio.wait_for(heart.beaten.wait(), timeout=5)
    finally:
        pump.release.set()
        await stopping
    assert heart.log[-1] == "leave"


class _StuckOnce(_Heart):
    """Its first beat never returns (a connection that hangs without an error)."""

    def __init__(self) -> None:
        super().__init__()
        self.first = True

    async def beat(self) -> None:
        if self.first:
            self.first = False
            await asyncio.Event().wait()
        await super().beat()


async def test_a_beat_that_hangs_does_not_silence_the_worker_for_good() -> None:
    pump, heart = _LongRun(), _StuckOnce()
    scheduler = PumpScheduler(pump, SystemClock(), interval_s=60, heartbeat=heart)
    scheduler.start()
    try:
        # Silent for good, every item it claims would be taken over (and re-sent) while it still works.
        await asyncio.wait_for(heart.beaten.wait(), timeout=5)
    finally:
        pump.release.set()
        await scheduler.stop()
