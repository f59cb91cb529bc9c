"""After "No, I'm safe": carry on where the user was when the safety question interrupted them.

The screen reads every typed message in every flow, so the question can come in the middle
of a flow (an answer "in your own words", a follow-up reply). Answering "I'm safe" must not
cost them their place: their words are taken as the answer they were giving. With no flow
running, the safety_check flow goes on into the trigger flow with their words, as before.
"""

from __future__ import annotations

from typing import Any

from bot.turn import Action, Turn


async def resume_interrupted(turn: Turn) -> str | None:
    """Return to the interrupted step and apply the typed words to it; None when nothing was running."""
    resume: Any = turn.data.get("resume")
    if not isinstance(resume, dict):
        return None
    flows = turn.engine.flows
    flow_id, step_id = resume.get("flow"), resume.get("step")
    if flow_id not in flows or step_id not in flows[flow_id].steps:
        return None
    text = str(turn.data.get("text") or "")
    step = flows[flow_id].steps[step_id]
    turn.flow, turn.step = flow_id, step_id
    turn.data = dict(resume.get("data") or {})
    if step.input is not None and text:
        turn.data[step.input.save_as] = text[: step.input.max_chars]
        jump = await turn.engine.actions[step.input.action](turn) if step.input.action else None
        target = jump or step.input.next
    else:
        target = step_id  # a question with buttons: ask it again
    return target if ":" in target else f"{flow_id}:{target}"


ACTIONS: dict[str, Action] = {"resume_interrupted": resume_interrupted}
