"""Scheduled item kinds that other features register with the pump (the daily nudge is built in).

A recurring kind behaves like the nudge: sent at most once, skipped when stale, paused or held,
and each finished row stores the next one in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True, slots=True)
class RecurringKind:
    """How the pump treats one registered kind of repeating item (``RecurringKind``)."""

    target: str  # the flow step the engine enters to render it, e.g. "journal:weekly"
    # The next due time after an instant, from the user's settings and zone; None means "off".
    next_at: Callable[[datetime, dict[str, Any], str], datetime | None]
    max_late: timedelta
    # A reason to skip this one (and keep the next), e.g. a safety caution; None to send.
    held: Callable[[dict[str, Any]], str | None] = lambda _settings: None
