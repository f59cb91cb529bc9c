"""Discord DMs: free text enters the trigger flow like a Telegram private chat; choices are buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest

from tests.fakes.discord_sim import DiscordSim, open_discord_sim


@pytest.fixture
async def sim(db_path: Path) -> AsyncIterator[DiscordSim]:
    async with open_discord_sim(db_path) as running:
        yield running


def labels(message: discord.Message) -> list[str]:
    return [c.label for row in message.components for c in row.children]  # type: ignore[attr-defined]


def exercise_texts(sim: DiscordSim) -> list[str]:
    return [sim.text(f"exercise-{e}") for e in sim.app.engine.exercise_ids]


async def test_dm_text_enters_the_trigger_flow_with_buttons(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm("he hasn't replied in 4 hours")

    reply = alice.dm_channel.last_message
    assert reply.author.id == sim.client.user.id
    # Acknowledgement and the grounding prompt arrive as one message, with the prompt's buttons.
    assert reply.content.startswith(sim.text("trigger-ack", topic="texting"))
    assert any(exercise in reply.content for exercise in exercise_texts(sim))
    assert labels(reply) == [sim.text("choice-done"), sim.text("choice-another"), sim.text("choice-skip")]


async def test_dm_buttons_and_typed_answers_move_the_flow_on(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm("she liked his photo again and I feel sick")

    await alice.click(alice.dm_channel.last_message, label=sim.text("choice-done"))
    question = alice.dm_channel.last_message
    assert question.content == sim.text("diagnostic-question")
    assert sim.text("diagnostic-my-history") in labels(question)

    # Typing the option's number works as well as pressing it.
    await alice.send_dm("2")
    path = alice.dm_channel.last_message
    assert labels(path) == [sim.text("offer-communicate"), sim.text("choice-continue")]
    assert path.content != question.content


async def test_dm_stale_button_gets_the_current_step_back(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm("he's been distant all week")
    first = alice.dm_channel.last_message
    await alice.click(first, label=sim.text("choice-skip"))

    await alice.click(first, label=sim.text("choice-done"))  # that question has passed

    assert sim.text("choice-passed") in alice.dm_channel.last_message.content
    assert sim.text("diagnostic-question") in alice.dm_channel.last_message.content


async def test_dm_slash_command_answers_in_place(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")

    result = await alice.slash("ground")

    assert not result.ephemeral  # nobody else sees a DM; ephemeral there would only vanish
    assert result.response.content in exercise_texts(sim)
    assert labels(result.response.message) == [sim.text("choice-done"), sim.text("choice-another")]


async def test_mydata_export_arrives_as_a_file(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm("I keep comparing myself to his ex")

    result = await alice.slash("mydata")

    assert result.response.content == sim.text("mydata-ready")
    [export] = result.response.attachments
    data = await export.read()
    assert f'"discord:{alice.id}"' in data.decode()


async def test_messages_from_other_bots_are_ignored(sim: DiscordSim) -> None:
    other_bot = sim.env.create_user("otherbot", bot=True)
    before = len(sim.env.http_requests)

    await other_bot.send_dm("ping")

    assert not [r for r in sim.env.http_requests[before:] if r.method == "POST"]
    alice = sim.env.create_user("alice")
    await alice.send_dm("he hasn't replied in 4 hours")  # the bot is alive, it just ignored the bot
    assert alice.dm_channel.last_message.author.id == sim.client.user.id


async def test_a_failing_dm_handler_answers_a_short_error_without_logging_the_text(
    sim: DiscordSim, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(event: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(sim.app.engine, "handle", broken)
    alice = sim.env.create_user("alice")

    await alice.send_dm("my secret worry about him")

    assert alice.dm_channel.last_message.content == sim.text("error-generic")
    assert "failed to answer a direct message" in caplog.text
    assert "my secret worry" not in caplog.text


async def test_a_command_typed_as_text_in_a_dm_runs_as_that_command(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm("/ground")
    assert any(exercise in alice.dm_channel.last_message.content for exercise in exercise_texts(sim))


async def test_a_spanish_command_name_typed_in_a_dm_is_understood(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm("/calma")
    assert any(exercise in alice.dm_channel.last_message.content for exercise in exercise_texts(sim))


async def test_a_failure_is_logged_without_what_the_user_wrote(
    sim: DiscordSim, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(event: object) -> list:
        raise ValueError(f"could not parse {event.text!r}")  # type: ignore[attr-defined]

    monkeypatch.setattr(sim.app.engine, "handle", broken)
    alice = sim.env.create_user("alice")
    await alice.send_dm("my secret worry about him")
    assert "ValueError" in caplog.text
    assert "my secret worry" not in caplog.text
    assert alice.dm_channel.last_message.content == sim.text("error-generic")
