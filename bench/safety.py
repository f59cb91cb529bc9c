"""Safety screen cost: loading both tiers, memory, and the time to screen one message.

Loads the definitions and the screen as the bot does (phrase lists, structured detector, model
file with its fingerprint check), then screens chat-sized messages from the training corpus
(en and es, every class) one at a time, several rounds, plus a few 4,000-character messages
reported apart. Ends with ``bench safety: p50_ms=N p99_ms=N rss_mb=N load_s=N`` (DESIGN.md §7).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("BENCH_ROOT") or str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), in MB."""
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


async def _loop_stall(screen, texts: list[tuple[str, str]], inline: bool | None) -> float:
    """Longest delay of a 1 ms ticker on the event loop while ``texts`` are screened as the engine does."""
    import asyncio

    from bot.safety import screen as screens

    async def screen_text(screen, text: str, lang: str):  # older builds screened every text on the loop
        if hasattr(screens, "screen_text"):
            return await screens.screen_text(screen, text, lang)
        return screen.screen(text, lang)

    worst, stop = 0.0, False

    async def ticker() -> None:
        nonlocal worst
        last = time.perf_counter()
        while not stop:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            worst, last = max(worst, now - last - 0.001), now

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.02)
    for text, lang in texts:
        if inline:
            screen.screen(text, lang)
        elif inline is not None:
            await screen_text(screen, text, lang)
        await asyncio.sleep(0.05)  # one message at a time: the stall of each, not of all five
    stop = True
    await task
    return worst * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=600, help="distinct messages screened per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    started, cpu_started = time.perf_counter(), time.process_time()
    from bot.app import Settings, load_definitions, settle_heap
    from bot.safety.tiers import TieredScreen

    defs = load_definitions(Settings())
    screen = defs.screen or TieredScreen(defs.i18n, defs.soft_model)
    load_s = time.perf_counter() - started
    load_cpu_s = time.process_time() - cpu_started
    # What the bot compiles on its loading thread once the screen is in use (``bot.warmup``).
    cpu_before = time.process_time()
    getattr(screen.detector, "compile_all", lambda: None)()  # (older builds compiled them all at load)
    after_cpu_s = time.process_time() - cpu_before
    settle_heap()
    memory = rss_mb()

    from bot.safety.corpus import training_rows

    rows = training_rows()
    random.Random(7).shuffle(rows)
    sample = [(r.text, r.lang) for r in rows[: args.messages]]
    long_texts = [(" ".join(t for t, _ in sample[i:i + 60])[:4000], "en") for i in range(0, 300, 60)]

    timings: list[float] = []
    cpu: list[float] = []  # this thread's CPU time: what the screen costs, without other processes' load
    for _ in range(args.rounds):
        for text, lang in sample:
            t0, c0 = time.perf_counter(), time.thread_time()
            screen.screen(text, lang)
            cpu.append((time.thread_time() - c0) * 1000)
            timings.append((time.perf_counter() - t0) * 1000)
    long_ms, long_cpu = [], []
    for text, lang in long_texts:
        t0, c0 = time.perf_counter(), time.thread_time()
        screen.screen(text, lang)
        long_cpu.append((time.thread_time() - c0) * 1000)
        long_ms.append((time.perf_counter() - t0) * 1000)
    gc.collect()
    import asyncio

    idle_ms = asyncio.run(_loop_stall(screen, long_texts, None))  # the machine's own noise
    inline_ms = asyncio.run(_loop_stall(screen, long_texts, True))
    stall_ms = asyncio.run(_loop_stall(screen, long_texts, False))

    q = statistics.quantiles(timings, n=100, method="inclusive")
    p50, p99 = statistics.median(timings), q[98]
    cpu_p99 = statistics.quantiles(cpu, n=100, method="inclusive")[98]
    chars = statistics.mean(len(t) for t, _ in sample)
    print("| what | value |")
    print("|---|---|")
    print(f"| messages screened | {len(timings)} ({len(sample)} distinct, mean {chars:.0f} chars) |")
    print(f"| p50 / p99 / max per message | {p50:.2f} / {p99:.2f} / {max(timings):.2f} ms |")
    print(f"| p50 / p99 CPU time per message | {statistics.median(cpu):.2f} / {cpu_p99:.2f} ms |")
    print(f"| 4,000-character message, max | {max(long_ms):.2f} ms ({max(long_cpu):.2f} ms CPU) |")
    print(f"| event loop's longest stall screening them: on the loop / as the engine does (idle loop) | "
          f"{inline_ms:.1f} / {stall_ms:.1f} ms ({idle_ms:.1f}) |")
    print(f"| load (imports, definitions, both tiers, fingerprint check) | {load_s:.2f} s wall, "
          f"{load_cpu_s:.2f} s CPU |")
    print(f"| compiled after load (alternations only texts past 1,000 characters use) | {after_cpu_s:.2f} s CPU |")
    print(f"| RSS after load | {memory:.1f} MB |")
    print(f"bench safety: p50_ms={p50:.2f} p99_ms={p99:.2f} rss_mb={memory:.1f} load_s={load_s:.2f} "
          f"cpu_p99_ms={cpu_p99:.2f} load_cpu_s={load_cpu_s:.2f} long_max_ms={max(long_ms):.2f} "
          f"long_cpu_ms={max(long_cpu):.2f} after_load_cpu_s={after_cpu_s:.2f} "
          f"stall_ms={stall_ms:.1f} inline_stall_ms={inline_ms:.1f} idle_stall_ms={idle_ms:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
