"""Replies survive a storm of 5xx and 429 answers: retried with backoff within a bounded time, else logged."""

from __future__ import annotations

import logging

import pytest

from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot


@pytest.fixture
def quick_retries(bot: RunningBot) -> RunningBot:
    bot.adapter.handlers.outbox.first_backoff_s = 0.01
    return bot


async def test_a_reply_gets_through_a_run_of_server_errors(quick_retries: RunningBot, api: FakeBotAPI) -> None:
    for _ in range(6):
        api.fail_next("sendMessage", 500, "Internal Server Error")
    replies = await quick_retries.say(api.user(5001, "Ana"), "/help", count=1)
    assert replies[-1]["text"] == quick_retries.app.engine.i18n.text("en", "help-commands")


async def test_a_reply_gets_through_429s_beyond_the_rate_limiters_own_retries(
    quick_retries: RunningBot, api: FakeBotAPI
) -> None:
    for _ in range(5):  # the limiter retries three times, then raises; the outbox keeps going
        api.fail_next("sendMessage", 429, "Too Many Requests: retry after 0", retry_after=0)
    api.fail_next("sendMessage", 502, "Bad Gateway")
    replies = await quick_retries.say(api.user(5002, "Ben"), "/help", count=1)
    assert replies[-1]["text"] == quick_retries.app.engine.i18n.text("en", "help-commands")


async def test_a_reply_still_failing_after_the_retry_window_is_logged_not_silently_dropped(
    quick_retries: RunningBot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = quick_retries.adapter.handlers.outbox
    outbox.retry_window_s = 0.3
    for _ in range(200):
        api.fail_next("sendMessage", 500, "Internal Server Error")
    with caplog.at_level(logging.ERROR):
        await api.user(5003, "Cam").send("/help")
        await api.wait(lambda: outbox.undelivered >= 1, within=10)
    assert "send_message not delivered after" in caplog.text
