"""A step served from what this process last read or committed: a copy another writer made stale is caught at commit.

Two stores on one SQLite file are two connections, as two processes are (each has its own cache).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage import PositionWrite, SqliteStore, UnitOfWork, VersionConflict, open_store
from storage.sqlite import snapshots as snapshots_module
from storage.sqlite.snapshots import Snapshots
from storage.sqlite.store import merge_patch
from storage.unit_of_work import Seen
from tests.fakes.console import ConsoleDriver, kinds, open_console

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
USER, CHAT = "console:ana", "ana"
pytestmark = pytest.mark.both_backends


async def _sqlite(path: Path) -> SqliteStore:
    store = await open_store(str(path))
    assert isinstance(store, SqliteStore)
    return store


def _unit(snap_seen: Seen | None, version: int | None, step: str, **kw: object) -> UnitOfWork:
    position = PositionWrite("trigger", step, {"step": step}, version, NOW + timedelta(hours=6))
    return UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW, position=position, seen=snap_seen, **kw)  # type: ignore[arg-type]


async def _started(store: SqliteStore) -> None:
    """The user and a conversation at version 1, then a step served once (so the chat is held)."""
    await store.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW, user_fields={"locale": "en"},
                                 position=PositionWrite("trigger", "grounding", {}, None, None)))
    snap = await store.load_for_step(USER, CHAT)
    assert snap.seen is not None and snap.seen.version == 1


async def _held_as_stored(store: SqliteStore) -> None:
    held = store.snapshots.get(USER, CHAT)
    assert held is not None
    fresh = await store.load(USER, CHAT)
    assert (held[0], held[1]) == (fresh.user, fresh.conversation)
    (settings,) = (await store.fetch_all("SELECT settings FROM users WHERE user_key = ?", (USER,)))[0]
    assert held[2].settings == settings


class _Counting:
    """Counts the statements run on the store's loop-thread connection."""

    def __init__(self, store: SqliteStore) -> None:
        self.sql: list[str] = []
        store._here.set_trace_callback(self.sql.append)  # type: ignore[union-attr]


def _selects(sql: list[str]) -> int:
    return sum(1 for s in sql if s.lstrip().upper().startswith("SELECT"))


@pytest.mark.sqlite_only
async def test_a_step_after_its_own_commit_is_served_without_reading(db_path: Path) -> None:
    store = await _sqlite(db_path)
    try:
        await _started(store)
        snap = await store.load_for_step(USER, CHAT)
        version = await store.apply(_unit(snap.seen, 1, "diagnostic"))
        counting = _Counting(store)
        again = await store.load_for_step(USER, CHAT)
        assert _selects(counting.sql) == 0
        assert again.conversation is not None and again.user is not None
        assert (again.conversation.step, again.conversation.data, again.conversation.version) == (
            "diagnostic", {"step": "diagnostic"}, version)
        assert again.conversation.expires_at == NOW + timedelta(hours=6)
        assert again.conversation.updated_at == NOW
        assert again.user.locale == "en"
        # What the database says, field for field (seen aside).
        fresh = await store.load(USER, CHAT)
        assert (fresh.user, fresh.conversation) == (again.user, again.conversation)
    finally:
        await store.close()


@pytest.mark.sqlite_only
async def test_a_conversation_another_connection_moved_is_refused_and_then_read_afresh(db_path: Path) -> None:
    ours, theirs = await _sqlite(db_path), await _sqlite(db_path)
    try:
        await _started(ours)
        moved = await theirs.apply(_unit(None, 1, "rate"))  # another process's step: version 2
        stale = await ours.load_for_step(USER, CHAT)
        assert stale.conversation is not None and stale.conversation.version == 1  # held, not read
        with pytest.raises(VersionConflict):
            await ours.apply(_unit(stale.seen, 1, "diagnostic"))
        assert (await theirs.load(USER, CHAT)).conversation.step == "rate"  # type: ignore[union-attr]
        again = await ours.load_for_step(USER, CHAT)  # the retry reads the database
        assert again.conversation is not None and (again.conversation.step, again.conversation.version) == (
            "rate", moved)
        assert await ours.apply(_unit(again.seen, moved, "diagnostic")) == moved + 1  # type: ignore[operator]
    finally:
        await ours.close()
        await theirs.close()


