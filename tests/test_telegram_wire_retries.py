"""A retried Telegram request of a scheduled item passes the wire gate again: never a third copy.

Through the real pump, the real adapter (python-telegram-bot over httpx) and the fake Bot API. A
request that timed out may have arrived (the fake takes it, then answers too late): its retry is
recorded as the item's second copy before it goes out, and there is no third. A retry after an
error answer is first checked against the database: an item taken over meanwhile is not sent.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.scheduling.pump import LEASE, RETRY_AFTER, SchedulerPump
from tests.fakes.console import START
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, schedule_due

pytestmark = pytest.mark.both_backends
READ_TIMEOUT_S = 0.3
USER = 6100


@pytest.fixture
def fast(bot: RunningBot) -> RunningBot:
    """Requests time out after 0.3 s; the outbox retries after 0.5 s."""
    request: Any = bot.adapter.application.bot.request
    request._client.timeout = httpx.Timeout(5.0, read=READ_TIMEOUT_S)
    bot.adapter.handlers.outbox.first_backoff_s = 0.5
    bot.api.late_by_s = READ_TIMEOUT_S * 4
    return bot


async def _due(bot: RunningBot, kind: str = "followup") -> None:
    await schedule_due(bot, USER, kind)


def _pump(bot: RunningBot) -> SchedulerPump:
    assert isinstance(bot.app.pump, SchedulerPump)
    return bot.app.pump


def _other(bot: RunningBot) -> SchedulerPump:
    """A second worker on the same database, sending through the same Telegram adapter."""
    return SchedulerPump(bot.app.engine, bot.app.store.queue("other"), bot.app.senders)


async def _row(bot: RunningBot, kind: str = "followup") -> tuple[Any, ...]:
    [row] = await bot.app.store.fetch_all(
        "SELECT status, note, attempts, takeovers FROM scheduled WHERE kind = ? AND status <> 'pending'", (kind,))
    return tuple(row)


async def _answered_then_taken_over(bot: RunningBot, api: FakeBotAPI) -> None:
    """The pump's first request is answered (an error), then the ``other`` worker takes the item over."""
    run = asyncio.create_task(_pump(bot).run_due(START))
    await api.wait(lambda: bool(api.calls_to("sendMessage")), within=10, settle=0)
    await _other(bot).run_due(START + LEASE + timedelta(minutes=1))
    await asyncio.wait_for(run, 20)


def _copies(api: FakeBotAPI) -> int:
    """How many times the item's message reached the user (each arrival, answered in time or not)."""
    return len(api.sent(USER))


async def test_a_retry_after_a_timeout_is_not_sent_once_another_worker_took_the_item_over(
    fast: RunningBot, api: FakeBotAPI
) -> None:
    await _due(fast)
    api.answer_late[USER] = 1  # the first request arrives; its answer comes after the timeout
    run = asyncio.create_task(_pump(fast).run_due(START))
    await api.wait(lambda: _copies(api) == 1, within=10, settle=0)
    # While the outbox waits to retry, another worker takes the item over (its lease has run out
    # as far as that worker's clock goes) and sends it again: the second copy.
    await _other(fast).run_due(START + LEASE + timedelta(minutes=1))
    assert _copies(api) == 2
    await asyncio.wait_for(run, 20)
    assert _copies(api) == 2  # the first worker's retry found the item no longer its own
    assert await _row(fast) == ("sent", None, 0, 1)


async def test_a_retry_after_a_timeout_is_recorded_as_the_second_copy_before_it_goes_out(
    fast: RunningBot, api: FakeBotAPI, db_path: Path
) -> None:
    await _due(fast)
    api.answer_late[USER] = 1
    pump = _pump(fast)
    recorded = asyncio.Event()

    async def killed_before_recording(*_: Any, **__: Any) -> None:
        recorded.set()
        await asyncio.Event().wait()  # the process dies after the retry went out, before its outcome

    pump.recorder.outcome = killed_before_recording  # type: ignore[method-assign]
    run = asyncio.create_task(pump.run_due(START))
    try:
        await asyncio.wait_for(recorded.wait(), 20)
        assert _copies(api) == 2  # the first request arrived unanswered, its retry arrived
        await _other(fast).run_due(START + LEASE + timedelta(minutes=1))
    finally:
        run.cancel()
    assert _copies(api) == 2  # the worker taking over knows two copies may be out: no third
    assert await _row(fast) == ("sent", "on-wire-twice", 0, 1)


