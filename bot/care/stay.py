"""After a crisis or abuse reply, words typed instead of a button are heard, not refused."""

from __future__ import annotations

from bot.care.reflection import is_typed_choice
from bot.turn import Turn

STAY_FLOWS = frozenset({"crisis", "abuse"})


async def stay_interceptor(turn: Turn, text: str) -> str | None:
    """Someone who keeps writing after the crisis reply gets "I'm listening", never "tap a button"."""
    if turn.flow not in STAY_FLOWS:
        return None
    step = turn.engine.current_step(turn)
    if step is None or step.input is not None or is_typed_choice(turn, text):
        return None
    return f"{turn.flow}:talk"
