"""An update python-telegram-bot cannot parse is skipped alone: the others are answered and polling moves on."""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.telegram.poison import screen_updates
from bot.logsafe import LibraryRedactor
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, start_bot

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


async def test_a_poison_webhook_body_is_acknowledged_and_the_next_update_answered(
    api: FakeBotAPI, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/telegram-hook"
    bot = await start_bot(api, db_path, webhook_url=url, webhook_secret="s3cret", port=port)
    try:
        poison = _message(api, 4011, "Dee", SECRET_WORDS)
        del poison["message"]["date"]
        poison["update_id"] = api.next_id()
        assert await api.post_to_webhook(poison, "s3cret") == 200  # acknowledged: Telegram will not resend it
        replies = await bot.say(api.user(4012, "Eli"), "/help")
        assert replies[-1]["text"] == bot.app.engine.i18n.text("en", "help-commands")
        assert f"update_id={poison['update_id']}, type=message" in caplog.text
        assert SECRET_WORDS not in caplog.text
    finally:
        await bot.stop()


def test_library_log_lines_keep_numbers_and_types_but_not_words() -> None:
    record = logging.LogRecord("telegram.ext.ExtBot", logging.CRITICAL, __file__, 1,
                               "Error while parsing updates! Received data was %r (%d updates)",
                               ([{"text": SECRET_WORDS}], 3), None)
    try:
        raise ValueError(SECRET_WORDS)
    except ValueError:
        import sys
        record.exc_info = sys.exc_info()
    LibraryRedactor().filter(record)
    text = logging.Formatter().format(record)
    assert SECRET_WORDS not in text
    assert "(3 updates)" in text and "ValueError" in text
