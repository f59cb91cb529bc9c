"""The opt-in weekly summary: ``/journal weekly on [day] [HH:MM]``, its next due time, and its pump kind."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import get_day_names

from bot.care.partner import FLAG as PARTNER_UNSAFE
from bot.scheduling.kinds import RecurringKind
from bot.scheduling.localtime import format_hhmm, local_instant, parse_hhmm, quiet_from_settings
from bot.turn import Turn
from storage import ScheduleWrite

KIND = "journal_weekly"
SETTING = "journal_weekly"
DEFAULT_DAY = 6  # Sunday (Monday is 0, as in ``date.weekday()``)
DEFAULT_TIME = "19:00"
# Quiet hours may put a summary off to the next morning; one later than that waits for next week.
MAX_LATE = timedelta(hours=16)


def parse_day(word: str) -> int | None:
    """A weekday in English or Spanish, full or short, any case or accent: ``sun``, ``domingo``, ``Sáb``."""
    wanted = _plain(word)
    for locale in ("en", "es"):
        for width in ("wide", "abbreviated"):
            for number, name in get_day_names(width, locale=locale).items():
                if _plain(str(name)) == wanted:
                    return int(number)
    return None


def _plain(word: str) -> str:
    return word.strip().strip(".").lower().translate(str.maketrans("áéíóú", "aeiou"))


def parse_when(words: list[str]) -> tuple[int, time] | None:
    """``[]``, ``["sunday"]``, ``["19:00"]`` or ``["sun", "19:00"]`` (either order) → (weekday, time)."""
    day, at = DEFAULT_DAY, parse_hhmm(DEFAULT_TIME)
    seen_day = seen_time = False
    for word in words:
        if not seen_time and (parsed := parse_hhmm(word)) is not None:
            at, seen_time = parsed, True
        elif not seen_day and (number := parse_day(word)) is not None:
            day, seen_day = number, True
        else:
            return None
    assert at is not None
    return day, at


def next_weekly_at(after: datetime, settings: dict[str, Any], tz: str) -> datetime | None:
    """The first local ``day`` at ``time`` strictly after ``after``; None when the summary is off."""
    weekly = settings.get(SETTING) or {}
    at = parse_hhmm(str(weekly.get("time", ""))) if weekly.get("on") else None
    day = weekly.get("day")
    if at is None or not isinstance(day, int) or not 0 <= day <= 6:
        return None
    zone = ZoneInfo(tz)
    today = after.astimezone(zone).date()
    for offset in range(0, 9):
        candidate_day = today + timedelta(days=offset)
        if candidate_day.weekday() != day:
            continue
        candidate = local_instant(candidate_day, at, zone)
        if candidate > after:
            return candidate
    raise ValueError("no next weekly time found")  # pragma: no cover


def held_reason(settings: dict[str, Any]) -> str | None:
    """After the abuse path the picture is never pushed unasked: someone else may see the phone."""
    return "partner-unsafe" if settings.get(PARTNER_UNSAFE) else None


WEEKLY = RecurringKind(target="journal:", next_at=next_weekly_at, max_late=MAX_LATE, held=held_reason)


def describe(turn: Turn) -> None:
    """State, day name (in the user's language) and time, for the settings replies."""
    weekly = turn.settings.get(SETTING) or {}
    day = weekly.get("day") if isinstance(weekly.get("day"), int) else DEFAULT_DAY
    turn.data["state"] = "on" if weekly.get("on") else "off"
    turn.data["day"] = str(get_day_names("wide", locale=turn.locale)[day])
    turn.data["time"] = str(weekly.get("time") or DEFAULT_TIME)


def turn_on(turn: Turn, words: list[str]) -> str:
    """Save the day and time and schedule the first summary; returns the step to show."""
    parsed = parse_when(words)
    if parsed is None:
        turn.say("journal-weekly-invalid", kind="error", value=" ".join(words)[:40])
        return "end"
    day, at = parsed
    quiet = quiet_from_settings(turn.settings)
    if quiet is not None and quiet.contains(at):
        turn.say("journal-weekly-in-quiet", kind="error", time=format_hhmm(at), quiet=str(quiet))
        return "end"
    turn.uow.settings_patch[SETTING] = {"on": True, "day": day, "time": format_hhmm(at)}
    due = next_weekly_at(turn.now, turn.settings, turn.tz)
    assert due is not None
    turn.uow.schedule.append(ScheduleWrite(kind=KIND, due_at=due, chat_id=turn.chat_id))
    describe(turn)
    return "weekly_on_held" if held_reason(turn.settings) else "weekly_on"


def turn_off(turn: Turn) -> str:
    turn.uow.settings_patch[SETTING] = {"on": False}
    turn.uow.cancel_kinds.append(KIND)
    return "weekly_off"


def reschedule_if_on(turn: Turn) -> None:
    """After a change of time zone the pending summary moves to the same local day and hour (``/timezone``)."""
    due = next_weekly_at(turn.now, turn.settings, turn.tz)
    if due is not None:
        turn.uow.schedule.append(ScheduleWrite(kind=KIND, due_at=due, chat_id=turn.chat_id))
