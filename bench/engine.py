"""Engine + storage throughput and step latency: simulated users walking the trigger flow.

Two phases over one on-disk SQLite file (WAL), or PostgreSQL with ``--db postgresql://…``:
- saturation: every user walks as fast as replies come back; steps/s is the engine's ceiling;
- latency: the same walk with steps offered at a fixed rate (default 2,000 steps/s, spread over
  all users like people tapping buttons), where p50/p99 is what a user waits at that load: from
  the moment the step was due (its Poisson arrival time) to the engine's reply, so a loop that
  is busy when a message arrives counts, as it does for the person who sent it. Every user waits
  before the first due time, a kernel timer (not asyncio's, up to 1 ms late) releases each due
  time, and the first quarter second is a warm-up, not measured (``Arrivals``): what is left is
  the engine's wait. ``--control noop`` replaces the step by nothing to show the harness's own
  share (p99 well under 1 ms on a quiet machine).
Ends with ``bench engine: steps_per_s=N p50_ms=N p99_ms=N`` (DESIGN.md §7).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from array import array
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.target import bench_database
from bot.app import App, Settings, build_app, settle_heap
from bot.events import Chat, ChoiceRef, Inbound, UserKey
from bot.replies import Reply

if TYPE_CHECKING:
    from bench.why_slow import WhySlow

WALK = ["he hasn't replied in 4 hours and I'm spiraling", "#done", "#my_history", "#next", "#3", "#no"]
# The free text varies by user (8 x 23 wordings, all the texting topic): the screen and the topic
# reader keep the last few texts' work, and 1,000 identical messages would be served from that.
SUBJECTS = ("he", "she", "my boyfriend", "my girlfriend", "my partner", "my husband", "my wife", "alex")


def typed(index: int) -> str:
    """User ``index``'s first message."""
    return f"{SUBJECTS[index % 8]} hasn't replied in {2 + index // 8 % 23} hours and I'm spiraling"


# Called with the app just before the paced phase's first due time (bench/engine_phases.py's probes).
PACED_START: list[Callable[[App], None]] = []
CONTROL: list[str] = []  # set by --control: the step is replaced by a stand-in (see ``control_step``)
# Due times in the paced phase's first quarter second run but are not measured (see ``Arrivals``).
WARMUP_S = 0.25


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


async def walk(app: App, user: UserKey, latencies: list[float], index: int = 0) -> None:
    """The saturation phase's user: each step as soon as the last reply came."""
    offered: Reply | None = None
    for line in [typed(index), *WALK[1:]]:
        replies, took = await step(app, user, line, offered)
        latencies.append(took)
        offered = next((r for r in reversed(replies) if r.choices), offered)
        if replies and replies[-1].kind == "error":
            raise RuntimeError(f"engine answered {line!r} with an error")


async def paced_walk(app: App, user: UserKey, arrivals: Arrivals, index: int) -> None:
    """The latency phase's user: each step when ``arrivals`` hands it a due time."""
    offered: Reply | None = None
    for line in [typed(index), *WALK[1:]]:
        due = await arrivals.next_due(index)
        replies, took = await step(app, user, line, offered, due)
        arrivals.took_due.append(due)
        arrivals.took_s.append(took)
        offered = next((r for r in reversed(replies) if r.choices), offered)
        if replies and replies[-1].kind == "error":
            raise RuntimeError(f"engine answered {line!r} with an error")


