"""The journal as CSV for ``/mydata``: the user's own copy, next to the JSON, made fresh per request."""

from __future__ import annotations

import csv
import io

from bot.replies import FileAttachment
from bot.turn import Turn
from storage.journal import CSV_COLUMNS, JournalReader

# A cell starting with one of these runs as a formula in spreadsheet apps (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def journal_csv(rows: list[dict[str, object]]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet apps show accents right; one row per entry."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        text = str(row.get("text") or "")
        writer.writerow({**row, "text": "'" + text if text.startswith(_FORMULA_START) else text})
    return out.getvalue().encode("utf-8-sig")


async def export_journal_csv(turn: Turn) -> str | None:
    rows = await JournalReader(turn.engine.store).export_rows(turn.user_key)
    turn.pending_file = FileAttachment(name="groundwork-journal.csv", data=journal_csv(rows), mime="text/csv")
    return None
