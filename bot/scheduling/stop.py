"""After ``/stop``: offer, as a step of its own, to switch scheduled messages off as well."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.turn import Action, Router, Turn

_EVER = datetime(1970, 1, 1, tzinfo=UTC)


async def route_stop_offer(turn: Turn) -> str:
    """Offer only when something is scheduled for this private chat: a follow-up or daily check-ins."""
    if turn.event is not None and not turn.event.chat.private:
        return "end"
    nudges_on = bool((turn.settings.get("nudge") or {}).get("on"))
    pending = await turn.engine.store.has_pending_since(turn.user_key, turn.chat_id, _EVER)
    if not (nudges_on or pending):
        return "end"
    # A pending item with nudges off can only be a follow-up; with nudges on, ask the store.
    followup = pending and (not nudges_on or await _followup_pending(turn))
    turn.data["scheduled"] = "both" if nudges_on and followup else "nudges" if nudges_on else "followup"
    return "offer"


async def stop_scheduled(turn: Turn) -> str | None:
    """The user chose it: pending follow-ups and nudges cancelled, daily check-ins off, in one commit."""
    turn.uow.cancel_kinds += ["followup", "nudge"]
    if (turn.settings.get("nudge") or {}).get("on"):
        turn.uow.settings_patch["nudge"] = {"on": False}
    return None


async def _followup_pending(turn: Turn) -> bool:
    # The store has no per-kind query; /stop is rare enough to read the user's export for it.
    rows = (await turn.engine.store.export_user(turn.user_key)).get("scheduled") or []
    return any(r.get("kind") == "followup" and r.get("status") == "pending" for r in rows)


ACTIONS: dict[str, Action] = {"stop_scheduled": stop_scheduled}
ROUTERS: dict[str, Router] = {"stop_offer": route_stop_offer}
