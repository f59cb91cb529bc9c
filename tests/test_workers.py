"""Several real ``python -m bot run`` workers on one PostgreSQL database, against the fake Bot API.

Long polling: exactly one worker polls; SIGKILL it (twice) and another resumes within 15 s; no
message is lost and every message gets one reply, except that the one message a worker is
answering at the instant of its kill (its reply sent, its id not yet recorded) may be answered
again by the next worker: at most one extra reply per kill, by design (bot/adapters/telegram/polling.py).
Webhook: every worker serves, and an update that reaches two workers is handled once.
``/healthz`` says who holds what.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession

from bot.adapters.telegram.adapter import POLLING_LEASE
from bot.app import ROOT
from storage import Store, open_store
from tests.fakes.telegram_api import FakeBotAPI

TAKEOVER_LIMIT_S = 15.0
SECRET = "s3cret-for-tests"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _worker(api: FakeBotAPI, url: str, workdir: Path, **extra: str) -> asyncio.subprocess.Process:
    await asyncio.to_thread(workdir.mkdir, parents=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DISCORD_", "GROUNDWORK_", "DATABASE_URL", "PORT"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=url, TELEGRAM_BOT_TOKEN=api.token,
               TELEGRAM_API_BASE_URL=api.root, **extra)
    log = await asyncio.to_thread(open, workdir / "stderr.log", "wb")
    try:
        return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=workdir, env=env,
                                                    stdout=asyncio.subprocess.DEVNULL, stderr=log)
    finally:
        log.close()


async def _until(check: Callable[[], Awaitable[bool]], within: float, what: str) -> float:
    """Wait for ``check``; returns how long it took."""
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > within:
            raise AssertionError(f"not within {within:.0f} s: {what}")
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def _stop(workers: list[asyncio.subprocess.Process]) -> None:
    for process in workers:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in workers:
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.fixture
async def observer(postgres_url: str) -> AsyncIterator[Store]:
    """The test's own view of the shared database (migrates it before the workers start)."""
    store = await open_store(postgres_url)
    yield store
    await store.close()


async def _holder_pid(store: Store) -> int | None:
    holder = await store.lease_holder(POLLING_LEASE)
    return int(holder.split(":")[1]) if holder else None


async def _health(port: int) -> tuple[int, dict[str, Any]]:
    async with ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
        return response.status, json.loads(await response.text())


@pytest.mark.timeout(300)
async def test_three_polling_workers_survive_two_kills_with_one_reply_per_message(
    api: FakeBotAPI, postgres_url: str, observer: Store, tmp_path: Path
) -> None:
    ports = [_free_port() for _ in range(3)]
    workers = [await _worker(api, postgres_url, tmp_path / f"w{n}", GROUNDWORK_HEALTH_PORT=str(port))
               for n, port in enumerate(ports)]
    by_pid = {w.pid: (w, port) for w, port in zip(workers, ports, strict=True)}
    users = [api.user(7100 + n, f"U{n}") for n in range(5)]
    sent: Counter[int] = Counter()
    chatting = True

    async def chatter() -> None:
        n = 0
        while chatting:
            user = users[n % len(users)]
            await user.send("/help")
            sent[user.id] += 1
            n += 1
            await asyncio.sleep(0.25)

    try:
        await _until(lambda: _holder_pid_known(observer), 90, "a worker took the polling lease")
        await _until(lambda: _true(bool(api.calls_to("getUpdates"))), 30, "polling started")
        holder = await _holder_pid(observer)
        assert holder in by_pid
        status, report = await _health(by_pid[holder][1])
        assert status == 200 and report["database"] == "ok" and "telegram:polling" in report["holds"]
        talk = asyncio.create_task(chatter())
        takeovers = []
        for _ in range(2):
            await asyncio.sleep(3)
            victim = await _holder_pid(observer)
            assert victim in by_pid
            killed_at = time.perf_counter()
            by_pid[victim][0].kill()  # SIGKILL: no clean-up, the lease simply stops being renewed
            await by_pid[victim][0].wait()
            takeovers.append(await _until(
                lambda killed_at=killed_at: _true(any(c.at > killed_at for c in api.calls_to("getUpdates"))),
                TAKEOVER_LIMIT_S, "another worker resumed polling"))
            assert await _holder_pid(observer) not in (None, victim)
        await asyncio.sleep(2)
        chatting = False
        await talk

        def replied() -> dict[int, int]:
            return {u.id: len(api.sent(u.id)) for u in users}

        def unanswered() -> int:
            return sum(max(0, sent[u] - n) for u, n in replied().items())

        with contextlib.suppress(AssertionError):
            await _until(lambda: _true(unanswered() == 0), 30, "every message answered")
        await asyncio.sleep(1.5)  # a duplicate would arrive by now
        extra = sum(max(0, n - sent[u]) for u, n in replied().items())
        assert unanswered() == 0, (replied(), dict(sent))  # nothing lost, through both kills
        assert extra <= len(takeovers), (replied(), dict(sent))  # at most the message in flight at each kill
        assert all(t < TAKEOVER_LIMIT_S for t in takeovers)
    finally:
        chatting = False
        await _stop(workers)


@pytest.mark.timeout(240)
async def test_two_webhook_workers_handle_a_repeated_update_once(
    api: FakeBotAPI, postgres_url: str, observer: Store, tmp_path: Path
) -> None:
    ports = [_free_port() for _ in range(2)]
    workers = [await _worker(api, postgres_url, tmp_path / f"h{n}", PORT=str(port),
                             TELEGRAM_WEBHOOK_URL="https://bot.example/hook", TELEGRAM_WEBHOOK_SECRET=SECRET)
               for n, port in enumerate(ports)]
    try:
        for port in ports:
            await _until(lambda port=port: _answers(port), 90, f"worker on {port} serving")
        ana = api.user(7200, "Ana")
        message = api.new_message(api.open_private(ana), ana.obj, text="/help",
                                  entities=[{"type": "bot_command", "offset": 0, "length": 5}])
        update = {"update_id": api.next_id(), "message": message}
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with ClientSession() as session:
            for port in ports:  # Telegram retried it, and the balancer sent the retry to the other worker
                async with session.post(f"http://127.0.0.1:{port}/hook", json=update, headers=headers) as r:
                    assert r.status == 200
        await _until(lambda: _true(len(api.sent(ana.id)) >= 1), 30, "the update answered")
        await asyncio.sleep(1.5)
        assert len(api.sent(ana.id)) == 1
        for port in ports:
            status, report = await _health(port)
            assert status == 200 and report["holds"] == ["telegram:webhook"] and report["backend"] == "postgres"
    finally:
        await _stop(workers)


async def _true(value: bool) -> bool:
    return value


async def _holder_pid_known(store: Store) -> bool:
    return await _holder_pid(store) is not None


async def _answers(port: int) -> bool:
    try:
        status, _ = await _health(port)
    except OSError:
        return False
    return status == 200
