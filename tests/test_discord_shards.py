"""Discord shards across workers: a session runs only while its leases are held; a failed one backs off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord import shards
from bot.adapters.discord.config import DiscordConfig
from bot.app import App, Settings, build_app
from tests.fakes.console import shipped_definitions

pytestmark = pytest.mark.both_backends


class FakeClient:
    """Stands in for a discord.py client: ``start`` serves until closed, or fails at once."""

    def __init__(self, log: list[str], fail: bool) -> None:
        self.log, self.fail, self.closed = log, fail, asyncio.Event()

    async def __aenter__(self) -> FakeClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.closed.set()

    async def start(self, token: str) -> None:
        self.log.append("identify")
        if self.fail:
            raise ConnectionError("gateway refused")
        await self.closed.wait()

    def is_closed(self) -> bool:
        return self.closed.is_set()

    async def close(self) -> None:
        self.closed.set()


@pytest.fixture
async def app(db_path: Path | str) -> AsyncIterator[App]:
    built = await build_app(Settings.from_env(db_path=str(db_path)), definitions=shipped_definitions())
    yield built
    await built.close()


def _use_fake_clients(monkeypatch: pytest.MonkeyPatch, log: list[str], fail: bool) -> None:
    import bot.adapters.discord.client as client_module

    monkeypatch.setattr(client_module, "build_client", lambda app, config: FakeClient(log, fail))
    monkeypatch.setattr(shards, "FIRST_BACKOFF_S", 0.5)
    monkeypatch.setattr(shards.LeaseKeeper, "__init__", _quick_keeper(shards.LeaseKeeper.__init__))


def _quick_keeper(init: Any) -> Any:
    def quick(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **{**kwargs, "ttl_s": 1.0, "renew_s": 0.1})
    return quick


async def test_the_worker_holding_the_shard_runs_one_session(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[str] = []
    _use_fake_clients(monkeypatch, log, fail=False)
    config = DiscordConfig(token="t", shard_count=2, shard_ids=(1,))
    task = asyncio.create_task(shards.run_leased(app, config))
    try:
        for _ in range(60):
            if "discord:shard:1" in app.holds:
                break
            await asyncio.sleep(0.05)
        assert app.holds == {"discord:shard:1"} and log == ["identify"]
        assert await app.store.lease_holder("discord:shard:1") == app.worker
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert await app.store.lease_holder("discord:shard:1") is None  # given up on the way out


async def test_a_failing_session_lets_the_shard_go_and_waits_before_identifying_again(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    log: list[str] = []
    _use_fake_clients(monkeypatch, log, fail=True)
    task = asyncio.create_task(shards.run_leased(app, DiscordConfig(token="t")))
    try:
        await asyncio.sleep(1.2)  # first try at once, then 0.5 s, then 1 s of back-off
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert 2 <= log.count("identify") <= 3  # not a crash loop
    assert app.holds == set()
