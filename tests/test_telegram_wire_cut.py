"""A scheduled send cut before its request could be complete is not counted as a copy.

Through the real pump, the real adapter (python-telegram-bot over httpx and httpcore) and the fake
Bot API. The cut is made with httpcore's own ``trace`` request extension (a hook added after ours):
the sending task stops at a chosen point of the request and is cancelled there, as a SIGKILL would
stop it. A send cut before its body was written never reached the platform; the worker that takes
the item over must send it as its first copy, not skip it (a nudge) or close it unsent after a
second such cut (a follow-up).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest

from bot.scheduling.pump import LEASE, SchedulerPump
from tests.fakes.console import START
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, schedule_due

pytestmark = pytest.mark.both_backends
USER = 6200
BEFORE_ANY_BYTE = "http11.send_request_headers.started"  # where the gate marked before this fix
BETWEEN_HEADERS_AND_BODY = "http11.send_request_body.started"


@dataclass
class Cut:
    """Stops the next ``times`` sendMessage requests at ``at``; ``reached`` is set at each stop."""

    at: str
    times: int
    after_ours: bool  # let our trace (the wire gate) run at ``at`` first, then stop
    reached: asyncio.Event = field(default_factory=asyncio.Event)

    async def hook(self, request: httpx.Request) -> None:
        if not request.url.path.endswith("/sendMessage") or self.times == 0:
            return
        self.times -= 1
        ours = request.extensions["trace"]

        async def trace(name: str, info: dict[str, Any]) -> None:
            if name == self.at and self.after_ours:
                await ours(name, info)
            if name == self.at:
                self.reached.set()
                await asyncio.Event().wait()  # the process is killed here
            await ours(name, info)

        request.extensions["trace"] = trace


def _cut(bot: RunningBot, at: str, *, times: int, after_ours: bool) -> Cut:
    cut = Cut(at, times, after_ours)
    client: httpx.AsyncClient = bot.adapter.application.bot.request._client  # type: ignore[attr-defined]
    client.event_hooks["request"].append(cut.hook)  # runs after ours: it wraps our trace
    return cut


async def _due(bot: RunningBot, kind: str) -> None:
    await schedule_due(bot, USER, kind)


def _worker(bot: RunningBot, name: str) -> SchedulerPump:
    return SchedulerPump(bot.app.engine, bot.app.store.queue(name), bot.app.senders)


async def _killed_at_the_cut(pump: SchedulerPump, cut: Cut, now: Any) -> None:
    run = asyncio.create_task(pump.run_due(now))
    try:
        await asyncio.wait_for(cut.reached.wait(), 20)
    finally:
        run.cancel()
    cut.reached.clear()


async def _row(bot: RunningBot, kind: str) -> tuple[Any, ...]:
    [row] = await bot.app.store.fetch_all(
        "SELECT status, note, attempts FROM scheduled WHERE kind = ? AND status <> 'pending'", (kind,))
    return tuple(row)


def _later(n: int) -> Any:
    """When the n-th worker taking over finds the previous worker's lease run out."""
    return START + (LEASE + timedelta(minutes=1)) * n


async def test_a_followup_cut_twice_before_any_byte_left_is_still_sent_once(bot: RunningBot, api: FakeBotAPI) -> None:
    await _due(bot, "followup")
    cut = _cut(bot, BEFORE_ANY_BYTE, times=2, after_ours=True)
    await _killed_at_the_cut(_worker(bot, "first"), cut, START)
    await _killed_at_the_cut(_worker(bot, "second"), cut, _later(1))
    assert api.sent(USER) == []
    # Neither request had a byte out: the third worker sends the follow-up, not closes it as twice sent.
    await _worker(bot, "third").run_due(_later(2))
    assert len(api.sent(USER)) == 1
    assert await _row(bot, "followup") == ("sent", None, 0)


async def test_a_followup_cut_before_any_byte_left_is_sent_again_as_its_first_copy(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    await _due(bot, "followup")
    cut = _cut(bot, BEFORE_ANY_BYTE, times=1, after_ours=True)
    await _killed_at_the_cut(_worker(bot, "first"), cut, START)
    [item] = await bot.app.store.queue("probe").expired_claims(_later(1), LEASE)  # as the next worker would
    assert item.wire == 0  # not counted as a copy that may have reached the user
    await _worker(bot, "second").run_due(_later(2))
    assert len(api.sent(USER)) == 1
    assert await _row(bot, "followup") == ("sent", None, 0)


async def test_a_nudge_cut_after_its_headers_before_its_body_is_sent_by_the_worker_taking_over(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    await _due(bot, "nudge")
    cut = _cut(bot, BETWEEN_HEADERS_AND_BODY, times=1, after_ours=False)
    await _killed_at_the_cut(_worker(bot, "first"), cut, START)
    await asyncio.sleep(0.2)  # the cut request's connection closes; the platform drops it unfinished
    assert api.sent(USER) == []
    await _worker(bot, "second").run_due(_later(1))
    assert len(api.sent(USER)) == 1  # not skipped as possibly sent
    assert await _row(bot, "nudge") == ("sent", None, 0)
