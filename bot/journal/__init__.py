"""/journal: the user's moments listed, pictured by week or month, summarised weekly, exported as CSV."""

from __future__ import annotations

from bot.journal import export, listing, picture, weekly
from bot.scheduling.settings import command_args
from bot.turn import Action, Router, Turn

_WEEK = frozenset({"week", "semana", "7", "7d"})
_MONTH = frozenset({"month", "mes", "30", "30d"})
_WEEKLY = frozenset({"weekly", "semanal"})
_ON = frozenset({"on", "yes", "si", "sí", "activar"})
_OFF = frozenset({"off", "no", "stop", "desactivar"})


async def route_journal_command(turn: Turn) -> str:
    """``/journal``, ``/journal week|month``, ``/journal weekly [on [day] [time] | off]``."""
    if turn.data.get("due") is not None:
        return "weekly"  # the pump delivering the weekly summary
    words = command_args(turn).lower().split()
    if not words:
        return await listing.show_first_page(turn)
    head, rest = words[0], words[1:]
    if head in _WEEK | _MONTH and not rest:
        turn.data["period"] = "week" if head in _WEEK else "month"
        return "picture"
    if head in _WEEKLY:
        if not rest:
            weekly.describe(turn)
            return "weekly_state"
        if rest[0] in _OFF and len(rest) == 1:
            return weekly.turn_off(turn)
        return weekly.turn_on(turn, rest[1:] if rest[0] in _ON else rest)
    turn.say("journal-usage", kind="error")
    return "end"


ACTIONS: dict[str, Action] = {
    "next_journal_page": listing.next_journal_page,
    "pick_journal_entry": listing.pick_journal_entry,
    "delete_journal_entry": listing.delete_journal_entry,
    "draw_journal": picture.draw_journal,
    "prepare_weekly": picture.prepare_weekly,
    "export_journal_csv": export.export_journal_csv,
}
ROUTERS: dict[str, Router] = {
    "journal_command": route_journal_command,
    "journal_pattern": picture.route_journal_pattern,
    "weekly_footer": picture.route_weekly_footer,
}
