"""Typed words at a step that asks: acknowledged kindly and taken onwards, never refused.

Each step that asks a question declares an ``input`` in its flow; these are the actions that
need more than a fixed acknowledgement (``input.say``). Typed words are heard, not kept.
"""

from __future__ import annotations

from bot.care.country import set_country
from bot.care.smalltalk import fold
from bot.safety.resources import country_codes
from bot.turn import Action, Router, Turn

# A feeling named in a few words is echoed back; a longer message is thanked, not quoted.
NAMED_MAX_WORDS = 4
NAMED_MAX_CHARS = 40
# Grounding exercises whose text asks the user to name what they feel.
FEELING_EXERCISES = frozenset({"name"})


async def hear_feeling(turn: Turn) -> str | None:
    """After "name the feeling": say back the word or two they gave, then move on."""
    typed = " ".join(str(turn.data.get("typed") or "").split())
    short = typed and len(typed) <= NAMED_MAX_CHARS and len(typed.split()) <= NAMED_MAX_WORDS
    asked_for_a_feeling = turn.flow == "reflection" or turn.data.get("exercise") in FEELING_EXERCISES
    if short and asked_for_a_feeling:
        turn.say("heard-feeling", feeling=typed.strip(".!").lower())
    else:
        turn.say("heard-words")
    return None


async def decline_followup(turn: Turn) -> str | None:
    """Words instead of a check-in time: no check-in is scheduled, and the close says so."""
    turn.data["followup"] = "no"
    return None


async def typed_country(turn: Turn) -> str | None:
    """A country typed rather than picked: its name in any of our languages ("España", "Spain"),
    else "somewhere else", which points to the directory of lines in every country."""
    typed = fold(str(turn.data.get("typed") or ""))
    i18n = turn.engine.i18n
    names = {fold(i18n.text(loc, f"country-{code.lower()}")): code
             for code in country_codes(i18n) for loc in i18n.locales}
    turn.data["country"] = names.get(typed, "other")
    return await set_country(turn)


async def route_typed_partner(turn: Turn) -> str:
    """Words instead of yes/no to "has your partner been inconsistent?": a named signal is real."""
    reading = turn.engine.topics.read(str(turn.data.get("typed") or ""))
    if reading.signal != "none":
        turn.data.update(signal=reading.signal, route="relationship")
        return "relationship_path"
    turn.data["route"] = "internal"
    return "internal_path"


ACTIONS: dict[str, Action] = {"hear_feeling": hear_feeling, "decline_followup": decline_followup,
                              "typed_country": typed_country}
ROUTERS: dict[str, Router] = {"typed_partner": route_typed_partner}
