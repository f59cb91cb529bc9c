"""Localized resources for the crisis and abuse replies, from the reviewed helpline file.

Only ``locales/helplines.yaml`` is read; nothing is generated or looked up at run time.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import I18n
from bot.turn import Action, Turn

CONTACT_WAYS = ("call", "call_local", "text", "whatsapp", "chat", "web")
KINDS = ("crisis", "abuse")


def helplines(i18n: I18n) -> dict[str, Any]:
    """The reviewed helpline file (``locales/helplines.yaml``) as data."""
    return i18n.shared("helplines") or {}


def country_codes(i18n: I18n) -> tuple[str, ...]:
    """Every country with reviewed lines, as ISO codes (``US``, ``GB``...)."""
    return tuple((helplines(i18n).get("countries") or {}).keys())


def line_for(i18n: I18n, country: str | None, kind: str) -> dict[str, Any] | None:
    """The one most relevant line for this country and kind, or None when we have none."""
    entry = (helplines(i18n).get("countries") or {}).get(country or "") or {}
    line = entry.get(kind)
    return line if isinstance(line, dict) else None


def describe_line(i18n: I18n, locale: str, entry: dict[str, Any]) -> str:
    """'Samaritans: call 116 123, day and night.' in the user's language."""
    ways = [_contact(i18n, locale, entry, way) for way in CONTACT_WAYS if entry.get(way)]
    open_247 = str(entry.get("hours", "")).startswith("24/7")
    return i18n.text(locale, "resource-line", name=entry["name"], how=", ".join(ways),
                     open=i18n.text(locale, "resource-open-247") if open_247 else "")


def _contact(i18n: I18n, locale: str, entry: dict[str, Any], way: str) -> str:
    """One way to reach a line, worded whole by the locale ("envía START al 88788")."""
    if way == "text" and entry.get("text_keyword"):
        return i18n.text(locale, "resource-text-keyword", value=str(entry[way]), keyword=str(entry["text_keyword"]))
    key = f"resource-{way.replace('_', '-')}"
    return i18n.text(locale, key, value=str(entry[way]), area=str(entry.get(f"{way}_area", "")))


def resource_args(i18n: I18n, locale: str, country: str | None, kind: str) -> dict[str, str]:
    """Text arguments for a crisis or abuse reply: the one line, the emergency number, the directory."""
    data = helplines(i18n)
    entry = (data.get("countries") or {}).get(country or "") or {}
    if entry.get("emergency"):
        emergency = i18n.text(locale, "resource-emergency", number=str(entry["emergency"]))
    else:
        emergency = i18n.text(locale, "resource-emergency-unknown")
    line = line_for(i18n, country, kind)
    described = describe_line(i18n, locale, line) if line else i18n.text(locale, "resource-none")
    directory = str((data.get("directory") or {}).get("url", "findahelpline.com"))
    which = "known" if line else "unknown"
    return {
        "emergency_line": emergency,
        "directory_line": i18n.text(locale, f"resource-directory-{which}", directory=directory),
        "known": "yes" if line else "no",
        "emergency": str(entry.get("emergency", "112 / 911")),
        f"{kind}_line": described,
        "directory": directory,
    }


async def load_resources(turn: Turn) -> str | None:
    """Fill the text arguments for the current crisis or abuse step from the user's country."""
    kind = "abuse" if turn.flow == "abuse" else "crisis"
    turn.text_args.update(resource_args(turn.engine.i18n, turn.locale, turn.country, kind))
    return None


ACTIONS: dict[str, Action] = {"load_resources": load_resources}
