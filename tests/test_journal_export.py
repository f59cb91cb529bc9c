"""/mydata: the journal as CSV next to the JSON, with the same columns and rows as the journal."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.journal.export import journal_csv
from storage.journal import CSV_COLUMNS
from tests.fakes.console import START, ConsoleDriver
from tests.journal_fixtures import Entry, week_of_moments, write_journal

pytestmark = pytest.mark.both_backends  # every test here runs on SQLite and on PostgreSQL

USER = "console:local"


def _read_csv(path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(path))))


def _text(path: str) -> str:
    """A small local file the console wrote; utf-8-sig drops the byte-order mark."""
    return Path(path).read_bytes().decode("utf-8-sig")


async def test_mydata_sends_the_json_then_the_journal_as_csv(console: ConsoleDriver) -> None:
    await write_journal(console.app.store, USER, week_of_moments(START))
    json_reply, csv_reply = await console.send("/mydata")
    assert Path(json_reply["file"]).name == "groundwork-mydata.json"
    assert Path(csv_reply["file"]).name == "groundwork-journal.csv" and csv_reply["kind"] == "privacy"


async def test_csv_columns_and_rows_match_the_journal(console: ConsoleDriver) -> None:
    unrated = Entry(START + timedelta(minutes=1), "other", None, None, None, "sí, «otra» vez")
    entries = [*week_of_moments(START), unrated]
    await write_journal(console.app.store, USER, entries)
    json_reply, csv_reply = await console.send("/mydata")
    rows = _read_csv(csv_reply["file"])
    assert list(rows[0]) == list(CSV_COLUMNS)
    exported = json.loads(_text(json_reply["file"]))["journal"]
    assert len(rows) == len(exported) == 8
    for row, entry in zip(rows, exported, strict=True):
        assert row["id"] == entry["id"] and row["created_at"] == entry["created_at"]
        assert (row["topic"], row["route"], row["text"]) == (entry["topic"], entry["route"] or "", entry["text"])
        assert row["intensity"] == ("" if entry["intensity"] is None else str(entry["intensity"]))
        assert row["intensity_after"] == ("" if entry["intensity_after"] is None else str(entry["intensity_after"]))
    assert rows[-1]["text"] == "sí, «otra» vez"


async def test_an_empty_journal_exports_just_the_header(console: ConsoleDriver) -> None:
    await console.send("/ground")
    _json_reply, csv_reply = await console.send("/mydata")
    assert _text(csv_reply["file"]) == ",".join(CSV_COLUMNS) + "\r\n"


def test_words_that_would_run_as_a_spreadsheet_formula_are_kept_as_text() -> None:
    body = journal_csv([{"id": "a", "created_at": "t", "topic": "other", "route": None, "intensity": 3,
                         "intensity_after": None, "text": "=HYPERLINK(\"x\")"}])
    [row] = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert row["text"] == "'=HYPERLINK(\"x\")"


async def test_words_sealed_at_rest_are_opened_in_the_csv(console: ConsoleDriver) -> None:
    from storage.sealing import Sealer, new_key

    console.app.store.sealer = Sealer([new_key()])
    await write_journal(console.app.store, USER, [Entry(START, text="only mine to read")])
    stored = await console.app.store.fetch_all("SELECT text FROM journal")
    assert stored[0][0] != "only mine to read"  # sealed in the table
    _json_reply, csv_reply = await console.send("/mydata")
    assert _read_csv(csv_reply["file"])[0]["text"] == "only mine to read"
