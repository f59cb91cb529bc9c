"""SQLite's per-user reads (``load``, the journal, the plan, pending items, tips) run on the event loop's
thread (no hop to aiosqlite's), and never wait there."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import PositionWrite, SqliteStore, UnitOfWork
from storage.unit_of_work import JournalWrite, ScheduleWrite

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _uow(step: str, expected: int | None) -> UnitOfWork:
    return UnitOfWork(user_key="console:ana", chat_id="ana", now=NOW, user_fields={"locale": "es"},
                      position=PositionWrite(flow="trigger", step=step, data={"n": step}, expires_at=None,
                                                   expected_version=expected))


async def test_a_load_sees_each_unit_of_work_once_it_is_committed(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        assert (await store.load("console:ana", "ana")).user is None
        await store.apply(_uow("grounding", None))
        first = await store.load("console:ana", "ana")
        await store.apply(_uow("diagnostic", first.conversation.version if first.conversation else None))
        second = await store.load("console:ana", "ana")
    finally:
        await store.close()
    assert first.conversation is not None and second.conversation is not None
    assert (first.conversation.step, second.conversation.step) == ("grounding", "diagnostic")
    assert second.conversation.version == first.conversation.version + 1


async def test_a_load_the_loop_thread_cannot_serve_is_read_on_aiosqlite_thread(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await store.apply(_uow("grounding", None))
        reader = store._here
        assert reader is not None
        # Any refusal on the loop's connection (here SQLite's authorizer; in life a lock or a
        # recovery in progress, where it must not wait) sends the read through aiosqlite.
        reader.set_authorizer(lambda *_: sqlite3.SQLITE_DENY)
        with pytest.raises(sqlite3.DatabaseError):
            reader.execute("SELECT * FROM users")
        with_refusal = await store.load("console:ana", "ana")
    finally:
        await store.close()
    assert with_refusal.conversation is not None and with_refusal.conversation.step == "grounding"


async def _seed(store: SqliteStore) -> None:
    await store.apply(UnitOfWork(
        user_key="console:ana", chat_id="ana", now=NOW,
        journal=[JournalWrite(entry_id="j1", topic="texting", text="hi")],
        schedule=[ScheduleWrite(kind="followup", due_at=NOW + timedelta(hours=1), chat_id="ana")],
        safety_plan={"reasons": ["my cat"]}, tips=["breathe"]))


async def _reads(store: SqliteStore) -> tuple[object, ...]:
    since = NOW - timedelta(days=1)
    journal = await store.recent_journal("console:ana", since)
    return ([(r["id"], r["topic"], r["text"]) for r in journal], await store.safety_plan("console:ana"),
            await store.has_pending_since("console:ana", "ana", since), await store.recent_tips("console:ana", since))


async def test_the_per_user_reads_are_served_by_the_loops_connection(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await _seed(store)
        worker_reads: list[str] = []
        fetchall = store.connection.execute_fetchall

        async def counting(sql: str, *args: object) -> object:
            worker_reads.append(sql)
            return await fetchall(sql, *args)

        store.connection.execute_fetchall = counting  # type: ignore[method-assign]
        reads = await _reads(store)
    finally:
        await store.close()
    assert reads == ([("j1", "texting", "hi")], {"reasons": ["my cat"]}, True, ["breathe"])
    assert worker_reads == []


async def test_per_user_reads_the_loops_connection_refuses_go_through_aiosqlite(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await _seed(store)
        expected = await _reads(store)
        assert store._here is not None
        store._here.set_authorizer(lambda *_: sqlite3.SQLITE_DENY)
        refused = await _reads(store)
    finally:
        await store.close()
    assert refused == expected == ([("j1", "texting", "hi")], {"reasons": ["my cat"]}, True, ["breathe"])
