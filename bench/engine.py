"""Engine + storage throughput and step latency: simulated users walking the trigger flow.

Two phases over one on-disk SQLite file (WAL), or PostgreSQL with ``--db postgresql://…``:
- saturation: every user walks as fast as replies come back; steps/s is the engine's ceiling;
- latency: the same walk with steps offered at a fixed rate (default 2,000 steps/s, spread over
  all users like people tapping buttons), where p50/p99 is what a user waits at that load: from
  the moment the step was due (its Poisson arrival time) to the engine's reply, so a loop that
  is busy when a message arrives counts, as it does for the person who sent it.
Ends with ``bench engine: steps_per_s=N p50_ms=N p99_ms=N`` (DESIGN.md §7).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.target import bench_database
from bot.app import App, Settings, build_app, settle_heap
from bot.events import Chat, ChoiceRef, Inbound, UserKey
from bot.replies import Reply

WALK = ["he hasn't replied in 4 hours and I'm spiraling", "#done", "#my_history", "#next", "#3", "#no"]
# The free text varies by user (8 x 23 wordings, all the texting topic): the screen and the topic
# reader keep the last few texts' work, and 1,000 identical messages would be served from that.
SUBJECTS = ("he", "she", "my boyfriend", "my girlfriend", "my partner", "my husband", "my wife", "alex")


def typed(index: int) -> str:
    """User ``index``'s first message."""
    return f"{SUBJECTS[index % 8]} hasn't replied in {2 + index // 8 % 23} hours and I'm spiraling"


CONTROL: list[str] = []  # set by --control: the step is replaced by a stand-in (see ``control_step``)


async def control_step(kind: str) -> None:
    """A stand-in for the engine, to check what the clock charges: ``noop`` does nothing,
    ``sleep:MS`` waits MS off the loop, ``spin:MS`` holds the loop for MS of wall time."""
    name, _, arg = kind.partition(":")
    if name == "sleep":
        await asyncio.sleep(float(arg) / 1000)
    elif name == "spin":
        until = time.perf_counter() + float(arg) / 1000
        while time.perf_counter() < until:
            pass
    elif name != "noop":
        raise ValueError(f"unknown control {kind!r}")


async def step(app: App, user: UserKey, line: str, offered: Reply | None,
               arrived: float | None = None) -> tuple[list[Reply], float]:
    """One event through the engine; the seconds from ``arrived`` (default: now) to its replies."""
    started = time.perf_counter() if arrived is None else arrived
    if CONTROL:
        await control_step(CONTROL[0])
        return [], time.perf_counter() - started
    now = datetime.now(UTC)
    chat = Chat(user.user_id, "private")
    if line.startswith("#"):
        assert offered is not None
        event = Inbound(user=user, chat=chat, received_at=now, choice=ChoiceRef(line[1:], offered.version))
    else:
        event = Inbound(user=user, chat=chat, received_at=now, text=line)
    replies = await app.engine.handle(event)
    return replies, time.perf_counter() - started


async def walk(app: App, user: UserKey, latencies: list[float], pace: asyncio.Queue[float] | None,
               start_after: float = 0.0, index: int = 0) -> None:
    offered: Reply | None = None
    await asyncio.sleep(start_after)
    for line in [typed(index), *WALK[1:]]:
        arrived = None if pace is None else await pace.get()
        replies, took = await step(app, user, line, offered, arrived)
        latencies.append(took)
        offered = next((r for r in reversed(replies) if r.choices), offered)
        if replies and replies[-1].kind == "error":
            raise RuntimeError(f"engine answered {line!r} with an error")


async def pacer(queue: asyncio.Queue[float], rate: float, total: int) -> None:
    """Release one step every 1/rate seconds on average (Poisson arrivals), each with its due time.

    The due time, not the moment this task got to run: a message arrives when its sender sends it,
    and if the loop was busy then, the wait is part of what they wait. (Until 2026-12-01 the clock
    started when the walker resumed, which hid every wait for the loop before a step began, and a
    step with no await inside measured only its own CPU however long the loop's queue was.)
    """
    released = 0
    next_at = time.perf_counter()
    while released < total:
        next_at += random.expovariate(rate)
        delay = next_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(next_at)
        released += 1


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


