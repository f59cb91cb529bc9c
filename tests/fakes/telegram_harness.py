"""Run the real Telegram adapter (a real ``telegram.ext.Application``) against ``FakeBotAPI``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.adapters.telegram import TelegramAdapter, TelegramConfig, build_adapter
from bot.app import App, Settings, build_app
from bot.clock import FakeClock
from storage import ScheduleWrite, UnitOfWork
from tests.fakes.console import START
from tests.fakes.telegram_api import FakeBotAPI, FakeUser


@dataclass
class RunningBot:
    """One bot process under test: the App over a SQLite file, and the adapter polling the fake."""

    api: FakeBotAPI
    app: App
    adapter: TelegramAdapter
    clock: FakeClock

    async def say(self, user: FakeUser, text: str, *, count: int = 1) -> list[dict[str, Any]]:
        """``user`` writes ``text`` in their private chat; returns the bot's new messages there."""
        before = len(self.api.sent(user.id))
        await user.send(text)
        return await self.api.replies(user.id, before, count=count)

    async def tap(self, user: FakeUser, message: dict[str, Any], label: str | None = None, *,
                  index: int | None = None, count: int = 1) -> list[dict[str, Any]]:
        """``user`` presses a button of ``message``; returns the bot's new messages in that chat."""
        chat_id = message["chat"]["id"]
        before = len(self.api.sent(chat_id))
        await user.press(message, label, index=index)
        return await self.api.replies(chat_id, before, count=count)

    async def stop(self) -> None:
        await self.adapter.stop()
        await self.app.close()


async def start_bot(api: FakeBotAPI, db_path: Path | str, *, clock: FakeClock | None = None,
                    webhook_url: str | None = None, webhook_secret: str | None = None,
                    port: int = 0, settings: Settings | None = None, token: str | None = None) -> RunningBot:
    """Build the App and the adapter exactly as ``python -m bot run`` does, then start receiving."""
    clock = clock or FakeClock(START)
    app = await build_app(settings or settings_for(db_path), clock=clock)
    config = TelegramConfig(token=token or api.token, api_root=api.root, webhook_url=webhook_url,
                            webhook_secret=webhook_secret, listen="127.0.0.1", port=port, poll_timeout=0.5)
    adapter = build_adapter(config, app)
    try:
        await adapter.start()
    except BaseException:
        await app.close()
        raise
    return RunningBot(api, app, adapter, clock)


def settings_for(db_path: Path | str) -> Settings:
    """The real flows and locales; ``GROUNDWORK_DEFS_DIR`` points at a snapshot holding both, for
    running these tests while other work on the definitions is in progress."""
    snapshot = os.environ.get("GROUNDWORK_DEFS_DIR")
    if snapshot:
        return Settings(db_path=str(db_path), flows_dir=Path(snapshot) / "flows",
                        locales_dir=Path(snapshot) / "locales")
    return Settings.from_env(db_path=str(db_path))


def buttons(message: dict[str, Any]) -> list[str]:
    """The labels of a message's inline keyboard, in order (empty when it has none)."""
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def with_buttons(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The last message that carries buttons."""
    return next(m for m in reversed(messages) if buttons(m))


async def schedule_due(bot: RunningBot, user_id: int, kind: str = "followup") -> None:
    """Open ``user_id``'s private chat and schedule one ``kind`` (followup or nudge) due at ``START``."""
    user = bot.api.user(user_id, "Ana")
    bot.api.open_private(user)
    uow = UnitOfWork(user_key=f"telegram:{user_id}", chat_id=str(user_id), now=START)
    uow.settings_patch.update(quiet="off", nudge={"on": True, "time": "09:00"})
    uow.schedule.append(ScheduleWrite(kind=kind, due_at=START, chat_id=str(user_id),
                                      payload={"topic": "texting", "intensity": 3} if kind == "followup" else {}))
    await bot.app.store.apply(uow)
