"""A worker killed with SIGKILL loses its follow-ups to another worker within seconds, not the 10-minute lease.

Real ``python -m bot run`` processes against the fake Bot API, on SQLite and on PostgreSQL: each
pumping worker beats in the database; once a dead worker's heartbeat is older than
``GROUNDWORK_WORKER_STALE_S`` (shortened here), the next pump run takes its items over, charging
no attempt.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import ScheduleWrite, Store, UnitOfWork, open_store
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_workers import _stop, _until, _worker

pytestmark = pytest.mark.both_backends
STALE_S = 3


@pytest.fixture
async def observer(db_path: Path | str) -> AsyncIterator[Store]:
    store = await open_store(str(db_path))
    yield store
    await store.close()


async def _row(store: Store) -> tuple[str, str | None, int, int]:
    [(status, claimed_by, attempts, takeovers)] = await store.fetch_all(
        "SELECT status, claimed_by, attempts, takeovers FROM scheduled WHERE kind = 'followup'")
    return status, claimed_by, attempts, takeovers


@pytest.mark.timeout(240)
async def test_a_followup_on_the_wire_when_its_worker_is_killed_is_taken_over_within_seconds(
    api: FakeBotAPI, db_path: Path | str, observer: Store, tmp_path: Path
) -> None:
    user = api.user(8100, "Kai")
    api.open_private(user)
    api.slow_chats[user.id] = 60.0  # the first worker's send is held on the wire until it is killed
    now = datetime.now(UTC)
    uow = UnitOfWork(user_key=f"telegram:{user.id}", chat_id=str(user.id), now=now)
    uow.settings_patch["quiet"] = "off"
    uow.schedule.append(ScheduleWrite(kind="followup", due_at=now, chat_id=str(user.id),
                                      payload={"topic": "texting", "intensity": 3}))
    await observer.apply(uow)
    stale = {"GROUNDWORK_WORKER_STALE_S": str(STALE_S)}
    first = await _worker(api, str(db_path), tmp_path / "first", **stale)
    workers = [first]
    try:
        await _until(lambda: _held(api), 120, "the first worker's follow-up is on the wire")
        assert (await _row(observer))[0] == "sending"
        first.kill()
        await first.wait()
        api.slow_chats.pop(user.id)
        second = await _worker(api, str(db_path), tmp_path / "second", **stale)
        workers.append(second)
        killed_at = time.monotonic()
        await _until(lambda: _sent(observer), 120, "the follow-up is sent by the second worker")
        took = time.monotonic() - killed_at
    finally:
        await _stop(workers)
    status, claimed_by, attempts, takeovers = await _row(observer)
    assert (status, attempts, takeovers) == ("sent", 0, 1)  # the kill charged no attempt
    assert claimed_by is not None and f":{second.pid}:" in claimed_by
    assert took < timedelta(minutes=2).total_seconds()  # far inside the 10-minute lease
    assert len(api.sent(user.id)) == 1  # the killed worker's request never reached Telegram


async def _held(api: FakeBotAPI) -> bool:
    return api.held > 0


async def _sent(store: Store) -> bool:
    return (await _row(store))[0] == "sent"