class GcPauses:
    """Each collection's generation and the CPU time it took on this thread (``gc.callbacks``).

    CPU time, not the wall clock: on a shared machine the wall clock also measures the other
    processes, while the collector's own work is what a step behind it waits for.
    """

    def __init__(self) -> None:
        self.cpu: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0
        self.process_cpu = time.process_time()
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.thread_time()
        else:
            self.cpu[info["generation"]].append(time.thread_time() - self._started)

    def stop(self) -> str:
        gc.callbacks.remove(self._on_gc)
        parts = [f"cpu_s={time.process_time() - self.process_cpu:.2f}"]
        for generation, pauses in self.cpu.items():
            total, longest = sum(pauses) * 1000, max(pauses, default=0.0) * 1000
            parts.append(f"gen{generation}: n={len(pauses)} sum_ms={total:.1f} max_ms={longest:.2f}")
        return "gc " + " ".join(parts)


async def run(users: int, rate: float, db: str | None = None, gc_report: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, bench_database(db, tmp, "engine") as target:
        app = await build_app(Settings(db_path=target))
        settle_heap()  # as bot.runner does after start-up
        pauses = GcPauses() if gc_report else None
        try:
            sat: list[float] = []
            started = time.perf_counter()
            await asyncio.gather(*(walk(app, UserKey("bench", f"s{i}"), sat, None, index=i) for i in range(users)))
            elapsed = time.perf_counter() - started
            steps_per_s = len(sat) / elapsed

            lat: list[float] = []
            queue: asyncio.Queue[float] = asyncio.Queue()
            total = users * len(WALK)
            # People arrive over the run rather than all at once, so the mix of first messages
            # (screened, journaled) and button presses is the steady one, not 1,000 texts first.
            ramp = 0.8 * total / rate
            started = time.perf_counter()
            await asyncio.gather(
                pacer(queue, rate, total),
                *(walk(app, UserKey("bench", f"l{i}"), lat, queue, random.uniform(0, ramp), i)
                  for i in range(users)),
            )
            paced_elapsed = time.perf_counter() - started
        finally:
            if pauses is not None:
                print(pauses.stop(), file=sys.stderr)  # both phases, start-up excluded
            await app.close()
    return {
        "users": users, "steps": len(sat), "sat_elapsed_s": elapsed, "steps_per_s": steps_per_s,
        "sat_p50_ms": statistics.median(sat) * 1000, "sat_p99_ms": pct(sat, 0.99),
        "offered_rate": rate, "achieved_rate": len(lat) / paced_elapsed,
        "p50_ms": statistics.median(lat) * 1000, "p99_ms": pct(lat, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=2000.0, help="offered steps/s in the latency phase")
    parser.add_argument("--db", help="a SQLite path (kept) or a postgresql:// URL (a schema of its own, dropped)")
    parser.add_argument("--gc", action="store_true", help="also print each generation's collections and CPU time")
    parser.add_argument("--control", help="replace each step by a stand-in to check the clock: noop, "
                                          "sleep:MS (awaits MS) or spin:MS (holds the loop MS)")
    args = parser.parse_args()
    if args.control:
        CONTROL.append(args.control)
    r = asyncio.run(run(args.users, args.rate, args.db, args.gc))
    print(f"{'phase':<12}{'steps':>8}{'steps/s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    print(f"{'saturation':<12}{r['steps']:>8}{r['steps_per_s']:>10.0f}{r['sat_p50_ms']:>9.2f}{r['sat_p99_ms']:>9.2f}")
    print(f"{'at ' + str(int(r['offered_rate'])) + '/s':<12}{r['steps']:>8}{r['achieved_rate']:>10.0f}"
          f"{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}")
    print(f"bench engine: steps_per_s={r['steps_per_s']:.0f} p50_ms={r['p50_ms']:.2f} p99_ms={r['p99_ms']:.2f}"
          + (f" control={args.control}" if args.control else ""))


if __name__ == "__main__":
    main()
