"""Where a step's time goes: ``bench/engine.py``'s paced phase with each store call timed per step.

    python bench/engine_phases.py --db postgresql://postgres@127.0.0.1:5432/NAME --rate 2000
    python bench/engine_phases.py            # a temporary SQLite file

For every step of the latency phase: the time spent waiting in ``store.load``, ``store.apply`` (the
group commit) and ``store.recent_journal``, and the rest (the engine's own work, turns of the event
loop between). Also the event loop's lag (how long a ready callback waits for its turn, sampled every
millisecond): on a busy loop every database round trip waits about that long for its answer to be
read. Ends with ``bench engine_phases: …``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import functools
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.engine as engine_bench
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


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite path or a postgresql:// URL (a schema of its own); "
                                      "default a temporary SQLite file")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=2000.0)
    args = parser.parse_args()
    steps: list[dict[str, float]] = []
    lags: list[float] = []
    paced = [False]
    handle = Engine.handle

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

    walk = engine_bench.walk

    async def marking_walk(app: Any, user: Any, latencies: list[float], pace: Any, *rest: Any, **kw: Any) -> None:
        if pace is not None and not paced[0]:
            paced[0] = True
            _patch_store(app.store)
        await walk(app, user, latencies, pace, *rest, **kw)

    async def lag_sampler() -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(0)
            if paced[0]:
                lags.append(time.perf_counter() - started)
            await asyncio.sleep(0.001)

    async def run() -> dict[str, float]:
        sampler = asyncio.get_running_loop().create_task(lag_sampler())
        try:
            return await engine_bench.run(args.users, args.rate, args.db)
        finally:
            sampler.cancel()

    Engine.handle = timed_handle  # type: ignore[method-assign]
    engine_bench.walk = marking_walk  # type: ignore[assignment]
    result = asyncio.run(run())
    print(f"{'phase':<16}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}")
    parts = {name: [s.get(name, 0.0) for s in steps] for name in (*TIMED, "step")}
    parts["rest"] = [s["step"] - sum(s.get(n, 0.0) for n in TIMED) for s in steps]
    for name, values in [*parts.items(), ("loop lag", lags)]:
        print(f"{name:<16}{pct(values, 0.5):>9.2f}{pct(values, 0.9):>9.2f}{pct(values, 0.99):>9.2f}")
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
