"""Actions and routers of ``flows/circle_ask.yaml``: choosing a circle, the draft, posting, withdrawing.

They reach the circle service through ``engine.features["circles"]`` (set by the composition
root); without it (a build with no circles) every entry says circles live in groups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.circles.draft import MAX_POST_CHARS, draft_ask
from bot.turn import Action, Router, Turn
from storage.circle_asks import Asker

if TYPE_CHECKING:
    from bot.circles.asking import AskService

ASK_WORDS = frozenset({"ask", "preguntar", "pregunta"})
_WITHDRAW_WORDS = frozenset({"withdraw", "retirar", "retira"})
_REFUSALS = {"member": "not_member", "blocked": "blocked", "user_cap": "limit_user",
             "circle_cap": "limit_circle", "gone": "failed", "failed": "failed"}


def _asks(turn: Turn) -> AskService | None:
    circles = turn.engine.features.get("circles")
    return getattr(circles, "asks", None)


async def _load_circles(turn: Turn, asks: AskService) -> int:
    """Keep the user's circles in the conversation (keys and titles); returns how many."""
    found = await asks.store.memberships(turn.user_key)
    turn.data["circle_keys"] = [m.circle_key for m in found]
    turn.data["circle_titles"] = [m.title for m in found]
    _show_circle(turn, 0)
    return len(found)


def _show_circle(turn: Turn, index: int) -> None:
    keys = turn.data.get("circle_keys") or []
    if not keys:
        return
    index %= len(keys)
    turn.data["circle_i"] = index
    title = (turn.data.get("circle_titles") or [""] * len(keys))[index]
    turn.data["circle"] = title or turn.engine.i18n.text(turn.locale, "circle-ask-untitled", n=index + 1)


async def route_start(turn: Turn) -> str:
    """``/circle ask [words]``, ``/circle withdraw``, ``/circle`` alone, or the offer at the diagnostic question."""
    args = str(turn.data.pop("args", "")).strip()
    if not args and turn.data.get("journal_id"):
        return "from_trigger"  # only the trigger flow carries a journal entry in here; a command starts afresh
    verb, _, rest = args.partition(" ")
    asks = _asks(turn)
    if asks is None:
        return "groups_only"
    count = await _load_circles(turn, asks)
    if verb.lower() in _WITHDRAW_WORDS:
        return "withdraw"
    if verb.lower() not in ASK_WORDS:
        return "overview" if count else "groups_only"
    if not count:
        return "not_member"
    if rest.strip():
        turn.data["ask_text"] = rest.strip()
    return "pick" if count > 1 else await route_picked(turn)


async def route_from_trigger(turn: Turn) -> str:
    """From "I'm not sure" at the diagnostic question: the words they wrote are the first draft."""
    asks = _asks(turn)
    count = await _load_circles(turn, asks) if asks is not None else 0
    if not count:
        return "not_member"
    if turn.data.get("text"):
        turn.data["ask_text"] = str(turn.data["text"])
    return "pick" if count > 1 else await route_picked(turn)


async def route_after_pick(turn: Turn) -> str:
    return "pick" if len(turn.data.get("circle_keys") or []) > 1 else await route_picked(turn)


async def route_picked(turn: Turn) -> str:
    return "draft" if turn.data.get("ask_text") else "write"


async def route_member_offer(turn: Turn) -> str:
    """At "I'm not sure": offer asking a circle only to someone who joined one."""
    asks = _asks(turn)
    if asks is not None and await asks.store.memberships(turn.user_key):
        return "circle_offer"
    return "ask_familiar"


async def route_back_to_trigger(turn: Turn) -> str:
    """After posting from the diagnostic question, carry on sorting it out there."""
    return "trigger:ask_familiar" if turn.data.get("journal_id") else "end"


async def next_circle(turn: Turn) -> str | None:
    _show_circle(turn, int(turn.data.get("circle_i", 0)) + 1)
    return None


