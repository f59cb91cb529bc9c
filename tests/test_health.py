"""``/healthz``: 200 with what this worker holds while the database answers, 503 when it does not
(a stand-in store, and a real PostgreSQL store whose connection is cut)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from aiohttp import ClientSession

from bot.health import PING_TIMEOUT_S, HealthServer
from storage import open_store


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


class _Proxy:
    """A TCP relay to the PostgreSQL server that can be cut, as a network or a database host going away is."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.writers: list[asyncio.StreamWriter] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.transport.abort()


async def test_a_worker_whose_postgres_goes_away_answers_503_within_the_ping_timeout(postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    proxy = _Proxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    port = await proxy.start()
    credentials = parts.netloc.rpartition("@")[0]
    relayed = f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}"
    store = await open_store(urlunsplit(parts._replace(netloc=relayed)))
    try:
        status, report = await _get(_App(store, holds={"telegram:polling"}))  # type: ignore[arg-type]
        assert (status, report["database"], report["backend"]) == (200, "ok", "postgres")
        await proxy.cut()
        started = time.monotonic()
        status, report = await _get(_App(store, holds={"telegram:polling"}))  # type: ignore[arg-type]
        assert (status, report["database"], report["holds"]) == (503, "unreachable", ["telegram:polling"])
        assert time.monotonic() - started < PING_TIMEOUT_S + 1
    finally:
        await store.close()
