"""Run what falls due next, as the bot's loop would when its clock reaches it."""

from __future__ import annotations

from datetime import datetime

from bot.app import App
from bot.clock import FakeClock


async def run_next_due(app: App, clock: FakeClock) -> datetime:
    """Move ``clock`` to the next due time of ``app.due_pump()`` and run the pump then; returns that time."""
    pump = app.due_pump()
    assert pump is not None
    due = await pump.next_due_at()
    assert due is not None
    clock.set(due)
    await pump.run_due(clock.now())  # the clock never goes back: this is ``due`` unless it was already later
    return due
