"""Support circles in a Telegram group (fake Bot API): setup by admins, the daily post, anonymous presses."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from tests.fakes.due import run_next_due
from tests.fakes.telegram_api import FakeBotAPI, FakeUser
from tests.fakes.telegram_harness import RunningBot, start_bot

GROUP = -100777
KEY = f"telegram:{GROUP}"
# Friday 27 March 2026; Madrid moves to summer time in the night of Sunday the 29th.
BEFORE_DST = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
EDIT_INTERVAL = 0.3


def circle_group(api: FakeBotAPI, title: str = "Friends") -> None:
    """``GROUP`` (named ``title``) with Olwen, 9001, as its admin: where every circle test starts."""
    api.group(GROUP, title)
    api.user(9001, "Olwen", "en")
    api.admins[GROUP] = {9001}


@pytest.fixture
async def bot(api: FakeBotAPI, db_path: Path) -> AsyncIterator[RunningBot]:
    circle_group(api)
    running = await start_bot(api, db_path, clock=FakeClock(BEFORE_DST))
    assert running.app.circles is not None
    running.app.circles.editor.interval_s = EDIT_INTERVAL
    yield running
    assert_nothing_identifies_anyone(api)
    await running.stop()


def t(bot: RunningBot, key: str, locale: str = "en", **args: Any) -> str:
    return bot.app.engine.i18n.text(locale, key, **args)


def group_texts(api: FakeBotAPI) -> list[str]:
    """Every text the bot sent or edited into any group, button labels and links included."""
    out = []
    for call in api.calls:
        if call.method in {"sendMessage", "editMessageText"} and int(call.params.get("chat_id", 0)) < 0:
            out.append(str(call.params.get("text")))
            out.append(str(call.params.get("reply_markup")))
    return out


def assert_nothing_identifies_anyone(api: FakeBotAPI) -> None:
    """DESIGN.md §9: no user id, username or display name in anything posted to a group."""
    texts = group_texts(api)
    for user in api.users.values():
        for mark in (str(user.id), user.first_name):
            assert not any(mark in text for text in texts), f"{mark!r} appeared in a group message"


async def setup_circle(bot: RunningBot, api: FakeBotAPI, args: str = "20:00 Europe/Madrid en") -> None:
    before = len(api.sent(GROUP))
    await api.users[9001].send(f"/circle {args}", chat=api.chats[GROUP])
    await api.replies(GROUP, before)


async def next_checkin(bot: RunningBot, api: FakeBotAPI) -> dict[str, Any]:
    """Run the pump at the next due time; returns the check-in post it made."""
    before = len(api.sent(GROUP))
    await run_next_due(bot.app, bot.clock)
    (post,) = api.sent(GROUP)[before:]
    return post


async def press(api: FakeBotAPI, user: FakeUser, post: dict[str, Any], answer: int) -> dict[str, Any]:
    """``user`` taps an answer; returns the parameters of the bot's answerCallbackQuery."""
    update = await user.press(post, index=answer - 1)
    query_id = update["callback_query"]["id"]
    await api.wait(lambda: api.queries.get(query_id) is True)
    return next(c.params for c in api.calls_to("answerCallbackQuery") if c.params["callback_query_id"] == query_id)


def members(api: FakeBotAPI, count: int, lang: str = "en") -> list[FakeUser]:
    return [api.user(9100 + i, f"Member{i}x", lang) for i in range(count)]


async def test_an_admin_sets_up_a_circle_in_the_circles_language(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api, "21:30 Europe/Madrid es")
    (reply,) = api.sent(GROUP)
    assert reply["text"].startswith(t(bot, "circle-setup-done", "es", time="21:30", zone="Europe/Madrid",
                                      language=t(bot, "circle-language-es", "es")))
    assert api.calls_to("getChatMember")[-1].params["user_id"] in ("9001", 9001)


async def test_a_member_who_is_not_an_admin_is_refused(bot: RunningBot, api: FakeBotAPI) -> None:
    ned = api.user(9002, "Ned", "en")
    await ned.send("/circle 20:00 UTC en", chat=api.chats[GROUP])
    (reply,) = await api.replies(GROUP, 0)
    assert reply["text"] == t(bot, "circle-admins-only")
    assert await bot.app.circles.store.get(KEY) is None  # type: ignore[union-attr]