@pytest.mark.sqlite_only
async def test_a_user_row_another_connection_changed_is_refused(db_path: Path) -> None:
    ours, theirs = await _sqlite(db_path), await _sqlite(db_path)
    try:
        await _started(ours)
        await theirs.apply(UnitOfWork(user_key=USER, chat_id="elsewhere", now=NOW, settings_patch={"nudge": "09:00"}))
        stale = await ours.load_for_step(USER, CHAT)
        assert stale.user is not None and stale.user.settings == {}
        with pytest.raises(VersionConflict):
            await ours.apply(_unit(stale.seen, 1, "diagnostic"))
        again = await ours.load_for_step(USER, CHAT)
        assert again.user is not None and again.user.settings == {"nudge": "09:00"}
        conv = (await theirs.load(USER, CHAT)).conversation
        assert conv is not None and conv.step == "grounding"  # the refused unit wrote nothing
    finally:
        await ours.close()
        await theirs.close()


@pytest.mark.sqlite_only
async def test_a_user_erased_by_another_connection_is_not_brought_back(db_path: Path) -> None:
    ours, theirs = await _sqlite(db_path), await _sqlite(db_path)
    try:
        await _started(ours)
        await theirs.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW, forget=True))
        stale = await ours.load_for_step(USER, CHAT)
        assert stale.user is not None  # held
        with pytest.raises(VersionConflict):
            await ours.apply(_unit(stale.seen, 1, "diagnostic"))
        assert await ours.count_rows_for(USER) == 0
        again = await ours.load_for_step(USER, CHAT)
        assert (again.user, again.conversation, again.seen) == (None, None, None)
    finally:
        await ours.close()
        await theirs.close()


@pytest.mark.sqlite_only
async def test_a_unit_that_writes_no_position_still_checks_the_version_it_read(db_path: Path) -> None:
    # A press judged by the held version (current or passed) commits no position; it must still be refused.
    ours, theirs = await _sqlite(db_path), await _sqlite(db_path)
    try:
        await _started(ours)
        await theirs.apply(_unit(None, 1, "rate"))
        stale = await ours.load_for_step(USER, CHAT)
        with pytest.raises(VersionConflict):
            await ours.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW, seen=stale.seen))
        fresh = await ours.load_for_step(USER, CHAT)
        assert await ours.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW, seen=fresh.seen)) is None
    finally:
        await ours.close()
        await theirs.close()


@pytest.mark.sqlite_only
async def test_erase_leaves_nothing_of_the_user_held(db_path: Path) -> None:
    store = await _sqlite(db_path)
    try:
        await _started(store)
        await store.apply(UnitOfWork(user_key=USER, chat_id="other", now=NOW,
                                     position=PositionWrite("ground", "exercise", {}, None, None)))
        await store.load_for_step(USER, "other")
        assert len(store.snapshots) == 2
        await store.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW, forget=True))
        assert len(store.snapshots) == 0
        assert store.snapshots.get(USER, CHAT) is None and store.snapshots.get(USER, "other") is None
    finally:
        await store.close()


@pytest.mark.sqlite_only
async def test_writes_that_do_not_go_through_the_held_copy_drop_it(db_path: Path) -> None:
    store = await _sqlite(db_path)
    try:
        await _started(store)
        await store.apply(_unit(None, 1, "rate"))  # a follow-up delivered by the pump: read afresh next time
        assert store.snapshots.get(USER, CHAT) is None
        await store.load_for_step(USER, CHAT)
        await store.mark_unreachable(USER, NOW)  # the platform says they blocked us
        assert store.snapshots.get(USER, CHAT) is None
        snap = await store.load_for_step(USER, CHAT)
        assert snap.user is not None and snap.user.unreachable
        await store.apply(_unit(snap.seen, snap.conversation.version, "diagnostic",  # type: ignore[union-attr]
                                user_fields={"unreachable": 0}))
        await _held_as_stored(store)  # the step's own change to the row is held as it wrote it
    finally:
        await store.close()


