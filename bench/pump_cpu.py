"""CPU, statements and items/s of one pump draining follow-ups already due, to a no-op sender.

    python bench/pump_cpu.py --db postgresql://postgres@127.0.0.1:5432/NAME --items 3000   # PostgreSQL
    python bench/pump_cpu.py --items 3000                                                   # SQLite

Statements (psycopg cursor executions) are counted on PostgreSQL only. Ends with ``bench pump_cpu: …``.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.engine_cpu import count_round_trips
from bench.scheduler import PLATFORM, create_schema, insert_pending
from bench.target import bench_database


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def drain(target: str, items: int, counts: dict[str, int]) -> tuple[float, float]:
    from bot.app import Settings, build_app

    app = await build_app(Settings.from_env(db_path=target))
    insert_pending(target, items, time.time() - 5, 0, users=items)
    done, sent = asyncio.Event(), [0]

    class Sender:
        async def send(self, user_key: str, chat_id: str, replies: Sequence[Any]) -> None:
            sent[0] += 1
            if sent[0] >= items:
                done.set()

    app.senders[PLATFORM] = Sender()
    counts.update(statements=0, checkouts=0)
    cpu, started = _cpu_s(), time.perf_counter()
    app.start_pump(interval_s=0.1)
    try:
        await asyncio.wait_for(done.wait(), 900)
        return _cpu_s() - cpu, time.perf_counter() - started
    finally:
        await app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a postgresql:// URL (a schema of its own); default a SQLite file")
    parser.add_argument("--items", type=int, default=3000)
    args = parser.parse_args()
    counts = {"statements": 0, "checkouts": 0}
    if args.db:
        count_round_trips(counts)
    with tempfile.TemporaryDirectory() as tmp, bench_database(args.db, tmp, "pumpcpu") as target:
        create_schema(target)
        cpu, elapsed = asyncio.run(drain(str(target), args.items, counts))
    print(f"bench pump_cpu: items={args.items} cpu_ms_per_item={1000 * cpu / args.items:.3f} "
          f"items_per_s={args.items / elapsed:.0f}"
          + (f" statements_per_item={counts['statements'] / args.items:.2f} "
             f"pool_checkouts_per_item={counts['checkouts'] / args.items:.3f}" if args.db else ""))


if __name__ == "__main__":
    main()
