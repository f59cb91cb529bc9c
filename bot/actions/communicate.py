"""The communicate draft: the user's words go into the line for their partner only when they
already speak to that partner ("you said you'd call"); words about them ("he said…") are shown
back beside the draft instead, so the draft never talks about the partner in the third person.
"""

from __future__ import annotations

import re
from typing import Any

from bot.turn import Action, Turn

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
NONE = "none"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def speaks_to_them(text: str, rules: dict[str, Any]) -> bool:
    """True when the words address the partner (second person) and never talk about them."""
    words = _words(text)
    if any(w in rules.get("about_them", ()) for w in words):
        return False
    endings = tuple(rules.get("to_them_endings", ()))
    return any(w in rules.get("to_them", ()) or (endings and w.endswith(endings)) for w in words)


def as_clause(text: str, rules: dict[str, Any]) -> str:
    """"When you said…" -> "you said…": no leading "when", no closing full stop, quotes or spaces."""
    clause = text.strip().strip("\"'“”«»").strip()
    for opener in rules.get("openers", ()):
        if clause.lower().startswith(opener + " "):
            clause = clause[len(opener) + 1:].lstrip(" ,")
            break
    clause = clause.rstrip(" .!…")
    keep_capital = tuple(rules.get("keep_capital", ()))
    if clause and not clause.startswith(keep_capital):
        clause = clause[0].lower() + clause[1:]
    return clause


async def prepare_draft(turn: Turn) -> str | None:
    """Fill ``said`` (a clause to the partner, or none) and ``aside`` (words about them, or none)."""
    rules = turn.engine.i18n.data(turn.locale, "draft") or {}
    words = str(turn.data.get("situation", NONE))
    said = as_clause(words, rules) if words != NONE else ""
    if said and speaks_to_them(said, rules):
        turn.data["said"], turn.data["aside"] = said, NONE
    else:
        # A single word ("skip", "nada") is no account of what happened: nothing to show back.
        worth_showing = len(_words(said)) > 1
        turn.data["said"], turn.data["aside"] = NONE, (words.strip() if worth_showing else NONE)
    return None


ACTIONS: dict[str, Action] = {"prepare_draft": prepare_draft}
