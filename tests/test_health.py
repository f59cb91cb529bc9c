"""``/healthz``: 200 with what this worker holds while the database answers, 503 when it does not."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field

from aiohttp import ClientSession

from bot.health import HealthServer


@dataclass
class _Store:
    reachable: bool
    backend: str = "postgres"

    async def ping(self) -> bool:
        return self.reachable


@dataclass
class _App:
    store: _Store
    holds: set[str] = field(default_factory=set)
    worker: str = "host:1:a"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _get(app: _App) -> tuple[int, dict[str, object]]:
    port = _free_port()
    server = HealthServer(app)  # type: ignore[arg-type]
    server.start(port, "127.0.0.1")
    try:
        async with ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
            return response.status, json.loads(await response.text())
    finally:
        await server.stop()


async def test_a_worker_with_its_database_reports_what_it_holds() -> None:
    status, report = await _get(_App(_Store(True), holds={"telegram:polling", "discord:shard:0"}))
    assert status == 200
    assert report == {"database": "ok", "backend": "postgres", "holds": ["discord:shard:0", "telegram:polling"],
                      "worker": "host:1:a"}


async def test_a_worker_without_its_database_answers_503() -> None:
    status, report = await _get(_App(_Store(False)))
    assert status == 503 and report["database"] == "unreachable" and report["holds"] == []
