"""The Discord adapter's pure parts: settings, intents, message grouping, custom_ids, sharding."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest

from bot.adapters.discord import DiscordConfig, ShardedGroundworkClient, intents
from bot.adapters.discord.sending import MAX_CONTENT, compose
from bot.adapters.discord.views import ChoiceButton, choice_view, encode_choice
from bot.replies import Choice, FileAttachment, Reply
from tests.fakes.discord_sim import open_discord_sim


def reply(text: str, **extra: object) -> Reply:
    return Reply(kind="info", flow="f", step="s", text=text, **extra)  # type: ignore[arg-type]


def test_config_needs_a_token_and_reads_an_optional_shard_count() -> None:
    assert DiscordConfig.from_env({}) is None
    assert DiscordConfig.from_env({"DISCORD_BOT_TOKEN": "t"}) == DiscordConfig("t", None)
    assert DiscordConfig.from_env({"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_COUNT": "4"}).shard_count == 4
    with pytest.raises(ValueError, match="DISCORD_SHARD_COUNT"):
        DiscordConfig.from_env({"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_COUNT": "zero"})


def test_intents_ask_for_nothing_privileged() -> None:
    wanted = intents()
    assert wanted.guilds and wanted.dm_messages
    assert not wanted.message_content and not wanted.members and not wanted.presences
    assert not wanted.guild_messages  # server chatter is never read


def test_consecutive_replies_share_a_message_until_one_offers_buttons() -> None:
    choices = (Choice("done", "Done"),)
    messages = compose([reply("one"), reply("two", choices=choices, version=3), reply("three")])

    assert [m.content for m in messages] == ["one\n\ntwo", "three"]
    assert messages[0].reply is not None and messages[0].reply.version == 3
    assert messages[1].reply is None


def test_privacy_changes_and_urgent_replies_start_a_new_message() -> None:
    messages = compose([reply("public", private=False), reply("mine"), reply("crisis", urgent=True)])

    assert [(m.content, m.private) for m in messages] == [("public", False), ("mine", True), ("crisis", True)]


def test_files_and_long_texts_are_sent_whole() -> None:
    export = FileAttachment("groundwork-data.json", b"{}")
    long_text = ("line of text\n" * 400).strip()
    messages = compose([reply("here it is", file=export), reply(long_text)])

    assert messages[0].uploads == [("groundwork-data.json", b"{}")]
    assert all(len(m.content) <= MAX_CONTENT for m in messages)
    assert "\n".join(m.content for m in messages[1:]) == long_text


def test_custom_ids_are_stable_and_bounded() -> None:
    assert encode_choice(42, 7, "my_history") == "gw:42:7:my_history"
    assert encode_choice(42, None, "1h", "1234") == "gw:42:0:1h:1234"
    with pytest.raises(ValueError):
        encode_choice(42, 7, "x" * 100)
    with pytest.raises(ValueError):
        encode_choice(42, 7, "has space")


async def test_a_shard_count_runs_the_auto_sharded_client(db_path: Path) -> None:
    async with open_discord_sim(db_path, shard_count=2) as sim:
        assert isinstance(sim.client, ShardedGroundworkClient)
        guild = sim.env.create_guild(shard_id=1)
        channel = guild.create_text_channel("general")
        bob = guild.add_member(sim.env.create_user("bob"))

        result = await bob.slash(channel, "ground")

        assert result.ephemeral
        assert result.response.content in [sim.text(f"exercise-{e}") for e in sim.app.engine.exercise_ids]


async def test_run_starts_discord_when_its_token_is_set(
    db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import discord

    from bot.app import Settings
    from bot.runner import run_platforms

    started: list[str] = []

    async def offline_start(self: discord.Client, token: str, *, reconnect: bool = True) -> None:
        started.append(token)  # stands in for the gateway connection

    monkeypatch.setattr(discord.Client, "start", offline_start)
    monkeypatch.setenv("DISCORD_BOT_TOKEN", "secret-token")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)

    assert await run_platforms(Settings(db_path=str(db_path))) == 0
    assert started == ["secret-token"]


@pytest.mark.parametrize("count", [1, 2, 5, 6, 12, 25])
async def test_sent_buttons_carry_the_components_a_view_of_choice_buttons_would(count: int) -> None:
    # Rows of five in order, labels cut at Discord's 80, an empty label shown as its id: byte for byte
    # what discord.py's View lays out (a running loop, as in the bot, where a View makes a future).
    labels = ["Done", "Another one " * 10, ""] + [f"Option {i}" for i in range(3, count)]
    choices = tuple(Choice(f"c{i}", labels[i]) for i in range(count))
    for chat_id in ("555", None):
        reply = Reply(kind="grounding", flow="ground", step="breathe", text="x", version=7, choices=choices)
        sent = choice_view(reply, 1234, chat_id)
        assert sent is not None
        routed = discord.ui.View(timeout=None)
        for choice in reply.choices:
            routed.add_item(ChoiceButton(1234, 7, choice.id, choice.label, chat_id))
        assert sent.to_components() == routed.to_components()
        assert [list(row) for row in sent.to_components()] == [list(row) for row in routed.to_components()]
        assert [list(b) for row in sent.to_components() for b in row["components"]] == [
            list(b) for row in routed.to_components() for b in row["components"]]  # same key order, same JSON
        assert sent.is_finished() and not sent.has_components_v2()


def test_more_buttons_than_discord_allows_are_refused_as_a_view_would() -> None:
    reply = Reply(kind="info", flow="f", step="s", text="x", choices=tuple(Choice(f"c{i}", "x") for i in range(26)))
    with pytest.raises(ValueError):
        choice_view(reply, 1234)


async def test_run_until_wait_calls_on_wait_only_when_the_coroutine_suspends() -> None:
    import asyncio

    from bot.adapters.discord.handling import run_until_wait

    waits: list[str] = []

    async def quick() -> int:
        return 1

    async def slow() -> int:
        await asyncio.sleep(0)
        await asyncio.sleep(0.01)
        return 2

    async def failing() -> int:
        await asyncio.sleep(0)
        raise KeyError("x")

    assert await run_until_wait(quick(), lambda: waits.append("quick")) == 1
    assert waits == []
    assert await run_until_wait(slow(), lambda: waits.append("slow")) == 2
    assert waits == ["slow"]  # once, however often it waits
    with pytest.raises(KeyError):
        await run_until_wait(failing(), lambda: waits.append("failing"))

    cleaned: list[str] = []

    async def endless() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            cleaned.append("finally")

    async def outer() -> None:
        await run_until_wait(endless(), lambda: None)

    task = asyncio.get_running_loop().create_task(outer())
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cleaned == ["finally"]  # the cancellation reached the engine's coroutine


async def test_run_until_wait_leaves_no_handled_error_behind_in_the_engine() -> None:
    import asyncio
    import sys

    from bot.adapters.discord.handling import run_until_wait

    async def failing_write() -> None:
        future = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_soon(future.set_exception, OSError("database busy"))
        await future

    async def engine_step() -> BaseException | None:
        try:
            await failing_write()
        except OSError:
            pass
        return sys.exc_info()[1]  # outside the handler: a later error must not chain to this one

    assert await run_until_wait(engine_step(), lambda: None) is None
