"""Platform updates handled outside the engine's unit of work (circle presses, room relays and
buttons, moderators' buttons, member updates), applied once when several workers share a database.

The handler names the update (``applying(key)``); the first write transaction those features open
through their stores (``storage/circles.py``'s ``_Db``, the press batch) records the update as
applied in that same transaction, next to its state change. A second delivery (a polling takeover,
a webhook retry) finds it applied and is refused (``AlreadyApplied``) before changing anything, so
the handler skips it. What such an update sends after its first write is not stored: a worker
killed between that commit and the send leaves it unsent (README "Deploy", windows that remain).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from storage.coordination import APPLIED
from storage.sqlite.store import AlreadyApplied

# A one-item list, so a transaction can mark the key recorded for the rest of the handler's task.
_PENDING: ContextVar[list[str | None] | None] = ContextVar("groundwork_update_once", default=None)
NOTHING_TO_SEND = "[]"


@contextmanager
def applying(key: str | None) -> Iterator[None]:
    """Within: the first write transaction of these features records ``key`` as applied (None: nothing)."""
    pending: list[str | None] = [key]
    token = _PENDING.set(pending if key is not None else None)
    try:
        yield
    finally:
        pending[0] = None  # tasks started inside keep a copy of the context: nothing is pending for them
        _PENDING.reset(token)


@contextmanager
def not_recorded() -> Iterator[None]:
    """A write that must not count as the update's application (it goes on to the engine, which records it)."""
    token = _PENDING.set(None)
    try:
        yield
    finally:
        _PENDING.reset(token)


def take() -> str | None:
    """The update key still to record in the transaction being opened, if any (then no longer pending)."""
    pending = _PENDING.get()
    if not pending or pending[0] is None:
        return None
    key, pending[0] = pending[0], None
    return key


def give_back(key: str) -> None:
    """The transaction that took ``key`` rolled back: the next write records it instead."""
    pending = _PENDING.get()
    if pending is not None and pending[0] is None:
        pending[0] = key


def record_args(key: str, sealer: Any) -> tuple[Any, ...]:
    """``APPLIED``'s parameters for an update with nothing stored to send."""
    return (key, int(time.time()), sealer.seal(NOTHING_TO_SEND), None)


async def record(tx: Any, key: str, sealer: Any) -> None:
    """Record ``key`` applied in the open transaction ``tx`` (``fetch``); ``AlreadyApplied`` if it was."""
    if not await tx.fetch(APPLIED, record_args(key, sealer)):
        raise AlreadyApplied(key)
