"""After the abuse path, never coach the user to "communicate" with a partner who may be violent.

The abuse path remembers, in the user's settings (shown by /mydata, erased by /forget), that
they described violence or control; the trigger and communicate flows then offer safety and
support instead of a script for talking to that partner. "You misunderstood me" clears it.
"""

from __future__ import annotations

from bot.turn import Action, Turn

FLAG = "partner_unsafe"


def partner_unsafe(turn: Turn) -> bool:
    return bool(turn.settings.get(FLAG))


async def flag_partner_unsafe(turn: Turn) -> str | None:
    turn.uow.settings_patch[FLAG] = turn.now.date().isoformat()
    return None


async def clear_partner_unsafe(turn: Turn) -> str | None:
    turn.uow.settings_patch[FLAG] = None  # json_patch removes a key set to null
    return None


ACTIONS: dict[str, Action] = {
    "flag_partner_unsafe": flag_partner_unsafe,
    "clear_partner_unsafe": clear_partner_unsafe,
}
