"""Regressions found in review: deferrals, lateness, /forget races, conflicts, cancelled BEGINs, migrations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, Settings, build_app
from bot.clock import FakeClock
from bot.engine import DeliveryDeferred
from bot.replies import Reply
from storage import ScheduleQueue, ScheduleWrite, SqliteStore, Store, UnitOfWork, VersionConflict, open_store
from tests.fakes.console import START

pytestmark = pytest.mark.both_backends  # every test runs on SQLite and on PostgreSQL


class RecordingSender:
    """A platform that accepts everything and remembers who got what."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, tuple[str, ...]]] = []

    async def send(self, user_key: str, chat_id: str, replies: list[Reply]) -> None:
        self.sent.append((user_key, tuple(r.kind for r in replies)))


@pytest.fixture
async def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
async def app(db_path: Path, sender: RecordingSender) -> AsyncIterator[App]:
    built = await build_app(Settings.from_env(db_path=str(db_path)), clock=FakeClock(START))
    built.senders["telegram"] = sender
    yield built
    await built.close()


async def _schedule(app: App, user_key: str, kind: str, due: Any, **settings: Any) -> None:
    uow = UnitOfWork(user_key=user_key, chat_id=user_key.split(":")[1], now=START)
    uow.settings_patch.update(settings)
    uow.schedule.append(ScheduleWrite(kind=kind, due_at=due, chat_id=uow.chat_id, payload={"topic": "texting"}))
    await app.store.apply(uow)


async def _rows(app: App) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in await app.store.fetch_all("SELECT status, note FROM scheduled")]


async def test_being_put_off_does_not_use_up_a_followups_attempts(
    app: App, sender: RecordingSender, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _schedule(app, "telegram:1", "followup", START, quiet="off")
    real, calls = app.engine.deliver, {"n": 0}

    async def busy(*args: Any, **kwargs: Any) -> list[Reply]:
        calls["n"] += 1
        if calls["n"] <= 6:
            raise DeliveryDeferred("protected-flow", timedelta(minutes=10))
        return await real(*args, **kwargs)

    monkeypatch.setattr(app.engine, "deliver", busy)
    now = START
    for _ in range(7):
        await app.pump.run_due(now)
        now += timedelta(minutes=11)
    assert [kinds for _, kinds in sender.sent] == [("followup",)]


async def test_a_followup_put_off_by_quiet_hours_keeps_its_lateness(app: App, sender: RecordingSender) -> None:
    due = START.replace(hour=13)  # a UTC user with the default quiet hours 22:00-08:00
    await _schedule(app, "telegram:5", "followup", due)
    await app.pump.run_due(due.replace(hour=23))  # 10 h late and inside quiet hours: put off to 08:00
    then = await app.pump.next_due_at()
    assert then is not None
    await app.pump.run_due(then)  # 19 h after it was due: past the 12 h limit
    assert sender.sent == [] and await _rows(app) == [("dropped", "stale")]


async def test_forget_while_an_item_is_being_rendered_brings_nothing_back(
    app: App, sender: RecordingSender, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _schedule(app, "telegram:2", "followup", START, quiet="off")
    queue: ScheduleQueue = app.pump.queue  # type: ignore[union-attr]
    real_users = queue.users

    async def users_then_forget(keys: Any) -> Any:
        found = await real_users(keys)
        await app.store.apply(UnitOfWork(user_key="telegram:2", chat_id="2", now=START, forget=True))
        return found

    monkeypatch.setattr(queue, "users", users_then_forget)
    await app.pump.run_due(START + timedelta(minutes=1))
    assert await app.store.count_rows_for("telegram:2") == 0 and sender.sent == []


async def test_a_conversation_conflict_puts_a_nudge_off_instead_of_dropping_it(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = START.replace(hour=12)
    await _schedule(app, "telegram:8", "nudge", due, nudge={"on": True, "time": "12:00"})
    real, calls = app.store.apply, {"n": 0}

    async def conflict_once(uow: UnitOfWork) -> int | None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise VersionConflict(uow.user_key)
        return await real(uow)

    monkeypatch.setattr(app.store, "apply", conflict_once)
    await app.pump.run_due(due)
    assert await _rows(app) == [("pending", "conflict")]


@pytest.mark.sqlite_only
async def test_a_cancelled_begin_leaves_no_transaction_open(db_path: Path) -> None:
    store = await SqliteStore.open(db_path)
    try:
        async def body() -> None:
            async with store.transaction() as conn:
                await conn.execute("SELECT 1")

        task = asyncio.create_task(body())
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.05)
        assert not store.connection.in_transaction
        await store.apply(UnitOfWork(user_key="x:1", chat_id="1", now=START))
    finally:
        await store.close()


async def test_two_processes_opening_a_new_database_migrate_it_once(db_path: Path) -> None:
    opened = await asyncio.gather(open_store(str(db_path)), open_store(str(db_path)), return_exceptions=True)
    for store in opened:
        if isinstance(store, Store):
            await store.close()
    assert not [r for r in opened if isinstance(r, BaseException)]


async def test_a_batch_taken_over_by_another_process_is_not_sent_by_the_first(app: App, db_path: Path) -> None:
    await _schedule(app, "telegram:3", "followup", START, quiet="off")
    slow = app.store.queue("slow-worker")
    [item] = await slow.claim(START, 10)
    other = app.store.queue("other-worker")
    assert [i.id for i in await other.expired_claims(START + timedelta(minutes=11), timedelta(minutes=10))] == [item.id]
    assert await slow.mark_sending([item.id], START + timedelta(minutes=11)) == set()
