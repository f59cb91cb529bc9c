"""Updates the engine does not apply (room relays and buttons, helpers leaving, circle presses,
moderators' buttons), delivered again after a worker applied them and died before recording them
done: applied once (PostgreSQL, the real webhook adapter over the fake Bot API).

The dying worker is the running bot with ``finish_update`` switched off: every update it handles
stays "applied, not done", as after a kill between the send and that record. Its claim is then
made stale (the dead worker stopped renewing it) and Telegram posts the same update id again.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from storage import AlreadyApplied, once, open_store
from storage.rooms import RoomRow, RoomStore
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_forum import ForumBotAPI
from tests.fakes.telegram_harness import RunningBot, start_bot
from tests.rooms_telegram_fixtures import ANA, HAL, HELPERS, Scene, assert_nothing_leaves_the_room, forum_api
from tests.test_circles_moderation_telegram import MODS, ask, link_moderators, press, t
from tests.test_circles_telegram import BEFORE_DST, GROUP, circle_group, next_checkin, setup_circle

SECRET = "s3cret"


@pytest.fixture
def db_path(postgres_url: str) -> Iterator[str]:
    """Several workers means PostgreSQL: only there are updates recorded by id."""
    yield postgres_url


def dying(bot: RunningBot) -> None:
    """From now on the bot never records an update done, as if killed right after handling it."""

    async def killed_first(key: str) -> None:
        return None

    bot.app.store.finish_update = killed_first  # type: ignore[method-assign]


async def fetched_again(bot: RunningBot, update: dict[str, Any]) -> None:
    """The dead worker's claim goes stale and Telegram posts the same update again: it is handled (200)."""
    await bot.app.store.write_returning("UPDATE seen_updates SET claimed_at = 0 WHERE key = ?",
                                        (f"telegram:{update['update_id']}",))
    assert await bot.api.post_to_webhook(update, SECRET) == 200
    await bot.api.wait(lambda: True, within=1, settle=0.3)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def webhook_bot(api: FakeBotAPI, db_path: str, **kwargs: Any) -> RunningBot:
    port = _port()
    return await start_bot(api, db_path, webhook_url=f"http://127.0.0.1:{port}/hook", webhook_secret=SECRET,
                           port=port, **kwargs)


@pytest.fixture
async def scene(forum_api: ForumBotAPI, db_path: str) -> AsyncIterator[Scene]:
    current = Scene(await webhook_bot(forum_api, db_path), forum_api)
    yield current
    await current.bot.stop()
    assert_nothing_leaves_the_room(forum_api)


async def applied(bot: RunningBot, update: dict[str, Any]) -> bool:
    state = await bot.app.store.update_state(f"telegram:{update['update_id']}")
    return state is not None and not state.done and state.replies is not None


# ---- help rooms --------------------------------------------------------------------------------

async def test_a_helpers_words_fetched_again_reach_the_person_once(scene: Scene) -> None:
    await scene.set_up()
    _, thread = await scene.open_room()
    await scene.press_card(HAL, thread, scene.t("room-claim"))
    dying(scene.bot)
    api = scene.api
    before = len(api.sent(ANA))
    update = await api.write_in_topic(api.users[HAL], HELPERS, thread, "I'm here with you")
    (relayed,) = await api.replies(ANA, before)
    assert "I'm here with you" in relayed["text"]
    assert await applied(scene.bot, update)
    await fetched_again(scene.bot, update)
    assert len(api.sent(ANA)) == before + 1
    assert sum("I'm here with you" in m["text"] for m in api.sent(ANA)) == 1


async def test_the_persons_words_fetched_again_reach_the_room_once(scene: Scene) -> None:
    await scene.set_up()
    _, thread = await scene.open_room()
    dying(scene.bot)
    api = scene.api
    before = len(api.in_topic(HELPERS, thread))
    update = await api.users[ANA].send("It started after dinner")
    await api.wait(lambda: len(api.in_topic(HELPERS, thread)) > before)
    assert await applied(scene.bot, update)
    await fetched_again(scene.bot, update)
    room_words = [m for m in api.in_topic(HELPERS, thread)[before:] if "It started after dinner" in m["text"]]
    assert len(room_words) == 1


async def test_a_backup_press_fetched_again_pings_the_helpers_once(scene: Scene) -> None:
    await scene.set_up()
    code, thread = await scene.open_room()
    dying(scene.bot)
    api = scene.api
    update = await api.users[HAL].press(scene.card(thread), scene.t("room-backup"))
    await api.wait(lambda: api.queries.get(update["callback_query"]["id"]) is True)
    assert await applied(scene.bot, update)
    await fetched_again(scene.bot, update)
    pings = [m for m in api.sent(HELPERS) if m["text"] == scene.t("room-ping-backup", code=code)]
    assert len(pings) == 1


