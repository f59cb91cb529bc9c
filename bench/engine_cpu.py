"""CPU per engine step, which a loaded machine's neighbours change far less than wall-clock figures.

    python bench/engine_cpu.py --users 1000 --db postgresql://postgres@127.0.0.1:5432/NAME
    python bench/engine_cpu.py --users 1000 --db /tmp/x.sqlite3

Runs ``bench/engine.py``'s two phases and reports this process's CPU (``getrusage``, between the
end of start-up and closing the store: aiosqlite's thread included) and, on PostgreSQL, the CPU
of the server backends serving this database (``/proc/<pid>/stat`` of its connections, read just
before they close; the WAL writer is not counted), with the statements and pool checkouts per
step (start-up's included, a few dozen in all). Ends with ``bench engine_cpu: …``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

import bench.engine as engine_bench
from bot.app import App

TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _backend_cpu_s(url: str) -> float:
    """CPU seconds of the server processes connected to ``url``'s database right now."""
    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        pids = [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> "
                                           "pg_backend_pid()", (parts.path.lstrip("/"),))]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a backend on another host, or gone meanwhile
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def count_round_trips(counts: dict[str, int]) -> None:
    """Count statements (psycopg cursor executions) and pool checkouts: what each step costs the database path."""
    from psycopg import AsyncCursor
    from psycopg_pool import AsyncConnectionPool

    execute, getconn = AsyncCursor.execute, AsyncConnectionPool.getconn

    async def counted_execute(self: Any, *args: Any, **kwargs: Any) -> Any:
        counts["statements"] += 1
        return await execute(self, *args, **kwargs)

    async def counted_getconn(self: Any, *args: Any, **kwargs: Any) -> Any:
        counts["checkouts"] += 1
        return await getconn(self, *args, **kwargs)

    AsyncCursor.execute = counted_execute  # type: ignore[method-assign]
    AsyncConnectionPool.getconn = counted_getconn  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--db", default="", help="a SQLite path or a postgresql:// URL (its own database); "
                                                  "default a temporary SQLite file")
    args = parser.parse_args()
    marks: dict[str, float] = {}
    started = engine_bench.settle_heap

    def settled() -> None:
        started()
        marks["start"] = _cpu_s()

    close = App.close

    async def closing(app: App) -> None:
        marks["end"] = _cpu_s()
        marks["server"] = _backend_cpu_s(args.db) if args.db.startswith(("postgres://", "postgresql://")) else 0.0
        await close(app)

    counts = {"statements": 0, "checkouts": 0}
    postgres = args.db.startswith(("postgres://", "postgresql://"))
    if postgres:
        count_round_trips(counts)
    engine_bench.settle_heap = settled  # type: ignore[assignment]
    App.close = closing  # type: ignore[method-assign]
    result = asyncio.run(engine_bench.run(args.users, 2000.0, args.db or None))
    steps = 2 * int(result["steps"])  # both phases walk every user once
    client_ms = 1000 * (marks["end"] - marks["start"]) / steps
    server_ms = 1000 * marks["server"] / steps
    print(f"bench engine_cpu: steps={steps} client_cpu_ms_per_step={client_ms:.3f} "
          f"server_cpu_ms_per_step={server_ms:.3f} saturation_steps_per_s={result['steps_per_s']:.0f}"
          + (f" statements_per_step={counts['statements'] / steps:.2f} pool_checkouts_per_step="
             f"{counts['checkouts'] / steps:.3f}" if postgres else ""))


if __name__ == "__main__":
    main()
