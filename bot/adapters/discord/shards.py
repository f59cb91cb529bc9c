"""Discord shards across workers: each shard's gateway session runs in the one worker holding its lease.

A worker runs the shards of ``DISCORD_SHARD_IDS`` (all of them if unset) once it holds every one
of their leases; workers configured alike are standbys for each other. Discord allows about
1,000 identifies a day per token, so a session that ends in an error is not restarted at once:
the worker lets the leases go and waits, 30 s doubling up to 15 minutes, before trying again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import discord

from bot.app import App
from bot.leases import LeaseKeeper
from bot.logsafe import describe_failure

from .config import DiscordConfig

log = logging.getLogger(__name__)

FIRST_BACKOFF_S = 30.0
MAX_BACKOFF_S = 900.0


Connect = Callable[[discord.Client, str], Awaitable[None]]


async def to_discord(client: discord.Client, token: str) -> None:
    """Log in, identify and serve the gateway session until the client is closed."""
    async with client:
        await client.start(token)


class ShardSession:
    """Starts and stops one client for this worker's shards, with back-off after a failed session."""

    def __init__(self, app: App, config: DiscordConfig, connect: Connect = to_discord) -> None:
        self.app = app
        self.config = config
        self.connect = connect  # tests put SimCord's virtual Discord here
        self.names = [f"discord:shard:{n}" for n in config.shards]
        self.failed = asyncio.Event()
        self._client: discord.Client | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        from .client import build_client

        self._client = build_client(self.app, self.config)
        self._task = asyncio.create_task(self._serve(self._client), name="discord-session")
        self.app.holds.update(self.names)

    async def _serve(self, client: discord.Client) -> None:
        try:
            await self.connect(client, self.config.token)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("discord: session ended: %s", describe_failure(exc))
            self.failed.set()

    async def stop(self) -> None:
        self.app.holds.difference_update(self.names)
        self.app.senders.pop("discord", None)
        client, task, self._client, self._task = self._client, self._task, None, None
        if client is not None and not client.is_closed():
            await client.close()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def run_leased(app: App, config: DiscordConfig, connect: Connect = to_discord) -> None:
    """Hold this worker's shard leases and serve them; back off after a failed session."""
    backoff = FIRST_BACKOFF_S
    session = ShardSession(app, config, connect)
    while True:
        session.failed.clear()
        keeper = LeaseKeeper(app.store, session.names, app.worker, session.start, session.stop)
        holding = asyncio.create_task(keeper.run(), name="discord-shard-leases")
        failed = asyncio.create_task(session.failed.wait())
        try:
            await asyncio.wait({holding, failed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            holding.cancel()  # lets the leases go so a healthy worker can take the shards meanwhile
            failed.cancel()
            await asyncio.gather(holding, failed, return_exceptions=True)
        log.warning("discord: waiting %.0f s before identifying again (daily identify limit)", backoff)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, MAX_BACKOFF_S)