@pytest.mark.sqlite_only
async def test_what_a_step_changes_in_its_snapshot_is_not_held(db_path: Path) -> None:
    store = await _sqlite(db_path)
    try:
        await _started(store)
        snap = await store.load_for_step(USER, CHAT)
        unit = _unit(snap.seen, 1, "diagnostic")
        await store.apply(unit)
        unit.position.data["step"] = "changed after the commit"  # type: ignore[union-attr]
        got = await store.load_for_step(USER, CHAT)
        got.conversation.data["added"] = True  # type: ignore[union-attr]
        got.user.settings["added"] = True  # type: ignore[union-attr]
        again = await store.load_for_step(USER, CHAT)
        assert again.conversation.data == {"step": "diagnostic"}  # type: ignore[union-attr]
        assert again.user.settings == {}  # type: ignore[union-attr]
    finally:
        await store.close()


@pytest.mark.sqlite_only
async def test_a_settings_patch_from_a_held_copy_stores_what_json_patch_would(db_path: Path) -> None:
    store = await _sqlite(db_path)
    try:
        await _started(store)
        await store.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW,
                                     settings_patch={"nudge": "09:00", "care": {"a": 1, "b": [1, 2]}, "x": "é"}))
        expected_after = await store.fetch_all(
            "SELECT json_patch(settings, ?) FROM users WHERE user_key = ?",
            ('{"care":{"a":null,"c":{"d":null,"e":2}},"last_exercise":"5-4-3-2-1","nudge":null}', USER))
        snap = await store.load_for_step(USER, CHAT)
        await store.apply(_unit(snap.seen, 1, "diagnostic", settings_patch={
            "nudge": None, "care": {"a": None, "c": {"d": None, "e": 2}}, "last_exercise": "5-4-3-2-1"}))
        fresh = await store.load(USER, CHAT)
        assert fresh.user is not None and fresh.user.settings == json.loads(expected_after[0][0])
        await _held_as_stored(store)
        nxt = await store.load_for_step(USER, CHAT)  # served, and its check passes against what is stored
        assert await store.apply(_unit(nxt.seen, 2, "rate", settings_patch={"last_exercise": "box"})) == 3
        await _held_as_stored(store)
    finally:
        await store.close()


def test_merge_patch_follows_rfc_7396() -> None:
    # RFC 7396, appendix A (the cases SQLite's json_patch documents too).
    cases = [
        ({"a": "b"}, {"a": "c"}, {"a": "c"}), ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}), ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
        ({"a": ["b"]}, {"a": "c"}, {"a": "c"}), ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}), ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
        ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
    ]
    conn = sqlite3.connect(":memory:")
    for target, patch, expected in cases:
        assert merge_patch(target, patch) == expected
        (sqlite_says,) = conn.execute("SELECT json_patch(?, ?)", (json.dumps(target), json.dumps(patch))).fetchone()
        assert json.loads(sqlite_says) == expected


def test_the_held_copies_are_bounded_least_recently_used_first() -> None:
    seen = Seen("en", None, None, "{}", 0, 1)
    held = Snapshots(max_users=3, max_chats=2)
    for n in range(10):
        held.put(f"u{n}", "c", seen, "ground", "exercise", "{}", None, None)
        held.get("u7", "c")  # used again and again: kept
    assert len(held) == 3
    assert held.get("u7", "c") is not None and held.get("u9", "c") is not None and held.get("u8", "c") is not None
    for chat in ("a", "b", "c", "d"):
        held.put("u9", chat, seen, "ground", "exercise", "{}", None, None)
    assert [chat for chat in "abcd" if held.get("u9", chat) is not None] == ["c", "d"]


def test_a_long_conversation_or_settings_is_not_held() -> None:
    held = Snapshots()
    short, long = "{}", '{"text":"' + "x" * snapshots_module.MAX_TEXT + '"}'
    held.put("u", "c", Seen("en", None, None, short, 0, 1), "trigger", "rate", short, None, None)
    held.put("u", "c", Seen("en", None, None, short, 0, 2), "trigger", "rate", long, None, None)
    assert held.get("u", "c") is None and len(held) == 0
    held.put("u", "c", Seen("en", None, None, long, 0, 1), "trigger", "rate", short, None, None)
    assert held.get("u", "c") is None


