"""Actions of the in-the-moment flows: topic, grounding, route, intensity and follow-up offer."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.care.partner import partner_unsafe
from bot.scheduling.localtime import defer_past_quiet, quiet_from_settings
from bot.turn import Action, Router, Turn
from storage import JournalWrite, ScheduleWrite

FOLLOWUP_DELAYS = {"1h": timedelta(hours=1), "3h": timedelta(hours=3)}
TOMORROW_AT = time(9, 0)
_IDS = random.Random()  # its own generator, seeded once from the OS: tests seeding ``random`` cannot collide ids


async def detect_topic(turn: Turn) -> str | None:
    """Read the topic and partner signal from what the user wrote, and open a journal entry."""
    text = turn.data.get("text") or turn.data.get("args") or ""
    if not text:
        return None
    reading = turn.engine.topics.read(text)
    turn.data.update(topic=reading.topic, signal=reading.signal, text=text)
    # Not uuid4: os.urandom releases the GIL, and taking it back from SQLite's thread cost up to
    # a switch interval (5 ms) on a busy loop. A random 128-bit id needs no cryptographic source.
    entry_id = uuid.UUID(int=_IDS.getrandbits(128), version=4).hex
    turn.data["journal_id"] = entry_id
    turn.uow.journal.append(JournalWrite(entry_id, topic=reading.topic, text=text))
    return None


async def route_start(turn: Turn) -> str:
    return "acknowledge" if turn.data.get("text") else "ask_what"


async def pick_grounding(turn: Turn) -> str | None:
    """A grounding exercise, never the same one twice in a row for this user."""
    exercises = turn.engine.exercise_ids
    last = turn.settings.get("last_exercise")
    options = [e for e in exercises if e != last] or list(exercises)
    choice = random.choice(options)
    turn.data["exercise"] = choice
    turn.uow.settings_patch["last_exercise"] = choice
    return None


async def record_route(turn: Turn) -> str | None:
    """Journal the path taken; after the abuse path, go to safety instead of a talk script."""
    route = turn.data.get("route")
    if turn.data.get("journal_id") and route:
        turn.uow.journal.append(JournalWrite(turn.data["journal_id"], route=route))
    return "partner_unsafe" if partner_unsafe(turn) else None


async def route_unsure(turn: Turn) -> str:
    """A partner-behaviour signal in the text is real information: take it seriously first."""
    if turn.data.get("signal", "none") != "none":
        turn.data["route"] = "relationship"
        return "relationship_path"
    return "circle_check"  # members of a support circle may ask it first; everyone else goes on


async def record_intensity(turn: Turn) -> str | None:
    turn.keep_rating("intensity")
    return None


def followup_due(option: str, now: datetime, tz: str) -> datetime | None:
    """When a follow-up chosen now falls due; ``tomorrow`` is 09:00 local on the next day."""
    if option in FOLLOWUP_DELAYS:
        return now + FOLLOWUP_DELAYS[option]
    if option == "tomorrow":
        zone = ZoneInfo(tz)
        local_day = now.astimezone(zone).date() + timedelta(days=1)
        return datetime.combine(local_day, TOMORROW_AT, zone)
    return None


async def schedule_followup(turn: Turn) -> str | None:
    """Create one scheduled follow-up row; a newer one supersedes any pending older one."""
    option = turn.data.get("last_choice", "no")
    due = followup_due(option, turn.now, turn.tz)
    turn.data["followup"] = option
    if due is None:
        return None
    # Quiet hours (default 22:00-08:00 local) move a follow-up to the morning, not into the night.
    due = defer_past_quiet(due, turn.tz, quiet_from_settings(turn.settings))
    in_group = turn.event is not None and not turn.event.chat.private
    turn.uow.schedule.append(ScheduleWrite(
        kind="followup", due_at=due, chat_id=turn.chat_id,
        payload={
            "journal_id": turn.data.get("journal_id"), "topic": turn.data.get("topic", "other"),
            "intensity": turn.data.get("intensity"), "option": option, "group": in_group,
        },
    ))
    turn.data["followup_at"] = turn.engine.i18n.format_local_time(due, turn.locale, turn.tz)
    return None


async def route_closing(turn: Turn) -> str:
    """Each path its own close: a real signal is not "an alarm you paused", and safety comes first."""
    if partner_unsafe(turn):
        return "close_unsafe"
    return "close_relationship" if turn.data.get("route") == "relationship" else "close_internal"


async def route_back_to_trigger(turn: Turn) -> str:
    """After the communicate helper, a trigger in progress continues with its closing rating."""
    return "trigger:rate" if turn.data.get("journal_id") else "closing"


async def communicate_start(turn: Turn) -> str | None:
    """Draft about an inner experience, unless the user said it is a real signal (``route``)."""
    turn.data.setdefault("route", "internal")
    return "unsafe" if partner_unsafe(turn) else None


ACTIONS: dict[str, Action] = {
    "detect_topic": detect_topic,
    "pick_grounding": pick_grounding,
    "record_route": record_route,
    "record_intensity": record_intensity,
    "schedule_followup": schedule_followup,
    "communicate_start": communicate_start,
}
ROUTERS: dict[str, Router] = {
    "start": route_start,
    "unsure": route_unsure,
    "back_to_trigger": route_back_to_trigger,
    "closing": route_closing,
}
