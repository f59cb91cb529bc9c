"""After ``/stop``: offer, as a step of its own, to switch scheduled messages off as well."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.care.partner import FLAG as PARTNER_UNSAFE
from bot.turn import Action, Router, Turn

_EVER = datetime(1970, 1, 1, tzinfo=UTC)


async def route_stop_offer(turn: Turn) -> str:
    """Offer only when something is scheduled for this private chat: a follow-up, daily check-ins, weekly summaries."""
    if turn.event is not None and not turn.event.chat.private:
        return "end"
    nudges_on = bool((turn.settings.get("nudge") or {}).get("on"))
    # A weekly summary held after the abuse path (bot/journal/weekly.py) will not come: not worth offering.
    weekly_set = bool((turn.settings.get("journal_weekly") or {}).get("on"))
    weekly_on = weekly_set and not turn.settings.get(PARTNER_UNSAFE)
    pending = await turn.engine.store.has_pending_since(turn.user_key, turn.chat_id, _EVER)
    if not (nudges_on or weekly_on or pending):
        return "end"
    # A pending item with nothing recurring on can only be a follow-up; otherwise ask the store.
    followup = pending and (not (nudges_on or weekly_set) or await _followup_pending(turn))
    kinds = [name for name, on in (("nudges", nudges_on), ("weekly", weekly_on), ("followup", followup)) if on]
    if not kinds:  # only a held weekly summary is pending: nothing will arrive, nothing to offer
        return "end"
    turn.data["scheduled"] = kinds[0] if len(kinds) == 1 else "several"
    return "offer"


async def stop_scheduled(turn: Turn) -> str | None:
    """The user chose it: everything pending cancelled, daily check-ins and weekly summaries off, in one commit."""
    # The journal's weekly summary (bot/journal/weekly.py) is scheduled too: "off" means all of it.
    turn.uow.cancel_kinds += ["followup", "nudge", "journal_weekly"]
    if (turn.settings.get("nudge") or {}).get("on"):
        turn.uow.settings_patch["nudge"] = {"on": False}
    if (turn.settings.get("journal_weekly") or {}).get("on"):
        turn.uow.settings_patch["journal_weekly"] = {"on": False}
        turn.say("journal-weekly-stopped")
    return None


async def _followup_pending(turn: Turn) -> bool:
    # The store has no per-kind query; /stop is rare enough to read the user's export for it.
    rows = (await turn.engine.store.export_user(turn.user_key)).get("scheduled") or []
    return any(r.get("kind") == "followup" and r.get("status") == "pending" for r in rows)


ACTIONS: dict[str, Action] = {"stop_scheduled": stop_scheduled}
ROUTERS: dict[str, Router] = {"stop_offer": route_stop_offer}
