"""The pump under SIGKILL (issue 11): thousands of follow-ups and nudges, a slow platform, random kills.

    python bench/faults.py                     # 3,000 follow-ups, 2,000 nudges, 30 kills (about 2 minutes)
    python bench/faults.py --kills 50 --followups 6000
    python bench/faults.py --kills 0           # no kills: how long an item is marked before its request left
    python bench/faults.py --db postgresql://postgres@127.0.0.1:5432/NAME   # a schema of its own, dropped after

A fake platform (an HTTP server in this process) counts every message the moment it arrives,
answers 10–60 ms later, and never forgets. Bot processes (the real pump, its engine and database,
its sender marking each item on the wire inside httpx as Telegram's does; only the heartbeat's
staleness is shortened, to 2 s, so a dead worker's items are taken over within the run, while the
lease stays 10 minutes) are SIGKILLed at random moments, an integrity check is run after every
kill (SQLite's ``PRAGMA integrity_check``;
on PostgreSQL ``amcheck``'s ``bt_index_check`` of every index of the run's schema), and a last
process finishes the queue. Ends with ``bench faults: kills=N followups_lost=N followups_twice=N
followups_thrice=N nudges_twice=N nudges_skipped=N`` and the bound each figure is held to.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLATFORM = "bench"
STALE_S = 2  # GROUNDWORK_WORKER_STALE_S of the bot processes (30 s in production)


# ---- the bot process ---------------------------------------------------------------------------


class _HttpSender:
    """The pump's Sender: one POST to the fake platform per item, marked on the wire as Telegram's are."""

    marks_on_wire = True

    def __init__(self, url: str) -> None:
        import httpx

        from bot.wire_httpx import wire_event_hooks

        self.url = url
        self.client = httpx.AsyncClient(timeout=30, event_hooks=wire_event_hooks())

        self.gaps_ms: list[float] = []  # mark known committed -> the request's last byte written

    async def send(self, user_key: str, chat_id: str, replies: Sequence[object]) -> None:
        kind = getattr(replies[0], "kind", "?") if replies else "?"
        response = await self.client.post(self.url, json={"user": user_key, "kind": kind},
                                          extensions={"trace": self._trace})
        response.raise_for_status()

    async def _trace(self, name: str, info: dict[str, Any]) -> None:
        from bot.pump import GATE

        gate = GATE.get()
        if name == "http11.send_request_body.complete" and gate is not None and gate.marked_at is not None:
            self.gaps_ms.append((time.monotonic() - gate.marked_at) * 1000)


async def _worker(db: str, url: str) -> None:
    from bot.app import Settings, build_app
    from bot.scheduling.pump import SchedulerPump

    os.environ["GROUNDWORK_WORKER_STALE_S"] = str(STALE_S)
    app = await build_app(Settings.from_env(db_path=db))
    sender = _HttpSender(url)
    app.senders[PLATFORM] = sender
    assert isinstance(app.pump, SchedulerPump) and app.pump.stale_after == timedelta(seconds=STALE_S)
    app.start_pump(interval_s=0.1)
    print("ready", flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    # How long each item was marked on the wire before its request had left (`--kills 0` measures it alone).
    print(json.dumps(sender.gaps_ms), flush=True)
    os._exit(0)  # as abrupt as the default SIGTERM was: the database is the bench's to inspect


# ---- the fake platform -------------------------------------------------------------------------


class Platform:
    """Counts each message on arrival (the user has it), then answers slowly."""

    def __init__(self) -> None:
        self.received: Counter[tuple[str, str]] = Counter()
        self.url = ""
        self._runner: object = None

    async def start(self) -> None:
        from aiohttp import web

        async def receive(request: web.Request) -> web.Response:
            body = await request.json()
            self.received[(body["user"], body["kind"])] += 1
            await asyncio.sleep(random.uniform(0.01, 0.06))
            return web.json_response({"ok": True})

        # A killed bot process cuts its requests: aiohttp would log a traceback for each.
        logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
        app = web.Application()
        app.router.add_post("/send", receive)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/send"
        self._runner = runner

    async def close(self) -> None:
        await self._runner.cleanup()  # type: ignore[attr-defined]


# ---- the run -----------------------------------------------------------------------------------


class Database:
    """The run's database seen from outside the bot: SQLite through ``sqlite3``, PostgreSQL through psycopg."""

    def __init__(self, target: str) -> None:
        from storage import is_postgres_url

        self.target = target
        self.postgres = is_postgres_url(target)

    @contextmanager
    def connect(self) -> Iterator[Any]:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.target, autocommit=True) as conn:
                yield conn
        else:
            conn = sqlite3.connect(self.target, isolation_level=None)
            try:
                yield conn
            finally:
                conn.close()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self.connect() as conn:
            cur = conn.execute(sql.replace("?", "%s") if self.postgres else sql, params)
            return list(cur.fetchall()) if cur.description else []

    def integrity(self) -> str:
        if not self.postgres:
            return str(self.query("PRAGMA integrity_check")[0][0])
        # Every B-tree index of this run's schema, checked against its table (amcheck).
        self.query("CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public")
        rows = self.query(
            "SELECT public.bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace")
        return "ok" if rows else "no index checked"


