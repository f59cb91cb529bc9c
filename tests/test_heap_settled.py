"""After start-up (``settle_heap``) the collector stays off the reply path: conversations in flight
do not set off collections (bench/README, engine: a generation-1 collection inside a step was the
longest piece of our own work in the paced phase)."""

from __future__ import annotations

import asyncio
import gc
from datetime import UTC, datetime
from pathlib import Path

from bot.app import App, Settings, build_app, settle_heap
from bot.events import Chat, ChoiceRef, Inbound, UserKey
from bot.replies import Reply

# The trigger flow as a person walks it: a typed first message, then five button presses.
PRESSES = ("done", "my_history", "next", "3", "no")


async def walk(app: App, index: int) -> None:
    user = UserKey("test", f"u{index}")
    chat = Chat(user.user_id, "private")
    text = f"my partner hasn't replied in {2 + index % 20} hours and I'm spiraling"
    replies = await app.engine.handle(Inbound(user=user, chat=chat, received_at=datetime.now(UTC), text=text))
    for choice in PRESSES:
        offered: Reply = next(r for r in reversed(replies) if r.choices)
        replies = await app.engine.handle(Inbound(user=user, chat=chat, received_at=datetime.now(UTC),
                                                  choice=ChoiceRef(choice, offered.version)))
        assert replies and replies[-1].kind != "error"


async def test_three_hundred_conversations_in_flight_set_off_no_collection(tmp_path: Path) -> None:
    app = await build_app(Settings(db_path=str(tmp_path / "db.sqlite3")))
    seen: list[int] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    threshold = gc.get_threshold()
    try:
        await asyncio.gather(*(walk(app, i) for i in range(20)))  # caches and statements warm
        settle_heap()
        gc.callbacks.append(on_gc)
        # 1,800 steps with 300 conversations in flight at once: before 2026-12-01 (a first threshold of
        # 7,000) the turnover of their objects set off collections here, none of them collecting anything.
        await asyncio.gather(*(walk(app, i) for i in range(300)))
        assert seen == []
        assert gc.isenabled()
    finally:
        if on_gc in gc.callbacks:
            gc.callbacks.remove(on_gc)
        gc.unfreeze()
        gc.set_threshold(*threshold)
        await app.close()
