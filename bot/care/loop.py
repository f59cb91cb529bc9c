"""Loop awareness: the third trigger on one topic within a day offers "ride the wave" first."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.turn import Action, Router, Turn

WINDOW = timedelta(hours=24)
LOOP_AT = 3
WAVE_WAIT = timedelta(minutes=20)
# Someone who chose the full walk-through is not asked again for a while: naming the
# pattern at every return would start to feel like a verdict.
DECLINE_QUIET = timedelta(hours=6)
# "other" is too broad to call a pattern, and a partner-behaviour signal is a real concern,
# not a loop to ride out (VOICE.md: real signals are real).
NOT_A_LOOP = frozenset({"other", "partner"})


async def count_starts(turn: Turn) -> int:
    """How many trigger starts on this topic in the last day, this one included."""
    topic = turn.data.get("topic")
    rows = await turn.engine.store.recent_journal(turn.user_key, turn.now - WINDOW)
    this = turn.data.get("journal_id")
    return 1 + sum(1 for r in rows if r.get("topic") == topic and r.get("id") != this)


async def route_loop_check(turn: Turn) -> str:
    """Replaces the trigger's start router: ask what happened, spot a loop, or go on."""
    if not turn.data.get("text"):
        return "ask_what"
    if turn.data.get("topic") in NOT_A_LOOP or _declined_recently(turn):
        return "acknowledge"
    if await count_starts(turn) >= LOOP_AT:
        return "ride_wave:"
    return "acknowledge"


def _declined_recently(turn: Turn) -> bool:
    declined = turn.settings.get("wave_declined_at")
    return bool(declined) and turn.now - datetime.fromisoformat(str(declined)) < DECLINE_QUIET


async def decline_wave(turn: Turn) -> str | None:
    """The user asked for the full flow: remember it, so the pattern is not named again soon."""
    turn.uow.settings_patch["wave_declined_at"] = turn.now.isoformat()
    return None


async def name_loop(turn: Turn) -> str | None:
    turn.text_args["count"] = await count_starts(turn)
    return None


async def wave_before(turn: Turn) -> str | None:
    """Record the urge before waiting, and when the 20 minutes are up."""
    turn.keep_rating("wave_before")
    turn.data["wave_started"] = turn.now.isoformat()
    back_at = turn.now + WAVE_WAIT
    turn.data["back_at"] = turn.engine.i18n.format_local_time(back_at, turn.locale, turn.tz).split(" ")[-1]
    return None


async def route_wave_back(turn: Turn) -> str:
    """Coming back early gets a gentle offer to wait a little longer, never a block."""
    started = turn.data.get("wave_started")
    if started and turn.data.get("last_choice") == "back":
        elapsed = turn.now - datetime.fromisoformat(started)
        if elapsed < WAVE_WAIT:
            turn.data["minutes"] = max(1, int(elapsed.total_seconds() // 60))
            return "early"
    return "rerate"


async def wave_after(turn: Turn) -> str | None:
    turn.keep_rating("wave_after", after=True)
    return None


async def route_wave_result(turn: Turn) -> str:
    before, after = turn.data.get("wave_before"), turn.data.get("wave_after")
    turn.data["before"], turn.data["after"] = before or "?", after or "?"
    if isinstance(before, int) and isinstance(after, int) and after != before:
        return "lower" if after < before else "higher"
    return "same"


ACTIONS: dict[str, Action] = {
    "name_loop": name_loop, "wave_before": wave_before, "wave_after": wave_after, "decline_wave": decline_wave,
}
ROUTERS: dict[str, Router] = {
    "loop_check": route_loop_check,
    "wave_back": route_wave_back,
    "wave_result": route_wave_result,
}
