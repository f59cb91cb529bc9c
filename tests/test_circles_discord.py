"""Support circles in a Discord server (SimCord, several members in one guild)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord
from simcord import SetupError

from tests.fakes.discord_sim import DiscordSim, open_discord_sim
from tests.fakes.due import run_next_due

# Friday 27 March 2026; Madrid moves to summer time in the night of Sunday the 29th.
BEFORE_DST = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
EDIT_INTERVAL = 0.3


@dataclass(slots=True)
class Server:
    sim: DiscordSim
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    mod: simcord.MemberActor
    members: list[simcord.MemberActor]


@pytest.fixture
async def server(db_path: Path) -> AsyncIterator[Server]:
    async with open_discord_sim(db_path) as sim:
        sim.clock.set(BEFORE_DST)
        assert sim.app.circles is not None
        sim.app.circles.editor.interval_s = EDIT_INTERVAL
        # The bot's timers run on SimCord's virtual time; the pacing must measure that same time.
        sim.app.circles.editor.clock = lambda: sim.env.now().timestamp()
        guild = sim.env.create_guild()
        channel = guild.create_text_channel("support")
        mods = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
        mod = guild.add_member(sim.env.create_user("morgana"), roles=[mods])
        members = [guild.add_member(sim.env.create_user(f"member{i}zz")) for i in range(5)]
        server = Server(sim, guild, channel, mod, members)
        yield server
        assert_nothing_identifies_anyone(server)


def t(server: Server, key: str, locale: str = "en", **args: Any) -> str:
    return server.sim.text(key, locale, **args)


def assert_nothing_identifies_anyone(server: Server) -> None:
    """DESIGN.md §9: nothing the bot sent to a channel carries a member's id, username or display name."""
    bodies = [json.dumps(r.json, default=str) for r in server.sim.env.http_requests
              if r.method in {"POST", "PATCH"} and r.path.startswith("/channels/")]
    bodies += [json.dumps(r.json, default=str) for r in server.sim.env.http_requests
               if "/callback" in r.path or "/webhooks/" in r.path]  # interaction answers, ephemeral or not
    people = [server.mod, *server.members]
    for member in people:
        for mark in (str(member.id), member.name):
            assert not any(mark in body for body in bodies), f"{mark!r} appeared in a message the bot sent"


def embed_text(message: discord.Message) -> str:
    return "\n".join(e.description or "" for e in message.embeds)


async def setup_circle(server: Server, **options: str) -> simcord.InteractionResult:
    return await server.mod.slash(server.channel, "circle setup", **options)


async def next_checkin(server: Server) -> discord.Message:
    """Run the pump at the next due time; returns the check-in post."""
    await run_next_due(server.sim.app, server.sim.clock)
    await server.sim.env.settle()
    post = server.channel.last_message
    assert post is not None
    return post


async def settle_edits(server: Server) -> None:
    """SimCord runs the bot's timers on virtual time: move it on until every paced edit is done."""
    editor = server.sim.app.circles.editor  # type: ignore[union-attr]
    await server.sim.env.settle()
    for _ in range(100):
        if not editor.busy:
            return
        await server.sim.env.advance_time(EDIT_INTERVAL)
    raise AssertionError("circle edits never finished")


def current(server: Server, post: discord.Message) -> discord.Message:
    return next(m for m in server.channel.history() if m.id == post.id)


async def test_a_moderator_sets_up_a_circle_in_the_channel(server: Server) -> None:
    result = await setup_circle(server, time="20:00", zone="Europe/Madrid", language="es")
    assert not result.ephemeral
    assert result.response.content.startswith(t(server, "circle-setup-done", "es", time="20:00",
                                                zone="Europe/Madrid", language=t(server, "circle-language-es", "es")))


async def test_the_command_is_hidden_from_members_without_manage_server(server: Server) -> None:
    await setup_circle(server)  # synced by the first use
    assert "circle setup" in server.mod.available_commands(server.channel)
    assert "circle setup" not in server.members[0].available_commands(server.channel)
    with pytest.raises(SetupError):
        await server.members[0].slash(server.channel, "circle setup")


async def test_a_member_granted_the_command_without_manage_server_is_still_refused(server: Server) -> None:
    await setup_circle(server)
    command = next(c for c in await server.sim.client.tree.fetch_commands() if c.name == "circle")
    server.guild.set_command_permissions(command.id, {server.members[0]: True})
    result = await server.members[0].slash(server.channel, "circle off")
    assert result.ephemeral and result.response.content == t(server, "circle-manage-server-only")


