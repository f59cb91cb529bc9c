"""Benchmark of the scheduled-item pump (issue 4): durable rows in the database vs one APScheduler job per item.

    python bench/scheduler.py            # 100,000 pending items, finishes in about a minute
    python bench/scheduler.py --full     # 1,000,000 pending items, 30 s at 1,000 due/s
    python bench/scheduler.py --db postgresql://postgres@127.0.0.1/test --workers 2   # PostgreSQL, two pumps

Memory and start-up are measured in fresh subprocesses, so each number is one process's own.
Ends with ``bench scheduler: insert_s=N rss_mb=N first_send_s=N p99_late_s=N send_rate_ratio=N
naive_rss_mb=N naive_start_s=N`` (DESIGN.md §7).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.target import bench_database  # noqa: E402 - after the path is set

SETTINGS = json.dumps({"quiet": "off", "nudge": {"on": True, "time": "09:00"}})
PLATFORM = "bench"


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


# ---- filling a database ---------------------------------------------------------------------


def create_schema(db: Path | str) -> None:
    from storage import open_store

    async def _open() -> None:
        store = await open_store(str(db))
        await store.close()

    asyncio.run(_open())


def insert_pending(db: Path | str, items: int, first_due: float, spread_s: float, users: int | None = None) -> float:
    """Insert ``items`` pending follow-ups spread over ``spread_s`` from ``first_due``; returns seconds."""
    users = users or items
    if str(db).startswith(("postgres://", "postgresql://")):
        return _insert_pending_postgres(str(db), items, first_due, spread_s, users)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    now = int(time.time())
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT OR IGNORE INTO users (user_key, settings, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
        ((f"{PLATFORM}:{u}", SETTINGS, now, now) for u in range(users)))
    conn.execute("COMMIT")
    payload = json.dumps({"topic": "texting", "intensity": 3})
    step = spread_s / max(items, 1)
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO scheduled (user_key, chat_id, kind, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        ((f"{PLATFORM}:{i % users}", str(i % users), "followup", int(first_due + i * step), payload, now)
         for i in range(items)))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _insert_pending_postgres(url: str, items: int, first_due: float, spread_s: float, users: int) -> float:
    import psycopg

    now = int(time.time())
    payload = json.dumps({"topic": "texting", "intensity": 3})
    step = spread_s / max(items, 1)
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("CREATE TEMP TABLE new_users (LIKE users INCLUDING DEFAULTS) ON COMMIT DROP")
            with conn.cursor().copy("COPY new_users (user_key, settings, created_at, last_seen_at) FROM STDIN") as copy:
                for u in range(users):
                    copy.write_row((f"{PLATFORM}:{u}", SETTINGS, now, now))
            conn.execute("INSERT INTO users SELECT * FROM new_users ON CONFLICT DO NOTHING")
        started = time.perf_counter()
        with conn.transaction(), conn.cursor().copy(
                "COPY scheduled (user_key, chat_id, kind, due_at, payload, created_at) FROM STDIN") as copy:
            for i in range(items):
                copy.write_row((f"{PLATFORM}:{i % users}", str(i % users), "followup", int(first_due + i * step),
                                payload, now))
        conn.execute("ANALYZE scheduled")
        return time.perf_counter() - started


# ---- child processes ---------------------------------------------------------------------------


class _NoopSender:
    def __init__(self) -> None:
        self.first = asyncio.Event()

    async def send(self, user_key: str, chat_id: str, replies: Sequence[object]) -> None:
        self.first.set()


async def _wait(event: asyncio.Event, timeout_s: float) -> None:
    try:
        await asyncio.wait_for(event.wait(), timeout_s)
    except TimeoutError:
        print(f"timed out after {timeout_s:.0f} s", file=sys.stderr)


async def _child_serve(db: str) -> None:
    """A bot process over a database of pending items: report when the first due item is sent."""
    from bot.app import Settings, build_app

    app = await build_app(Settings.from_env(db_path=db))
    sender = _NoopSender()
    app.senders[PLATFORM] = sender
    app.start_pump(interval_s=0.25)
    await sender.first.wait()
    sent_at = time.time()
    await asyncio.sleep(1.0)  # a few more ticks over the million pending rows
    print(json.dumps({"sent_at": sent_at, "rss_mb": _rss_mb()}), flush=True)
    await app.close()


async def _child_naive(items: int) -> None:
    """The naive design: one in-memory APScheduler date job per pending item."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    async def deliver(item_id: int) -> None:
        return None

    scheduler = AsyncIOScheduler(timezone=UTC)
    start = datetime.now(UTC) + timedelta(days=1)
    for i in range(items):
        scheduler.add_job(deliver, "date", run_date=start + timedelta(seconds=i * 0.0864), args=(i,), id=str(i))
    scheduler.start()
    await asyncio.sleep(0)
    print(json.dumps({"ready_at": time.time(), "rss_mb": _rss_mb()}), flush=True)
    scheduler.shutdown(wait=False)


