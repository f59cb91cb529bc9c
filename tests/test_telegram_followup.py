"""Follow-ups come due on the fake clock and reach Telegram through App.pump and our Sender."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from bot.replies import Reply
from tests.fakes.backends import query_from_outside
from tests.fakes.telegram_api import Call
from tests.fakes.telegram_harness import RunningBot, buttons, with_buttons


def t(bot: RunningBot, key: str, locale: str = "en") -> str:
    return bot.app.engine.i18n.text(locale, key)


async def _ask_for_a_followup_in_an_hour(bot: RunningBot, user_id: int, locale: str = "en") -> None:
    user = bot.api.user(user_id, "Ana", locale)
    worry = {"en": "he hasn't replied in 4 hours and I'm spiraling",
             "es": "no me ha contestado en 4 horas y no paro de darle vueltas"}[locale]
    grounding = with_buttons(await bot.say(user, worry, count=2))
    diagnostic = with_buttons(await bot.tap(user, grounding, t(bot, "choice-skip", locale)))
    path = with_buttons(await bot.tap(user, diagnostic, index=1))
    rate = with_buttons(await bot.tap(user, path, t(bot, "choice-continue", locale)))
    offer = with_buttons(await bot.tap(user, rate, index=3))
    await bot.tap(user, offer, t(bot, "followup-1h", locale))


@pytest.mark.parametrize("locale", ["en", "es"])
async def test_a_followup_arrives_after_the_clock_moves_past_its_time(bot: RunningBot, locale: str) -> None:
    assert bot.app.pump is not None
    await _ask_for_a_followup_in_an_hour(bot, 4001, locale)
    before = len(bot.api.sent(4001))

    bot.clock.advance(timedelta(minutes=30))
    await bot.app.pump.run_due(bot.clock.now())
    assert len(bot.api.sent(4001)) == before, "nothing is due yet"

    bot.clock.advance(timedelta(minutes=31))
    await bot.app.pump.run_due(bot.clock.now())
    followup = await bot.api.replies(4001, before)
    question = with_buttons(followup)
    rates = [t(bot, f"rate-{n}", locale) for n in range(1, 6)]
    assert buttons(question)[:5] == rates, "the follow-up asks for a new rating"

    # The follow-up's buttons are live: pressing one continues that conversation.
    answer = await bot.tap(bot.api.users[4001], question, index=1)
    assert answer and answer[0]["text"] != t(bot, "choice-passed", locale)


async def test_a_followup_for_a_user_who_blocked_the_bot_marks_them_unreachable(bot: RunningBot) -> None:
    assert bot.app.pump is not None
    await _ask_for_a_followup_in_an_hour(bot, 4002)
    bot.api.users[4002].block()
    bot.clock.advance(timedelta(minutes=61))
    await bot.app.pump.run_due(bot.clock.now())
    snap = await bot.app.store.load("telegram:4002", "4002")
    assert snap.user is not None and snap.user.unreachable
    assert bot.api.calls_to("sendMessage")[-1].error == "Forbidden: bot was blocked by the user"


async def test_a_followup_is_marked_on_the_wire_inside_the_http_client_right_before_its_request(
    bot: RunningBot, db_path: Path
) -> None:
    assert bot.app.pump is not None
    await _ask_for_a_followup_in_an_hour(bot, 4003)
    statuses: list[str] = []
    sender = bot.app.senders["telegram"]

    class Watching:
        marks_on_wire = True

        async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
            statuses.append(_followup_status(db_path))  # entering the sender: the rate limiter is still ahead
            await sender.send(user_key, chat_id, replies)

    def on_request(call: Call) -> None:
        if call.method == "sendMessage" and statuses:
            statuses.append(_followup_status(db_path))

    bot.app.senders["telegram"] = Watching()
    bot.api.listeners.append(on_request)
    bot.clock.advance(timedelta(minutes=61))
    await bot.app.pump.run_due(bot.clock.now())
    assert statuses[:2] == ["claimed", "sending"]
    assert _followup_status(db_path) == "sent"


def _followup_status(db_path: Path) -> str:
    [(status,)] = query_from_outside(db_path, "SELECT status FROM scheduled WHERE kind = 'followup'")
    return str(status)


async def test_a_followup_taken_over_before_its_request_is_written_is_not_sent_nor_retried(
    bot: RunningBot, db_path: Path
) -> None:
    assert bot.app.pump is not None
    await _ask_for_a_followup_in_an_hour(bot, 4004)
    before = len(bot.api.calls_to("sendMessage"))
    sender = bot.app.senders["telegram"]

    class Overtaken:
        marks_on_wire = True

        async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
            # Another worker takes the item over while this one waits on the rate limiter.
            await bot.app.store.fetch_all("UPDATE scheduled SET claimed_by = 'other' WHERE kind = 'followup'")
            await sender.send(user_key, chat_id, replies)

    bot.app.senders["telegram"] = Overtaken()
    bot.clock.advance(timedelta(minutes=61))
    await bot.app.pump.run_due(bot.clock.now())
    assert len(bot.api.calls_to("sendMessage")) == before  # no request left
    assert bot.adapter.sender.outbox.undelivered == 0  # nor was it retried as a failed send
    [(status, claimed_by)] = query_from_outside(
        db_path, "SELECT status, claimed_by FROM scheduled WHERE kind = 'followup'")
    assert (status, claimed_by) == ("claimed", "other")
