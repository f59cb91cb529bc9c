"""SimCord set-up for the Discord adapter: the real bot, a virtual Discord, one SQLite file.

SimCord drives discord.py's real dispatch (slash commands, buttons, modals, DMs, ephemeral
replies) in-process. The environment is opened inside the test's own event loop: a bot started
on another loop would never run its handlers and the tests would pass without it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import simcord
import simcord.interactions

from bot.adapters.discord import GroundworkClient, build_client
from bot.adapters.discord.config import DiscordConfig
from bot.app import App, Settings, build_app
from bot.clock import FakeClock
from tests.fakes.privacy import LEDGER, PrivacyLedger, record_simcord, watch_simcord_users

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@dataclass(slots=True)
class DiscordSim:
    """A running bot in a virtual Discord, plus the App behind it."""

    env: simcord.Env
    app: App
    client: GroundworkClient
    db_path: Path
    clock: FakeClock
    options: dict[str, Any]
    locales: dict[int, str] = field(default_factory=dict)

    def set_client_locale(self, user_id: int, locale: str) -> None:
        """The language a user's Discord client is set to (SimCord always sends ``en-US``)."""
        self.locales[user_id] = locale

    def text(self, key: str, locale: str = "en", **args: Any) -> str:
        """What the bot should say for a locale key: tests assert on real rendered words."""
        return self.app.engine.i18n.text(locale, key, **args)

    async def restart(self) -> None:
        """A new process in miniature: new App and client over the same SQLite file and world."""
        old = self.app
        self.app = await build_app(Settings(db_path=str(self.db_path)), clock=self.clock)
        self.client = build_client(self.app, **self.options)  # type: ignore[assignment]
        await self.env.restart_bot(self.client)
        await old.close()

    def command_syncs(self) -> int:
        """How many times the bot pushed its slash commands to Discord."""
        return sum(1 for r in self.env.http_requests
                   if r.method == "PUT" and r.path.endswith("/commands"))


@asynccontextmanager
async def open_discord_sim(db_path: Path, *, shard_count: int | None = None, ledger: PrivacyLedger = LEDGER,
                           **options: Any) -> AsyncIterator[DiscordSim]:
    """Start the bot (optionally auto-sharded) against a fresh virtual Discord."""
    clock = FakeClock(START)
    app = await build_app(Settings(db_path=str(db_path)), clock=clock)
    config = DiscordConfig(token="unused-offline", shard_count=shard_count)
    client = build_client(app, config, **options)
    # Env is started and shut down directly (not ``simcord.run``): pytest-asyncio sets a fixture
    # up and tears it down in different contexts, which ``run``'s context variable cannot span.
    env = simcord.Env(client)
    sim = DiscordSim(env, app, client, db_path, clock, options)  # type: ignore[arg-type]
    base_payload = simcord.interactions.base_payload

    def localized_payload(*args: Any, **kwargs: Any) -> Any:
        record, payload = base_payload(*args, **kwargs)
        payload["locale"] = sim.locales.get(kwargs["user_id"], payload["locale"])
        return record, payload

    simcord.interactions.base_payload = localized_payload  # type: ignore[assignment]
    world = ledger.world()
    unwatch = watch_simcord_users(ledger, world)  # what users type and confirm, for the privacy check
    await env.start()
    try:
        yield sim
    finally:
        simcord.interactions.base_payload = base_payload  # type: ignore[assignment]
        unwatch()
        record_simcord(env, ledger, world)  # for the suite-wide privacy check at the session's end
        await env.shutdown()
        await sim.app.close()
    env.raise_errors()  # anything a handler raised and discord.py swallowed fails the test

