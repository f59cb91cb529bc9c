"""Real runs: an APScheduler ``AsyncIOScheduler`` interval job drives the pump with wall-clock time.

The database stays the source of truth: one job for the whole pump, never one job per item.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.logsafe import describe_failure
from bot.pump import Pump

log = logging.getLogger(__name__)
JOB_ID = "groundwork-pump"
BEAT_JOB_ID = "groundwork-heartbeat"
BEAT_TIMEOUTS = 3  # beat intervals a beat may take before it is given up (half of the staleness)


class Heartbeat(Protocol):
    """A worker's liveness in the database: while it beats, nobody takes its claimed items over."""

    beat_every_s: float

    async def beat(self) -> None: ...

    async def leave(self) -> None: ...


class PumpScheduler:
    """Runs ``pump.run_due(clock.now())`` every ``interval_s`` seconds, one run at a time.

    With a ``heartbeat``, a second job beats every ``heartbeat.beat_every_s``, independently of
    runs (a long burst must not look like a dead worker), and a clean stop removes the beat.
    """

    def __init__(self, pump: Pump, clock: Clock, interval_s: float = 1.0, heartbeat: Heartbeat | None = None) -> None:
        self.pump = pump
        self.clock = clock
        self.interval_s = interval_s
        self.heartbeat = heartbeat
        self.scheduler: AsyncIOScheduler | None = None
        self.runs = 0
        self._running = asyncio.Lock()
        self._stopping = False
        self._left = False  # set once the last run finished: beats end only then

    def start(self) -> None:
        """Start on the running event loop; the first run happens straight away."""
        if self.scheduler is not None:
            return
        # APScheduler logs two INFO lines per run ("Running job", "executed successfully"): every second.
        quiet = logging.getLogger("apscheduler")
        quiet.setLevel(max(quiet.getEffectiveLevel(), logging.WARNING))
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        # A slow run (a 09:00 burst) makes later ticks return at once instead of overlapping;
        # max_instances=2 lets them do so quietly rather than APScheduler logging a skip per tick.
        if self.heartbeat is not None:  # added first: the first beat goes out with the first run
            self.scheduler.add_job(self.beat, "interval", seconds=self.heartbeat.beat_every_s, id=BEAT_JOB_ID,
                                   max_instances=1, coalesce=True, misfire_grace_time=None,
                                   next_run_time=datetime.now(UTC))
        self.scheduler.add_job(self.tick, "interval", seconds=self.interval_s, id=JOB_ID, max_instances=2,
                               coalesce=True, misfire_grace_time=None, next_run_time=datetime.now(UTC))
        self.scheduler.start()

    async def beat(self) -> None:
        """One heartbeat; a failure is logged and the next beat tries again."""
        if self.heartbeat is None or self._left:
            return
        try:
            # Bounded: a beat that hangs (a connection gone silent) would block every later one
            # (one instance at a time), and the live worker's items would be taken over for good.
            await asyncio.wait_for(self.heartbeat.beat(), timeout=BEAT_TIMEOUTS * self.heartbeat.beat_every_s)
        except Exception as exc:
            log.warning("worker heartbeat failed: %s", describe_failure(exc))

    async def tick(self) -> int:
        """One pump run; errors are logged and the next tick tries again."""
        if self._stopping or self._running.locked():
            return 0
        try:
            async with self._running:
                # A tick queued behind stop() gets the lock after it: it must not start a run then.
                if self._stopping:
                    return 0
                self.runs += 1
                try:
                    return len(await self.pump.run_due(self.clock.now()))
                except Exception as exc:
                    log.error("scheduled-item pump run failed: %s", describe_failure(exc))
                    return 0
        except asyncio.CancelledError:
            if self._stopping:  # APScheduler's shutdown cancels a tick still waiting its turn: nothing ran
                return 0
            raise

    async def stop(self) -> None:
        """Stop ticking and let a run in progress finish (so storage can be closed after it).

        Pausing first matters: APScheduler's shutdown cancels running coroutine jobs, which
        would cut a batch between claim and send.
        """
        if self.scheduler is None:
            return
        self._stopping = True
        # Only the runs pause: the last run may send for minutes, and a worker that fell silent
        # meanwhile would have the items it is still sending taken over (and re-sent) by others.
        self.scheduler.pause_job(JOB_ID)
        async with self._running:
            self._left = True
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        if self.heartbeat is not None:
            try:
                await self.heartbeat.leave()
            except Exception as exc:  # the row is pruned a day later; its items fall to the lease
                log.warning("worker heartbeat not removed: %s", describe_failure(exc))
