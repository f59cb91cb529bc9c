"""The settings commands /nudge, /timezone, /pause and /quiet: each takes its value typed or tapped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any, TypeVar

from bot.scheduling.localtime import (
    DEFAULT_QUIET,
    format_hhmm,
    next_local,
    parse_hhmm,
    parse_pause,
    parse_quiet,
    parse_zone,
    quiet_from_settings,
)
from bot.turn import Action, Router, Turn
from storage import ScheduleWrite

DEFAULT_NUDGE = "09:00"
_OFF = frozenset({"off", "no", "stop", "none", "0", "desactivar", "apagar", "nada"})
_ON = frozenset({"on", "yes", "si", "sí", "activar"})


def command_args(turn: Turn) -> str:
    """The value typed after the command (``/nudge 09:00`` → ``09:00``)."""
    args = turn.data.pop("args", None)
    if args is None and turn.event is not None and turn.event.command is not None:
        args = turn.event.args
    return str(args or "").strip()


def pause_until(settings: dict[str, Any]) -> datetime | None:
    value = settings.get("pause_until")
    if not value:
        return None
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def next_nudge_at(after: datetime, settings: dict[str, Any], tz: str) -> datetime | None:
    """When this user's next daily nudge is due, or None if nudges are off."""
    nudge = settings.get("nudge") or {}
    at = parse_hhmm(str(nudge.get("time", ""))) if nudge.get("on") else None
    if at is None:
        return None
    paused = pause_until(settings)
    return next_local(after, at, tz, not_before=paused if paused and paused > after else None)


def _reschedule_nudge(turn: Turn) -> None:
    """Replace the pending nudge after any change of time, zone or pause (supersede, never pile up)."""
    due = next_nudge_at(turn.now, turn.settings, turn.tz)
    if due is None:
        turn.uow.cancel_kinds.append("nudge")
        return
    turn.uow.schedule.append(ScheduleWrite(kind="nudge", due_at=due, chat_id=turn.chat_id))
    turn.data["next_at"] = turn.engine.i18n.format_local_time(due, turn.locale, turn.tz)


def _describe(turn: Turn) -> None:
    nudge = turn.settings.get("nudge") or {}
    turn.data["state"] = "on" if nudge.get("on") else "off"
    turn.data["time"] = str(nudge.get("time") or DEFAULT_NUDGE)
    turn.data["tz"] = turn.tz
    quiet = quiet_from_settings(turn.settings)
    turn.data["quiet"] = str(quiet) if quiet else "off"


def _set_nudge(turn: Turn, at: time) -> bool:
    """Turn nudges on at ``at`` local time; refused (with an error reply) inside quiet hours."""
    quiet = quiet_from_settings(turn.settings)
    if quiet is not None and quiet.contains(at):
        turn.say("nudge-in-quiet", kind="error", time=format_hhmm(at), quiet=str(quiet))
        return False
    turn.uow.settings_patch["nudge"] = {"on": True, "time": format_hhmm(at)}
    _describe(turn)
    _reschedule_nudge(turn)
    return True


def _nudges_off(turn: Turn) -> None:
    turn.uow.settings_patch["nudge"] = {"on": False}
    turn.uow.cancel_kinds.append("nudge")


async def route_nudge_command(turn: Turn) -> str:
    """``/nudge``: the menu; ``/nudge 09:00``, ``/nudge off`` and ``/nudge on`` act straight away."""
    value = command_args(turn).lower()
    _describe(turn)
    if not value:
        return "menu"
    if value in _OFF:
        _nudges_off(turn)
        return "off"
    at = parse_hhmm(turn.data["time"] if value in _ON else value)
    if at is None:
        turn.say("nudge-invalid", kind="error", value=value[:24])
        return "end"
    return "saved" if _set_nudge(turn, at) else "end"


T = TypeVar("T")


def _typed(turn: Turn, parse: Callable[[str], T | None], error_key: str, shown: int) -> T | None:
    """Parse what the user typed at a settings question; a value we cannot read gets an error
    that repeats (a bounded part of) it, and the question is asked again by the caller."""
    typed = str(turn.data.pop("typed", ""))
    value = parse(typed)
    if value is None:
        turn.say(error_key, kind="error", value=typed[:shown])
    return value


async def save_nudge_choice(turn: Turn) -> str | None:
    at = parse_hhmm(str(turn.data.get("time", "")))
    if at is None or not _set_nudge(turn, at):
        return "menu"
    return None


async def save_typed_nudge(turn: Turn) -> str | None:
    at = _typed(turn, parse_hhmm, "nudge-invalid", 24)
    if at is None:
        return "ask_time"
    return None if _set_nudge(turn, at) else "ask_time"


async def turn_nudges_off(turn: Turn) -> str | None:
    _nudges_off(turn)
    return None