async def test_missing_channel_permissions_are_named(server: Server) -> None:
    me = server.sim.client.user
    quiet = server.guild.create_text_channel("quiet", overwrites={
        me: discord.PermissionOverwrite(send_messages=False, embed_links=False)})
    result = await server.mod.slash(quiet, "circle setup", time="20:00")
    missing = ", ".join(t(server, k) for k in ("circle-perm-send", "circle-perm-embed"))
    assert result.ephemeral
    assert result.response.content == t(server, "circle-missing-permissions", missing=missing)
    assert await server.sim.app.circles.store.get(  # type: ignore[union-attr]
        f"discord:{server.guild.id}:{quiet.id}") is None


async def test_the_checkin_comes_at_local_time_across_a_dst_change(server: Server) -> None:
    await setup_circle(server, time="20:00", zone="Europe/Madrid", language="en")
    times = []
    for _ in range(3):
        post = await next_checkin(server)
        assert embed_text(post).startswith(t(server, "circle-post"))
        times.append(server.sim.clock.now().isoformat())
    assert times == ["2026-03-27T19:00:00+00:00", "2026-03-28T19:00:00+00:00", "2026-03-29T18:00:00+00:00"]


async def test_presses_are_answered_privately_and_totals_show_from_three(server: Server) -> None:
    await setup_circle(server, time="20:00", zone="Europe/Madrid", language="en")
    post = await next_checkin(server)
    a, b, c = server.members[:3]
    server.sim.set_client_locale(b.id, "es-ES")
    first = await a.click(post, label=t(server, "circle-answer-5"))
    assert first.ephemeral
    assert first.response.content == f"{t(server, 'circle-press-counted')} {t(server, 'circle-offer-ground')}"
    second = await b.click(post, label=t(server, "circle-answer-3"))
    spanish = f"{t(server, 'circle-press-counted', 'es')} {t(server, 'circle-offer-talk', 'es')}"
    assert second.response.content == spanish
    await settle_edits(server)
    assert t(server, "circle-totals-waiting", needed=3) in embed_text(current(server, post))
    await c.click(post, label=t(server, "circle-answer-1"))
    again = await a.click(post, label=t(server, "circle-answer-4"))  # a changes their answer: still one count
    assert again.response.content.startswith(t(server, "circle-press-changed"))
    await settle_edits(server)
    shown = embed_text(current(server, post))
    assert t(server, "circle-totals", answers=3, a1=1, a2=0, a3=1, a4=1, a5=0) in shown


async def test_a_burst_of_200_presses_keeps_the_edit_pace(server: Server) -> None:
    await setup_circle(server)
    post = await next_checkin(server)
    crowd = [server.guild.add_member(server.sim.env.create_user(f"crowd{i}zz")) for i in range(200)]
    server.members += crowd
    labels = [t(server, f"circle-answer-{n}") for n in range(1, 6)]
    started = server.sim.env.now()
    for i, member in enumerate(crowd):  # SimCord runs one operation at a time; virtual time moves between
        result = await member.click(post, label=labels[i % 5])
        assert result.ephemeral and result.response.content
        if i % 20 == 19:
            await server.sim.env.advance_time(0.1)
    await settle_edits(server)
    elapsed = (server.sim.env.now() - started).total_seconds()
    edits = [r for r in server.sim.env.http_requests
             if r.method == "PATCH" and r.path.endswith(f"/messages/{post.id}")]
    assert 1 <= len(edits) <= elapsed / EDIT_INTERVAL + 1
    shown = embed_text(current(server, post))
    assert t(server, "circle-totals", answers=200, a1=40, a2=40, a3=40, a4=40, a5=40) in shown


async def test_circle_off_deletes_the_circles_data(server: Server) -> None:
    await setup_circle(server)
    post = await next_checkin(server)
    await server.members[0].click(post, label=t(server, "circle-answer-2"))
    ended = await server.mod.slash(server.channel, "circle off")
    assert ended.response.content == t(server, "circle-off-done")
    for table in ("circles", "circle_checkins", "circle_presses"):
        rows = await server.sim.app.store.connection.execute_fetchall(f"SELECT count(*) FROM {table}")
        assert rows[0][0] == 0, table
    late = await server.members[1].click(post, label=t(server, "circle-answer-2"))
    assert late.response.content == t(server, "circle-press-unknown")
