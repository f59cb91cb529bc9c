"""What the bot never does in a circle (issue 13, part 5): it does not read or answer what members write there,
reassurance questions included, on Telegram or Discord; and it keeps no record of those who wrote."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest

from bot.clock import FakeClock
from tests.fakes.discord_sim import open_discord_sim
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, start_bot
from tests.test_circles_telegram import BEFORE_DST, GROUP, circle_group, setup_circle

WRITTEN = ("Does he still love me? He hasn't answered since this morning.",
           "should I text her again or wait, be honest", "I'm Dolores, call me on 600 123 456")


@pytest.fixture
async def bot(api: FakeBotAPI, db_path: Path) -> AsyncIterator[RunningBot]:
    circle_group(api)
    running = await start_bot(api, db_path, clock=FakeClock(BEFORE_DST))
    yield running
    await running.stop()


async def test_telegram_members_writing_in_the_circle_get_no_answer_and_leave_no_trace(
        bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    posted = len(api.sent(GROUP))
    dolores = api.user(9300, "Dolores", "es")
    for text in WRITTEN:
        await dolores.send(text, chat=api.chats[GROUP])
    await api.wait(lambda: not api._updates, settle=0.3)  # every update fetched, and the bot quiet since
    assert len(api.sent(GROUP)) == posted
    assert api.sent(dolores.id) == []
    users = await bot.app.store.connection.execute_fetchall("SELECT user_key FROM users")
    assert ("telegram:9300",) not in [tuple(u) for u in users]


async def test_discord_members_writing_in_the_circle_channel_get_no_answer(db_path: Path) -> None:
    async with open_discord_sim(db_path) as sim:
        guild = sim.env.create_guild()
        channel = guild.create_text_channel("support")
        admins = guild.create_role("admins", permissions=discord.Permissions(manage_guild=True))
        admin = guild.add_member(sim.env.create_user("adaline"), roles=[admins])
        member = guild.add_member(sim.env.create_user("doloresqq"))
        await admin.slash(channel, "circle setup", time="20:00")
        before = len(sim.env.http_requests)
        for text in WRITTEN:
            await member.send(channel, text)
        await sim.env.settle()
        await asyncio.sleep(0)
        sent = [r for r in sim.env.http_requests[before:] if r.method in {"POST", "PATCH", "PUT"}]
        assert sent == []
