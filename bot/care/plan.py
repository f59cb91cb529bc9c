"""The safety plan (/safetyplan): six skippable Stanley-Brown sections, stored per user."""

from __future__ import annotations

from typing import Any

from bot.replies import Reply
from bot.safety.resources import describe_line, helplines, line_for
from bot.turn import Action, Router, Turn

SECTIONS = ("warning_signs", "coping", "places", "people", "professionals", "safer")
MAX_MESSAGE = 600
MAX_SHOWN_ANSWER = 160
MAX_ANSWER = 300


async def stored_plan(turn: Turn) -> dict[str, Any]:
    """The plan with this turn's unsaved changes applied."""
    if turn.uow.safety_plan is not None:
        return dict(turn.uow.safety_plan)
    return dict(await turn.engine.store.safety_plan(turn.user_key))


def has_content(plan: dict[str, Any]) -> bool:
    return any(str(plan.get(s) or "").strip() for s in SECTIONS)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan_messages(turn: Turn, plan: dict[str, Any]) -> list[str]:
    """The plan as one or more messages of at most 600 characters each."""
    i18n = turn.engine.i18n
    lines = [i18n.text(turn.locale, "plan-title")]
    for section in SECTIONS:
        answer = str(plan.get(section) or "").strip()
        if answer:
            label = i18n.text(turn.locale, f"plan-label-{section}")
            lines.append(f"• {label}: {_clip(answer, MAX_SHOWN_ANSWER)}")
    messages: list[str] = []
    current = ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_MESSAGE and current:
            messages.append(current)
            current = line
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


async def show_plan(turn: Turn) -> str | None:
    """Put the stored plan before the step's own reply, as safety_plan messages."""
    plan = await stored_plan(turn)
    if has_content(plan):
        turn.data["plan"] = "shown"  # the close then doesn't suggest /safetyplan "for next time"
    for text in plan_messages(turn, plan) if has_content(plan) else []:
        turn.replies.append(Reply(kind="safety_plan", flow=turn.flow or "none", step=turn.step or "none",
                                  text=text, private=True))
    return None


async def prompt_section(turn: Turn) -> str | None:
    """Show what the user wrote before for this section, and a line suggestion for professionals."""
    i18n = turn.engine.i18n
    plan = await stored_plan(turn)
    value = str(plan.get(turn.step or "") or "").strip()
    turn.text_args["current"] = i18n.text(turn.locale, "plan-current", value=_clip(value, 80)) if value else ""
    if turn.step == "professionals":
        line = line_for(i18n, turn.country, "crisis")
        if line:
            described = describe_line(i18n, turn.locale, line)
            turn.text_args["hint"] = i18n.text(turn.locale, "plan-hint-line", line=described)
        else:
            directory = str((helplines(i18n).get("directory") or {}).get("url", ""))
            turn.text_args["hint"] = i18n.text(turn.locale, "plan-hint-none", directory=directory)
    return None


async def save_section(turn: Turn) -> str | None:
    """Save the answer to the section the user was asked, keeping the rest of the plan."""
    answer = str(turn.data.pop("answer", "") or "").strip()
    if turn.step not in SECTIONS or not answer:
        return None
    plan = await stored_plan(turn)
    plan[turn.step] = answer
    turn.uow.safety_plan = plan
    return None


async def keep_interrupted_answer(turn: Turn) -> str | None:
    """A crisis signal inside a safety-plan answer still opens the crisis path, but the answer
    ("thinking everyone is better off without me" is a warning sign) is kept in the plan."""
    text = turn.event.text if turn.event is not None else None
    if not text:
        return None
    conv = (await turn.engine.store.load(turn.user_key, turn.chat_id)).conversation
    live = conv is not None and (conv.expires_at is None or conv.expires_at > turn.now)
    if live and conv is not None and conv.flow == "safetyplan" and conv.step in SECTIONS:
        plan = await stored_plan(turn)
        plan[conv.step] = " ".join(text.split())[:MAX_ANSWER]
        turn.uow.safety_plan = plan
    return None


async def delete_plan(turn: Turn) -> str | None:
    turn.uow.safety_plan = {}
    return None


async def route_plan_start(turn: Turn) -> str:
    return "show" if has_content(await stored_plan(turn)) else "intro"


async def route_plan_end(turn: Turn) -> str:
    return "saved" if has_content(await stored_plan(turn)) else "nothing"


async def route_crisis_plan(turn: Turn) -> str:
    """Inside the crisis path, the user's own plan comes after the grounding step."""
    return "plan" if has_content(await stored_plan(turn)) else "stay"


ACTIONS: dict[str, Action] = {
    "show_plan": show_plan,
    "prompt_plan_section": prompt_section,
    "save_plan_section": save_section,
    "delete_plan": delete_plan,
    "keep_interrupted_answer": keep_interrupted_answer,
}
ROUTERS: dict[str, Router] = {
    "plan_start": route_plan_start,
    "plan_end": route_plan_end,
    "crisis_plan": route_crisis_plan,
}
