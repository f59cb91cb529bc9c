"""After a crisis or abuse reply, words typed instead of a button are heard, not refused."""

from __future__ import annotations

from bot.care.reflection import is_typed_choice
from bot.safety.resources import load_resources
from bot.turn import Action, Turn

STAY_FLOWS = frozenset({"crisis", "abuse"})


async def stay_interceptor(turn: Turn, text: str) -> str | None:
    """Someone who keeps writing after the crisis reply gets "I'm listening", never "tap a button"."""
    if turn.flow not in STAY_FLOWS:
        return None
    step = turn.engine.current_step(turn)
    if step is None or step.input is not None or is_typed_choice(turn, text):
        return None
    return f"{turn.flow}:heard"


async def let_words_go(turn: Turn) -> str | None:
    """Words written in a crisis are answered, not kept: they never reach the conversation row."""
    turn.data.pop("said", None)
    turn.data.pop("text", None)
    return None


async def hear(turn: Turn) -> str | None:
    """Answer what they wrote with the line again, keeping none of their words."""
    await let_words_go(turn)
    return await load_resources(turn)


ACTIONS: dict[str, Action] = {"let_words_go": let_words_go, "hear": hear}