def _spawn(*args: str) -> tuple[float, dict[str, float]]:
    started = time.time()
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return started, json.loads(out.stdout.strip().splitlines()[-1])


# ---- in-process measurements ---------------------------------------------------------------------


async def measure_lateness(db: Path | str, rate: int, seconds: int) -> tuple[float, float, int]:
    """Items fall due at ``rate`` per second for ``seconds``; lateness of each send with a no-op sender."""
    from bot.app import Settings, build_app

    app = await build_app(Settings.from_env(db_path=str(db)))
    # Due times count from when the bot is up: start-up is ``first_send_s``'s, not lateness (on a
    # loaded machine loading the models took longer than the 2 s lead, and every item started late).
    first_due = int(time.time()) + 2
    insert_pending(db, rate * seconds, first_due, seconds, users=rate * seconds)
    late: list[float] = []
    total = rate * seconds
    all_sent = asyncio.Event()
    rows = await app.store.fetch_all("SELECT user_key, due_at FROM scheduled")
    due_by_user = {r[0]: r[1] for r in rows}

    class Sender:
        async def send(self, user_key: str, chat_id: str, replies: Sequence[object]) -> None:
            late.append(time.time() - due_by_user[user_key])
            if len(late) >= total:
                all_sent.set()

    app.senders[PLATFORM] = Sender()
    app.start_pump(interval_s=0.1)
    await _wait(all_sent, seconds + 30)
    await app.close()
    late.sort()
    p99 = late[int(len(late) * 0.99) - 1] if late else float("inf")
    return p99, max(late, default=float("inf")), len(late)


class FakePlatform:
    """A platform that enforces ``limit`` messages/s with a small burst, rejecting anything over it."""

    def __init__(self, limit: float, burst: int) -> None:
        self.limit, self.burst = limit, burst
        self.tokens = float(burst)
        self.last = time.monotonic()
        self.accepted = self.rejected = 0
        self.first = self.done = 0.0
        self.expected = 0
        self.finished = asyncio.Event()

    def post(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.limit)
        self.last = now
        if self.tokens < 1:
            self.rejected += 1
        else:
            self.tokens -= 1
            self.accepted += 1
            self.first = self.first or now
            self.done = now
        if self.accepted + self.rejected >= self.expected:
            self.finished.set()


