"""Actions about the user's account: language, data export and deletion, deep-link starts."""

from __future__ import annotations

import json

from bot.replies import FileAttachment
from bot.turn import Action, Router, Turn


async def set_locale(turn: Turn) -> str | None:
    locale = turn.data.get("last_choice", "")
    if locale in turn.engine.i18n.locales:
        turn.uow.user_fields["locale"] = locale
        turn.uow.settings_patch["locale_chosen"] = True  # a first message's language no longer decides
        turn.locale = locale
    return None


async def export_data(turn: Turn) -> str | None:
    """Attach a JSON file of everything stored about the user to the next reply."""
    data = await turn.engine.store.export_user(turn.user_key)
    if (circles := turn.engine.features.get("circles")) is not None:
        # Live circle asks hold the asker only sealed, so the export finds them through the circles.
        data["circle_asks"] = await circles.asks.export(turn.user_key)
    data["exported_at"] = turn.now.isoformat()
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    turn.pending_file = FileAttachment(name="groundwork-mydata.json", data=body)
    return None


async def forget_user(turn: Turn) -> str | None:
    """Delete every row about the user in this turn's one transaction; live circle posts go first."""
    if (circles := turn.engine.features.get("circles")) is not None:
        await circles.asks.forget(turn.user_key)
    turn.uow.forget = True
    turn.uow.user_fields.clear()
    turn.uow.settings_patch.clear()
    turn.uow.journal.clear()
    turn.uow.schedule.clear()
    return None


async def route_start_payload(turn: Turn) -> str:
    """``/start trigger`` (a deep link from a group) opens that flow straight away."""
    payload = str(turn.data.get("args", "")).strip().lower()
    flow_id = turn.engine.command_flows.get(payload)
    if flow_id and flow_id != "start":
        turn.data.pop("args", None)
        return f"{flow_id}:"
    return "welcome"


ACTIONS: dict[str, Action] = {
    "set_locale": set_locale,
    "export_data": export_data,
    "forget_user": forget_user,
}
ROUTERS: dict[str, Router] = {"start_payload": route_start_payload}
