"""The storage contract on both backends: migrations, versioned positions, JSON round trip, one transaction."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import (
    JournalWrite,
    PositionWrite,
    ScheduleWrite,
    SqliteStore,
    Store,
    UnitOfWork,
    VersionConflict,
    open_store,
)
from storage.migrations import MIGRATIONS

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
pytestmark = pytest.mark.both_backends


def _uow(**kw: object) -> UnitOfWork:
    return UnitOfWork(user_key="console:ana", chat_id="ana", now=NOW, **kw)  # type: ignore[arg-type]


@pytest.mark.sqlite_only
async def test_database_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    assert isinstance(store, SqliteStore)
    (mode,) = next(iter(await store.connection.execute_fetchall("PRAGMA journal_mode")))
    (fks,) = next(iter(await store.connection.execute_fetchall("PRAGMA foreign_keys")))
    (version,) = next(iter(await store.connection.execute_fetchall("PRAGMA user_version")))
    assert (mode, fks, version) == ("wal", 1, len(MIGRATIONS))


async def test_reopening_a_migrated_database_keeps_its_rows(db_path: Path | str) -> None:
    store = await open_store(str(db_path))
    await store.apply(_uow(user_fields={"locale": "es"}))
    await store.close()
    store = await open_store(str(db_path))
    snap = await store.load("console:ana", "ana")
    await store.close()
    assert snap.user is not None and snap.user.locale == "es"


async def test_conversation_position_round_trips_through_json(db_path: Path | str) -> None:
    data = {"topic": "texting", "text": "he said \"fine\" 🙂\nthen nothing", "intensity": 4, "nested": {"a": [1, 2]}}
    store = await open_store(str(db_path))
    expires = NOW + timedelta(hours=6)
    version = await store.apply(_uow(position=PositionWrite("trigger", "diagnostic", data, None, expires)))
    await store.close()
    store = await open_store(str(db_path))
    conv = (await store.load("console:ana", "ana")).conversation
    await store.close()
    assert conv is not None
    assert (conv.flow, conv.step, conv.data, conv.version, conv.expires_at) == (
        "trigger", "diagnostic", json.loads(json.dumps(data)), version, expires)


async def test_a_write_from_a_stale_version_is_refused(store: Store) -> None:
    first = await store.apply(_uow(position=PositionWrite("trigger", "grounding", {}, None, None)))
    await store.apply(_uow(position=PositionWrite("trigger", "diagnostic", {}, first, None)))
    with pytest.raises(VersionConflict):
        await store.apply(_uow(position=PositionWrite("trigger", "rate", {}, first, None)))
    conv = (await store.load("console:ana", "ana")).conversation
    assert conv is not None and conv.step == "diagnostic"


async def test_a_refused_unit_of_work_leaves_nothing_half_written(store: Store) -> None:
    first = await store.apply(_uow(position=PositionWrite("trigger", "grounding", {}, None, None)))
    await store.apply(_uow(position=PositionWrite("trigger", "diagnostic", {}, first, None)))
    with pytest.raises(VersionConflict):
        await store.apply(_uow(position=PositionWrite("trigger", "rate", {}, first, None),
                               journal=[JournalWrite("j1", topic="texting", text="x")]))
    assert await store.fetch_all("SELECT count(*) FROM journal") == [(0,)]


async def test_a_new_followup_supersedes_the_pending_one(store: Store) -> None:
    await store.apply(_uow(schedule=[ScheduleWrite("followup", NOW + timedelta(hours=1), "ana")]))
    await store.apply(_uow(schedule=[ScheduleWrite("followup", NOW + timedelta(hours=3), "ana")]))
    rows = await store.fetch_all("SELECT status FROM scheduled ORDER BY id")
    assert [r[0] for r in rows] == ["superseded", "pending"]


async def test_forget_leaves_no_row_about_the_user_in_any_table(store: Store) -> None:
    await store.apply(_uow(
        user_fields={"locale": "en", "tz": "Europe/Madrid"}, settings_patch={"nudge": "09:00"},
        position=PositionWrite("trigger", "rate", {"topic": "texting"}, None, None),
        journal=[JournalWrite("j1", topic="texting", text="no reply")],
        schedule=[ScheduleWrite("followup", NOW + timedelta(hours=1), "ana")],
        safety_plan={"warning_signs": "racing thoughts"}, tips=["tip-1"],
    ))
    await store.set_meta("unrelated", "kept")
    assert await store.count_rows_for("console:ana") == 6
    await store.apply(_uow(forget=True))
    remaining = await store.count_rows_for("console:ana")
    tables = await store.user_tables()
    assert remaining == 0
    assert {"users", "conversations", "journal", "scheduled", "safety_plans", "tips_sent"} <= set(tables)


async def test_one_user_never_sees_another_users_rows(store: Store) -> None:
    await store.apply(_uow(journal=[JournalWrite("j1", topic="texting", text="ana's words")]))
    other = UnitOfWork(user_key="console:bo", chat_id="bo", now=NOW)
    await store.apply(other)
    exported = await store.export_user("console:bo")
    assert "ana's words" not in json.dumps(exported)


@pytest.mark.sqlite_only
async def test_the_writer_never_checkpoints_and_a_background_connection_does(db_path: Path) -> None:
    import asyncio

    store = await SqliteStore.open(db_path)
    try:
        (auto,) = next(iter(await store.connection.execute_fetchall("PRAGMA wal_autocheckpoint")))
        before = await asyncio.to_thread(os.path.getsize, db_path)
        await store.apply(_uow(journal=[JournalWrite(f"j{i}", topic="texting", text="x" * 2000) for i in range(300)]))
        await asyncio.sleep(1.3)
        after = await asyncio.to_thread(os.path.getsize, db_path)  # pages copied from the WAL into the database file
    finally:
        await store.close()
    assert auto == 0
    assert after > before + 300 * 2000


async def test_versions_count_up_whether_a_write_expects_one_or_not(store: Store) -> None:
    assert await store.apply(_uow(position=PositionWrite("trigger", "grounding", {}, None, None))) == 1
    assert await store.apply(_uow(position=PositionWrite("trigger", "diagnostic", {}, 1, None))) == 2
    # No version read (a new event that found no conversation): written over whatever is there.
    assert await store.apply(_uow(position=PositionWrite("trigger", "rate", {"n": 1}, None, None))) == 3
    conv = (await store.load("console:ana", "ana")).conversation
    assert conv is not None and (conv.step, conv.data, conv.version) == ("rate", {"n": 1}, 3)


@pytest.mark.sqlite_only
async def test_a_conversation_gone_since_it_was_read_is_written_afresh(store: Store) -> None:
    await store.apply(_uow(position=PositionWrite("trigger", "grounding", {}, None, None)))
    await store.write_returning("DELETE FROM conversations WHERE user_key = ? RETURNING version", ("console:ana",))
    assert await store.apply(_uow(position=PositionWrite("trigger", "diagnostic", {}, 1, None))) == 1


async def test_settings_patches_merge_and_a_null_removes_a_key_also_on_a_new_user(store: Store) -> None:
    await store.apply(_uow(settings_patch={"nudge": "09:00", "quiet": None}, user_fields={"locale": "es"}))
    user = (await store.load("console:ana", "ana")).user
    assert user is not None and (user.settings, user.locale) == ({"nudge": "09:00"}, "es")
    await store.apply(_uow(settings_patch={"nudge": None, "tz_asked": True}, user_fields={"tz": "Europe/Madrid"}))
    await store.apply(_uow(user_fields={"unreachable": 1, "locale": "en"}))
    user = (await store.load("console:ana", "ana")).user
    assert user is not None
    assert (user.settings, user.locale, user.tz, user.unreachable) == ({"tz_asked": True}, "en", "Europe/Madrid", True)
