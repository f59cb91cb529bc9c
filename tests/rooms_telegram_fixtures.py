"""The scene for help-room tests on Telegram: a circle group, its helpers' forum, a member, helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.rooms import RoomPump
from tests.fakes.telegram_forum import ForumBotAPI
from tests.fakes.telegram_harness import RunningBot, buttons, start_bot

CIRCLE = -100777
HELPERS = -100888
ADMIN, ANA, HAL, IVY = 9001, 9100, 9300, 9301


@pytest.fixture
async def forum_api() -> AsyncIterator[ForumBotAPI]:
    server = ForumBotAPI()
    await server.start()
    server.group(CIRCLE, "Circle")
    server.forum(HELPERS, "Circle helpers")
    admin = server.user(ADMIN, "Olwen", "en")
    ana, hal, ivy = server.user(ANA, "Anastasia", "en"), server.user(HAL, "Hal", "en"), server.user(IVY, "Ivy", "en")
    server.admins[CIRCLE] = {ADMIN}
    server.admins[HELPERS] = {ADMIN}
    server.join(CIRCLE, admin, ana)
    server.join(HELPERS, admin, hal, ivy)
    yield server
    await server.close()


@dataclass
class Scene:
    """The running bot and the fake server, with the steps every room test takes."""

    bot: RunningBot
    api: ForumBotAPI

    def t(self, key: str, locale: str = "en", **args: Any) -> str:
        return self.bot.app.engine.i18n.text(locale, key, **args)

    async def set_up(self) -> None:
        """The admin makes a circle and links the helpers' forum to it."""
        admin = self.api.users[ADMIN]
        before = len(self.api.sent(CIRCLE))
        await admin.send("/circle 20:00 UTC en", chat=self.api.chats[CIRCLE])
        await self.api.replies(CIRCLE, before)
        before = len(self.api.sent(HELPERS))
        await admin.send(f"/helpers {CIRCLE}", chat=self.api.chats[HELPERS])
        (done,) = await self.api.replies(HELPERS, before)
        assert done["text"] == self.t("helpers-done", days=3)

    async def ask(self, said: str = "We had a fight and I can't stop spiralling") -> list[dict[str, Any]]:
        """Ana asks for a room and answers the form up to the confirmation; returns what she saw."""
        ana = self.api.users[ANA]
        (what,) = await self.bot.say(ana, "/talk")
        assert what["text"] == self.t("talk-ask-what")
        seen = await self.bot.say(ana, said)
        question = seen[-1]
        assert question["text"] == self.t("talk-ask-help")
        who, confirm = await self.bot.tap(ana, question, self.t("talk-help-listen"), count=2)
        return [*seen, who, confirm]

    async def open_room(self, said: str = "We had a fight and I can't stop spiralling") -> tuple[str, int]:
        """Ask, confirm, and return the room's code and topic id."""
        seen = await self.ask(said)
        (opened,) = await self.bot.tap(self.api.users[ANA], seen[-1], self.t("talk-open"))
        assert buttons(opened) == [self.t("room-okay"), self.t("room-line")]
        ((chat, thread), topic) = next(iter(self.api.topics.items()))
        assert chat == HELPERS
        code = topic["name"]
        assert opened["text"] == self.t("talk-opened", code=code)
        return code, thread

    def card(self, thread: int) -> dict[str, Any]:
        return self.api.in_topic(HELPERS, thread)[0]

    async def press_card(self, user_id: int, thread: int, label: str) -> str:
        """A helper presses a button of the room's card; returns the alert they saw."""
        update = await self.api.users[user_id].press(self.card(thread), label)
        query_id = update["callback_query"]["id"]
        await self.api.wait(lambda: self.api.queries.get(query_id) is True)
        call = next(c for c in self.api.calls_to("answerCallbackQuery") if c.params["callback_query_id"] == query_id)
        return str(call.params.get("text"))

    async def helper_says(self, user_id: int, thread: int, text: str) -> dict[str, Any]:
        before = len(self.api.sent(ANA))
        await self.api.write_in_topic(self.api.users[user_id], HELPERS, thread, text)
        (relayed,) = await self.api.replies(ANA, before)
        return relayed

    async def ana_says(self, thread: int, text: str) -> dict[str, Any]:
        before = len(self.api.in_topic(HELPERS, thread))
        await self.api.users[ANA].send(text)
        await self.api.wait(lambda: len(self.api.in_topic(HELPERS, thread)) > before)
        return self.api.in_topic(HELPERS, thread)[-1]

    async def advance(self, delta: timedelta) -> None:
        """Move the clock and run the room timers as the pump would."""
        self.bot.clock.set(self.bot.clock.now() + delta)
        rooms = self.bot.app.rooms
        assert rooms is not None
        await RoomPump(rooms).run_due(self.bot.clock.now())
        await self.api.wait(lambda: True)


def assert_nothing_leaves_the_room(api: ForumBotAPI) -> None:
    """DESIGN.md §9: the person's words and identity reach only their own chat and the helpers' place.

    Outside both, nothing names them or repeats their words; inside the helpers' place, their
    name and id never appear (helpers know them only as the room's code).
    """
    ana = api.users[ANA]
    words = [m["text"] for m in api.messages.values() if m["from"]["id"] == ANA and m["chat"]["id"] == ANA]
    words = [w for w in words if not w.startswith("/")]
    for call in api.calls:
        if call.method not in {"sendMessage", "editMessageText", "createForumTopic"}:
            continue
        chat = int(call.params.get("chat_id", 0))
        shown = f"{call.params.get('text', '')} {call.params.get('name', '')} {call.params.get('reply_markup', '')}"
        if chat == ANA:
            continue
        assert str(ANA) not in shown and ana.first_name not in shown, "the person was named outside their chat"
        in_room = isinstance(call.result, dict) and call.result.get("message_thread_id") is not None
        if chat != HELPERS or not in_room:  # the helpers' General topic included
            assert not any(w in shown for w in words), f"the person's words left the room: {call.method} {chat}"


@pytest.fixture
async def scene(forum_api: ForumBotAPI, db_path: Path) -> AsyncIterator[Scene]:
    running = await start_bot(forum_api, db_path)
    current = Scene(running, forum_api)
    yield current
    await current.bot.stop()
    assert_nothing_leaves_the_room(forum_api)
