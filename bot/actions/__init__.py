"""Named actions and routers that flow files refer to; the composition root gathers them."""

from __future__ import annotations

from bot import care, journal, scheduling
from bot.actions import account, communicate, trigger
from bot.circles import flow as circle_flow
from bot.safety import resources, resume
from bot.turn import Action, Router


def core_actions() -> dict[str, Action]:
    """Every action the core flows use, by the name a flow file gives it."""
    return {**trigger.ACTIONS, **account.ACTIONS, **communicate.ACTIONS, **resources.ACTIONS, **resume.ACTIONS,
            **scheduling.ACTIONS, **care.ACTIONS, **journal.ACTIONS, **circle_flow.ACTIONS}


def core_routers() -> dict[str, Router]:
    """Every router the core flows use, by the name a flow file gives it."""
    return {**trigger.ROUTERS, **account.ROUTERS, **scheduling.ROUTERS, **care.ROUTERS, **journal.ROUTERS,
            **circle_flow.ROUTERS}