async def _fill(db: Database, followups: int, nudges: int, start: float, burst: int, every_s: float) -> None:
    """Users with one follow-up or one nudge each, due in bursts of ``burst`` every ``every_s`` seconds."""
    from storage import open_store

    await (await open_store(db.target)).close()  # creates the schema
    now = int(time.time())
    settings = json.dumps({"quiet": "off", "nudge": {"on": True, "time": "03:00"}})
    total = followups + nudges
    payload = json.dumps({"topic": "texting", "intensity": 3})
    users = [(f"{PLATFORM}:{u}", settings, now, now) for u in range(total)]
    items = [(f"{PLATFORM}:{u}", str(u), "followup" if u < followups else "nudge", int(start + (i // burst) * every_s),
              payload if u < followups else "{}", now) for i, u in enumerate(random.sample(range(total), total))]
    insert_users = "INSERT INTO users (user_key, settings, created_at, last_seen_at) VALUES (?, ?, ?, ?)"
    insert_items = ("INSERT INTO scheduled (user_key, chat_id, kind, due_at, payload, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)")
    with db.connect() as conn:
        if db.postgres:
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany(insert_users.replace("?", "%s"), users)
                cur.executemany(insert_items.replace("?", "%s"), items)
        else:
            conn.execute("BEGIN")
            conn.executemany(insert_users, users)
            conn.executemany(insert_items, items)
            conn.execute("COMMIT")


async def _start_worker(db: Database, url: str, log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as errors:  # the workers' own log lines, for a run that goes wrong
        proc = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--worker", db.target, url, stdout=asyncio.subprocess.PIPE,
            stderr=errors, cwd=ROOT)
    assert proc.stdout is not None
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), 300)  # start-up is slow on a crowded machine
    except TimeoutError:
        line = b""
    if line.strip() != b"ready":
        proc.kill()
        raise RuntimeError(f"the bot process did not start; its log ends with:\n{_tail(log)}")
    return proc


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


def _open_items(db: Database) -> int:
    return int(db.query("SELECT count(*) FROM scheduled WHERE due_at <= ? AND status IN "
                        "('pending', 'claimed', 'sending')", (int(time.time()),))[0][0])


def _statuses(db: Database) -> dict[str, int]:
    rows = db.query("SELECT kind || ':' || status || ':' || coalesce(note, ''), count(*) FROM scheduled "
                    "WHERE due_at <= ? GROUP BY 1", (int(time.time()),))
    return {k: int(n) for k, n in rows}


def _on_wire_at_kill(db: Database, platform: Platform, first_arrivals: dict[str, int], wire: Counter[str],
                     counted: set[tuple[str, str | None]]) -> None:
    """Classify the follow-ups a kill left ``sending``: had the request cut by it reached the platform?"""
    rows = db.query("SELECT user_key, note FROM scheduled WHERE status = 'sending' AND kind = 'followup'")
    for key, note in rows:
        note = note if note == "resend" else None  # 'taken-on-wire': the first send, taken over, not re-sent yet
        arrived = platform.received[(key, "followup")]
        if (key, note) in counted:  # still on the wire from an earlier kill: nobody took it over yet
            continue
        counted.add((key, note))
        if note != "resend":
            first_arrivals[key] = arrived
            wire["first"] += 1
            wire["first_missing"] += arrived == 0
        else:
            before = first_arrivals.get(key, 0)
            wire["resend"] += 1
            wire["resend_missing"] += arrived == before
            wire["both_missing"] += arrived == 0


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    at = {p: ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] for p in (50, 90, 99)}
    return (f"p50={at[50]:.2f} p90={at[90]:.2f} p99={at[99]:.2f} max={ordered[-1]:.2f} "
            f"mean={sum(ordered) / len(ordered):.2f} ms")


def _closed_twice(db: Database) -> list[str]:
    """Follow-ups closed without a third send: on the wire when two workers in a row died."""
    return [r[0] for r in db.query("SELECT user_key FROM scheduled WHERE note = 'on-wire-twice'")]


async def run(args: argparse.Namespace) -> int:
    from bench.target import bench_database

    with tempfile.TemporaryDirectory(prefix="gw-faults-") as tmp, bench_database(args.db, tmp, "faults") as target:
        args.worker_log = Path(tmp) / "workers.log"
        code = await _run(args, Database(target))
        if args.keep and not Database(target).postgres:
            kept = Path(tempfile.mkdtemp(prefix="gw-faults-kept-")) / "faults.sqlite3"
            shutil.copy(target, kept)
            print(f"database kept at {kept}", file=sys.stderr)
        return code


