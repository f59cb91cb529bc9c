"""The user's country, asked once and lightly the first time support lines are shown."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from bot.safety.resources import country_codes, helplines
from bot.turn import Action, Router, Turn

OTHER = "other"


@cache
def zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country (``Europe/Madrid`` -> ``ES``), from the tz database's zone.tab."""
    table = files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}


def country_order(turn: Turn) -> list[str]:
    """Country choice ids, the likeliest first: the time zone's country, then those of the language."""
    countries = helplines(turn.engine.i18n).get("countries") or {}
    here = zone_countries().get(turn.tz)

    def rank(code: str) -> int:
        if code == here:
            return 0
        return 1 if turn.locale in (countries[code].get("languages") or ()) else 2

    return [c.lower() for c in sorted(countries, key=rank)] + [OTHER]


def country_name(turn: Turn, code: str | None) -> str:
    """The localized name of a country we have lines for (``country-xx`` key)."""
    return turn.engine.i18n.text(turn.locale, f"country-{(code or OTHER).lower()}")


def needs_country(turn: Turn) -> bool:
    """Ask only when no country is stored and we have not asked before (asked once)."""
    return turn.country is None and not turn.settings.get("country_asked")


async def set_country(turn: Turn) -> str | None:
    """Store the pressed country (``other`` clears it) and remember that we asked."""
    code = str(turn.data.pop("country", "") or "").upper()
    turn.uow.settings_patch["country_asked"] = True
    if code in country_codes(turn.engine.i18n):
        turn.uow.user_fields["country"] = code
        turn.data["country_set"] = code
    else:
        turn.uow.user_fields["country"] = None
        turn.data["country_set"] = OTHER
    turn.text_args["name"] = country_name(turn, turn.data["country_set"])
    turn.text_args["directory"] = str((helplines(turn.engine.i18n).get("directory") or {}).get("url", ""))
    return None


async def mark_asked(turn: Turn) -> str | None:
    """The country question is shown: never ask it unprompted again; likeliest countries first."""
    turn.uow.settings_patch["country_asked"] = True
    turn.data["choice_order"] = country_order(turn)
    return None


async def show_country(turn: Turn) -> str | None:
    """Say which country is set now, for /country; the likeliest countries come first."""
    i18n = turn.engine.i18n
    turn.data["choice_order"] = country_order(turn)
    if turn.country:
        turn.text_args["current"] = i18n.text(turn.locale, "country-current", name=country_name(turn, turn.country))
    else:
        turn.text_args["current"] = i18n.text(turn.locale, "country-current-none")
    return None


async def route_crisis_country(turn: Turn) -> str:
    return "ask_country" if needs_country(turn) else "ground"


async def route_abuse_country(turn: Turn) -> str:
    return "ask_country" if needs_country(turn) else "line"


async def route_crisis_country_chosen(turn: Turn) -> str:
    return "ground" if turn.data.get("country_set") == OTHER else "line"


async def route_country_done(turn: Turn) -> str:
    return "done_other" if turn.data.get("country_set") == OTHER else "done"


ACTIONS: dict[str, Action] = {
    "set_country": set_country, "show_country": show_country, "mark_country_asked": mark_asked,
}
ROUTERS: dict[str, Router] = {
    "crisis_country": route_crisis_country,
    "abuse_country": route_abuse_country,
    "country_done": route_country_done,
    "crisis_country_chosen": route_crisis_country_chosen,
}
