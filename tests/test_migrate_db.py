"""``python -m bot migrate-db``: everything moves from the SQLite file to PostgreSQL, twice safely."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from storage import JournalWrite, ScheduleWrite, UnitOfWork, open_store
from storage.postgres.copy_from_sqlite import copy_sqlite_to_postgres
from storage.rooms import RoomRow, RoomStore
from tests.fakes.console import START, open_console

USERS = ("console:ana", "console:bo")


async def _filled_sqlite(path: Path) -> None:
    console = await open_console(path)
    await console.send("he hasn't replied in 4 hours", "#done", "#my_history", "#next", "#4", "#1h", "/nudge 09:00")
    await console.close()
    store = await open_store(str(path))
    try:
        await store.apply(UnitOfWork(user_key="console:bo", chat_id="bo", now=START, safety_plan={"reasons": "my dog"},
                                     tips=["breathe"], journal=[JournalWrite("b1", topic="jealousy", text="words")],
                                     schedule=[ScheduleWrite("followup", START + timedelta(hours=3), "bo")]))
        await store.set_meta("commands-hash", "abc")
        # A live help room: its owner and claim rows reference it (and sort before it by name).
        rooms = RoomStore(store)
        await rooms.create(RoomRow("R-AAAAA", "telegram:-1", "telegram", "-2", "7", None, "claimed", None, "words",
                                   "listen", 0, 0, "en", 3, START, START, None, START), "console:bo", "bo")
        await rooms.claim("R-AAAAA", "telegram:5", "Hal")
    finally:
        await store.close()


async def test_every_table_is_copied_and_the_counts_match(tmp_path: Path, postgres_url: str) -> None:
    source = tmp_path / "old.sqlite3"
    await _filled_sqlite(source)
    counts = await copy_sqlite_to_postgres(source, postgres_url)
    assert all(c.ok for c in counts) and {c.table for c in counts} >= {
        "users", "conversations", "journal", "scheduled", "safety_plans", "tips_sent", "meta", "rooms",
        "room_owners", "room_claims"}
    assert {c.table: c.source for c in counts}["tips_sent"] == 1


async def test_running_it_again_changes_nothing(tmp_path: Path, postgres_url: str) -> None:
    source = tmp_path / "old.sqlite3"
    await _filled_sqlite(source)
    first = await copy_sqlite_to_postgres(source, postgres_url)
    second = await copy_sqlite_to_postgres(source, postgres_url)
    assert first == second and all(c.ok for c in second)


async def test_the_copy_exports_the_same_data_and_keeps_scheduling(tmp_path: Path, postgres_url: str) -> None:
    source = tmp_path / "old.sqlite3"
    await _filled_sqlite(source)
    await copy_sqlite_to_postgres(source, postgres_url)
    old, new = await open_store(str(source)), await open_store(postgres_url)
    try:
        for user in ("console:local", "console:bo"):
            assert await old.export_user(user) == await new.export_user(user)
        # New rows get ids after the copied ones.
        await new.apply(UnitOfWork(user_key="console:bo", chat_id="bo", now=START,
                                   schedule=[ScheduleWrite("nudge", START + timedelta(days=1), "bo")]))
        ids = [r[0] for r in await new.fetch_all("SELECT id FROM scheduled ORDER BY id")]
        assert len(ids) == len(set(ids))
    finally:
        await old.close()
        await new.close()


def test_command_prints_verified_counts_and_refuses_a_missing_file(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "old.sqlite3"
    asyncio.run(_filled_sqlite(source))
    assert main(["migrate-db", "--from", str(source), "--to", postgres_url]) == 0
    out = capsys.readouterr().out
    assert "every count matches" in out
    assert ["tips_sent", "1", "1", "ok"] in [line.split() for line in out.splitlines()]
    assert main(["migrate-db", "--from", str(tmp_path / "none.sqlite3"), "--to", postgres_url]) == 2
    assert main(["migrate-db", "--from", str(source), "--to", str(tmp_path / "y.sqlite3")]) == 2


async def test_a_database_made_by_the_engine_bench_moves_and_the_counts_match(
        tmp_path: Path, postgres_url: str) -> None:
    from bench.engine import run as engine_bench

    source = tmp_path / "bench.sqlite3"
    users = 6
    await engine_bench(users, 500.0, str(source))  # both phases' walkers, in the kept file
    counts = await copy_sqlite_to_postgres(source, postgres_url)
    assert all(c.ok for c in counts), [c for c in counts if not c.ok]
    copied = {c.table: c.target for c in counts}
    assert copied["users"] == copied["conversations"] == 2 * users  # every walker, once per phase
    assert copied["journal"] == 2 * users  # the walk writes one trigger entry