async def test_the_checkin_comes_at_local_time_across_a_dst_change(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    times = []
    for _ in range(3):
        post = await next_checkin(bot, api)
        assert post["text"].startswith(t(bot, "circle-post"))
        times.append(bot.clock.now().isoformat())
    # 20:00 in Madrid is 19:00 UTC in winter and 18:00 UTC from Sunday 29 March.
    assert times == ["2026-03-27T19:00:00+00:00", "2026-03-28T19:00:00+00:00", "2026-03-29T18:00:00+00:00"]


async def test_totals_show_only_from_three_answers(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    ana, ben, cy = members(api, 3)
    await press(api, ana, post, 4)
    await press(api, ben, post, 2)
    await bot.app.circles.editor.drain()  # type: ignore[union-attr]
    assert api.calls_to("editMessageText") == []
    assert t(bot, "circle-totals-waiting", needed=3) in api.messages[(GROUP, post["message_id"])]["text"]
    await press(api, cy, post, 5)
    await bot.app.circles.editor.drain()  # type: ignore[union-attr]
    shown = api.messages[(GROUP, post["message_id"])]["text"]
    assert t(bot, "circle-totals", answers=3, a1=0, a2=1, a3=0, a4=1, a5=1) in shown


async def test_each_member_counts_once_a_day_and_a_later_press_changes_the_answer(
        bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    ana, ben, cy = members(api, 3)
    await press(api, ana, post, 1)
    again = await press(api, ana, post, 5)
    assert again["text"].startswith(t(bot, "circle-press-changed"))
    await press(api, ben, post, 5)
    await press(api, cy, post, 5)
    await bot.app.circles.editor.drain()  # type: ignore[union-attr]
    shown = api.messages[(GROUP, post["message_id"])]["text"]
    assert t(bot, "circle-totals", answers=3, a1=0, a2=0, a3=0, a4=0, a5=3) in shown


async def test_every_press_gets_a_private_answer_in_the_members_language_with_an_offer(
        bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    (ana,), (beto,) = members(api, 1), [api.user(9200, "Beto", "es")]
    loud = await press(api, ana, post, 5)
    assert loud["text"] == f"{t(bot, 'circle-press-counted')} {t(bot, 'circle-offer-ground')}"
    assert loud["show_alert"] in (True, "true")
    middle = await press(api, beto, post, 3)
    assert middle["text"] == f"{t(bot, 'circle-press-counted', 'es')} {t(bot, 'circle-offer-talk', 'es')}"
    # The post itself offers the way into the private chat.
    link = post["reply_markup"]["inline_keyboard"][-1][0]
    assert link == {"text": t(bot, "circle-open-private"), "url": f"https://t.me/{api.username}?start=trigger"}


async def test_a_burst_of_200_presses_is_answered_and_edits_keep_their_pace(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    crowd = members(api, 200)
    updates = await asyncio.gather(*(m.press(post, index=i % 5) for i, m in enumerate(crowd)))
    ids = [u["callback_query"]["id"] for u in updates]
    await api.wait(lambda: all(api.queries.get(i) for i in ids), within=30)
    await bot.app.circles.editor.drain()  # type: ignore[union-attr]
    edits = [c.at for c in api.calls_to("editMessageText")]
    assert edits, "the totals were shown"
    assert all(b - a >= EDIT_INTERVAL * 0.95 for a, b in itertools.pairwise(edits))
    shown = api.messages[(GROUP, post["message_id"])]["text"]
    assert t(bot, "circle-totals", answers=200, a1=40, a2=40, a3=40, a4=40, a5=40) in shown


async def test_after_the_day_nothing_stored_can_be_joined_to_a_member(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    for i, member in enumerate(members(api, 3)):
        await press(api, member, post, i + 1)
    await next_checkin(bot, api)  # the next day's post closes the first day
    await bot.app.circles.editor.drain()  # type: ignore[union-attr]
    first = (await bot.app.circles.store.checkin_rows(KEY))[0]  # type: ignore[union-attr]
    assert first["secret"] is None and first["closed"] == 1 and first["totals"] == '{"1":1,"2":1,"3":1}'
    presses = await bot.app.store.connection.execute_fetchall("SELECT count(*) FROM circle_presses")
    assert presses[0][0] == 0
    closed = api.messages[(GROUP, post["message_id"])]
    assert t(bot, "circle-post-closed") in closed["text"] and len(closed["reply_markup"]["inline_keyboard"]) == 1


async def test_circle_off_deletes_the_circles_data(bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    await press(api, members(api, 1)[0], post, 2)
    await setup_circle(bot, api, "off")
    assert api.sent(GROUP)[-1]["text"] == t(bot, "circle-off-done")
    for table in ("circles", "circle_checkins", "circle_presses"):
        rows = await bot.app.store.connection.execute_fetchall(f"SELECT count(*) FROM {table}")
        assert rows[0][0] == 0, table
    late = await press(api, members(api, 2)[1], post, 3)
    assert late["text"] == t(bot, "circle-press-unknown")


async def test_circle_posts_and_members_stay_out_of_the_logs(bot: RunningBot, api: FakeBotAPI,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        await setup_circle(bot, api)
        post = await next_checkin(bot, api)
        crowd = members(api, 3)
        for member in crowd:
            await press(api, member, post, 5)
        await bot.app.circles.editor.drain()  # type: ignore[union-attr]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (t(bot, "circle-post"), t(bot, "circle-press-counted"), *(m.first_name for m in crowd),
                   *(str(m.id) for m in crowd)):
        assert secret not in logged


async def test_circle_alone_explains_what_to_type_and_in_a_private_chat_points_to_groups(
        bot: RunningBot, api: FakeBotAPI) -> None:
    olwen = api.users[9001]
    await olwen.send("/circle", chat=api.chats[GROUP])
    (ask,) = await api.replies(GROUP, 0)
    assert ask["text"] == t(bot, "circle-setup-ask")
    private = await bot.say(olwen, "/circle")
    assert private[-1]["text"] == t(bot, "circle-groups-only")
    await olwen.send("/circle 20:00 Mars/Olympus en", chat=api.chats[GROUP])
    (unreadable,) = await api.replies(GROUP, 1)
    assert unreadable["text"] == t(bot, "circle-setup-unreadable", value="Mars/Olympus")
