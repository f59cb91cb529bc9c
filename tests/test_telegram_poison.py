"""An update python-telegram-bot cannot parse is skipped alone: the others are answered and polling moves on."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from bot.adapters.telegram.poison import screen_updates
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot

SECRET_WORDS = "my partner read my diary"


def _message(api: FakeBotAPI, user_id: int, name: str, text: str) -> dict[str, Any]:
    user = api.user(user_id, name)
    return {"message": api.new_message(api.open_private(user), user.obj, text=text)}


async def test_a_poison_update_among_good_ones_is_skipped_and_the_rest_answered(
    bot: RunningBot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    no_date = _message(api, 4002, "Bob", SECRET_WORDS)
    del no_date["message"]["date"]
    no_id = {"callback_query": {"from": api.users[4002].obj, "chat_instance": "x", "data": SECRET_WORDS}}
    updates = api.enqueue_batch([
        _message(api, 4001, "Ana", "/help"), no_date, no_id, _message(api, 4003, "Cam", "/help")])
    await api.wait(lambda: len(api.sent(4001)) >= 1 and len(api.sent(4003)) >= 1)
    polls = len(api.calls_to("getUpdates"))
    await asyncio.sleep(0.5)
    assert len(api.calls_to("getUpdates")) - polls <= 3, "polling must not spin on the bad update"
    assert api.sent(4002) == []
    last = api.calls_to("getUpdates")[-1]
    assert int(last.params["offset"]) > updates[-1]["update_id"]  # the offset moved past the whole batch
    assert f"update_id={updates[1]['update_id']}, type=message" in caplog.text
    assert f"update_id={updates[2]['update_id']}, type=callback_query" in caplog.text
    assert SECRET_WORDS not in caplog.text


def test_a_batch_without_poison_is_passed_through_untouched() -> None:
    payload = b'{"ok":true,"result":[{"update_id":5}]}'
    assert screen_updates(payload) is payload


def test_an_unreadable_update_without_an_id_is_left_out() -> None:
    assert screen_updates(b'{"ok":true,"result":[{"message":{}},{"update_id":6}]}') == \
        b'{"ok": true, "result": [{"update_id": 6}]}'
