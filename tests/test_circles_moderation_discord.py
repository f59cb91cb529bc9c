"""Circle moderation in a Discord server (SimCord): reports reach the moderators' channel with the post and
its code only; members who may manage messages there remove posts and block codes, without learning who."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord

from storage.circle_asks import Asker
from tests.fakes.discord_sim import DiscordSim, open_discord_sim
from tests.fakes.due import run_next_due
from tests.test_circles_discord import BEFORE_DST, embed_text

WORDS = "She reads my phone when I'm asleep and says it's because she cares."


@dataclass(slots=True)
class World:
    sim: DiscordSim
    guild: simcord.GuildHandle
    circle: simcord.ChannelHandle
    mods: simcord.ChannelHandle
    owner: simcord.MemberActor  # Manage Server
    helper: simcord.MemberActor  # Manage Messages in the moderators' channel only
    members: list[simcord.MemberActor]

    @property
    def key(self) -> str:
        return f"discord:{self.guild.id}:{self.circle.id}"


@pytest.fixture
async def world(db_path: Path) -> AsyncIterator[World]:
    async with open_discord_sim(db_path) as sim:
        sim.clock.set(BEFORE_DST)
        guild = sim.env.create_guild()
        circle = guild.create_text_channel("support")
        helpers = guild.create_role("helpers")
        mods = guild.create_text_channel("mods", overwrites={
            helpers: discord.PermissionOverwrite(manage_messages=True)})
        admins = guild.create_role("admins", permissions=discord.Permissions(manage_guild=True))
        owner = guild.add_member(sim.env.create_user("rosalind"), roles=[admins])
        helper = guild.add_member(sim.env.create_user("tobiaszz"), roles=[helpers])
        members = [guild.add_member(sim.env.create_user(f"circler{i}qq")) for i in range(3)]
        yield World(sim, guild, circle, mods, owner, helper, members)


def t(world: World, key: str, locale: str = "en", **args: Any) -> str:
    return world.sim.text(key, locale, **args)


def answer_text(result: simcord.InteractionResult) -> str:
    """What an ephemeral answer says, whether sent at once or after a deferral."""
    if result.response is not None and result.response.content:
        return result.response.content
    return result.followups[0].content


async def setup(world: World) -> None:
    await world.owner.slash(world.circle, "circle setup", time="20:00", zone="Europe/Madrid", language="en")
    result = await world.owner.slash(world.circle, "circle moderators", channel=world.mods)
    assert result.ephemeral
    assert result.response.content == t(world, "circle-mods-set", channel=f"<#{world.mods.id}>")


async def ask(world: World, asker: simcord.MemberActor) -> discord.Message:
    """``asker`` joins under the check-in and asks the circle; returns the ask's post."""
    due = await run_next_due(world.sim.app, world.sim.clock)
    await world.sim.env.settle()
    checkin = world.circle.last_message
    assert checkin is not None
    await asker.click(checkin, label=t(world, "circle-join"))
    asks = world.sim.app.circles.asks  # type: ignore[union-attr]
    # What the private "post it" does once the asker confirmed these exact words.
    status, _ = await asks.post(world.key, Asker(f"discord:{asker.id}", str(asker.id), "en"), WORDS, due)
    assert status == "posted"
    await world.sim.env.settle()
    post = world.circle.last_message
    assert post is not None and WORDS in embed_text(post)
    return post


async def reported(world: World) -> tuple[discord.Message, discord.Message]:
    await setup(world)
    post = await ask(world, world.members[0])
    result = await world.members[1].click(post, label=t(world, "circle-report"))
    assert result.ephemeral and result.response.content == t(world, "circle-report-thanks")
    note = world.mods.last_message
    assert note is not None
    return post, note


async def test_a_report_reaches_the_moderators_channel_with_the_post_and_its_code_only(world: World) -> None:
    _, note = await reported(world)
    (row,) = await world.sim.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    shown = embed_text(note)
    assert shown.startswith(t(world, "circle-mod-report", code=row["code"], reports=1))
    assert t(world, "circle-mod-words", words=WORDS) in shown
    for member in world.members[:2]:
        assert str(member.id) not in shown and member.name not in shown


async def test_a_member_without_manage_messages_there_is_refused(world: World) -> None:
    _, note = await reported(world)
    result = await world.members[2].click(note, label=t(world, "circle-mod-remove"))
    assert result.ephemeral and result.response.content == t(world, "circle-mod-only-discord")
    assert await world.sim.app.circles.asks.store.ask_rows() != []  # type: ignore[union-attr]


async def test_manage_messages_in_the_channel_is_enough_to_remove(world: World) -> None:
    post, note = await reported(world)
    (row,) = await world.sim.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    result = await world.helper.click(note, label=t(world, "circle-mod-remove"))
    assert result.ephemeral and answer_text(result) == t(world, "circle-mod-removed", code=row["code"])
    assert all(m.id != post.id for m in world.circle.history())
    dms = [r for r in world.sim.env.http_requests if r.method == "POST" and "/messages" in r.path
           and r.json and r.json.get("content") == t(world, "circle-removed-note")]
    assert len(dms) == 1


async def test_block_by_code_and_the_author_is_told_once(world: World) -> None:
    _, note = await reported(world)
    (row,) = await world.sim.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    result = await world.owner.click(note, label=t(world, "circle-mod-block"))
    assert answer_text(result) == t(world, "circle-mod-blocked", code=row["code"])
    asks = world.sim.app.circles.asks  # type: ignore[union-attr]
    assert await asks.is_blocked(world.key, f"discord:{world.members[0].id}")
    status, _ = await asks.post(world.key, Asker(f"discord:{world.members[0].id}", "0", "en"), "again",
                                world.sim.clock.now())
    assert status == "blocked"
    told = [r for r in world.sim.env.http_requests if r.method == "POST" and r.json
            and r.json.get("content") == t(world, "circle-blocked-note")]
    assert len(told) == 1
    assert t(world, "circle-mod-done-blocked", code=row["code"]) in embed_text(
        next(m for m in world.mods.history() if m.id == note.id))


async def test_the_moderators_channel_must_let_the_bot_post(world: World) -> None:
    await world.owner.slash(world.circle, "circle setup", time="20:00")
    me = world.sim.client.user
    quiet = world.guild.create_text_channel("quiet-mods", overwrites={
        me: discord.PermissionOverwrite(send_messages=False)})
    result = await world.owner.slash(world.circle, "circle moderators", channel=quiet)
    missing = ", ".join(t(world, k) for k in ("circle-perm-send", "circle-perm-embed"))  # no sending, no embeds
    assert result.response.content == t(world, "circle-mods-missing", channel=f"<#{quiet.id}>", missing=missing)
    assert await world.sim.app.moderation.place(world.key) is None  # type: ignore[union-attr]
