"""Real runs: an APScheduler ``AsyncIOScheduler`` interval job drives the pump with wall-clock time.

The database stays the source of truth: one job for the whole pump, never one job per item.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.pump import Pump

log = logging.getLogger(__name__)
JOB_ID = "groundwork-pump"


class PumpScheduler:
    """Runs ``pump.run_due(clock.now())`` every ``interval_s`` seconds, one run at a time."""

    def __init__(self, pump: Pump, clock: Clock, interval_s: float = 1.0) -> None:
        self.pump = pump
        self.clock = clock
        self.interval_s = interval_s
        self.scheduler: AsyncIOScheduler | None = None
        self.runs = 0

    def start(self) -> None:
        """Start on the running event loop; the first run happens straight away."""
        if self.scheduler is not None:
            return
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        # coalesce + max_instances=1: a slow run (a 09:00 burst) delays the next tick instead
        # of piling up overlapping runs.
        self.scheduler.add_job(self.tick, "interval", seconds=self.interval_s, id=JOB_ID, max_instances=1,
                               coalesce=True, misfire_grace_time=None, next_run_time=datetime.now(UTC))
        self.scheduler.start()

    async def tick(self) -> int:
        """One pump run; errors are logged and the next tick tries again."""
        self.runs += 1
        try:
            return len(await self.pump.run_due(self.clock.now()))
        except Exception:
            log.exception("scheduled-item pump run failed")
            return 0

    def shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