class Arrivals:
    """The paced phase's messages: Poisson due times, each handed to a user who is waiting to send.

    Every user's walker exists and waits before the first due time. Users arrive over the run (so
    first messages and presses come in their steady mix, not 1,000 first messages at once), and a
    due time goes to the arrived user who has waited longest. At the start few users have arrived,
    and a due time can find all of them in flight (until 2026-12-01 8-162 of the first ~190 did, and
    that wait for the harness was charged to the engine): the first ``warmup`` seconds of due times
    run but are not measured. A due time that finds nobody waiting later (``short``) waits for the
    next user free and is counted from the due time, like every step: that is the engine's queue.
    """

    def __init__(self, users: int, rate: float, ramp: float, warmup: float) -> None:
        self.total = users * len(WALK)
        self.warmup = warmup
        self.dues: list[float] = []
        at = 0.0
        for _ in range(self.total):
            at += random.expovariate(rate)
            self.dues.append(at)
        # (arrival offset, user): the order users arrive in, relative to the first due time's origin.
        self.arriving: deque[tuple[float, int]] = deque(sorted((random.uniform(0, ramp), i) for i in range(users)))
        self.users = users
        self.arrived: set[int] = set()
        self.waiting_before: dict[int, asyncio.Future[float]] = {}  # users not arrived yet
        self.idle: deque[asyncio.Future[float]] = deque()  # arrived users waiting to send, longest first
        self.backlog: deque[float] = deque()  # due times nobody could take yet
        self.released = 0
        # Every step's due time and seconds to the reply, and each due time that waited for a user and how
        # long: columns of floats, not a tuple per step, which the collector would count (6,000 a run, about
        # one generation-0 collection of the paced phase's own, bench/README).
        self.took_due, self.took_s = array("d"), array("d")
        self.short_due, self.short_wait = array("d"), array("d")
        self.origin = 0.0
        self.pacer = ""
        self.all_waiting = asyncio.Event()  # every user waits for its first due time

    def next_due(self, user: int) -> asyncio.Future[float]:
        """A future of this user's next due time."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        if user not in self.arrived:
            self.waiting_before[user] = future
            if len(self.waiting_before) == self.users:
                self.all_waiting.set()
        elif self.backlog:
            due = self.backlog.popleft()
            self.short_due.append(due)
            self.short_wait.append(time.perf_counter() - due)
            future.set_result(due)
        else:
            self.idle.append(future)
        return future

    def release(self, due: float) -> None:
        """Hand ``due`` to the longest-waiting arrived user, or keep it for the next one free."""
        while self.arriving and self.origin + self.arriving[0][0] <= due:
            _, user = self.arriving.popleft()
            self.arrived.add(user)
            self.idle.append(self.waiting_before.pop(user))
        self.backlog.append(due)
        self.released += 1
        while self.idle and self.backlog:  # oldest due time first, to the user who waited longest
            early = self.backlog.popleft()
            if early != due:
                self.short_due.append(early)
                self.short_wait.append(time.perf_counter() - early)
            self.idle.popleft().set_result(early)

    def measured(self) -> list[float]:
        """The steps due after the warm-up, in seconds from due time to reply."""
        return [took for due, took in zip(self.took_due, self.took_s, strict=True) if due >= self.origin + self.warmup]

    def short_after(self, start: float) -> list[float]:
        return [wait for due, wait in zip(self.short_due, self.short_wait, strict=True) if due >= self.origin + start]

    async def run(self) -> None:
        """Release every due time at its moment, woken by the kernel's timer where there is one."""
        loop = asyncio.get_running_loop()
        self.origin = time.perf_counter() + 0.01
        self.dues = [self.origin + d for d in self.dues]
        finished = loop.create_future()
        timer = MonotonicTimer.open()

        def fire() -> None:
            if timer is not None:
                timer.drain()
            now = time.perf_counter()
            while self.released < self.total and self.dues[self.released] <= now:
                self.release(self.dues[self.released])
            if self.released == self.total:
                if not finished.done():
                    finished.set_result(None)
            elif timer is not None:
                timer.arm(self.dues[self.released])
            else:
                loop.call_later(self.dues[self.released] - time.perf_counter(), fire)

        if timer is not None:
            loop.add_reader(timer.fd, fire)
            timer.arm(self.dues[0])
        else:
            loop.call_later(self.dues[0] - time.perf_counter(), fire)
        try:
            await finished
        finally:
            if timer is not None:
                loop.remove_reader(timer.fd)
                timer.close()
        self.pacer = "timerfd" if timer is not None else "call_later"


