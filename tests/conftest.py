"""Fixtures shared by every test module; fakes live in tests/fakes/."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.console import ConsoleDriver, open_console

# Before any test module imports it: the shared safety assertions then fail with pytest's detail.
pytest.register_assert_rewrite("tests.safety_fixtures")

# The privacy ledger first: the Telegram fake imports it, and pytest must load it as a plugin before.
pytest_plugins = ["tests.fakes.privacy", "tests.fakes.telegram_fixtures", "tests.fakes.backends"]


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run offline: any connection to a non-loopback address fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1", "")):
            raise RuntimeError(f"test tried to reach the network: {host}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
async def console(db_path: Path) -> AsyncIterator[ConsoleDriver]:
    driver = await open_console(db_path)
    yield driver
    await driver.close()


@pytest.fixture
async def console_es(db_path: Path) -> AsyncIterator[ConsoleDriver]:
    driver = await open_console(db_path, lang="es")
    yield driver
    await driver.close()
