"""Where a step's time goes: ``bench/engine.py``'s paced phase with each store call timed per step.

    python bench/engine_phases.py --db postgresql://postgres@127.0.0.1:5432/NAME --rate 2000
    python bench/engine_phases.py            # a temporary SQLite file

For every step of the latency phase: the time spent waiting in ``store.load``, ``store.apply`` (the
group commit) and ``store.recent_journal``, and the rest (the engine's own work, turns of the event
loop between). Also the event loop's lag (how long a ready callback waits for its turn, sampled every
millisecond): on a busy loop every database round trip waits about that long for its answer to be
read. Ends with ``bench engine_phases: …``.

On SQLite it also prints where the commits ran and what the paced phase cost in CPU, so two builds
can be compared on a shared machine, where wall-clock figures mostly measure the other processes:
- ``stalls``: how often the loop's 1 ms ticker came back more than 5, 10, 20 and 50 ms late, and the
  longest wait; ``running``: of those, the ones the loop thread spent running (its CPU time over 80%
  of the delay: our own long callbacks), not waiting for the GIL or for a core;
- ``cpu``: the process's and the loop thread's CPU per step of the paced phase (the difference is
  aiosqlite's and the checkpointer's threads);
- ``commits``: transactions on the loop's own connection (count, units, longest) and batches written
  on aiosqlite's thread (count, units, their wall time there against their CPU time: the difference
  is the worker waiting for the GIL or for a core).

``--callbacks MS`` lists the paced phase's loop callbacks longer than MS by what they ran (a task's
coroutine and line, or the callback), with their CPU time and the collections (``gc.callbacks``) inside
them, and each generation's collections in the phase: our own long work against the process waiting.

Its ``step`` row is ``Engine.handle`` alone; the closing line's p50/p99 are ``bench/engine.py``'s,
from each step's arrival, so they include waiting for the loop before the step began.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import functools
import gc
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.engine as engine_bench
import storage.sqlite.group_commit as group_commit
from bot.engine import Engine

TIMED = ("load", "apply", "recent_journal")
_step: contextvars.ContextVar[dict[str, float] | None] = contextvars.ContextVar("step", default=None)


def _timed(method: Callable[..., Awaitable[Any]], name: str) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await method(*args, **kwargs)
        finally:
            if (phases := _step.get()) is not None:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - started
    return timed


class Commits:
    """Each loop-thread commit's wall time, and each worker batch's units, wall and CPU time."""

    def __init__(self) -> None:
        self.on = False
        self.here: list[tuple[int, float]] = []
        self.batches: list[tuple[int, float, float]] = []
        self._write_here, self._write_batch = group_commit._write_here, group_commit._write_batch
        group_commit._write_here = self.write_here  # type: ignore[assignment]
        group_commit._write_batch = self.write_batch  # type: ignore[assignment]

    def write_here(self, db: Any, write: Any, units: Any) -> object:
        started = time.perf_counter()
        try:
            return self._write_here(db, write, units)
        finally:
            if self.on:  # main before 2026-12-01 passed one unit, not a list
                self.here.append((len(units) if isinstance(units, list) else 1, time.perf_counter() - started))

    def write_batch(self, db: Any, write: Any, units: list[Any]) -> Any:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return self._write_batch(db, write, units)
        finally:
            if self.on:
                self.batches.append((len(units), time.perf_counter() - started, time.thread_time() - cpu))

    def line(self) -> str:
        wall, cpu = sum(b[1] for b in self.batches), sum(b[2] for b in self.batches)
        return (f"commits loop_txns={len(self.here)} loop_units={sum(h[0] for h in self.here)} "
                f"loop_max_ms={max((h[1] for h in self.here), default=0) * 1000:.2f} "
                f"worker_batches={len(self.batches)} worker_units={sum(b[0] for b in self.batches)} "
                f"worker_wall_ms={wall * 1000:.1f} worker_cpu_ms={cpu * 1000:.1f} "
                f"worker_batch_max_ms={max((b[1] for b in self.batches), default=0) * 1000:.2f}")


STALLS_MS = (5, 10, 20, 50)


class LongCallbacks:
    """Every loop callback of the paced phase over ``over`` s of wall time: what it ran, its CPU,
    and the collections (``gc.callbacks``) inside it, to tell our own long work from preemption."""

    def __init__(self, over: float) -> None:
        self.over, self.on = over, False
        self.long: list[tuple[float, float, str, int, float]] = []  # wall, cpu, name, collections, gc cpu
        self.count = 0
        self.gcs: list[tuple[int, float]] = []  # (generation, cpu) of every collection in the phase
        self._gc_started = 0.0
        self._run = asyncio.events.Handle._run
        long, collections = self, self.gcs

        def timed_run(handle: asyncio.events.Handle) -> None:
            if not long.on:
                return long._run(handle)
            before, started, cpu = len(collections), time.perf_counter(), time.thread_time()
            try:
                return long._run(handle)
            finally:
                wall = time.perf_counter() - started
                long.count += 1
                if wall > long.over:
                    inside = collections[before:]
                    long.long.append((wall, time.thread_time() - cpu, _callback_name(handle), len(inside),
                                      sum(c for _, c in inside)))

        asyncio.events.Handle._run = timed_run  # type: ignore[method-assign]
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if not self.on:
            return
        if phase == "start":
            self._gc_started = time.thread_time()
        else:
            self.gcs.append((info["generation"], time.thread_time() - self._gc_started))

    def report(self) -> str:
        by_name: dict[str, list[tuple[float, float, str, int, float]]] = {}
        for entry in self.long:
            by_name.setdefault(entry[2], []).append(entry)
        lines = [f"callbacks {self.count}, over {self.over * 1000:.0f} ms: {len(self.long)} "
                 f"(loop thread running through >80%: {sum(1 for w, c, *_ in self.long if c > 0.8 * w)}; "
                 f"with a collection inside: {sum(1 for e in self.long if e[3])})"]
        for name, entries in sorted(by_name.items(), key=lambda kv: -len(kv[1]))[:8]:
            walls = sorted(e[0] * 1000 for e in entries)
            cpus = sorted(e[1] * 1000 for e in entries)
            lines.append(f"  {len(entries):5} {name[:70]:<70} wall max {walls[-1]:7.2f} ms, cpu p50 "
                         f"{cpus[len(cpus) // 2]:6.2f} max {cpus[-1]:6.2f} ms, gc inside {sum(e[3] for e in entries)}")
        for generation in (0, 1, 2):
            pauses = [c * 1000 for g, c in self.gcs if g == generation]
            lines.append(f"  gen{generation} collections {len(pauses)}, cpu sum {sum(pauses):.1f} ms, "
                         f"max {max(pauses, default=0):.2f} ms")
        return "\n".join(lines)


def _callback_name(handle: asyncio.events.Handle) -> str:
    callback = handle._callback  # type: ignore[attr-defined]
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro = task.get_coro()
        frame = getattr(coro, "cr_frame", None)
        where = f" @{frame.f_code.co_name}:{frame.f_lineno}" if frame is not None else ""
        return f"task {getattr(coro, '__qualname__', '?')}{where}"
    return getattr(callback, "__qualname__", repr(callback))


def stall_line(lags: list[float], cpu: list[float]) -> str:
    """Late ticks by size, and how many of them the loop thread spent running (CPU over 80% of the delay)."""
    counts = " ".join(f">{ms}ms={sum(1 for lag in lags if lag > ms / 1000)}" for ms in STALLS_MS)
    own = " ".join(f">{ms}ms={sum(1 for lag, c in zip(lags, cpu, strict=True) if lag > ms / 1000 and c > 0.8 * lag)}"
                   for ms in STALLS_MS)
    return f"stalls {counts} max_ms={max(lags, default=0) * 1000:.1f} | running {own}"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite path or a postgresql:// URL (a schema of its own); "
                                      "default a temporary SQLite file")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=2000.0)
    parser.add_argument("--callbacks", type=float, default=0.0, metavar="MS",
                        help="also list the paced phase's loop callbacks longer than MS, by what they ran")
    args = parser.parse_args()
    callbacks = LongCallbacks(args.callbacks / 1000) if args.callbacks else None
    steps: list[dict[str, float]] = []
    lags: list[float] = []
    paced = [False]
    handle = Engine.handle
    commits = Commits()
    cpu: dict[str, float] = {}

    async def timed_handle(self: Engine, event: Any) -> Any:
        phases: dict[str, float] = {}
        token = _step.set(phases)
        started = time.perf_counter()
        try:
            return await handle(self, event)
        finally:
            phases["step"] = time.perf_counter() - started
            _step.reset(token)
            if paced[0]:
                steps.append(phases)

    def on_paced(app: Any) -> None:
        paced[0] = commits.on = True
        if callbacks is not None:
            callbacks.on = True
        _patch_store(app.store)
        cpu.update(process=time.process_time(), loop=time.thread_time())

    async def lag_sampler() -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(0)
            if paced[0]:
                lags.append(time.perf_counter() - started)
            await asyncio.sleep(0.001)

    async def stall_sampler() -> None:
        # A 1 ms ticker: how late it comes back is how long the loop was held, and the loop thread's
        # CPU time meanwhile says by what: its own callbacks (CPU ~ the delay), or waiting for the
        # GIL or for a core the machine's other processes had (CPU far under the delay).
        while True:
            started, cpu_started = time.perf_counter(), time.thread_time()
            await asyncio.sleep(0.001)
            if paced[0]:
                stalls.append(time.perf_counter() - started - 0.001)
                stalls_cpu.append(time.thread_time() - cpu_started)

    stalls: list[float] = []
    stalls_cpu: list[float] = []

    async def run() -> dict[str, float]:
        samplers = [asyncio.get_running_loop().create_task(s()) for s in (lag_sampler, stall_sampler)]
        try:
            return await engine_bench.run(args.users, args.rate, args.db)
        finally:
            for sampler in samplers:
                sampler.cancel()

    def on_close() -> None:
        # The paced phase ends when the app closes; take the CPU before the store's teardown.
        if "process" in cpu and "process_end" not in cpu:
            cpu.update(process_end=time.process_time(), loop_end=time.thread_time())

    close = engine_bench.App.close

    async def closing(self: Any) -> None:
        on_close()
        await close(self)

    engine_bench.App.close = closing  # type: ignore[method-assign]

    Engine.handle = timed_handle  # type: ignore[method-assign]
    engine_bench.PACED_START.append(on_paced)
    result = asyncio.run(run())
    print(f"{'phase':<16}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}")
    parts = {name: [s.get(name, 0.0) for s in steps] for name in (*TIMED, "step")}
    parts["rest"] = [s["step"] - sum(s.get(n, 0.0) for n in TIMED) for s in steps]
    for name, values in [*parts.items(), ("loop lag", lags)]:
        print(f"{name:<16}{pct(values, 0.5):>9.2f}{pct(values, 0.9):>9.2f}{pct(values, 0.99):>9.2f}")
    n = max(len(steps), 1)
    process_ms = (cpu.get("process_end", 0.0) - cpu.get("process", 0.0)) * 1000 / n
    loop_ms = (cpu.get("loop_end", 0.0) - cpu.get("loop", 0.0)) * 1000 / n
    print(stall_line(stalls, stalls_cpu))
    print(f"cpu process_ms_per_step={process_ms:.3f} loop_ms_per_step={loop_ms:.3f} "
          f"others_ms_per_step={process_ms - loop_ms:.3f} load={os.getloadavg()[0]:.2f}")
    print(commits.line())
    if callbacks is not None:
        print(callbacks.report())
    print(f"bench engine_phases: rate={result['achieved_rate']:.0f} p50_ms={result['p50_ms']:.2f} "
          f"p99_ms={result['p99_ms']:.2f} load_p50_ms={pct(parts['load'], 0.5):.2f} "
          f"apply_p50_ms={pct(parts['apply'], 0.5):.2f} apply_p99_ms={pct(parts['apply'], 0.99):.2f} "
          f"lag_p99_ms={pct(lags, 0.99):.2f}")


def _patch_store(store: Any) -> None:
    """Time this store's calls (the instance only, so nothing else is changed)."""
    for name in TIMED:
        setattr(store, name, _timed(getattr(store, name), name))


if __name__ == "__main__":
    main()
