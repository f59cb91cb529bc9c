"""SQLite's ``Store.load`` reads on the event loop's thread (no hop to aiosqlite's), and never waits there."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import PositionWrite, SqliteStore, UnitOfWork

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
