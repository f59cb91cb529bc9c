"""Pytest fixtures for the Telegram tests: a fake Bot API server and our bot running against it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.telegram_harness import RunningBot, start_bot


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def bot(api: FakeBotAPI, db_path: Path) -> AsyncIterator[RunningBot]:
    running = await start_bot(api, db_path)
    yield running
    await running.stop()
