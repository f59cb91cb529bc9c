"""A busy circle check-in on Telegram: many members press within seconds of the post.

The real python-telegram-bot Application long polls the fake Bot API server
(tests/fakes/telegram_api.py) over HTTP on 127.0.0.1, with AIORateLimiter and an on-disk SQLite
file, as in production. The fake server and the members run in a second process, so the bot's
process does only the bot's work. Each press's clock starts when the fake enqueues the callback query and
stops when the fake receives our answerCallbackQuery (the private answer). The post's edits are
counted at the fake too, with the production pacing of one edit per 10 s.

    .venv/bin/python bench/circle.py [--members 500] [--within 10]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # the project root, so `import telegram` finds the library, not bench/telegram.py

from bot.clock import FakeClock  # noqa: E402
from tests.fakes.telegram_api import Call, FakeBotAPI  # noqa: E402
from tests.fakes.telegram_harness import start_bot  # noqa: E402

GROUP = -100500
ADMIN = 1


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def telegram_side(conn: Connection, members: int, within: float) -> None:
    """The child process: Telegram (the fake Bot API) and the members who press, with the stopwatch.

    It runs apart from the bot, so the bot's process spends its CPU on the bot, as in production.
    """
    asyncio.run(_telegram_side(conn, members, within))


async def _telegram_side(conn: Connection, members: int, within: float) -> None:
    api = FakeBotAPI()
    await api.start()
    api.group(GROUP)
    admin = api.user(ADMIN, "Admin", "en")
    api.admins[GROUP] = {ADMIN}
    answered: dict[str, float] = {}
    edits: list[float] = []
    shown: list[float] = []  # every message the bot sent or edited in the group (Telegram allows ~20/min)
    posted = asyncio.Event()

    def on_call(call: Call) -> None:
        if call.method == "answerCallbackQuery":
            answered[str(call.params.get("callback_query_id"))] = call.at
        elif call.method == "editMessageText" and int(call.params.get("chat_id", 0)) == GROUP:
            edits.append(call.at)
            shown.append(call.at)
        elif call.method == "sendMessage" and "callback_data" in str(call.params.get("reply_markup")):
            posted.set()
        if call.method == "sendMessage" and int(call.params.get("chat_id", 0)) == GROUP:
            shown.append(call.at)

    api.listeners.append(on_call)
    loop = asyncio.get_running_loop()
    conn.send(api.root)
    await loop.run_in_executor(None, conn.recv)  # the bot is up
    await admin.send("/circle 20:00 UTC en", chat=api.chats[GROUP])
    await posted.wait()
    await asyncio.sleep(0.2)
    post = api.sent(GROUP)[-1]
    crowd = [api.user(1000 + i, f"M{i}", "en") for i in range(members)]
    gap = within / members
    started = time.perf_counter()
    pressed: dict[str, float] = {}
    for i, member in enumerate(crowd):
        update = await member.press(post, index=i % 5)
        pressed[update["callback_query"]["id"]] = api.enqueued_at[update["update_id"]]
        await asyncio.sleep(max(0.0, started + gap * (i + 1) - time.perf_counter()))
    await api.wait(lambda: all(q in answered for q in pressed), within=60, settle=0.2)
    conn.send("answered")
    await loop.run_in_executor(None, conn.recv)  # the bot's last paced edit is done
    latencies = [(answered[q] - at) * 1000 for q, at in pressed.items()]
    busiest = max(sum(1 for t in shown if start <= t < start + 60) for start in shown) if shown else 0
    conn.send((latencies, [b - a for a, b in itertools.pairwise(edits)], len(edits), busiest))
    await loop.run_in_executor(None, conn.recv)  # the bot has stopped polling
    await api.close()


async def run(members: int, within: float, db: Path) -> tuple[list[float], list[float], int, int]:
    parent, child = multiprocessing.get_context("spawn").Pipe()
    side = multiprocessing.get_context("spawn").Process(target=telegram_side, args=(child, members, within))
    side.start()
    loop = asyncio.get_running_loop()
    root = await loop.run_in_executor(None, parent.recv)
    api = FakeBotAPI(root=root)  # only its token and address: the server runs in the child
    bot = await start_bot(api, db, clock=FakeClock())
    try:
        assert bot.app.circles is not None
        pump = bot.app.due_pump()
        assert pump is not None
        parent.send("ready")
        for _ in range(600):  # the admin's /circle arrives through Telegram, in the other process
            if await bot.app.circles.store.get(f"telegram:{GROUP}") is not None:
                break
            await asyncio.sleep(0.05)
        due = await pump.next_due_at()
        assert due is not None
        bot.clock.set(due)
        await pump.run_due(due)
        await loop.run_in_executor(None, parent.recv)  # every press answered
        await bot.app.circles.editor.drain()
        await asyncio.sleep(0.3)
        parent.send("drained")
        return await loop.run_in_executor(None, parent.recv)  # type: ignore[no-any-return]
    finally:
        await bot.stop()
        parent.send("stopped")
        side.join(timeout=10)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--within", type=float, default=10.0, help="seconds over which the presses arrive")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        latencies, gaps, edits, per_min = await run(args.members, args.within, Path(tmp) / "bench.sqlite3")
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"{'members':>10} {'within_s':>9} {'p50_ms':>8} {'p99_ms':>8} {'max_ms':>8} {'edits':>6} {'min_gap_s':>10} "
          f"{'group_msgs_per_min':>19}")
    print(f"{args.members:>10} {args.within:>9.1f} {p50:>8.1f} {p99:>8.1f} {max(latencies):>8.1f} {edits:>6} "
          f"{(min(gaps) if gaps else float('nan')):>10.2f} {per_min:>19}")
    print(f"bench circle: p99_ms={p99:.1f} edits={edits}")


if __name__ == "__main__":
    asyncio.run(main())
