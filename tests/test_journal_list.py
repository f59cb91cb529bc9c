"""/journal: the latest ten moments in the user's time, "more", "delete one", and /forget."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fakes.console import START, ConsoleDriver, open_console
from tests.journal_fixtures import Entry, week_of_moments, write_journal

pytestmark = pytest.mark.both_backends  # every test here runs on SQLite and on PostgreSQL

USER = "console:local"


def _lines(reply: dict) -> list[str]:
    return reply["text"].splitlines()[1:]


async def test_an_empty_journal_says_so_kindly(console: ConsoleDriver) -> None:
    reply = (await console.send("/journal"))[-1]
    assert (reply["kind"], reply["step"]) == ("journal", "empty")


async def test_the_list_shows_local_time_topic_route_and_intensity_never_the_words(db_path) -> None:
    console = await open_console(db_path, tz="America/Mexico_City")
    await write_journal(console.app.store, USER, [Entry(START - timedelta(hours=1), "texting", "internal", 4, 2),
                                                  Entry(START, "partner", None, 5, None)])
    reply = (await console.send("/journal"))[-1]
    # 10:00 UTC is 04:00 in Mexico City (UTC-6 in March); newest first.
    assert _lines(reply) == ["1. Mar 2, 04:00 · Something they did · not answered · 5/5",
                             "2. Mar 2, 03:00 · Waiting for a reply · my history · 4 → 2"]
    assert "replied" not in reply["text"]  # the fixture's own words never appear
    assert [c["id"] for c in reply["choices"]] == ["more", "delete", "close"]
    await console.close()


async def test_the_list_in_spanish_uses_spanish_dates_and_words(db_path) -> None:
    console = await open_console(db_path, lang="es", tz="Europe/Madrid")
    await write_journal(console.app.store, USER, [Entry(START, "jealousy", "relationship", 3, 1)])
    reply = (await console.send("/journal"))[-1]
    assert _lines(reply) == ["1. 2 mar, 11:00 · Celos · la relación · 3 → 1"]
    await console.close()


async def test_more_shows_the_next_ten_then_says_that_is_all(console: ConsoleDriver) -> None:
    entries = [Entry(START - timedelta(hours=n)) for n in range(23)]
    await write_journal(console.app.store, USER, entries)
    first = (await console.send("/journal"))[-1]
    assert len(_lines(first)) == 10 and _lines(first)[0].startswith("1. ")
    second = (await console.send("#more"))[-1]
    assert len(_lines(second)) == 10 and _lines(second)[0].startswith("11. ")
    third = (await console.send("#more"))[-1]
    assert [line.split(".")[0] for line in _lines(third)] == ["21", "22", "23"]
    end = (await console.send("#more"))[-1]
    assert end["step"] == "list_end"


async def test_delete_one_removes_exactly_that_entry_after_confirming(console: ConsoleDriver) -> None:
    ids = await write_journal(console.app.store, USER, week_of_moments(START))
    await console.send("/journal", "#delete")
    confirm = (await console.send("2"))[-1]  # the second newest
    assert confirm["step"] == "confirm_delete" and "Mar 1, 06:00" in confirm["text"]
    done = (await console.send("#yes"))[-1]
    assert done["step"] == "deleted"
    rows = await console.app.store.fetch_all("SELECT id FROM journal ORDER BY created_at")
    assert [r[0] for r in rows] == ids[:5] + ids[6:]


async def test_delete_one_can_be_called_off(console: ConsoleDriver) -> None:
    await write_journal(console.app.store, USER, week_of_moments(START))
    await console.send("/journal", "#delete", "1")
    assert (await console.send("#no"))[-1]["step"] == "kept"
    assert len(await console.app.store.fetch_all("SELECT id FROM journal")) == 7


async def test_a_number_not_on_the_page_is_asked_again(console: ConsoleDriver) -> None:
    await write_journal(console.app.store, USER, week_of_moments(START))
    await console.send("/journal", "#delete")
    out = await console.send("12")
    assert [r["kind"] for r in out] == ["error", "journal"] and out[-1]["step"] == "ask_delete"
    assert "1 to 7" in out[0]["text"]


async def test_delete_never_touches_another_users_entry(db_path) -> None:
    mine = await open_console(db_path, user="ana")
    theirs = await open_console(db_path, user="ben")
    [their_id] = await write_journal(theirs.app.store, "console:ben", [Entry(START)])
    await write_journal(mine.app.store, "console:ana", [Entry(START)])
    await mine.send("/journal", "#delete", "1", "#yes")
    rows = await theirs.app.store.fetch_all("SELECT id FROM journal")
    assert [r[0] for r in rows] == [their_id]
    await mine.close()
    await theirs.close()


async def test_forget_removes_every_journal_entry(console: ConsoleDriver) -> None:
    await write_journal(console.app.store, USER, week_of_moments(START))
    await console.send("/forget", "#yes")
    assert await console.app.store.fetch_all("SELECT id FROM journal") == []
    assert (await console.send("/journal"))[-1]["step"] == "empty"
