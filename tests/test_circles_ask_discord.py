"""Asking a Discord circle (SimCord, real discord.py): join, ask in a DM, answers, the result by DM, deletion."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord

from bot.circles.draft import draft_ask
from tests.fakes.discord_sim import DiscordSim, open_discord_sim
from tests.fakes.due import run_next_due

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WORDS = "Since Friday Robin answers in one word and @kai_99 says that's normal. Would you be worried?"


@dataclass(slots=True)
class Server:
    sim: DiscordSim
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    mod: simcord.MemberActor
    asker: Any  # the user actor: DMs are sent as the user, not as the guild member
    members: list[simcord.MemberActor]


@pytest.fixture
async def server(db_path: Path) -> AsyncIterator[Server]:
    async with open_discord_sim(db_path) as sim:
        sim.clock.set(NOW)
        guild = sim.env.create_guild()
        channel = guild.create_text_channel("steady-hearts")
        mods = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
        mod = guild.add_member(sim.env.create_user("morgana"), roles=[mods])
        asker = sim.env.create_user("quinnzz")
        members = [guild.add_member(asker), *(guild.add_member(sim.env.create_user(f"peer{i}zz")) for i in range(3))]
        server = Server(sim, guild, channel, mod, asker, members)
        yield server
        assert_nothing_identifies_anyone(server)


def t(server: Server, key: str, locale: str = "en", **args: Any) -> str:
    return server.sim.text(key, locale, **args)


def assert_nothing_identifies_anyone(server: Server) -> None:
    """DESIGN.md §9: what the bot sent to the channel names no member; an ask holds only confirmed words."""
    bodies = [json.dumps(r.json, default=str, ensure_ascii=False) for r in server.sim.env.http_requests
              if r.method in {"POST", "PATCH"} and r.path.startswith(f"/channels/{server.channel.id}/")]
    for member in [server.mod, *server.members]:
        for mark in (str(member.id), member.name):
            assert not any(mark in body for body in bodies), f"{mark!r} appeared in a channel message"
    confirmed = draft_ask(WORDS).text
    assert all(confirmed in body or "Someone in this circle asks" not in body for body in bodies)


def labels(message: discord.Message) -> list[str]:
    return [c.label for row in message.components for c in row.children]  # type: ignore[attr-defined]


async def checkin(server: Server) -> discord.Message:
    await server.mod.slash(server.channel, "circle setup", time="10:00", zone="UTC", language="en")
    await run_next_due(server.sim.app, server.sim.clock)
    await server.sim.env.settle()
    post = server.channel.last_message
    assert post is not None
    return post


async def ask(server: Server) -> discord.Message:
    await server.asker.send_dm("/circle ask")
    await server.asker.send_dm(WORDS)
    preview = server.asker.dm_channel.last_message
    assert f"“{draft_ask(WORDS).text}”" in preview.content
    assert labels(preview)[0] == t(server, "circle-ask-choice-post")
    await server.asker.click(preview, label=t(server, "circle-ask-choice-post"))
    await server.sim.env.settle()
    return server.channel.last_message


async def test_ask_preview_post_answers_result_by_dm_and_the_post_deleted(server: Server) -> None:
    post = await checkin(server)
    joined = await server.members[0].click(post, label=t(server, "circle-join"))
    assert joined.ephemeral and joined.response.content == t(server, "circle-join-joined")
    asked = await ask(server)
    (row,) = await server.sim.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    assert asked.embeds[0].description == t(server, "circle-ask-post", text=draft_ask(WORDS).text, code=row["code"])
    assert labels(asked) == [t(server, k) for k in ("circle-ask-answer-worried", "circle-ask-answer-not",
                                                    "circle-ask-answer-unsure", "circle-report", "circle-join")]
    peers = server.members[1:]
    first = await peers[0].click(asked, label=t(server, "circle-ask-answer-not"))
    assert first.ephemeral and first.response.content == t(server, "circle-ask-answer-counted")
    await peers[1].click(asked, label=t(server, "circle-ask-answer-not"))
    await peers[2].click(asked, label=t(server, "circle-ask-answer-unsure"))
    report = await peers[2].click(asked, label=t(server, "circle-report"))
    assert report.ephemeral and report.response.content

    server.sim.clock.set(server.sim.clock.now() + timedelta(hours=24))
    pump = server.sim.app.due_pump()
    assert pump is not None
    await pump.run_due(server.sim.clock.now())
    await server.sim.env.settle()
    result = server.asker.dm_channel.last_message
    assert result.content == "\n\n".join((
        t(server, "circle-ask-result", code=row["code"], worried=0, **{"not": 2}, unsure=1),
        t(server, "circle-ask-reflect-not")))
    assert asked.id not in [m.id for m in server.channel.history()]
    assert await server.sim.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]


async def test_forget_in_a_dm_removes_the_live_post(server: Server) -> None:
    post = await checkin(server)
    await server.members[0].click(post, label=t(server, "circle-join"))
    asked = await ask(server)
    await server.asker.send_dm("/forget")
    await server.asker.click(server.asker.dm_channel.last_message, label=t(server, "forget-yes"))
    await server.sim.env.settle()
    assert asked.id not in [m.id for m in server.channel.history()]
    assert await server.sim.app.store.count_rows_for(f"discord:{server.asker.id}") == 0


async def test_a_member_who_has_not_joined_is_told_how(server: Server) -> None:
    await checkin(server)
    await server.asker.send_dm("/circle ask")
    assert server.asker.dm_channel.last_message.content == t(server, "circle-ask-not-member")


async def test_the_circle_ask_subcommand_drafts_from_its_question_option(server: Server) -> None:
    post = await checkin(server)
    await server.mod.click(post, label=t(server, "circle-join"))
    result = await server.mod.slash(server.channel, "circle ask", question="He stopped saying goodnight. Odd?")
    assert result.ephemeral
    assert "“He stopped saying goodnight. Odd?”" in result.response.content
    assert server.channel.last_message.id == post.id  # nothing posted before "Post it"
