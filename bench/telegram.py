"""Telegram adapter latency: update in -> our sendMessage out, trigger flow vs a bare echo bot.

Both bots are real python-telegram-bot Applications long polling the fake Bot API server
(tests/fakes/telegram_api.py) over HTTP on 127.0.0.1, in one run. The clock starts when the
fake enqueues an update (a user writes or taps) and stops when the fake receives the bot's
first sendMessage to that chat. Ours includes the engine, a SQLite commit (WAL, on disk) and
AIORateLimiter, exactly as in production; updates are paced below Telegram's 30 messages/s so
the limiter never has to hold one back (that would measure Telegram's policy, not our code).

    .venv/bin/python bench/telegram.py [--users 25] [--gap-ms 80] [--warmup 6]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This file is named like the library it measures: put the project root where the script's own
# directory would be, so `import telegram` finds python-telegram-bot rather than this file.
sys.path[0] = str(ROOT)

from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeUser  # noqa: E402
from tests.fakes.telegram_harness import RunningBot, buttons, settings_for, start_bot  # noqa: E402

SAID = "he hasn't replied in 4 hours and I'm spiraling"
# The trigger flow, tap by tap: (button position, or None to write SAID).
STEPS: tuple[int | None, ...] = (None, 0, 1, -1, 2, -1)


class Stopwatch:
    """Listens to the fake server: when the next sendMessage (and the next question) reach a chat."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self.first: dict[int, asyncio.Future[float]] = {}
        self.question: dict[int, asyncio.Future[float]] = {}
        api.listeners.append(self._on_call)

    def _on_call(self, call: Call) -> None:
        if call.method != "sendMessage":
            return
        chat = call.params.get("chat_id")
        for waiting in (self.first, self.question):
            future = waiting.get(chat)  # type: ignore[arg-type]
            if future is None or future.done():
                continue
            if waiting is self.question and "callback_data" not in str(call.params.get("reply_markup")):
                continue
            future.set_result(call.at)

    async def time(self, chat_id: int, send: Any, *, question: bool) -> float:
        """Run ``send()`` (which enqueues one update); ms until our first sendMessage to the chat."""
        loop = asyncio.get_running_loop()
        self.first[chat_id] = loop.create_future()
        self.question[chat_id] = loop.create_future()
        update = await send()
        sent_at = await asyncio.wait_for(self.first[chat_id], 10)
        if question:  # the next tap needs the next question on screen
            await asyncio.wait_for(self.question[chat_id], 10)
        return (sent_at - self.api.enqueued_at[update["update_id"]]) * 1000


async def one_flow(bot: RunningBot, watch: Stopwatch, user: FakeUser, gap: float) -> list[float]:
    out = []
    for number, step in enumerate(STEPS):
        if step is None:
            send = partial(user.send, SAID)
        else:
            question = next(m for m in reversed(bot.api.sent(user.id)) if buttons(m))
            index = step if step >= 0 else len(buttons(question)) + step
            send = partial(user.press, question, index=index)
        out.append(await watch.time(user.id, send, question=number < len(STEPS) - 1))
        await asyncio.sleep(gap)  # lets the edits of this turn land, and keeps under the flood limit
    return out


async def measure_ours(users: int, gap: float, db: Path) -> list[float]:
    api = FakeBotAPI()
    await api.start()
    bot = await start_bot(api, db, clock=SystemClock(), settings=settings_for(db))  # type: ignore[arg-type]
    watch = Stopwatch(api)
    try:
        samples: list[float] = []
        for n in range(users):
            samples += await one_flow(bot, watch, api.user(10_000 + n, f"U{n}", "en" if n % 2 else "es"), gap)
        return samples
    finally:
        await bot.stop()
        await api.close()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(update.effective_message.text)


async def measure_echo(count: int, gap: float) -> list[float]:
    api = FakeBotAPI()
    root = await api.start()
    app: Application = (ApplicationBuilder().token(api.token).base_url(root + "/bot")
                        .base_file_url(root + "/file/bot").build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=10)
    watch = Stopwatch(api)
    try:
        user, samples = api.user(20_000, "Echo"), []
        for _ in range(count):
            samples.append(await watch.time(user.id, partial(user.send, SAID), question=False))
            await asyncio.sleep(gap)
        return samples
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await api.close()


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=25, help="users going through the trigger flow")
    parser.add_argument("--gap-ms", type=float, default=80.0, help="pause between updates")
    parser.add_argument("--warmup", type=int, default=6, help="first samples of each bot left out")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    gap = args.gap_ms / 1000
    with tempfile.TemporaryDirectory() as tmp:
        ours = (await measure_ours(args.users, gap, Path(tmp) / "bench.sqlite3"))[args.warmup:]
    bare = (await measure_echo(len(ours) + args.warmup, gap))[args.warmup:]

    print(f"{'bot':<22}{'updates':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for name, samples in (("groundwork (trigger)", ours), ("bare PTB echo", bare)):
        print(f"{name:<22}{len(samples):>8}{statistics.median(samples):>9.2f}{percentile(samples, 90):>9.2f}"
              f"{percentile(samples, 99):>9.2f}{max(samples):>9.2f}")
    p50, p99 = statistics.median(ours), percentile(ours, 99)
    e50, e99 = statistics.median(bare), percentile(bare, 99)
    print(f"bench telegram: p50_ms={p50:.2f} p99_ms={p99:.2f} echo_p50_ms={e50:.2f} echo_p99_ms={e99:.2f} "
          f"overhead_ratio={p50 / e50:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
