"""Faults: blocked users, stale and forged buttons, restarts, webhook secrets, errors, rate limits."""

from __future__ import annotations

import copy
import logging
import socket
from pathlib import Path

import pytest

from bot.adapters.telegram.adapter import TokenRejected
from bot.pump import Unreachable
from bot.replies import Choice, Reply
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, buttons, start_bot, with_buttons

SPIRAL = "he hasn't replied in 4 hours and I'm spiraling"


def t(bot: RunningBot, key: str, locale: str = "en") -> str:
    return bot.app.engine.i18n.text(locale, key)


async def test_a_user_who_blocked_the_bot_is_marked_unreachable(bot: RunningBot, api: FakeBotAPI) -> None:
    ana = api.user(3001, "Ana")
    await bot.say(ana, "/ground")
    await ana.send(SPIRAL)
    ana.block()  # blocks the bot before the answer goes out
    await api.wait(lambda: any(c.error and c.error.startswith("Forbidden") for c in api.calls))
    snap = await bot.app.store.load("telegram:3001", str(ana.id))
    assert snap.user is not None and snap.user.unreachable


async def test_the_schedulers_sender_reports_a_blocked_user_as_unreachable(bot: RunningBot, api: FakeBotAPI) -> None:
    ben = api.user(3002, "Ben")
    await bot.say(ben, "/ground")
    ben.block()
    reply = Reply(kind="followup", flow="followup", step="ask", text="checking in")
    with pytest.raises(Unreachable):
        await bot.adapter.sender.send("telegram:3002", "3002", [reply])


async def test_buttons_still_work_after_a_restart_and_stale_ones_say_so(
        api: FakeBotAPI, db_path: Path) -> None:
    first = await start_bot(api, db_path)
    cam = api.user(3003, "Cam")
    grounding = with_buttons(await first.say(cam, SPIRAL, count=2))
    old = copy.deepcopy(grounding)  # what a client that never saw the edit still shows
    diagnostic = copy.deepcopy(with_buttons(await first.tap(cam, grounding, t(first, "choice-done"))))
    await first.stop()

    second = await start_bot(api, db_path)  # a new process over the same SQLite file
    try:
        path = await second.tap(cam, diagnostic, t(second, "diagnostic-my-history"))
        current = buttons(path[-1])
        assert current[-1] == t(second, "choice-continue")
        stale = await second.tap(cam, old, t(second, "choice-skip"), count=2)
        assert stale[0]["text"] == t(second, "choice-passed")
        assert buttons(stale[-1]) == current, "the current question is shown again, with live buttons"
        assert not buttons(path[-1]), "and the copy it replaced lost its buttons"
    finally:
        await second.stop()


