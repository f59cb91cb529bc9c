"""CPU per Discord interaction, /ground against the bare responder: a loaded machine changes it less than wall time.

    .venv/bin/python bench/discord_cpu.py [--n 400] [--warmup 40] [--rounds 2] [--statements]

The same harness as ``bench/discord.py`` (discord.py's real dispatch against SimCord), but each
interaction is measured in this thread's CPU time (``time.thread_time``) from the moment its
INTERACTION_CREATE payload enters discord.py's parser to the moment discord.py hands the response
to its HTTP layer. A lone unit of work commits on the loop's thread, so the process's CPU in that
window is this thread's. Each round builds a fresh app (its own SQLite file) and runs both bots.
Ends with ``bench discord_cpu: ours_us=N bare_us=N ratio=N`` (medians over rounds of the p50s).
``--statements`` also prints the thread CPU of each statement on the store's loop-thread connection
(the load and the lone commit), p50 per statement text over the measured ``/ground`` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # as bench/discord.py: `import discord` must find discord.py, not that file

import discord  # noqa: E402
import simcord  # noqa: E402
from simcord.http.client import FakeWebhookAdapter  # noqa: E402

from bot.adapters.discord import GroundworkClient  # noqa: E402
from bot.app import Settings, build_app, settle_heap  # noqa: E402
from bot.clock import FakeClock  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_discord", ROOT / "bench" / "discord.py")
assert _spec is not None and _spec.loader is not None
bench_discord = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_discord)


# Both bots idle alike before each interaction (bench/discord.py's ``drive``: SimCord paused 50 ms
# after the bare command only, so it ran cold and /ground warm).
GAP_S = 0.06


class _Fetched:
    """A statement's rows, fetched inside the timed call, and its row count."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self.rows, self.rowcount = rows, rowcount

    def fetchall(self) -> list[Any]:
        return self.rows


class TimedConnection:
    """The store's loop-thread connection, recording each statement's thread CPU (µs) by its text.

    A statement runs to its end inside ``execute`` (its rows are fetched there), so the time of a
    read includes the step that ends its read transaction, as the store's ``fetchall`` does.
    """

    def __init__(self, conn: Any, times: defaultdict[str, list[float]]) -> None:
        self._conn = conn
        self.times = times

    def execute(self, sql: str, params: Any = ()) -> _Fetched:
        start = time.thread_time()
        cursor = self._conn.execute(sql, params)
        fetched = _Fetched(cursor.fetchall(), cursor.rowcount)
        self.times[" ".join(sql.split())[:48]].append((time.thread_time() - start) * 1e6)
        return fetched

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)  # in_transaction, close


async def drive(client: discord.Client, command: str, n: int, warmup: int,
                statements: defaultdict[str, list[float]] | None = None) -> list[float]:
    """Thread CPU (µs) of the last ``n`` of ``warmup + n`` runs of ``command``, parser to response."""
    arrived: dict[str, float] = {}
    responded: dict[str, float] = {}
    last = [0.0]  # wall time of the latest response: the next interaction comes GAP_S after it
    original = FakeWebhookAdapter.request

    async def timed_response(self: FakeWebhookAdapter, route: Any, session: Any, **kwargs: Any) -> Any:
        path = str(route.url)
        if path.endswith("/callback"):
            responded.setdefault(path.split("/interactions/")[1].split("/")[0], time.thread_time())
            last[0] = time.perf_counter()
        return await original(self, route, session, **kwargs)

    FakeWebhookAdapter.request = timed_response  # type: ignore[method-assign]
    try:
        async with simcord.run(client) as env:
            parsers = client._connection.parsers
            parse = parsers["INTERACTION_CREATE"]

            def timed_arrival(data: dict[str, Any]) -> None:
                arrived[str(data["id"])] = time.thread_time()
                parse(data)

            parsers["INTERACTION_CREATE"] = timed_arrival
            guild = env.create_guild()
            channel = guild.create_text_channel("general")
            member = guild.add_member(env.create_user("bench"))
            for i in range(warmup + n):
                if i == warmup:
                    arrived.clear()
                    responded.clear()
                    if statements is not None:
                        statements.clear()
                result = await member.slash(channel, command)
                assert result.acknowledged and result.response is not None
                await asyncio.sleep(max(0.0, last[0] + GAP_S - time.perf_counter()))
    finally:
        FakeWebhookAdapter.request = original  # type: ignore[method-assign]
    return [(responded[i] - arrived[i]) * 1e6 for i in arrived if i in responded]


async def main(n: int, warmup: int, rounds: int, timed: bool) -> None:
    logging.disable(logging.INFO)
    ours: list[float] = []
    bare: list[float] = []
    statements: defaultdict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            app = await build_app(Settings(db_path=str(Path(tmp) / f"round{r}.sqlite3")), clock=FakeClock())
            settle_heap()  # as bot.runner does after start-up
            store: Any = app.store
            if timed:
                store._here = store._group.here_conn = TimedConnection(store._here, statements)
            try:
                b = await drive(bench_discord.BareClient(), "ping", n, warmup)
                o = await drive(GroundworkClient(app), "ground", n, warmup, statements if timed else None)
            finally:
                await app.close()
            bare.append(statistics.median(b))
            ours.append(statistics.median(o))
            print(f"round {r + 1}: /ground p50 {ours[-1]:.0f} µs (mean {statistics.mean(o):.0f}), "
                  f"bare p50 {bare[-1]:.0f} µs (mean {statistics.mean(b):.0f}), ratio {ours[-1] / bare[-1]:.2f}")
            for sql, times in statements.items():
                print(f"  {statistics.median(times):6.1f} µs p50 x{len(times)}  {sql}")
    o, b = statistics.median(ours), statistics.median(bare)
    print(f"bench discord_cpu: ours_us={o:.0f} bare_us={b:.0f} ratio={o / b:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="measured interactions per bot and round")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured interactions first")
    parser.add_argument("--rounds", type=int, default=2, help="fresh app and both bots, this many times")
    parser.add_argument("--statements", action="store_true",
                        help="also time each statement on the store's loop-thread connection")
    args = parser.parse_args()
    asyncio.run(main(args.n, args.warmup, args.rounds, args.statements))
