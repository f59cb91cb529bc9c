"""The journal's read queries and its one delete: pages with a cursor, ranges, export rows, per user."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage import Store, UnitOfWork
from storage.journal import JournalReader
from tests.fakes.console import START
from tests.journal_fixtures import Entry, write_journal

pytestmark = pytest.mark.both_backends  # every test here runs on SQLite and on PostgreSQL



async def test_pages_are_newest_first_and_the_cursor_never_skips_equal_times(store: Store) -> None:
    same_second = [Entry(START) for _ in range(3)]
    ids = await write_journal(store, "u:1", [Entry(START - timedelta(hours=1)), *same_second])
    reader = JournalReader(store)
    first = await reader.page("u:1", limit=2)
    last = first[-1]
    rest = await reader.page("u:1", before=(int(last.created_at.timestamp()), last.id), limit=10)
    assert [m.id for m in first + rest] == [ids[3], ids[2], ids[1], ids[0]]


async def test_between_takes_the_start_and_leaves_out_the_end(store: Store) -> None:
    day = timedelta(days=1)
    ids = await write_journal(store, "u:1", [Entry(START - day), Entry(START), Entry(START + day)])
    found = await JournalReader(store).between("u:1", START - timedelta(days=1), START + timedelta(days=1))
    assert [m.id for m in found] == ids[:2]


async def test_reads_only_ever_return_the_users_own_entries(store: Store) -> None:
    await write_journal(store, "u:1", [Entry(START)])
    await write_journal(store, "u:2", [Entry(START), Entry(START)])
    reader = JournalReader(store)
    assert len(await reader.page("u:1")) == 1
    assert len(await reader.export_rows("u:2")) == 2
    assert await reader.one("u:1", (await reader.page("u:2"))[0].id) is None


async def test_moments_never_carry_the_users_words(store: Store) -> None:
    await write_journal(store, "u:1", [Entry(START, text="private words")])
    [moment] = await JournalReader(store).page("u:1")
    assert not hasattr(moment, "text")
    assert (await JournalReader(store).export_rows("u:1"))[0]["text"] == "private words"


async def test_a_unit_of_work_deletes_one_entry_of_its_own_user_only(store: Store) -> None:
    [mine] = await write_journal(store, "u:1", [Entry(START)])
    [theirs] = await write_journal(store, "u:2", [Entry(START)])
    await store.apply(UnitOfWork(user_key="u:2", chat_id="c", now=START, journal_deletes=[mine]))
    assert await JournalReader(store).one("u:1", mine) is not None
    await store.apply(UnitOfWork(user_key="u:1", chat_id="c", now=START, journal_deletes=[mine]))
    assert await JournalReader(store).one("u:1", mine) is None
    assert await JournalReader(store).one("u:2", theirs) is not None
