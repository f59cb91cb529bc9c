"""Discord servers: every personal reply is ephemeral; /trigger goes through a private form."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import simcord

from bot.adapters.discord.sending import compose, send_to_channel
from bot.events import Chat, Inbound, UserKey
from tests.fakes.discord_sim import DiscordSim, open_discord_sim

WORRY = "he hasn't replied in 4 hours"


@dataclass(slots=True)
class Server:
    sim: DiscordSim
    channel: simcord.ChannelHandle
    bob: simcord.MemberActor
    carol: simcord.MemberActor


@pytest.fixture
async def server(db_path: Path) -> AsyncIterator[Server]:
    async with open_discord_sim(db_path) as sim:
        guild = sim.env.create_guild()
        channel = guild.create_text_channel("general")
        bob = guild.add_member(sim.env.create_user("bob"))
        carol = guild.add_member(sim.env.create_user("carol"))
        yield Server(sim, channel, bob, carol)


def bot_messages_seen_by(server: Server, viewer: simcord.MemberActor) -> list[str]:
    bot_id = server.sim.client.user.id
    return [m.content for m in server.channel.history(viewer=viewer) if m.author.id == bot_id]


async def test_trigger_in_a_server_opens_a_private_form(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    sim = server.sim
    seen: list[Inbound] = []
    handle = sim.app.engine.handle

    async def spy(event: Inbound) -> list:
        seen.append(event)
        return await handle(event)

    monkeypatch.setattr(sim.app.engine, "handle", spy)
    shown = await server.bob.slash(server.channel, "trigger")

    assert shown.modal is not None
    assert shown.modal["title"] == sim.text("discord-trigger-modal-title")
    assert seen == []  # nothing reaches the engine until the form is sent
    result = await server.bob.submit_modal(shown, {"what": WORRY})
    assert result.ephemeral and result.response.content
    [event] = seen
    assert (event.command, event.args) == ("trigger", WORRY)
    assert event.chat.kind == "group" and event.chat.can_reply_privately


async def test_trigger_form_text_is_acknowledged(server: Server) -> None:
    shown = await server.bob.slash(server.channel, "trigger")

    result = await server.bob.submit_modal(shown, {"what": WORRY})

    assert result.response.content.startswith(server.sim.text("trigger-ack", topic="texting"))


async def test_trigger_in_a_server_stays_ephemeral_all_the_way(server: Server) -> None:
    sim, bob = server.sim, server.bob
    shown = await bob.slash(server.channel, "trigger")
    step = await bob.submit_modal(shown, {"what": WORRY})

    for label in ("choice-done", "diagnostic-my-history", "choice-continue"):
        step = await bob.click(step.response, label=sim.text(label))
        assert step.ephemeral and step.response.ephemeral

    assert step.response.content == sim.text("rate-now")
    assert bot_messages_seen_by(server, server.carol) == []  # nothing personal is visible to others


async def test_ground_in_a_server_is_ephemeral(server: Server) -> None:
    sim = server.sim

    result = await server.bob.slash(server.channel, "ground")

    assert result.ephemeral
    assert result.response.content in [sim.text(f"exercise-{e}") for e in sim.app.engine.exercise_ids]
    done = await server.bob.click(result.response, label=sim.text("choice-done"))
    assert done.ephemeral and done.response.content == sim.text("ground-after")
    assert bot_messages_seen_by(server, server.carol) == []


async def test_help_in_a_server_is_public(server: Server) -> None:
    result = await server.bob.slash(server.channel, "help")

    assert not result.ephemeral
    assert bot_messages_seen_by(server, server.carol) == [server.sim.text("help-commands")]


async def test_a_button_pressed_by_another_member_is_refused(server: Server) -> None:
    sim, bob, carol = server.sim, server.bob, server.carol
    # Bob's grounding prompt, posted where Carol can see it (as a group feature might).
    inbound = Inbound(user=UserKey("discord", str(bob.id)), chat=Chat(str(server.channel.id), "group", True),
                      received_at=sim.clock.now(), command="ground")
    replies = await sim.app.engine.handle(inbound)
    channel = sim.client.get_channel(server.channel.id)
    await send_to_channel(channel, compose(replies), bob.id)
    public = server.channel.last_message

    refused = await carol.click(public, label=sim.text("choice-done"))

    assert refused.ephemeral
    assert refused.response.content == sim.text("discord-not-yours")
    accepted = await bob.click(public, label=sim.text("choice-done"))
    assert accepted.response.content == sim.text("ground-after")  # Bob's step was not taken by Carol


async def test_a_slow_engine_is_deferred_then_answered(
    server: Server, monkeypatch: pytest.MonkeyPatch,
) -> None:
    sim = server.sim
    handle = sim.app.engine.handle

    async def slow(event: Inbound) -> list:
        await asyncio.sleep(0.3)  # longer than the budget below: stands in for a 3 s+ engine
        return await handle(event)

    sim.client.bridge.ack_budget = 0.05

    monkeypatch.setattr(sim.app.engine, "handle", slow)

    result = await server.bob.slash(server.channel, "ground")

    # Acknowledged first with an ephemeral "thinking" deferral (type 5, flags 64), then answered.
    assert "callback {'type': 5, 'data': {'flags': 64}}" in sim.env.transcript()
    assert result.ephemeral and result.response.ephemeral
    assert result.response.content in [sim.text(f"exercise-{e}") for e in sim.app.engine.exercise_ids]


async def test_a_failing_handler_answers_a_short_error_without_logging_the_text(
    server: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(event: Inbound) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(server.sim.app.engine, "handle", broken)
    shown = await server.bob.slash(server.channel, "trigger")

    result = await server.bob.submit_modal(shown, {"what": "my secret worry about him"})

    assert result.ephemeral
    assert result.response.content == server.sim.text("error-generic")
    assert "failed to answer" in caplog.text
    assert "my secret worry" not in caplog.text


async def test_a_scheduling_command_takes_its_value_as_an_option(server: Server) -> None:
    result = await server.bob.slash(server.channel, "timezone", zone="Europe/Madrid")

    assert result.ephemeral
    assert "Europe/Madrid" in result.response.content
    snap = await server.sim.app.store.load(f"discord:{server.bob.id}", str(server.channel.id))
    assert snap.user is not None and snap.user.tz == "Europe/Madrid"


async def test_ephemeral_buttons_still_work_after_fifteen_minutes(server: Server) -> None:
    # discord.py gives ephemeral views a 15-minute timeout; ours are never stored and the press
    # is routed by the registered ChoiceButton template, so the buttons outlive that timeout.
    result = await server.bob.slash(server.channel, "ground")

    await server.sim.env.advance_time(16 * 60)

    done = await server.bob.click(result.response, label=server.sim.text("choice-done"))
    assert done.response.content == server.sim.text("ground-after")


async def test_a_spanish_client_gets_spanish_replies_and_form(server: Server) -> None:
    sim = server.sim
    sim.set_client_locale(server.bob.id, "es-ES")

    result = await server.bob.slash(server.channel, "ground")
    shown = await server.bob.slash(server.channel, "trigger")

    assert result.response.content in [sim.text(f"exercise-{e}", "es") for e in sim.app.engine.exercise_ids]
    assert shown.modal["title"] == sim.text("discord-trigger-modal-title", "es")


async def test_two_members_with_the_form_open_are_both_answered(server: Server) -> None:
    bobs = await server.bob.slash(server.channel, "trigger")
    carols = await server.carol.slash(server.channel, "trigger")

    bob_sent = await server.bob.submit_modal(bobs, {"what": WORRY})
    carol_sent = await server.carol.submit_modal(carols, {"what": "she keeps texting her ex"})

    assert bob_sent.ephemeral and bob_sent.response.content
    assert carol_sent.ephemeral and carol_sent.response.content
    assert bot_messages_seen_by(server, server.carol) == [carol_sent.response.content]


async def test_a_crisis_written_in_the_form_gets_resources_privately(server: Server) -> None:
    sim = server.sim
    words = "I want to kill myself"
    elsewhere = Inbound(user=UserKey("discord", "1"), chat=Chat("2", "group", True),
                        received_at=sim.clock.now(), command="trigger", args=words)
    [expected, *_] = await sim.app.engine.handle(elsewhere)
    assert expected.kind == "crisis"

    shown = await server.bob.slash(server.channel, "trigger")
    result = await server.bob.submit_modal(shown, {"what": words})

    assert result.ephemeral
    assert result.response.content.startswith(expected.text)
    assert bot_messages_seen_by(server, server.carol) == []


async def test_help_for_a_spanish_client_names_the_commands_its_menu_shows(server: Server) -> None:
    sim = server.sim
    sim.set_client_locale(server.bob.id, "es-ES")

    result = await server.bob.slash(server.channel, "help")

    text = result.response.content
    assert "/calma" in text and "/plan" in text and "/olvidar" in text
    assert "/ground" not in text and "/forget" not in text
