"""Circle moderation in Telegram groups (fake Bot API): reports reach the moderators' chat with the post and
its code only; its admins remove posts and block codes without learning who wrote them."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from storage.circle_asks import Asker
from tests.fakes.due import run_next_due
from tests.fakes.telegram_api import FakeBotAPI, FakeUser
from tests.fakes.telegram_harness import RunningBot, start_bot, with_buttons
from tests.test_circles_telegram import BEFORE_DST, GROUP, KEY, circle_group, next_checkin, setup_circle

MODS = -100888
# Ana writes in Spanish (her language); the circle itself runs in English.
WORDS = "Lleva todo el día sin contestar mis mensajes y no sé qué pensar."


@pytest.fixture
async def bot(api: FakeBotAPI, db_path: Path) -> AsyncIterator[RunningBot]:
    circle_group(api, "Support")
    api.group(MODS, "Support mods")
    api.user(9002, "Nedward", "en")  # in the moderators' chat, not an admin there
    api.admins[MODS] = {9001}
    running = await start_bot(api, db_path, clock=FakeClock(BEFORE_DST))
    yield running
    await running.stop()


def t(bot: RunningBot, key: str, locale: str = "en", **args: Any) -> str:
    return bot.app.engine.i18n.text(locale, key, **args)


async def link_moderators(bot: RunningBot, api: FakeBotAPI) -> None:
    olwen = api.users[9001]
    before = len(api.sent(GROUP))
    await olwen.send("/circle moderators", chat=api.chats[GROUP])
    (link,) = await api.replies(GROUP, before)
    code = re.search(r"/circle moderators (\w+)", link["text"])
    assert code is not None
    await olwen.send(f"/circle moderators {code[1]}", chat=api.chats[MODS])
    (linked,) = await api.replies(MODS, 0)
    assert linked["text"] == t(bot, "circle-mods-linked")


async def ask(bot: RunningBot, api: FakeBotAPI, user: FakeUser, lang: str) -> dict[str, Any]:
    """``user`` joins under the check-in, then asks the circle in the private chat: their words, the
    preview, "Post it". Returns the ask's post in the group."""
    post = await next_checkin(bot, api)
    await user.press(post, t(bot, "circle-join"))
    await api.wait(lambda: bool(api.calls_to("answerCallbackQuery")))
    overview = with_buttons(await bot.say(user, "/circle"))
    await bot.tap(user, overview, t(bot, "circle-ask-choice-ask", lang))
    preview = with_buttons(await bot.say(user, WORDS))
    assert WORDS in preview["text"]
    before = len(api.sent(GROUP))
    await bot.tap(user, preview, t(bot, "circle-ask-choice-post", lang))
    (posted,) = await api.replies(GROUP, before)
    assert WORDS in posted["text"]
    return posted


async def press(api: FakeBotAPI, user: FakeUser, message: dict[str, Any], label: str | None,
                data: str | None = None) -> str:
    """``user`` presses ``label`` (or sends ``data``); returns the text of the private callback answer."""
    update = await user.press(message, label, data=data)
    query_id = update["callback_query"]["id"]
    await api.wait(lambda: api.queries.get(query_id) is True)
    call = next(c for c in api.calls_to("answerCallbackQuery") if c.params["callback_query_id"] == query_id)
    return str(call.params.get("text"))


@pytest.fixture
async def reported(bot: RunningBot, api: FakeBotAPI) -> tuple[dict[str, Any], dict[str, Any]]:
    """A circle with a moderators' chat, an ask by Ana, and Ben's report of it: (ask post, report note)."""
    await setup_circle(bot, api)
    await link_moderators(bot, api)
    ana, ben = api.user(9100, "Anabel", "es"), api.user(9101, "Benedikt", "en")
    post = await ask(bot, api, ana, "es")
    before = len(api.sent(MODS))
    assert await press(api, ben, post, t(bot, "circle-report")) == t(bot, "circle-report-thanks")
    (note,) = await api.replies(MODS, before)
    return post, note