async def test_a_request_unanswered_twice_is_not_tried_a_third_time(
    fast: RunningBot, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    await _due(fast)
    api.answer_late[USER] = 5
    with caplog.at_level(logging.WARNING):
        await _pump(fast).run_due(START)
    assert _copies(api) == 2
    assert await _row(fast) == ("sent", "on-wire-twice", 0, 0)
    assert "may have arrived" in caplog.text


async def test_a_nudge_whose_request_went_unanswered_is_not_retried(fast: RunningBot, api: FakeBotAPI) -> None:
    await _due(fast, "nudge")
    api.answer_late[USER] = 5
    await _pump(fast).run_due(START)
    assert _copies(api) == 1  # a nudge is never sent twice
    assert await _row(fast, "nudge") == ("sent", "in-doubt", 0, 0)
    [(pending,)] = await fast.app.store.fetch_all(
        "SELECT count(*) FROM scheduled WHERE kind = 'nudge' AND status = 'pending'")
    assert pending == 1  # the next day's nudge is scheduled as after any send


async def test_a_followup_that_failed_after_an_unanswered_request_goes_out_again_as_its_second_copy(
    fast: RunningBot, api: FakeBotAPI
) -> None:
    await _due(fast)
    fast.adapter.handlers.outbox.retry_window_s = 0  # no retry within the send: the send fails
    api.answer_late[USER] = 1
    await _pump(fast).run_due(START)
    assert _copies(api) == 1
    [(status, note)] = await fast.app.store.fetch_all("SELECT status, note FROM scheduled")
    assert (status, note) == ("pending", "in-doubt")
    [item] = await fast.app.store.queue("probe").claim(START + RETRY_AFTER, 10)
    assert item.wire == 1  # claimed again, it is known that one copy may be out
    await fast.app.store.fetch_all("UPDATE scheduled SET status = 'pending', claimed_by = NULL")
    await _pump(fast).run_due(START + RETRY_AFTER)
    assert _copies(api) == 2
    assert await _row(fast) == ("sent", None, 1, 0)


async def test_a_retry_after_an_error_answer_is_not_sent_once_the_item_was_taken_over(
    fast: RunningBot, api: FakeBotAPI
) -> None:
    await _due(fast)
    api.fail_next("sendMessage", 502, "Bad Gateway")  # answered: the message was not taken
    await _answered_then_taken_over(fast, api)
    assert _copies(api) == 1  # sent by the worker that took it over, not again by the first
    assert await _row(fast) == ("sent", None, 0, 1)


async def test_a_429_retried_by_the_rate_limiter_passes_the_gate_again(fast: RunningBot, api: FakeBotAPI) -> None:
    await _due(fast)
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    await _answered_then_taken_over(fast, api)
    assert _copies(api) == 1
    assert await _row(fast) == ("sent", None, 0, 1)


async def test_a_keyboard_clear_failing_after_a_followup_was_delivered_does_not_send_it_again(
    fast: RunningBot, api: FakeBotAPI
) -> None:
    await _due(fast)
    user = api.users[USER]
    asked = await fast.say(user, "he hasn't replied in 4 hours and I'm spiraling", count=2)
    assert any(m.get("reply_markup") for m in asked)  # a question with live buttons, to be cleared next
    before = _copies(api)
    # The follow-up is delivered; clearing the previous question's buttons then fails.
    api.fail_next("editMessageReplyMarkup", 502, "Bad Gateway")
    later = START + timedelta(hours=2)
    await _pump(fast).run_due(later)
    assert api.calls_to("editMessageReplyMarkup")[-1].error == "Bad Gateway"
    assert _copies(api) == before + 1
    assert await _row(fast) == ("sent", None, 0, 0)
    await _pump(fast).run_due(later + RETRY_AFTER * 2)
    assert _copies(api) == before + 1  # delivered once, never retried as failed
