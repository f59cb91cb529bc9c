"""The suite-wide privacy check catches a leak: the fakes record every public post, and the ledger flags
one that carries a name, an id, or words a user typed without confirming them (DESIGN.md §9)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from tests.fakes.discord_sim import open_discord_sim
from tests.fakes.privacy import LEDGER, PrivacyLedger
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, start_bot

GROUP = -100321


@pytest.fixture
async def own() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API with a ledger of its own: the deliberate leaks below stay out of the session's."""
    server = FakeBotAPI(ledger=PrivacyLedger())
    await server.start()
    server.group(GROUP)
    yield server
    await server.close()


@pytest.fixture
async def leaky(own: FakeBotAPI, db_path: Path) -> AsyncIterator[RunningBot]:
    running = await start_bot(own, db_path)
    yield running
    await running.stop()


async def test_a_post_with_a_users_name_or_id_is_flagged(own: FakeBotAPI, leaky: RunningBot) -> None:
    own.user(4242, "Marisol", "es")
    bot = leaky.adapter.application.bot
    await bot.send_message(GROUP, "Someone in this circle asks: is this normal?")
    assert own.ledger.violations() == []
    await bot.send_message(GROUP, "Marisol asks: is this normal?")
    await bot.send_message(GROUP, "Asked by user 4242")
    problems = own.ledger.violations()
    assert any("'Marisol'" in p for p in problems) and any("'4242'" in p for p in problems)


async def test_words_a_user_typed_privately_are_flagged_unless_they_confirmed_them(
        own: FakeBotAPI, leaky: RunningBot) -> None:
    bea = own.user(4343, "Bea", "en")
    typed = "he reads my messages when I sleep and then lies about it"
    await bea.send(typed)
    await own.wait(lambda: bool(own.sent(bea.id)))
    bot = leaky.adapter.application.bot
    await bot.send_message(GROUP, f"Someone asks: {typed[:40]}")
    assert any("unconfirmed words of user 4343" in p for p in own.ledger.violations())

    # Once she has pressed a button under a preview showing them, the same words may be posted.
    preview = await bot.send_message(bea.id, f"This is what I'd post:\n\n{typed}", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("Post it", callback_data="x")]]))
    await bea.press(own.messages[(bea.id, preview.message_id)], "Post it")
    confirmed = [p for p in own.ledger.violations() if "unconfirmed" in p]
    await bot.send_message(GROUP, f"Someone asks: {typed}")
    assert [p for p in own.ledger.violations() if "unconfirmed" in p] == confirmed  # nothing new flagged


async def test_simcord_public_posts_are_recorded_and_ephemeral_ones_are_not(db_path: Path) -> None:
    ledger = PrivacyLedger()
    typed = "my partner hides her phone whenever I walk in"
    async with open_discord_sim(db_path, ledger=ledger) as sim:
        guild = sim.env.create_guild()
        channel = guild.create_text_channel("support")
        fern = guild.add_member(sim.env.create_user("quietfern"))
        await fern.send_dm(typed)  # typed privately, never shown back to her to confirm
        target = sim.client.get_channel(channel.id)
        assert isinstance(target, discord.TextChannel)
        await target.send("a circle post about nobody")
        await target.send(embed=discord.Embed(description="posted for quietfern"))
        await target.send(f"Someone asks: {typed}")
    texts = "\n".join(p.text for p in ledger.posts)
    assert "a circle post about nobody" in texts
    problems = ledger.violations()
    assert ["'quietfern'" in p for p in problems if "identity" in p] == [True, True]  # as sent, as stored
    assert any(f"unconfirmed words of user {fern.id}" in p for p in problems)


def test_the_session_ledger_is_the_one_every_fake_writes_to() -> None:
    assert FakeBotAPI().ledger is LEDGER


def test_a_helper_who_claimed_a_room_may_be_named_there_and_nowhere_else() -> None:
    ledger = PrivacyLedger()
    world = ledger.world()
    ledger.person(world, 9300, "Hal")
    ledger.helper_claimed(world, "-100888", 9300)
    ledger.post(world, "telegram", "-100888", "R-AB12C · With: Hal")
    assert ledger.violations() == []
    ledger.post(world, "telegram", "-100777", "Hal is helping someone")  # the circle's group
    assert ledger.violations() == ["telegram -100777: identity 'Hal' in a post"]


def test_words_relayed_from_an_opened_room_may_reach_a_topic_but_not_the_group() -> None:
    ledger = PrivacyLedger()
    world = ledger.world()
    said = "i feel like a burden to my friends"
    ledger.typed_by(world, 9100, said)
    ledger.opened_room(world, 9100)
    ledger.post(world, "telegram", "-100888/topic", f"R-AB12C: {said}")
    assert ledger.violations() == []
    ledger.post(world, "telegram", "-100888", f"R-AB12C: {said}")
    assert len(ledger.violations()) == 1