async def test_a_report_reaches_the_moderators_with_the_post_and_its_code_and_nobody_named(
        bot: RunningBot, api: FakeBotAPI, reported: tuple[dict[str, Any], dict[str, Any]]) -> None:
    post, note = reported
    (row,) = await bot.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    assert note["text"].startswith(t(bot, "circle-mod-report", code=row["code"], reports=1))
    assert t(bot, "circle-mod-words", words=WORDS) in note["text"]
    labels = [b["text"] for r in note["reply_markup"]["inline_keyboard"] for b in r]
    assert labels == [t(bot, "circle-mod-remove"), t(bot, "circle-mod-block")]
    for who in ("Anabel", "9100", "Benedikt", "9101"):
        assert who not in str(note)
    # One report per member counts: Ben again is thanked, not counted; Cy's second report is.
    ben, cy = api.users[9101], api.user(9102, "Cyprian", "en")
    assert await press(api, ben, post, t(bot, "circle-report")) == t(bot, "circle-report-already")
    assert await press(api, cy, post, t(bot, "circle-report")) == t(bot, "circle-report-thanks")
    await api.wait(lambda: "2" in api.messages[(MODS, note["message_id"])]["text"])
    assert api.messages[(MODS, note["message_id"])]["text"].startswith(
        t(bot, "circle-mod-report", code=row["code"], reports=2))
    assert len(api.sent(MODS)) == 2  # the link confirmation and one note, edited


async def test_a_moderator_removes_the_post_and_the_asker_is_told_kindly_once(
        bot: RunningBot, api: FakeBotAPI, reported: tuple[dict[str, Any], dict[str, Any]]) -> None:
    post, note = reported
    (row,) = await bot.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    olwen = api.users[9001]
    before = len(api.sent(9100))
    answer = await press(api, olwen, note, t(bot, "circle-mod-remove"))
    assert answer == t(bot, "circle-mod-removed", code=row["code"])
    assert (GROUP, post["message_id"]) in api.deleted
    (told,) = await api.replies(9100, before)
    assert told["text"] == t(bot, "circle-removed-note", "es")
    assert await bot.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]
    # Nothing remains that says who reported it.
    reports = await bot.app.store.connection.execute_fetchall("SELECT count(*) FROM circle_reports")
    assert reports[0][0] == 0
    edited = api.messages[(MODS, note["message_id"])]
    assert t(bot, "circle-mod-done-removed") in edited["text"] and WORDS not in edited["text"]
    assert [b["text"] for r in edited["reply_markup"]["inline_keyboard"] for b in r] == [t(bot, "circle-mod-block")]
    # Remove pressed again (on a client that still shows it) changes nothing and tells the asker nothing more.
    again = await press(api, olwen, note, None, data=f"cm|r|{row['id']}")
    assert again == t(bot, "circle-mod-already-gone", code=row["code"])
    assert len(api.sent(9100)) == before + 1


async def test_block_by_code_stops_the_author_and_they_are_told_once_in_their_language(
        bot: RunningBot, api: FakeBotAPI, reported: tuple[dict[str, Any], dict[str, Any]],
        caplog: pytest.LogCaptureFixture) -> None:
    post, note = reported
    (row,) = await bot.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    before = len(api.sent(9100))
    with caplog.at_level(logging.DEBUG):
        answer = await press(api, api.users[9001], note, t(bot, "circle-mod-block"))
    assert answer == t(bot, "circle-mod-blocked", code=row["code"])
    assert (GROUP, post["message_id"]) in api.deleted
    (told,) = await api.replies(9100, before)
    assert told["text"] == t(bot, "circle-blocked-note", "es")
    asks = bot.app.circles.asks  # type: ignore[union-attr]
    assert await asks.is_blocked(KEY, "telegram:9100")
    assert not await asks.is_blocked(KEY, "telegram:9101")
    status, _ = await asks.post(KEY, Asker("telegram:9100", "9100", "es"), "Otra pregunta", bot.clock.now())
    assert status == "blocked"
    blocked = await bot.app.store.connection.execute_fetchall("SELECT told FROM circle_blocked")
    assert [r[0] for r in blocked] == [1]
    # Blocking again tells nobody anything new; the note has no buttons left.
    assert await press(api, api.users[9001], note, None, data=f"cm|b|{row['id']}") == \
        t(bot, "circle-mod-already-blocked", code=row["code"])
    assert len(api.sent(9100)) == before + 1
    assert "reply_markup" not in api.messages[(MODS, note["message_id"])]
    assert not any(WORDS in r.getMessage() or "9100" in r.getMessage() for r in caplog.records)


