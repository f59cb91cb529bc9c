"""Benchmark of the journal picture (issue 15): render time, event-loop stalls, and memory over many charts.

    python bench/chart.py                 # 200 timed renders, 20 at once, RSS after 10 vs 1,000 charts
    python bench/chart.py --timed 500     # more timed renders for steadier percentiles

Every chart is a month (30 days, 60 moments) drawn exactly as the bot draws it: summary, words
in the user's language, a fresh ``Figure`` on an Agg canvas, PNG bytes in memory, in the one
chart worker process (``bot.journal.chart.render_png``); RSS counts the bot and that worker.
Idle memory is measured in fresh subprocesses.
Ends with ``bench chart: p50_ms=N p99_ms=N loop_stall_ms=N rss_growth_mb=N`` (DESIGN.md §7).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)
TOPICS = ("texting", "comparison", "jealousy", "monitoring", "reassurance", "partner", "other")


def _rss_mb() -> float:
    """This process and its children (the chart worker), in MB."""
    import psutil

    me = psutil.Process()
    return sum(p.memory_info().rss for p in [me, *me.children(recursive=True)]) / 2**20


def month_of_moments(seed: int, per_day: int = 2) -> list:
    from storage.journal import Moment

    rng = random.Random(seed)
    out = []
    for day in range(30):
        for n in range(per_day):
            before = rng.randint(2, 5)
            after = rng.choice([None, max(1, before - rng.randint(0, 3))])
            out.append(Moment(f"m{day}-{n}", NOW - timedelta(days=day, hours=rng.uniform(0, 20)),
                              rng.choice(TOPICS), rng.choice(["internal", "relationship", None]), before, after))
    return out


class Charts:
    """Summaries and words prepared once per locale; each render draws a new figure from them."""

    def __init__(self) -> None:
        from bot.i18n import I18n
        from bot.journal.summary import period_ending, summarize
        from bot.journal.words import chart_words

        i18n = I18n(ROOT / "locales")
        self.prepared = []
        for n, (locale, tz) in enumerate([("en", "Europe/London"), ("es", "America/Mexico_City")]):
            summary = summarize(month_of_moments(n), period_ending(NOW, tz, "month"))
            self.prepared.append((summary, chart_words(i18n, locale, summary)))

    async def render(self, n: int) -> bytes:
        from bot.journal.chart import render_png

        summary, words = self.prepared[n % len(self.prepared)]
        return await render_png(summary, words)


async def timed_renders(charts: Charts, count: int) -> list[float]:
    times = []
    for n in range(count):
        started = time.perf_counter()
        png = await charts.render(n)
        times.append((time.perf_counter() - started) * 1000)
        assert png.startswith(b"\x89PNG")
    return times


async def loop_stall_while_rendering(charts: Charts | None, at_once: int, idle_s: float = 0) -> tuple[float, float]:
    """The event loop's longest delay past a 1 ms tick while ``at_once`` charts render together.

    With ``charts`` None it ticks for ``idle_s`` with nothing rendering: the machine's own noise.
    """
    stop = asyncio.Event()
    worst = 0.0

    async def ticker() -> None:
        nonlocal worst
        while not stop.is_set():
            started = time.perf_counter()
            await asyncio.sleep(0.001)
            worst = max(worst, (time.perf_counter() - started) * 1000 - 1)

    tick = asyncio.create_task(ticker())
    started = time.perf_counter()
    if charts is None:
        await asyncio.sleep(idle_s)
    else:
        await asyncio.gather(*(charts.render(n) for n in range(at_once)))
    wall = time.perf_counter() - started
    stop.set()
    await tick
    return worst, wall


async def rss_growth(charts: Charts, marks: list[int]) -> list[float]:
    """RSS (bot and chart worker) after each number of charts in ``marks``, drawn one after another."""
    readings, drawn = [], 0
    for mark in marks:
        for n in range(drawn, mark):
            await charts.render(n)
        drawn = mark
        gc.collect()
        readings.append(_rss_mb())
    return readings


_IDLE = """
import asyncio, sys, psutil
from tests.fakes.console import open_console
async def main():
    c = await open_console(':memory:')
    await c.send('he has not replied in hours and I am spiraling', '/journal')
    await c.close()
asyncio.run(main())
if {draw}:
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg
print(psutil.Process().memory_info().rss / 2**20, int('matplotlib' in sys.modules))
"""


def idle_rss(draw: bool) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", _IDLE.format(draw=draw)], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)
    rss, loaded = out.stdout.split()
    return float(rss), int(loaded)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timed", type=int, default=200, help="sequential renders timed for p50/p99")
    parser.add_argument("--at-once", type=int, default=20, help="charts rendered together for the stall")
    parser.add_argument("--charts", type=int, default=1000, help="charts drawn before the last RSS reading")
    args = parser.parse_args()

    idle, idle_loaded = idle_rss(draw=False)
    with_mpl, _ = idle_rss(draw=True)
    charts = Charts()
    first = time.perf_counter()
    await charts.render(0)  # the first chart imports matplotlib and builds its font cache
    first_ms = (time.perf_counter() - first) * 1000
    marks = sorted({10, min(100, args.charts), args.charts})
    readings = await rss_growth(charts, marks)
    after_10, after_all = readings[0], readings[-1]
    times = await timed_renders(charts, args.timed)
    stall, wall = await loop_stall_while_rendering(charts, args.at_once)
    noise, _ = await loop_stall_while_rendering(None, 0, idle_s=wall)

    p50 = statistics.median(times)
    p99 = statistics.quantiles(times, n=100)[98] if len(times) >= 100 else max(times)
    growth = after_all - after_10
    print(f"{'measure':<44} {'value':>10}")
    print(f"{'idle bot after a message, RSS (MB)':<44} {idle:>10.1f}")
    print(f"{'  matplotlib loaded (1 = yes)':<44} {idle_loaded:>10d}")
    print(f"{'  the same plus matplotlib imported (MB)':<44} {with_mpl:>10.1f}")
    print(f"{'first chart, with the imports (ms)':<44} {first_ms:>10.1f}")
    print(f"{'month chart render p50 (ms)':<44} {p50:>10.1f}")
    print(f"{'month chart render p99 (ms)':<44} {p99:>10.1f}")
    print(f"{f'loop stall, {args.at_once} charts at once (ms)':<44} {stall:>10.1f}")
    print(f"{f'  wall time for those {args.at_once} (s)':<44} {wall:>10.2f}")
    print(f"{'  same ticker, nothing rendering (ms)':<44} {noise:>10.1f}")
    for mark, reading in zip(marks, readings, strict=True):
        print(f"{f'RSS after {mark} charts (MB)':<44} {reading:>10.1f}")
    print(f"bench chart: p50_ms={p50:.1f} p99_ms={p99:.1f} loop_stall_ms={stall:.1f} rss_growth_mb={growth:.1f}")


if __name__ == "__main__":
    asyncio.run(main())
