"""Follow-ups and daily nudges: the pump, local-time rules, tips and the settings commands."""

from __future__ import annotations

from bot.scheduling import items, settings
from bot.turn import Action, Router, Turn

ACTIONS: dict[str, Action] = {**items.ACTIONS, **settings.ACTIONS}
ROUTERS: dict[str, Router] = {**items.ROUTERS, **settings.ROUTERS}


def stop_everything(turn: Turn, *, nudges: bool) -> bool:
    """``/stop`` and ``/cancel`` drop pending follow-ups; ``/stop`` also turns daily nudges and weekly summaries off.

    Returns True when daily nudges were on and are now off (worth telling the user).
    """
    turn.uow.cancel_kinds.append("followup")
    if not nudges:
        return False
    turn.uow.cancel_kinds.append("nudge")
    # The journal's weekly summary is scheduled too (bot/journal/weekly.py): /stop ends it as well.
    turn.uow.cancel_kinds.append("journal_weekly")
    if (turn.settings.get("journal_weekly") or {}).get("on"):
        turn.uow.settings_patch["journal_weekly"] = {"on": False}
        turn.say("journal-weekly-stopped")
    if (turn.settings.get("nudge") or {}).get("on"):
        turn.uow.settings_patch["nudge"] = {"on": False}
        return True
    return False

__all__ = ["ACTIONS", "ROUTERS", "stop_everything"]
