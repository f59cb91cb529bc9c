"""Room storage on both backends: one live room per user, claims numbered, timers, and /forget's orphans."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import UnitOfWork, open_store
from storage.rooms import HelpersRow, RoomRow, RoomStore, RoomTaken
from storage.sealing import Sealer, new_key

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
ANA = "telegram:9100"


def draft(code: str, due: datetime | None = None) -> RoomRow:
    return RoomRow(code, "telegram:-100", "telegram", "-200", None, None, "draft", "what", "my words", None, 0, 0,
                   "en", 3, NOW, NOW, None, due or NOW + timedelta(hours=1))


@pytest.fixture
async def rooms(db_path: Path | str) -> AsyncIterator[RoomStore]:
    store = await open_store(str(db_path))
    store.sealer = Sealer([new_key()])
    yield RoomStore(store)
    await store.close()


async def test_one_live_room_per_user_and_claims_are_numbered(rooms: RoomStore) -> None:
    await rooms.save_helpers(HelpersRow("telegram:-100", "telegram", "-200"), NOW)
    assert await rooms.helpers_on("telegram") == [HelpersRow("telegram:-100", "telegram", "-200")]
    await rooms.create(draft("R-AAAAA"), ANA, "9100")
    with pytest.raises(RoomTaken):
        await rooms.create(draft("R-CCCCC"), ANA, "9100")
    await rooms.update("R-AAAAA", state="open", step=None, thread="77", due_at=NOW + timedelta(minutes=10))
    room = await rooms.live_for(ANA)
    assert room is not None and room.summary == "my words" and room.user_key == ANA and room.thread == "77"
    assert await rooms.by_thread("telegram", "-200", "77") == room
    assert await rooms.count_open("telegram:-100") == 1
    first, added = await rooms.claim("R-AAAAA", "telegram:1", "Hal")
    again, added_again = await rooms.claim("R-AAAAA", "telegram:1", "Hal")
    second, _ = await rooms.claim("R-AAAAA", "telegram:2", "Ivy")
    assert (first.number, added, again.number, added_again, second.number) == (1, True, 1, False, 2)
    assert [r.code for r in await rooms.rooms_of_helper("telegram:2", "telegram", "-200")] == ["R-AAAAA"]
    assert await rooms.unclaim("R-AAAAA", "telegram:1") and [c.number for c in await rooms.claims("R-AAAAA")] == [2]


async def test_the_summary_is_sealed_at_rest(rooms: RoomStore) -> None:
    await rooms.create(draft("R-AAAAA"), ANA, "9100")
    rows = await rooms.db.read("SELECT summary FROM rooms WHERE code = ?", ("R-AAAAA",))
    assert rows[0][0].startswith("gw1:") and "my words" not in rows[0][0]


async def test_due_rooms_move_once_and_a_forgotten_owner_makes_an_orphan(rooms: RoomStore) -> None:
    await rooms.create(draft("R-AAAAA", NOW + timedelta(minutes=10)), ANA, "9100")
    assert await rooms.next_due_at(["telegram"]) == NOW + timedelta(minutes=10)
    assert await rooms.due(["telegram"], NOW) == []
    (due,) = await rooms.due(["telegram"], NOW + timedelta(minutes=10))
    assert await rooms.move_due(due.code, due.due_at, pinged=1, due_at=NOW + timedelta(days=1))
    assert not await rooms.move_due(due.code, due.due_at, pinged=1)  # a second process finds it moved
    exported = await rooms.store.export_user(ANA)
    assert [r["code"] for r in exported["rooms"]] == ["R-AAAAA"] and exported["rooms"][0]["summary"] == "my words"
    await rooms.store.apply(UnitOfWork(user_key=ANA, chat_id="9100", now=NOW, forget=True))
    assert await rooms.next_due_at(["telegram"]) == datetime.fromtimestamp(0, UTC)
    (orphan,) = await rooms.due(["telegram"], NOW)
    assert orphan.user_key is None and await rooms.delete(orphan.code)
    assert await rooms.store.count_rows_for(ANA) == 0


async def test_two_helpers_claiming_at_once_on_two_workers_get_different_numbers(rooms: RoomStore,
                                                                                  db_path: Path | str) -> None:
    other = await open_store(str(db_path))  # a second worker on the same database
    other.sealer = rooms.store.sealer
    try:
        for n in range(5):
            code = f"R-{'ACDEF'[n]}AAAA"
            await rooms.create(draft(code), f"telegram:{9200 + n}", str(9200 + n))
            await rooms.update(code, state="open", step=None, thread=str(n))
            results = await asyncio.gather(rooms.claim(code, "telegram:1", "Hal"),
                                           RoomStore(other).claim(code, "telegram:2", "Ivy"))
            assert sorted(claim.number for claim, _ in results) == [1, 2]
    finally:
        await other.close()


async def test_two_talks_at_once_on_two_workers_open_one_live_room(rooms: RoomStore, db_path: Path | str) -> None:
    other = await open_store(str(db_path))  # a second worker on the same database
    other.sealer = rooms.store.sealer
    try:
        for n in range(5):
            user = f"telegram:{9300 + n}"
            results = await asyncio.gather(rooms.create(draft(f"R-{'ACDEF'[n]}CCCC"), user, "1"),
                                           RoomStore(other).create(draft(f"R-{'ACDEF'[n]}DDDD"), user, "1"),
                                           return_exceptions=True)
            assert sum(isinstance(r, RoomTaken) for r in results) == 1, results
    finally:
        await other.close()


async def test_live_rooms_asked_together_each_get_their_own_users_room(rooms: RoomStore) -> None:
    await rooms.create(draft("R-AAAAA"), "telegram:1", "1")
    await rooms.create(draft("R-BBBBB"), "telegram:2", "2")
    await rooms.create(draft("R-CCCCC"), "telegram:3", "3")
    await rooms.update("R-CCCCC", state="closed", closed_at=NOW)
    found = await asyncio.gather(*(rooms.live_for(f"telegram:{n}") for n in (2, 9, 1, 3, 2)))
    assert [(r.code, r.user_key, r.chat_id) if r else None for r in found] == [
        ("R-BBBBB", "telegram:2", "2"), None, ("R-AAAAA", "telegram:1", "1"), None, ("R-BBBBB", "telegram:2", "2")]