async def _run(args: argparse.Namespace, db: Database) -> int:
    from bot.scheduling.pump import WINDOW

    platform = Platform()
    await platform.start()
    start = time.time() + 3
    every_s = args.every
    await _fill(db, args.followups, args.nudges, start, args.burst, every_s)
    rng = random.Random(args.seed)
    kills, bad_checks = 0, 0
    first_arrivals: dict[str, int] = {}  # follow-up -> copies arrived when its first send was cut by a kill
    wire: Counter[str] = Counter()
    counted: set[tuple[str, str | None]] = set()
    started = time.perf_counter()
    try:
        while kills < args.kills:
            proc = await _start_worker(db, platform.url, args.worker_log)
            await asyncio.sleep(rng.uniform(0.05, args.max_life))
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            kills += 1
            check = db.integrity()
            if check != "ok":
                bad_checks += 1
                print(f"integrity check after kill {kills}: {check}", file=sys.stderr)
            await asyncio.sleep(0.2)  # a request already written by the dead process is still read
            _on_wire_at_kill(db, platform, first_arrivals, wire, counted)
        # A last process finishes the queue (taking over the dead workers' items once their heartbeats are stale).
        proc = await _start_worker(db, platform.url, args.worker_log)
        last_due = start + every_s * ((args.followups + args.nudges) // args.burst)
        for _ in range(600):  # at most 5 minutes
            if time.time() > last_due and not _open_items(db):
                break
            await asyncio.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        assert proc.stdout is not None
        gaps = json.loads((await proc.stdout.read()).decode() or "[]")
        await proc.wait()
    finally:
        await platform.close()
    if gaps:
        print(f"mark to request written (last process, {len(gaps)} sends, no kills): "
              f"{_percentiles(gaps)}", file=sys.stderr)
    followups = [platform.received[(f"{PLATFORM}:{u}", "followup")] for u in range(args.followups)]
    nudges = [platform.received[(f"{PLATFORM}:{u}", "nudge")]
              for u in range(args.followups, args.followups + args.nudges)]
    statuses = _statuses(db)
    parked = sum(n for k, n in statuses.items() if ":parked:" in k)
    closed_twice = Counter(platform.received[(key, "followup")] for key in _closed_twice(db))
    print(f"statuses: {json.dumps(statuses, sort_keys=True)}", file=sys.stderr)
    # Rows still held at the end, and how many of those by a worker that never wrote a heartbeat
    # (only the 10-minute lease would free them).
    [(held, unbeaten)] = db.query(
        "SELECT count(*), count(*) FILTER (WHERE claimed_by NOT IN (SELECT name FROM pump_workers)) "
        "FROM scheduled WHERE status IN ('claimed', 'sending')") if db.postgres else db.query(
        "SELECT count(*), sum(claimed_by NOT IN (SELECT name FROM pump_workers)) "
        "FROM scheduled WHERE status IN ('claimed', 'sending')")
    print(f"still held at the end: {held} (by a worker with no heartbeat row: {unbeaten or 0})", file=sys.stderr)
    print(f"elapsed_s={time.perf_counter() - started:.1f} integrity_failures={bad_checks} parked={parked} "
          f"window={WINDOW} twice_bound={WINDOW * kills} closed_on_wire_twice={sum(closed_twice.values())} "
          f"(arrived 0/1/2 times: {closed_twice[0]}/{closed_twice[1]}/{closed_twice[2]})", file=sys.stderr)
    print(f"on the wire at a kill: first sends {wire['first']} (not arrived: {wire['first_missing']}), "
          f"re-sends {wire['resend']} (not arrived: {wire['resend_missing']}, first send not arrived either: "
          f"{wire['both_missing']})", file=sys.stderr)
    print(f"bench faults: kills={kills} followups_lost={sum(1 for n in followups if n == 0)} "
          f"followups_twice={sum(1 for n in followups if n >= 2)} "
          f"followups_thrice={sum(1 for n in followups if n >= 3)} nudges_twice={sum(1 for n in nudges if n >= 2)} "
          f"nudges_skipped={sum(1 for n in nudges if n == 0)}")
    bound = WINDOW * kills
    ok = (bad_checks == 0 and all(followups) and max(followups) <= 2 and max(nudges) <= 1
          and sum(1 for n in followups if n >= 2) <= bound and sum(1 for n in nudges if n == 0) <= bound)
    return 0 if ok else 1


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        asyncio.run(_worker(sys.argv[2], sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--followups", type=int, default=3000)
    parser.add_argument("--nudges", type=int, default=2000)
    parser.add_argument("--burst", type=int, default=250, help="items falling due together")
    parser.add_argument("--every", type=float, default=3.0, help="seconds between bursts")
    parser.add_argument("--max-life", type=float, default=2.5, help="longest a bot process lives before its kill")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FAULTS_SEED", "11")))
    parser.add_argument("--keep", action="store_true", help="keep a SQLite database for inspection")
    parser.add_argument("--db", help="a postgresql:// URL (the run gets a schema of its own, dropped after)")
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