class _Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


class _Itimerspec(ctypes.Structure):
    _fields_ = [("it_interval", _Timespec), ("it_value", _Timespec)]


class MonotonicTimer:
    """A Linux timerfd on CLOCK_MONOTONIC (perf_counter's clock), armed at absolute times.

    Hand-written with ctypes because Python 3.11 has no ``os.timerfd_*`` (3.13 does). asyncio's own
    timers wake the loop up to 1 ms late (epoll's timeout is in whole milliseconds, rounded up), so a
    step due while the loop sat idle was charged that slack; a message from a socket wakes the loop at
    once, and so does this timer.
    """

    CLOCK_MONOTONIC, TFD_NONBLOCK, TFD_CLOEXEC, TFD_TIMER_ABSTIME = 1, 0o4000, 0o2000000, 1

    def __init__(self, libc: ctypes.CDLL, fd: int) -> None:
        self.libc, self.fd = libc, fd

    @classmethod
    def open(cls) -> MonotonicTimer | None:
        """The timer, or None where there is none (not Linux, or perf_counter on another clock)."""
        if sys.platform != "linux" or "CLOCK_MONOTONIC" not in time.get_clock_info("perf_counter").implementation:
            return None
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.timerfd_create(cls.CLOCK_MONOTONIC, cls.TFD_NONBLOCK | cls.TFD_CLOEXEC)
        return None if fd < 0 else cls(libc, fd)

    def arm(self, at: float) -> None:
        """Fire once at ``at`` (perf_counter seconds), at once if that has passed."""
        seconds = int(at)
        spec = _Itimerspec(_Timespec(0, 0), _Timespec(seconds, max(1, int((at - seconds) * 1e9))))
        if self.libc.timerfd_settime(self.fd, self.TFD_TIMER_ABSTIME, ctypes.byref(spec), None) != 0:
            raise OSError(ctypes.get_errno(), "timerfd_settime")

    def drain(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(self.fd, 8)

    def close(self) -> None:
        os.close(self.fd)


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


def wal_size(target: str) -> int:
    """The SQLite ``-wal`` file's size in bytes; 0 if there is none (PostgreSQL, or not yet made)."""
    try:
        return Path(target + "-wal").stat().st_size  # a stat: microseconds, fine on the loop
    except OSError:
        return 0


async def watch_wal(target: str, sizes: list[int]) -> None:
    """Append the ``-wal`` file's size every 50 ms."""
    while True:
        sizes.append(wal_size(target))
        await asyncio.sleep(0.05)


async def run(users: int, rate: float, db: str | None = None, gc_report: bool = False,
              warmup: float = WARMUP_S, why: WhySlow | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, bench_database(db, tmp, "engine") as target:
        app = await build_app(Settings(db_path=target))
        settle_heap()  # as bot.runner does after start-up
        pauses = GcPauses() if gc_report else None
        wal_sizes: list[int] = [0]
        watcher = asyncio.get_running_loop().create_task(watch_wal(target, wal_sizes))
        try:
            sat: list[float] = []
            started = time.perf_counter()
            await asyncio.gather(*(walk(app, UserKey("bench", f"s{i}"), sat, i) for i in range(users)))
            elapsed = time.perf_counter() - started
            steps_per_s = len(sat) / elapsed

            # People arrive over the run rather than all at once, so the mix of first messages
            # (screened, journaled) and button presses is the steady one, not 1,000 texts first.
            # A short run (tests walk a handful of users) keeps nine tenths of its due times measured.
            warmup = min(warmup, 0.1 * users * len(WALK) / rate)
            arrivals = Arrivals(users, rate, 0.8 * users * len(WALK) / rate, warmup)
            walkers = [asyncio.ensure_future(paced_walk(app, UserKey("bench", f"l{i}"), arrivals, i))
                       for i in range(users)]
            await arrivals.all_waiting.wait()  # the clock starts once every walker waits
            for hook in PACED_START:
                hook(app)
            if why is not None:
                why.paced_start(app)
            await asyncio.gather(arrivals.run(), *walkers)
            paced_elapsed = time.perf_counter() - arrivals.origin
            if why is not None:
                why.paced_end(arrivals.origin + arrivals.warmup)
            lat = arrivals.measured()
        finally:
            watcher.cancel()
            # Before the close: the last connection to close checkpoints the log and deletes the file.
            wal_sizes.append(wal_size(target))
            if pauses is not None:
                print(pauses.stop(), file=sys.stderr)  # both phases, start-up excluded
            await app.close()
    return {
        "users": users, "steps": len(sat), "sat_elapsed_s": elapsed, "steps_per_s": steps_per_s,
        "sat_p50_ms": statistics.median(sat) * 1000, "sat_p99_ms": pct(sat, 0.99),
        "offered_rate": rate, "achieved_rate": len(arrivals.took_s) / paced_elapsed,
        "p50_ms": statistics.median(lat) * 1000, "p99_ms": pct(lat, 0.99),
        "wal_end_mb": wal_sizes[-1] / 1e6, "wal_max_mb": max(wal_sizes) / 1e6,
        "measured": len(lat), "warmup_s": warmup, "pacer": arrivals.pacer,
        "short_warmup": len(arrivals.short_wait) - len(arrivals.short_after(warmup)),
        "short": len(arrivals.short_after(warmup)),
        "short_max_ms": max(arrivals.short_after(warmup), default=0.0) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=2000.0, help="offered steps/s in the latency phase")
    parser.add_argument("--db", help="a SQLite path (kept) or a postgresql:// URL (a schema of its own, dropped)")
    parser.add_argument("--gc", action="store_true", help="also print each generation's collections and CPU time")
    parser.add_argument("--control", help="replace each step by a stand-in to check the clock: noop, "
                                          "sleep:MS (awaits MS) or spin:MS (holds the loop MS)")
    parser.add_argument("--warmup", type=float, default=WARMUP_S,
                        help="seconds of the paced phase's first due times run but not measured")
    parser.add_argument("--why-slow", type=float, nargs="?", const=10.0, metavar="MS",
                        help="attribute the paced steps slower than MS (default 10): what the loop thread "
                             "ran meanwhile, collections, commits, checkpoints, run-queue wait (bench/why_slow.py)")
    args = parser.parse_args()
    if args.control:
        CONTROL.append(args.control)
    why = None
    if args.why_slow is not None:
        from bench.why_slow import WhySlow  # patches the loop and storage: only when asked for

        why = WhySlow(args.why_slow / 1000)
        why.install(sys.modules[__name__])
    r = asyncio.run(run(args.users, args.rate, args.db, args.gc, args.warmup, why))
    print(f"{'phase':<12}{'steps':>8}{'steps/s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    print(f"{'saturation':<12}{r['steps']:>8}{r['steps_per_s']:>10.0f}{r['sat_p50_ms']:>9.2f}{r['sat_p99_ms']:>9.2f}")
    print(f"{'at ' + str(int(r['offered_rate'])) + '/s':<12}{r['measured']:>8}{r['achieved_rate']:>10.0f}"
          f"{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}")
    print(f"bench engine wal: end_mb={r['wal_end_mb']:.1f} max_mb={r['wal_max_mb']:.1f}")
    print(f"harness: {r['pacer']} pacer; p50/p99 of the {r['measured']} steps due after a "
          f"{r['warmup_s']:.2f} s warm-up ({r['short_warmup']} due times in the warm-up found no user free); "
          f"{r['short']} after it did "
          f"(the engine's queue; longest wait for a user {r['short_max_ms']:.2f} ms)")
    if why is not None:
        print(why.report())
    print(f"bench engine: steps_per_s={r['steps_per_s']:.0f} p50_ms={r['p50_ms']:.2f} p99_ms={r['p99_ms']:.2f}"
          + (f" control={args.control}" if args.control else ""))


if __name__ == "__main__":
    main()
