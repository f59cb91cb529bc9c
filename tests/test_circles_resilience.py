"""Circle check-ins that hit trouble: a refused post is tried again, and processes share the edit pace."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot.circles.editor import EditCoalescer
from storage import open_store
from storage.circle_pacing import EditMarks
from storage.circles import CircleStore
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot
from tests.test_circles_never import bot  # the same one-admin group, shared
from tests.test_circles_telegram import GROUP, KEY, members, next_checkin, setup_circle, t

__all__ = ["bot"]


async def test_a_refused_checkin_is_tried_again_with_backoff_and_the_log_says_so_without_content(
        bot: RunningBot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    await setup_circle(bot, api)
    pump = bot.app.due_pump()
    assert pump is not None
    due = await pump.next_due_at()
    assert due is not None
    api.fail_next("sendMessage", 400, "Bad Request: not enough rights to send text messages to the chat")
    api.fail_next("sendMessage", 400, "Bad Request: not enough rights to send text messages to the chat")
    before = len(api.sent(GROUP))
    with caplog.at_level(logging.INFO):
        for after in (0, 30, 90):  # the first try, a retry 30 s later, another 60 s after that
            bot.clock.set(due + timedelta(seconds=after))
            assert await pump.next_due_at() == bot.clock.now()
            await pump.run_due(bot.clock.now())
    (post,) = api.sent(GROUP)[before:]
    assert post["text"].startswith(t(bot, "circle-post"))
    logged = [r.getMessage() for r in caplog.records if "check-in not posted" in r.getMessage()]
    assert [line.split(")")[0] for line in logged] == ["circle check-in not posted (try 1 of 6",
                                                      "circle check-in not posted (try 2 of 6"]
    assert "trying again in 30s" in logged[0] and "trying again in 60s" in logged[1]
    assert not any(t(bot, "circle-post") in r.getMessage() for r in caplog.records)
    # Posted once: no retry is left waiting, and the next due time is tomorrow's check-in.
    (row,) = await bot.app.circles.store.checkin_rows(KEY)  # type: ignore[union-attr]
    assert row["post_ref"] == str(post["message_id"])
    assert await pump.next_due_at() == due + timedelta(days=1)


async def test_a_checkin_that_keeps_failing_is_given_up_and_never_posted_twice(
        bot: RunningBot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    await setup_circle(bot, api)
    pump = bot.app.due_pump()
    assert pump is not None
    first = await pump.next_due_at()
    assert first is not None
    for _ in range(6):
        api.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the group chat")
    with caplog.at_level(logging.WARNING):
        for _ in range(6):
            due = await pump.next_due_at()
            assert due is not None and due < first + timedelta(hours=1)
            bot.clock.set(due)
            await pump.run_due(due)
    assert "given up" in caplog.records[-1].getMessage()
    assert await pump.next_due_at() == first + timedelta(days=1)
    assert len(api.calls_to("sendMessage")) == 1 + 6  # the setup reply, then six tries of one post


@pytest.mark.both_backends
async def test_two_processes_editing_one_post_keep_the_interval_between_them(db_path: Path | str) -> None:
    # Two processes in miniature: two stores on one database, each with its own paced editor.
    stores = [await open_store(str(db_path)) for _ in range(2)]
    interval = 0.4
    editors = [EditCoalescer(interval, marks=EditMarks(CircleStore(s))) for s in stores]
    edits: list[float] = []

    async def render() -> None:
        edits.append(time.time())

    try:
        for _ in range(4):  # both see presses at once, again and again
            for editor in editors:
                editor.request(7, render)
            await asyncio.sleep(interval / 4)
        await asyncio.gather(*(e.drain() for e in editors))
    finally:
        for store in stores:
            await store.close()
    assert len(edits) >= 2
    gaps = [b - a for a, b in itertools.pairwise(sorted(edits))]
    assert min(gaps) >= interval * 0.95, gaps


async def test_the_spanish_command_name_sets_up_a_circle_too(bot: RunningBot, api: FakeBotAPI) -> None:
    await api.users[9001].send("/circulo 20:00 Europe/Madrid es", chat=api.chats[GROUP])
    (reply,) = await api.replies(GROUP, 0)
    assert reply["text"].startswith(t(bot, "circle-setup-done", "es", time="20:00", zone="Europe/Madrid",
                                      language=t(bot, "circle-language-es", "es")))


async def test_a_burst_of_200_presses_at_the_production_pace_stays_within_telegrams_group_limit(
        bot: RunningBot, api: FakeBotAPI) -> None:
    assert bot.app.circles is not None and bot.app.circles.editor.interval_s == 10.0  # as shipped
    await setup_circle(bot, api)
    post = await next_checkin(bot, api)
    crowd = members(api, 200)
    started = time.perf_counter()
    updates = await asyncio.gather(*(m.press(post, index=i % 5) for i, m in enumerate(crowd)))
    ids = [u["callback_query"]["id"] for u in updates]
    await api.wait(lambda: all(api.queries.get(i) for i in ids), within=60)  # every press answered privately
    await bot.app.circles.editor.drain()
    elapsed = time.perf_counter() - started
    shown = [c.at for c in api.calls if c.method in {"sendMessage", "editMessageText"}
             and int(c.params.get("chat_id", 0)) == GROUP]
    busiest = max(sum(1 for t in shown if start <= t < start + 60) for start in shown)
    assert busiest <= 20  # Telegram's ~20 messages a minute in one group
    edits = [c.at for c in api.calls_to("editMessageText")]
    assert 1 <= len(edits) <= elapsed / 10 + 1
    assert all(b - a >= 9.5 for a, b in itertools.pairwise(edits))
    assert t(bot, "circle-totals", answers=200, a1=40, a2=40, a3=40, a4=40, a5=40) in \
        api.messages[(GROUP, post["message_id"])]["text"]
