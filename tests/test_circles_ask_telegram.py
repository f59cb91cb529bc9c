"""Asking a Telegram circle (fake Bot API, real python-telegram-bot): join, ask, answers, result, deletion."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.circles.draft import draft_ask
from bot.clock import FakeClock
from tests.fakes.due import run_next_due
from tests.fakes.telegram_api import FakeBotAPI, FakeUser
from tests.fakes.telegram_harness import RunningBot, start_bot, with_buttons

GROUP = -100888
KEY = f"telegram:{GROUP}"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WORDS = "Last night Robin went quiet after I asked about @kai_99. Mail me at q@example.com. Would you worry?"


@pytest.fixture
async def bot(api: FakeBotAPI, db_path: Path) -> AsyncIterator[RunningBot]:
    api.group(GROUP, "Steady hearts")
    api.user(9001, "Olwen", "en")
    api.admins[GROUP] = {9001}
    running = await start_bot(api, db_path, clock=FakeClock(NOW))
    yield running
    assert_group_posts_name_nobody_and_carry_only_confirmed_words(running, api)
    await running.stop()


def t(bot: RunningBot, key: str, locale: str = "en", **args: Any) -> str:
    return bot.app.engine.i18n.text(locale, key, **args)


CONFIRMED: list[str] = []


def assert_group_posts_name_nobody_and_carry_only_confirmed_words(bot: RunningBot, api: FakeBotAPI) -> None:
    """DESIGN.md §9 over every group message: no id, username or name; an ask carries only confirmed words."""
    texts = []
    for call in api.calls:
        if call.method in {"sendMessage", "editMessageText"} and int(call.params.get("chat_id", 0)) < 0:
            texts += [str(call.params.get("text")), str(call.params.get("reply_markup"))]
    for user in api.users.values():
        for mark in (str(user.id), user.first_name):
            assert not any(mark in text for text in texts), f"{mark!r} appeared in a group message"
    head = t(bot, "circle-ask-post", text="\x00", code="").split("\x00")[0]
    for text in texts:
        if html.unescape(text).startswith(head):
            quoted = html.unescape(text).split("“", 1)[1].split("”", 1)[0]
            assert quoted in CONFIRMED, "an ask post carried words nobody confirmed"


async def setup_and_checkin(bot: RunningBot, api: FakeBotAPI) -> dict[str, Any]:
    await api.users[9001].send("/circle 10:00 UTC en", chat=api.chats[GROUP])
    await api.replies(GROUP, 0)
    before = len(api.sent(GROUP))
    await run_next_due(bot.app, bot.clock)
    (post,) = api.sent(GROUP)[before:]
    return post


async def press(api: FakeBotAPI, user: FakeUser, post: dict[str, Any], label: str) -> str:
    update = await user.press(post, label)
    query_id = update["callback_query"]["id"]
    await api.wait(lambda: api.queries.get(query_id) is True)
    return next(str(c.params.get("text")) for c in api.calls_to("answerCallbackQuery")
                if c.params["callback_query_id"] == query_id)


async def member_asks(bot: RunningBot, api: FakeBotAPI, asker: FakeUser, words: str = WORDS) -> dict[str, Any]:
    """``asker`` writes ``/circle ask`` and their words privately, and presses "Post it"; returns the group post."""
    await bot.say(asker, "/circle ask")
    (preview,) = await bot.say(asker, words)
    draft = draft_ask(words).text
    assert f"“{html.escape(draft, quote=False)}”" in api.raw_html[(asker.id, preview["message_id"])]
    assert not [m for m in api.sent(GROUP) if m["text"].startswith(t(bot, "circle-ask-post", text="", code="")[:20])]
    CONFIRMED.append(draft)
    before = len(api.sent(GROUP))
    posted = await bot.tap(asker, preview, t(bot, "circle-ask-choice-post"))
    assert posted[-1]["text"].startswith("Posted in Steady hearts under the code")
    (post,) = await api.replies(GROUP, before)
    return post


async def test_ask_preview_post_answers_private_result_and_the_post_deleted(bot: RunningBot, api: FakeBotAPI) -> None:
    checkin = await setup_and_checkin(bot, api)
    quinn = api.user(9300, "Quinn", "en")
    assert await press(api, quinn, checkin, t(bot, "circle-join")) == t(bot, "circle-join-joined")
    post = await member_asks(bot, api, quinn)
    (row,) = await bot.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    assert post["text"] == t(bot, "circle-ask-post", text=draft_ask(WORDS).text, code=row["code"])
    labels = [b["text"] for r in post["reply_markup"]["inline_keyboard"] for b in r]
    assert labels == [t(bot, k) for k in ("circle-ask-answer-worried", "circle-ask-answer-not",
                                          "circle-ask-answer-unsure", "circle-report", "circle-join")]
    others = [api.user(9400 + i, f"Peer{i}q", "es" if i == 0 else "en") for i in range(3)]
    assert await press(api, others[0], post, t(bot, "circle-ask-answer-worried")) == \
        t(bot, "circle-ask-answer-counted", "es")
    assert await press(api, others[1], post, t(bot, "circle-ask-answer-not")) == t(bot, "circle-ask-answer-counted")
    assert await press(api, others[1], post, t(bot, "circle-ask-answer-worried")) == \
        t(bot, "circle-ask-answer-changed")
    await press(api, others[2], post, t(bot, "circle-ask-answer-unsure"))

    before = len(api.sent(quinn.id))
    pump = bot.app.due_pump()
    assert pump is not None
    bot.clock.set(bot.clock.now() + timedelta(hours=24))
    await pump.run_due(bot.clock.now())
    (result,) = await api.replies(quinn.id, before)
    assert result["text"] == "\n\n".join((
        t(bot, "circle-ask-result", code=row["code"], worried=2, **{"not": 0}, unsure=1),
        t(bot, "circle-ask-reflect-worried")))
    assert (GROUP, post["message_id"]) in api.deleted
    assert await bot.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]
    assert await press(api, others[2], post, t(bot, "circle-ask-answer-not")) == t(bot, "circle-ask-answer-gone")


async def test_withdraw_deletes_the_post(bot: RunningBot, api: FakeBotAPI) -> None:
    checkin = await setup_and_checkin(bot, api)
    quinn = api.user(9300, "Quinn", "en")
    await press(api, quinn, checkin, t(bot, "circle-join"))
    post = await member_asks(bot, api, quinn)
    confirm = with_buttons(await bot.say(quinn, "/circle withdraw"))
    (done,) = await bot.tap(quinn, confirm, t(bot, "circle-ask-choice-withdraw"))
    assert done["text"] == t(bot, "circle-ask-withdrawn", count=1)
    assert (GROUP, post["message_id"]) in api.deleted


async def test_forget_removes_a_live_post(bot: RunningBot, api: FakeBotAPI) -> None:
    checkin = await setup_and_checkin(bot, api)
    quinn = api.user(9300, "Quinn", "en")
    await press(api, quinn, checkin, t(bot, "circle-join"))
    post = await member_asks(bot, api, quinn)
    confirm = with_buttons(await bot.say(quinn, "/forget"))
    await bot.tap(quinn, confirm, t(bot, "forget-yes"))
    assert (GROUP, post["message_id"]) in api.deleted
    assert await bot.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]
    assert await bot.app.store.count_rows_for("telegram:9300") == 0


async def test_a_crisis_message_is_never_posted(bot: RunningBot, api: FakeBotAPI) -> None:
    checkin = await setup_and_checkin(bot, api)
    quinn = api.user(9300, "Quinn", "en")
    await press(api, quinn, checkin, t(bot, "circle-join"))
    await bot.say(quinn, "/circle ask")
    replies = await bot.say(quinn, "I'm going to end my life tonight, I have the pills here")
    assert replies[0]["text"].startswith(t(bot, "crisis-resources", line="", emergency="", directory="")[:15])
    assert len(api.sent(GROUP)) == 2  # the setup reply and the check-in, nothing else


async def test_one_ask_a_day_per_member_then_the_circle_cap(bot: RunningBot, api: FakeBotAPI) -> None:
    checkin = await setup_and_checkin(bot, api)
    people = [api.user(9300 + i, f"Asker{i}w", "en") for i in range(2)]
    for person in people:
        await press(api, person, checkin, t(bot, "circle-join"))
    await member_asks(bot, api, people[0])
    await bot.say(people[0], "/circle ask")
    preview = with_buttons(await bot.say(people[0], "Is it odd that he never posts photos of us?"))
    (refused,) = await bot.tap(people[0], preview, t(bot, "circle-ask-choice-post"))
    assert refused["text"] == t(bot, "circle-ask-limit-user")
    await bot.app.circles.asks.store.set_cap(KEY, 1)  # type: ignore[union-attr]
    await bot.say(people[1], "/circle ask")
    preview = with_buttons(await bot.say(people[1], "Is it odd that he never posts photos of us?"))
    (capped,) = await bot.tap(people[1], preview, t(bot, "circle-ask-choice-post"))
    assert capped["text"] == t(bot, "circle-ask-limit-circle")


async def test_circle_ask_in_the_group_points_to_the_private_chat(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_and_checkin(bot, api)
    quinn = api.user(9300, "Quinn", "en")
    before = len(api.sent(GROUP))
    await quinn.send("/circle ask", chat=api.chats[GROUP])
    (reply,) = await api.replies(GROUP, before)
    assert reply["text"] == t(bot, "circle-ask-in-private")
    (button,) = [b for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert button["url"] == f"https://t.me/{api.username}?start=circle"
    assert api.calls_to("getChatMember") == [c for c in api.calls_to("getChatMember")
                                             if str(c.params["user_id"]) == "9001"]  # no admin check for asking
    # The link opens /circle in the private chat: how to join for a newcomer, the ask for a member.
    (newcomer,) = await bot.say(quinn, "/start circle")
    assert newcomer["text"] == t(bot, "circle-groups-only")


async def test_a_post_telegram_refuses_leaves_nothing_and_can_be_tried_again(bot: RunningBot, api: FakeBotAPI) -> None:
    checkin = await setup_and_checkin(bot, api)
    quinn = api.user(9300, "Quinn", "en")
    await press(api, quinn, checkin, t(bot, "circle-join"))
    await bot.say(quinn, "/circle ask")
    preview = with_buttons(await bot.say(quinn, WORDS))
    api.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the group chat")
    (failed,) = await bot.tap(quinn, preview, t(bot, "circle-ask-choice-post"))
    assert failed["text"] == t(bot, "circle-ask-failed")
    assert await bot.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]
    await member_asks(bot, api, quinn)  # the day's one ask was not used up by the failure
