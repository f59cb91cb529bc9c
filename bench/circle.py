"""A busy circle check-in on Telegram: many members press within seconds of the post.

The real python-telegram-bot Application long polls the fake Bot API server
(tests/fakes/telegram_api.py) over HTTP on 127.0.0.1, with AIORateLimiter and an on-disk SQLite
file, as in production. Each press's clock starts when the fake enqueues the callback query and
stops when the fake receives our answerCallbackQuery (the private answer). The post's edits are
counted at the fake too, with the production pacing of one edit per 10 s.

    .venv/bin/python bench/circle.py [--members 500] [--within 10]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import sys
import tempfile
import time
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


async def run(members: int, within: float, db: Path) -> tuple[list[float], list[float], int]:
    api = FakeBotAPI()
    await api.start()
    api.group(GROUP)
    admin = api.user(ADMIN, "Admin", "en")
    api.admins[GROUP] = {ADMIN}
    answered: dict[str, float] = {}
    edits: list[float] = []

    def on_call(call: Call) -> None:
        if call.method == "answerCallbackQuery":
            answered[str(call.params.get("callback_query_id"))] = call.at
        elif call.method == "editMessageText" and int(call.params.get("chat_id", 0)) == GROUP:
            edits.append(call.at)

    api.listeners.append(on_call)
    bot = await start_bot(api, db, clock=FakeClock())
    try:
        await admin.send("/circle 20:00 UTC en", chat=api.chats[GROUP])
        await api.replies(GROUP, 0)
        pump = bot.app.due_pump()
        assert pump is not None and bot.app.circles is not None
        due = await pump.next_due_at()
        assert due is not None
        bot.clock.set(due)
        await pump.run_due(due)
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
        await bot.app.circles.editor.drain()
        latencies = [(answered[q] - at) * 1000 for q, at in pressed.items()]
        gaps = [b - a for a, b in itertools.pairwise(edits)]
        return latencies, gaps, len(edits)
    finally:
        await bot.stop()
        await api.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--within", type=float, default=10.0, help="seconds over which the presses arrive")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        latencies, gaps, edits = await run(args.members, args.within, Path(tmp) / "bench.sqlite3")
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"{'members':>10} {'within_s':>9} {'p50_ms':>8} {'p99_ms':>8} {'max_ms':>8} {'edits':>6} {'min_gap_s':>10}")
    print(f"{args.members:>10} {args.within:>9.1f} {p50:>8.1f} {p99:>8.1f} {max(latencies):>8.1f} {edits:>6} "
          f"{(min(gaps) if gaps else float('nan')):>10.2f}")
    print(f"bench circle: p99_ms={p99:.1f} edits={edits}")


if __name__ == "__main__":
    asyncio.run(main())
