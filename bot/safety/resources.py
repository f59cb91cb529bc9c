"""Localized resources for the crisis and abuse replies, from the reviewed helpline file."""

from __future__ import annotations

from typing import Any

from bot.turn import Action, Turn

CONTACT_WAYS = ("call", "text", "chat")


def describe_line(turn: Turn, entry: dict[str, Any]) -> str:
    """'Samaritans: call 116 123, text ...' in the user's language."""
    i18n = turn.engine.i18n
    ways = [i18n.text(turn.locale, f"resource-{way}", value=str(entry[way])) for way in CONTACT_WAYS if entry.get(way)]
    return i18n.text(turn.locale, "resource-line", name=entry["name"], how=", ".join(ways))


async def load_resources(turn: Turn) -> str | None:
    """Put the emergency number first, then the national line for the signal, then the directory."""
    i18n = turn.engine.i18n
    data = i18n.shared("helplines") or {}
    kind = "abuse" if turn.flow == "abuse" else "crisis"
    country = (data.get("countries") or {}).get(turn.country or "", {})
    if country:
        emergency = i18n.text(turn.locale, "resource-emergency", number=country["emergency"])
    else:
        emergency = i18n.text(turn.locale, "resource-emergency-unknown")
    line = country.get(kind)
    turn.text_args.update(
        emergency_line=emergency,
        crisis_line=describe_line(turn, line) if line and kind == "crisis" else i18n.text(turn.locale, "resource-none"),
        abuse_line=describe_line(turn, line) if line and kind == "abuse" else i18n.text(turn.locale, "resource-none"),
        directory=data.get("directory", {}).get("url", "findahelpline.com"),
    )
    return None


ACTIONS: dict[str, Action] = {"load_resources": load_resources}
