"""SQLite: a unit of work commits on the loop's thread, and never waits there for a lock."""

from __future__ import annotations

import asyncio
import math
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


async def test_a_unit_is_committed_on_the_loops_thread(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        version = await store.apply(_uow("grounding", None))
        snap = await store.load("console:ana", "ana")
    finally:
        await store.close()
    assert store._group.here == 1
    assert snap.conversation is not None and (snap.conversation.step, snap.conversation.version) == ("grounding", 1)
    assert version == 1


# Right behind the first unit the conflicting one waits for the loop's turn; after a pause it arrives alone.
@pytest.mark.parametrize("pause_s", [0.0, group_commit.LONE_AFTER_S * 2], ids=["in_the_loops_turn", "alone"])
async def test_a_version_conflict_on_the_loops_thread_writes_nothing(tmp_path: Path, pause_s: float) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await store.apply(_uow("grounding", None))
        await asyncio.sleep(pause_s)
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
        await store.apply(UnitOfWork(user_key="console:ana", chat_id="ana", now=NOW, forget=True))
        left = await store.count_rows_for("console:ana")
    finally:
        await store.close()
    assert store._group.here == 2  # both units on the loop's connection, whose foreign keys cascade
    assert left == 0


@pytest.fixture
def close_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every unit comes close behind another, as on a busy loop: none commits alone at once."""
    monkeypatch.setattr(group_commit, "LONE_AFTER_S", math.inf)


def _new(user: str) -> UnitOfWork:
    return UnitOfWork(user_key=f"console:{user}", chat_id="c", now=NOW,
                      position=PositionWrite(flow="trigger", step="grounding", data={}, expires_at=None,
                                             expected_version=None))


class _Counted:
    """Counts the transactions on the loop's connection and the batches on aiosqlite's thread."""

    def __init__(self) -> None:
        self.here: list[int] = []
        self.worker: list[int] = []

    def __enter__(self) -> _Counted:
        self._here, self._batch = group_commit._write_here, group_commit._write_batch

        def here(db: sqlite3.Connection, write: object, units: list[UnitOfWork]) -> object:
            self.here.append(len(units))
            return self._here(db, write, units)  # type: ignore[arg-type]

        def batch(db: sqlite3.Connection, write: object, units: list[UnitOfWork]) -> object:
            self.worker.append(len(units))
            return self._batch(db, write, units)  # type: ignore[arg-type]

        group_commit._write_here, group_commit._write_batch = here, batch  # type: ignore[assignment]
        return self

    def __exit__(self, *_: object) -> None:
        group_commit._write_here, group_commit._write_batch = self._here, self._batch


async def test_units_of_one_loop_turn_share_a_transaction_on_the_loops_thread(
        tmp_path: Path, close_together: None) -> None:
    # They used to go to aiosqlite's thread in one batch; a worker writing beside a busy loop waits
    # for the GIL after every statement, and the steps behind it queued (bench/README, engine).
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        with _Counted() as counted:
            versions = await asyncio.gather(*(store.apply(_new(f"u{i}")) for i in range(100)))
            later = await store.apply(_new("late"))
        loaded = [await store.load(f"console:u{i}", "c") for i in range(100)]
    finally:
        await store.close()
    assert versions == [1] * 100 and later == 1
    assert all(s.conversation is not None and s.conversation.step == "grounding" for s in loaded)
    # At most HERE_MAX_BATCH to a transaction: one holds up every other callback of the loop.
    assert counted.here == [64, 36, 1] and counted.worker == [] and store._group.here == 101


async def test_a_version_conflict_in_a_shared_transaction_fails_that_unit_alone(
        tmp_path: Path, close_together: None) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        await store.apply(_uow("grounding", None))
        with _Counted() as counted:
            outcomes = await asyncio.gather(store.apply(_new("before")), store.apply(_uow("diagnostic", 7)),
                                            store.apply(_new("after")), return_exceptions=True)
        ana = await store.load("console:ana", "ana")
        others = [await store.load(f"console:{u}", "c") for u in ("before", "after")]
    finally:
        await store.close()
    assert outcomes[0] == outcomes[2] == 1 and isinstance(outcomes[1], VersionConflict)
    assert counted.here == [3]
    assert ana.conversation is not None and (ana.conversation.step, ana.conversation.version) == ("grounding", 1)
    assert all(s.conversation is not None and s.conversation.version == 1 for s in others)


async def test_a_refused_turn_goes_through_the_queue_every_unit_of_it(tmp_path: Path, close_together: None) -> None:
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path)
    other = sqlite3.connect(path, isolation_level=None)  # another process, in effect
    try:
        with _Counted() as counted:
            other.execute("BEGIN IMMEDIATE")
            applying = asyncio.gather(*(store.apply(_new(f"u{i}")) for i in range(5)))
            await asyncio.sleep(0.2)
            assert not applying.done()  # refused on the loop's connection: aiosqlite's thread waits
            other.execute("COMMIT")
            versions = await asyncio.wait_for(applying, 5)
        loaded = [await store.load(f"console:u{i}", "c") for i in range(5)]
    finally:
        other.close()
        await store.close()
    assert versions == [1] * 5 and store._group.here == 0
    assert counted.here == [5] and sum(counted.worker) == 5
    assert all(s.conversation is not None and s.conversation.step == "grounding" for s in loaded)


async def test_a_unit_behind_queued_ones_waits_in_line_on_aiosqlites_thread(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        first = asyncio.ensure_future(store.apply(_uow("grounding", None)))
        await asyncio.sleep(0.05)  # refused on the loop's connection: queued, aiosqlite waits for the lock
        other.execute("COMMIT")
        # Queued or in flight: the next unit of the same conversation goes behind it, never around it.
        second = await store.apply(_uow("diagnostic", 1))
        assert await first == 1
        snap = await store.load("console:ana", "ana")
    finally:
        other.close()
        await store.close()
    assert second == 2
    assert snap.conversation is not None and snap.conversation.step == "diagnostic"


async def test_a_sqlite_error_in_one_unit_sends_the_turn_to_the_queue_where_it_fails_that_unit_alone(
        tmp_path: Path, close_together: None) -> None:
    # On the loop's connection any SQLite error refuses the whole turn (nothing kept); aiosqlite's
    # thread then writes it as a batch always did: the failing unit hears its error, the rest commit.
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    write = store._group._write

    def failing(db: sqlite3.Connection, uow: UnitOfWork, **kw: object) -> int | None:
        if uow.user_key == "console:bad":
            raise sqlite3.IntegrityError("refused for the test")
        return write(db, uow, **kw)

    store._group._write = failing
    store._group.sealer = store._group.sealer  # the sealed write is built from ``_write`` when the sealer is set
    try:
        with _Counted() as counted:
            outcomes = await asyncio.gather(store.apply(_new("a")), store.apply(_new("bad")), store.apply(_new("b")),
                                            return_exceptions=True)
        loaded = {u: (await store.load(f"console:{u}", "c")).conversation for u in ("a", "bad", "b")}
    finally:
        await store.close()
    assert outcomes[0] == outcomes[2] == 1 and isinstance(outcomes[1], sqlite3.IntegrityError)
    assert counted.here == [3] and counted.worker == [3] and store._group.here == 0
    assert loaded["a"] is not None and loaded["b"] is not None and loaded["bad"] is None


async def test_units_waiting_for_the_next_loop_turn_commit_before_the_store_closes(
        tmp_path: Path, close_together: None) -> None:
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path)
    assert store._checkpointer is not None
    await store._checkpointer.stop()  # so that close() reaches the loop's connection without awaiting first
    store._checkpointer = None
    applying = [asyncio.ensure_future(store.apply(_new(f"u{i}"))) for i in range(3)]
    await asyncio.sleep(0)  # submitted: waiting for the loop's next turn
    assert len(store._group._here_batch) == 3
    await store.close()
    assert [await a for a in applying] == [1, 1, 1]
    reopened = await SqliteStore.open(path)
    try:
        loaded = [await reopened.load(f"console:u{i}", "c") for i in range(3)]
    finally:
        await reopened.close()
    assert all(s.conversation is not None and s.conversation.step == "grounding" for s in loaded)


async def test_a_unit_arriving_alone_commits_at_once_without_waiting_for_the_loops_next_turn(
        tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    turned: list[bool] = []
    try:
        with _Counted() as counted:
            asyncio.get_running_loop().call_soon(turned.append, True)
            version = await store.apply(_new("ana"))
            assert turned == []  # committed inside this step: the loop ran nothing else meanwhile
        snap = await store.load("console:ana", "c")
    finally:
        await store.close()
    assert version == 1 and counted.here == [1] and store._group.here == 1
    assert snap.conversation is not None and snap.conversation.step == "grounding"


async def test_units_arriving_close_behind_one_committed_alone_share_the_next_turns_transaction(
        tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    try:
        with _Counted() as counted:
            versions = await asyncio.gather(*(store.apply(_new(f"u{i}")) for i in range(4)))
    finally:
        await store.close()
    assert versions == [1] * 4 and counted.here == [1, 3]


def _locale(loc: str) -> UnitOfWork:
    return UnitOfWork(user_key="console:ana", chat_id="ana", now=NOW, user_fields={"locale": loc})


async def test_a_later_unit_of_the_same_user_never_commits_before_an_earlier_one_when_a_write_holds_the_lock(
        tmp_path: Path) -> None:
    # review10: the first unit waited for the loop's next turn while a pump write took the lock; the second went
    # straight to the queue and committed first, so the user ended with the older locale.
    store = await SqliteStore.open(tmp_path / "db.sqlite3")

    async def pump_write() -> None:
        async with store._write_lock:
            await asyncio.sleep(0.05)

    try:
        await asyncio.gather(store.apply(_locale("es")), pump_write(), store.apply(_locale("en")))
        snap = await store.load("console:ana", "ana")
    finally:
        await store.close()
    assert snap.user is not None and snap.user.locale == "en"


async def test_closing_waits_for_units_the_queue_is_still_writing(tmp_path: Path) -> None:
    # review10: units handed to aiosqlite's queue behind another process's lock failed with "closed database" when
    # the store closed under them.
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    loop = asyncio.get_running_loop()
    loop.call_later(0.3, other.execute, "COMMIT")
    units = [UnitOfWork(user_key=f"console:u{i}", chat_id="c", now=NOW, user_fields={"locale": "en"})
             for i in range(4)]
    first = asyncio.ensure_future(store.apply(units[0]))
    await asyncio.sleep(0.05)
    later = [asyncio.ensure_future(store.apply(u)) for u in units[1:]]
    await asyncio.sleep(0)
    try:
        await store.close()
        outcomes = await asyncio.gather(first, *later, return_exceptions=True)
    finally:
        other.close()
    stored = sqlite3.connect(path).execute("SELECT count(*) FROM users").fetchone()[0]
    assert outcomes == [None] * 4 and stored == 4