def _set_zone(turn: Turn, zone: str) -> None:
    turn.uow.user_fields["tz"] = zone
    turn.data["tz"] = zone
    turn.data["local_now"] = turn.engine.i18n.format_local_time(turn.now, turn.locale, zone)
    if (turn.settings.get("nudge") or {}).get("on"):
        _reschedule_nudge(turn)
    # The journal's weekly summary keeps its local day and hour too (imported here: bot.journal
    # imports this module).
    from bot.journal.weekly import reschedule_if_on

    reschedule_if_on(turn)


async def route_timezone_command(turn: Turn) -> str:
    """``/timezone``: a short list by UTC offset; ``/timezone Europe/Madrid`` sets it directly."""
    value = command_args(turn)
    turn.data["tz"] = turn.tz
    if not value:
        return "pick"
    zone = parse_zone(value)
    if zone is None:
        turn.say("tz-invalid", kind="error", value=value[:40])
        return "end"
    _set_zone(turn, zone)
    return "saved"


async def save_zone_choice(turn: Turn) -> str | None:
    zone = parse_zone(str(turn.data.get("zone", "")))
    if zone is None:
        return "pick"
    _set_zone(turn, zone)
    return None


async def save_typed_zone(turn: Turn) -> str | None:
    zone = _typed(turn, parse_zone, "tz-invalid", 40)
    if zone is None:
        return "ask_zone"
    _set_zone(turn, zone)
    return None


def _pause(turn: Turn, days: int) -> None:
    until = turn.now + timedelta(days=days)
    turn.uow.settings_patch["pause_until"] = until.isoformat()
    turn.data["until"] = turn.engine.i18n.format_local_time(until, turn.locale, turn.tz)
    turn.data["days"] = days
    if (turn.settings.get("nudge") or {}).get("on"):
        _reschedule_nudge(turn)


async def route_pause_command(turn: Turn) -> str:
    """``/pause``: 1, 3 or 7 days; ``/pause 3d`` directly; ``/pause off`` resumes."""
    value = command_args(turn).lower()
    if not value:
        return "pick"
    if value in _OFF | {"resume", "reanudar"}:
        return "resumed" if await resume_nudges(turn) is None else "end"
    days = parse_pause(value)
    if days is None:
        turn.say("pause-invalid", kind="error", value=value[:24])
        return "end"
    _pause(turn, days)
    return "paused"


async def save_pause_choice(turn: Turn) -> str | None:
    _pause(turn, int(turn.data.get("days", 1)))
    return None


async def resume_nudges(turn: Turn) -> str | None:
    turn.uow.settings_patch["pause_until"] = None  # JSON merge-patch: null removes the key
    if (turn.settings.get("nudge") or {}).get("on"):
        _reschedule_nudge(turn)
    return None


def _set_quiet(turn: Turn, value: str) -> None:
    turn.uow.settings_patch["quiet"] = value
    turn.data["quiet"] = value


async def route_quiet_command(turn: Turn) -> str:
    """``/quiet``: the current window and choices; ``/quiet 22:00-08:00`` or ``/quiet off`` directly."""
    value = command_args(turn).lower()
    _describe(turn)
    if not value:
        return "pick"
    if value in _OFF:
        _set_quiet(turn, "off")
        return "saved_off"
    quiet = parse_quiet(value)
    if quiet is None:
        turn.say("quiet-invalid", kind="error", value=value[:24])
        return "end"
    _set_quiet(turn, str(quiet))
    return "saved"


async def save_quiet_choice(turn: Turn) -> str | None:
    value = str(turn.data.get("window", DEFAULT_QUIET))
    _set_quiet(turn, value if value == "off" else str(parse_quiet(value) or DEFAULT_QUIET))
    return "saved_off" if value == "off" else None


async def save_typed_quiet(turn: Turn) -> str | None:
    quiet = _typed(turn, parse_quiet, "quiet-invalid", 24)
    if quiet is None:
        return "ask_window"
    _set_quiet(turn, str(quiet))
    return None


ACTIONS: dict[str, Action] = {
    "save_nudge_choice": save_nudge_choice,
    "save_typed_nudge": save_typed_nudge,
    "turn_nudges_off": turn_nudges_off,
    "save_zone_choice": save_zone_choice,
    "save_typed_zone": save_typed_zone,
    "save_pause_choice": save_pause_choice,
    "resume_nudges": resume_nudges,
    "save_quiet_choice": save_quiet_choice,
    "save_typed_quiet": save_typed_quiet,
}
ROUTERS: dict[str, Router] = {
    "nudge_command": route_nudge_command,
    "timezone_command": route_timezone_command,
    "pause_command": route_pause_command,
    "quiet_command": route_quiet_command,
}
