"""Follow-ups and daily nudges: the pump, local-time rules, tips, the settings commands and /stop's offer."""

from __future__ import annotations

from bot.scheduling import items, settings, stop
from bot.turn import Action, Router

ACTIONS: dict[str, Action] = {**items.ACTIONS, **settings.ACTIONS, **stop.ACTIONS}
ROUTERS: dict[str, Router] = {**items.ROUTERS, **settings.ROUTERS, **stop.ROUTERS}

__all__ = ["ACTIONS", "ROUTERS"]
