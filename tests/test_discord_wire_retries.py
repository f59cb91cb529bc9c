"""discord.py's own retries of a scheduled DM pass the wire gate, attempt by attempt.

Through the real pump, the real discord.py ``HTTPClient`` (its aiohttp session, its retry loop) and
a Discord REST API on 127.0.0.1 (``tests/fakes/discord_rest.py``). discord.py tries a message post
again by itself after a 500 (1 s later) or a 429 (once ``retry_after`` has passed); each try is
checked against the database before it goes out, so an item another worker took over meanwhile
is not sent a second time by the first worker's retry.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.http import Route

from bot.adapters.discord import build_client
from bot.app import App, Settings, build_app
from bot.clock import FakeClock
from bot.scheduling.pump import LEASE, SchedulerPump
from storage import ScheduleWrite, UnitOfWork
from tests.fakes.console import START
from tests.fakes.discord_rest import DiscordREST

pytestmark = pytest.mark.both_backends
USER = 700_000_000_000_000_123


@dataclass(slots=True)
class Bot:
    app: App
    client: discord.Client
    api: DiscordREST


@pytest.fixture
async def bot(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Bot]:
    api = DiscordREST()
    api.users[USER] = "Ana"
    monkeypatch.setattr(Route, "BASE", await api.start())
    app = await build_app(Settings.from_env(db_path=str(db_path)), clock=FakeClock(START))
    client = build_client(app, sync_commands=False)
    try:
        await client.login("offline-token")
        yield Bot(app, client, api)
    finally:
        await client.close()
        await app.close()
        await api.close()


async def _followup_due(bot: Bot) -> None:
    chat = str(bot.api.dm_of(USER))
    uow = UnitOfWork(user_key=f"discord:{USER}", chat_id=chat, now=START)
    uow.settings_patch["quiet"] = "off"
    uow.schedule.append(ScheduleWrite(kind="followup", due_at=START, chat_id=chat,
                                      payload={"topic": "texting", "intensity": 3}))
    await bot.app.store.apply(uow)


async def _row(bot: Bot) -> tuple[Any, ...]:
    [row] = await bot.app.store.fetch_all("SELECT status, note, attempts, takeovers FROM scheduled")
    return tuple(row)


async def _taken_over_while_discord_py_waits_to_retry(bot: Bot) -> None:
    assert isinstance(bot.app.pump, SchedulerPump)
    run = asyncio.create_task(bot.app.pump.run_due(START))
    for _ in range(500):
        if bot.api.attempts:
            break
        await asyncio.sleep(0.01)
    # The first post was refused; discord.py sleeps before trying it again. Meanwhile another worker
    # (its clock past the lease) takes the item over and sends it through the same Discord client.
    other = SchedulerPump(bot.app.engine, bot.app.store.queue("other"), bot.app.senders)
    await other.run_due(START + LEASE + timedelta(minutes=1))
    await asyncio.wait_for(run, 20)


async def test_a_retry_discord_py_makes_after_a_500_is_not_sent_once_the_item_was_taken_over(bot: Bot) -> None:
    await _followup_due(bot)
    bot.api.fail_posts.append((500, 0))
    await _taken_over_while_discord_py_waits_to_retry(bot)
    assert len(bot.api.messages_to(USER)) == 1  # sent by the worker that took it over, not again by the first
    assert await _row(bot) == ("sent", None, 0, 1)


async def test_a_429_discord_py_waits_out_passes_the_gate_again(bot: Bot) -> None:
    await _followup_due(bot)
    bot.api.fail_posts.append((429, 0.5))
    await _taken_over_while_discord_py_waits_to_retry(bot)
    assert len(bot.api.messages_to(USER)) == 1
    assert await _row(bot) == ("sent", None, 0, 1)


async def test_a_followup_through_a_run_of_5xx_discord_py_retries_is_sent_once(bot: Bot) -> None:
    await _followup_due(bot)
    bot.api.fail_posts.extend([(502, 0), (500, 0)])
    assert isinstance(bot.app.pump, SchedulerPump)
    await bot.app.pump.run_due(START)
    assert bot.api.attempts == 3 and len(bot.api.messages_to(USER)) == 1
    assert await _row(bot) == ("sent", None, 0, 0)


async def test_a_followup_cut_while_its_post_waited_for_a_connection_is_not_counted_as_a_copy(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _followup_due(bot)
    connector: Any = bot.client.http.connector
    connect, waiting = connector.connect, asyncio.Event()

    async def stalled(req: Any, *args: Any, **kwargs: Any) -> Any:
        if req.method == "POST" and req.url.path.endswith("/messages"):
            waiting.set()
            await asyncio.Event().wait()  # a connect or TLS handshake that never ends: the process is killed here
        return await connect(req, *args, **kwargs)

    monkeypatch.setattr(connector, "connect", stalled)
    assert isinstance(bot.app.pump, SchedulerPump)
    run = asyncio.create_task(bot.app.pump.run_due(START))
    try:
        await asyncio.wait_for(waiting.wait(), 20)
    finally:
        run.cancel()
    monkeypatch.setattr(connector, "connect", connect)
    [item] = await bot.app.store.queue("probe").expired_claims(START + LEASE + timedelta(minutes=1), LEASE)
    assert item.wire == 0  # no byte of the post had left: not a copy that may have reached the user
    other = SchedulerPump(bot.app.engine, bot.app.store.queue("other"), bot.app.senders)
    await other.run_due(START + (LEASE + timedelta(minutes=1)) * 2)
    assert len(bot.api.messages_to(USER)) == 1
    assert await _row(bot) == ("sent", None, 0, 1)
