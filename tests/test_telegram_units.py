"""The adapter's small pure parts, and the fake Bot API's strictness (it must reject what Telegram rejects)."""

from __future__ import annotations

import json
import time
from typing import Any

import aiohttp
import pytest

from bot.adapters.telegram.config import TelegramConfig
from bot.adapters.telegram.keyboards import MAX_CALLBACK_BYTES, Press, choice_keyboard, decode, deep_link, encode
from bot.adapters.telegram.text import escape, split_plain
from bot.replies import Choice
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_wire import parse_html


def test_callback_data_round_trips_and_fits_in_64_bytes() -> None:
    data = encode("others_too", 2_147_483_647, "9999999999999")
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert decode(data) == Press(2_147_483_647, "9999999999999", "others_too")
    handed_over = encode("better", 12, "42", origin=-1001234567890)
    assert decode(handed_over) == Press(12, "42", "better", -1001234567890)


def test_callback_data_that_would_not_fit_is_refused_before_sending() -> None:
    with pytest.raises(ValueError):
        encode("x" * 60, 1, "123")


@pytest.mark.parametrize("data", ["", "hello", "v2|1|42|done", "v1|x|42|done", "v1|1|abc|done", "v1|1|42|",
                                  "v1|1|42|done|123", "v1|1|42|done|-12x", "v1|1|42|a|b|c"])
def test_data_we_did_not_make_does_not_decode(data: str) -> None:
    assert decode(data) is None


def test_keyboards_put_short_labels_side_by_side() -> None:
    markup = choice_keyboard([Choice(str(i), str(i)) for i in range(1, 6)], 3, "42")
    assert [len(row) for row in markup.inline_keyboard] == [4, 1]
    long = choice_keyboard([Choice("a", "Probably my history talking"), Choice("b", "I'm not sure")], 3, "42")
    assert [len(row) for row in long.inline_keyboard] == [1, 1]


def test_deep_links_keep_only_allowed_payload_characters() -> None:
    assert deep_link("gw_bot", "trigger") == "https://t.me/gw_bot?start=trigger"
    assert deep_link("gw_bot", "a b/c?") == "https://t.me/gw_bot?start=abc"


def test_text_is_split_at_paragraphs_then_lines_then_words() -> None:
    paragraphs = ["a" * 3000, "b" * 3000, "c" * 10]
    assert split_plain("\n\n".join(paragraphs)) == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 10]
    lines = "\n".join(["line " * 100] * 20)
    assert all(len(p) <= 4096 for p in split_plain(lines))
    assert split_plain("x" * 9000) == ["x" * 4096, "x" * 4096, "x" * 808]
    assert split_plain("   ") == []


def test_escaping_survives_telegrams_html_parser() -> None:
    text = "<b>not bold</b> & <3 > 2 &amp;"
    assert parse_html(escape(text)) == text


def test_webhook_needs_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:abc")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ValueError):
        TelegramConfig.from_env(dotenv=False)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "not allowed!")
    with pytest.raises(ValueError):
        TelegramConfig.from_env(dotenv=False)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/")
    config = TelegramConfig.from_env(dotenv=False)
    assert config is not None and config.webhook and config.webhook_path == "telegram"
    assert (config.base_url, config.base_file_url) == ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot")


def test_no_token_means_no_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert TelegramConfig.from_env(dotenv=False) is None


# ---- the fake is as strict as Telegram ---------------------------------------------------------

@pytest.fixture
def api(api: FakeBotAPI) -> FakeBotAPI:
    """The shared fake server, with one user who opened a private chat."""
    api.user(7, "Ana")
    api.open_private(api.users[7])
    return api


async def _call(api: FakeBotAPI, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    async with aiohttp.ClientSession() as session, \
            session.post(f"{api.root}/bot{api.token}/{method}", data=form) as response:
        return response.status, await response.json()


@pytest.mark.parametrize(("params", "status", "description"), [
    ({"chat_id": 7, "text": "x" * 4097}, 400, "Bad Request: message is too long"),
    ({"chat_id": 7, "text": "<b>open", "parse_mode": "HTML"}, 400, "can't parse entities"),
    ({"chat_id": 7, "text": "a < b", "parse_mode": "HTML"}, 400, "can't parse entities"),
    ({"chat_id": 7, "text": "<blink>hi</blink>", "parse_mode": "HTML"}, 400, "Unsupported start tag"),
    ({"chat_id": 7, "text": "hi", "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "x" * 65}]]}},
     400, "BUTTON_DATA_INVALID"),
    ({"chat_id": 8, "text": "hi"}, 400, "Bad Request: chat not found"),
])
async def test_the_fake_rejects_what_telegram_rejects(api: FakeBotAPI, params: dict[str, Any], status: int,
                                                      description: str) -> None:
    code, body = await _call(api, "sendMessage", **params)
    assert (code, body["ok"], body["error_code"]) == (status, False, status)
    assert description in body["description"]


async def test_the_fake_answers_a_blocked_user_with_403(api: FakeBotAPI) -> None:
    api.users[7].block()
    code, body = await _call(api, "sendMessage", chat_id=7, text="hi")
    assert (code, body["description"]) == (403, "Forbidden: bot was blocked by the user")


async def test_the_fake_long_poll_honours_its_timeout(api: FakeBotAPI) -> None:
    started = time.monotonic()
    code, body = await _call(api, "getUpdates", timeout=0.3)
    assert code == 200 and body["result"] == [] and 0.25 <= time.monotonic() - started < 2


async def test_fake_updates_carry_seconds_is_bot_and_chat_instance(api: FakeBotAPI) -> None:
    ana = api.users[7]
    update = await ana.send("hi")
    message = update["message"]
    assert message["from"]["is_bot"] is False and message["date"] < 10**10
    sent = api.new_message(api.chats[7], {"id": 1, "is_bot": True, "first_name": "B"}, text="q",
                           reply_markup={"inline_keyboard": [[{"text": "a", "callback_data": "v1|1|7|a"}]]})
    press = await ana.press(sent, "a")
    assert press["callback_query"]["chat_instance"]
