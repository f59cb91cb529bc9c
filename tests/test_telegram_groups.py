"""Groups with privacy mode on: /start and /help answered, personal help moved to a private chat."""

from __future__ import annotations

import pytest

from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, buttons, with_buttons

GROUP = -100200300


@pytest.fixture
def api(api: FakeBotAPI) -> FakeBotAPI:
    """The shared fake server, with one group chat."""
    api.group(GROUP)
    return api


def t(bot: RunningBot, locale: str, key: str) -> str:
    return bot.app.engine.i18n.text(locale, key)


async def test_help_is_answered_in_the_group(bot: RunningBot, api: FakeBotAPI) -> None:
    ana = api.user(2001, "Ana", "en")
    await ana.send(f"/help@{api.username}", chat=api.chats[GROUP])
    (reply,) = await api.replies(GROUP, 0)
    assert reply["text"] == t(bot, "en", "help-commands")


async def test_commands_for_another_bot_and_free_text_are_ignored(bot: RunningBot, api: FakeBotAPI) -> None:
    ana = api.user(2001, "Ana", "en")
    await ana.send("he hasn't replied in hours", chat=api.chats[GROUP])
    await ana.send("/help@some_other_bot", chat=api.chats[GROUP])
    await ana.send("/start", chat=api.chats[GROUP])  # a marker we do expect an answer to
    replies = await api.replies(GROUP, 0, count=3)
    assert [m["text"] for m in replies] == [t(bot, "en", k) for k in ("start-welcome", "start-how", "start-privacy")]


async def test_personal_command_in_a_group_gets_a_deep_link_to_the_private_chat(
        bot: RunningBot, api: FakeBotAPI) -> None:
    ben = api.user(2002, "Ben", "es")
    await ben.send(f"/trigger@{api.username}", chat=api.chats[GROUP])
    (reply,) = await api.replies(GROUP, 0)
    assert reply["text"] == t(bot, "es", "group-go-private")
    (button,) = reply["reply_markup"]["inline_keyboard"][0]
    assert button == {"text": t(bot, "es", "telegram-open-private"),
                      "url": f"https://t.me/{api.username}?start=trigger"}
    # Following the link opens the flow in the private chat.
    asked = await bot.say(ben, "/start trigger")
    assert asked[-1]["text"] == t(bot, "es", "trigger-ask-what")


async def test_a_private_reply_goes_to_the_users_own_chat_never_the_group(bot: RunningBot, api: FakeBotAPI) -> None:
    cam = api.user(2003, "Cam", "en")
    await bot.say(cam, "/start", count=3)  # Cam has a private chat with the bot
    before = len(api.sent(cam.id))
    await cam.send("/trigger I want to kill myself", chat=api.chats[GROUP])
    crisis = await api.replies(cam.id, before)
    assert [m for m in crisis if buttons(m)], "the crisis replies, with their question, reached Cam privately"
    # Answering that question in the private chat continues the same conversation, still privately.
    answer = await bot.tap(cam, with_buttons(crisis), index=0)
    assert answer and answer[0]["text"] != t(bot, "en", "choice-passed")
    assert api.sent(GROUP) == []


async def test_without_a_private_chat_the_group_sees_only_a_neutral_link(bot: RunningBot, api: FakeBotAPI) -> None:
    dee = api.user(2004, "Dee", "en")  # never opened a chat with the bot
    await dee.send("/trigger I want to kill myself", chat=api.chats[GROUP])
    (note,) = await api.replies(GROUP, 0)
    assert note["text"] == t(bot, "en", "telegram-reply-privately")
    assert note["reply_markup"]["inline_keyboard"][0][0]["url"] == f"https://t.me/{api.username}?start=start"


async def test_a_press_by_someone_else_is_refused(bot: RunningBot, api: FakeBotAPI) -> None:
    ana, ben = api.user(2001, "Ana", "en"), api.user(2002, "Ben", "en")
    # A question offered to Ana in the group (as a group-visible delivery would be).
    replies = await bot.app.engine.deliver("telegram:2001", str(GROUP), "ground:", {}, bot.clock.now(),
                                           private=False)
    await bot.adapter.sender.send("telegram:2001", str(GROUP), replies)
    (question,) = api.sent(GROUP)
    await ben.press(question, t(bot, "en", "choice-done"))
    await api.wait(lambda: all(api.queries.values()))
    answer = api.calls_to("answerCallbackQuery")[-1].params
    assert answer["text"] == t(bot, "en", "telegram-not-yours") and answer["show_alert"] in (True, "true")
    assert len(api.sent(GROUP)) == 1 and buttons(api.sent(GROUP)[0])

    after = await bot.tap(ana, question, t(bot, "en", "choice-done"))
    assert after[-1]["text"] == t(bot, "en", "ground-after")


async def test_a_scheduled_private_reply_for_a_blocked_user_is_never_posted_in_the_group(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    from bot.pump import Unreachable
    from bot.replies import Reply

    cam = api.user(2003, "Cam", "en")
    await bot.say(cam, "/start", count=3)
    cam.block()
    before = len(api.sent(GROUP))
    reply = Reply(kind="followup", flow="followup", step="ask", text="checking in", private=True)
    with pytest.raises(Unreachable):
        await bot.adapter.sender.send("telegram:2003", str(GROUP), [reply])
    assert api.sent(GROUP)[before:] == []


async def test_a_foreign_press_too_old_to_answer_posts_nothing_in_the_group(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    api.user(2001, "Ana", "en")
    ben = api.user(2002, "Ben", "en")
    replies = await bot.app.engine.deliver("telegram:2001", str(GROUP), "ground:", {}, bot.clock.now(), private=False)
    await bot.adapter.sender.send("telegram:2001", str(GROUP), replies)
    (question,) = api.sent(GROUP)
    data = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    # Ben's press arrives late (queued while the bot restarted): Telegram no longer takes its answer.
    await api.enqueue({"callback_query": {"id": "stale1", "from": ben.obj, "message": question, "data": data,
                                          "chat_instance": "x"}})
    await api.wait(lambda: any(c.params.get("callback_query_id") == "stale1"
                               for c in api.calls_to("answerCallbackQuery")), settle=0.3)
    assert len(api.sent(GROUP)) == 1
