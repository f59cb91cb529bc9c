"""``/journal``: the latest moments ten at a time, with "more" and "delete this one" (by its number)."""

from __future__ import annotations

from bot.journal.words import moment_line, topic_word, when_text
from bot.turn import Turn
from storage.journal import JournalReader

PAGE = 10


async def show_first_page(turn: Turn) -> str:
    """Fill the first page; "empty" when there is nothing yet."""
    return await _show_page(turn, cursor=None, first_number=1, empty="empty")


async def next_journal_page(turn: Turn) -> str | None:
    """The ten before the last one shown; "list_end" once there are no more."""
    cursor = turn.data.get("cursor")
    before = (int(cursor[0]), str(cursor[1])) if isinstance(cursor, list) and len(cursor) == 2 else None
    first = int(turn.data.get("first", 1)) + len(turn.data.get("page") or [])
    target = await _show_page(turn, cursor=before, first_number=first, empty="list_end")
    return None if target == "list" else target


async def _show_page(turn: Turn, *, cursor: tuple[int, str] | None, first_number: int, empty: str) -> str:
    moments = await JournalReader(turn.engine.store).page(turn.user_key, before=cursor, limit=PAGE)
    if not moments:
        return empty
    i18n = turn.engine.i18n
    lines = [moment_line(i18n, turn.locale, turn.tz, first_number + i, m) for i, m in enumerate(moments)]
    last = moments[-1]
    # Only ids, times and our own words go into the conversation data; never what the user wrote.
    turn.data.update(
        lines="\n".join(lines), page=[m.id for m in moments], first=first_number,
        last=first_number + len(moments) - 1, cursor=[int(last.created_at.timestamp()), last.id],
    )
    return "list"


async def pick_journal_entry(turn: Turn) -> str | None:
    """The number typed at "which one?": ask again unless it is on the page just shown."""
    typed = str(turn.data.pop("typed", "")).strip().rstrip(".")
    page = list(turn.data.get("page") or [])
    first = int(turn.data.get("first", 1))
    index = int(typed) - first if typed.isdigit() else -1
    if not 0 <= index < len(page):
        turn.say("journal-delete-invalid", kind="error", value=typed[:8], first=first, last=first + len(page) - 1)
        return "ask_delete"
    moment = await JournalReader(turn.engine.store).one(turn.user_key, page[index])
    if moment is None:  # deleted meanwhile (another chat, another device)
        return "list_end"
    turn.data.update(delete_id=moment.id, when=when_text(turn.locale, turn.tz, moment),
                     topic=topic_word(turn.engine.i18n, turn.locale, moment.topic))
    return None


async def delete_journal_entry(turn: Turn) -> str | None:
    """Delete the chosen entry in this turn's transaction (only ever the user's own)."""
    entry_id = turn.data.pop("delete_id", None)
    if entry_id:
        turn.uow.journal_deletes.append(str(entry_id))
    return None