async def test_a_forged_button_gets_a_short_note_and_changes_nothing(bot: RunningBot, api: FakeBotAPI) -> None:
    dee = api.user(3004, "Dee")
    grounding = copy.deepcopy(with_buttons(await bot.say(dee, SPIRAL, count=2)))
    before = len(api.sent(dee.id))
    await dee.press(grounding, data="drop table users")
    await api.wait(lambda: all(api.queries.values()))
    assert api.calls_to("answerCallbackQuery")[-1].params["text"] == t(bot, "telegram-button-unknown")
    assert len(api.sent(dee.id)) == before
    assert "reply_markup" not in api.messages[(dee.id, grounding["message_id"])], "unknown buttons are cleared"
    # Someone else's id inside otherwise valid data is refused too.
    forged = grounding["reply_markup"]["inline_keyboard"][0][0]["callback_data"].replace("|3004|", "|9999|")
    await dee.press(grounding, data=forged)
    await api.wait(lambda: all(api.queries.values()))
    assert api.calls_to("answerCallbackQuery")[-1].params["text"] == t(bot, "telegram-not-yours")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_mode_refuses_requests_without_the_right_secret(api: FakeBotAPI, db_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    bot = await start_bot(api, db_path, webhook_url=url, webhook_secret="s3cret-Token_1", port=port)
    try:
        assert api.webhook == {"url": url, "secret_token": "s3cret-Token_1"}
        eve = api.user(3005, "Eve")
        update = {"update_id": 1, "message": api.new_message(api.open_private(eve), eve.obj, text="/help",
                                                             entities=[{"type": "bot_command", "offset": 0,
                                                                        "length": 5}])}
        assert await api.post_to_webhook(update, "wrong-secret") == 403
        assert await api.post_to_webhook(update, None) == 403
        assert api.sent(eve.id) == []
        replies = await bot.say(eve, "/help")  # the fake posts it with the secret Telegram was given
        assert replies[-1]["text"] == t(bot, "help-commands")
    finally:
        await bot.stop()


async def test_a_failing_handler_is_logged_without_text_and_the_user_told(
        bot: RunningBot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fay = api.user(3006, "Fay")
    api.fail_next("sendMessage", 400, "Bad Request: something unexpected")
    (reply,) = await bot.say(fay, "my secret worry about Sam")
    assert reply["text"] == t(bot, "error-generic")
    assert "telegram handler failed" in caplog.text
    assert "secret worry" not in caplog.text and api.token not in caplog.text


async def test_retry_after_is_waited_out_by_the_rate_limiter(bot: RunningBot, api: FakeBotAPI) -> None:
    gus = api.user(3007, "Gus")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    replies = await bot.say(gus, "/help")
    assert replies[-1]["text"] == t(bot, "help-commands")
    assert [c.error for c in api.calls_to("sendMessage")][:2] == ["Too Many Requests: retry after 1", None]


async def test_a_long_reply_is_split_at_paragraphs_with_buttons_on_the_last_part(
        bot: RunningBot, api: FakeBotAPI) -> None:
    hal = api.user(3008, "Hal")
    await bot.say(hal, "/ground")
    paragraphs = [f"{i} " + " ".join(["calm <words> & more"] * 60) for i in range(8)]
    reply = Reply(kind="card", flow="learn", step="card", text="\n\n".join(paragraphs),
                  choices=(Choice("next", "Next"),), version=7)
    before = len(api.sent(hal.id))
    await bot.adapter.sender.send("telegram:3008", "3008", [reply])
    parts = api.sent(hal.id)[before:]
    assert len(parts) > 1 and all(len(p["text"]) <= 4096 for p in parts)
    assert "\n\n".join(p["text"] for p in parts) == reply.text
    assert [bool(buttons(p)) for p in parts] == [False] * (len(parts) - 1) + [True]


async def test_an_image_goes_out_with_send_photo(bot: RunningBot, api: FakeBotAPI) -> None:
    ivy = api.user(3009, "Ivy")
    await bot.say(ivy, "/ground")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    reply = Reply(kind="chart", flow="journal", step="chart", text="Your week", image=png)
    await bot.adapter.sender.send("telegram:3009", "3009", [reply])
    photo = api.sent(ivy.id)[-1]
    assert photo["caption"] == "Your week" and api.uploads[(ivy.id, photo["message_id"])] == png


async def test_neither_the_token_nor_user_words_reach_the_logs(api: FakeBotAPI, db_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    bot = await start_bot(api, db_path)
    try:
        jo = api.user(3010, "Jo")
        await bot.say(jo, SPIRAL, count=2)
    finally:
        await bot.stop()
    assert "receiving updates by long polling" in caplog.text
    assert api.token not in caplog.text and "spiraling" not in caplog.text


async def test_a_rejected_token_fails_clearly_without_printing_it(api: FakeBotAPI, db_path: Path) -> None:
    wrong = "987654321:AAwrong-token-still-secret"
    with pytest.raises(TokenRejected) as failure:
        await start_bot(api, db_path, token=wrong)
    assert wrong not in str(failure.value)
    assert failure.value.__cause__ is None and failure.value.__suppress_context__


async def test_the_bot_still_starts_when_the_menu_cannot_be_published(api: FakeBotAPI, db_path: Path) -> None:
    api.fail_next("setMyCommands", 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    bot = await start_bot(api, db_path)
    try:
        kim = api.user(3011, "Kim")
        assert (await bot.say(kim, "/help"))[-1]["text"] == t(bot, "help-commands")
    finally:
        await bot.stop()