async def test_a_helper_leaving_fetched_again_leaves_the_room_once(scene: Scene) -> None:
    await scene.set_up()
    _, thread = await scene.open_room()
    api = scene.api
    await scene.press_card(HAL, thread, scene.t("room-claim"))
    dying(scene.bot)
    before = len(api.sent(ANA))
    update = await api.leave(HELPERS, api.users[HAL])
    assert update is not None
    (told,) = await api.replies(ANA, before)
    assert told["text"] == scene.t("room-helper-left", number=1)
    assert await applied(scene.bot, update)
    await fetched_again(scene.bot, update)
    assert len(api.sent(ANA)) == before + 1
    left = [m for m in api.in_topic(HELPERS, thread) if m["text"] == scene.t("room-helper-left-room", number=1)]
    assert len(left) == 1


# ---- circles -----------------------------------------------------------------------------------

@pytest.fixture
async def circle_bot(api: FakeBotAPI, db_path: str) -> AsyncIterator[RunningBot]:
    circle_group(api, "Support")
    api.group(MODS, "Support mods")
    api.admins[MODS] = {9001}
    running = await webhook_bot(api, db_path, clock=FakeClock(BEFORE_DST))
    yield running
    await running.stop()


async def test_a_checkin_press_fetched_again_after_a_change_does_not_undo_it(
        circle_bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(circle_bot, api)
    post = await next_checkin(circle_bot, api)
    dying(circle_bot)
    member = api.user(9100, "Membera", "en")
    first = await member.press(post, index=1)  # "2"
    await api.wait(lambda: api.queries.get(first["callback_query"]["id"]) is True)
    second = await member.press(post, index=3)  # then "4"
    await api.wait(lambda: api.queries.get(second["callback_query"]["id"]) is True)
    assert await applied(circle_bot, first)
    await fetched_again(circle_bot, first)
    answers = await circle_bot.app.store.fetch_all("SELECT answer FROM circle_presses")
    assert answers == [(4,)]
    first_answers = [c for c in api.calls_to("answerCallbackQuery")
                     if c.params["callback_query_id"] == first["callback_query"]["id"]]
    assert len(first_answers) == 1


async def test_a_moderators_remove_fetched_again_is_applied_once(circle_bot: RunningBot, api: FakeBotAPI) -> None:
    await setup_circle(circle_bot, api)
    await link_moderators(circle_bot, api)
    ana, ben = api.user(9100, "Anabel", "es"), api.user(9101, "Benedikt", "en")
    post = await ask(circle_bot, api, ana, "es")
    before = len(api.sent(MODS))
    assert await press(api, ben, post, t(circle_bot, "circle-report")) == t(circle_bot, "circle-report-thanks")
    (note,) = await api.replies(MODS, before)
    (row,) = await circle_bot.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    dying(circle_bot)
    told_before = len(api.sent(9100))
    update = await api.users[9001].press(note, t(circle_bot, "circle-mod-remove"))
    query_id = update["callback_query"]["id"]
    await api.wait(lambda: api.queries.get(query_id) is True)
    assert await applied(circle_bot, update)
    await fetched_again(circle_bot, update)
    answers = [c for c in api.calls_to("answerCallbackQuery") if c.params["callback_query_id"] == query_id]
    assert [a.params.get("text") for a in answers] == [t(circle_bot, "circle-mod-removed", code=row["code"])]
    assert len(api.sent(9100)) == told_before + 1  # the asker told once
    assert (GROUP, post["message_id"]) in api.deleted


# ---- the record itself, both backends ----------------------------------------------------------

@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
async def test_the_first_write_records_the_update_and_a_second_application_changes_nothing(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    target = request.getfixturevalue("postgres_url") if backend == "postgres" else str(tmp_path / "g.sqlite3")
    store = await open_store(target)
    try:
        rooms = RoomStore(store)
        now = datetime(2026, 1, 5, 12, tzinfo=UTC)
        room = RoomRow("R7QK", "telegram:-1", "telegram", "-2", None, None, "open", None, "", None, 0, 0,
                       "en", 3, now, now, None, None)
        await rooms.create(room, "telegram:1", "1")
        with once.applying("telegram:77"):
            await rooms.update("R7QK", state="claimed")
            await rooms.update("R7QK", flagged=1)  # later writes of the same update just write
        state = await store.update_state("telegram:77")
        assert state is not None and not state.done and state.replies == once.NOTHING_TO_SEND
        with once.applying("telegram:77"), pytest.raises(AlreadyApplied):
            await rooms.update("R7QK", state="open")
        fresh = await rooms.get("R7QK")
        assert fresh is not None and (fresh.state, fresh.flagged) == ("claimed", 1)
        await rooms.update("R7QK", pinged=1)  # outside any update: nothing recorded, nothing refused
    finally:
        await store.close()


__all__ = ["forum_api"]  # fixtures used by name
