"""After the abuse path, scheduled messages are opt-in with care: nothing arrives unasked.

No follow-up is offered at the end of a worry, and turning daily check-ins on first asks, once,
whether messages arriving on this device are okay, in words that give nothing away if seen.
"""

from __future__ import annotations

from bot.care.partner import partner_unsafe
from bot.turn import Action, Router, Turn

DEVICE_OK = "device_ok"
_OFF_WORDS = frozenset({"off", "stop", "no"})


async def route_nudge_device(turn: Turn) -> str:
    """Before /nudge turns anything on after the abuse path, ask about the device (once)."""
    args = str(turn.data.get("args") or "").strip().lower()
    if not partner_unsafe(turn) or turn.settings.get(DEVICE_OK) or args in _OFF_WORDS:
        return "start"
    return "ask_device"


async def device_ok(turn: Turn) -> str | None:
    turn.uow.settings_patch[DEVICE_OK] = turn.now.date().isoformat()
    return None


async def route_followup_offer(turn: Turn) -> str:
    """The once-only check-in offer, except after the abuse path, where nothing is sent unasked."""
    if partner_unsafe(turn):
        turn.data["followup"] = "no"
        return "closing"
    return "followup_offer"


ACTIONS: dict[str, Action] = {"device_ok": device_ok}
ROUTERS: dict[str, Router] = {"nudge_device": route_nudge_device, "followup_offer": route_followup_offer}