async def overview(turn: Turn) -> str | None:
    """``circle_overview``: the circles the user joined, and how many of their asks are live."""
    asks = _asks(turn)
    titles = [t or turn.engine.i18n.text(turn.locale, "circle-ask-untitled", n=i + 1)
              for i, t in enumerate(turn.data.get("circle_titles") or [])]
    turn.data["circles"] = ", ".join(titles)
    turn.data["live"] = len(await asks.store.asks_of(turn.user_key)) if asks is not None else 0
    return None


async def make_draft(turn: Turn) -> str | None:
    """Screen, then take out what identifies anyone; the step shows exactly what would be posted."""
    words = str(turn.data.get("ask_text", ""))
    signal = turn.engine.safety.screen(words, turn.locale)
    # "open": crisis or abuse. An "ask" was already put to them by the engine's own screen when
    # they typed these words (every typed message goes through it first), and they said they are safe.
    if signal is not None and signal.level == "open":
        # Never posted: the private safety path instead, and the words are not kept here.
        turn.data.pop("ask_text", None)
        turn.data.pop("draft", None)
        turn.data["signal"] = signal.reason
        return f"{signal.kind}:"
    draft = draft_ask(words)
    turn.data.pop("draft", None)
    if not draft.text.replace("[…]", "").strip(" .,;:!?¿¡-"):
        return "empty"
    if draft.too_long:
        turn.data["length"] = len(draft.text)
        turn.data["limit"] = MAX_POST_CHARS
        return "too_long"
    turn.data["draft"] = draft.text
    i18n = turn.engine.i18n
    removed = ", ".join(i18n.text(turn.locale, f"circle-ask-removed-{kind}") for kind in draft.removed)
    turn.data["removed"] = i18n.text(turn.locale, "circle-ask-removed", what=removed) if removed else ""
    return None


async def post(turn: Turn) -> str | None:
    """Only on "Post it": the draft exactly as shown goes to the chosen circle."""
    asks = _asks(turn)
    keys = turn.data.get("circle_keys") or []
    draft = turn.data.get("draft")
    if asks is None or not keys or not draft:
        return "failed"
    circle_key = keys[int(turn.data.get("circle_i", 0)) % len(keys)]
    asker = Asker(turn.user_key, turn.chat_id, turn.locale)
    status, ask = await asks.post(circle_key, asker, str(draft), turn.now)
    if ask is None:
        return _REFUSALS.get(status, "failed")
    # The words are in the post now; the conversation keeps only its code and id.
    turn.data.pop("ask_text", None)
    turn.data.pop("draft", None)
    turn.data["code"] = ask.code
    turn.data["ask_id"] = ask.ask_id
    return None


async def withdraw_posted(turn: Turn) -> str | None:
    asks = _asks(turn)
    ask_id = turn.data.get("ask_id")
    turn.data["count"] = await asks.withdraw(turn.user_key, [int(ask_id)]) if asks and ask_id else 0
    return None


async def withdraw_list(turn: Turn) -> str | None:
    asks = _asks(turn)
    live = await asks.store.asks_of(turn.user_key) if asks is not None else []
    if not live:
        return "withdraw_none"
    turn.data["codes"] = ", ".join(a.code for a in live)
    turn.data["count"] = len(live)
    return None


async def withdraw_all(turn: Turn) -> str | None:
    asks = _asks(turn)
    turn.data["count"] = await asks.withdraw(turn.user_key) if asks is not None else 0
    return None


ACTIONS: dict[str, Action] = {
    "circle_next": next_circle,
    "circle_overview": overview,
    "circle_draft": make_draft,
    "circle_post": post,
    "circle_withdraw_posted": withdraw_posted,
    "circle_withdraw_list": withdraw_list,
    "circle_withdraw_all": withdraw_all,
}
ROUTERS: dict[str, Router] = {
    "circle_start": route_start,
    "circle_from_trigger": route_from_trigger,
    "circle_after_pick": route_after_pick,
    "circle_picked": route_picked,
    "circle_member_offer": route_member_offer,
    "circle_back_to_trigger": route_back_to_trigger,
}
