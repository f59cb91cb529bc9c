"""``python -m bot run``: which platforms start, and a clean stop."""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path

import pytest

from bot import runner
from bot.app import App, Settings


async def test_a_blank_token_counts_as_not_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "   ")
    monkeypatch.delenv("DISCORD_BOT_TOKEN", raising=False)
    assert await runner.run_platforms(Settings(db_path=str(tmp_path / "db.sqlite3"))) == 2


async def test_every_platform_finishes_its_shutdown_before_the_store_closes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    events: list[str] = []

    async def failing(app: App) -> None:
        await asyncio.sleep(0.05)
        raise RuntimeError("platform down")

    async def slow_to_stop(app: App) -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            await asyncio.sleep(0.05)  # an adapter's own shutdown: stop polling, flush
            events.append(f"cleanup done, store open={app.store.connection._connection is not None}")

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "x")
    monkeypatch.setenv("DISCORD_BOT_TOKEN", "y")
    monkeypatch.setitem(runner.PLATFORM_RUNNERS, "telegram", failing)
    monkeypatch.setitem(runner.PLATFORM_RUNNERS, "discord", slow_to_stop)
    with pytest.raises(RuntimeError):
        await runner.run_platforms(Settings(db_path=str(tmp_path / "db.sqlite3")))
    assert events == ["cleanup done, store open=True"]


async def test_a_health_port_already_taken_stops_the_bot_and_closes_the_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    taken = socket.socket()
    taken.bind(("0.0.0.0", 0))
    taken.listen()
    started: list[str] = []

    async def platform(app: App) -> None:
        started.append("platform")
        await asyncio.sleep(3600)

    monkeypatch.setenv("DISCORD_BOT_TOKEN", "y")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("GROUNDWORK_HEALTH_PORT", str(taken.getsockname()[1]))
    monkeypatch.setitem(runner.PLATFORM_RUNNERS, "discord", platform)
    before = set(threading.enumerate())
    try:
        with pytest.raises(OSError):
            await runner.run_platforms(Settings(db_path=str(tmp_path / "db.sqlite3")))
    finally:
        taken.close()
    assert started == []
    # aiosqlite's thread is not a daemon: left running, it keeps a process that never polls alive.
    left = [t for t in set(threading.enumerate()) - before if t.is_alive() and not t.daemon]
    assert [t for t in left if not t.name.startswith("asyncio_")] == []  # the loop's executor ends with the loop