def test_a_held_copy_past_its_age_is_not_served(monkeypatch: pytest.MonkeyPatch) -> None:
    held = Snapshots(max_age_s=600)
    clock = [1000.0]
    monkeypatch.setattr(snapshots_module.time, "monotonic", lambda: clock[0])
    held.put("u", "c", Seen("en", None, None, "{}", 0, 1), "ground", "exercise", "{}", None, None)
    clock[0] += 599
    assert held.get("u", "c") is not None
    clock[0] += 2
    assert held.get("u", "c") is None and len(held) == 0


async def test_only_sqlite_serves_a_step_from_a_held_copy(store: object) -> None:
    assert hasattr(store, "load_for_step")
    await store.apply(UnitOfWork(user_key=USER, chat_id=CHAT, now=NOW,  # type: ignore[attr-defined]
                                 position=PositionWrite("ground", "exercise", {}, None, None)))
    snap = await store.load_for_step(USER, CHAT)  # type: ignore[attr-defined]
    fresh = await store.load(USER, CHAT)  # type: ignore[attr-defined]
    assert (snap.user, snap.conversation) == (fresh.user, fresh.conversation)
    assert (snap.seen is not None) == (getattr(store, "backend", "") == "sqlite")


# ---- the engine over two processes' worth of stores ------------------------------------------


async def _held_at_an_exercise(console: ConsoleDriver) -> None:
    """/ground, then another exercise: the second step commits from a held copy, which then holds version 2."""
    await console.send("/ground", "#another")
    assert console.app.store.snapshots.get("console:local", "local") is not None  # type: ignore[attr-defined]


@pytest.mark.sqlite_only
async def test_a_current_press_that_ours_holds_as_newer_than_its_copy_is_judged_by_the_database(db_path: Path) -> None:
    alone = await open_console(db_path.with_name("alone.sqlite3"))
    ours, theirs = await open_console(db_path), await open_console(db_path)
    try:
        await alone.send("/ground", "#another", "#another")
        expected = await alone.send("#done")
        await _held_at_an_exercise(ours)
        theirs.session.last_choices = ours.session.last_choices
        await theirs.send("#another")  # the other process moves on: version 3, which ours has not seen
        ours.session.last_choices = theirs.session.last_choices
        hits = ours.app.store.snapshots.hits  # type: ignore[attr-defined]
        replies = await ours.send("#done")  # by ours's copy (version 2) this button looks passed; it is not
        assert ours.app.store.snapshots.hits == hits + 1  # type: ignore[attr-defined]
        assert kinds(replies) == kinds(expected)
        assert [r["text"] for r in replies] == [r["text"] for r in expected]
    finally:
        for console in (alone, ours, theirs):
            await console.close()


@pytest.mark.sqlite_only
async def test_an_old_press_after_another_process_moved_on_still_says_it_passed(db_path: Path) -> None:
    ours, theirs = await open_console(db_path), await open_console(db_path)
    try:
        await _held_at_an_exercise(ours)
        old = ours.session.last_choices
        theirs.session.last_choices = old
        await theirs.send("#done")  # the exercise is over (version 3)
        ours.session.last_choices = old
        replies = await ours.send("#another")  # current by ours's copy; passed in the database
        assert kinds(replies) == ["info"]
        assert replies[0]["text"] == (await _alone_stale_press(db_path))[0]["text"]
    finally:
        await ours.close()
        await theirs.close()


async def _alone_stale_press(db_path: Path) -> list[dict[str, Any]]:
    alone = await open_console(db_path.with_name("alone.sqlite3"))
    try:
        await alone.send("/ground", "#another")
        old = alone.session.last_choices
        await alone.send("#done")
        alone.session.last_choices = old
        return await alone.send("#another")
    finally:
        await alone.close()


@pytest.mark.sqlite_only
async def test_a_step_after_another_process_erased_the_user_starts_afresh(db_path: Path) -> None:
    ours, theirs = await open_console(db_path), await open_console(db_path)
    try:
        await _held_at_an_exercise(ours)
        old = ours.session.last_choices
        await theirs.send("/forget")
        await theirs.send("#yes")
        ours.session.last_choices = old
        replies = await ours.send("#another")
        assert kinds(replies) == ["info"]  # nothing is open any more
        rows = sqlite3.connect(db_path).execute("SELECT flow FROM conversations WHERE flow IS NOT NULL").fetchall()
        assert rows == []  # the erased exercise was not written back
    finally:
        await ours.close()
        await theirs.close()
