"""Discord adapter latency: interaction in -> response out, ours (/ground) vs a bare command.

Both bots run through discord.py's real dispatch against SimCord's in-memory Discord, in one run.
The clock starts when the INTERACTION_CREATE payload enters discord.py's parser and stops when
discord.py hands the interaction response to its HTTP layer (the webhook adapter), so SimCord's
own bookkeeping is outside both figures. Ours includes the engine and a SQLite commit (WAL, on
disk) per command, exactly as in production.

    .venv/bin/python bench/discord.py [--n 400] [--warmup 40]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This file is named like the library it measures: put the project root where the script's own
# directory would be, so `import discord` finds discord.py rather than this file.
sys.path[0] = str(ROOT)

import discord  # noqa: E402
import simcord  # noqa: E402
from discord import app_commands  # noqa: E402
from simcord.http.client import FakeWebhookAdapter  # noqa: E402

from bot.adapters.discord import GroundworkClient  # noqa: E402
from bot.adapters.discord.config import intents  # noqa: E402
from bot.app import App, Settings, build_app, settle_heap  # noqa: E402
from bot.clock import FakeClock  # noqa: E402


class Stopwatch:
    """Arrival and first response time of every interaction, keyed by interaction id."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.responded: dict[str, float] = {}
        self.last = 0.0  # the latest response, measured or not

    def watch_arrivals(self, client: discord.Client) -> None:
        parsers = client._connection.parsers  # discord.py's gateway entry point, the one SimCord feeds
        original = parsers["INTERACTION_CREATE"]

        def timed(data: dict[str, Any]) -> None:
            self.arrived[str(data["id"])] = time.perf_counter()
            original(data)

        parsers["INTERACTION_CREATE"] = timed

    def millis(self) -> list[float]:
        return [(self.responded[i] - self.arrived[i]) * 1000 for i in self.arrived if i in self.responded]


def watch_responses(watch: Stopwatch) -> None:
    original = FakeWebhookAdapter.request

    async def timed(self: FakeWebhookAdapter, route: Any, session: Any, **kwargs: Any) -> Any:
        path = str(route.url)
        if path.endswith("/callback"):
            interaction_id = path.split("/interactions/")[1].split("/")[0]
            watch.last = time.perf_counter()
            watch.responded.setdefault(interaction_id, watch.last)
        return await original(self, route, session, **kwargs)

    FakeWebhookAdapter.request = timed  # type: ignore[method-assign]


class BareClient(discord.Client):
    """The baseline: a discord.py slash command that only responds, ephemerally.

    With our client's intents: without ``guilds`` discord.py has no cached server and builds a
    throwaway ``Guild`` and its channel from every interaction's payload (~0.2 ms, about two thirds
    of the bare command until 2026-12-01), work our client never does, and the ratio fell under 1.
    """

    def __init__(self) -> None:
        super().__init__(intents=intents())
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="ping", description="Only responds")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong", ephemeral=True)

    async def setup_hook(self) -> None:
        await self.tree.sync()


async def drive(client: discord.Client, command: str, n: int, warmup: int, gap: float = 0.06) -> list[float]:
    """Run ``command`` warmup + n times in a server as one member; the timings of the last n.

    Each interaction comes ``gap`` seconds after the last response, for both bots alike. SimCord's
    settle sleeps 50 ms after the bare command's response (its task's done-callback is still
    queued when settle looks) and not after ours, so until 2026-12-01 the bare command ran cold
    after an idle pause and ours back to back with warm caches, the ratio under 1.
    """
    watch = Stopwatch()
    watch_responses(watch)
    async with simcord.run(client) as env:
        watch.watch_arrivals(client)
        guild = env.create_guild()
        channel = guild.create_text_channel("general")
        member = guild.add_member(env.create_user("bench"))
        for i in range(warmup + n):
            if i == warmup:
                watch.arrived.clear()
                watch.responded.clear()
            result = await member.slash(channel, command)
            assert result.acknowledged and result.response is not None
            await asyncio.sleep(max(0.0, watch.last + gap - time.perf_counter()))
    return watch.millis()


def time_engine(app: App) -> list[float]:
    """Record how long each engine.handle call takes, to tell adapter cost from engine cost."""
    timings: list[float] = []
    handle = app.engine.handle

    async def timed(event: Any) -> Any:
        start = time.perf_counter()
        try:
            return await handle(event)
        finally:
            timings.append((time.perf_counter() - start) * 1000)

    app.engine.handle = timed  # type: ignore[method-assign]
    return timings


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(n: int, warmup: int, gap: float) -> None:
    logging.disable(logging.INFO)
    original_request = FakeWebhookAdapter.request
    with tempfile.TemporaryDirectory() as tmp:
        app = await build_app(Settings(db_path=str(Path(tmp) / "bench.sqlite3")), clock=FakeClock())
        # As bot.runner does after start-up (the collector's thresholds too), before both bots run.
        settle_heap()
        bare = await drive(BareClient(), "ping", n, warmup, gap)
        FakeWebhookAdapter.request = original_request  # type: ignore[method-assign]
        engine_ms = time_engine(app)
        try:
            ours = await drive(GroundworkClient(app), "ground", n, warmup, gap)
        finally:
            await app.close()
    engine = engine_ms[warmup:]
    FakeWebhookAdapter.request = original_request  # type: ignore[method-assign]

    rows = [("bare discord.py /ping", bare), ("groundwork /ground", ours), ("  of which engine+SQLite", engine)]
    print(f"{'path':<24}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for name, values in rows:
        print(f"{name:<24}{len(values):>6}{statistics.median(values):>10.3f}{pct(values, 0.99):>10.3f}"
              f"{max(values):>10.3f}")
    ratio = statistics.median(ours) / statistics.median(bare)
    adapter = statistics.median(ours) - statistics.median(engine)
    print(f"adapter alone (p50 minus engine p50): {adapter:.3f} ms = {adapter / statistics.median(bare):.2f}x bare")
    print(f"bench discord: p50_ms={statistics.median(ours):.3f} p99_ms={pct(ours, 0.99):.3f} "
          f"bare_p50_ms={statistics.median(bare):.3f} bare_p99_ms={pct(bare, 0.99):.3f} "
          f"overhead_ratio={ratio:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="measured interactions per bot")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured interactions first")
    parser.add_argument("--gap-ms", type=float, default=60.0,
                        help="idle time from a response to the next interaction, both bots")
    args = parser.parse_args()
    asyncio.run(main(args.n, args.warmup, args.gap_ms / 1000))