async def test_only_the_moderators_chat_admins_can_use_the_buttons(
        bot: RunningBot, api: FakeBotAPI, reported: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, note = reported
    answer = await press(api, api.users[9002], note, t(bot, "circle-mod-block"))
    assert answer == t(bot, "circle-mod-only")
    assert not api.deleted and await bot.app.circles.asks.store.ask_rows() != []  # type: ignore[union-attr]
    assert api.calls_to("getChatMember")[-1].params["chat_id"] in (str(MODS), MODS)


async def test_linking_the_moderators_chat_needs_an_admin_of_both_and_a_chat_the_bot_can_post_in(
        bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    olwen, ned = api.users[9001], api.users[9002]
    await ned.send("/circle moderators", chat=api.chats[GROUP])
    (refused,) = await api.replies(GROUP, 1)
    assert refused["text"] == t(bot, "circle-admins-only")
    await olwen.send("/circle moderators", chat=api.chats[GROUP])
    (link,) = await api.replies(GROUP, 2)
    code = re.search(r"/circle moderators (\w+)", link["text"])
    assert code is not None
    api.admins[MODS] = {9002}  # Ned runs the other chat, but is no admin of the circle's group
    await ned.send(f"/circle moderators {code[1]}", chat=api.chats[MODS])
    (not_admin,) = await api.replies(MODS, 0)
    assert not_admin["text"] == t(bot, "circle-mods-not-admin")
    await ned.send(f"/circle moderators {code[1]}", chat=api.chats[MODS])  # a code is spent once used
    (spent,) = await api.replies(MODS, 1)
    assert spent["text"] == t(bot, "circle-mods-bad-code")
    assert await bot.app.moderation.place(KEY) is None  # type: ignore[union-attr]


async def test_a_report_without_a_moderators_place_says_so_privately(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await ask(bot, api, api.user(9100, "Anabel", "es"), "es")
    answer = await press(api, api.user(9101, "Benedikt", "en"), post, t(bot, "circle-report"))
    assert answer == t(bot, "circle-report-unavailable")


async def test_a_group_that_becomes_a_supergroup_keeps_its_circle(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    await link_moderators(bot, api)
    new = -1001234567
    api.migrate(GROUP, new, api.users[9001])
    circles = bot.app.circles  # type: ignore[union-attr]
    await api.wait(lambda: not api._updates, within=15)  # both service messages fetched by long polling
    for _ in range(750):  # and handled (a loaded machine may take a while)
        if await circles.store.get(f"telegram:{new}") is not None:
            break
        await asyncio.sleep(0.02)
    moved = await circles.store.get(f"telegram:{new}")
    assert moved is not None and moved.chat_id == str(new) and moved.checkin_time == "20:00"
    assert await circles.store.get(KEY) is None
    assert await bot.app.moderation.place(f"telegram:{new}") == str(MODS)  # type: ignore[union-attr]
    await run_next_due(bot.app, bot.clock)
    (checkin,) = api.sent(new)
    assert checkin["text"].startswith(t(bot, "circle-post"))
