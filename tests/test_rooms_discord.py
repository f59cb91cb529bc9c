"""Help rooms on Discord (SimCord + real discord.py): a private thread per room, helpers added on claim."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord

from bot.rooms import RoomPump
from storage import UnitOfWork
from tests.fakes.discord_sim import DiscordSim, open_discord_sim

SAID = "We argued again and my chest is tight"


@dataclass(slots=True)
class Server:
    sim: DiscordSim
    guild: simcord.GuildHandle
    circle: simcord.ChannelHandle
    helpers: simcord.ChannelHandle
    role: simcord.RoleHandle
    mod: simcord.MemberActor
    ana: simcord.MemberActor
    hal: simcord.MemberActor
    ivy: simcord.MemberActor
    bystander: simcord.MemberActor

    def t(self, key: str, locale: str = "en", **args: Any) -> str:
        return self.sim.text(key, locale, **args)


@pytest.fixture
async def server(db_path: Path) -> AsyncIterator[Server]:
    async with open_discord_sim(db_path) as sim:
        env = sim.env
        guild = env.create_guild()
        circle = guild.create_text_channel("support")
        role = guild.create_role("helpers")
        mods = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
        everyone = guild.default_role
        helpers = guild.create_text_channel("helpers-only", overwrites={
            everyone: discord.PermissionOverwrite(view_channel=False),
            role: discord.PermissionOverwrite(view_channel=True), mods: discord.PermissionOverwrite(view_channel=True),
            sim.client.user: discord.PermissionOverwrite(view_channel=True)})
        mod = guild.add_member(env.create_user("morgana"), roles=[mods])
        ana = guild.add_member(env.create_user("anastasia"))
        hal = guild.add_member(env.create_user("halvard"), roles=[role])
        ivy = guild.add_member(env.create_user("ivyrose"), roles=[role])
        bystander = guild.add_member(env.create_user("bystander"))
        server = Server(sim, guild, circle, helpers, role, mod, ana, hal, ivy, bystander)
        yield server
        assert_nothing_leaves_the_room(server)


def assert_nothing_leaves_the_room(server: Server) -> None:
    """DESIGN.md §9: the person's words reach only the helpers' card (and their own ephemeral answers);
    no message the bot posts anywhere carries their id or name."""
    for request in server.sim.env.http_requests:
        if request.method not in {"POST", "PATCH"} or not request.path.startswith("/channels/"):
            continue
        body = json.dumps(request.json, default=str)
        assert str(server.ana.id) not in body and server.ana.name not in body
        if not request.path.startswith(f"/channels/{server.helpers.id}/"):
            assert SAID not in body, f"the person's words reached {request.path}"


def can_read(thread: simcord.ChannelHandle, member: simcord.MemberActor) -> bool:
    """Whether ``member`` can open the thread in their client (SimCord refuses like Discord does)."""
    try:
        thread.history(viewer=member)
    except simcord.SetupError:
        return False
    return True


async def set_up(server: Server) -> None:
    await server.mod.slash(server.circle, "circle setup", time="20:00", zone="UTC")
    result = await server.mod.slash(server.circle, "helpers", role=server.role, channel=server.helpers)
    assert result.ephemeral
    assert result.response.content == server.t("helpers-done-discord", days=3)


async def ask(server: Server, said: str = SAID) -> simcord.InteractionResult:
    """Ana asks with /talk and answers the form up to the confirmation; returns the confirmation."""
    shown = await server.ana.slash(server.circle, "talk")
    assert shown.modal is not None
    asked = await server.ana.submit_modal(shown, {"what": said})
    question = asked.followups[-1] if asked.followups else asked.response
    assert question.ephemeral and question.content == server.t("talk-ask-help")
    return await server.ana.click(question, label=server.t("talk-help-listen"))


def last(result: simcord.InteractionResult) -> simcord.results.ResponseMessage:
    return result.followups[-1] if result.followups else result.response  # type: ignore[return-value]


async def open_room(server: Server) -> tuple[str, simcord.ChannelHandle, discord.Message]:
    confirm = await ask(server)
    who = confirm.response if confirm.response is not None else confirm.followups[0]
    assert who.content.startswith(server.t("talk-audience-discord", code="@").split("@")[0])
    assert last(confirm).content == server.t("talk-confirm", said=SAID, help=server.t("talk-help-listen"))
    opened = await server.ana.click(last(confirm), label=server.t("talk-open"))
    (thread,) = server.circle.threads
    code = thread.name or ""
    assert last(opened).content == server.t("talk-opened-discord", code=code) and last(opened).ephemeral
    card = server.helpers.last_message
    assert card is not None and code in card.content
    return code, thread, card


async def test_ask_room_claim_backup_close_archive_delete(server: Server) -> None:
    t, sim = server.t, server.sim
    await set_up(server)
    code, thread, card = await open_room(server)
    request = next(r for r in sim.env.http_requests if r.method == "POST" and r.path.endswith("/threads"))
    assert request.json["type"] == discord.ChannelType.private_thread.value and request.json["invitable"] is False
    welcome = thread.pinned_messages()[0]
    assert welcome.content == t("room-welcome", code=code)
    # Only Ana (and the bot) are in the thread: neither helpers nor a bystander can read it yet.
    assert can_read(thread, server.ana)
    assert not can_read(thread, server.bystander) and not can_read(thread, server.hal)
    assert t("room-card-rules") in card.content and t("room-card-said", said=SAID) in card.content

    claimed = await server.hal.click(card, label=t("room-claim"))
    assert last(claimed).content == t("room-press-claimed", number=1) and last(claimed).ephemeral
    assert can_read(thread, server.hal) and not can_read(thread, server.ivy)
    edited = next(m for m in server.helpers.history() if m.id == card.id)
    assert t("room-card-helper", number=1, name="halvard") in edited.content

    stranger = await server.hal.click(welcome, label=t("room-okay"))  # only the person closes from here
    assert last(stranger).content == t("room-not-yours")
    backup = await server.hal.click(edited, label=t("room-backup"))
    assert last(backup).content == t("room-press-backup")
    assert server.helpers.last_message.content == t("room-ping-backup", code=code)  # type: ignore[union-attr]
    await server.ivy.click(edited, label=t("room-claim"))
    assert can_read(thread, server.ivy)

    await server.ana.click(welcome, label=t("room-okay"))
    rooms = sim.app.rooms
    assert rooms is not None
    room = await rooms.store.get(code)
    assert room is not None and room.state == "closed"
    assert not next(m for m in server.helpers.history() if m.id == card.id).components

    pump = RoomPump(rooms)
    sim.clock.set(sim.clock.now() + timedelta(days=3, minutes=1))
    await pump.run_due(sim.clock.now())
    await sim.env.settle()
    assert server.circle.threads == []
    assert all(m.id != card.id for m in server.helpers.history())
    assert await rooms.store.get(code) is None


async def run_pump(server: Server, after: timedelta) -> None:
    rooms = server.sim.app.rooms
    assert rooms is not None
    server.sim.clock.set(server.sim.clock.now() + after)
    await RoomPump(rooms).run_due(server.sim.clock.now())
    await server.sim.env.settle()


async def test_unclaimed_room_pings_helpers_then_archives_when_quiet(server: Server) -> None:
    t = server.t
    await set_up(server)
    code, thread, _card = await open_room(server)
    await run_pump(server, timedelta(minutes=10))
    assert server.helpers.last_message.content == t("room-ping-waiting", code=code)  # type: ignore[union-attr]
    waiting = thread.last_message
    assert waiting is not None and "/ground" in waiting.content
    await run_pump(server, timedelta(hours=24))
    rooms = server.sim.app.rooms
    assert rooms is not None
    room = await rooms.store.get(code)
    assert room is not None and room.state == "archived"
    assert thread.last_message.content == t("room-owner-closed-quiet")  # type: ignore[union-attr]


async def test_a_room_where_people_talk_is_not_archived(server: Server) -> None:
    t = server.t
    # The bot's clock and Discord's agree, as in real life (SimCord's virtual time starts earlier).
    await server.sim.env.advance_time((server.sim.clock.now() - server.sim.env.now()).total_seconds())
    await set_up(server)
    code, thread, card = await open_room(server)
    await server.hal.click(card, label=t("room-claim"))
    server.sim.clock.set(server.sim.clock.now() + timedelta(hours=23))
    await server.sim.env.advance_time(23 * 3600)  # Discord's own clock: the message is 23 hours later
    await server.ana.send(thread, "still here, a bit calmer")
    await run_pump(server, timedelta(hours=2))
    rooms = server.sim.app.rooms
    assert rooms is not None
    room = await rooms.store.get(code)
    assert room is not None and room.state == "claimed"
    await run_pump(server, timedelta(hours=23))
    room = await rooms.store.get(code)
    assert room is not None and room.state == "archived"


async def test_crisis_in_the_form_gets_the_safety_path_first_and_the_room_is_still_offered(server: Server) -> None:
    t = server.t
    await set_up(server)
    shown = await server.ana.slash(server.circle, "talk")
    asked = await server.ana.submit_modal(shown, {"what": "I want to kill myself tonight"})
    messages = [asked.response, *asked.followups]
    texts = [m.content for m in messages if m is not None]
    crisis_at = next(i for i, text in enumerate(texts) if "findahelpline.com" in text)
    assert texts.index(t("talk-ask-help")) > crisis_at and t("talk-still-here") in texts
    assert all(m.ephemeral for m in messages if m is not None)
    confirm = await server.ana.click(messages[-1], label=t("talk-help-listen"))
    await server.ana.click(last(confirm), label=t("talk-open"))
    card = server.helpers.last_message
    assert card is not None and t("room-card-resources") in card.content


async def test_a_helper_who_loses_the_role_is_removed_from_the_room(server: Server) -> None:
    t = server.t
    await set_up(server)
    code, thread, card = await open_room(server)
    await server.hal.click(card, label=t("room-claim"))
    assert can_read(thread, server.hal)
    server.sim.env.backend.remove_member_role(server.guild.id, server.hal.id, server.role.id)
    await run_pump(server, timedelta(minutes=5))
    assert not can_read(thread, server.hal)
    assert thread.last_message.content == t("room-helper-left", number=1)  # type: ignore[union-attr]
    rooms = server.sim.app.rooms
    assert rooms is not None and await rooms.store.claims(code) == []
    assert not can_read(server.helpers, server.hal)  # without the role the helpers' channel is gone too


async def test_thread_limits_and_rate_limits_tell_the_person(server: Server) -> None:
    t = server.t
    await set_up(server)
    confirm = await ask(server)
    server.sim.env.inject_error("POST", f"/channels/{server.circle.id}/threads", status=429, code=0,
                                message="You are being rate limited.")
    busy = await server.ana.click(last(confirm), label=t("talk-open"))
    assert last(busy).content == t("talk-busy", minutes=1) and last(busy).ephemeral
    server.sim.env.inject_error("POST", f"/channels/{server.circle.id}/threads", status=400, code=160006,
                                message="Maximum number of active threads reached")
    full = await server.ana.click(last(busy), label=t("talk-open"))
    assert last(full).content == t("talk-busy", minutes=1)
    assert server.circle.threads == []
    opened = await server.ana.click(last(full), label=t("talk-open"))
    (thread,) = server.circle.threads
    assert last(opened).content == t("talk-opened-discord", code=thread.name)


async def test_forget_closes_and_deletes_a_live_room(server: Server) -> None:
    t = server.t
    await set_up(server)
    _code, _thread, card = await open_room(server)
    await server.hal.click(card, label=t("room-claim"))
    asked = await server.ana.slash(server.circle, "forget")
    await server.ana.click(last(asked), label=t("forget-yes"))
    await run_pump(server, timedelta(seconds=1))
    assert server.circle.threads == []
    assert all(m.id != card.id for m in server.helpers.history())
    for table in ("rooms", "room_owners", "room_claims"):
        (count,) = (await server.sim.app.store.connection.execute_fetchall(f"SELECT count(*) FROM {table}"))[0]
        assert count == 0, table


async def test_a_restart_mid_room_loses_nothing(server: Server) -> None:
    t = server.t
    await set_up(server)
    code, thread, card = await open_room(server)
    await server.sim.restart()
    claimed = await server.hal.click(card, label=t("room-claim"))
    assert last(claimed).content == t("room-press-claimed", number=1)
    assert can_read(thread, server.hal)
    welcome = thread.pinned_messages()[0]
    await server.ana.click(welcome, label=t("room-okay"))
    rooms = server.sim.app.rooms
    assert rooms is not None
    room = await rooms.store.get(code)
    assert room is not None and room.state == "closed"


async def test_a_room_whose_thread_a_moderator_deleted_is_still_closed_and_deleted(server: Server) -> None:
    # Without its thread the room cannot be asked when it was last used: it must still end with its
    # days (its summary, the person's words, is not kept for ever) instead of failing every tick.
    await set_up(server)
    code, thread, _card = await open_room(server)
    await run_pump(server, timedelta(minutes=10))  # helpers pinged
    server.sim.env.backend.delete_channel(thread.id)  # a moderator deletes the thread
    rooms = server.sim.app.rooms
    assert rooms is not None
    await run_pump(server, timedelta(hours=24))
    room = await rooms.store.get(code)
    assert room is None or room.state in ("archived", "closed")
    await run_pump(server, timedelta(days=30))
    assert await rooms.store.get(code) is None


async def test_a_thread_an_admin_deleted_still_has_its_card_deleted(server: Server) -> None:
    t = server.t
    await set_up(server)
    _code, thread, card = await open_room(server)
    await server.hal.click(card, label=t("room-claim"))
    server.sim.env.backend.delete_channel(thread.id)  # a moderator removed the thread by hand
    asked = await server.ana.slash(server.circle, "forget")
    await server.ana.click(last(asked), label=t("forget-yes"))
    await run_pump(server, timedelta(seconds=1))
    assert all(m.id != card.id for m in server.helpers.history()), "the card with the person's words stayed"


async def test_after_circle_off_talk_says_there_is_no_circle_instead_of_a_form_that_cannot_open(
        server: Server) -> None:
    t = server.t
    await set_up(server)
    await server.mod.slash(server.circle, "circle off")
    shown = await server.ana.slash(server.circle, "talk")
    assert shown.modal is None and shown.response.content == t("talk-no-circle")
    rows = await server.sim.app.store.connection.execute_fetchall("SELECT count(*) FROM room_helpers")
    assert rows[0][0] == 0


async def test_a_non_helper_pressing_claim_on_a_spanish_members_card_reads_the_circles_language(
        server: Server) -> None:
    t = server.t
    await set_up(server)
    await server.sim.app.store.apply(UnitOfWork(user_key=f"discord:{server.ana.id}", chat_id="",
                                                now=server.sim.clock.now(), user_fields={"locale": "es"}))
    shown = await server.ana.slash(server.circle, "talk")
    asked = await server.ana.submit_modal(shown, {"what": "Discutimos y no paro de darle vueltas"})
    question = asked.followups[-1] if asked.followups else asked.response
    assert question.content == t("talk-ask-help", "es")
    confirm = await server.ana.click(question, label=t("talk-help-listen", "es"))
    await server.ana.click(last(confirm), label=t("talk-open", "es"))
    card = server.helpers.last_message
    assert card is not None and card.content.startswith(t("room-card", code=card.content.split()[1],
                                                          help=t("talk-help-listen")))
    refused = await server.mod.click(card, label=t("room-claim"))
    assert last(refused).content == t("room-helpers-only")
