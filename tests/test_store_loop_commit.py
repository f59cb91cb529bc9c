"""SQLite: a unit of work that arrives alone commits on the loop's thread, and never waits there for a lock."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import PositionWrite, SqliteStore, UnitOfWork, VersionConflict
from storage.sqlite import group_commit

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _uow(step: str, expected: int | None) -> UnitOfWork:
    return UnitOfWork(user_key="console:ana", chat_id="ana", now=NOW,
                      position=PositionWrite(flow="trigger", step=step, data={"n": step}, expires_at=None,
                                             expected_version=expected))


async def _alone() -> None:
    await asyncio.sleep(group_commit.QUIET_S * 2)  # no other unit in the last QUIET_S


async def test_a_unit_that_arrives_alone_is_committed_on_the_loops_thread(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await _alone()
        version = await store.apply(_uow("grounding", None))
        snap = await store.load("console:ana", "ana")
    finally:
        await store.close()
    assert store._group.here == 1
    assert snap.conversation is not None and (snap.conversation.step, snap.conversation.version) == ("grounding", 1)
    assert version == 1


async def test_a_version_conflict_on_the_loops_thread_writes_nothing(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await store.apply(_uow("grounding", None))
        await _alone()
        with pytest.raises(VersionConflict):
            await store.apply(_uow("diagnostic", 7))
        snap = await store.load("console:ana", "ana")
    finally:
        await store.close()
    assert snap.conversation is not None and (snap.conversation.step, snap.conversation.version) == ("grounding", 1)


async def test_a_write_lock_held_elsewhere_sends_the_unit_through_the_queue_without_blocking_the_loop(
        tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path)
    other = sqlite3.connect(path, isolation_level=None)  # another process, in effect
    try:
        other.execute("BEGIN IMMEDIATE")
        await _alone()
        started = time.perf_counter()
        applying = asyncio.ensure_future(store.apply(_uow("grounding", None)))
        await asyncio.sleep(0)
        assert time.perf_counter() - started < 1.0  # the loop's attempt did not wait for the lock
        await asyncio.sleep(0.2)
        assert not applying.done()  # aiosqlite's thread waits for it (busy_timeout)
        other.execute("COMMIT")
        version = await asyncio.wait_for(applying, 5)
        snap = await store.load("console:ana", "ana")
    finally:
        other.close()
        await store.close()
    assert store._group.here == 0
    assert version == 1 and snap.conversation is not None and snap.conversation.step == "grounding"


async def test_a_forget_committed_on_the_loops_thread_deletes_everything_about_the_user(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await store.apply(_uow("grounding", None))
        await _alone()
        await store.apply(UnitOfWork(user_key="console:ana", chat_id="ana", now=NOW, forget=True))
        left = await store.count_rows_for("console:ana")
    finally:
        await store.close()
    assert store._group.here == 2  # both units on the loop's connection, whose foreign keys cascade
    assert left == 0
