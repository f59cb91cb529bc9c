"""/mydata: the journal as CSV next to the JSON, with the same columns and rows as the journal."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.journal.export import journal_csv
from tests.fakes.console import START, ConsoleDriver, open_console, shipped_definitions
from tests.journal_fixtures import Entry, week_of_moments, write_journal

pytestmark = pytest.mark.both_backends  # every test here runs on SQLite and on PostgreSQL

USER = "console:local"


def _read_rows(path: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_text(path))))


def _text(path: str) -> str:
    """A small local file the console wrote; utf-8-sig drops the byte-order mark."""
    return Path(path).read_bytes().decode("utf-8-sig")


async def test_mydata_sends_the_json_then_the_journal_as_csv(console: ConsoleDriver) -> None:
    await write_journal(console.app.store, USER, week_of_moments(START))
    json_reply, csv_reply = await console.send("/mydata")
    assert Path(json_reply["file"]).name == "groundwork-mydata.json"
    assert Path(csv_reply["file"]).name == "groundwork-journal.csv" and csv_reply["kind"] == "privacy"


async def test_csv_rows_match_the_journal_in_words_and_local_time(console: ConsoleDriver) -> None:
    unrated = Entry(START + timedelta(minutes=1), "other", None, None, None, "sí, «otra» vez")
    entries = [*week_of_moments(START), unrated]
    await write_journal(console.app.store, USER, entries)
    json_reply, csv_reply = await console.send("/mydata")
    header, *rows = _read_rows(csv_reply["file"])
    assert header == ["Entry", "Date and time (UTC)", "What it was about", "Where it came from",
                      "How hard (1–5)", "How hard later (1–5)", "In your words"]
    exported = json.loads(_text(json_reply["file"]))["journal"]
    assert len(rows) == len(exported) == 8
    for row, entry in zip(rows, exported, strict=True):
        assert row[0] == entry["id"]
        assert row[1] == datetime.fromisoformat(entry["created_at"]).strftime("%Y-%m-%d %H:%M")
        assert row[4:6] == ["" if entry[k] is None else str(entry[k]) for k in ("intensity", "intensity_after")]
        assert row[6] == entry["text"]
    assert rows[0][2:4] == ["Waiting for a reply", "my history"]
    assert rows[-1][2:4] == ["Something else", ""]  # no answer at the diagnostic: an empty cell
    assert rows[-1][6] == "sí, «otra» vez"


async def test_csv_speaks_spanish_with_times_in_the_users_zone(tmp_path: Path) -> None:
    driver = await open_console(tmp_path / "es.sqlite3", lang="es", tz="Europe/Madrid")
    try:
        await write_journal(driver.app.store, USER, [Entry(START, "jealousy", "relationship")])
        _json_reply, csv_reply = await driver.send("/mydata")
        header, row = _read_rows(csv_reply["file"])
    finally:
        await driver.close()
    assert header[1:4] == ["Fecha y hora (Europe/Madrid)", "De qué se trataba", "De dónde venía"]
    assert row[1:4] == ["2026-03-02 11:00", "Celos", "la relación"]  # 10:00 UTC is 11:00 in Madrid in March


async def test_an_empty_journal_exports_just_the_header(console: ConsoleDriver) -> None:
    await console.send("/ground")
    _json_reply, csv_reply = await console.send("/mydata")
    assert _read_rows(csv_reply["file"]) == [["Entry", "Date and time (UTC)", "What it was about",
                                               "Where it came from", "How hard (1–5)", "How hard later (1–5)",
                                               "In your words"]]


def test_words_that_would_run_as_a_spreadsheet_formula_are_kept_as_text() -> None:
    i18n = shipped_definitions().i18n
    body = journal_csv([{"id": "a", "created_at": START.isoformat(), "topic": "other", "route": None,
                         "intensity": 3, "intensity_after": None, "text": "=HYPERLINK(\"x\")"}], i18n, "en", "UTC")
    [_header, row] = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert row[6] == "'=HYPERLINK(\"x\")"


async def test_words_sealed_at_rest_are_opened_in_the_csv(console: ConsoleDriver) -> None:
    from storage.sealing import Sealer, new_key

    console.app.store.sealer = Sealer([new_key()])
    await write_journal(console.app.store, USER, [Entry(START, text="only mine to read")])
    stored = await console.app.store.fetch_all("SELECT text FROM journal")
    assert stored[0][0] != "only mine to read"  # sealed in the table
    _json_reply, csv_reply = await console.send("/mydata")
    assert _read_rows(csv_reply["file"])[1][6] == "only mine to read"
