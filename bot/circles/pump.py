"""Circle check-ins ride the scheduler's pump: one more ``Pump`` chained after the scheduled items."""

from __future__ import annotations

from datetime import datetime

from bot.circles.service import CircleService
from bot.pump import Delivery, Pump


class CirclePump:
    """Implements ``bot.pump.Pump`` over the circles tables; posts go out through the circle posters."""

    def __init__(self, service: CircleService) -> None:
        self.service = service

    async def next_due_at(self) -> datetime | None:
        times = [t for t in (await self.service.next_due_at(), await self.service.asks.next_due_at())
                 if t is not None]
        return min(times) if times else None

    async def run_due(self, now: datetime) -> list[Delivery]:
        await self.service.run_due(now)
        await self.service.asks.run_due(now)
        # Circle posts go to a group or channel; only an ask's result goes to one person, and it
        # comes back here only for a platform without a sender (the console's own session).
        return self.service.asks.drain_private()


class PumpChain:
    """Several pumps driven as one: the earliest due time of any, and each one's run in turn."""

    def __init__(self, *pumps: Pump) -> None:
        self.pumps = pumps

    async def next_due_at(self) -> datetime | None:
        times = [t for p in self.pumps if (t := await p.next_due_at()) is not None]
        return min(times) if times else None

    async def run_due(self, now: datetime) -> list[Delivery]:
        deliveries: list[Delivery] = []
        for pump in self.pumps:
            deliveries += await pump.run_due(now)
        return deliveries
