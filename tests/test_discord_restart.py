"""Across restarts: persistent buttons keep working and slash commands sync only when changed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest

from tests.fakes.discord_sim import DiscordSim, open_discord_sim

WORRY = "he hasn't replied in 4 hours"


@pytest.fixture
async def sim(db_path: Path) -> AsyncIterator[DiscordSim]:
    async with open_discord_sim(db_path) as running:
        yield running


async def test_a_button_pressed_after_a_restart_still_works(sim: DiscordSim) -> None:
    alice = sim.env.create_user("alice")
    await alice.send_dm(WORRY)
    offered = alice.dm_channel.last_message
    old_client = sim.client

    await sim.restart()  # new App and client over the same SQLite file; Discord keeps the message

    assert sim.client is not old_client
    await alice.click(offered, label=sim.text("choice-done"))
    answer = alice.dm_channel.last_message
    assert answer.id != offered.id
    assert answer.content == sim.text("diagnostic-question")


async def test_a_form_opened_before_a_restart_is_answered_after_it(sim: DiscordSim) -> None:
    guild = sim.env.create_guild()
    channel = guild.create_text_channel("general")
    bob = guild.add_member(sim.env.create_user("bob"))
    shown = await bob.slash(channel, "trigger")

    await sim.restart()

    result = await bob.submit_modal(shown, {"what": WORRY})
    assert result.ephemeral and result.response.content


async def test_commands_sync_at_first_start_and_not_again_when_unchanged(sim: DiscordSim) -> None:
    assert sim.command_syncs() == 1

    await sim.restart()

    assert sim.command_syncs() == 1
    guild = sim.env.create_guild()
    channel = guild.create_text_channel("general")
    bob = guild.add_member(sim.env.create_user("bob"))
    result = await bob.slash(channel, "ground")  # still registered with Discord, still answered
    assert result.response.content in [sim.text(f"exercise-{e}") for e in sim.app.engine.exercise_ids]


async def test_commands_sync_again_when_their_definitions_change(sim: DiscordSim) -> None:
    await sim.app.store.set_meta(f"discord:commands:{sim.client.application_id}", "an older digest")

    await sim.restart()

    assert sim.command_syncs() == 2


async def test_command_names_and_descriptions_are_localized_for_spanish(sim: DiscordSim) -> None:
    commands = {c.name: c for c in await sim.client.tree.fetch_commands()}

    assert {"help", "trigger", "ground", "learn", "language", "mydata", "forget"} <= set(commands)
    for name in commands:
        for locale in (discord.Locale.spain_spanish, discord.Locale.latin_american_spanish):
            assert commands[name].name_localizations[locale] == sim.text(f"command-{name}", "es")
            assert commands[name].description_localizations[locale] == sim.text(f"discord-cmd-{name}", "es")
    assert commands["ground"].name_localizations[discord.Locale.spain_spanish] == "calma"
    assert commands["ground"].description == sim.text("discord-cmd-ground")


async def test_a_failed_sync_is_retried_at_the_next_start(sim: DiscordSim) -> None:
    await sim.app.store.set_meta(f"discord:commands:{sim.client.application_id}", "an older digest")
    sim.env.inject_error("PUT", "/applications/*/commands", status=500)

    await sim.restart()  # the bot still starts and serves

    assert await sim.app.store.get_meta(f"discord:commands:{sim.client.application_id}") == "an older digest"
    await sim.restart()
    assert sim.command_syncs() == 3  # first start, the failed attempt, the retry