async def measure_send_rate(db: Path | str, limit: int, items: int,
                            workers: int = 1) -> tuple[float, int, int, int]:
    """A burst of ``items`` due at once, sent by ``workers`` pumps through one aiolimiter-paced platform;
    (achieved/limit, rejected, items sent more than once, items never sent)."""
    from aiolimiter import AsyncLimiter

    from bot.app import Settings, build_app

    insert_pending(db, items, time.time() - 1, 0)
    platform = FakePlatform(limit, burst=max(2, limit // 10))
    platform.expected = items
    # The client-side limiter mirrors the platform's documented ceiling with a smaller burst,
    # the way python-telegram-bot's AIORateLimiter wraps aiolimiter.
    limiter = AsyncLimiter(max(1, limit // 20), max(1, limit // 20) / limit)

    sent: dict[str, int] = {}

    class Sender:
        async def send(self, user_key: str, chat_id: str, replies: Sequence[object]) -> None:
            async with limiter:
                platform.post()
                sent[user_key] = sent.get(user_key, 0) + 1

    apps = [await build_app(Settings.from_env(db_path=str(db))) for _ in range(workers)]
    for app in apps:  # several workers on one database, each pumping, one platform limit between them
        app.senders[PLATFORM] = Sender()
        app.start_pump(interval_s=0.1)
    await _wait(platform.finished, items / limit * 3 + 30)
    for app in apps:
        await app.close()
    elapsed = max(platform.done - platform.first, 1e-9)
    # n messages span n-1 intervals after the first one.
    achieved = (platform.accepted - 1) / elapsed
    return achieved / limit, platform.rejected, sum(1 for n in sent.values() if n > 1), items - len(sent)


# ---- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="1,000,000 items and a 30 s lateness run")
    parser.add_argument("--items", type=int, help="pending items (default 100,000; --full 1,000,000)")
    parser.add_argument("--rate", type=int, default=1000, help="due items per second for the lateness run")
    parser.add_argument("--seconds", type=int, help="length of the lateness run (default 5; --full 30)")
    parser.add_argument("--limit", type=int, default=200, help="the fake platform's messages per second")
    parser.add_argument("--burst-items", type=int, help="items in the send-rate burst (default 10 s worth)")
    parser.add_argument("--db", help="a postgresql:// URL (each phase in a schema of its own, dropped after)")
    parser.add_argument("--workers", type=int, default=1, help="pumps sharing the database in the send-rate burst")
    parser.add_argument("--child-serve", help=argparse.SUPPRESS)
    parser.add_argument("--child-naive", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_serve:
        asyncio.run(_child_serve(args.child_serve))
        return 0
    if args.child_naive:
        asyncio.run(_child_naive(args.child_naive))
        return 0

    items = args.items or (1_000_000 if args.full else 100_000)
    seconds = args.seconds or (30 if args.full else 5)
    burst = args.burst_items or args.limit * 10
    with tempfile.TemporaryDirectory(prefix="gw-bench-") as tmp, \
            bench_database(args.db, tmp, "pending") as db, bench_database(args.db, tmp, "lateness") as late_db, \
            bench_database(args.db, tmp, "rate") as rate_db:
        create_schema(db)
        insert_s = insert_pending(db, items, time.time() + 86_400, 86_400)
        insert_pending(db, 1, time.time() - 1, 0, users=1)  # the one item due at start-up
        started, served = _spawn("--child-serve", str(db))
        first_send_s, rss_mb = served["sent_at"] - started, served["rss_mb"]
        started, naive = _spawn("--child-naive", str(items))
        naive_start_s, naive_rss_mb = naive["ready_at"] - started, naive["rss_mb"]

        create_schema(late_db)
        p99_late_s, max_late_s, late_n = asyncio.run(measure_lateness(late_db, args.rate, seconds))

        create_schema(rate_db)
        ratio, rejected, twice, missing = asyncio.run(measure_send_rate(rate_db, args.limit, burst, args.workers))

    rows = [
        ("pending items", f"{items:,}", ""),
        ("insert time", f"{insert_s:.2f} s", ""),
        ("bot process RSS holding them", f"{rss_mb:.1f} MB", "target <= 150"),
        ("start to first due item sent", f"{first_send_s:.2f} s", "target < 2"),
        (f"p99 lateness at {args.rate}/s for {seconds} s", f"{p99_late_s:.3f} s (max {max_late_s:.3f}, n={late_n})",
         "target < 1"),
        (f"send rate vs a {args.limit}/s platform, {args.workers} pump(s)",
         f"{ratio:.3f} of limit, {rejected} rejected, {twice} twice, {missing} never",
         "target >= 0.95, 0 rejected, 0 twice, 0 never"),
        ("naive: one APScheduler job per item, RSS", f"{naive_rss_mb:.1f} MB", ""),
        ("naive: start to all jobs scheduled", f"{naive_start_s:.2f} s", ""),
    ]
    for name, value, target in rows:
        print(f"{name:<42} {value:<40} {target}")
    print(f"bench scheduler: insert_s={insert_s:.2f} rss_mb={rss_mb:.1f} first_send_s={first_send_s:.2f} "
          f"p99_late_s={p99_late_s:.3f} send_rate_ratio={ratio:.3f} sent_twice={twice} never_sent={missing} "
          f"workers={args.workers} "
          f"backend={'postgres' if args.db else 'sqlite'} naive_rss_mb={naive_rss_mb:.1f} "
          f"naive_start_s={naive_start_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
