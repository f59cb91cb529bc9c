"""Actions of the scheduled flows: a follow-up's re-rating and reflection, a nudge's check-in and tip."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.scheduling.tips import pick_tip, tip_ids
from bot.turn import Action, Router, Turn

# What the pump is delivering right now. The engine hands ``deliver``'s data to the flow,
# but its cross-flow filter keeps only a few keys, so the pump also sets this context.
TIP_MEMORY = timedelta(days=14)
KEEP_CHECKINS = 60
_TOPICS = frozenset({"texting", "comparison", "jealousy", "monitoring", "reassurance", "partner", "other"})


def delivered(turn: Turn) -> Mapping[str, Any]:
    """The due item's data, handed in by the pump when it entered the flow."""
    return turn.data.get("due") or {}


async def prepare_followup(turn: Turn) -> str | None:
    """Set up the question: the topic in general words (never the user's own), timing and earlier rating."""
    due = delivered(turn)
    payload = due.get("item") or {}
    topic = payload.get("topic") if payload.get("topic") in _TOPICS else "other"
    if payload.get("group"):
        topic = "group"  # in a shared chat not even the topic is named
    turn.data.pop("due", None)
    turn.data.update(
        timing="late" if due.get("late") else "ontime",
        about=turn.engine.i18n.text(turn.locale, f"followup-about-{topic}"),
        entry=payload.get("journal_id") or "",
    )
    before = payload.get("intensity")
    if isinstance(before, int) and 1 <= before <= 5:
        turn.data["before"] = before
    return None


async def rate_followup(turn: Turn) -> str | None:
    """Keep the new rating, in the journal entry the follow-up belongs to."""
    turn.keep_rating("after", after=True, entry_key="entry")
    return None


async def route_followup_reflection(turn: Turn) -> str:
    """Eased, rose, still strong, about the same, or nothing earlier to compare with (1 = calm)."""
    after, before = turn.data.get("after"), turn.data.get("before")
    if after is None:
        return "noted"
    if before is None:
        return "still_strong" if after >= 4 else "noted"
    if after < before:
        return "eased"
    if after > before:
        return "rose"  # "still strong" would be wrong after a rise from 2 to 4
    return "still_strong" if after >= 4 else "same"


async def prepare_nudge(turn: Turn) -> str | None:
    """Pick a tip this user has not seen for 14 days and remember that it was sent."""
    recent = await turn.engine.store.recent_tips(turn.user_key, turn.now - TIP_MEMORY)
    tip = pick_tip(tip_ids(turn.engine.i18n), recent, random.Random())
    turn.uow.tips.append(tip)
    turn.data.pop("due", None)
    turn.data["tip"] = turn.engine.i18n.text(turn.locale, f"tip-{tip}")
    return None


async def record_checkin(turn: Turn) -> str | None:
    """A one-tap check-in is kept with the user's settings (shown by /mydata, deleted by /forget)."""
    value = turn.chosen_rating()
    if value is None:
        return None
    history = list(turn.settings.get("checkins") or [])
    history.append([turn.now.strftime("%Y-%m-%d"), value])
    turn.uow.settings_patch["checkins"] = history[-KEEP_CHECKINS:]
    # 1 = calm ... 5 = very strong, like every other rating: a low number is a good day.
    turn.data["band"] = "high" if value <= 2 else "mid" if value == 3 else "low"
    return None


async def stop_nudges(turn: Turn) -> str | None:
    """The "stop these" button: nudges off and the pending one cancelled, in this same transaction."""
    turn.uow.settings_patch["nudge"] = {"on": False}
    turn.uow.cancel_kinds.append("nudge")
    return None


ACTIONS: dict[str, Action] = {
    "prepare_followup": prepare_followup,
    "rate_followup": rate_followup,
    "prepare_nudge": prepare_nudge,
    "record_checkin": record_checkin,
    "stop_nudges": stop_nudges,
}
ROUTERS: dict[str, Router] = {"followup_reflection": route_followup_reflection}
