"""Discord shard takeover with the real discord.py client against SimCord, two workers on one PostgreSQL.

Two workers (two Apps, each with its own connection pool, in one process) run ``run_leased`` for the
one shard. SimCord is the Discord they connect to: the lease holder's real ``GroundworkClient`` is
attached to it (login, identify, READY) and answers a DM. Then the holder dies: its database
connections go first (so nothing can release its lease) and its task is cancelled. The standby
must take the shard within the lease time, attach its own client to the same virtual Discord and
answer the next DM; nobody identifies again meanwhile (no crash loop).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import simcord

from bot.adapters.discord import shards
from bot.adapters.discord.config import DiscordConfig
from bot.app import App, Settings, build_app
from tests.fakes.console import shipped_definitions

TTL_S, RENEW_S = 2.0, 0.25
SHARD = "discord:shard:0"


class VirtualDiscord:
    """The ``connect`` both workers use: the first client starts SimCord, a later one replaces it there."""

    def __init__(self) -> None:
        self.env: simcord.Env | None = None
        self.identified: list[str] = []  # the worker behind each client that connected, in order
        self.serving: str | None = None  # whose client SimCord has attached and brought to READY

    async def connect(self, client: discord.Client, token: str) -> None:
        self.identified.append(client.bridge.app.worker)  # type: ignore[attr-defined]
        if self.env is None:
            self.env = simcord.Env(client)
            await self.env.start()
        else:
            await self.env.restart_bot(client)  # Discord hands the shard's session to the new connection
        self.serving = client.bridge.app.worker  # type: ignore[attr-defined]
        await asyncio.Event().wait()  # the session lasts until the worker stops it


async def _app(url: str, name: str) -> App:
    app = await build_app(Settings.from_env(db_path=url), definitions=shipped_definitions())
    app.worker = name
    return app


@pytest.fixture
async def workers(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[App, App]]:
    init = shards.LeaseKeeper.__init__

    def quick(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **{**kwargs, "ttl_s": TTL_S, "renew_s": RENEW_S})

    monkeypatch.setattr(shards.LeaseKeeper, "__init__", quick)
    a, b = await _app(postgres_url, "worker-a"), await _app(postgres_url, "worker-b")
    yield a, b
    for app in (a, b):
        await app.close()


async def _until(check: Any, within: float, what: str) -> float:
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > within:
            raise AssertionError(f"not within {within} s: {what}")
        await asyncio.sleep(0.02)
    return time.monotonic() - started


@pytest.mark.timeout(120)
async def test_the_standby_takes_a_dead_holders_shard_within_the_lease_and_identifies_once(
    workers: tuple[App, App]
) -> None:
    a, b = workers
    discord_ = VirtualDiscord()
    config = DiscordConfig(token="unused-offline")
    first = asyncio.create_task(shards.run_leased(a, config, discord_.connect))
    second: asyncio.Task[None] | None = None
    try:
        await _until(lambda: _ready(discord_, a), 30, "worker a holds the shard and is connected")
        second = asyncio.create_task(shards.run_leased(b, config, discord_.connect))
        await asyncio.sleep(3 * RENEW_S)
        assert await a.store.lease_holder(SHARD) == "worker-a" and b.holds == set()  # b stands by
        assert discord_.env is not None
        alice = discord_.env.create_user("alice")
        await alice.send_dm("he hasn't replied in 4 hours")
        answer = alice.dm_channel.last_message
        assert answer is not None and answer.author.id == discord_.env.bot.user.id
        assert answer.content.startswith(a.engine.i18n.text("en", "trigger-ack", topic="texting"))

        # a dies: its connections are gone before its task is, so its lease is never given back.
        await a.store.close()
        died = time.monotonic()
        first.cancel()
        await asyncio.gather(first, return_exceptions=True)
        assert await b.store.lease_holder(SHARD) == "worker-a"  # still a's until it expires
        await _until(lambda: _ready(discord_, b), TTL_S + 2 * RENEW_S + 3, "worker b took the shard over")
        took = time.monotonic() - died
        assert took <= TTL_S + 2 * RENEW_S + 3, took
        assert discord_.env.bot.bridge.app is b  # type: ignore[attr-defined]

        before = await _version(b, alice.id)
        await alice.send_dm("she liked his photo again and I feel sick")
        answer = alice.dm_channel.last_message
        # b carries on the conversation a started (same database): the words answered its question.
        assert answer is not None and answer.author.id == discord_.env.bot.user.id
        assert await _version(b, alice.id) == before + 1
        assert answer.content != b.engine.i18n.text("en", "error-not-stored")
        await asyncio.sleep(4 * TTL_S)  # long enough for a crash loop to show
        assert discord_.identified == ["worker-a", "worker-b"]
        assert await b.store.lease_holder(SHARD) == "worker-b" and b.holds == {SHARD}
    finally:
        for task in (first, second):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if discord_.env is not None:
            await discord_.env.shutdown()


async def _ready(discord_: VirtualDiscord, app: App) -> bool:
    env = discord_.env
    return SHARD in app.holds and discord_.serving == app.worker and env is not None and env.bot.is_ready()


async def _version(app: App, user_id: int) -> int:
    [(version,)] = await app.store.fetch_all("SELECT version FROM conversations WHERE user_key = ?",
                                             (f"discord:{user_id}",))
    return int(version)
