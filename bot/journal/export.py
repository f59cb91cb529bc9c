"""The journal as CSV for ``/mydata``: the user's own copy, next to the JSON, made fresh per request.

The JSON keeps the stored codes (``texting``, ``internal``); the CSV is what a person opens in a
spreadsheet, so its headers, topics and routes are words in the user's language and its times are
local, in a form spreadsheet apps read as dates.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import I18n
from bot.replies import FileAttachment
from bot.turn import Turn
from storage.journal import CSV_COLUMNS, JournalReader

# A cell starting with one of these runs as a formula in spreadsheet apps (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def journal_csv(rows: list[dict[str, object]], i18n: I18n, locale: str, tz: str) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet apps show accents right; one row per entry."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([i18n.text(locale, f"journal-csv-{column.replace('_', '-')}", tz=tz) for column in CSV_COLUMNS])
    zone = ZoneInfo(tz)
    for row in rows:
        writer.writerow([_cell(column, row.get(column), i18n, locale, zone) for column in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def _cell(column: str, value: Any, i18n: I18n, locale: str, zone: ZoneInfo) -> object:
    if value is None:
        return ""
    if column == "created_at":
        return datetime.fromisoformat(str(value)).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if column == "topic" and i18n.has(locale, f"journal-topic-{value}"):
        return i18n.text(locale, f"journal-topic-{value}")
    if column == "route" and i18n.has(locale, f"journal-route-{value}"):
        return i18n.text(locale, f"journal-route-{value}")
    if column == "text":
        text = str(value)
        return "'" + text if text.startswith(_FORMULA_START) else text
    return value


async def export_journal_csv(turn: Turn) -> str | None:
    rows = await JournalReader(turn.engine.store).export_rows(turn.user_key)
    data = journal_csv(rows, turn.engine.i18n, turn.locale, turn.tz)
    turn.pending_file = FileAttachment(name="groundwork-journal.csv", data=data, mime="text/csv")
    return None
