"""Care around the core flows: country, safety plan, reflection instead of reassurance, loop awareness,
small talk answered as small talk."""

from __future__ import annotations

from bot.care import country, device, loop, partner, plan, reflection, smalltalk, stay, typed
from bot.turn import Action, Router

ACTIONS: dict[str, Action] = {**country.ACTIONS, **plan.ACTIONS, **reflection.ACTIONS, **loop.ACTIONS, **stay.ACTIONS,
                              **partner.ACTIONS, **device.ACTIONS, **typed.ACTIONS}
ROUTERS: dict[str, Router] = {**country.ROUTERS, **plan.ROUTERS, **loop.ROUTERS, **smalltalk.ROUTERS,
                              **device.ROUTERS, **typed.ROUTERS}
