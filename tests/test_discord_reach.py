"""Reaching people outside an interaction: follow-ups by DM, and DMs that are closed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import simcord

from bot.pump import Unreachable
from bot.replies import FileAttachment, Reply
from tests.fakes.discord_sim import DiscordSim, open_discord_sim

WORRY = "he hasn't replied in 4 hours"


@dataclass(slots=True)
class Server:
    sim: DiscordSim
    channel: simcord.ChannelHandle
    bob: simcord.MemberActor

    @property
    def bob_key(self) -> str:
        return f"discord:{self.bob.id}"

    def close_bobs_dms(self) -> None:
        dm = self.bob.user.dm_channel
        self.sim.env.inject_error("POST", f"/channels/{dm.id}/messages", status=403, code=50007,
                                  message="Cannot send messages to this user", times=None)

    async def unreachable(self) -> bool:
        snap = await self.sim.app.store.load(self.bob_key, str(self.channel.id))
        return bool(snap.user and snap.user.unreachable)


@pytest.fixture
async def server(db_path: Path) -> AsyncIterator[Server]:
    async with open_discord_sim(db_path) as sim:
        guild = sim.env.create_guild()
        channel = guild.create_text_channel("general")
        yield Server(sim, channel, guild.add_member(sim.env.create_user("bob")))


async def walk_to_followup_offer(server: Server) -> object:
    """Bob's server conversation, through the /trigger form and ephemeral buttons, to the offer."""
    sim, bob = server.sim, server.bob
    step = await bob.submit_modal(await bob.slash(server.channel, "trigger"), {"what": WORRY})
    for label in ("choice-done", "diagnostic-my-history", "choice-continue", "rate-3"):
        step = await bob.click(step.response, label=sim.text(label))
    assert step.ephemeral and step.response.content == sim.text("followup-offer")
    return step.response


async def test_dms_closed_when_a_followup_needs_them_is_said_ephemerally(server: Server) -> None:
    sim = server.sim
    offer = await walk_to_followup_offer(server)
    server.close_bobs_dms()

    result = await server.bob.click(offer, label=sim.text("followup-1h"))

    assert result.ephemeral and result.response.content  # the flow's closing words, privately
    [notice] = result.followups
    assert notice.ephemeral and notice.content == sim.text("discord-dms-closed")
    assert await server.unreachable()  # the scheduler will not try a DM that cannot arrive


async def test_a_followup_chosen_in_a_server_opens_the_dm(server: Server) -> None:
    sim = server.sim
    offer = await walk_to_followup_offer(server)

    result = await server.bob.click(offer, label=sim.text("followup-1h"))

    assert result.ephemeral and not result.followups
    assert server.bob.user.dm_channel.last_message.content == sim.text("discord-dm-followup-note")
    assert not await server.unreachable()


async def test_sender_delivers_by_dm_and_buttons_continue_the_server_conversation(server: Server) -> None:
    sim = server.sim
    replies = await sim.app.engine.deliver(server.bob_key, str(server.channel.id), "ground:", {},
                                           sim.clock.now())

    await sim.app.senders["discord"].send(server.bob_key, str(server.channel.id), replies)

    dm = server.bob.user.dm_channel
    delivered = dm.last_message
    assert delivered.content == replies[-1].text
    await server.bob.user.click(delivered, label=sim.text("choice-done"))
    assert dm.last_message.content == sim.text("ground-after")  # the server conversation moved on


async def test_sender_raises_unreachable_and_marks_the_user_when_dms_are_closed(server: Server) -> None:
    sim = server.sim
    replies = await sim.app.engine.deliver(server.bob_key, str(server.channel.id), "ground:", {},
                                           sim.clock.now())
    server.close_bobs_dms()

    with pytest.raises(Unreachable):
        await sim.app.senders["discord"].send(server.bob_key, str(server.channel.id), replies)

    assert await server.unreachable()


async def test_a_followup_chosen_in_a_server_arrives_by_dm_when_due(server: Server) -> None:
    sim = server.sim
    offer = await walk_to_followup_offer(server)
    await server.bob.click(offer, label=sim.text("followup-1h"))
    dm = server.bob.user.dm_channel
    note = dm.last_message

    assert sim.app.pump is not None
    await sim.app.pump.run_due(sim.clock.advance(timedelta(hours=1, minutes=1)))

    followup = dm.last_message
    assert followup.id != note.id and followup.author.id == sim.client.user.id
    assert followup.components  # its rating buttons, bound to Bob's server conversation
    custom_ids = [c.custom_id for row in followup.components for c in row.children]  # type: ignore[attr-defined]
    assert all(cid.startswith(f"gw:{server.bob.id}:") and cid.endswith(f":{server.channel.id}")
               for cid in custom_ids)
    await server.bob.user.click(followup, label=sim.text("rate-1"))  # earlier it was a 3
    assert dm.last_message.content == sim.text("followup-eased", before=3, after=1)


async def test_images_and_files_go_out_as_attachments(server: Server) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    replies = [Reply(kind="chart", flow="journal", step="week", text="Your week", image=png),
               Reply(kind="privacy", flow="mydata", step="export", text="Your data",
                     file=FileAttachment("groundwork-data.json", b'{"ok": true}'))]

    await server.sim.app.senders["discord"].send(server.bob_key, str(server.channel.id), replies)

    first, second = server.bob.user.dm_channel.history()[-2:]
    assert first.content == "Your week" and [a.filename for a in first.attachments] == ["week.png"]
    assert await first.attachments[0].read() == png
    assert [a.filename for a in second.attachments] == ["groundwork-data.json"]
